// emulator/products/authorization_assignments.cpp — role assignments of organization
// memberships and of groups, the permission check, and effective permissions (15 spec
// operations, plus the SDK's own path for effective permissions).
//
// A role is assigned on a resource (or on the organization itself) and must be scoped to that
// resource's type. A group's role assignments reach each of its members as role assignments
// with source.type "group". The spec defines no event for role assignments, so none is emitted.
#include <algorithm>

#include "emulator/products.hpp"
#include "emulator/products/authorization_common.hpp"

namespace emulator::products::authz {

namespace {

// The membership a path names, or its 404.
std::optional<reply> find_membership(call& c, std::optional<json>& m) {
  const auto& id = c.param("organization_membership_id");
  m = membership(c, id);
  if (!m) return not_found("Organization membership", id);
  return std::nullopt;
}

// The role a body names, usable on `t` within `org_id`.
std::optional<reply> usable_role(call& c, std::string_view org_id, const std::string& slug, const target& t) {
  auto role = role_in(c, org_id, slug);
  if (!role) return not_found("Role", slug);
  const auto& scope = (*role)["resource_type_slug"].string_or("organization");
  if (scope != t.type)
    return unprocessable({{"role_slug", "invalid"}},
                         "The role '" + slug + "' applies to resources of type '" + scope + "', not '" + t.type + "'.");
  return std::nullopt;
}

std::optional<reply> body_target(call& c, std::string_view org_id, bool required, std::optional<target>& t) {
  return resolve_target(c, c.body, "resource_id", "resource_external_id", "resource_type_slug", org_id, required, t);
}

// ----- organization memberships -----------------------------------------------------------------

reply list(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  auto rid = c.q("resource_id"), ext = c.q("resource_external_id"), type = c.q("resource_type_slug");
  std::vector<json> out;
  for (auto& a : c.db.all(c.env, assignment_type, (*m)["id"].as_string())) {
    const json& r = a["resource"];
    if (rid && r["id"].as_string() != *rid) continue;
    if (ext && r["external_id"].as_string() != *ext) continue;
    if (type && r["resource_type_slug"].as_string() != *type) continue;
    out.push_back(std::move(a));
  }
  return paginate(c, std::move(out));
}

reply assign(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  if (auto bad = validate(c.body, {{"role_slug", field_rule::string, true}})) return *bad;
  const auto& org_id = (*m)["organization_id"].as_string();
  std::optional<target> t;
  if (auto bad = body_target(c, org_id, true, t)) return *bad;
  const auto& slug = c.body["role_slug"].as_string();
  if (auto bad = usable_role(c, org_id, slug, *t)) return *bad;
  const auto& om_id = (*m)["id"].as_string();
  // Assigning a role the membership already holds there directly changes nothing.
  for (auto& a : c.db.all(c.env, assignment_type, om_id))
    if (a["source"]["type"].as_string() == "direct" && a["role"]["slug"].as_string() == slug &&
        a["resource"]["id"].as_string() == t->id)
      return reply::created(std::move(a));
  json a = json::object();
  auto id = new_id("role_assignment");
  a.set("object", "role_assignment");
  a.set("id", id);
  a.set("organization_membership_id", om_id);
  json role = json::object();
  role.set("slug", slug);
  a.set("role", std::move(role));
  a.set("resource", target_ref(*t));
  json source = json::object();
  source.set("type", "direct");
  source.set("group_role_assignment_id", nullptr);
  a.set("source", std::move(source));
  a.set("created_at", now_iso());
  a.set("updated_at", now_iso());
  c.db.put(c.env, assignment_type, id, a, om_id);
  return reply::created(a);
}

reply remove_by_criteria(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  if (auto bad = validate(c.body, {{"role_slug", field_rule::string, true}})) return *bad;
  std::optional<target> t;
  if (auto bad = body_target(c, (*m)["organization_id"].as_string(), true, t)) return *bad;
  const auto& slug = c.body["role_slug"].as_string();
  bool removed = false;
  for (const auto& a : c.db.all(c.env, assignment_type, (*m)["id"].as_string()))
    if (a["source"]["type"].as_string() == "direct" && a["role"]["slug"].as_string() == slug &&
        a["resource"]["id"].as_string() == t->id)
      removed |= c.db.remove(c.env, a["id"].as_string());
  if (!removed) return not_found("Role assignment", slug + "' on '" + t->id);
  return reply::no_content();
}

reply remove_by_id(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  const auto& id = c.param("role_assignment_id");
  auto a = c.db.get(c.env, assignment_type, id);
  if (!a || (*a)["organization_membership_id"] != (*m)["id"]) return not_found("Role assignment", id);
  if ((*a)["source"]["type"].as_string() == "group")
    return unprocessable({{"role_assignment_id", "invalid"}},
                         "This role assignment comes from a group; remove the group's role assignment or the "
                         "membership from the group.");
  c.db.remove(c.env, id);
  return reply::no_content();
}

reply check(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  if (auto bad = validate(c.body, {{"permission_slug", field_rule::string, true}})) return *bad;
  std::optional<target> t;
  if (auto bad = body_target(c, (*m)["organization_id"].as_string(), true, t)) return *bad;
  json out = json::object();
  out.set("authorized", permissions_on(c, *m, *t, false).count(c.body["permission_slug"].as_string()) > 0);
  return reply::ok(out);
}

// The children of a parent resource on which the membership holds `permission_slug`.
reply resources(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  auto perm = c.q("permission_slug");
  if (!perm || perm->empty()) return unprocessable({{"permission_slug", "required"}}, "permission_slug is required.");
  const auto& org_id = (*m)["organization_id"].as_string();
  std::optional<target> parent;
  if (auto bad = resolve_target(c, query_object(c), "parent_resource_id", "parent_resource_external_id",
                                "parent_resource_type_slug", org_id, true, parent))
    return *bad;
  std::vector<json> out;
  for (auto& r : c.db.all(c.env, resource_type, org_id)) {
    auto t = of_resource(r);
    if (t.parent_id != parent->id) continue;
    if (permissions_on(c, *m, t, false).count(*perm)) out.push_back(std::move(r));
  }
  return paginate(c, std::move(out));
}

reply effective_permissions(call& c) {
  std::optional<json> m;
  if (auto nf = find_membership(c, m)) return *nf;
  json fields = json::object();
  if (!c.param("resource_id").empty()) {
    fields.set("id", c.param("resource_id"));
  } else {
    fields.set("external_id", c.param("external_id"));
    fields.set("type", c.param("resource_type_slug"));
  }
  std::optional<target> t;
  if (auto nf = resolve_target(c, fields, "id", "external_id", "type", (*m)["organization_id"].as_string(), true, t))
    return *nf;
  auto slugs = permissions_on(c, *m, *t, false);
  std::vector<json> out;
  for (auto& p : c.db.all(c.env, permission_type))
    if (slugs.count(p["slug"].as_string())) out.push_back(std::move(p));
  return paginate(c, std::move(out));
}

// ----- groups -----------------------------------------------------------------------------------

std::optional<reply> find_group(call& c, std::optional<json>& g) {
  g = c.db.get(c.env, group_type, c.param("group_id"));
  if (!g) return not_found("Group", c.param("group_id"));
  return std::nullopt;
}

// The role slug and node of one group role assignment entry (resource omitted: the organization).
std::optional<reply> group_target(call& c, const json& group, const json& entry, std::string& slug, target& t) {
  if (auto bad = validate(entry, {{"role_slug", field_rule::string, true}})) return *bad;
  slug = entry["role_slug"].as_string();
  const auto& org_id = group["organization_id"].as_string();
  std::optional<target> found;
  if (auto bad = resolve_target(c, entry, "resource_id", "resource_external_id", "resource_type_slug", org_id, false, found))
    return *bad;
  if (found) {
    t = *found;
    return std::nullopt;
  }
  auto org = organization(c, org_id);
  if (!org) return not_found("Organization", org_id);
  t = of_organization(*org);
  return std::nullopt;
}

// …and the role must be one the group can hold there.
std::optional<reply> group_entry(call& c, const json& group, const json& entry, std::string& slug, target& t) {
  if (auto bad = group_target(c, group, entry, slug, t)) return bad;
  return usable_role(c, group["organization_id"].as_string(), slug, t);
}

json make_gra(const json& group, const std::string& slug, const target& t) {
  json gra = json::object();
  gra.set("object", "group_role_assignment");
  gra.set("id", new_id("gra"));
  gra.set("group_id", group["id"]);
  json role = json::object();
  role.set("slug", slug);
  gra.set("role", std::move(role));
  gra.set("resource", target_ref(t));
  gra.set("created_at", now_iso());
  gra.set("updated_at", now_iso());
  return gra;
}

// Stores a group role assignment and hands it to every member of the group.
void add_gra(call& c, const json& gra) {
  const auto& group_id = gra["group_id"].as_string();
  c.db.put(c.env, group_assignment_type, gra["id"].as_string(), gra, group_id);
  for (const auto& gm : c.db.all(c.env, group_member_type, group_id))
    materialize(c, gra, gm["organization_membership_id"].as_string());
}

void remove_gra(call& c, const std::string& id) {
  drop_derived(c, id);
  c.db.remove(c.env, id);
}

bool same(const json& gra, const std::string& slug, const target& t) {
  return gra["role"]["slug"].as_string() == slug && gra["resource"]["id"].as_string() == t.id;
}

reply group_list(call& c) {
  std::optional<json> g;
  if (auto nf = find_group(c, g)) return *nf;
  return paginate(c, c.db.all(c.env, group_assignment_type, c.param("group_id")));
}

reply group_create(call& c) {
  std::optional<json> g;
  if (auto nf = find_group(c, g)) return *nf;
  std::string slug;
  target t;
  if (auto bad = group_entry(c, *g, c.body, slug, t)) return *bad;
  for (const auto& gra : c.db.all(c.env, group_assignment_type, c.param("group_id")))
    if (same(gra, slug, t))
      return error(409, "duplicate_group_role_assignment",
                   "The group already has the role '" + slug + "' on this resource.");
  auto gra = make_gra(*g, slug, t);
  add_gra(c, gra);
  return reply::created(gra);
}

reply group_replace(call& c) {
  std::optional<json> g;
  if (auto nf = find_group(c, g)) return *nf;
  if (auto bad = validate(c.body, {{"role_assignments", field_rule::array, true}})) return *bad;
  const auto& entries = c.body["role_assignments"].as_array();
  if (entries.size() > 100)
    return unprocessable({{"role_assignments", "too_long"}}, "role_assignments holds at most 100 entries.");
  std::vector<std::pair<std::string, target>> wanted;
  for (const auto& e : entries) {
    if (!e.is_object()) return unprocessable({{"role_assignments", "invalid_type"}});
    std::string slug;
    target t;
    if (auto bad = group_entry(c, *g, e, slug, t)) return *bad;
    bool dup = false;
    for (const auto& [s, w] : wanted) dup |= s == slug && w.id == t.id;
    if (!dup) wanted.emplace_back(slug, t);
  }
  // Keep what is still wanted, remove the rest, add what is new.
  for (const auto& gra : c.db.all(c.env, group_assignment_type, c.param("group_id"))) {
    auto it = std::find_if(wanted.begin(), wanted.end(), [&](const auto& w) { return same(gra, w.first, w.second); });
    if (it != wanted.end()) wanted.erase(it);
    else remove_gra(c, gra["id"].as_string());
  }
  for (const auto& [slug, t] : wanted) add_gra(c, make_gra(*g, slug, t));
  return reply::ok(full_list(c.db.all(c.env, group_assignment_type, c.param("group_id")), true));
}

reply group_remove_by_criteria(call& c) {
  std::optional<json> g;
  if (auto nf = find_group(c, g)) return *nf;
  std::string slug;
  target t;
  if (auto bad = group_target(c, *g, c.body, slug, t)) return *bad;
  bool removed = false;
  for (const auto& gra : c.db.all(c.env, group_assignment_type, c.param("group_id")))
    if (same(gra, slug, t)) {
      remove_gra(c, gra["id"].as_string());
      removed = true;
    }
  if (!removed) return not_found("Group role assignment", slug);
  return reply::no_content();
}

std::optional<reply> find_gra(call& c, std::optional<json>& gra) {
  std::optional<json> g;
  if (auto nf = find_group(c, g)) return *nf;
  const auto& id = c.param("role_assignment_id");
  gra = c.db.get(c.env, group_assignment_type, id);
  if (!gra || (*gra)["group_id"].as_string() != c.param("group_id")) return not_found("Group role assignment", id);
  return std::nullopt;
}

reply group_get(call& c) {
  std::optional<json> gra;
  if (auto nf = find_gra(c, gra)) return *nf;
  return reply::ok(*gra);
}

reply group_remove(call& c) {
  std::optional<json> gra;
  if (auto nf = find_gra(c, gra)) return *nf;
  remove_gra(c, (*gra)["id"].as_string());
  return reply::no_content();
}

}  // namespace

void register_assignments(api& a) {
  const std::string om = "/authorization/organization_memberships/{organization_membership_id}";
  add(a, "GET", om + "/role_assignments", list);
  add(a, "POST", om + "/role_assignments", assign);
  add(a, "DELETE", om + "/role_assignments", remove_by_criteria);
  add(a, "DELETE", om + "/role_assignments/{role_assignment_id}", remove_by_id);
  add(a, "POST", om + "/check", check);
  add(a, "GET", om + "/resources", resources);
  add(a, "GET", om + "/resources/{resource_id}/permissions", effective_permissions);
  add(a, "GET", om + "/resources/{resource_type_slug}/{external_id}/permissions", effective_permissions);
  // The Node SDK's listEffectivePermissions calls this path (not in the spec).
  add(a, "GET", "/authorization/resources/{resource_id}/organization_memberships/{organization_membership_id}/permissions",
      effective_permissions);

  const std::string group = "/authorization/groups/{group_id}/role_assignments";
  add(a, "GET", group, group_list);
  add(a, "POST", group, group_create);
  add(a, "PUT", group, group_replace);
  add(a, "DELETE", group, group_remove_by_criteria);
  add(a, "GET", group + "/{role_assignment_id}", group_get);
  add(a, "DELETE", group + "/{role_assignment_id}", group_remove);
}

}  // namespace emulator::products::authz
