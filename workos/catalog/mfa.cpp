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

constexpr std::string_view secret_challenge_code[] = {"challenge.code"};
constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};

constexpr operation rows[] = {
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
};

}  // namespace

std::span<const operation> mfa_operations() { return rows; }

}  // namespace workos::catalog
