// emulator/oauth/authorization_server.cpp — the server's state, request dispatch, metadata, JWKS,
// client registration, key rotation, housekeeping, and the helpers the endpoint files share.
#include "emulator/oauth/authorization_server.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "control/crypto.hpp"
#include "emulator/oauth/server_impl.hpp"

namespace emulator::oauth {

// ----- helpers -------------------------------------------------------------------------------------

std::string secret_token(std::string_view prefix) {
  unsigned char bytes[32];
  // RAND_bytes fails only when the OS gives no entropy at all; an all-zero token would then be
  // guessable, so fail loudly instead (caught at the handle() boundary as a 500).
  if (!control::crypto::random_bytes(bytes, sizeof bytes)) throw std::runtime_error("no randomness for a token");
  return std::string{prefix} + std::string{planted_marker} +
         control::crypto::to_base64url({reinterpret_cast<const char*>(bytes), sizeof bytes});
}

transport::response json_answer(unsigned status, const json& body) {
  auto r = transport::response::json(status, body.dump());
  r.headers.add("Access-Control-Allow-Origin", "*");
  return r;
}

transport::response oauth_error(unsigned status, std::string_view error, std::string_view description) {
  json b = json::object();
  b.set("error", error);
  b.set("error_description", description);
  auto r = json_answer(status, b);
  r.headers.add("Cache-Control", "no-store");
  r.headers.add("Pragma", "no-cache");
  return r;
}

transport::response method_not_allowed(std::string_view allow) {
  auto r = oauth_error(405, "invalid_request", "This endpoint does not take that method.");
  r.headers.add("Allow", std::string{allow});
  return r;
}

form body_params(const transport::request& req) {
  if (req.method == "GET") return parse_form(req.query);
  auto type = lower(std::string{req.headers.get("Content-Type").value_or("")});
  if (type.rfind("application/json", 0) == 0) {
    // JSON bodies are accepted for the token endpoint's convenience: only string members count.
    form out;
    if (auto body = json::parse(req.body); body && body->is_object())
      for (const auto& [k, v] : body->as_object())
        if (v.is_string()) out.emplace_back(k, v.as_string());
    return out;
  }
  return parse_form(req.body);
}

std::optional<std::string> first(const form& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> repeated(const form& f) {
  for (std::size_t i = 0; i < f.size(); ++i)
    for (std::size_t j = i + 1; j < f.size(); ++j)
      if (f[i].first == f[j].first) return f[i].first;
  return std::nullopt;
}

std::string s256(std::string_view verifier) { return control::crypto::sha256_base64url(verifier); }

bool pkce_shaped(std::string_view s) {
  if (s.size() < 43 || s.size() > 128) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
  });
}

bool origin_ok(const transport::request& req, std::string_view issuer) {
  if (auto site = req.headers.get("Sec-Fetch-Site"); site && *site == "cross-site") return false;
  auto origin = req.headers.get("Origin");
  return !origin || *origin == "null" || *origin == issuer;
}

// ----- state ---------------------------------------------------------------------------------------

authorization_server::impl::impl(store& d, config c)
    : db(d),
      cfg(std::move(c)),
      access_ttl(std::clamp(cfg.options.access_token_ttl, std::chrono::seconds{1}, max_access_token_ttl)),
      documents(cfg.fetch, cfg.options.allow_loopback_client_metadata, cfg.options.client_metadata_ca_file),
      resources(cfg.options.resources) {}

std::int64_t authorization_server::impl::now_s() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::string authorization_server::impl::issuer_id() const {
  std::lock_guard lk(mutex);
  return issuer;
}

bool authorization_server::impl::resource_allowed(std::string_view resource) const {
  std::lock_guard lk(mutex);
  return std::find(resources.begin(), resources.end(), resource) != resources.end();
}

std::optional<dashboard_member> authorization_server::impl::member_by_email(std::string_view email) const {
  auto wanted = lower(std::string{email});
  std::lock_guard lk(mutex);
  for (const auto& m : members)
    if (lower(m.email) == wanted) return m;
  return std::nullopt;
}

std::optional<dashboard_member> authorization_server::impl::member_by_id(std::string_view user_id) const {
  std::lock_guard lk(mutex);
  for (const auto& m : members)
    if (m.user_id == user_id) return m;
  return std::nullopt;
}

std::uint32_t authorization_server::impl::password_iterations() const {
  std::lock_guard lk(mutex);
  for (const auto& m : members) {
    // "pbkdf2-sha256$<iterations>$…"
    auto first_dollar = m.password_hash.find('$');
    if (first_dollar == std::string::npos) continue;
    auto second = m.password_hash.find('$', first_dollar + 1);
    std::uint32_t n = 0;
    auto begin = m.password_hash.data() + first_dollar + 1;
    auto end = m.password_hash.data() + (second == std::string::npos ? m.password_hash.size() : second);
    if (std::from_chars(begin, end, n).ec == std::errc{} && n > 0) return n;
  }
  return control::crypto::default_password_iterations;
}

std::shared_ptr<const key_ring> authorization_server::impl::key_snapshot() const {
  std::lock_guard lk(mutex);
  return keys;
}

mcp::result<client, std::string> authorization_server::impl::find_client(const std::string& client_id) {
  if (client_id.empty()) return std::string{"client_id is required."};
  if (is_metadata_url(client_id, cfg.options.allow_loopback_client_metadata)) {
    auto c = documents.resolve(client_id, now());
    if (!c) spdlog::info("oauth: client metadata document {} refused: {}", client_id, c.error());
    return c;
  }
  std::optional<json> stored;
  db.transact([&](tx& t) {
    stored = t.get(store_env, "oauth_client", client_id);
    return false;
  });
  if (!stored) return std::string{"The application is not registered with this server."};
  return client_from_stored(*stored);
}

void authorization_server::impl::maybe_sweep() {
  auto t_now = now_s();
  auto last = last_sweep.load();
  if (t_now - last < 60 || !last_sweep.compare_exchange_strong(last, t_now)) return;
  db.transact([&](tx& t) {
    auto drop = [&](std::string_view type, std::int64_t grace) {
      for (const auto& o : t.all(store_env, type))
        if (at(o, "expires_at") + grace < t_now) t.remove(store_env, o["id"].as_string());
    };
    drop("oauth_pending", 0);
    drop("oauth_session", 0);
    drop("oauth_code", used_code_kept_s);
    drop("oauth_refresh", 0);
    drop("oauth_grant", 0);
    return true;
  });
}

// ----- metadata, JWKS, registration ---------------------------------------------------------------

transport::response authorization_server::impl::metadata(const transport::request& req, bool openid) {
  if (req.method != "GET" && req.method != "HEAD") return method_not_allowed("GET");
  auto iss = issuer_id();
  auto list = [](std::initializer_list<std::string_view> items) {
    json a = json::array();
    for (auto i : items) a.as_array().emplace_back(i);
    return a;
  };
  json m = json::object();
  m.set("issuer", iss);
  m.set("authorization_endpoint", iss + "/oauth2/authorize");
  m.set("token_endpoint", iss + "/oauth2/token");
  m.set("registration_endpoint", iss + "/oauth2/register");
  m.set("jwks_uri", iss + "/oauth2/jwks");
  json scopes = json::array();
  for (auto s : supported_scopes) scopes.as_array().emplace_back(s);
  m.set("scopes_supported", std::move(scopes));
  m.set("response_types_supported", list({"code"}));
  m.set("response_modes_supported", list({"query"}));
  m.set("grant_types_supported", list({"authorization_code", "refresh_token"}));
  m.set("code_challenge_methods_supported", list({"S256"}));
  m.set("token_endpoint_auth_methods_supported", list({"none", "client_secret_post", "client_secret_basic"}));
  m.set("client_id_metadata_document_supported", true);
  m.set("authorization_response_iss_parameter_supported", true);
  if (openid) {
    m.set("subject_types_supported", list({"public"}));
    m.set("id_token_signing_alg_values_supported", list({"RS256"}));
    m.set("claims_supported", list({"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "email",
                                    "email_verified", "name"}));
  }
  auto r = json_answer(200, m);
  r.headers.add("Cache-Control", "public, max-age=300");
  return r;
}

transport::response authorization_server::impl::jwks_endpoint(const transport::request& req) {
  if (req.method != "GET" && req.method != "HEAD") return method_not_allowed("GET");
  auto ring = key_snapshot()->pruned(now_s(), max_access_token_ttl.count() + key_leeway_s);
  auto r = transport::response::json(200, ring.jwks());
  r.headers.add("Access-Control-Allow-Origin", "*");
  r.headers.add("Cache-Control", "public, max-age=300");
  return r;
}

transport::response authorization_server::impl::register_client(const transport::request& req) {
  if (req.method != "POST") return method_not_allowed("POST");
  auto body = json::parse(req.body);
  if (!body) return oauth_error(400, "invalid_client_metadata", "The request body must be a JSON object.");
  auto reg = validate_registration(*body);
  if (!reg) return oauth_error(400, reg.error().error, reg.error().description);

  auto id = new_id("client");
  json answer = json::object();
  answer.set("client_id", id);
  answer.set("client_id_issued_at", now_s());
  std::string secret;
  if (!reg->c.is_public()) {
    secret = secret_token("wos_cs_");
    answer.set("client_secret", secret);
    answer.set("client_secret_expires_at", 0);  // RFC 7591 §3.2.1: 0 = never
  }
  for (const auto& [k, v] : reg->metadata.as_object()) answer.set(k, v);

  json stored = answer;
  stored.erase("client_secret");
  stored.set("id", id);
  if (!secret.empty()) stored.set("client_secret_hash", sha256_hex(secret));
  db.transact([&](tx& t) {
    t.put(store_env, "oauth_client", id, stored);
    return true;
  });
  spdlog::info("oauth: registered client {} ({})", id, reg->c.client_name);
  auto r = json_answer(201, answer);
  r.headers.add("Cache-Control", "no-store");
  r.headers.add("Pragma", "no-cache");
  return r;
}

// ----- the public face -----------------------------------------------------------------------------

authorization_server::authorization_server(store& db, config cfg) : impl_(std::make_unique<impl>(db, std::move(cfg))) {
  auto& d = *impl_;
  std::string problem;
  db.transact([&](tx& t) {
    auto stored = t.setting(store_env, "signing_keys");
    if (stored) {
      auto ring = key_ring::from_json(*stored);
      if (!ring) {
        problem = ring.error().message;
        return false;
      }
      d.keys = std::make_shared<const key_ring>(std::move(*ring));
      return false;
    }
    auto ring = key_ring::fresh(d.now_s());
    if (!ring) {
      problem = ring.error().message;
      return false;
    }
    t.set_setting(store_env, "signing_keys", ring->to_json());
    d.keys = std::make_shared<const key_ring>(std::move(*ring));
    return true;
  });
  if (!d.keys) throw std::runtime_error("OAuth signing keys: " + problem);
}

authorization_server::~authorization_server() = default;

bool authorization_server::owns(std::string_view path) {
  return path == "/.well-known/oauth-authorization-server" || path == "/.well-known/openid-configuration" ||
         path.substr(0, 8) == "/oauth2/";
}

bool authorization_server::may_block(std::string_view path) {
  return path == "/oauth2/authorize" || path == "/oauth2/sign-in" || path == "/oauth2/token";
}

void authorization_server::set_issuer(std::string issuer) {
  std::lock_guard lk(impl_->mutex);
  impl_->issuer = std::move(issuer);
}

std::string authorization_server::issuer() const { return impl_->issuer_id(); }

void authorization_server::allow_resource(std::string resource) {
  std::lock_guard lk(impl_->mutex);
  if (std::find(impl_->resources.begin(), impl_->resources.end(), resource) == impl_->resources.end())
    impl_->resources.push_back(std::move(resource));
}

void authorization_server::set_members(std::vector<dashboard_member> members) {
  std::lock_guard lk(impl_->mutex);
  impl_->members = std::move(members);
}

mcp::result<std::string, key_error> authorization_server::rotate_signing_key(tx& t) {
  auto& d = *impl_;
  std::lock_guard rot(d.rotation);
  auto ring = d.key_snapshot()->rotated(d.now_s());
  if (!ring) return ring.error();
  t.set_setting(store_env, "signing_keys", ring->to_json());
  auto kid = ring->signing().kid;
  {
    std::lock_guard lk(d.mutex);
    d.keys = std::make_shared<const key_ring>(std::move(*ring));
  }
  spdlog::info("oauth: signing key rotated, new kid {}", kid);
  return kid;
}

mcp::result<std::string, key_error> authorization_server::rotate_signing_key() {
  mcp::result<std::string, key_error> out = key_error{"not run"};
  impl_->db.transact([&](tx& t) {
    out = rotate_signing_key(t);
    return out.has_value();
  });
  return out;
}

std::string authorization_server::jwks() const {
  return impl_->key_snapshot()->pruned(impl_->now_s(), max_access_token_ttl.count() + key_leeway_s).jwks();
}

transport::response authorization_server::handle(const transport::request& req) {
  auto& d = *impl_;
  try {
    d.maybe_sweep();
    const auto& p = req.path;
    // CORS preflight for browser-based clients (the MCP Inspector, web agents).
    if (req.method == "OPTIONS" && (p == "/oauth2/token" || p == "/oauth2/register" || p == "/oauth2/jwks" ||
                                    p.substr(0, 13) == "/.well-known/")) {
      auto r = transport::response::empty(204);
      r.headers.add("Access-Control-Allow-Origin", "*");
      r.headers.add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      r.headers.add("Access-Control-Allow-Headers", "Authorization, Content-Type, MCP-Protocol-Version");
      r.headers.add("Access-Control-Max-Age", "600");
      return r;
    }
    if (p == "/.well-known/oauth-authorization-server") return d.metadata(req, false);
    if (p == "/.well-known/openid-configuration") return d.metadata(req, true);
    if (p == "/oauth2/jwks") return d.jwks_endpoint(req);
    if (p == "/oauth2/register") return d.register_client(req);
    if (p == "/oauth2/authorize") return d.authorize(req);
    if (p == "/oauth2/sign-in") return d.sign_in(req);
    if (p == "/oauth2/consent") return d.consent(req);
    if (p == "/oauth2/token") return d.token(req);
    return oauth_error(404, "not_found", "No such endpoint.");
  } catch (const std::exception& e) {
    spdlog::error("oauth: {} {} failed: {}", req.method, req.path, e.what());
    return oauth_error(500, "server_error", "The authorization server failed to handle this request.");
  }
}

}  // namespace emulator::oauth
