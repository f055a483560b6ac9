// workos/catalog/authkit_config.cpp — the catalog table for AuthKit configuration (redirect URIs, CORS origins, JWT template, JWKS).
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

constexpr operation rows[] = {
    {"authkit_config.list_redirect_uris", "authkit_config",
     "List the redirect URIs AuthKit accepts.",
     "GET", "/user_management/redirect_uris",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authkit_config.create_redirect_uri", "authkit_config",
     "Allow a new redirect URI for AuthKit.",
     "POST", "/user_management/redirect_uris",
     R"json({"type":"object","properties":{
  "uri":{"description":"The redirect URI to create.","type":"string"}
},"required":["uri"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authkit_config.delete_redirect_uri", "authkit_config",
     "Stop accepting a redirect URI.",
     "DELETE", "/user_management/redirect_uris/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The ID of the redirect URI to delete.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authkit_config.list_cors_origins", "authkit_config",
     "List the browser origins allowed to call AuthKit.",
     "GET", "/user_management/cors_origins",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authkit_config.create_cors_origin", "authkit_config",
     "Allow a browser origin to call AuthKit.",
     "POST", "/user_management/cors_origins",
     R"json({"type":"object","properties":{
  "origin":{"description":"The origin URL to allow for CORS requests.","type":"string"}
},"required":["origin"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authkit_config.get_jwt_template", "authkit_config",
     "Show the template that shapes the claims of AuthKit access tokens.",
     "GET", "/user_management/jwt_template",
     R"json({"type":"object","properties":{
},"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authkit_config.update_jwt_template", "authkit_config",
     "Replace the access-token claims template.",
     "PUT", "/user_management/jwt_template",
     R"json({"type":"object","properties":{
  "content":{"description":"The JWT template content as a Liquid template string.","type":"string"}
},"required":["content"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authkit_config.get_jwks", "authkit_config",
     "Show the public keys that verify this environment's session tokens.",
     "GET", "/sso/jwks/{clientId}",
     R"json({"type":"object","properties":{
  "clientId":{"description":"Identifies the application making the request to the WorkOS server.","type":"string"}
},"required":["clientId"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
};

}  // namespace

std::span<const operation> authkit_config_operations() { return rows; }

}  // namespace workos::catalog
