// workos/catalog/connect.cpp — the catalog table for Connect (applications, client secrets, authorized applications).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_applications_query[] = {"before", "after", "limit", "order", "registration_types", "organization_id"};
constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};

constexpr operation rows[] = {
    {"connect.list_applications", "connect",
     "List OAuth and machine-to-machine applications.",
     "GET", "/connect/applications",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "registration_types":{"description":"Filter Connect Applications by registration type.","type":"array","items":{"type":"string","enum":["dynamic","authenticated"]}},
  "organization_id":{"description":"Filter Connect Applications by organization ID.","type":"string"}
},"additionalProperties":false})json",
     list_applications_query, access_class::read, readers, {}, true},
    {"connect.create_application", "connect",
     "Register an OAuth or machine-to-machine application (no secret is issued).",
     "POST", "/connect/applications",
     R"json({"type":"object","description":"With application_type \"oauth\": is_first_party also required. With application_type \"m2m\": organization_id also required.","properties":{
  "name":{"description":"The name of the application.","type":"string"},
  "application_type":{"description":"The type of application to create.","type":"string","enum":["oauth","m2m"]},
  "description":{"description":"A description for the application.","type":["string","null"]},
  "scopes":{"description":"The OAuth scopes granted to the application.","type":["array","null"],"items":{"type":"string"}},
  "redirect_uris":{"description":"Redirect URIs for the application.","type":["array","null"],"items":{"type":"object","properties":{"uri":{"type":"string"},"default":{"type":["boolean","null"]}},"required":["uri"]}},
  "uses_pkce":{"description":"Whether the application uses PKCE (Proof Key for Code Exchange).","type":["boolean","null"]},
  "is_first_party":{"description":"Whether this is a first-party application.","type":"boolean"},
  "organization_id":{"description":"The organization ID this application belongs to.","type":["string","null"]}
},"required":["name","application_type"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"connect.get_application", "connect",
     "Read one application: type, scopes, redirect URIs.",
     "GET", "/connect/applications/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The application ID or client ID of the Connect Application.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"connect.update_application", "connect",
     "Change an application's name, description, scopes or redirect URIs.",
     "PUT", "/connect/applications/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The application ID or client ID of the Connect Application.","type":"string"},
  "name":{"description":"The name of the application.","type":"string"},
  "description":{"description":"A description for the application.","type":["string","null"]},
  "scopes":{"description":"The OAuth scopes granted to the application.","type":["array","null"],"items":{"type":"string"}},
  "redirect_uris":{"description":"Updated redirect URIs for the application.","type":["array","null"],"items":{"type":"object","properties":{"uri":{"type":"string"},"default":{"type":["boolean","null"]}},"required":["uri"]}}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"connect.delete_application", "connect",
     "Delete an application; its tokens stop working.",
     "DELETE", "/connect/applications/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The application ID or client ID of the Connect Application.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"connect.list_client_secrets", "connect",
     "List an application's client secrets (hints only).",
     "GET", "/connect/applications/{id}/client_secrets",
     R"json({"type":"object","properties":{
  "id":{"description":"The application ID or client ID of the Connect Application.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"connect.delete_client_secret", "connect",
     "Revoke one client secret of an application.",
     "DELETE", "/connect/client_secrets/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the client secret.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"connect.list_organization_authorized_applications", "connect",
     "List the applications an organization has authorized.",
     "GET", "/organizations/{organization_id}/authorized_applications",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organization_id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"connect.list_user_authorized_applications", "connect",
     "List the applications a user has authorized.",
     "GET", "/user_management/users/{user_id}/authorized_applications",
     R"json({"type":"object","properties":{
  "user_id":{"description":"The ID of the user.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["user_id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"connect.delete_user_authorized_application", "connect",
     "Withdraw a user's authorization of an application.",
     "DELETE", "/user_management/users/{user_id}/authorized_applications/{application_id}",
     R"json({"type":"object","properties":{
  "user_id":{"description":"The ID of the user.","type":"string"},
  "application_id":{"description":"The ID or client ID of the application.","type":"string"}
},"required":["user_id","application_id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> connect_operations() { return rows; }

}  // namespace workos::catalog
