// workos/catalog/groups.cpp — the catalog table for Groups (organization groups).
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
    {"groups.list", "groups",
     "List the groups of an organization.",
     "GET", "/organizations/{organizationId}/groups",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organizationId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"groups.create", "groups",
     "Create a group in an organization.",
     "POST", "/organizations/{organizationId}/groups",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "name":{"description":"The name of the Group.","type":"string","maxLength":256},
  "description":{"description":"An optional description of the Group.","type":["string","null"],"maxLength":150}
},"required":["organizationId","name"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"groups.get", "groups",
     "Read one group.",
     "GET", "/organizations/{organizationId}/groups/{groupId}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "groupId":{"description":"The ID of the group.","type":"string"}
},"required":["organizationId","groupId"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"groups.update", "groups",
     "Rename or re-describe a group.",
     "PATCH", "/organizations/{organizationId}/groups/{groupId}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "groupId":{"description":"The ID of the group.","type":"string"},
  "name":{"description":"The name of the Group.","type":"string","maxLength":256},
  "description":{"description":"An optional description of the Group.","type":["string","null"],"maxLength":150}
},"required":["organizationId","groupId"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"groups.delete", "groups",
     "Delete a group; its members stay in the organization.",
     "DELETE", "/organizations/{organizationId}/groups/{groupId}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "groupId":{"description":"The ID of the group.","type":"string"}
},"required":["organizationId","groupId"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"groups.list_members", "groups",
     "List the memberships in a group.",
     "GET", "/organizations/{organizationId}/groups/{groupId}/organization-memberships",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"Unique identifier of the Organization.","type":"string"},
  "groupId":{"description":"Unique identifier of the Group.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organizationId","groupId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"groups.add_member", "groups",
     "Put a membership into a group.",
     "POST", "/organizations/{organizationId}/groups/{groupId}/organization-memberships",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"Unique identifier of the Organization.","type":"string"},
  "groupId":{"description":"Unique identifier of the Group.","type":"string"},
  "organization_membership_id":{"description":"The ID of the Organization Membership to add to the group.","type":"string"}
},"required":["organizationId","groupId","organization_membership_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"groups.remove_member", "groups",
     "Take a membership out of a group.",
     "DELETE", "/organizations/{organizationId}/groups/{groupId}/organization-memberships/{omId}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"Unique identifier of the Organization.","type":"string"},
  "groupId":{"description":"Unique identifier of the Group.","type":"string"},
  "omId":{"description":"Unique identifier of the Organization Membership.","type":"string"}
},"required":["organizationId","groupId","omId"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> groups_operations() { return rows; }

}  // namespace workos::catalog
