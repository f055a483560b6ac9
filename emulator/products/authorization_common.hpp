// emulator/products/authorization_common.hpp — what the Authorization and Groups files share:
// storage types, role and resource look-ups, and the permission evaluation behind the check and
// effective-permission endpoints.
//
// The model. Environment roles (parent "") and an organization's custom roles (parent = the
// organization id, and an `organization_id` member that role_view strips) are both stored as
// type "role". Permissions are type "permission". A resource
// (type "authorization_resource", parent = its organization) may have a parent resource; the
// organization itself is the root of every tree, addressable as a resource of type
// "organization" whose id is the organization id. A membership holds roles on resources through
// role assignments (type "role_assignment", parent = the membership id): direct ones, and ones
// it gets from a group (source.type "group"), which are materialized when a group gets a role
// or a member and removed with them. A membership's own `role`/`roles` (user management) are
// roles on its organization. A membership has permission P on resource R when a role it holds
// on R or on any ancestor of R (up to the organization) includes P.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/api.hpp"

namespace emulator::products::authz {

inline constexpr std::string_view role_type = "role";
inline constexpr std::string_view permission_type = "permission";
inline constexpr std::string_view resource_type = "authorization_resource";
inline constexpr std::string_view assignment_type = "role_assignment";
inline constexpr std::string_view group_type = "group";
inline constexpr std::string_view group_member_type = "group_membership";  // internal: group ↔ membership
inline constexpr std::string_view group_assignment_type = "group_role_assignment";
inline constexpr std::string_view membership_type = "organization_membership";
inline constexpr std::string_view organization_type = "organization";

/// Routes a handler that first makes sure the environment has its default roles.
void add(api& a, std::string method, std::string pattern, handler h);

// ----- small helpers ----------------------------------------------------------------------------

/// 422 when a string field is longer than allowed (fields absent or null pass).
std::optional<reply> check_lengths(const json& body, std::initializer_list<std::pair<std::string_view, std::size_t>> limits);
/// A list envelope over every item, unpaginated (`with_metadata` adds empty list_metadata).
json full_list(std::vector<json> items, bool with_metadata);
/// The query parameters as a JSON object of strings (first value of each).
json query_object(const call& c);
/// True when `s` is non-empty and made only of the characters in `allowed` or lowercase
/// letters and digits.
bool slug_ok(std::string_view s, std::string_view allowed);

// ----- look-ups ---------------------------------------------------------------------------------

std::optional<json> organization(call& c, std::string_view id);
std::optional<json> membership(call& c, std::string_view id);
std::optional<json> permission(call& c, std::string_view slug);
std::optional<json> environment_role(call& c, std::string_view slug);
/// A custom role of the organization.
std::optional<json> custom_role(call& c, std::string_view org_id, std::string_view slug);
/// The role a slug names within an organization: its custom role, else the environment role.
std::optional<json> role_in(call& c, std::string_view org_id, std::string_view slug);
/// A role as the API shows it: stored custom roles also carry their `organization_id` (which
/// user management reads to scope role slugs), the wire object does not.
json role_view(json role);
/// The event data of role.* (environment) or organization_role.* (custom, org_id non-empty).
json role_event(const json& role, std::string_view org_id);

// ----- resources --------------------------------------------------------------------------------

/// A node of an organization's resource tree: a resource, or the organization itself.
struct target {
  std::string id;
  std::string external_id;
  std::string type;
  std::string org_id;
  std::string parent_id;  ///< the parent resource's id, or the organization id; empty for an organization
};
target of_organization(const json& org);
target of_resource(const json& res);
/// {id, external_id, resource_type_slug}, as role assignments embed it.
json target_ref(const target& t);
std::optional<json> resource_by_external_id(call& c, std::string_view org_id, std::string_view type,
                                            std::string_view external_id);
/// Resolves `fields[id_key]` or `fields[ext_key]` + `fields[type_key]` to a node of `org_id`'s
/// tree (an empty org_id accepts a resource of any organization when given by id). Neither
/// given: nullopt target, or a 422 when `required`. Both given, or half of the pair: 422.
/// Unknown: 404.
std::optional<reply> resolve_target(call& c, const json& fields, std::string_view id_key, std::string_view ext_key,
                                    std::string_view type_key, std::string_view org_id, bool required,
                                    std::optional<target>& out);
/// The ids of `t` and of every ancestor up to (and including) its organization.
std::vector<std::string> lineage(call& c, const target& t);

// ----- permissions ------------------------------------------------------------------------------

/// The role slugs `m` holds on `t`: on `t` itself when `direct_only`, else on `t` or above it.
std::set<std::string> roles_on(call& c, const json& m, const target& t, bool direct_only);
/// The permission slugs those roles grant.
std::set<std::string> permissions_on(call& c, const json& m, const target& t, bool direct_only);

// ----- memberships ------------------------------------------------------------------------------

/// The membership as the authorization and group lists show it (no role fields).
json membership_base(const json& m);
/// …and with its user embedded.
json membership_with_user(call& c, const json& m);

// ----- group role assignments -------------------------------------------------------------------

/// Gives membership `om_id` the role assignment that group role assignment `gra` implies.
void materialize(call& c, const json& gra, std::string_view om_id);
/// Removes assignments derived from group role assignment `gra_id` (of one membership when
/// `om_id` is non-empty).
void drop_derived(call& c, std::string_view gra_id, std::string_view om_id = {});

// ----- the files' route tables ------------------------------------------------------------------

void register_roles(api& a);        // authorization_roles.cpp: environment and custom roles, permissions
void register_resources(api& a);    // authorization_resources.cpp: resources, who can access them
void register_assignments(api& a);  // authorization_assignments.cpp: role assignments, check, effective permissions
void register_groups(api& a);       // groups.cpp: groups, their members, their role assignments

}  // namespace emulator::products::authz
