// workos/catalog/users.cpp — the catalog table for User Management — users, email verification, email change, password reset, sessions.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_query[] = {"before", "after", "limit", "order", "organization", "organization_id", "email"};
constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};
constexpr std::string_view secret_code[] = {"code"};
constexpr std::string_view secret_password_reset_token[] = {"password_reset_token", "password_reset_url"};

constexpr operation rows[] = {
    {"users.list", "users",
     "List users, optionally only those of an organization or with a given email.",
     "GET", "/user_management/users",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization":{"description":"Filter users by the organization they are a member of.","type":"string"},
  "organization_id":{"description":"Filter users by the organization they are a member of.","type":"string"},
  "email":{"description":"Filter users by their email address.","type":"string"}
},"additionalProperties":false})json",
     list_query, access_class::read, readers, {}, true},
    {"users.create", "users",
     "Create a user with an email, and optionally a name, password (or hash), metadata and external id.",
     "POST", "/user_management/users",
     R"json({"type":"object","description":"At most one of: password; or password_hash with password_hash_type.","properties":{
  "email":{"description":"The email address of the user.","type":"string","format":"email"},
  "first_name":{"description":"The first name of the user.","type":["string","null"]},
  "last_name":{"description":"The last name of the user.","type":["string","null"]},
  "name":{"description":"The user's full name.","type":["string","null"]},
  "email_verified":{"description":"Whether the user's email has been verified.","type":["boolean","null"]},
  "metadata":{"description":"Object containing metadata key/value pairs associated with the user.","type":["object","null"],"maxProperties":50,"additionalProperties":{"type":"string","maxLength":600}},
  "external_id":{"description":"The external ID of the user.","type":["string","null"],"maxLength":128,"pattern":"^[\\x00-\\x7F]+$"},
  "ip_address":{"description":"The IP address of the user's request.","type":["string","null"]},
  "user_agent":{"description":"The user agent string from the user's request.","type":["string","null"]},
  "signals_id":{"description":"An optional Radar signals ID to correlate client-side signals with this request.","type":"string"},
  "password":{"description":"The password to set for the user.","type":["string","null"]},
  "password_hash":{"description":"The hashed password to set for the user.","type":"string"},
  "password_hash_type":{"description":"The algorithm originally used to hash the password, used when providing a `password_hash`.","type":"string","enum":["bcrypt","firebase-scrypt","ssha","ssha256","scrypt","pbkdf2","argon2"]},
  "password_salt_position":{"description":"The position of the salt relative to the password when the `password_hash` digest was computed: `prefix` for `hash(salt + password)` or `suffix` for `hash(password + salt)`.","type":"string","enum":["prefix","suffix"]}
},"required":["email"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"users.get_by_external_id", "users",
     "Look up a user by the external id your system gave them.",
     "GET", "/user_management/users/external_id/{external_id}",
     R"json({"type":"object","properties":{
  "external_id":{"description":"The external ID of the user.","type":"string"}
},"required":["external_id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"users.get", "users",
     "Read one user: email, name, verification state, metadata.",
     "GET", "/user_management/users/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the user.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"users.update", "users",
     "Change a user: email, names, verification state, metadata, locale, password.",
     "PUT", "/user_management/users/{id}",
     R"json({"type":"object","description":"At most one of: password; or password_hash with password_hash_type.","properties":{
  "id":{"description":"The unique ID of the user.","type":"string"},
  "email":{"description":"The email address of the user.","type":"string","format":"email"},
  "first_name":{"description":"The first name of the user.","type":"string"},
  "last_name":{"description":"The last name of the user.","type":"string"},
  "name":{"description":"The user's full name.","type":"string"},
  "email_verified":{"description":"Whether the user's email has been verified.","type":"boolean"},
  "metadata":{"description":"Object containing metadata key/value pairs associated with the user.","type":["object","null"],"maxProperties":50,"additionalProperties":{"type":"string","maxLength":600}},
  "external_id":{"description":"The external ID of the user.","type":["string","null"],"maxLength":128,"pattern":"^[\\x00-\\x7F]+$"},
  "locale":{"description":"The user's preferred locale.","type":["string","null"]},
  "password":{"description":"The password to set for the user.","type":"string"},
  "password_hash":{"description":"The hashed password to set for the user.","type":"string"},
  "password_hash_type":{"description":"The algorithm originally used to hash the password, used when providing a `password_hash`.","type":"string","enum":["bcrypt","firebase-scrypt","ssha","ssha256","scrypt","pbkdf2","argon2"]},
  "password_salt_position":{"description":"The position of the salt relative to the password when the `password_hash` digest was computed: `prefix` for `hash(salt + password)` or `suffix` for `hash(password + salt)`.","type":"string","enum":["prefix","suffix"]}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"users.delete", "users",
     "Delete a user with their memberships, sessions and factors.",
     "DELETE", "/user_management/users/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the user.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"users.list_identities", "users",
     "List the OAuth and SSO identities linked to a user.",
     "GET", "/user_management/users/{id}/identities",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the user.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"users.list_sessions", "users",
     "List the sign-in sessions of a user.",
     "GET", "/user_management/users/{id}/sessions",
     R"json({"type":"object","properties":{
  "id":{"description":"The ID of the user.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"users.revoke_session", "users",
     "End a user session now; the user must sign in again.",
     "POST", "/user_management/sessions/revoke",
     R"json({"type":"object","properties":{
  "session_id":{"description":"The ID of the session to revoke.","type":"string"}
},"required":["session_id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"users.get_email_verification", "users",
     "Read an email-verification request (its code is withheld).",
     "GET", "/user_management/email_verification/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The ID of the email verification code.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_code, false},
    {"users.send_verification_email", "users",
     "Email a user a fresh verification code.",
     "POST", "/user_management/users/{id}/email_verification/send",
     R"json({"type":"object","properties":{
  "id":{"description":"The ID of the user.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"users.send_email_change", "users",
     "Start changing a user's email: mail a code to the new address.",
     "POST", "/user_management/users/{id}/email_change/send",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the user.","type":"string"},
  "new_email":{"description":"The new email address to change to.","type":"string"}
},"required":["id","new_email"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"users.create_password_reset", "users",
     "Start a password reset for an email address (the link is withheld).",
     "POST", "/user_management/password_reset",
     R"json({"type":"object","properties":{
  "email":{"description":"The email address of the user requesting a password reset.","type":"string","format":"email"}
},"required":["email"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_password_reset_token, false},
    {"users.get_password_reset", "users",
     "Read a password-reset request (its token and link are withheld).",
     "GET", "/user_management/password_reset/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The ID of the password reset token.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_password_reset_token, false},
    {"users.get_radar_challenge", "users",
     "Read a Radar sign-in challenge (its code is withheld).",
     "GET", "/user_management/radar_challenges/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Radar Challenge.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_code, false},
    {"users.list_feature_flags", "users",
     "List the feature flags that are on for a user.",
     "GET", "/user_management/users/{userId}/feature-flags",
     R"json({"type":"object","properties":{
  "userId":{"description":"The ID of the user.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["userId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
};

}  // namespace

std::span<const operation> users_operations() { return rows; }

}  // namespace workos::catalog
