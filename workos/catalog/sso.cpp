// workos/catalog/sso.cpp — the catalog table for SSO (connections).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_connections_query[] = {"before", "after", "limit", "order", "connection_type", "domain", "organization_id", "search"};

constexpr operation rows[] = {
    {"sso.list_connections", "sso",
     "List SSO connections, filtered by type, organization, domain or a name search.",
     "GET", "/connections",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "connection_type":{"description":"Filter Connections by their type.","type":"string","enum":["ADFSSAML","AdpOidc","AppleOAuth","Auth0SAML","AzureSAML","BitbucketOAuth","CasSAML","CloudflareSAML","ClassLinkSAML","CleverOIDC","CyberArkSAML","DiscordOAuth","DuoSAML","EntraIdOIDC","GenericOIDC","GenericSAML","GithubOAuth","GitLabOAuth","GoogleOAuth","GoogleOIDC","GoogleSAML","GrokOAuth","XOAuth","IntuitOAuth","JumpCloudSAML","KeycloakSAML","LastPassSAML","LinkedInOAuth","LoginGovOidc","MagicLink","MicrosoftOAuth","MiniOrangeSAML","NetIqSAML","OktaOIDC","OktaSAML","OneLoginSAML","OracleSAML","PingFederateSAML","PingOneSAML","RipplingSAML","SalesforceSAML","ShibbolethGenericSAML","ShibbolethSAML","SimpleSamlPhpSAML","SalesforceOAuth","SlackOAuth","VercelMarketplaceOAuth","VercelOAuth","VMwareSAML","XeroOAuth"]},
  "domain":{"description":"Filter Connections by their associated domain.","type":"string"},
  "organization_id":{"description":"Filter Connections by their associated organization.","type":"string"},
  "search":{"description":"Searchable text to match against Connection names.","type":"string"}
},"additionalProperties":false})json",
     list_connections_query, access_class::read, readers, {}, true},
    {"sso.get_connection", "sso",
     "Read one SSO connection: type, state, organization and domains.",
     "GET", "/connections/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Connection.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"sso.delete_connection", "sso",
     "Delete an SSO connection; its users can no longer sign in through it.",
     "DELETE", "/connections/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Connection.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers_and_support, {}, false},
};

}  // namespace

std::span<const operation> sso_operations() { return rows; }

}  // namespace workos::catalog
