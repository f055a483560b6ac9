// workos/catalog/pipes.cpp — the catalog table for Pipes (data integrations and connected accounts).
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
constexpr std::string_view secret_access_token[] = {"access_token"};
constexpr std::string_view secret_credential_value[] = {"credential.value"};
constexpr std::string_view list_user_providers_query[] = {"organization_id"};

constexpr operation rows[] = {
    {"pipes.list_integrations", "pipes",
     "List data integrations (third-party providers your users connect).",
     "GET", "/data-integrations",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"pipes.create_integration", "pipes",
     "Set up a data integration for a provider.",
     "POST", "/data-integrations",
     R"json({"type":"object","properties":{
  "provider":{"description":"The provider to create a Data Integration for.","type":"string"},
  "description":{"description":"An optional description of the Data Integration.","type":["string","null"]},
  "enabled":{"description":"Whether the Data Integration is enabled.","type":"boolean"},
  "scopes":{"description":"The OAuth scopes to request for the Data Integration.","type":["array","null"],"items":{"type":"string"}},
  "auth_methods":{"description":"How accounts authenticate with the provider.","type":"array","items":{"type":"string","enum":["oauth","api_key","client_credentials"]}},
  "config":{"description":"Provider-specific config values (e.g.","type":"object","additionalProperties":{"type":"string"}},
  "credentials":{"type":"object","properties":{"type":{"type":"string","enum":["custom","organization"]},"client_id":{"type":"string"},"client_secret":{"type":"string"}},"required":["type"]},
  "api_key":{"type":"object","properties":{"secret":{"type":"string","minLength":5},"user_id":{"type":"string"},"organization_id":{"type":"string"}},"required":["secret","user_id"]},
  "custom_provider":{"type":"object","properties":{"name":{"type":"string"},"authorization_url":{"type":"string","format":"uri"},"token_url":{"type":"string","format":"uri"},"refresh_token_url":{"type":["string","null"],"format":"uri"},"pkce_enabled":{"type":"boolean"},"request_scope_separator":{"type":"string"},"scopes_required":{"type":"boolean"},"client_secret_required":{"type":"boolean"},"additional_authorization_parameters":{"type":"object","additionalProperties":{"type":"string"}},"token_body_content_type":{"type":"string"},"authenticate_via":{"type":"string","enum":["request_body","basic_auth_header"]}},"required":["name"]}
},"required":["provider"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.get_integration", "pipes",
     "Read one data integration.",
     "GET", "/data-integrations/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug identifier of the data integration.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"pipes.update_integration", "pipes",
     "Change a data integration: scopes, credentials, enabled.",
     "PUT", "/data-integrations/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug identifier of the data integration.","type":"string"},
  "description":{"description":"An optional description of the Data Integration.","type":["string","null"]},
  "enabled":{"description":"Whether the Data Integration is enabled.","type":"boolean"},
  "scopes":{"description":"The OAuth scopes to request for the Data Integration.","type":["array","null"],"items":{"type":"string"}},
  "credentials":{"type":"object","properties":{"type":{"type":"string","enum":["custom","organization"]},"client_id":{"type":"string"},"client_secret":{"type":"string"}},"required":["type"]},
  "api_key":{"type":"object","properties":{"secret":{"type":"string","minLength":5},"user_id":{"type":"string"},"organization_id":{"type":"string"}},"required":["secret","user_id"]},
  "custom_provider":{"type":"object","properties":{"name":{"type":"string"},"authorization_url":{"type":"string","format":"uri"},"token_url":{"type":"string","format":"uri"},"refresh_token_url":{"type":["string","null"],"format":"uri"},"pkce_enabled":{"type":"boolean"},"request_scope_separator":{"type":"string"},"scopes_required":{"type":"boolean"},"client_secret_required":{"type":"boolean"},"additional_authorization_parameters":{"type":"object","additionalProperties":{"type":"string"}},"token_body_content_type":{"type":"string"},"authenticate_via":{"type":"string","enum":["request_body","basic_auth_header"]}}}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.delete_integration", "pipes",
     "Delete a data integration with its connected accounts.",
     "DELETE", "/data-integrations/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug identifier of the data integration.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"pipes.set_account_api_key", "pipes",
     "Store the API key a user connected for a provider.",
     "PUT", "/data-integrations/{slug}/api-key",
     R"json({"type":"object","properties":{
  "slug":{"description":"The identifier of the integration.","type":"string"},
  "user_id":{"description":"A User identifier.","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"},
  "secret":{"description":"The API key secret to store for this integration.","type":"string","minLength":1}
},"required":["slug","user_id","secret"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.set_account_client_credentials", "pipes",
     "Store the client credentials a user connected for a provider.",
     "PUT", "/data-integrations/{slug}/client-credentials",
     R"json({"type":"object","properties":{
  "slug":{"description":"The identifier of the integration.","type":"string"},
  "user_id":{"description":"A User identifier.","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"},
  "client_id":{"description":"The OAuth client ID to store for this integration.","type":"string","minLength":1},
  "client_secret":{"description":"The OAuth client secret to store for this integration.","type":"string","minLength":1},
  "config":{"description":"Provider-specific configuration values collected for this installation, keyed by the provider's config field descriptors.","type":"object","additionalProperties":{"type":"string"}}
},"required":["slug","user_id","client_id","client_secret"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.get_authorize_url", "pipes",
     "Make the URL where a user connects their account at a provider.",
     "POST", "/data-integrations/{slug}/authorize",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug identifier of the provider (e.g., `github`, `slack`, `notion`).","type":"string"},
  "user_id":{"description":"The ID of the user to authorize.","type":"string"},
  "organization_id":{"description":"An organization ID to scope the authorization to a specific organization.","type":"string"},
  "return_to":{"description":"The URL to redirect the user to after authorization.","type":"string","format":"uri"},
  "config":{"description":"Connect-time config values for the provider-declared `installation`-scope fields (e.g.","type":"object","additionalProperties":{"type":"string"}}
},"required":["slug","user_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.get_access_token", "pipes",
     "Tell whether a connected account is active (the access token is withheld).",
     "POST", "/data-integrations/{slug}/token",
     R"json({"type":"object","properties":{
  "slug":{"description":"The identifier of the integration.","type":"string"},
  "user_id":{"description":"A User identifier.","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"}
},"required":["slug","user_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_access_token, false},
    {"pipes.get_credentials", "pipes",
     "Tell whether a connected account's credentials are active (the values are withheld).",
     "POST", "/data-integrations/{slug}/credentials",
     R"json({"type":"object","properties":{
  "slug":{"description":"The identifier of the integration.","type":"string"},
  "user_id":{"description":"A User identifier.","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"}
},"required":["slug","user_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_credential_value, false},
    {"pipes.list_organization_configurations", "pipes",
     "List an organization's provider settings.",
     "GET", "/organizations/{organizationId}/data_integration_configurations",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"An Organization identifier to list provider configurations for.","type":"string"}
},"required":["organizationId"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"pipes.configure_for_organization", "pipes",
     "Override a provider's settings for one organization.",
     "PUT", "/organizations/{organizationId}/data_integration_configurations/{slug}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"An Organization identifier to configure the provider for.","type":"string"},
  "slug":{"description":"The slug identifier of the provider to configure (e.g., `github`, `slack`, `notion`).","type":"string"},
  "enabled":{"description":"Whether the provider is enabled for the organization.","type":"boolean"},
  "scopes":{"description":"The OAuth scopes to request for the organization.","anyOf":[{"type":"array","items":{"type":"string"}},{"type":"null"}]},
  "client_id":{"description":"The OAuth client ID of the organization's own application.","type":"string","minLength":1},
  "client_secret":{"description":"The OAuth client secret of the organization's own application.","type":"string","minLength":1},
  "config":{"description":"Provider-specific config values to set for the organization, keyed by config field.","type":"object","additionalProperties":{"type":"string"}}
},"required":["organizationId","slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"pipes.list_user_providers", "pipes",
     "List the providers a user can connect, and which they did.",
     "GET", "/user_management/users/{user_id}/data_providers",
     R"json({"type":"object","properties":{
  "user_id":{"description":"A User identifier to list providers and connected accounts for.","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"}
},"required":["user_id"],"additionalProperties":false})json",
     list_user_providers_query, access_class::read, readers, {}, false},
    {"pipes.get_connected_account", "pipes",
     "Read a user's connected account at a provider.",
     "GET", "/user_management/users/{user_id}/connected_accounts/{slug}",
     R"json({"type":"object","properties":{
  "user_id":{"description":"A User identifier.","type":"string"},
  "slug":{"description":"The slug identifier of the provider (e.g., `github`, `slack`, `notion`).","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"}
},"required":["user_id","slug"],"additionalProperties":false})json",
     list_user_providers_query, access_class::read, readers, {}, false},
    {"pipes.import_connected_account", "pipes",
     "Import a user's existing tokens for a provider as a connected account.",
     "POST", "/user_management/users/{user_id}/connected_accounts/{slug}",
     R"json({"type":"object","properties":{
  "user_id":{"description":"A User identifier.","type":"string"},
  "slug":{"description":"The slug identifier of the provider (e.g., `github`, `slack`, `notion`).","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"},
  "access_token":{"description":"The OAuth access token for the connected account.","type":"string"},
  "refresh_token":{"description":"The OAuth refresh token for the connected account.","type":"string"},
  "expires_at":{"description":"The ISO-8601 timestamp when the access token expires.","type":"string","format":"date-time"},
  "scopes":{"description":"The OAuth scopes granted for this connection.","type":"array","items":{"type":"string"}},
  "state":{"description":"Explicitly set the state of the connected account.","type":"string","enum":["connected","needs_reauthorization"]}
},"required":["user_id","slug"],"additionalProperties":false})json",
     list_user_providers_query, access_class::write, writers, {}, false},
    {"pipes.update_connected_account", "pipes",
     "Change a user's connected account: tokens, scopes, state.",
     "PUT", "/user_management/users/{user_id}/connected_accounts/{slug}",
     R"json({"type":"object","properties":{
  "user_id":{"description":"A User identifier.","type":"string"},
  "slug":{"description":"The slug identifier of the provider (e.g., `github`, `slack`, `notion`).","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"},
  "access_token":{"description":"The OAuth access token for the connected account.","type":"string"},
  "refresh_token":{"description":"The OAuth refresh token for the connected account.","type":"string"},
  "expires_at":{"description":"The ISO-8601 timestamp when the access token expires.","type":"string","format":"date-time"},
  "scopes":{"description":"The OAuth scopes granted for this connection.","type":"array","items":{"type":"string"}},
  "state":{"description":"Explicitly set the state of the connected account.","type":"string","enum":["connected","needs_reauthorization"]}
},"required":["user_id","slug"],"additionalProperties":false})json",
     list_user_providers_query, access_class::write, writers, {}, false},
    {"pipes.delete_connected_account", "pipes",
     "Disconnect a user's account at a provider.",
     "DELETE", "/user_management/users/{user_id}/connected_accounts/{slug}",
     R"json({"type":"object","properties":{
  "user_id":{"description":"A User identifier.","type":"string"},
  "slug":{"description":"The slug identifier of the provider (e.g., `github`, `slack`, `notion`).","type":"string"},
  "organization_id":{"description":"An Organization identifier.","type":"string"}
},"required":["user_id","slug"],"additionalProperties":false})json",
     list_user_providers_query, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> pipes_operations() { return rows; }

}  // namespace workos::catalog
