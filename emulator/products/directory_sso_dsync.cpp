// emulator/products/directory_sso_dsync.cpp — Directory Sync: directories (list, get, delete),
// directory users (list, get with groups) and directory groups (list, get), plus what an identity
// provider's sync does, under /dashboard/: create a directory, add/update/remove its users and
// groups with group membership. Every change emits the spec's dsync.* event.
//
// Deleting a directory deletes its users, groups and memberships with it (one dsync.deleted, as
// WorkOS sends); the directory's `metadata` counts say beforehand what that will destroy.
#include <algorithm>
#include <array>

#include "emulator/products/directory_sso.hpp"

namespace emulator::products::dsso {

namespace {

constexpr std::string_view dir_type = "directory";
constexpr std::string_view user_type = "directory_user";
constexpr std::string_view group_type = "directory_group";
constexpr std::string_view membership_type = "directory_membership";

// clang-format off
constexpr std::array<std::string_view, 21> directory_types = {
    "azure scim v2.0", "bamboohr", "breathe hr", "cezanne hr", "cyberark scim v2.0",
    "fourth hr", "generic scim v2.0", "gsuite directory", "hibob", "sailpoint scim v2.0",
    "jump cloud scim v2.0", "okta scim v2.0", "onelogin scim v2.0", "people hr", "personio",
    "pingfederate scim v2.0", "rippling scim v2.0", "s3", "sftp", "sftp workday",
    "workday"};
// clang-format on

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos && s.find(' ') == std::string_view::npos;
}

// ----- wire views -------------------------------------------------------------------------------

// The directory with its counts (metadata), as the API returns it.
json with_metadata(call& c, json dir) {
  const auto& id = dir["id"].as_string();
  std::int64_t active = 0, inactive = 0;
  for (const auto& u : c.db.all(c.env, user_type, id)) (u["state"].as_string() == "active" ? active : inactive)++;
  json users = json::object();
  users.set("active", active);
  users.set("inactive", inactive);
  json md = json::object();
  md.set("users", std::move(users));
  md.set("groups", static_cast<std::int64_t>(c.db.count(c.env, group_type, id)));
  auto created = dir["created_at"], updated = dir["updated_at"];
  dir.erase("created_at");
  dir.erase("updated_at");
  dir.set("metadata", std::move(md));
  dir.set("created_at", std::move(created));
  dir.set("updated_at", std::move(updated));
  return dir;
}

std::vector<json> memberships(call& c, const std::string& directory_id) {
  return c.db.all(c.env, membership_type, directory_id);
}

json groups_of(call& c, const json& user) {
  json out = json::array();
  for (const auto& m : memberships(c, user["directory_id"].as_string()))
    if (m["user_id"] == user["id"])
      if (auto g = c.db.get(c.env, group_type, m["group_id"].as_string())) out.as_array().push_back(std::move(*g));
  return out;
}

json with_groups(call& c, json user) {
  auto groups = groups_of(c, user);
  user.set("groups", std::move(groups));
  return user;
}

// dsync.activated / dsync.deleted carry `active`/`inactive` where the API object says
// `linked`/`unlinked`.
std::string event_state(const std::string& s) {
  if (s == "linked") return "active";
  if (s == "unlinked") return "inactive";
  return s;
}

// ----- directories ------------------------------------------------------------------------------

reply list_directories(call& c) {
  auto org = c.q("organization_id");
  auto search = c.q("search");
  auto domain = c.q("domain");
  std::vector<json> out;
  for (auto& d : c.db.all(c.env, dir_type)) {
    if (org && !org->empty() && d["organization_id"].as_string() != *org) continue;
    if (search && !search->empty() && !contains_ci(d["name"].as_string(), *search)) continue;
    if (domain && !domain->empty() && lower(d["domain"].string_or("")) != lower(*domain)) continue;
    out.push_back(with_metadata(c, std::move(d)));
  }
  return paginate(c, std::move(out));
}

reply get_directory(call& c) {
  auto d = c.db.get(c.env, dir_type, c.param("id"));
  if (!d) return not_found("Directory", c.param("id"));
  return reply::ok(with_metadata(c, std::move(*d)));
}

reply delete_directory(call& c) {
  auto d = c.db.get(c.env, dir_type, c.param("id"));
  if (!d) return not_found("Directory", c.param("id"));
  const auto& id = c.param("id");
  for (auto type : {membership_type, user_type, group_type})
    for (const auto& o : c.db.all(c.env, type, id)) c.db.remove(c.env, o["id"].as_string());
  c.db.remove(c.env, id);
  json data = json::object();
  for (auto key : {"object", "id", "organization_id", "type"}) data.set(key, (*d)[key]);
  data.set("state", "deleting");
  data.set("name", (*d)["name"]);
  data.set("created_at", (*d)["created_at"]);
  data.set("updated_at", (*d)["updated_at"]);
  emit(c, "dsync.deleted", data);
  return reply::accepted();
}

// POST /dashboard/directories — {organization_id, type, name?, domain?, state?}: what connecting
// an identity provider's directory in the dashboard or Admin Portal does.
reply dashboard_create_directory(call& c) {
  if (auto bad = validate(c.body, {{"organization_id", field_rule::string, true},
                                   {"type", field_rule::string, true},
                                   {"name", field_rule::string},
                                   {"domain", field_rule::string},
                                   {"state", field_rule::string}}))
    return *bad;
  auto type = c.body["type"].as_string();
  if (std::find(directory_types.begin(), directory_types.end(), type) == directory_types.end())
    return unprocessable({{"type", "invalid"}}, "Unknown directory type " + type + ".");
  auto state = c.body["state"].string_or("linked");
  if (state != "linked" && state != "unlinked" && state != "validating" && state != "invalid_credentials")
    return unprocessable({{"state", "invalid"}}, "state must be linked, unlinked, validating or invalid_credentials.");
  const auto& org_id = c.body["organization_id"].as_string();
  auto org = find_org(c, org_id);
  if (!org) return not_found("Organization", org_id);
  json org_domains = json::array();
  for (const auto& od : c.db.all(c.env, "organization_domain", org_id)) {
    json x = json::object();
    x.set("object", "organization_domain");
    x.set("id", od["id"]);
    x.set("domain", od["domain"]);
    org_domains.as_array().push_back(std::move(x));
  }
  json d = json::object();
  auto id = new_id("directory");
  d.set("object", "directory");
  d.set("id", id);
  d.set("organization_id", org_id);
  d.set("external_key", new_id("k").substr(12));
  d.set("type", type);
  d.set("state", state);
  d.set("name", c.body["name"].is_string() ? c.body["name"].as_string() : (*org)["name"].as_string());
  if (c.body["domain"].is_string())
    d.set("domain", lower(c.body["domain"].as_string()));
  else if (!org_domains.as_array().empty())
    d.set("domain", org_domains.as_array().front()["domain"]);
  d.set("created_at", now_iso());
  d.set("updated_at", now_iso());
  c.db.put(c.env, dir_type, id, d, org_id);
  if (state == "linked") {
    json ev = d;
    ev.set("state", event_state(state));
    ev.set("domains", std::move(org_domains));
    emit(c, "dsync.activated", ev);
  }
  return reply::created(with_metadata(c, std::move(d)));
}

// ----- directory users --------------------------------------------------------------------------

reply list_users(call& c) {
  auto directory = c.q("directory");
  auto group = c.q("group");
  auto idp_id = c.q("idp_id");
  auto email = c.q("email");
  if (directory && !directory->empty() && !c.db.get(c.env, dir_type, *directory))
    return not_found("Directory", *directory);
  std::optional<json> g;
  if (group && !group->empty()) {
    g = c.db.get(c.env, group_type, *group);
    if (!g) return not_found("Directory Group", *group);
  }
  std::vector<json> users;
  if (directory && !directory->empty())
    users = c.db.all(c.env, user_type, *directory);
  else if (g)
    users = c.db.all(c.env, user_type, (*g)["directory_id"].as_string());
  else
    users = c.db.all(c.env, user_type);
  std::vector<json> members;
  if (g)
    for (const auto& m : memberships(c, (*g)["directory_id"].as_string()))
      if (m["group_id"] == (*g)["id"]) members.push_back(m["user_id"]);
  std::vector<json> out;
  for (auto& u : users) {
    if (g && std::find(members.begin(), members.end(), u["id"]) == members.end()) continue;
    if (idp_id && !idp_id->empty() && u["idp_id"].as_string() != *idp_id) continue;
    if (email && !email->empty() && lower(u["email"].string_or("")) != lower(*email)) continue;
    out.push_back(with_groups(c, std::move(u)));
  }
  return paginate(c, std::move(out));
}

reply get_user(call& c) {
  auto u = c.db.get(c.env, user_type, c.param("id"));
  if (!u) return not_found("Directory User", c.param("id"));
  return reply::ok(with_groups(c, std::move(*u)));
}

// ----- directory groups -------------------------------------------------------------------------

reply list_groups(call& c) {
  auto directory = c.q("directory");
  auto user = c.q("user");
  if (directory && !directory->empty() && !c.db.get(c.env, dir_type, *directory))
    return not_found("Directory", *directory);
  std::optional<json> u;
  if (user && !user->empty()) {
    u = c.db.get(c.env, user_type, *user);
    if (!u) return not_found("Directory User", *user);
  }
  std::vector<json> out;
  if (u) {
    auto groups = groups_of(c, *u);
    for (auto& g : groups.as_array())
      if (!directory || directory->empty() || g["directory_id"].as_string() == *directory) out.push_back(std::move(g));
    // groups_of answers in membership order; lists go in creation order.
    auto seq = c.db.all(c.env, group_type, (*u)["directory_id"].as_string());
    auto rank = [&](const json& g) {
      return std::find_if(seq.begin(), seq.end(), [&](const json& s) { return s["id"] == g["id"]; }) - seq.begin();
    };
    std::sort(out.begin(), out.end(), [&](const json& a, const json& b) { return rank(a) < rank(b); });
  } else if (directory && !directory->empty()) {
    out = c.db.all(c.env, group_type, *directory);
  } else {
    out = c.db.all(c.env, group_type);
  }
  return paginate(c, std::move(out));
}

reply get_group(call& c) {
  auto g = c.db.get(c.env, group_type, c.param("id"));
  if (!g) return not_found("Directory Group", c.param("id"));
  return reply::ok(std::move(*g));
}

// ----- what a sync does (/dashboard/) -----------------------------------------------------------

void add_member(call& c, const json& user, const json& group) {
  json m = json::object();
  auto id = new_id("directory_membership");
  m.set("id", id);
  m.set("user_id", user["id"]);
  m.set("group_id", group["id"]);
  c.db.put(c.env, membership_type, id, m, user["directory_id"].as_string());
  json ev = json::object();
  ev.set("directory_id", user["directory_id"]);
  ev.set("user", user);
  ev.set("group", group);
  emit(c, "dsync.group.user_added", ev);
}

void remove_member(call& c, const json& m, const json& user, const json& group) {
  c.db.remove(c.env, m["id"].as_string());
  json ev = json::object();
  ev.set("directory_id", user["directory_id"]);
  ev.set("user", user);
  ev.set("group", group);
  emit(c, "dsync.group.user_removed", ev);
}

// Reads a list of ids of `type` within the directory from body[field].
std::optional<reply> read_ids(call& c, const std::string& field, std::string_view type, const std::string& directory_id,
                              std::vector<json>& out) {
  const json& ids = c.body[field];
  if (ids.is_null()) return std::nullopt;
  if (!ids.is_array()) return unprocessable({{field, "invalid_type"}});
  for (const auto& id : ids.as_array()) {
    auto o = id.is_string() ? c.db.get(c.env, type, id.as_string()) : std::nullopt;
    if (!o || (*o)["directory_id"].as_string() != directory_id)
      return unprocessable({{field, "invalid"}},
                           field + " must be ids of this directory's " + std::string{type} + "s.");
    if (std::find_if(out.begin(), out.end(), [&](const json& x) { return x["id"] == (*o)["id"]; }) == out.end())
      out.push_back(std::move(*o));
  }
  return std::nullopt;
}

std::optional<reply> check_user_fields(const json& body) {
  if (auto bad = validate(body, {{"email", field_rule::string},
                                 {"first_name", field_rule::string},
                                 {"last_name", field_rule::string},
                                 {"idp_id", field_rule::string},
                                 {"username", field_rule::string},
                                 {"job_title", field_rule::string},
                                 {"state", field_rule::string},
                                 {"role", field_rule::string},
                                 {"custom_attributes", field_rule::object},
                                 {"raw_attributes", field_rule::object},
                                 {"groups", field_rule::array}}))
    return bad;
  if (body["email"].is_string() && !valid_email(body["email"].as_string()))
    return unprocessable({{"email", "invalid"}}, "email must be an email address.");
  auto state = body["state"].string_or("active");
  if (state != "active" && state != "suspended" && state != "inactive")
    return unprocessable({{"state", "invalid"}}, "state must be active, suspended or inactive.");
  return std::nullopt;
}

std::optional<reply> check_unique_user(call& c, const std::string& directory_id, const json& user) {
  for (const auto& u : c.db.all(c.env, user_type, directory_id)) {
    if (u["id"] == user["id"]) continue;
    if (lower(u["email"].string_or("")) == lower(user["email"].string_or("")) || u["idp_id"] == user["idp_id"])
      return error(409, "directory_user_already_exists",
                   "A directory user with this email or idp_id already exists in the directory.");
  }
  return std::nullopt;
}

void set_name(json& user) {
  std::string name = user["first_name"].string_or("");
  if (user["last_name"].is_string()) name += (name.empty() ? "" : " ") + user["last_name"].as_string();
  user.set("name", name.empty() ? json{} : json{name});
}

void set_role(json& user, const std::string& slug) {
  json role = json::object();
  role.set("slug", slug);
  user.set("role", role);
  user.set("roles", json{json_array{role}});
}

// POST /dashboard/directories/{id}/users — {email, first_name?, last_name?, idp_id?, username?,
// job_title?, state?, role?, custom_attributes?, raw_attributes?, groups?: [group ids]}.
reply dashboard_add_user(call& c) {
  auto dir = c.db.get(c.env, dir_type, c.param("id"));
  if (!dir) return not_found("Directory", c.param("id"));
  if (auto bad = check_user_fields(c.body)) return *bad;
  if (!c.body["email"].is_string()) return unprocessable({{"email", "required"}});
  const auto& dir_id = c.param("id");
  std::vector<json> groups;
  if (auto bad = read_ids(c, "groups", group_type, dir_id, groups)) return *bad;
  auto email = lower(c.body["email"].as_string());
  json u = json::object();
  auto id = new_id("directory_user");
  u.set("object", "directory_user");
  u.set("id", id);
  u.set("directory_id", dir_id);
  u.set("organization_id", (*dir)["organization_id"]);
  u.set("idp_id", c.body["idp_id"].is_string() ? c.body["idp_id"].as_string() : new_id("idp").substr(4));
  u.set("email", email);
  u.set("first_name", c.body["first_name"]);
  u.set("last_name", c.body["last_name"]);
  set_name(u);
  json emails = json::array();
  json primary = json::object();
  primary.set("primary", true);
  primary.set("type", "work");
  primary.set("value", email);
  emails.as_array().push_back(std::move(primary));
  u.set("emails", std::move(emails));
  u.set("job_title", c.body["job_title"]);
  u.set("username", c.body["username"].is_string() ? c.body["username"].as_string() : email);
  u.set("state", c.body["state"].string_or("active"));
  u.set("raw_attributes", c.body["raw_attributes"].is_object() ? c.body["raw_attributes"] : json::object());
  u.set("custom_attributes", c.body["custom_attributes"].is_object() ? c.body["custom_attributes"] : json::object());
  set_role(u, c.body["role"].string_or("member"));
  u.set("created_at", now_iso());
  u.set("updated_at", now_iso());
  if (auto conflict = check_unique_user(c, dir_id, u)) return *conflict;
  c.db.put(c.env, user_type, id, u, dir_id);
  emit(c, "dsync.user.created", u);
  for (const auto& g : groups) add_member(c, u, g);
  return reply::created(with_groups(c, std::move(u)));
}

// PUT /dashboard/directory_users/{id} — changes attributes or state; `groups` replaces the
// user's memberships.
reply dashboard_update_user(call& c) {
  auto u = c.db.get(c.env, user_type, c.param("id"));
  if (!u) return not_found("Directory User", c.param("id"));
  if (auto bad = check_user_fields(c.body)) return *bad;
  auto dir_id = (*u)["directory_id"].as_string();
  std::vector<json> groups;
  if (auto bad = read_ids(c, "groups", group_type, dir_id, groups)) return *bad;
  json previous = json::object();
  auto change = [&](std::string_view key, json value) {
    if ((*u)[key] == value) return;
    previous.set(key, (*u)[key]);
    u->set(key, std::move(value));
  };
  if (c.body["email"].is_string()) change("email", lower(c.body["email"].as_string()));
  for (auto key : {"first_name", "last_name", "username", "job_title", "state", "idp_id"})
    if (c.body[key].is_string()) change(key, c.body[key]);
  for (auto key : {"custom_attributes", "raw_attributes"})
    if (c.body[key].is_object()) change(key, c.body[key]);
  if (c.body["role"].is_string() && (*u)["role"]["slug"].as_string() != c.body["role"].as_string()) {
    previous.set("role", (*u)["role"]);
    set_role(*u, c.body["role"].as_string());
  }
  set_name(*u);
  if (c.body["email"].is_string()) {
    json emails = (*u)["emails"];
    if (emails.is_array() && !emails.as_array().empty()) emails.as_array().front().set("value", (*u)["email"]);
    u->set("emails", std::move(emails));
  }
  if (auto conflict = check_unique_user(c, dir_id, *u)) return *conflict;
  if (!previous.as_object().empty()) {
    u->set("updated_at", now_iso());
    c.db.put(c.env, user_type, c.param("id"), *u, dir_id);
    json ev = *u;
    ev.set("previous_attributes", previous);
    emit(c, "dsync.user.updated", ev);
  }
  if (c.body["groups"].is_array()) {
    auto current = memberships(c, dir_id);
    for (const auto& m : current) {
      if (m["user_id"] != (*u)["id"]) continue;
      bool keep = std::any_of(groups.begin(), groups.end(), [&](const json& g) { return g["id"] == m["group_id"]; });
      if (!keep)
        if (auto g = c.db.get(c.env, group_type, m["group_id"].as_string())) remove_member(c, m, *u, *g);
    }
    for (const auto& g : groups) {
      bool has = std::any_of(current.begin(), current.end(),
                             [&](const json& m) { return m["user_id"] == (*u)["id"] && m["group_id"] == g["id"]; });
      if (!has) add_member(c, *u, g);
    }
  }
  return reply::ok(with_groups(c, std::move(*u)));
}

reply dashboard_remove_user(call& c) {
  auto u = c.db.get(c.env, user_type, c.param("id"));
  if (!u) return not_found("Directory User", c.param("id"));
  auto dir_id = (*u)["directory_id"].as_string();
  for (const auto& m : memberships(c, dir_id))
    if (m["user_id"] == (*u)["id"])
      if (auto g = c.db.get(c.env, group_type, m["group_id"].as_string())) remove_member(c, m, *u, *g);
  c.db.remove(c.env, c.param("id"));
  emit(c, "dsync.user.deleted", *u);
  return reply::no_content();
}

// POST /dashboard/directories/{id}/groups — {name, idp_id?, raw_attributes?, users?: [user ids]}.
reply dashboard_add_group(call& c) {
  auto dir = c.db.get(c.env, dir_type, c.param("id"));
  if (!dir) return not_found("Directory", c.param("id"));
  if (auto bad = validate(c.body, {{"name", field_rule::string, true},
                                   {"idp_id", field_rule::string},
                                   {"raw_attributes", field_rule::object},
                                   {"users", field_rule::array}}))
    return *bad;
  const auto& dir_id = c.param("id");
  std::vector<json> users;
  if (auto bad = read_ids(c, "users", user_type, dir_id, users)) return *bad;
  for (const auto& g : c.db.all(c.env, group_type, dir_id))
    if (g["name"] == c.body["name"] || (c.body["idp_id"].is_string() && g["idp_id"] == c.body["idp_id"]))
      return error(409, "directory_group_already_exists",
                   "A directory group with this name or idp_id already exists in the directory.");
  json g = json::object();
  auto id = new_id("directory_group");
  g.set("object", "directory_group");
  g.set("id", id);
  g.set("idp_id", c.body["idp_id"].is_string() ? c.body["idp_id"].as_string() : new_id("idp").substr(4));
  g.set("directory_id", dir_id);
  g.set("organization_id", (*dir)["organization_id"]);
  g.set("name", c.body["name"]);
  g.set("raw_attributes", c.body["raw_attributes"].is_object() ? c.body["raw_attributes"] : json::object());
  g.set("created_at", now_iso());
  g.set("updated_at", now_iso());
  c.db.put(c.env, group_type, id, g, dir_id);
  emit(c, "dsync.group.created", g);
  for (const auto& u : users) add_member(c, u, g);
  return reply::created(std::move(g));
}

reply dashboard_remove_group(call& c) {
  auto g = c.db.get(c.env, group_type, c.param("id"));
  if (!g) return not_found("Directory Group", c.param("id"));
  for (const auto& m : memberships(c, (*g)["directory_id"].as_string()))
    if (m["group_id"] == (*g)["id"])
      if (auto u = c.db.get(c.env, user_type, m["user_id"].as_string())) remove_member(c, m, *u, *g);
  c.db.remove(c.env, c.param("id"));
  emit(c, "dsync.group.deleted", *g);
  return reply::no_content();
}

}  // namespace

void register_dsync(api& a) {
  a.add("GET", "/directories", list_directories);
  a.add("GET", "/directories/{id}", get_directory);
  a.add("DELETE", "/directories/{id}", delete_directory);
  a.add("GET", "/directory_users", list_users);
  a.add("GET", "/directory_users/{id}", get_user);
  a.add("GET", "/directory_groups", list_groups);
  a.add("GET", "/directory_groups/{id}", get_group);

  a.add("POST", "/dashboard/directories", dashboard_create_directory);
  a.add("POST", "/dashboard/directories/{id}/users", dashboard_add_user);
  a.add("POST", "/dashboard/directories/{id}/groups", dashboard_add_group);
  a.add("PUT", "/dashboard/directory_users/{id}", dashboard_update_user);
  a.add("DELETE", "/dashboard/directory_users/{id}", dashboard_remove_user);
  a.add("DELETE", "/dashboard/directory_groups/{id}", dashboard_remove_group);
}

}  // namespace emulator::products::dsso
