// emulator/products/authorization_roles.cpp — environment roles, organization (custom) roles and
// their permissions, and the permissions themselves (19 spec operations).
//
// PUT …/permissions replaces a role's permissions, POST adds one (a no-op when present), DELETE
// removes one. Every mutation emits role.* (environment roles), organization_role.* (custom
// roles) or permission.*.
#include <algorithm>
#include <cctype>

#include "emulator/products.hpp"
#include "emulator/products/authorization_common.hpp"

namespace emulator::products::authz {

namespace {

json make_role(std::string_view slug, const json& body, std::string_view kind) {
  json role = json::object();
  role.set("object", "role");
  role.set("id", new_id("role"));
  role.set("slug", slug);
  role.set("name", body["name"]);
  role.set("description", body["description"].is_string() ? body["description"] : json{});
  role.set("type", kind);
  role.set("resource_type_slug", body["resource_type_slug"].string_or("organization"));
  role.set("permissions", json::array());
  role.set("created_at", now_iso());
  role.set("updated_at", now_iso());
  return role;
}

// Saves a changed role (org_id empty: an environment role) and emits its *.updated event.
void save_role(call& c, json& role, std::string_view org_id) {
  role.set("updated_at", now_iso());
  c.db.put(c.env, role_type, role["id"].as_string(), role, org_id);
  emit(c, org_id.empty() ? "role.updated" : "organization_role.updated", role_event(role, org_id));
}

// `name` and `description` from a PATCH body (description null clears it).
std::optional<reply> patch_role(call& c, json& role, std::string_view org_id) {
  if (auto bad = validate(c.body, {{"name", field_rule::string}, {"description", field_rule::string}})) return *bad;
  if (auto bad = check_lengths(c.body, {{"name", 48}, {"description", 150}})) return *bad;
  if (c.body["name"].is_string()) {
    if (c.body["name"].as_string().empty()) return unprocessable({{"name", "required"}}, "name cannot be empty.");
    role.set("name", c.body["name"]);
  }
  if (const json* d = c.body.find("description")) role.set("description", *d);
  save_role(c, role, org_id);
  return std::nullopt;
}

// The permission slugs of a PUT body, each an existing permission, without duplicates.
std::optional<reply> wanted_permissions(call& c, json& out) {
  if (auto bad = validate(c.body, {{"permissions", field_rule::array, true}})) return *bad;
  out = json::array();
  for (const auto& p : c.body["permissions"].as_array()) {
    if (!p.is_string()) return unprocessable({{"permissions", "invalid_type"}}, "permissions must be permission slugs.");
    if (!permission(c, p.as_string())) return not_found("Permission", p.as_string());
    auto& list = out.as_array();
    if (std::find(list.begin(), list.end(), p) == list.end()) list.push_back(p);
  }
  return std::nullopt;
}

reply set_permissions(call& c, json role, std::string_view org_id) {
  json wanted;
  if (auto bad = wanted_permissions(c, wanted)) return *bad;
  role.set("permissions", std::move(wanted));
  save_role(c, role, org_id);
  return reply::ok(role_view(role));
}

reply add_permission(call& c, json role, std::string_view org_id) {
  if (auto bad = validate(c.body, {{"slug", field_rule::string, true}})) return *bad;
  const json& slug = c.body["slug"];
  if (!permission(c, slug.as_string())) return not_found("Permission", slug.as_string());
  json perms = role["permissions"].is_array() ? role["permissions"] : json::array();
  auto& list = perms.as_array();
  // Adding a permission the role already has changes nothing (and emits nothing).
  if (std::find(list.begin(), list.end(), slug) != list.end()) return reply::ok(role_view(role));
  list.push_back(slug);
  role.set("permissions", std::move(perms));
  save_role(c, role, org_id);
  return reply::ok(role_view(role));
}

// ----- environment roles ------------------------------------------------------------------------

reply env_create(call& c) {
  if (auto bad = validate(c.body, {{"slug", field_rule::string, true},
                                   {"name", field_rule::string, true},
                                   {"description", field_rule::string},
                                   {"resource_type_slug", field_rule::string}}))
    return *bad;
  if (auto bad = check_lengths(c.body, {{"slug", 48}, {"name", 48}, {"description", 150}, {"resource_type_slug", 48}}))
    return *bad;
  const auto& slug = c.body["slug"].as_string();
  if (!slug_ok(slug, "-_"))
    return unprocessable({{"slug", "invalid"}}, "slug may contain only lowercase letters, numbers, hyphens and underscores.");
  if (environment_role(c, slug))
    return error(409, "role_slug_conflict", "A role with the slug '" + slug + "' already exists.");
  auto role = make_role(slug, c.body, "EnvironmentRole");
  c.db.put(c.env, role_type, role["id"].as_string(), role);
  emit(c, "role.created", role_event(role, {}));
  return reply::created(role_view(role));
}

reply env_list(call& c) { return reply::ok(full_list(c.db.all(c.env, role_type, std::string_view{}), false)); }

std::vector<json> views(std::vector<json> roles) {
  for (auto& r : roles) r = role_view(std::move(r));
  return roles;
}

reply env_get(call& c) {
  auto role = environment_role(c, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  return reply::ok(role_view(*role));
}

reply env_update(call& c) {
  auto role = environment_role(c, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  if (auto bad = patch_role(c, *role, {})) return *bad;
  return reply::ok(role_view(*role));
}

reply env_set_permissions(call& c) {
  auto role = environment_role(c, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  return set_permissions(c, std::move(*role), {});
}

reply env_add_permission(call& c) {
  auto role = environment_role(c, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  return add_permission(c, std::move(*role), {});
}

// ----- organization (custom) roles --------------------------------------------------------------

// "Billing Admin!" → "billing-admin".
std::string slugify(std::string_view name) {
  std::string out;
  for (char ch : name) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

reply org_create(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  if (auto bad = validate(c.body, {{"slug", field_rule::string},
                                   {"name", field_rule::string, true},
                                   {"description", field_rule::string},
                                   {"resource_type_slug", field_rule::string}}))
    return *bad;
  if (auto bad = check_lengths(c.body, {{"slug", 48}, {"name", 48}, {"description", 150}, {"resource_type_slug", 48}}))
    return *bad;
  std::string slug;
  if (c.body["slug"].is_string()) {
    slug = c.body["slug"].as_string();
    if (slug.rfind("org-", 0) != 0 || !slug_ok(slug, "-_"))
      return unprocessable({{"slug", "invalid"}},
                           "A custom role's slug must begin with 'org-' and contain only lowercase letters, numbers, "
                           "hyphens and underscores.");
  } else {
    // Generated: from the name, with a random suffix.
    auto suffix = lower(new_id("r").substr(2 + 20));
    auto base = slugify(c.body["name"].as_string()).substr(0, 48 - 4 - 1 - suffix.size());
    slug = "org-" + (base.empty() ? std::string{} : base + "-") + suffix;
  }
  if (custom_role(c, org_id, slug) || environment_role(c, slug))
    return error(409, "organization_role_slug_conflict",
                 "A role with the slug '" + slug + "' already exists for this organization.");
  auto role = make_role(slug, c.body, "OrganizationRole");
  role.set("organization_id", org_id);
  c.db.put(c.env, role_type, role["id"].as_string(), role, org_id);
  emit(c, "organization_role.created", role_event(role, org_id));
  return reply::created(role_view(role));
}

// Environment roles first, then the organization's custom roles.
reply org_list(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  auto roles = c.db.all(c.env, role_type, std::string_view{});
  for (auto& r : c.db.all(c.env, role_type, org_id)) roles.push_back(std::move(r));
  return reply::ok(full_list(views(std::move(roles)), false));
}

reply org_get(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  auto role = role_in(c, org_id, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  return reply::ok(role_view(*role));
}

// The custom role a mutating request names, or its 404.
std::optional<reply> find_custom(call& c, std::optional<json>& role) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  role = custom_role(c, org_id, c.param("slug"));
  if (!role) return not_found("Role", c.param("slug"));
  return std::nullopt;
}

reply org_update(call& c) {
  std::optional<json> role;
  if (auto nf = find_custom(c, role)) return *nf;
  if (auto bad = patch_role(c, *role, c.param("organizationId"))) return *bad;
  return reply::ok(role_view(*role));
}

reply org_delete(call& c) {
  std::optional<json> role;
  if (auto nf = find_custom(c, role)) return *nf;
  const auto& org_id = c.param("organizationId");
  const auto& slug = c.param("slug");
  // Held by a membership of the organization, directly or as its own role?
  for (const auto& m : c.db.all(c.env, membership_type)) {
    if (m["organization_id"].as_string() != org_id) continue;
    bool held = m["role"]["slug"].as_string() == slug;
    if (m["roles"].is_array())
      for (const auto& r : m["roles"].as_array()) held |= r["slug"].as_string() == slug;
    for (const auto& a : c.db.all(c.env, assignment_type, m["id"].as_string())) held |= a["role"]["slug"].as_string() == slug;
    if (held)
      return error(409, "role_has_assignments",
                   "The role '" + slug + "' is assigned to organization memberships; remove those assignments first.");
  }
  for (const auto& g : c.db.all(c.env, group_type, org_id))
    for (const auto& gra : c.db.all(c.env, group_assignment_type, g["id"].as_string()))
      if (gra["role"]["slug"].as_string() == slug)
        return error(409, "role_has_group_role_mappings",
                     "The role '" + slug + "' is assigned to groups; remove those assignments first.");
  c.db.remove(c.env, (*role)["id"].as_string());
  emit(c, "organization_role.deleted", role_event(*role, org_id));
  return reply::no_content();
}

reply org_set_permissions(call& c) {
  std::optional<json> role;
  if (auto nf = find_custom(c, role)) return *nf;
  return set_permissions(c, std::move(*role), c.param("organizationId"));
}

reply org_add_permission(call& c) {
  std::optional<json> role;
  if (auto nf = find_custom(c, role)) return *nf;
  return add_permission(c, std::move(*role), c.param("organizationId"));
}

reply org_remove_permission(call& c) {
  std::optional<json> role;
  if (auto nf = find_custom(c, role)) return *nf;
  const auto& perm = c.param("permissionSlug");
  if (!permission(c, perm)) return not_found("Permission", perm);
  json kept = json::array();
  bool had = false;
  if ((*role)["permissions"].is_array())
    for (const auto& p : (*role)["permissions"].as_array()) {
      if (p.as_string() == perm) had = true;
      else kept.as_array().push_back(p);
    }
  if (had) {
    role->set("permissions", std::move(kept));
    save_role(c, *role, c.param("organizationId"));
  }
  return reply::ok(role_view(*role));
}

// ----- permissions ------------------------------------------------------------------------------

reply perm_create(call& c) {
  if (auto bad = validate(c.body, {{"slug", field_rule::string, true},
                                   {"name", field_rule::string, true},
                                   {"description", field_rule::string},
                                   {"resource_type_slug", field_rule::string}}))
    return *bad;
  if (auto bad = check_lengths(c.body, {{"slug", 48}, {"name", 48}, {"description", 150}, {"resource_type_slug", 48}}))
    return *bad;
  const auto& slug = c.body["slug"].as_string();
  if (!slug_ok(slug, "-_:.*"))
    return unprocessable({{"slug", "invalid"}},
                         "slug may contain only lowercase letters, numbers, hyphens, underscores, colons, periods and "
                         "asterisks.");
  if (permission(c, slug))
    return error(409, "permission_slug_conflict", "A permission with the slug '" + slug + "' already exists.");
  json p = json::object();
  auto id = new_id("perm");
  p.set("object", "permission");
  p.set("id", id);
  p.set("slug", slug);
  p.set("name", c.body["name"]);
  p.set("description", c.body["description"].is_string() ? c.body["description"] : json{});
  p.set("system", false);
  p.set("resource_type_slug", c.body["resource_type_slug"].string_or("organization"));
  p.set("created_at", now_iso());
  p.set("updated_at", now_iso());
  c.db.put(c.env, permission_type, id, p);
  emit(c, "permission.created", p);
  return reply::created(p);
}

reply perm_list(call& c) { return paginate(c, c.db.all(c.env, permission_type)); }

reply perm_get(call& c) {
  auto p = permission(c, c.param("slug"));
  if (!p) return not_found("Permission", c.param("slug"));
  return reply::ok(*p);
}

reply perm_update(call& c) {
  auto p = permission(c, c.param("slug"));
  if (!p) return not_found("Permission", c.param("slug"));
  if (auto bad = validate(c.body, {{"name", field_rule::string}, {"description", field_rule::string}})) return *bad;
  if (auto bad = check_lengths(c.body, {{"name", 48}, {"description", 150}})) return *bad;
  if (c.body["name"].is_string()) {
    if (c.body["name"].as_string().empty()) return unprocessable({{"name", "required"}}, "name cannot be empty.");
    p->set("name", c.body["name"]);
  }
  if (const json* d = c.body.find("description")) p->set("description", *d);
  p->set("updated_at", now_iso());
  c.db.put(c.env, permission_type, (*p)["id"].as_string(), *p);
  emit(c, "permission.updated", *p);
  return reply::ok(*p);
}

// Deleting a permission takes it off every role that had it.
reply perm_delete(call& c) {
  auto p = permission(c, c.param("slug"));
  if (!p) return not_found("Permission", c.param("slug"));
  if ((*p)["system"].as_bool(false))
    return error(403, "system_permission", "System permissions are managed by WorkOS and cannot be deleted.");
  const json& slug = (*p)["slug"];
  auto strip = [&](json role, std::string_view org_id) {
    if (!role["permissions"].is_array()) return;
    auto& list = role["permissions"];
    auto before = list.as_array().size();
    json kept = json::array();
    for (const auto& x : list.as_array())
      if (!(x == slug)) kept.as_array().push_back(x);
    if (kept.as_array().size() == before) return;
    role.set("permissions", std::move(kept));
    save_role(c, role, org_id);
  };
  for (auto& r : c.db.all(c.env, role_type)) {
    auto org_id = r["organization_id"].string_or("");
    strip(std::move(r), org_id);
  }
  c.db.remove(c.env, (*p)["id"].as_string());
  emit(c, "permission.deleted", *p);
  return reply::no_content();
}

}  // namespace

void register_roles(api& a) {
  add(a, "POST", "/authorization/roles", env_create);
  add(a, "GET", "/authorization/roles", env_list);
  add(a, "GET", "/authorization/roles/{slug}", env_get);
  add(a, "PATCH", "/authorization/roles/{slug}", env_update);
  add(a, "PUT", "/authorization/roles/{slug}/permissions", env_set_permissions);
  add(a, "POST", "/authorization/roles/{slug}/permissions", env_add_permission);

  add(a, "POST", "/authorization/organizations/{organizationId}/roles", org_create);
  add(a, "GET", "/authorization/organizations/{organizationId}/roles", org_list);
  add(a, "GET", "/authorization/organizations/{organizationId}/roles/{slug}", org_get);
  add(a, "PATCH", "/authorization/organizations/{organizationId}/roles/{slug}", org_update);
  add(a, "DELETE", "/authorization/organizations/{organizationId}/roles/{slug}", org_delete);
  add(a, "PUT", "/authorization/organizations/{organizationId}/roles/{slug}/permissions", org_set_permissions);
  add(a, "POST", "/authorization/organizations/{organizationId}/roles/{slug}/permissions", org_add_permission);
  add(a, "DELETE", "/authorization/organizations/{organizationId}/roles/{slug}/permissions/{permissionSlug}",
      org_remove_permission);

  add(a, "GET", "/authorization/permissions", perm_list);
  add(a, "POST", "/authorization/permissions", perm_create);
  add(a, "GET", "/authorization/permissions/{slug}", perm_get);
  add(a, "PATCH", "/authorization/permissions/{slug}", perm_update);
  add(a, "DELETE", "/authorization/permissions/{slug}", perm_delete);
}

}  // namespace emulator::products::authz
