// emulator/products/directory_sso.cpp — Organization Domains (4), Connections (3 + dashboard
// create/update), Admin Portal (1), Widgets (1), Client API token (1), Radar (4), and the
// registration of the SSO flow (directory_sso_flow.cpp) and Directory Sync
// (directory_sso_dsync.cpp). Shapes follow spec 0.61.0; see directory_sso.hpp for stored types.
#include "emulator/products/directory_sso.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace emulator::products {

namespace dsso {

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return lower(std::string{haystack}).find(lower(std::string{needle})) != std::string::npos;
}

std::optional<json> find_org(call& c, std::string_view id) { return c.db.get(c.env, "organization", id); }

reply with_status(reply r, unsigned status) {
  r.status = status;
  return r;
}

std::string external_key_of(std::string_view id) {
  // Stable per connection and not secret (an identifier, as Directory.external_key is).
  auto tail = id.substr(id.size() > 16 ? id.size() - 16 : 0);
  return "ext_" + std::string{tail};
}

json connection_event(const json& conn) {
  json out = conn;
  out.set("external_key", external_key_of(conn["id"].as_string()));
  return out;
}

std::optional<std::string> env_of_stored_key(tx& db, std::string_view key) {
  if (key.empty()) return std::nullopt;
  if (auto saved = db.setting("_", "api_keys"))
    for (const auto& [env, k] : saved->as_object())
      if (k.is_string() && k.as_string() == key) return env;
  if (key.substr(0, 8) == "sk_test_" && key.size() > 8) return "sandbox";
  if (key.substr(0, 8) == "sk_live_" && key.size() > 8) return "production";
  return std::nullopt;
}

reply redirect_to(std::string location) {
  reply r;
  r.status = 302;
  r.no_body = true;
  if (add_response_header(r, "Location", location)) return r;
  json b = json::object();
  b.set("url", location);
  return reply::ok(std::move(b));
}

}  // namespace dsso

namespace {

using namespace dsso;

bool valid_domain(std::string_view d) {
  if (d.empty() || d.size() > 253 || d.find('.') == std::string_view::npos || d.front() == '.' || d.back() == '.')
    return false;
  return std::all_of(d.begin(), d.end(),
                     [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.'; });
}

// ----- organization domains ---------------------------------------------------------------------

constexpr std::string_view domain_type = "organization_domain";

reply create_domain(call& c) {
  if (auto bad =
          validate(c.body, {{"domain", field_rule::string, true}, {"organization_id", field_rule::string, true}}))
    return *bad;
  auto domain = lower(c.body["domain"].as_string());
  if (!valid_domain(domain))
    return unprocessable({{"domain", "invalid"}}, "domain must be a domain name such as foo-corp.com.");
  const auto& org_id = c.body["organization_id"].as_string();
  if (!find_org(c, org_id)) return not_found("Organization", org_id);
  for (const auto& d : c.db.all(c.env, domain_type))
    if (lower(d["domain"].as_string()) == domain)
      return error(409, "domain_already_exists", "The domain " + domain + " is already in use.");
  json d = make_organization_domain(org_id, domain, "pending");
  auto id = d["id"].as_string();
  c.db.put(c.env, domain_type, id, d, org_id);
  emit(c, "organization_domain.created", d);
  return reply::created(d);
}

reply get_domain(call& c) {
  auto d = c.db.get(c.env, domain_type, c.param("id"));
  if (!d) return not_found("Organization Domain", c.param("id"));
  return reply::ok(std::move(*d));
}

reply delete_domain(call& c) {
  auto d = c.db.get(c.env, domain_type, c.param("id"));
  if (!d) return not_found("Organization Domain", c.param("id"));
  c.db.remove(c.env, c.param("id"));
  emit(c, "organization_domain.deleted", *d);
  return reply::no_content();
}

// The emulator cannot look up DNS: verification succeeds at once, as if the TXT record
// `verification_prefix` = `verification_token` had been found.
reply verify_domain(call& c) {
  auto d = c.db.get(c.env, domain_type, c.param("id"));
  if (!d) return not_found("Organization Domain", c.param("id"));
  auto state = (*d)["state"].as_string();
  if (state == "verified" || state == "legacy_verified")
    return error(400, "domain_already_verified", "The domain " + (*d)["domain"].as_string() + " is already verified.");
  d->set("state", "verified");
  d->set("updated_at", now_iso());
  c.db.put(c.env, domain_type, c.param("id"), *d, (*d)["organization_id"].as_string());
  emit(c, "organization_domain.verified", *d);
  return reply::created(std::move(*d));
}

// ----- connections ------------------------------------------------------------------------------

constexpr std::string_view connection_type = "connection";

// clang-format off
constexpr std::array<std::string_view, 53> connection_types = {
    "Pending", "ADFSSAML", "AdpOidc", "AppleOAuth", "Auth0Migration", "Auth0SAML", "AzureSAML",
    "BitbucketOAuth", "CasSAML", "ClassLinkSAML", "CleverOIDC", "CloudflareSAML", "CyberArkSAML", "DiscordOAuth",
    "DuoSAML", "EntraIdOIDC", "GenericOIDC", "GenericSAML", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth",
    "GoogleOIDC", "GoogleSAML", "GrokOAuth", "XOAuth", "IntuitOAuth", "JumpCloudSAML", "KeycloakSAML",
    "LastPassSAML", "LinkedInOAuth", "LoginGovOidc", "MagicLink", "MicrosoftOAuth", "MiniOrangeSAML", "NetIqSAML",
    "OktaOIDC", "OktaSAML", "OneLoginSAML", "OracleSAML", "PingFederateSAML", "PingOneSAML", "RipplingSAML",
    "SalesforceSAML", "ShibbolethGenericSAML", "ShibbolethSAML", "SimpleSamlPhpSAML", "SalesforceOAuth", "SlackOAuth",
    "TestIdp", "VercelMarketplaceOAuth", "VercelOAuth", "VMwareSAML", "XeroOAuth"};
// clang-format on

bool is_oauth_provider(std::string_view t) { return t.size() > 5 && t.substr(t.size() - 5) == "OAuth"; }

// `domains` (a list of names) as connection_domain objects: an organization domain of the same
// name lends its id, as the API's connection domains are the organization's domains.
std::optional<reply> connection_domains(call& c, const json& names, const std::string& org_id, json& out) {
  out = json::array();
  if (names.is_null()) return std::nullopt;
  if (!names.is_array()) return unprocessable({{"domains", "invalid_type"}});
  for (const auto& n : names.as_array()) {
    if (!n.is_string() || !valid_domain(lower(n.as_string())))
      return unprocessable({{"domains", "invalid"}}, "domains must be domain names such as foo-corp.com.");
    auto name = lower(n.as_string());
    std::string id;
    if (!org_id.empty())
      for (const auto& d : c.db.all(c.env, domain_type, org_id))
        if (d["domain"].as_string() == name) id = d["id"].as_string();
    json cd = json::object();
    cd.set("id", id.empty() ? new_id("org_domain") : id);
    cd.set("object", "connection_domain");
    cd.set("domain", name);
    out.as_array().push_back(std::move(cd));
  }
  return std::nullopt;
}

reply list_connections(call& c) {
  auto type = c.q("connection_type");
  auto domain = c.q("domain");
  auto org = c.q("organization_id");
  auto search = c.q("search");
  std::vector<json> out;
  for (auto& conn : c.db.all(c.env, connection_type)) {
    // The filter's enum spells one provider GithubOAuth; the objects say GitHubOAuth.
    if (type && !type->empty() && lower(conn["connection_type"].as_string()) != lower(*type)) continue;
    if (org && !org->empty() && conn["organization_id"].as_string() != *org) continue;
    if (search && !search->empty() && !contains_ci(conn["name"].as_string(), *search)) continue;
    if (domain && !domain->empty()) {
      bool hit = false;
      for (const auto& d : conn["domains"].as_array()) hit |= d["domain"].as_string() == lower(*domain);
      if (!hit) continue;
    }
    out.push_back(std::move(conn));
  }
  return paginate(c, std::move(out));
}

reply get_connection(call& c) {
  auto conn = c.db.get(c.env, connection_type, c.param("id"));
  if (!conn) return not_found("Connection", c.param("id"));
  return reply::ok(std::move(*conn));
}

// Everything the SSO flow keeps for a connection: profiles and their codes and tokens.
void remove_profiles(call& c, const std::string& conn_id) {
  for (const auto& p : c.db.all(c.env, "profile", conn_id)) {
    const auto& pid = p["id"].as_string();
    for (auto type : {"sso_code", "sso_access_token", "sso_logout_token"})
      for (const auto& t : c.db.all(c.env, type, pid)) c.db.remove(c.env, t["id"].as_string());
    c.db.remove(c.env, pid);
  }
}

reply delete_connection(call& c) {
  auto conn = c.db.get(c.env, connection_type, c.param("id"));
  if (!conn) return not_found("Connection", c.param("id"));
  remove_profiles(c, c.param("id"));
  c.db.remove(c.env, c.param("id"));
  json data = json::object();
  for (auto key : {"object", "id", "state", "name", "connection_type", "organization_id", "created_at", "updated_at"})
    if (conn->contains(key)) data.set(key, (*conn)[key]);
  emit(c, "connection.deleted", data);
  return reply::no_content();
}

std::optional<reply> check_state(const json& body) {
  const json* s = body.find("state");
  if (!s || s->is_null()) return std::nullopt;
  auto v = s->as_string();
  if (v != "active" && v != "draft" && v != "inactive")
    return unprocessable({{"state", "invalid"}}, "state must be active, draft or inactive.");
  return std::nullopt;
}

void set_state(json& conn, const std::string& state) {
  conn.set("state", state);
  conn.set("status", state == "active" ? "linked" : "unlinked");
}

// POST /dashboard/connections — what the dashboard (or the Admin Portal) does when an SSO
// connection is configured: {connection_type, organization_id, name?, state?, domains?}.
reply dashboard_create_connection(call& c) {
  if (auto bad = validate(c.body, {{"connection_type", field_rule::string, true},
                                   {"organization_id", field_rule::string},
                                   {"name", field_rule::string},
                                   {"state", field_rule::string},
                                   {"domains", field_rule::array}}))
    return *bad;
  auto ctype = c.body["connection_type"].as_string();
  if (std::find(connection_types.begin(), connection_types.end(), ctype) == connection_types.end())
    return unprocessable({{"connection_type", "invalid"}}, "Unknown connection_type " + ctype + ".");
  if (auto bad = check_state(c.body)) return *bad;
  auto org_id = c.body["organization_id"].string_or("");
  std::optional<json> org;
  if (!org_id.empty()) {
    org = find_org(c, org_id);
    if (!org) return not_found("Organization", org_id);
  } else if (!is_oauth_provider(ctype)) {
    // Only OAuth providers (Google, Microsoft, …) are configured for a whole environment.
    return unprocessable({{"organization_id", "required"}},
                         "organization_id is required for " + ctype + " connections.");
  }
  json domains;
  if (auto bad = connection_domains(c, c.body["domains"], org_id, domains)) return *bad;
  json conn = json::object();
  auto id = new_id("conn");
  conn.set("object", "connection");
  conn.set("id", id);
  if (!org_id.empty()) conn.set("organization_id", org_id);
  conn.set("connection_type", ctype);
  conn.set("name", c.body["name"].is_string() ? c.body["name"].as_string() : org ? (*org)["name"].as_string() : ctype);
  set_state(conn, c.body["state"].string_or("active"));
  conn.set("domains", std::move(domains));
  conn.set("created_at", now_iso());
  conn.set("updated_at", now_iso());
  c.db.put(c.env, connection_type, id, conn, org_id);
  if (conn["state"].as_string() == "active") emit(c, "connection.activated", connection_event(conn));
  return reply::created(conn);
}

// PUT /dashboard/connections/{id} — rename, change domains, activate or deactivate.
reply dashboard_update_connection(call& c) {
  auto conn = c.db.get(c.env, connection_type, c.param("id"));
  if (!conn) return not_found("Connection", c.param("id"));
  if (auto bad = validate(
          c.body, {{"name", field_rule::string}, {"state", field_rule::string}, {"domains", field_rule::array}}))
    return *bad;
  if (auto bad = check_state(c.body)) return *bad;
  auto org_id = (*conn)["organization_id"].string_or("");
  if (c.body.contains("domains") && !c.body["domains"].is_null()) {
    json domains;
    if (auto bad = connection_domains(c, c.body["domains"], org_id, domains)) return *bad;
    conn->set("domains", std::move(domains));
  }
  if (c.body["name"].is_string()) conn->set("name", c.body["name"]);
  auto before = (*conn)["state"].as_string();
  if (c.body["state"].is_string()) set_state(*conn, c.body["state"].as_string());
  conn->set("updated_at", now_iso());
  c.db.put(c.env, connection_type, c.param("id"), *conn, org_id);
  auto after = (*conn)["state"].as_string();
  if (after == "active" && before != "active")
    emit(c, "connection.activated", connection_event(*conn));
  else if (before == "active" && after != "active")
    emit(c, "connection.deactivated", connection_event(*conn));
  return reply::ok(std::move(*conn));
}

// ----- admin portal, widgets, client API token --------------------------------------------------

constexpr std::string_view portal_base = "https://setup.emulator.workos.invalid";

reply generate_portal_link(call& c) {
  if (auto bad = validate(c.body, {{"organization", field_rule::string, true},
                                   {"intent", field_rule::string},
                                   {"return_url", field_rule::string},
                                   {"success_url", field_rule::string},
                                   {"it_contact_emails", field_rule::array},
                                   {"intent_options", field_rule::object},
                                   {"admin_emails", field_rule::array}}))
    return *bad;
  static constexpr std::array<std::string_view, 7> intents = {
      "sso", "dsync", "audit_logs", "log_streams", "domain_verification", "certificate_renewal", "bring_your_own_key"};
  if (c.body["intent"].is_string() &&
      std::find(intents.begin(), intents.end(), c.body["intent"].as_string()) == intents.end())
    return unprocessable({{"intent", "invalid"}},
                         "intent must be one of sso, dsync, audit_logs, log_streams, domain_verification, "
                         "certificate_renewal, bring_your_own_key.");
  for (auto list : {"it_contact_emails", "admin_emails"})
    if (c.body[list].is_array())
      for (const auto& e : c.body[list].as_array())
        if (!e.is_string() || e.as_string().find('@') == std::string::npos)
          return unprocessable({{list, "invalid"}}, std::string{list} + " must be email addresses.");
  const auto& org_id = c.body["organization"].as_string();
  if (!find_org(c, org_id)) return not_found("Organization", org_id);
  json out = json::object();
  // An ephemeral link (valid for 5 minutes at WorkOS); the token is a secret.
  out.set("link", std::string{portal_base} + "?token=" + planted_secret("", 40));
  return reply::created(std::move(out));
}

reply widget_token(call& c) {
  if (auto bad = validate(c.body, {{"organization_id", field_rule::string, true},
                                   {"user_id", field_rule::string},
                                   {"scopes", field_rule::array, true}}))
    return *bad;
  static constexpr std::array<std::string_view, 7> scopes = {
      "widgets:users-table:manage", "widgets:domain-verification:manage",
      "widgets:sso:manage",         "widgets:api-keys:manage",
      "widgets:dsync:manage",       "widgets:audit-log-streaming:manage",
      "widgets:pipes:manage"};
  if (c.body["scopes"].as_array().empty()) return unprocessable({{"scopes", "required"}}, "scopes must not be empty.");
  for (const auto& s : c.body["scopes"].as_array())
    if (!s.is_string() || std::find(scopes.begin(), scopes.end(), s.as_string()) == scopes.end())
      return unprocessable({{"scopes", "invalid"}}, "Unknown widget scope " + s.string_or("(not a string)") + ".");
  const auto& org_id = c.body["organization_id"].as_string();
  if (!find_org(c, org_id)) return not_found("Organization", org_id);
  if (c.body["user_id"].is_string() && !c.db.get(c.env, "user", c.body["user_id"].as_string()))
    return not_found("User", c.body["user_id"].as_string());
  json out = json::object();
  out.set("token", planted_secret("", 48));
  return reply::created(std::move(out));
}

reply client_token(call& c) {
  if (auto bad =
          validate(c.body, {{"organization_id", field_rule::string, true}, {"user_id", field_rule::string, true}}))
    return *bad;
  const auto& org_id = c.body["organization_id"].as_string();
  if (!find_org(c, org_id)) return not_found("Organization", org_id);
  if (!c.db.get(c.env, "user", c.body["user_id"].as_string())) return not_found("User", c.body["user_id"].as_string());
  json out = json::object();
  out.set("token", planted_secret("", 48));
  return reply::created(std::move(out));
}

// ----- Radar ------------------------------------------------------------------------------------
//
// Lists live in the setting "radar_lists": {type: {block: [entries], allow: [entries]}}. An
// attempt's verdict: an allow-list match allows; otherwise a block-list match blocks (control
// "restriction", with the list's type); otherwise allow.

constexpr std::array<std::string_view, 7> radar_list_types = {
    "ip_address", "domain", "email", "device", "user_agent", "device_fingerprint", "country"};

bool valid_ip(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos && s.find(' ') == std::string_view::npos && s.back() != '.';
}

std::optional<reply> check_list_entry(call& c, std::string& entry) {
  const auto& type = c.param("type");
  const auto& action = c.param("action");
  if (std::find(radar_list_types.begin(), radar_list_types.end(), type) == radar_list_types.end())
    return error(400, "invalid_list_type",
                 "type must be one of ip_address, domain, email, device, user_agent, device_fingerprint, country.");
  if (action != "block" && action != "allow")
    return error(400, "invalid_list_action", "action must be block or allow.");
  if (auto bad = validate(c.body, {{"entry", field_rule::string, true}})) return with_status(*bad, 400);
  entry = c.body["entry"].as_string();
  bool ok = true;
  if (type == "ip_address") {
    ok = valid_ip(entry);
  } else if (type == "email") {
    entry = lower(entry);
    ok = valid_email(entry);
  } else if (type == "domain") {
    entry = lower(entry);
    ok = valid_domain(entry);
  } else if (type == "country") {
    ok = entry.size() == 2 && std::isalpha(static_cast<unsigned char>(entry[0])) &&
         std::isalpha(static_cast<unsigned char>(entry[1]));
    for (auto& ch : entry) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  } else {
    ok = !entry.empty();
  }
  if (!ok) return error(400, "invalid_entry", "The entry is not a valid " + type + ".");
  return std::nullopt;
}

json radar_lists(call& c) {
  auto saved = c.db.setting(c.env, "radar_lists");
  return saved && saved->is_object() ? *saved : json::object();
}

json& list_of(json& lists, const std::string& type, const std::string& action) {
  if (!lists[type].is_object()) lists.set(type, json::object());
  json& t = *lists.find(type);
  if (!t[action].is_array()) t.set(action, json::array());
  return *t.find(action);
}

reply add_list_entry(call& c) {
  std::string entry;
  if (auto bad = check_list_entry(c, entry)) return *bad;
  auto lists = radar_lists(c);
  auto& list = list_of(lists, c.param("type"), c.param("action"));
  json out = json::object();
  if (std::find(list.as_array().begin(), list.as_array().end(), json{entry}) != list.as_array().end()) {
    out.set("message", "Entry already present in list");
    return reply::ok(std::move(out));
  }
  list.as_array().push_back(entry);
  c.db.set_setting(c.env, "radar_lists", lists);
  out.set("message", "Entry added to list");
  return reply::created(std::move(out));
}

reply remove_list_entry(call& c) {
  std::string entry;
  if (auto bad = check_list_entry(c, entry)) return *bad;
  auto lists = radar_lists(c);
  auto& list = list_of(lists, c.param("type"), c.param("action")).as_array();
  auto it = std::find(list.begin(), list.end(), json{entry});
  if (it == list.end())
    return error(404, "entity_not_found",
                 "Entry not found in the " + c.param("type") + " " + c.param("action") + " list.");
  list.erase(it);
  c.db.set_setting(c.env, "radar_lists", lists);
  return reply::no_content();
}

reply create_attempt(call& c) {
  if (auto bad = validate(c.body, {{"ip_address", field_rule::string, true},
                                   {"user_agent", field_rule::string, true},
                                   {"email", field_rule::string, true},
                                   {"auth_method", field_rule::string, true},
                                   {"action", field_rule::string, true},
                                   {"signals_id", field_rule::string}}))
    return with_status(*bad, 400);
  static constexpr std::array<std::string_view, 8> methods = {"Password",  "Passkey", "Authenticator", "SMS_OTP",
                                                              "Email_OTP", "Social",  "SSO",           "Other"};
  auto method = c.body["auth_method"].as_string();
  if (std::find(methods.begin(), methods.end(), method) == methods.end())
    return error(
        400, "invalid_request_parameters",
        "auth_method must be one of Password, Passkey, Authenticator, SMS_OTP, Email_OTP, Social, SSO, Other.");
  auto action = c.body["action"].as_string();
  if (action != "sign-up" && action != "sign-in")
    return error(400, "invalid_request_parameters", "action must be sign-up or sign-in.");
  auto ip = c.body["ip_address"].as_string();
  if (!valid_ip(ip)) return error(400, "invalid_request_parameters", "ip_address must be an IP address.");
  auto email = lower(c.body["email"].as_string());
  auto at = email.find('@');
  // What each list type compares against in this attempt.
  std::vector<std::pair<std::string, std::string>> facts = {
      {"ip_address", ip},
      {"email", email},
      {"domain", at == std::string::npos ? std::string{} : email.substr(at + 1)},
      {"user_agent", c.body["user_agent"].as_string()},
      {"device", c.body["signals_id"].string_or("")},
      {"device_fingerprint", c.body["signals_id"].string_or("")}};
  auto lists = radar_lists(c);
  auto match = [&](const std::string& list_action) -> std::optional<std::string> {
    for (const auto& [type, value] : facts) {
      if (value.empty()) continue;
      const json& l = lists[type][list_action];
      if (l.is_array() && std::find(l.as_array().begin(), l.as_array().end(), json{value}) != l.as_array().end())
        return type;
    }
    return std::nullopt;
  };
  json out = json::object();
  auto id = new_id("radar_att");
  auto allowed = match("allow");
  auto blocked = allowed ? std::nullopt : match("block");
  out.set("verdict", blocked ? "block" : "allow");
  out.set("reason", allowed   ? "Matched an entry on the " + *allowed + " allow list"
                    : blocked ? std::string{"Detected enabled Radar control"}
                              : std::string{"No risk detected"});
  out.set("attempt_id", id);
  if (blocked) {
    out.set("control", "restriction");
    out.set("blocklist_type", *blocked);
  }
  json stored = out;
  stored.set("object", "radar_attempt");
  stored.set("id", id);
  for (auto key : {"ip_address", "user_agent", "email", "auth_method", "action", "signals_id"})
    stored.set(key, c.body[key]);
  stored.set("challenge_status", nullptr);
  stored.set("attempt_status", nullptr);
  stored.set("created_at", now_iso());
  stored.set("updated_at", now_iso());
  c.db.put(c.env, "radar_attempt", id, stored);
  return reply::ok(std::move(out));
}

reply update_attempt(call& c) {
  auto attempt = c.db.get(c.env, "radar_attempt", c.param("id"));
  if (!attempt) return not_found("Radar attempt", c.param("id"));
  if (auto bad = validate(c.body, {{"challenge_status", field_rule::string}, {"attempt_status", field_rule::string}}))
    return with_status(*bad, 400);
  for (auto key : {"challenge_status", "attempt_status"}) {
    if (!c.body[key].is_string()) continue;
    if (c.body[key].as_string() != "success")
      return error(400, "invalid_request_parameters", std::string{key} + " can only be set to success.");
    attempt->set(key, "success");
  }
  attempt->set("updated_at", now_iso());
  c.db.put(c.env, "radar_attempt", c.param("id"), *attempt);
  return reply::no_content();
}

}  // namespace

void register_directory_sso(api& a) {
  a.add("POST", "/organization_domains", create_domain);
  a.add("GET", "/organization_domains/{id}", get_domain);
  a.add("DELETE", "/organization_domains/{id}", delete_domain);
  a.add("POST", "/organization_domains/{id}/verify", verify_domain);

  a.add("GET", "/connections", list_connections);
  a.add("GET", "/connections/{id}", get_connection);
  a.add("DELETE", "/connections/{id}", delete_connection);
  a.add("POST", "/dashboard/connections", dashboard_create_connection);
  a.add("PUT", "/dashboard/connections/{id}", dashboard_update_connection);

  a.add("POST", "/portal/generate_link", generate_portal_link);
  a.add("POST", "/widgets/token", widget_token);
  a.add("POST", "/client/token", client_token);

  a.add("POST", "/radar/attempts", create_attempt);
  a.add("PUT", "/radar/attempts/{id}", update_attempt);
  a.add("POST", "/radar/lists/{type}/{action}", add_list_entry);
  a.add("DELETE", "/radar/lists/{type}/{action}", remove_list_entry);

  dsso::register_flow(a);
  dsso::register_dsync(a);
}

}  // namespace emulator::products
