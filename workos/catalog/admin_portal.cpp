// workos/catalog/admin_portal.cpp — the catalog table for Admin Portal.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view secret_link[] = {"link"};

constexpr operation rows[] = {
    {"admin_portal.generate_link", "admin_portal",
     "Make an Admin Portal link for an organization's IT admin (the link is withheld).",
     "POST", "/portal/generate_link",
     R"json({"type":"object","properties":{
  "return_url":{"description":"The URL to go to when an admin clicks on your logo in the Admin Portal.","type":"string"},
  "success_url":{"description":"The URL to redirect the admin to when they finish setup.","type":"string"},
  "organization":{"description":"An Organization identifier.","type":"string"},
  "intent":{"description":"The intent of the Admin Portal.","type":"string","enum":["sso","dsync","audit_logs","log_streams","domain_verification","certificate_renewal","bring_your_own_key"]},
  "it_contact_emails":{"description":"The email addresses of the IT contacts to grant access to the Admin Portal for the given organization.","type":"array","maxItems":20,"items":{"type":"string","format":"email"}}
},"required":["organization"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_link, false},
};

}  // namespace

std::span<const operation> admin_portal_operations() { return rows; }

}  // namespace workos::catalog
