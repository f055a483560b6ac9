// emulator/products/groups.cpp — organization groups and their members (8 spec operations under
// /organizations/{organizationId}/groups, members at the hyphenated /organization-memberships),
// and a membership's groups (GET /user_management/organization_memberships/{omId}/groups).
//
// A member gets the group's role assignments (authorization_assignments.cpp) for as long as it
// is a member. Events: group.created/updated/deleted, group.member_added/member_removed.
#include "emulator/products.hpp"
#include "emulator/products/authorization_common.hpp"

namespace emulator::products::authz {

namespace {

// The organization and group a path names, or the 404 for the first that is missing.
std::optional<reply> find(call& c, std::optional<json>& group) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  group = c.db.get(c.env, group_type, c.param("groupId"));
  if (!group || (*group)["organization_id"].as_string() != org_id) return not_found("Group", c.param("groupId"));
  return std::nullopt;
}

std::optional<reply> check_body(const call& c, bool create) {
  if (auto bad = validate(c.body, {{"name", field_rule::string, create}, {"description", field_rule::string}})) return bad;
  return check_lengths(c.body, {{"name", 256}, {"description", 150}});
}

reply create(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  if (auto bad = check_body(c, true)) return *bad;
  json g = json::object();
  auto id = new_id("group");
  g.set("object", "group");
  g.set("id", id);
  g.set("organization_id", org_id);
  g.set("name", c.body["name"]);
  g.set("description", c.body["description"].is_string() ? c.body["description"] : json{});
  g.set("created_at", now_iso());
  g.set("updated_at", now_iso());
  c.db.put(c.env, group_type, id, g, org_id);
  emit(c, "group.created", g);
  return reply::created(g);
}

reply list(call& c) {
  const auto& org_id = c.param("organizationId");
  if (!organization(c, org_id)) return not_found("Organization", org_id);
  return paginate(c, c.db.all(c.env, group_type, org_id));
}

reply get(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  return reply::ok(*g);
}

reply update(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  if (auto bad = check_body(c, false)) return *bad;
  if (c.body["name"].is_string()) {
    if (c.body["name"].as_string().empty()) return unprocessable({{"name", "required"}}, "name cannot be empty.");
    g->set("name", c.body["name"]);
  }
  if (const json* d = c.body.find("description")) g->set("description", *d);
  g->set("updated_at", now_iso());
  c.db.put(c.env, group_type, (*g)["id"].as_string(), *g, (*g)["organization_id"].as_string());
  emit(c, "group.updated", *g);
  return reply::ok(*g);
}

// Deleting a group ends its memberships and its role assignments (and what members got from them).
reply remove(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  const auto& id = (*g)["id"].as_string();
  for (const auto& gra : c.db.all(c.env, group_assignment_type, id)) {
    drop_derived(c, gra["id"].as_string());
    c.db.remove(c.env, gra["id"].as_string());
  }
  for (const auto& gm : c.db.all(c.env, group_member_type, id)) c.db.remove(c.env, gm["id"].as_string());
  c.db.remove(c.env, id);
  emit(c, "group.deleted", *g);
  return reply::no_content();
}

json member_event(const std::string& group_id, const std::string& om_id) {
  json d = json::object();
  d.set("group_id", group_id);
  d.set("organization_membership_id", om_id);
  return d;
}

std::optional<json> group_membership(call& c, const std::string& group_id, std::string_view om_id) {
  for (auto& gm : c.db.all(c.env, group_member_type, group_id))
    if (gm["organization_membership_id"].as_string() == om_id) return std::move(gm);
  return std::nullopt;
}

reply add_member(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  if (auto bad = validate(c.body, {{"organization_membership_id", field_rule::string, true}})) return *bad;
  const auto& om_id = c.body["organization_membership_id"].as_string();
  auto m = membership(c, om_id);
  if (!m) return not_found("Organization membership", om_id);
  const auto& group_id = (*g)["id"].as_string();
  if ((*m)["organization_id"] != (*g)["organization_id"])
    return unprocessable({{"organization_membership_id", "invalid"}},
                         "The organization membership belongs to another organization.");
  // Adding a member twice changes nothing.
  if (group_membership(c, group_id, om_id)) return reply::ok(*g);
  json gm = json::object();
  auto id = new_id("group_membership");
  gm.set("id", id);
  gm.set("group_id", group_id);
  gm.set("organization_membership_id", om_id);
  gm.set("created_at", now_iso());
  c.db.put(c.env, group_member_type, id, gm, group_id);
  for (const auto& gra : c.db.all(c.env, group_assignment_type, group_id)) materialize(c, gra, om_id);
  emit(c, "group.member_added", member_event(group_id, om_id));
  return reply::ok(*g);
}

reply list_members(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  std::vector<json> out;
  for (const auto& gm : c.db.all(c.env, group_member_type, (*g)["id"].as_string()))
    if (auto m = membership(c, gm["organization_membership_id"].as_string())) out.push_back(membership_base(*m));
  return paginate(c, std::move(out));
}

reply remove_member(call& c) {
  std::optional<json> g;
  if (auto nf = find(c, g)) return *nf;
  const auto& group_id = (*g)["id"].as_string();
  const auto& om_id = c.param("omId");
  auto gm = group_membership(c, group_id, om_id);
  if (!gm) return not_found("Organization membership", om_id);
  c.db.remove(c.env, (*gm)["id"].as_string());
  for (const auto& gra : c.db.all(c.env, group_assignment_type, group_id)) drop_derived(c, gra["id"].as_string(), om_id);
  emit(c, "group.member_removed", member_event(group_id, om_id));
  return reply::no_content();
}

// The groups a membership belongs to, in the order it joined them.
reply membership_groups(call& c) {
  const auto& om_id = c.param("omId");
  if (!membership(c, om_id)) return not_found("Organization membership", om_id);
  std::vector<json> out;
  for (const auto& gm : c.db.all(c.env, group_member_type))
    if (gm["organization_membership_id"].as_string() == om_id)
      if (auto g = c.db.get(c.env, group_type, gm["group_id"].as_string())) out.push_back(std::move(*g));
  return paginate(c, std::move(out));
}

}  // namespace

void register_groups(api& a) {
  const std::string groups = "/organizations/{organizationId}/groups";
  add(a, "POST", groups, create);
  add(a, "GET", groups, list);
  add(a, "GET", groups + "/{groupId}", get);
  add(a, "PATCH", groups + "/{groupId}", update);
  add(a, "DELETE", groups + "/{groupId}", remove);
  add(a, "POST", groups + "/{groupId}/organization-memberships", add_member);
  add(a, "GET", groups + "/{groupId}/organization-memberships", list_members);
  add(a, "DELETE", groups + "/{groupId}/organization-memberships/{omId}", remove_member);
  add(a, "GET", "/user_management/organization_memberships/{omId}/groups", membership_groups);
}

}  // namespace emulator::products::authz
