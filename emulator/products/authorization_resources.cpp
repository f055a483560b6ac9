// emulator/products/authorization_resources.cpp — authorization resources, by id and by
// (organization, resource type, external id), and who can access them (13 spec operations).
//
// A resource belongs to an organization and may have a parent resource of the same
// organization; the organization itself is the root. (organization, type, external id) is
// unique (409 authorization_resource_external_id_conflict). Deleting a resource with children
// or role assignments needs cascade_delete=true (else 409 resource_has_dependents). The spec
// defines no event for resources, so none is emitted.
#include <algorithm>

#include "emulator/products.hpp"
#include "emulator/products/authorization_common.hpp"

namespace emulator::products::authz {

namespace {

bool ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
}

// The parent named in a create/update body, within `org_id`: nullopt target = top level.
std::optional<reply> body_parent(call& c, std::string_view org_id, std::optional<target>& parent) {
  return resolve_target(c, c.body, "parent_resource_id", "parent_resource_external_id", "parent_resource_type_slug",
                        org_id, false, parent);
}

reply create(call& c) {
  if (auto bad = validate(c.body, {{"external_id", field_rule::string, true},
                                   {"name", field_rule::string, true},
                                   {"description", field_rule::string},
                                   {"resource_type_slug", field_rule::string, true},
                                   {"organization_id", field_rule::string, true},
                                   {"parent_resource_id", field_rule::string},
                                   {"parent_resource_external_id", field_rule::string},
                                   {"parent_resource_type_slug", field_rule::string}}))
    return *bad;
  if (auto bad = check_lengths(c.body, {{"external_id", 128}, {"name", 48}, {"description", 150}})) return *bad;
  const auto& ext = c.body["external_id"].as_string();
  const auto& type = c.body["resource_type_slug"].as_string();
  const auto& org_id = c.body["organization_id"].as_string();
  if (!ascii(ext)) return unprocessable({{"external_id", "invalid"}}, "external_id must be ASCII.");
  if (type == "organization")
    return unprocessable({{"resource_type_slug", "invalid"}},
                         "Organizations are the root resources; create resources of your own types beneath them.");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  std::optional<target> parent;
  if (auto bad = body_parent(c, org_id, parent)) return *bad;
  if (resource_by_external_id(c, org_id, type, ext))
    return error(409, "authorization_resource_external_id_conflict",
                 "A resource of type '" + type + "' with external_id '" + ext + "' already exists in this organization.");
  json r = json::object();
  auto id = new_id("authz_resource");
  r.set("object", "authorization_resource");
  r.set("name", c.body["name"]);
  r.set("description", c.body["description"].is_string() ? c.body["description"] : json{});
  r.set("organization_id", org_id);
  r.set("parent_resource_id", parent && parent->type != "organization" ? json{parent->id} : json{});
  r.set("id", id);
  r.set("external_id", ext);
  r.set("resource_type_slug", type);
  r.set("created_at", now_iso());
  r.set("updated_at", now_iso());
  c.db.put(c.env, resource_type, id, r, org_id);
  return reply::created(r);
}

reply list(call& c) {
  auto org = c.q("organization_id"), type = c.q("resource_type_slug"), ext = c.q("resource_external_id");
  auto parent_id = c.q("parent_resource_id"), parent_type = c.q("parent_resource_type_slug"),
       parent_ext = c.q("parent_external_id");
  if (ext && (!org || !type))
    return error(400, "missing_organization_id_or_resource_type_slug",
                 "resource_external_id needs organization_id and resource_type_slug.");
  if (parent_id && (parent_type || parent_ext))
    return unprocessable({{"parent_resource_id", "invalid"}},
                         "parent_resource_id and parent_resource_type_slug/parent_external_id are mutually exclusive.");
  if (bool(parent_type) != bool(parent_ext))
    return unprocessable({{parent_type ? "parent_external_id" : "parent_resource_type_slug", "required"}},
                         "parent_resource_type_slug and parent_external_id must be given together.");
  // The ids a listed resource's parent may have (the organization id standing for "top level").
  std::optional<std::vector<std::string>> parents;
  if (parent_id) parents = std::vector<std::string>{*parent_id};
  if (parent_type) {
    parents.emplace();
    if (*parent_type == "organization") {
      for (const auto& o : c.db.all(c.env, organization_type))
        if (of_organization(o).external_id == *parent_ext || o["id"].as_string() == *parent_ext)
          parents->push_back(o["id"].as_string());
    } else {
      for (const auto& r : c.db.all(c.env, resource_type))
        if (r["resource_type_slug"].as_string() == *parent_type && r["external_id"].as_string() == *parent_ext &&
            (!org || r["organization_id"].as_string() == *org))
          parents->push_back(r["id"].as_string());
    }
  }
  std::vector<json> out;
  for (auto& r : org ? c.db.all(c.env, resource_type, *org) : c.db.all(c.env, resource_type)) {
    if (type && r["resource_type_slug"].as_string() != *type) continue;
    if (ext && r["external_id"].as_string() != *ext) continue;
    if (parents && std::find(parents->begin(), parents->end(), of_resource(r).parent_id) == parents->end()) continue;
    out.push_back(std::move(r));
  }
  return paginate(c, std::move(out));
}

// The resource a path names, by id or by (organization, type, external id).
std::optional<reply> find(call& c, std::optional<json>& res) {
  if (!c.param("resource_id").empty()) {
    res = c.db.get(c.env, resource_type, c.param("resource_id"));
    if (!res) return not_found("Authorization resource", c.param("resource_id"));
    return std::nullopt;
  }
  const auto& org_id = c.param("organization_id");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  res = resource_by_external_id(c, org_id, c.param("resource_type_slug"), c.param("external_id"));
  if (!res) return not_found("Authorization resource", c.param("external_id"));
  return std::nullopt;
}

// The node a path names, which may also be the organization itself (by its id, or as type
// "organization").
std::optional<reply> find_target(call& c, target& t) {
  json fields = json::object();
  if (!c.param("resource_id").empty()) {
    fields.set("id", c.param("resource_id"));
  } else {
    if (!organization(c, c.param("organization_id"))) return not_found("Organization", c.param("organization_id"));
    fields.set("external_id", c.param("external_id"));
    fields.set("type", c.param("resource_type_slug"));
  }
  std::optional<target> out;
  if (auto nf = resolve_target(c, fields, "id", "external_id", "type", c.param("organization_id"), true, out)) return nf;
  t = *out;
  return std::nullopt;
}

reply get(call& c) {
  std::optional<json> res;
  if (auto nf = find(c, res)) return *nf;
  return reply::ok(*res);
}

reply update(call& c) {
  std::optional<json> res;
  if (auto nf = find(c, res)) return *nf;
  if (auto bad = validate(c.body, {{"name", field_rule::string},
                                   {"description", field_rule::string},
                                   {"parent_resource_id", field_rule::string},
                                   {"parent_resource_external_id", field_rule::string},
                                   {"parent_resource_type_slug", field_rule::string}}))
    return *bad;
  if (auto bad = check_lengths(c.body, {{"name", 48}, {"description", 150}})) return *bad;
  auto self = of_resource(*res);
  std::optional<target> parent;
  if (auto bad = body_parent(c, self.org_id, parent)) return *bad;
  if (parent) {
    // A resource cannot move beneath itself.
    auto above = lineage(c, *parent);
    if (std::find(above.begin(), above.end(), self.id) != above.end())
      return unprocessable({{"parent_resource_id", "invalid"}}, "A resource cannot be its own ancestor.");
    res->set("parent_resource_id", parent->type != "organization" ? json{parent->id} : json{});
  }
  if (c.body["name"].is_string()) {
    if (c.body["name"].as_string().empty()) return unprocessable({{"name", "required"}}, "name cannot be empty.");
    res->set("name", c.body["name"]);
  }
  if (const json* d = c.body.find("description")) res->set("description", *d);
  res->set("updated_at", now_iso());
  c.db.put(c.env, resource_type, self.id, *res, self.org_id);
  return reply::ok(*res);
}

// Removes a resource, its descendants and every role assignment on them.
void remove_tree(call& c, const std::string& id, const std::string& org_id) {
  for (const auto& child : c.db.all(c.env, resource_type, org_id))
    if (child["parent_resource_id"].as_string() == id) remove_tree(c, child["id"].as_string(), org_id);
  for (const auto& a : c.db.all(c.env, assignment_type))
    if (a["resource"]["id"].as_string() == id) c.db.remove(c.env, a["id"].as_string());
  for (const auto& gra : c.db.all(c.env, group_assignment_type))
    if (gra["resource"]["id"].as_string() == id) c.db.remove(c.env, gra["id"].as_string());
  c.db.remove(c.env, id);
}

reply remove(call& c) {
  std::optional<json> res;
  if (auto nf = find(c, res)) return *nf;
  bool cascade = false;
  if (auto v = c.q("cascade_delete")) {
    if (*v != "true" && *v != "false") return unprocessable({{"cascade_delete", "invalid"}}, "cascade_delete must be true or false.");
    cascade = *v == "true";
  }
  auto self = of_resource(*res);
  if (!cascade) {
    bool dependents = false;
    for (const auto& child : c.db.all(c.env, resource_type, self.org_id))
      dependents |= child["parent_resource_id"].as_string() == self.id;
    for (const auto& a : c.db.all(c.env, assignment_type)) dependents |= a["resource"]["id"].as_string() == self.id;
    for (const auto& gra : c.db.all(c.env, group_assignment_type)) dependents |= gra["resource"]["id"].as_string() == self.id;
    if (dependents)
      return error(409, "resource_has_dependents",
                   "The resource has child resources or role assignments; delete them first or pass cascade_delete=true.");
  }
  remove_tree(c, self.id, self.org_id);
  return reply::no_content();
}

// Who holds `permission_slug` on the resource (directly on it with assignment=direct).
reply memberships(call& c) {
  target t;
  if (auto nf = find_target(c, t)) return *nf;
  auto perm = c.q("permission_slug");
  if (!perm || perm->empty()) return unprocessable({{"permission_slug", "required"}}, "permission_slug is required.");
  auto assignment = c.q("assignment").value_or("indirect");
  if (assignment != "direct" && assignment != "indirect")
    return unprocessable({{"assignment", "invalid"}}, "assignment must be direct or indirect.");
  std::vector<json> out;
  for (const auto& m : c.db.all(c.env, membership_type)) {
    if (m["organization_id"].as_string() != t.org_id) continue;
    if (permissions_on(c, m, t, assignment == "direct").count(*perm)) out.push_back(membership_with_user(c, m));
  }
  return paginate(c, std::move(out));
}

// Every role assignment on the resource itself, whichever membership holds it.
reply role_assignments(call& c) {
  target t;
  if (auto nf = find_target(c, t)) return *nf;
  auto role = c.q("role_slug");
  std::vector<json> out;
  for (auto& a : c.db.all(c.env, assignment_type)) {
    if (a["resource"]["id"].as_string() != t.id) continue;
    if (role && a["role"]["slug"].as_string() != *role) continue;
    if (!membership(c, a["organization_membership_id"].as_string())) continue;  // membership deleted since
    out.push_back(std::move(a));
  }
  return paginate(c, std::move(out));
}

}  // namespace

void register_resources(api& a) {
  add(a, "GET", "/authorization/resources", list);
  add(a, "POST", "/authorization/resources", create);
  add(a, "GET", "/authorization/resources/{resource_id}", get);
  add(a, "PATCH", "/authorization/resources/{resource_id}", update);
  add(a, "DELETE", "/authorization/resources/{resource_id}", remove);
  add(a, "GET", "/authorization/resources/{resource_id}/organization_memberships", memberships);
  add(a, "GET", "/authorization/resources/{resource_id}/role_assignments", role_assignments);

  const std::string by_ext = "/authorization/organizations/{organization_id}/resources/{resource_type_slug}/{external_id}";
  add(a, "GET", by_ext, get);
  add(a, "PATCH", by_ext, update);
  add(a, "DELETE", by_ext, remove);
  add(a, "GET", by_ext + "/organization_memberships", memberships);
  add(a, "GET", by_ext + "/role_assignments", role_assignments);
}

}  // namespace emulator::products::authz
