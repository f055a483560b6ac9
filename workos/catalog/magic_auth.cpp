// workos/catalog/magic_auth.cpp — the catalog table for User Management — Magic Auth.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view secret_code[] = {"code"};

constexpr operation rows[] = {
    {"magic_auth.create", "magic_auth",
     "Email a one-time sign-in code to an address (the code is withheld).",
     "POST", "/user_management/magic_auth",
     R"json({"type":"object","properties":{
  "email":{"description":"The email address to send the magic code to.","type":"string","format":"email"},
  "invitation_token":{"description":"The invitation token to associate with this magic code.","type":"string"},
  "ip_address":{"description":"The IP address of the user's request.","type":"string"},
  "user_agent":{"description":"The user agent string from the user's request.","type":"string"},
  "radar_auth_attempt_id":{"description":"The ID of an existing Radar authentication attempt to associate with this request.","type":"string"},
  "signals_id":{"description":"An optional Radar signals ID to correlate client-side signals with this request.","type":"string"}
},"required":["email"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_code, false},
    {"magic_auth.get", "magic_auth",
     "Read a magic-auth request (its code is withheld).",
     "GET", "/user_management/magic_auth/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the Magic Auth code.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_code, false},
};

}  // namespace

std::span<const operation> magic_auth_operations() { return rows; }

}  // namespace workos::catalog
