// workos/catalog/organization_domains.cpp — the catalog table for Organization Domains.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view secret_verification_token[] = {"verification_token"};

constexpr operation rows[] = {
    {"organization_domains.create", "organization_domains",
     "Add a domain to an organization; it starts unverified.",
     "POST", "/organization_domains",
     R"json({"type":"object","properties":{
  "domain":{"description":"The domain to add to the organization.","type":"string"},
  "organization_id":{"description":"The ID of the organization to add the domain to.","type":"string"}
},"required":["domain","organization_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_verification_token, false},
    {"organization_domains.get", "organization_domains",
     "Read one organization domain and its verification state.",
     "GET", "/organization_domains/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the organization domain.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_verification_token, false},
    {"organization_domains.delete", "organization_domains",
     "Remove a domain from its organization.",
     "DELETE", "/organization_domains/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the organization domain.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"organization_domains.verify", "organization_domains",
     "Start (or retry) DNS verification of an organization domain.",
     "POST", "/organization_domains/{id}/verify",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the organization domain.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_verification_token, false},
};

}  // namespace

std::span<const operation> organization_domains_operations() { return rows; }

}  // namespace workos::catalog
