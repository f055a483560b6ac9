// workos/catalog/widgets.cpp — the catalog table for Widgets and Client API tokens.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view secret_token[] = {"token"};

constexpr operation rows[] = {
    {"widgets.create_token", "widgets",
     "Issue a widget session token for a user (the token is withheld).",
     "POST", "/widgets/token",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization to scope the widget session to.","type":"string"},
  "user_id":{"description":"The ID of the user to issue the widget session token for.","type":"string"},
  "scopes":{"description":"The scopes to grant the widget session.","type":"array","items":{"type":"string","enum":["widgets:users-table:manage","widgets:domain-verification:manage","widgets:sso:manage","widgets:api-keys:manage","widgets:dsync:manage","widgets:audit-log-streaming:manage","widgets:pipes:manage"]}}
},"additionalProperties":false})json",
     {}, access_class::write, writers, secret_token, false},
    {"widgets.create_client_api_token", "widgets",
     "Issue a Client API token for a user (the token is withheld).",
     "POST", "/client/token",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization to scope the Client API token to.","type":"string"},
  "user_id":{"description":"The ID of the user to issue the Client API token for.","type":"string"}
},"required":["organization_id","user_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_token, false},
};

}  // namespace

std::span<const operation> widgets_operations() { return rows; }

}  // namespace workos::catalog
