// workos/catalog/organizations.cpp — the catalog table for Organizations.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_query[] = {"before", "after", "limit", "order", "domains", "search"};
constexpr std::string_view secret_data_domains_verification_token[] = {"data[].domains[].verification_token"};
constexpr std::string_view secret_domains_verification_token[] = {"domains[].verification_token"};

constexpr operation rows[] = {
    {"organizations.list", "organizations",
     "List organizations, optionally filtered by domain or by a search on the name.",
     "GET", "/organizations",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "domains":{"description":"The domains of an Organization.","type":"array","items":{"type":"string"}},
  "search":{"description":"Searchable text for an Organization.","type":"string"}
},"additionalProperties":false})json",
     list_query, access_class::read, readers, secret_data_domains_verification_token, true},
    {"organizations.create", "organizations",
     "Create an organization with a name, and optionally its domains, metadata and external id.",
     "POST", "/organizations",
     R"json({"type":"object","properties":{
  "name":{"description":"The name of the organization.","type":"string"},
  "allow_profiles_outside_organization":{"description":"Whether the organization allows profiles from outside the organization to sign in.","type":"boolean"},
  "domains":{"description":"The domains associated with the organization.","type":"array","items":{"type":"string"}},
  "domain_data":{"description":"The domains associated with the organization, including verification state.","type":"array","items":{"type":"object","properties":{"domain":{"type":"string"},"state":{"type":"string","enum":["pending","verified"]}},"required":["domain","state"]}},
  "metadata":{"description":"Object containing metadata key/value pairs associated with the Organization.","type":["object","null"],"maxProperties":50,"additionalProperties":{"type":"string","maxLength":600}},
  "external_id":{"description":"An external identifier for the Organization.","type":["string","null"],"maxLength":128,"pattern":"^[\\x00-\\x7F]+$"}
},"required":["name"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_domains_verification_token, false},
    {"organizations.get_by_external_id", "organizations",
     "Look up an organization by the external id your system gave it.",
     "GET", "/organizations/external_id/{external_id}",
     R"json({"type":"object","properties":{
  "external_id":{"description":"The external ID of the Organization.","type":"string"}
},"required":["external_id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_domains_verification_token, false},
    {"organizations.get", "organizations",
     "Read one organization: name, domains and their verification state, metadata.",
     "GET", "/organizations/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_domains_verification_token, false},
    {"organizations.update", "organizations",
     "Change an organization: name, domains, metadata, external id, Stripe customer id.",
     "PUT", "/organizations/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"},
  "name":{"description":"The name of the organization.","type":"string"},
  "allow_profiles_outside_organization":{"description":"Whether the organization allows profiles from outside the organization to sign in.","type":"boolean"},
  "domains":{"description":"The domains associated with the organization.","type":"array","deprecated":true,"items":{"type":"string"}},
  "domain_data":{"description":"The domains associated with the organization, including verification state.","type":"array","items":{"type":"object","properties":{"domain":{"type":"string"},"state":{"type":"string","enum":["pending","verified"]}},"required":["domain","state"]}},
  "stripe_customer_id":{"description":"The Stripe customer ID associated with the organization.","type":"string"},
  "metadata":{"description":"Object containing metadata key/value pairs associated with the Organization.","type":["object","null"],"maxProperties":50,"additionalProperties":{"type":"string","maxLength":600}},
  "external_id":{"description":"An external identifier for the Organization.","type":["string","null"],"maxLength":128,"pattern":"^[\\x00-\\x7F]+$"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_domains_verification_token, false},
    {"organizations.delete", "organizations",
     "Delete an organization together with its domains, connections, directories and memberships.",
     "DELETE", "/organizations/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"organizations.get_audit_log_configuration", "organizations",
     "Show how audit logs are set up for an organization: retention, state and its log stream.",
     "GET", "/organizations/{id}/audit_log_configuration",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
};

}  // namespace

std::span<const operation> organizations_operations() { return rows; }

}  // namespace workos::catalog
