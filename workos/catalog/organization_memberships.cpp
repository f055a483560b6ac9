// workos/catalog/organization_memberships.cpp — the catalog table for User Management — organization memberships.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_query[] = {"before", "after", "limit", "order", "organization_id", "statuses", "user_id"};
constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};

constexpr operation rows[] = {
    {"organization_memberships.list", "organization_memberships",
     "List memberships by user or organization, optionally by status.",
     "GET", "/user_management/organization_memberships",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization_id":{"description":"The ID of the organization which the user belongs to.","type":"string"},
  "statuses":{"description":"Filter by the status of the organization membership.","type":"array","items":{"type":"string","enum":["active","inactive","pending"]}},
  "user_id":{"description":"The ID of the user.","type":"string"}
},"additionalProperties":false})json",
     list_query, access_class::read, readers, {}, true},
    {"organization_memberships.create", "organization_memberships",
     "Add a user to an organization with a role (or roles).",
     "POST", "/user_management/organization_memberships",
     R"json({"type":"object","description":"At most one of: role_slug; or role_slugs.","properties":{
  "user_id":{"description":"The ID of the user.","type":"string"},
  "organization_id":{"description":"The ID of the organization which the user belongs to.","type":"string"},
  "role_slug":{"description":"A single role identifier.","type":"string"},
  "role_slugs":{"description":"An array of role identifiers.","type":"array","items":{"type":"string"}}
},"required":["user_id","organization_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"organization_memberships.get", "organization_memberships",
     "Read one membership: user, organization, role(s), status.",
     "GET", "/user_management/organization_memberships/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the organization membership.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"organization_memberships.update", "organization_memberships",
     "Change the role(s) of a membership.",
     "PUT", "/user_management/organization_memberships/{id}",
     R"json({"type":"object","description":"At most one of: role_slug; or role_slugs.","properties":{
  "id":{"description":"The unique ID of the organization membership.","type":"string"},
  "role_slug":{"description":"A single role identifier.","type":"string"},
  "role_slugs":{"description":"An array of role identifiers.","type":"array","items":{"type":"string"}}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"organization_memberships.delete", "organization_memberships",
     "Remove a user from an organization.",
     "DELETE", "/user_management/organization_memberships/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the organization membership.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"organization_memberships.deactivate", "organization_memberships",
     "Suspend a membership without deleting it (reactivate undoes it).",
     "PUT", "/user_management/organization_memberships/{id}/deactivate",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the organization membership.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"organization_memberships.reactivate", "organization_memberships",
     "Bring a deactivated membership back.",
     "PUT", "/user_management/organization_memberships/{id}/reactivate",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the organization membership.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"organization_memberships.list_groups", "organization_memberships",
     "List the groups a membership belongs to.",
     "GET", "/user_management/organization_memberships/{omId}/groups",
     R"json({"type":"object","properties":{
  "omId":{"description":"Unique identifier of the Organization Membership.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["omId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
};

}  // namespace

std::span<const operation> organization_memberships_operations() { return rows; }

}  // namespace workos::catalog
