// emulator/products/directory_sso_flow.cpp — the SSO flow: GET /sso/authorize (key-less; the
// emulator is the identity provider and signs the user in at once), POST /sso/token (key-less;
// one-time code → access token + profile), GET /sso/profile (the access token as bearer),
// POST /sso/logout/authorize and GET /sso/logout (key-less).
//
// Who signs in: `login_hint` when it is an email address, otherwise user@<the connection's first
// domain>. A directory user with that email in the organization's directories lends the profile
// its names, idp_id and groups. One profile per (connection, email), kept across sign-ins.
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <random>

#include "emulator/products/directory_sso.hpp"

namespace emulator::products::dsso {

namespace {

constexpr auto code_ttl = std::chrono::minutes(10);
constexpr std::int64_t access_token_ttl_s = 600;
constexpr auto logout_token_ttl = std::chrono::minutes(5);

std::string iso_in(std::chrono::seconds d) { return iso(std::chrono::system_clock::now() + d); }

bool expired(const json& o) {
  auto at = parse_iso(o["expires_at"].as_string());
  return !at || *at < std::chrono::system_clock::now();
}

std::string base64url(const unsigned char* data, std::size_t n) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  for (std::size_t i = 0; i < n; i += 3) {
    std::uint32_t v = static_cast<std::uint32_t>(data[i]) << 16;
    if (i + 1 < n) v |= static_cast<std::uint32_t>(data[i + 1]) << 8;
    if (i + 2 < n) v |= data[i + 2];
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    if (i + 1 < n) out.push_back(alphabet[(v >> 6) & 63]);
    if (i + 2 < n) out.push_back(alphabet[v & 63]);
  }
  return out;
}

std::string s256(std::string_view verifier) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), md);
  return base64url(md, sizeof md);
}

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('@', at + 1) == std::string_view::npos &&
         s.find('.', at) != std::string_view::npos && s.find(' ') == std::string_view::npos;
}

std::string random_digits(std::size_t n) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  out.push_back(static_cast<char>('1' + rng() % 9));
  while (out.size() < n) out.push_back(static_cast<char>('0' + rng() % 10));
  return out;
}

std::string capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// An OAuth error answer: {error, error_description}.
reply oauth_error(unsigned status, std::string_view code, std::string_view description) {
  json b = json::object();
  b.set("error", code);
  b.set("error_description", description);
  auto r = reply::ok(std::move(b));
  r.status = status;
  return r;
}

reply unauthorized() {
  json b = json::object();
  b.set("error", "Unauthorized");
  auto r = reply::ok(std::move(b));
  r.status = 401;
  return r;
}

// An object of `type` with this (secret) id in whichever environment holds it.
std::optional<std::pair<std::string, json>> find_anywhere(tx& db, std::string_view type, std::string_view id) {
  if (id.empty()) return std::nullopt;
  for (auto env : {"sandbox", "production"})
    if (auto o = db.get(env, type, id)) return std::pair{std::string{env}, std::move(*o)};
  return std::nullopt;
}

json auth_event(std::string_view status, const json& email, const json& conn, const json& session_id) {
  json sso = json::object();
  sso.set("organization_id", conn["organization_id"].is_string() ? conn["organization_id"] : json{});
  sso.set("connection_id", conn["id"].is_string() ? conn["id"] : json{});
  sso.set("session_id", session_id);
  json d = json::object();
  d.set("type", "sso");
  d.set("status", status);
  d.set("ip_address", nullptr);
  d.set("user_agent", nullptr);
  d.set("user_id", nullptr);
  d.set("email", email);
  d.set("sso", std::move(sso));
  return d;
}

// The profile of `email` signing in through `conn`, created or refreshed from the directory.
json sign_in(call& c, const json& conn, const std::string& email) {
  const auto& conn_id = conn["id"].as_string();
  std::optional<json> dir_user;
  json groups = json::array();
  auto org_id = conn["organization_id"].string_or("");
  if (!org_id.empty())
    for (const auto& dir : c.db.all(c.env, "directory", org_id))
      for (auto& u : c.db.all(c.env, "directory_user", dir["id"].as_string()))
        if (!dir_user && lower(u["email"].string_or("")) == email) dir_user = std::move(u);
  if (dir_user) {
    for (const auto& m : c.db.all(c.env, "directory_membership", (*dir_user)["directory_id"].as_string()))
      if (m["user_id"] == (*dir_user)["id"])
        if (auto g = c.db.get(c.env, "directory_group", m["group_id"].as_string()))
          groups.as_array().push_back((*g)["name"]);
  }
  std::optional<json> existing;
  for (auto& p : c.db.all(c.env, "profile", conn_id))
    if (p["email"].as_string() == email) existing = std::move(p);

  json first, last;
  if (dir_user) {
    first = (*dir_user)["first_name"];
    last = (*dir_user)["last_name"];
  } else {
    auto local = email.substr(0, email.find('@'));
    auto dot = local.find('.');
    first = capitalised(local.substr(0, dot));
    last = dot == std::string::npos ? json{} : json{capitalised(local.substr(dot + 1))};
  }
  std::string name = first.string_or("");
  if (last.is_string()) name += (name.empty() ? "" : " ") + last.as_string();

  json p = json::object();
  auto id = existing ? (*existing)["id"].as_string() : new_id("prof");
  p.set("object", "profile");
  p.set("id", id);
  p.set("organization_id", org_id.empty() ? json{} : json{org_id});
  p.set("connection_id", conn_id);
  p.set("connection_type", conn["connection_type"]);
  p.set("idp_id", dir_user ? (*dir_user)["idp_id"] : existing ? (*existing)["idp_id"] : json{random_digits(21)});
  p.set("email", email);
  p.set("first_name", first);
  p.set("last_name", last);
  p.set("name", name.empty() ? json{} : json{name});
  json role = json::object();
  role.set("slug", dir_user && (*dir_user)["role"].is_object() ? (*dir_user)["role"]["slug"] : json{"member"});
  p.set("role", role);
  p.set("roles", json{json_array{role}});
  p.set("groups", std::move(groups));
  p.set("custom_attributes", dir_user ? (*dir_user)["custom_attributes"] : json::object());
  json raw = json::object();
  raw.set("email", email);
  raw.set("first_name", first);
  raw.set("last_name", last);
  p.set("raw_attributes", std::move(raw));
  c.db.put(c.env, "profile", id, p, conn_id);
  return p;
}

// clang-format off
constexpr std::array<std::string_view, 13> providers = {
    "AppleOAuth", "BitbucketOAuth", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth", "IntuitOAuth", "LinkedInOAuth",
    "MicrosoftOAuth", "SalesforceOAuth", "SlackOAuth", "VercelMarketplaceOAuth", "VercelOAuth", "XeroOAuth"};
// clang-format on

// GET /sso/authorize — validates the client and redirect URI (errors there are answered here,
// as OAuth requires), then redirects back with `code` and `state`, or with `error`.
reply authorize(call& c) {
  auto client_id = c.q("client_id").value_or("");
  auto redirect_uri = c.q("redirect_uri").value_or("");
  if (client_id.empty()) return oauth_error(400, "invalid_request", "client_id is required.");
  auto env = env_of_client(c.db, client_id);
  if (!env) return oauth_error(400, "invalid_client", "Invalid client ID.");
  if (redirect_uri.empty()) return oauth_error(400, "invalid_request", "redirect_uri is required.");
  auto colon = redirect_uri.find(':');
  if (colon == std::string::npos || colon == 0 || redirect_uri.find(' ') != std::string::npos)
    return oauth_error(400, "invalid_request", "redirect_uri must be an absolute URI.");
  c.env = *env;

  auto state = c.q("state");
  json conn;
  auto fail = [&](std::string_view code, std::string_view description) {
    emit(c, "authentication.sso_failed", [&] {
      auto d = auth_event("failed", c.q("login_hint") ? json{*c.q("login_hint")} : json{}, conn, json{});
      json e = json::object();
      e.set("code", code);
      e.set("message", description);
      d.set("error", std::move(e));
      return d;
    }());
    std::vector<std::pair<std::string, std::string>> q = {{"error", std::string{code}},
                                                          {"error_description", std::string{description}}};
    if (state) q.emplace_back("state", *state);
    return redirect_to(with_query(redirect_uri, q));
  };

  if (c.q("response_type").value_or("") != "code")
    return fail("unsupported_response_type", "response_type must be code.");
  auto by_conn = c.q("connection").value_or("");
  auto by_org = c.q("organization").value_or("");
  auto by_provider = c.q("provider").value_or("");
  auto by_domain = c.q("domain").value_or("");
  int selectors = !by_conn.empty() + !by_org.empty() + !by_provider.empty();
  if (selectors > 1)
    return fail("ambiguous_connection_selector", "Only one of connection, organization and provider can be given.");
  if (selectors == 0 && by_domain.empty())
    return fail("invalid_connection_selector", "One of connection, organization or provider is required.");

  if (!by_conn.empty()) {
    auto found = c.db.get(c.env, "connection", by_conn);
    if (!found) return fail("connection_invalid", "There is no connection with the ID " + by_conn + ".");
    conn = std::move(*found);
  } else if (!by_org.empty()) {
    if (!find_org(c, by_org))
      return fail("organization_invalid", "There is no organization with the ID " + by_org + ".");
    for (auto& candidate : c.db.all(c.env, "connection", by_org))
      if (conn.is_null() || (candidate["state"].as_string() == "active" && conn["state"].as_string() != "active"))
        conn = std::move(candidate);
    if (conn.is_null()) return fail("connection_invalid", "The organization " + by_org + " has no SSO connection.");
  } else if (!by_provider.empty()) {
    if (std::find(providers.begin(), providers.end(), by_provider) == providers.end())
      return fail("connection_strategy_invalid", "The provider " + by_provider + " is not supported.");
    for (auto& candidate : c.db.all(c.env, "connection"))
      if (candidate["connection_type"].as_string() == by_provider && candidate["state"].as_string() == "active" &&
          (conn.is_null() || !candidate.contains("organization_id")))
        conn = std::move(candidate);
    if (conn.is_null())
      return fail("connection_strategy_invalid",
                  "No active " + by_provider + " connection is configured in this environment.");
  } else {
    auto d = lower(by_domain);
    for (auto& candidate : c.db.all(c.env, "connection"))
      for (const auto& cd : candidate["domains"].as_array())
        if (conn.is_null() && cd["domain"].as_string() == d) conn = candidate;
    if (conn.is_null()) return fail("connection_domain_invalid", "There is no connection for the domain " + d + ".");
  }
  if (conn["state"].as_string() != "active")
    return fail("connection_unlinked", "The connection " + conn["id"].as_string() + " is not active.");

  auto challenge = c.q("code_challenge").value_or("");
  auto method = c.q("code_challenge_method").value_or(challenge.empty() ? "" : "plain");
  if (!challenge.empty() && method != "S256" && method != "plain")
    return fail("invalid_request", "code_challenge_method must be S256 or plain.");

  std::string email;
  if (auto hint = c.q("login_hint"); hint && valid_email(*hint)) {
    email = lower(*hint);
  } else {
    std::string domain = c.q("domain_hint").value_or("");
    if (domain.empty() && !conn["domains"].as_array().empty())
      domain = conn["domains"].as_array().front()["domain"].as_string();
    if (domain.empty()) domain = "example.com";
    email = "user@" + lower(domain);
  }
  auto profile = sign_in(c, conn, email);
  auto session_id = new_id("sess");
  auto code = planted_secret("", 32);
  json stored = json::object();
  stored.set("id", code);
  stored.set("client_id", client_id);
  stored.set("redirect_uri", redirect_uri);
  stored.set("profile_id", profile["id"]);
  stored.set("connection_id", conn["id"]);
  stored.set("session_id", session_id);
  stored.set("code_challenge", challenge.empty() ? json{} : json{challenge});
  stored.set("code_challenge_method", method.empty() ? json{} : json{method});
  stored.set("provider_scopes", [&] {
    json scopes = json::array();
    for (const auto& s : c.q_all("provider_scopes")) scopes.as_array().push_back(s);
    return scopes;
  }());
  stored.set("expires_at", iso_in(code_ttl));
  c.db.put(c.env, "sso_code", code, stored, profile["id"].as_string());
  emit(c, "authentication.sso_started", auth_event("started", json{email}, conn, json{session_id}));

  std::vector<std::pair<std::string, std::string>> q = {{"code", code}};
  if (state) q.emplace_back("state", *state);
  return redirect_to(with_query(redirect_uri, q));
}

// POST /sso/token (form) — {client_id, client_secret | code_verifier, grant_type, code}.
reply token(call& c) {
  if (auto bad = validate(c.body, {{"client_id", field_rule::string, true},
                                   {"code", field_rule::string, true},
                                   {"grant_type", field_rule::string, true},
                                   {"client_secret", field_rule::string},
                                   {"code_verifier", field_rule::string}}))
    return *bad;
  if (c.body["grant_type"].as_string() != "authorization_code")
    return oauth_error(400, "unsupported_grant_type", "The grant type is not supported.");
  const auto& client_id = c.body["client_id"].as_string();
  auto env = env_of_client(c.db, client_id);
  if (!env) return oauth_error(400, "invalid_client", "Invalid client ID or secret.");
  c.env = *env;
  auto secret = c.body["client_secret"].string_or("");
  auto verifier = c.body["code_verifier"].string_or("");
  if (!secret.empty() && env_of_api_key(c, secret) != *env)
    return oauth_error(400, "invalid_client", "Invalid client ID or secret.");

  const auto& code = c.body["code"].as_string();
  auto stored = c.db.get(c.env, "sso_code", code);
  if (!stored || expired(*stored) || (*stored)["client_id"].as_string() != client_id)
    return oauth_error(400, "invalid_grant", "The code has expired or has already been used.");
  const auto& challenge = (*stored)["code_challenge"];
  if (challenge.is_string()) {
    auto method = (*stored)["code_challenge_method"].string_or("plain");
    if (verifier.empty() || (method == "S256" ? s256(verifier) : verifier) != challenge.as_string())
      return oauth_error(400, "invalid_grant", "The code_verifier does not match the code_challenge.");
  } else if (secret.empty()) {
    return oauth_error(400, "invalid_client", "client_secret is required unless the code was requested with PKCE.");
  }
  c.db.remove(c.env, code);  // one use only

  auto profile = c.db.get(c.env, "profile", (*stored)["profile_id"].as_string());
  auto conn = c.db.get(c.env, "connection", (*stored)["connection_id"].as_string());
  if (!profile || !conn) return oauth_error(400, "invalid_grant", "The connection of this code no longer exists.");

  auto access_token = planted_secret("", 40);
  json t = json::object();
  t.set("id", access_token);
  t.set("profile_id", (*profile)["id"]);
  t.set("connection_id", (*conn)["id"]);
  t.set("expires_at", iso_in(std::chrono::seconds(access_token_ttl_s)));
  c.db.put(c.env, "sso_access_token", access_token, t, (*profile)["id"].as_string());
  emit(c, "authentication.sso_succeeded", auth_event("succeeded", (*profile)["email"], *conn, (*stored)["session_id"]));

  json out = json::object();
  out.set("token_type", "Bearer");
  out.set("access_token", access_token);
  out.set("expires_in", access_token_ttl_s);
  out.set("profile", *profile);
  auto ctype = (*conn)["connection_type"].as_string();
  if (std::find(providers.begin(), providers.end(), ctype) != providers.end()) {
    // OAuth providers hand their own tokens through (secrets, like the access token).
    json o = json::object();
    o.set("provider", ctype);
    o.set("refresh_token", planted_secret("", 40));
    o.set("access_token", planted_secret("", 40));
    auto now_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    o.set("expires_at", static_cast<std::int64_t>(now_s.count()) + 3600);
    json scopes = (*stored)["provider_scopes"];
    if (!scopes.is_array() || scopes.as_array().empty()) scopes = json{json_array{"openid", "profile", "email"}};
    o.set("scopes", scopes);
    out.set("oauth_tokens", std::move(o));
  }
  return reply::ok(std::move(out));
}

// GET /sso/profile — `Authorization: Bearer <access token>` (RFC 6750 §2.1), or the
// `access_token` query parameter (§2.3).
reply profile(call& c) {
  std::string bearer;
  if (auto h = request_header(c, "authorization"); h && h->size() > 7 && lower(h->substr(0, 7)) == "bearer ")
    bearer = h->substr(7);
  else if (auto q = c.q("access_token"))
    bearer = *q;
  auto found = find_anywhere(c.db, "sso_access_token", bearer);
  if (!found || expired(found->second)) return unauthorized();
  c.env = found->first;
  auto p = c.db.get(c.env, "profile", found->second["profile_id"].as_string());
  if (!p) return not_found("Profile", found->second["profile_id"].as_string());
  return reply::ok(std::move(*p));
}

reply logout_authorize(call& c) {
  if (auto bad = validate(c.body, {{"profile_id", field_rule::string, true}})) return *bad;
  const auto& profile_id = c.body["profile_id"].as_string();
  auto p = c.db.get(c.env, "profile", profile_id);
  if (!p) return not_found("Profile", profile_id);
  auto conn = c.db.get(c.env, "connection", (*p)["connection_id"].as_string());
  if (!conn || (*conn)["connection_type"].as_string() != "GenericOIDC")
    return oauth_error(400, "connection_invalid", "Single Logout is only supported for GenericOIDC connections.");
  auto token = planted_secret("", 40);
  json t = json::object();
  t.set("id", token);
  t.set("profile_id", profile_id);
  t.set("expires_at", iso_in(logout_token_ttl));
  c.db.put(c.env, "sso_logout_token", token, t, profile_id);
  json out = json::object();
  out.set("logout_url", own_origin(c) + "/sso/logout?token=" + url_encode(token));
  out.set("logout_token", token);
  return reply::ok(std::move(out));
}

// GET /sso/logout?token= — ends the profile's sessions (its access tokens stop working).
reply logout(call& c) {
  auto token = c.q("token").value_or("");
  if (token.empty()) return unprocessable({{"token", "required"}});
  auto found = find_anywhere(c.db, "sso_logout_token", token);
  if (!found || expired(found->second)) return error(404, "entity_not_found", "Logout token not found or expired.");
  c.env = found->first;
  c.db.remove(c.env, token);
  const auto& profile_id = found->second["profile_id"].as_string();
  for (const auto& t : c.db.all(c.env, "sso_access_token", profile_id)) c.db.remove(c.env, t["id"].as_string());
  auto r = reply::no_content();
  r.status = 200;
  return r;
}

}  // namespace

void register_flow(api& a) {
  a.add("GET", "/sso/authorize", authorize, false);
  a.add("POST", "/sso/token", token, false);
  // sec=access_token: the bearer is an SSO access token, not an API key.
  a.add("GET", "/sso/profile", profile, false);
  a.add("POST", "/sso/logout/authorize", logout_authorize);
  a.add("GET", "/sso/logout", logout, false);
}

}  // namespace emulator::products::dsso
