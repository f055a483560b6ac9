// emulator/products/platform_config.cpp — Feature Flags (8 spec operations, plus the
// dashboard-side create/delete the API lacks), AuthKit configuration (redirect URIs, CORS
// origins, JWT template: 7) and API keys (organization and user keys, validation, expiry: 7).
#include <algorithm>
#include <cctype>
#include <set>
#include <variant>

#include "emulator/products.hpp"
#include "emulator/products/platform.hpp"

namespace emulator::products {

namespace {

using namespace platform;

bool is_past_or_now(const json& ts) {
  auto t = ts.is_string() ? parse_iso(ts.as_string()) : std::nullopt;
  return t && *t <= std::chrono::system_clock::now();
}

std::optional<field_error> check_string_array(const json& body, std::string_view key) {
  const json* v = body.find(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array()) return field_error{std::string{key}, "invalid_type"};
  for (const auto& item : v->as_array())
    if (!item.is_string()) return field_error{std::string{key}, "invalid"};
  return std::nullopt;
}

// ===== Feature flags ============================================================================
//
// Flags are made in the dashboard (POST /dashboard/feature-flags here: the API has no create),
// enabled per environment, and targeted at organizations and users. A flag is on for a
// resource when it is enabled and either its default value is true or the resource (or, for a
// user, one of the organizations it is an active member of) is a target.

constexpr std::string_view flag_type = "feature_flag";
constexpr std::string_view target_type = "feature_flag_target";

std::optional<json> find_flag(call& c, std::string_view slug) {
  for (auto& f : c.db.all(c.env, flag_type))
    if (f["slug"].as_string() == slug) return std::move(f);
  return std::nullopt;
}

bool valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 100 || !std::isalnum(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (std::isalnum(static_cast<unsigned char>(ch)) && !std::isupper(static_cast<unsigned char>(ch))) || ch == '-' ||
           ch == '_' || ch == '.';
  });
}

reply create_flag(call& c) {
  if (auto bad = validate(c.body, {{"slug", field_rule::string, true},
                                   {"name", field_rule::string},
                                   {"description", field_rule::string},
                                   {"tags", field_rule::array},
                                   {"enabled", field_rule::boolean},
                                   {"default_value", field_rule::boolean},
                                   {"owner", field_rule::object}}))
    return *bad;
  const auto& slug = c.body["slug"].as_string();
  if (!valid_slug(slug))
    return unprocessable({{"slug", "invalid"}}, "slug must be lowercase letters, digits, '-', '_' or '.', starting with a letter or digit.");
  if (auto bad = check_string_array(c.body, "tags")) return unprocessable({*bad});
  json owner;
  if (c.body["owner"].is_object()) {
    const json& o = c.body["owner"];
    if (!o["email"].is_string() || o["email"].as_string().find('@') == std::string::npos)
      return unprocessable({{"owner.email", "invalid"}});
    for (auto key : {"first_name", "last_name"})
      if (!o[key].is_null() && !o[key].is_string()) return unprocessable({{std::string{"owner."} + key, "invalid_type"}});
    owner = json::object();
    owner.set("email", o["email"]);
    owner.set("first_name", o["first_name"]);
    owner.set("last_name", o["last_name"]);
  }
  if (find_flag(c, slug)) return error(409, "feature_flag_already_exists", "A feature flag with the slug '" + slug + "' already exists.");
  json f = json::object();
  auto id = new_id("flag");
  auto now = now_iso();
  f.set("object", "feature_flag");
  f.set("id", id);
  f.set("slug", slug);
  f.set("name", c.body["name"].is_string() ? c.body["name"] : json{slug});
  f.set("description", c.body["description"]);
  f.set("owner", std::move(owner));
  f.set("tags", c.body["tags"].is_array() ? c.body["tags"] : json::array());
  f.set("enabled", c.body["enabled"].as_bool(false));
  f.set("default_value", c.body["default_value"].as_bool(false));
  f.set("created_at", now);
  f.set("updated_at", now);
  c.db.put(c.env, flag_type, id, f);
  emit(c, "flag.created", f);
  return reply::created(f);
}

reply delete_flag(call& c) {
  auto f = find_flag(c, c.param("slug"));
  if (!f) return not_found("Feature flag", c.param("slug"));
  const auto& id = (*f)["id"].as_string();
  for (auto& t : c.db.all(c.env, target_type, id)) c.db.remove(c.env, t["id"].as_string());
  c.db.remove(c.env, id);
  emit(c, "flag.deleted", *f);
  return reply::no_content();
}

reply list_flags(call& c) { return paginate(c, c.db.all(c.env, flag_type)); }

reply get_flag(call& c) {
  auto f = find_flag(c, c.param("slug"));
  if (!f) return not_found("Feature flag", c.param("slug"));
  return reply::ok(std::move(*f));
}

reply set_enabled(call& c, bool enabled) {
  auto f = find_flag(c, c.param("slug"));
  if (!f) return not_found("Feature flag", c.param("slug"));
  if ((*f)["enabled"].as_bool() != enabled) {
    f->set("enabled", enabled);
    f->set("updated_at", now_iso());
    c.db.put(c.env, flag_type, (*f)["id"].as_string(), *f);
    emit(c, "flag.updated", *f);
  }
  return reply::ok(std::move(*f));
}

reply enable_flag(call& c) { return set_enabled(c, true); }
reply disable_flag(call& c) { return set_enabled(c, false); }

// The flag and target of a targets request, or the error answer.
std::variant<reply, json> target_of(call& c) {
  const auto& resource = c.param("resourceId");
  bool is_user = resource.rfind("user_", 0) == 0, is_org = resource.rfind("org_", 0) == 0;
  if (!is_user && !is_org) {
    json b = json::object();
    b.set("message", "Invalid resource id");
    b.set("code", "invalid_resource_id_format");
    b.set("statusCode", 400);
    return reply{400, std::move(b), false};
  }
  auto f = find_flag(c, c.param("slug"));
  if (!f) return not_found("Feature flag", c.param("slug"));
  if (is_user && !user_exists(c, resource)) return not_found("User", resource);
  if (is_org && !organization_exists(c, resource)) return not_found("Organization", resource);
  return std::move(*f);
}

std::string target_id(const json& flag, std::string_view resource) { return flag["id"].as_string() + "/" + std::string{resource}; }

void touch_rules(call& c, json& f) {
  f.set("updated_at", now_iso());
  c.db.put(c.env, flag_type, f["id"].as_string(), f);
  emit(c, "flag.rule_updated", f);
}

reply add_target(call& c) {
  auto r = target_of(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  auto& f = std::get<json>(r);
  const auto& resource = c.param("resourceId");
  auto id = target_id(f, resource);
  if (!c.db.get(c.env, target_type, id)) {
    json t = json::object();
    t.set("id", id);
    t.set("flag_id", f["id"]);
    t.set("resource_id", resource);
    t.set("created_at", now_iso());
    c.db.put(c.env, target_type, id, t, f["id"].as_string());
    touch_rules(c, f);
  }
  return reply::no_content();
}

reply remove_target(call& c) {
  auto r = target_of(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  auto& f = std::get<json>(r);
  if (c.db.remove(c.env, target_id(f, c.param("resourceId")))) touch_rules(c, f);
  return reply::no_content();
}

std::vector<json> flags_on_for(call& c, const std::set<std::string>& resources) {
  std::vector<json> out;
  for (auto& f : c.db.all(c.env, flag_type)) {
    if (!f["enabled"].as_bool()) continue;
    bool on = f["default_value"].as_bool();
    if (!on)
      for (const auto& t : c.db.all(c.env, target_type, f["id"].as_string()))
        on |= resources.count(t["resource_id"].as_string()) > 0;
    if (on) out.push_back(std::move(f));
  }
  return out;
}

reply organization_flags(call& c) {
  const auto& org = c.param("organizationId");
  if (!organization_exists(c, org)) return not_found("Organization", org);
  return paginate(c, flags_on_for(c, {org}));
}

reply user_flags(call& c) {
  const auto& user = c.param("userId");
  if (!user_exists(c, user)) return not_found("User", user);
  std::set<std::string> resources{user};
  for (const auto& m : c.db.all(c.env, "organization_membership"))
    if (m["user_id"].as_string() == user && m["status"].string_or("active") == "active")
      resources.insert(m["organization_id"].as_string());
  return paginate(c, flags_on_for(c, resources));
}

// ===== AuthKit configuration: redirect URIs, CORS origins, JWT template =========================

// scheme://host[:port][/path…]: `scheme` lowercase letters, digits, + - .; host non-empty.
struct url_parts {
  std::string scheme, host, rest;  // rest: from the first '/', '?' or '#' after the authority
};
std::optional<url_parts> split_url(std::string_view s) {
  auto sep = s.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  url_parts u;
  u.scheme = std::string{s.substr(0, sep)};
  if (!std::isalpha(static_cast<unsigned char>(u.scheme.front()))) return std::nullopt;
  for (char ch : u.scheme)
    if (!(std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) || ch == '+' ||
          ch == '-' || ch == '.'))
      return std::nullopt;
  auto authority = s.substr(sep + 3);
  auto end = authority.find_first_of("/?#");
  u.host = std::string{authority.substr(0, end)};
  u.rest = end == std::string_view::npos ? std::string{} : std::string{authority.substr(end)};
  for (char ch : s)
    if (std::isspace(static_cast<unsigned char>(ch)) || std::iscntrl(static_cast<unsigned char>(ch))) return std::nullopt;
  return u;
}

std::string host_without_port(const std::string& host) {
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.rfind(':') == std::string::npos ? host.size() : host.rfind(':'));
}

bool is_loopback_host(const std::string& host) {
  auto h = host_without_port(host);
  return h == "localhost" || h == "127.0.0.1" || h == "[::1]";
}

reply create_redirect_uri(call& c) {
  if (auto bad = validate(c.body, {{"uri", field_rule::string, true}})) return *bad;
  const auto& uri = c.body["uri"].as_string();
  auto u = split_url(uri);
  // Custom schemes serve native apps; web schemes need a host.
  if (!u || ((u->scheme == "http" || u->scheme == "https") && u->host.empty()) || uri.size() > 2048)
    return unprocessable({{"uri", "invalid"}}, "uri must be an absolute URI such as https://example.com/callback.");
  if (c.env == "production" && u->scheme == "http" && !is_loopback_host(u->host))
    return unprocessable({{"uri", "invalid"}}, "Production redirect URIs must use HTTPS (http is allowed for localhost only).");
  for (const auto& r : c.db.all(c.env, "redirect_uri"))
    if (r["uri"].as_string() == uri) return error(422, "duplicate_redirect_uri", "Redirect URI '" + uri + "' already exists.");
  json r = json::object();
  auto id = new_id("redir");
  auto now = now_iso();
  r.set("object", "redirect_uri");
  r.set("id", id);
  r.set("uri", uri);
  r.set("default", c.db.count(c.env, "redirect_uri") == 0);
  r.set("created_at", now);
  r.set("updated_at", now);
  c.db.put(c.env, "redirect_uri", id, r);
  return reply::created(std::move(r));
}

reply list_redirect_uris(call& c) { return paginate(c, c.db.all(c.env, "redirect_uri")); }

reply delete_redirect_uri(call& c) {
  auto r = c.db.get(c.env, "redirect_uri", c.param("id"));
  if (!r) return not_found("Redirect URI", c.param("id"));
  if ((*r)["default"].as_bool() && c.db.count(c.env, "redirect_uri") > 1)
    return error(409, "default_redirect_uri", "Cannot delete the default redirect URI.");
  c.db.remove(c.env, c.param("id"));
  return reply::no_content();
}

// CORS validation failures use the class-validator shape the spec documents:
// {"message", "errors": [{"property", "constraints": {rule: text}}]}.
reply cors_invalid(std::string_view rule, std::string_view text) {
  json constraints = json::object();
  constraints.set(rule, text);
  json e = json::object();
  e.set("property", "origin");
  e.set("constraints", std::move(constraints));
  json body = json::object();
  body.set("code", "invalid_request_parameters");
  body.set("message", "Validation failed.");
  body.set("errors", json{json_array{std::move(e)}});
  return {422, std::move(body), false};
}

reply create_cors_origin(call& c) {
  if (!c.body.is_object() || c.body["origin"].is_null()) return cors_invalid("isNotEmpty", "origin should not be empty");
  if (!c.body["origin"].is_string() || c.body["origin"].as_string().empty())
    return cors_invalid("isString", "origin must be a non-empty string");
  auto origin = c.body["origin"].as_string();
  if (origin.size() > 1 && origin.back() == '/') origin.pop_back();
  auto u = split_url(origin);
  if (!u || (u->scheme != "http" && u->scheme != "https") || u->host.empty() || !u->rest.empty())
    return cors_invalid("isOrigin", "origin must be a valid origin: scheme://host[:port] with no path");
  for (const auto& o : c.db.all(c.env, "cors_origin"))
    if (o["origin"].as_string() == origin) return error(409, "duplicate_cors_origin", "CORS origin already exists.");
  json o = json::object();
  auto id = new_id("cors_origin");
  auto now = now_iso();
  o.set("object", "cors_origin");
  o.set("id", id);
  o.set("origin", origin);
  o.set("created_at", now);
  o.set("updated_at", now);
  c.db.put(c.env, "cors_origin", id, o);
  return reply::created(std::move(o));
}

reply list_cors_origins(call& c) { return paginate(c, c.db.all(c.env, "cors_origin")); }

reply get_jwt_template(call& c) {
  auto t = c.db.setting(c.env, "jwt_template");
  if (!t) return error(404, "entity_not_found", "JWT template not found.");
  return reply::ok(std::move(*t));
}

// A template is Liquid producing a JSON object. Its tags must be closed; with every {{ … }}
// read as null and every {% … %} tag dropped, a template without control tags must parse as a
// JSON object (one with control tags renders differently per user: only its claim names are
// checked). It may not set the claims AuthKit owns.
std::optional<std::string> check_template(std::string_view content) {
  static constexpr std::string_view reserved[] = {"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid",
                                                  "org_id", "role", "roles", "permissions", "entitlements",
                                                  "feature_flags", "act"};
  std::string flat;
  bool control = false;
  std::size_t i = 0;
  while (i < content.size()) {
    if (content.substr(i, 2) == "{{" || content.substr(i, 2) == "{%") {
      bool output = content[i + 1] == '{';
      auto close = content.find(output ? "}}" : "%}", i + 2);
      if (close == std::string_view::npos) return "An unterminated Liquid tag.";
      if (output) flat += "null";
      else control = true;
      i = close + 2;
    } else {
      flat.push_back(content[i++]);
    }
  }
  if (!control) {
    auto parsed = json::parse(flat);
    if (!parsed || !parsed->is_object()) return "The template must render a JSON object.";
    for (const auto& [k, v] : parsed->as_object())
      if (std::find(std::begin(reserved), std::end(reserved), k) != std::end(reserved))
        return "The claim '" + k + "' is reserved and cannot be set by a JWT template.";
    return std::nullopt;
  }
  for (auto claim : reserved) {
    auto quoted = "\"" + std::string{claim} + "\"";
    for (auto at = flat.find(quoted); at != std::string::npos; at = flat.find(quoted, at + 1)) {
      auto next = flat.find_first_not_of(" \t\r\n", at + quoted.size());
      if (next != std::string::npos && flat[next] == ':')
        return "The claim '" + std::string{claim} + "' is reserved and cannot be set by a JWT template.";
    }
  }
  return std::nullopt;
}

reply put_jwt_template(call& c) {
  if (!c.body.is_object() || !c.body["content"].is_string())
    return error(422, "invalid_request_parameters", "content is required and must be a string.");
  const auto& content = c.body["content"].as_string();
  if (content.size() > 100000) return error(422, "invalid_request_parameters", "content is too long.");
  if (auto problem = check_template(content)) return error(422, "invalid_request_parameters", *problem);
  auto now = now_iso();
  auto existing = c.db.setting(c.env, "jwt_template");
  json t = json::object();
  t.set("object", "jwt_template");
  t.set("content", content);
  t.set("created_at", existing ? (*existing)["created_at"] : json{now});
  t.set("updated_at", now);
  c.db.set_setting(c.env, "jwt_template", t);
  return reply::ok(std::move(t));
}

// ===== API keys =================================================================================
//
// The key value (sk_…) exists once, in the creation answer; the store keeps its SHA-256 only,
// and every later answer shows `obfuscated_value` (sk_...last4).

constexpr std::string_view key_type = "api_key";

json key_wire(json k) { return without(std::move(k), {"value_digest"}); }

std::optional<reply> check_key_body(const call& c, bool user_key) {
  std::vector<field_rule> rules{{"name", field_rule::string, true},
                                {"permissions", field_rule::array},
                                {"expires_at", field_rule::string}};
  if (user_key) rules.push_back({"organization_id", field_rule::string, true});
  if (auto bad = validate(c.body, rules)) return bad;
  if (c.body["name"].as_string().size() > 255) return unprocessable({{"name", "too_long"}});
  if (auto bad = check_string_array(c.body, "permissions")) return unprocessable({*bad});
  if (c.body["expires_at"].is_string()) {
    if (!is_iso(c.body["expires_at"])) return unprocessable({{"expires_at", "invalid_date"}});
    if (is_past_or_now(c.body["expires_at"]))
      return unprocessable({{"expires_at", "invalid"}}, "expires_at must be a future timestamp.");
  }
  return std::nullopt;
}

reply create_key(call& c, json owner) {
  auto value = planted_secret("sk_");
  json k = json::object();
  auto id = new_id("api_key");
  auto now = now_iso();
  k.set("object", "api_key");
  k.set("id", id);
  k.set("owner", owner);
  k.set("name", c.body["name"]);
  k.set("obfuscated_value", "sk_..." + value.substr(value.size() - 4));
  k.set("last_used_at", nullptr);
  k.set("expires_at", c.body["expires_at"].is_string() ? c.body["expires_at"] : json{});
  k.set("permissions", c.body["permissions"].is_array() ? c.body["permissions"] : json::array());
  k.set("created_at", now);
  k.set("updated_at", now);
  k.set("value_digest", sha256_hex(value));
  c.db.put(c.env, key_type, id, k, owner["id"].as_string());
  auto out = key_wire(std::move(k));
  emit(c, "api_key.created", out);
  out.set("value", value);
  return reply::created(std::move(out));
}

reply create_organization_key(call& c) {
  const auto& org = c.param("organizationId");
  if (!organization_exists(c, org)) return not_found("Organization", org);
  if (auto bad = check_key_body(c, false)) return *bad;
  json owner = json::object();
  owner.set("type", "organization");
  owner.set("id", org);
  return create_key(c, std::move(owner));
}

reply list_organization_keys(call& c) {
  const auto& org = c.param("organizationId");
  if (!organization_exists(c, org)) return not_found("Organization", org);
  std::vector<json> keys;
  for (auto& k : c.db.all(c.env, key_type, org))
    if (k["owner"]["type"].as_string() == "organization") keys.push_back(std::move(k));
  return strip_list(paginate(c, std::move(keys)), {"value_digest"});
}

reply create_user_key(call& c) {
  const auto& user = c.param("userId");
  if (!user_exists(c, user)) return not_found("User", user);
  if (auto bad = check_key_body(c, true)) return *bad;
  const auto& org = c.body["organization_id"].as_string();
  if (!organization_exists(c, org)) return not_found("Organization", org);
  bool member = false;
  for (const auto& m : c.db.all(c.env, "organization_membership"))
    member |= m["user_id"].as_string() == user && m["organization_id"].as_string() == org &&
              m["status"].string_or("active") == "active";
  if (!member) {
    auto r = unprocessable({{"organization_id", "not_a_member"}},
                           "The user must have an active membership in the organization.");
    r.status = 400;
    return r;
  }
  json owner = json::object();
  owner.set("type", "user");
  owner.set("id", user);
  owner.set("organization_id", org);
  return create_key(c, std::move(owner));
}

reply list_user_keys(call& c) {
  const auto& user = c.param("userId");
  if (!user_exists(c, user)) return not_found("User", user);
  auto org = c.q("organization_id");
  std::vector<json> keys;
  for (auto& k : c.db.all(c.env, key_type, user))
    if (k["owner"]["type"].as_string() == "user" && (!org || org->empty() || k["owner"]["organization_id"].as_string() == *org))
      keys.push_back(std::move(k));
  return strip_list(paginate(c, std::move(keys)), {"value_digest"});
}

// An unknown or expired value is not an error: the answer is {"api_key": null}.
reply validate_key(call& c) {
  if (auto bad = validate(c.body, {{"value", field_rule::string, true}})) return *bad;
  auto digest = sha256_hex(c.body["value"].as_string());
  json out = json::object();
  out.set("api_key", nullptr);
  for (auto& k : c.db.all(c.env, key_type)) {
    if (k["value_digest"].as_string() != digest) continue;
    if (is_past_or_now(k["expires_at"])) break;
    k.set("last_used_at", now_iso());
    c.db.put(c.env, key_type, k["id"].as_string(), k, k["owner"]["id"].as_string());
    out.set("api_key", key_wire(std::move(k)));
    break;
  }
  return reply::ok(std::move(out));
}

// {} or a past expires_at: now; a future one: scheduled; null: a scheduled expiry is cleared.
reply expire_key(call& c) {
  auto k = c.db.get(c.env, key_type, c.param("id"));
  if (!k) return not_found("API Key", c.param("id"));
  if (!c.body.is_null() && !c.body.is_object()) return unprocessable({{"body", "invalid"}});
  if (is_past_or_now((*k)["expires_at"])) return error(409, "api_key_already_expired", "API key is already expired");
  auto now = now_iso();
  const json* at = c.body.find("expires_at");
  bool immediate = true;
  if (!at) {
    k->set("expires_at", now);
  } else if (at->is_null()) {
    k->set("expires_at", nullptr);
    immediate = false;
  } else if (!is_iso(*at)) {
    return unprocessable({{"expires_at", "invalid_date"}});
  } else if (is_past_or_now(*at)) {
    k->set("expires_at", now);
  } else {
    k->set("expires_at", *at);
    immediate = false;
  }
  k->set("updated_at", now);
  c.db.put(c.env, key_type, c.param("id"), *k, (*k)["owner"]["id"].as_string());
  auto out = key_wire(std::move(*k));
  emit(c, immediate ? "api_key.revoked" : "api_key.updated", out);
  return reply::ok(std::move(out));
}

reply delete_key(call& c) {
  auto k = c.db.get(c.env, key_type, c.param("id"));
  if (!k) return not_found("API Key", c.param("id"));
  c.db.remove(c.env, c.param("id"));
  emit(c, "api_key.revoked", key_wire(std::move(*k)));
  return reply::no_content();
}

}  // namespace

namespace platform {

void register_feature_flags(api& a) {
  a.add("GET", "/feature-flags", list_flags);
  a.add("GET", "/feature-flags/{slug}", get_flag);
  a.add("PUT", "/feature-flags/{slug}/enable", enable_flag);
  a.add("PUT", "/feature-flags/{slug}/disable", disable_flag);
  a.add("POST", "/feature-flags/{slug}/targets/{resourceId}", add_target);
  a.add("DELETE", "/feature-flags/{slug}/targets/{resourceId}", remove_target);
  a.add("GET", "/organizations/{organizationId}/feature-flags", organization_flags);
  a.add("GET", "/user_management/users/{userId}/feature-flags", user_flags);
  a.add("POST", "/dashboard/feature-flags", create_flag);
  a.add("DELETE", "/dashboard/feature-flags/{slug}", delete_flag);
}

void register_authkit_config(api& a) {
  a.add("POST", "/user_management/redirect_uris", create_redirect_uri);
  a.add("GET", "/user_management/redirect_uris", list_redirect_uris);
  a.add("DELETE", "/user_management/redirect_uris/{id}", delete_redirect_uri);
  a.add("POST", "/user_management/cors_origins", create_cors_origin);
  a.add("GET", "/user_management/cors_origins", list_cors_origins);
  a.add("GET", "/user_management/jwt_template", get_jwt_template);
  a.add("PUT", "/user_management/jwt_template", put_jwt_template);
}

void register_api_keys(api& a) {
  a.add("POST", "/api_keys/validations", validate_key);
  a.add("POST", "/api_keys/{id}/expire", expire_key);
  a.add("DELETE", "/api_keys/{id}", delete_key);
  a.add("GET", "/organizations/{organizationId}/api_keys", list_organization_keys);
  a.add("POST", "/organizations/{organizationId}/api_keys", create_organization_key);
  a.add("GET", "/user_management/users/{userId}/api_keys", list_user_keys);
  a.add("POST", "/user_management/users/{userId}/api_keys", create_user_key);
}

}  // namespace platform

}  // namespace emulator::products
