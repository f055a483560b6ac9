// workos/catalog/authorization.cpp — the catalog table for Authorization (roles, permissions, role assignments, resources).
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
constexpr std::string_view list_membership_role_assignments_query[] = {"before", "after", "limit", "order", "resource_id", "resource_external_id", "resource_type_slug"};
constexpr std::string_view list_membership_resources_query[] = {"before", "after", "limit", "order", "permission_slug", "parent_resource_id", "parent_resource_type_slug", "parent_resource_external_id"};
constexpr std::string_view list_resources_query[] = {"before", "after", "limit", "order", "organization_id", "resource_type_slug", "resource_external_id", "parent_resource_id", "parent_resource_type_slug", "parent_external_id"};
constexpr std::string_view delete_resource_query[] = {"cascade_delete"};
constexpr std::string_view list_resource_memberships_query[] = {"before", "after", "limit", "order", "permission_slug", "assignment"};
constexpr std::string_view list_resource_role_assignments_query[] = {"before", "after", "limit", "order", "role_slug"};

constexpr operation rows[] = {
    {"authorization.list_environment_roles", "authorization",
     "List the environment-wide roles.",
     "GET", "/authorization/roles",
     R"json({"type":"object","properties":{
},"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.create_environment_role", "authorization",
     "Create an environment-wide role.",
     "POST", "/authorization/roles",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique slug for the role.","type":"string","maxLength":48},
  "name":{"description":"A descriptive name for the role.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the role.","type":["string","null"],"maxLength":150},
  "resource_type_slug":{"description":"The slug of the resource type the role is scoped to.","type":"string","maxLength":48}
},"required":["slug","name"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.get_environment_role", "authorization",
     "Read one environment role and its permissions.",
     "GET", "/authorization/roles/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug of the environment role.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.update_environment_role", "authorization",
     "Rename or re-describe an environment role.",
     "PATCH", "/authorization/roles/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug of the environment role.","type":"string"},
  "name":{"description":"A descriptive name for the role.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the role.","type":["string","null"],"maxLength":150}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.set_environment_role_permissions", "authorization",
     "Replace the whole permission list of an environment role.",
     "PUT", "/authorization/roles/{slug}/permissions",
     R"json({"type":"object","properties":{
  "slug":{"description":"The slug of the environment role.","type":"string"},
  "permissions":{"description":"The permission slugs to assign to the role.","type":"array","items":{"type":"string"}}
},"required":["slug","permissions"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.add_environment_role_permission", "authorization",
     "Grant one more permission to an environment role.",
     "POST", "/authorization/roles/{role_slug}/permissions",
     R"json({"type":"object","properties":{
  "role_slug":{"description":"The slug of the environment role.","type":"string"},
  "slug":{"description":"The slug of the permission to add to the role.","type":"string"}
},"required":["role_slug","slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.list_organization_roles", "authorization",
     "List the roles of an organization, its custom roles included.",
     "GET", "/authorization/organizations/{organizationId}/roles",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"}
},"required":["organizationId"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.create_organization_role", "authorization",
     "Create a custom role for one organization.",
     "POST", "/authorization/organizations/{organizationId}/roles",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"A unique identifier for the role within the organization.","type":"string","maxLength":48},
  "name":{"description":"A descriptive name for the role.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the role's purpose.","type":["string","null"],"maxLength":150},
  "resource_type_slug":{"description":"The slug of the resource type the role is scoped to.","type":"string","maxLength":48}
},"required":["organizationId","name"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.get_organization_role", "authorization",
     "Read one custom organization role.",
     "GET", "/authorization/organizations/{organizationId}/roles/{slug}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"The slug of the role.","type":"string"}
},"required":["organizationId","slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.update_organization_role", "authorization",
     "Rename or re-describe a custom organization role.",
     "PATCH", "/authorization/organizations/{organizationId}/roles/{slug}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"The slug of the role.","type":"string"},
  "name":{"description":"A descriptive name for the role.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the role's purpose.","type":["string","null"],"maxLength":150}
},"required":["organizationId","slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.delete_organization_role", "authorization",
     "Delete a custom organization role.",
     "DELETE", "/authorization/organizations/{organizationId}/roles/{slug}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"The slug of the role.","type":"string"}
},"required":["organizationId","slug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.set_organization_role_permissions", "authorization",
     "Replace the whole permission list of a custom organization role.",
     "PUT", "/authorization/organizations/{organizationId}/roles/{slug}/permissions",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"The slug of the role.","type":"string"},
  "permissions":{"description":"The permission slugs to assign to the role.","type":"array","items":{"type":"string"}}
},"required":["organizationId","slug","permissions"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.add_organization_role_permission", "authorization",
     "Grant one more permission to a custom organization role.",
     "POST", "/authorization/organizations/{organizationId}/roles/{role_slug}/permissions",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "role_slug":{"description":"The slug of the role.","type":"string"},
  "slug":{"description":"The slug of the permission to add to the role.","type":"string"}
},"required":["organizationId","role_slug","slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.remove_organization_role_permission", "authorization",
     "Take one permission away from a custom organization role.",
     "DELETE", "/authorization/organizations/{organizationId}/roles/{slug}/permissions/{permissionSlug}",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"The ID of the organization.","type":"string"},
  "slug":{"description":"The slug of the role.","type":"string"},
  "permissionSlug":{"description":"The slug of the permission to remove.","type":"string"}
},"required":["organizationId","slug","permissionSlug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.list_permissions", "authorization",
     "List the permissions defined in the environment.",
     "GET", "/authorization/permissions",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authorization.create_permission", "authorization",
     "Define a new permission.",
     "POST", "/authorization/permissions",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the permission.","type":"string","maxLength":48},
  "name":{"description":"A descriptive name for the Permission.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the Permission.","type":["string","null"],"maxLength":150},
  "resource_type_slug":{"description":"The slug of the resource type this permission is scoped to.","type":"string","maxLength":48}
},"required":["slug","name"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.get_permission", "authorization",
     "Read one permission.",
     "GET", "/authorization/permissions/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the permission.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.update_permission", "authorization",
     "Rename or re-describe a permission.",
     "PATCH", "/authorization/permissions/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the permission.","type":"string"},
  "name":{"description":"A descriptive name for the Permission.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the Permission.","type":["string","null"],"maxLength":150}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.delete_permission", "authorization",
     "Delete a permission; roles lose it.",
     "DELETE", "/authorization/permissions/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the permission.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.check", "authorization",
     "Ask whether a membership holds a permission, optionally on a resource.",
     "POST", "/authorization/organization_memberships/{organization_membership_id}/check",
     R"json({"type":"object","description":"Exactly one of: resource_id; or resource_external_id with resource_type_slug.","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership to check.","type":"string"},
  "permission_slug":{"description":"The slug of the permission to check.","type":"string"},
  "resource_id":{"description":"The ID of the resource.","type":"string"},
  "resource_external_id":{"description":"The external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"}
},"required":["organization_membership_id","permission_slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.list_membership_role_assignments", "authorization",
     "List the roles assigned to a membership, optionally on one resource.",
     "GET", "/authorization/organization_memberships/{organization_membership_id}/role_assignments",
     R"json({"type":"object","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "resource_id":{"description":"Filter assignments by the ID of the resource.","type":"string"},
  "resource_external_id":{"description":"Filter assignments by the external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"Filter assignments by the slug of the resource type.","type":"string"}
},"required":["organization_membership_id"],"additionalProperties":false})json",
     list_membership_role_assignments_query, access_class::read, readers, {}, true},
    {"authorization.assign_membership_role", "authorization",
     "Assign a role to a membership, optionally scoped to a resource.",
     "POST", "/authorization/organization_memberships/{organization_membership_id}/role_assignments",
     R"json({"type":"object","description":"Exactly one of: resource_id; or resource_external_id with resource_type_slug.","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "role_slug":{"description":"The slug of the role to assign.","type":"string"},
  "resource_id":{"description":"The ID of the resource.","type":"string"},
  "resource_external_id":{"description":"The external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"The resource type slug.","type":"string"}
},"required":["organization_membership_id","role_slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.remove_membership_role", "authorization",
     "Remove a role from a membership, found by role and resource.",
     "DELETE", "/authorization/organization_memberships/{organization_membership_id}/role_assignments",
     R"json({"type":"object","description":"Exactly one of: resource_id; or resource_external_id with resource_type_slug.","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "role_slug":{"description":"The slug of the role to remove.","type":"string"},
  "resource_id":{"description":"The ID of the resource.","type":"string"},
  "resource_external_id":{"description":"The external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"The resource type slug.","type":"string"}
},"required":["organization_membership_id","role_slug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.remove_membership_role_assignment", "authorization",
     "Remove one role assignment of a membership by its id.",
     "DELETE", "/authorization/organization_memberships/{organization_membership_id}/role_assignments/{role_assignment_id}",
     R"json({"type":"object","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "role_assignment_id":{"description":"The ID of the role assignment to remove.","type":"string"}
},"required":["organization_membership_id","role_assignment_id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.list_membership_resources", "authorization",
     "List the resources on which a membership holds a permission.",
     "GET", "/authorization/organization_memberships/{organization_membership_id}/resources",
     R"json({"type":"object","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "permission_slug":{"description":"The permission slug to filter by.","type":"string"},
  "parent_resource_id":{"description":"The WorkOS ID of the parent resource.","type":"string"},
  "parent_resource_type_slug":{"description":"The slug of the parent resource type.","type":"string"},
  "parent_resource_external_id":{"description":"The application-specific external identifier of the parent resource.","type":"string"}
},"required":["organization_membership_id","permission_slug"],"additionalProperties":false})json",
     list_membership_resources_query, access_class::read, readers, {}, true},
    {"authorization.list_membership_resource_permissions", "authorization",
     "List what a membership may do on one resource (by resource id).",
     "GET", "/authorization/organization_memberships/{organization_membership_id}/resources/{resource_id}/permissions",
     R"json({"type":"object","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organization_membership_id","resource_id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authorization.list_membership_resource_permissions_by_external_id", "authorization",
     "List what a membership may do on one resource (by type and external id).",
     "GET", "/authorization/organization_memberships/{organization_membership_id}/resources/{resource_type_slug}/{external_id}/permissions",
     R"json({"type":"object","properties":{
  "organization_membership_id":{"description":"The ID of the organization membership.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organization_membership_id","resource_type_slug","external_id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authorization.list_group_role_assignments", "authorization",
     "List the roles assigned to a group.",
     "GET", "/authorization/groups/{group_id}/role_assignments",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["group_id"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"authorization.assign_group_role", "authorization",
     "Assign a role to a group, optionally scoped to a resource.",
     "POST", "/authorization/groups/{group_id}/role_assignments",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "role_slug":{"description":"The slug of the role to assign to the group.","type":"string"},
  "resource_id":{"description":"The ID of the resource.","type":"string"},
  "resource_external_id":{"description":"The external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"The resource type slug.","type":"string"}
},"required":["group_id","role_slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.set_group_role_assignments", "authorization",
     "Replace every role assignment of a group with the given list.",
     "PUT", "/authorization/groups/{group_id}/role_assignments",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "role_assignments":{"description":"The list of role assignments that should exist for the group.","type":"array","maxItems":100,"items":{"type":"object","properties":{"role_slug":{"type":"string"},"resource_id":{"type":"string"},"resource_external_id":{"type":"string"},"resource_type_slug":{"type":"string"}},"required":["role_slug"]}}
},"required":["group_id","role_assignments"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.remove_group_role", "authorization",
     "Remove a role from a group, found by role and resource.",
     "DELETE", "/authorization/groups/{group_id}/role_assignments",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "role_slug":{"description":"The slug of the role to remove assignments for.","type":"string"},
  "resource_id":{"description":"The ID of the resource.","type":"string"},
  "resource_external_id":{"description":"The external ID of the resource.","type":"string"},
  "resource_type_slug":{"description":"The resource type slug.","type":"string"}
},"required":["group_id","role_slug"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.get_group_role_assignment", "authorization",
     "Read one role assignment of a group.",
     "GET", "/authorization/groups/{group_id}/role_assignments/{role_assignment_id}",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "role_assignment_id":{"description":"The ID of the group role assignment.","type":"string"}
},"required":["group_id","role_assignment_id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.remove_group_role_assignment", "authorization",
     "Remove one role assignment of a group by its id.",
     "DELETE", "/authorization/groups/{group_id}/role_assignments/{role_assignment_id}",
     R"json({"type":"object","properties":{
  "group_id":{"description":"The ID of the group.","type":"string"},
  "role_assignment_id":{"description":"The ID of the group role assignment to remove.","type":"string"}
},"required":["group_id","role_assignment_id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"authorization.list_resources", "authorization",
     "List authorization resources, by organization, type, external id or parent.",
     "GET", "/authorization/resources",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization_id":{"description":"Filter resources by organization ID.","type":"string"},
  "resource_type_slug":{"description":"Filter resources by resource type slug.","type":"string"},
  "resource_external_id":{"description":"Filter resources by external ID.","type":"string"},
  "parent_resource_id":{"description":"Filter resources by parent resource ID.","type":"string"},
  "parent_resource_type_slug":{"description":"Filter resources by parent resource type slug.","type":"string"},
  "parent_external_id":{"description":"Filter resources by parent external ID.","type":"string"}
},"additionalProperties":false})json",
     list_resources_query, access_class::read, readers, {}, true},
    {"authorization.create_resource", "authorization",
     "Register a resource (a workspace, a document, …) that roles can be scoped to.",
     "POST", "/authorization/resources",
     R"json({"type":"object","description":"At most one of: parent_resource_id; or parent_resource_external_id with parent_resource_type_slug.","properties":{
  "external_id":{"description":"An external identifier for the resource.","type":"string","maxLength":128,"pattern":"^[\\x00-\\x7F]+$"},
  "name":{"description":"A display name for the resource.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the resource.","type":["string","null"],"maxLength":150},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "organization_id":{"description":"The ID of the organization this resource belongs to.","type":"string"},
  "parent_resource_id":{"description":"The ID of the parent resource.","type":["string","null"]},
  "parent_resource_external_id":{"description":"The external ID of the parent resource.","type":"string"},
  "parent_resource_type_slug":{"description":"The resource type slug of the parent resource.","type":"string"}
},"required":["external_id","name","resource_type_slug","organization_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.get_resource", "authorization",
     "Read one authorization resource by id.",
     "GET", "/authorization/resources/{resource_id}",
     R"json({"type":"object","properties":{
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"}
},"required":["resource_id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.update_resource", "authorization",
     "Change a resource's name, description or parent (by id).",
     "PATCH", "/authorization/resources/{resource_id}",
     R"json({"type":"object","description":"At most one of: parent_resource_id; or parent_resource_external_id with parent_resource_type_slug.","properties":{
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"},
  "name":{"description":"A display name for the resource.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the resource.","type":["string","null"],"maxLength":150},
  "parent_resource_id":{"description":"The ID of the parent resource.","type":"string"},
  "parent_resource_external_id":{"description":"The external ID of the parent resource.","type":"string"},
  "parent_resource_type_slug":{"description":"The resource type slug of the parent resource.","type":"string"}
},"required":["resource_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.delete_resource", "authorization",
     "Delete a resource (by id), optionally with everything under it.",
     "DELETE", "/authorization/resources/{resource_id}",
     R"json({"type":"object","properties":{
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"},
  "cascade_delete":{"description":"If true, deletes all descendant resources and role assignments.","type":"boolean","default":false}
},"required":["resource_id"],"additionalProperties":false})json",
     delete_resource_query, access_class::irreversible, writers, {}, false},
    {"authorization.list_resource_memberships", "authorization",
     "List the memberships holding a permission on a resource (by id).",
     "GET", "/authorization/resources/{resource_id}/organization_memberships",
     R"json({"type":"object","properties":{
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "permission_slug":{"description":"The permission slug to filter by.","type":"string"},
  "assignment":{"description":"Filter by assignment type.","type":"string","enum":["direct","indirect"]}
},"required":["resource_id","permission_slug"],"additionalProperties":false})json",
     list_resource_memberships_query, access_class::read, readers, {}, true},
    {"authorization.list_resource_role_assignments", "authorization",
     "List the role assignments scoped to a resource (by id).",
     "GET", "/authorization/resources/{resource_id}/role_assignments",
     R"json({"type":"object","properties":{
  "resource_id":{"description":"The ID of the authorization resource.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "role_slug":{"description":"Filter assignments by the slug of the role.","type":"string"}
},"required":["resource_id"],"additionalProperties":false})json",
     list_resource_role_assignments_query, access_class::read, readers, {}, true},
    {"authorization.get_resource_by_external_id", "authorization",
     "Read one resource by organization, type and external id.",
     "GET", "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization that owns the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"}
},"required":["organization_id","resource_type_slug","external_id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"authorization.update_resource_by_external_id", "authorization",
     "Change a resource's name, description or parent (by external id).",
     "PATCH", "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}",
     R"json({"type":"object","description":"At most one of: parent_resource_id; or parent_resource_external_id with parent_resource_type_slug.","properties":{
  "organization_id":{"description":"The ID of the organization that owns the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"},
  "name":{"description":"A display name for the resource.","type":"string","maxLength":48},
  "description":{"description":"An optional description of the resource.","type":["string","null"],"maxLength":150},
  "parent_resource_id":{"description":"The ID of the parent resource.","type":"string"},
  "parent_resource_external_id":{"description":"The external ID of the parent resource.","type":"string"},
  "parent_resource_type_slug":{"description":"The resource type slug of the parent resource.","type":"string"}
},"required":["organization_id","resource_type_slug","external_id"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"authorization.delete_resource_by_external_id", "authorization",
     "Delete a resource (by external id), optionally with everything under it.",
     "DELETE", "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization that owns the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"},
  "cascade_delete":{"description":"If true, deletes all descendant resources and role assignments.","type":"boolean","default":false}
},"required":["organization_id","resource_type_slug","external_id"],"additionalProperties":false})json",
     delete_resource_query, access_class::irreversible, writers, {}, false},
    {"authorization.list_resource_memberships_by_external_id", "authorization",
     "List the memberships holding a permission on a resource (by external id).",
     "GET", "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}/organization_memberships",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization that owns the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type this resource belongs to.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "permission_slug":{"description":"The permission slug to filter by.","type":"string"},
  "assignment":{"description":"Filter by assignment type.","type":"string","enum":["direct","indirect"]}
},"required":["organization_id","resource_type_slug","external_id","permission_slug"],"additionalProperties":false})json",
     list_resource_memberships_query, access_class::read, readers, {}, true},
    {"authorization.list_resource_role_assignments_by_external_id", "authorization",
     "List the role assignments scoped to a resource (by external id).",
     "GET", "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}/role_assignments",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The ID of the organization that owns the resource.","type":"string"},
  "resource_type_slug":{"description":"The slug of the resource type.","type":"string"},
  "external_id":{"description":"An identifier you provide to reference the resource in your system.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "role_slug":{"description":"Filter assignments by the slug of the role.","type":"string"}
},"required":["organization_id","resource_type_slug","external_id"],"additionalProperties":false})json",
     list_resource_role_assignments_query, access_class::read, readers, {}, true},
};

}  // namespace

std::span<const operation> authorization_operations() { return rows; }

}  // namespace workos::catalog
