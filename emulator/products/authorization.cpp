// emulator/products/authorization.cpp — Authorization (roles, permissions, role assignments,
// resources) and Groups: the helpers their files share (authorization_common.hpp) and the one
// registration function. The routes live in authorization_roles.cpp, authorization_resources.cpp,
// authorization_assignments.cpp and groups.cpp.
#include <algorithm>

#include "emulator/products.hpp"
#include "emulator/products/authorization_common.hpp"

namespace emulator::products {

namespace authz {

namespace {

// Every environment starts with the default `member` role, as a WorkOS environment does.
void ensure_defaults(call& c) {
  if (c.db.setting(c.env, "authorization_defaults")) return;
  if (!environment_role(c, "member")) {
    json role = json::object();
    auto id = new_id("role");
    role.set("object", "role");
    role.set("id", id);
    role.set("slug", "member");
    role.set("name", "Member");
    role.set("description", nullptr);
    role.set("type", "EnvironmentRole");
    role.set("resource_type_slug", "organization");
    role.set("permissions", json::array());
    role.set("created_at", now_iso());
    role.set("updated_at", now_iso());
    c.db.put(c.env, role_type, id, role);
  }
  c.db.set_setting(c.env, "authorization_defaults", json{true});
}

std::optional<json> find_slug(std::vector<json> items, std::string_view slug) {
  for (auto& i : items)
    if (i["slug"].as_string() == slug) return std::move(i);
  return std::nullopt;
}

}  // namespace

void add(api& a, std::string method, std::string pattern, handler h) {
  a.add(std::move(method), std::move(pattern), [h = std::move(h)](call& c) {
    ensure_defaults(c);
    return h(c);
  });
}

std::optional<reply> check_lengths(const json& body,
                                   std::initializer_list<std::pair<std::string_view, std::size_t>> limits) {
  std::vector<field_error> errors;
  std::string message;
  for (const auto& [field, max] : limits) {
    const json* v = body.find(field);
    if (v && v->is_string() && v->as_string().size() > max) {
      errors.push_back({std::string{field}, "too_long"});
      if (message.empty()) message = std::string{field} + " must be at most " + std::to_string(max) + " characters.";
    }
  }
  if (errors.empty()) return std::nullopt;
  return unprocessable(std::move(errors), message);
}

json full_list(std::vector<json> items, bool with_metadata) {
  json body = json::object();
  body.set("object", "list");
  body.set("data", json{std::move(items)});
  if (with_metadata) {
    json meta = json::object();
    meta.set("before", nullptr);
    meta.set("after", nullptr);
    body.set("list_metadata", std::move(meta));
  }
  return body;
}

json query_object(const call& c) {
  json o = json::object();
  for (const auto& [k, v] : c.query)
    if (!o.contains(k)) o.set(k, v);
  return o;
}

bool slug_ok(std::string_view s, std::string_view allowed) {
  if (s.empty()) return false;
  for (char ch : s)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || allowed.find(ch) != std::string_view::npos))
      return false;
  return true;
}

std::optional<json> organization(call& c, std::string_view id) { return c.db.get(c.env, organization_type, id); }

std::optional<json> membership(call& c, std::string_view id) { return c.db.get(c.env, membership_type, id); }

std::optional<json> permission(call& c, std::string_view slug) {
  return find_slug(c.db.all(c.env, permission_type), slug);
}

std::optional<json> environment_role(call& c, std::string_view slug) {
  return find_slug(c.db.all(c.env, role_type, std::string_view{}), slug);
}

std::optional<json> custom_role(call& c, std::string_view org_id, std::string_view slug) {
  if (org_id.empty()) return std::nullopt;
  return find_slug(c.db.all(c.env, role_type, org_id), slug);
}

std::optional<json> role_in(call& c, std::string_view org_id, std::string_view slug) {
  if (auto r = custom_role(c, org_id, slug)) return r;
  return environment_role(c, slug);
}

json role_view(json role) {
  role.erase("organization_id");
  return role;
}

json role_event(const json& role, std::string_view org_id) {
  json d = json::object();
  if (org_id.empty()) {
    d.set("object", "role");
    d.set("slug", role["slug"]);
  } else {
    d.set("object", "organization_role");
    d.set("organization_id", org_id);
    d.set("slug", role["slug"]);
    d.set("name", role["name"]);
    d.set("description", role["description"]);
  }
  d.set("resource_type_slug", role["resource_type_slug"]);
  d.set("permissions", role["permissions"]);
  d.set("created_at", role["created_at"]);
  d.set("updated_at", role["updated_at"]);
  return d;
}

target of_organization(const json& org) {
  target t;
  t.id = org["id"].as_string();
  t.external_id = org["external_id"].is_string() ? org["external_id"].as_string() : t.id;
  t.type = "organization";
  t.org_id = t.id;
  return t;
}

target of_resource(const json& res) {
  target t;
  t.id = res["id"].as_string();
  t.external_id = res["external_id"].as_string();
  t.type = res["resource_type_slug"].as_string();
  t.org_id = res["organization_id"].as_string();
  t.parent_id = res["parent_resource_id"].is_string() ? res["parent_resource_id"].as_string() : t.org_id;
  return t;
}

json target_ref(const target& t) {
  json r = json::object();
  r.set("id", t.id);
  r.set("external_id", t.external_id);
  r.set("resource_type_slug", t.type);
  return r;
}

std::optional<json> resource_by_external_id(call& c, std::string_view org_id, std::string_view type,
                                            std::string_view external_id) {
  for (auto& r : c.db.all(c.env, resource_type, org_id))
    if (r["resource_type_slug"].as_string() == type && r["external_id"].as_string() == external_id)
      return std::move(r);
  return std::nullopt;
}

std::optional<reply> resolve_target(call& c, const json& fields, std::string_view id_key, std::string_view ext_key,
                                    std::string_view type_key, std::string_view org_id, bool required,
                                    std::optional<target>& out) {
  out.reset();
  auto given = [&](std::string_view key) {
    const json& v = fields[key];
    return v.is_string() && !v.as_string().empty();
  };
  bool has_id = given(id_key), has_ext = given(ext_key), has_type = given(type_key);
  for (auto key : {id_key, ext_key, type_key})
    if (const json* v = fields.find(key); v && !v->is_null() && !v->is_string())
      return unprocessable({{std::string{key}, "invalid_type"}});
  if (has_id && (has_ext || has_type))
    return unprocessable({{std::string{id_key}, "invalid"}},
                         std::string{id_key} + " and " + std::string{ext_key} + "/" + std::string{type_key} +
                             " are mutually exclusive.");
  if (has_ext != has_type)
    return unprocessable({{std::string{has_ext ? type_key : ext_key}, "required"}},
                         std::string{ext_key} + " and " + std::string{type_key} + " must be given together.");
  if (!has_id && !has_ext) {
    if (required)
      return unprocessable({{std::string{id_key}, "required"}},
                           "Provide " + std::string{id_key} + ", or " + std::string{ext_key} + " and " +
                               std::string{type_key} + ".");
    return std::nullopt;
  }
  if (has_id) {
    const auto& id = fields[id_key].as_string();
    target t;
    if (auto org = organization(c, id)) {
      t = of_organization(*org);
    } else if (auto res = c.db.get(c.env, resource_type, id)) {
      t = of_resource(*res);
    } else {
      return not_found("Authorization resource", id);
    }
    if (!org_id.empty() && t.org_id != org_id) return not_found("Authorization resource", id);
    out = std::move(t);
    return std::nullopt;
  }
  const auto& ext = fields[ext_key].as_string();
  const auto& type = fields[type_key].as_string();
  if (type == "organization") {
    auto org = organization(c, org_id);
    if (org && (of_organization(*org).external_id == ext || (*org)["id"].as_string() == ext)) {
      out = of_organization(*org);
      return std::nullopt;
    }
    return not_found("Authorization resource", ext);
  }
  auto res = org_id.empty() ? std::nullopt : resource_by_external_id(c, org_id, type, ext);
  if (!res) return not_found("Authorization resource", ext);
  out = of_resource(*res);
  return std::nullopt;
}

std::vector<std::string> lineage(call& c, const target& t) {
  std::vector<std::string> ids{t.id};
  if (t.type == "organization") return ids;
  std::string parent = t.parent_id;
  // Depth-bounded: a tree deeper than this is not one the API would have let anyone build.
  for (int depth = 0; depth < 64 && !parent.empty() && parent != t.org_id; ++depth) {
    auto res = c.db.get(c.env, resource_type, parent);
    if (!res) break;
    ids.push_back(parent);
    parent = of_resource(*res).parent_id;
  }
  ids.push_back(t.org_id);
  return ids;
}

std::set<std::string> roles_on(call& c, const json& m, const target& t, bool direct_only) {
  std::set<std::string> slugs;
  const auto& org_id = m["organization_id"].as_string();
  if (t.org_id != org_id) return slugs;
  std::vector<std::string> chain = direct_only ? std::vector<std::string>{t.id} : lineage(c, t);
  // The membership's own roles are roles on its organization.
  if (std::find(chain.begin(), chain.end(), org_id) != chain.end()) {
    if (m["role"]["slug"].is_string()) slugs.insert(m["role"]["slug"].as_string());
    if (m["roles"].is_array())
      for (const auto& r : m["roles"].as_array())
        if (r["slug"].is_string()) slugs.insert(r["slug"].as_string());
  }
  for (const auto& a : c.db.all(c.env, assignment_type, m["id"].as_string()))
    if (std::find(chain.begin(), chain.end(), a["resource"]["id"].as_string()) != chain.end())
      slugs.insert(a["role"]["slug"].as_string());
  return slugs;
}

std::set<std::string> permissions_on(call& c, const json& m, const target& t, bool direct_only) {
  std::set<std::string> out;
  for (const auto& slug : roles_on(c, m, t, direct_only)) {
    auto role = role_in(c, m["organization_id"].as_string(), slug);
    if (!role || !(*role)["permissions"].is_array()) continue;
    for (const auto& p : (*role)["permissions"].as_array()) out.insert(p.as_string());
  }
  return out;
}

json membership_base(const json& m) {
  json o = json::object();
  o.set("object", "organization_membership");
  for (auto key : {"id", "user_id", "organization_id", "status"}) o.set(key, m[key]);
  o.set("directory_managed", m["directory_managed"].as_bool(false));
  if (m["organization_name"].is_string()) o.set("organization_name", m["organization_name"]);
  o.set("custom_attributes", m["custom_attributes"].is_object() ? m["custom_attributes"] : json::object());
  o.set("created_at", m["created_at"]);
  o.set("updated_at", m["updated_at"]);
  return o;
}

json membership_with_user(call& c, const json& m) {
  json o = membership_base(m);
  auto user = c.db.get(c.env, "user", m["user_id"].as_string());
  o.set("user", user ? *user : json{});
  return o;
}

void materialize(call& c, const json& gra, std::string_view om_id) {
  for (const auto& a : c.db.all(c.env, assignment_type, om_id))
    if (a["source"]["group_role_assignment_id"] == gra["id"]) return;
  json a = json::object();
  auto id = new_id("role_assignment");
  a.set("object", "role_assignment");
  a.set("id", id);
  a.set("organization_membership_id", om_id);
  a.set("role", gra["role"]);
  a.set("resource", gra["resource"]);
  json source = json::object();
  source.set("type", "group");
  source.set("group_role_assignment_id", gra["id"]);
  a.set("source", std::move(source));
  a.set("created_at", now_iso());
  a.set("updated_at", now_iso());
  c.db.put(c.env, assignment_type, id, a, om_id);
}

void drop_derived(call& c, std::string_view gra_id, std::string_view om_id) {
  auto all = om_id.empty() ? c.db.all(c.env, assignment_type) : c.db.all(c.env, assignment_type, om_id);
  for (const auto& a : all)
    if (a["source"]["group_role_assignment_id"].as_string() == gra_id) c.db.remove(c.env, a["id"].as_string());
}

}  // namespace authz

void register_authorization(api& a) {
  authz::register_roles(a);
  authz::register_resources(a);
  authz::register_assignments(a);
  authz::register_groups(a);
}

}  // namespace emulator::products
