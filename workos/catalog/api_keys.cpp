// workos/catalog/api_keys.cpp — the catalog table for API keys (listing, validation, expiry, deletion).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};
constexpr std::string_view list_for_user_query[] = {"before", "after", "limit", "order", "organization_id"};

constexpr operation rows[] = {
    {"api_keys.list_for_organization", "api_keys",
     "List an organization's API keys (obfuscated values only).",
     "GET", "/organizations/{organizationId}/api_keys",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"Unique identifier of the Organization.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organizationId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"api_keys.list_for_user", "api_keys",
     "List a user's API keys (obfuscated values only).",
     "GET", "/user_management/users/{userId}/api_keys",
     R"json({"type":"object","properties":{
  "userId":{"description":"Unique identifier of the user.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization_id":{"description":"The ID of the organization to filter user API keys by.","type":"string"}
},"required":["userId"],"additionalProperties":false})json",
     list_for_user_query, access_class::read, readers, {}, true},
    {"api_keys.validate", "api_keys",
     "Tell whether an API key value is valid, and whose it is.",
     "POST", "/api_keys/validations",
     R"json({"type":"object","properties":{
  "value":{"description":"The value for an API key.","type":"string"}
},"required":["value"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"api_keys.expire", "api_keys",
     "Expire an API key, now or at a given time.",
     "POST", "/api_keys/{id}/expire",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the API key.","type":"string"},
  "expires_at":{"description":"When the API key should expire.","type":["string","null"],"format":"date-time"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"api_keys.delete", "api_keys",
     "Delete an API key; calls made with it fail from then on.",
     "DELETE", "/api_keys/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the API key.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> api_keys_operations() { return rows; }

}  // namespace workos::catalog
