// workos/catalog/mfa.cpp — the catalog table for Multi-factor authentication (standalone and user factors).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view secret_totp_secret[] = {"totp.secret", "totp.qr_code", "totp.uri"};
constexpr std::string_view secret_code[] = {"code"};
constexpr std::string_view secret_challenge_code[] = {"challenge.code"};
constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};
constexpr std::string_view secret_authentication_factor_totp_secret[] = {"authentication_factor.totp.secret", "authentication_factor.totp.qr_code", "authentication_factor.totp.uri", "authentication_challenge.code"};

constexpr operation rows[] = {
    {"mfa.enroll_factor", "mfa",
     "Enroll a standalone MFA factor (TOTP, SMS or generic OTP).",
     "POST", "/auth/factors/enroll",
     R"json({"type":"object","properties":{
  "type":{"description":"The type of factor to enroll.","type":"string","enum":["generic_otp","sms","totp"]},
  "phone_number":{"description":"Required when type is 'sms'.","type":"string"},
  "totp_issuer":{"description":"Required when type is 'totp'.","type":"string"},
  "totp_user":{"description":"Required when type is 'totp'.","type":"string"},
  "user_id":{"description":"The ID of the user to associate the factor with.","type":"string"}
},"required":["type"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_totp_secret, false},
    {"mfa.get_factor", "mfa",
     "Read one MFA factor.",
     "GET", "/auth/factors/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Factor.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"mfa.delete_factor", "mfa",
     "Delete an MFA factor.",
     "DELETE", "/auth/factors/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Factor.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"mfa.challenge_factor", "mfa",
     "Start a challenge against an MFA factor (an SMS is sent for SMS factors).",
     "POST", "/auth/factors/{id}/challenge",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Authentication Factor to be challenged.","type":"string"},
  "sms_template":{"description":"A custom template for the SMS message.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_code, false},
    {"mfa.verify_challenge", "mfa",
     "Check a code against an MFA challenge.",
     "POST", "/auth/challenges/{id}/verify",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Authentication Challenge.","type":"string"},
  "code":{"description":"The one-time code to verify.","type":"string"}
},"required":["id","code"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_challenge_code, false},
    {"mfa.list_user_factors", "mfa",
     "List the MFA factors of a user.",
     "GET", "/user_management/users/{userlandUserId}/auth_factors",
     R"json({"type":"object","properties":{
  "userlandUserId":{"description":"The ID of the user.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["userlandUserId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"mfa.enroll_user_factor", "mfa",
     "Enroll a TOTP factor for a user.",
     "POST", "/user_management/users/{userlandUserId}/auth_factors",
     R"json({"type":"object","properties":{
  "userlandUserId":{"description":"The ID of the user.","type":"string"},
  "type":{"description":"The type of the factor to enroll.","type":"string","enum":["totp"]},
  "totp_issuer":{"description":"Your application or company name displayed in the user's authenticator app.","type":"string"},
  "totp_user":{"description":"The user's account name displayed in their authenticator app.","type":"string"},
  "totp_secret":{"description":"The Base32-encoded shared secret for TOTP factors.","type":"string"}
},"required":["userlandUserId","type"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_authentication_factor_totp_secret, false},
};

}  // namespace

std::span<const operation> mfa_operations() { return rows; }

}  // namespace workos::catalog
