// emulator/oauth/token.cpp — POST /oauth2/token: client authentication, the authorization_code and
// refresh_token grants, and the tokens they mint.
//
// Codes and refresh tokens are stored by SHA-256 of their value. A grant ("family") is what one
// code started; each refresh rotates the family's refresh token (OAuth 2.1 §4.3.1 for public
// clients). Replays revoke: a code used twice revokes the family it started (RFC 6749 §4.1.2),
// and a refresh token used twice revokes its family (RFC 9700 §4.14.2) — those refusals commit
// their transaction, unlike every other refusal. Access tokens are JWTs, so a revocation stops
// new ones; the ones already out run until their `exp` (at most an hour).
#include <openssl/evp.h>

#include "control/crypto.hpp"
#include "emulator/oauth/server_impl.hpp"

namespace emulator::oauth {

namespace {

transport::response invalid_client(std::string_view description) {
  auto r = oauth_error(401, "invalid_client", description);
  r.headers.add("WWW-Authenticate", "Basic realm=\"oauth2\"");
  return r;
}

struct credentials {
  std::string client_id;
  std::optional<std::string> secret;
};

// The client's identity and secret from Basic authentication or the body (RFC 6749 §2.3.1),
// or the refusal.
mcp::result<credentials, transport::response> credentials_of(const transport::request& req, const form& params) {
  credentials out;
  auto body_id = first(params, "client_id");
  auto body_secret = first(params, "client_secret");
  if (auto auth = req.headers.get("Authorization"); auth && lower(std::string{auth->substr(0, 6)}) == "basic ") {
    auto decoded = control::crypto::from_base64(auth->substr(6));
    auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) return invalid_client("The Basic credentials are malformed.");
    out.client_id = url_decode(std::string_view{*decoded}.substr(0, colon), true);
    out.secret = url_decode(std::string_view{*decoded}.substr(colon + 1), true);
    if (body_secret) return oauth_error(400, "invalid_request", "Use one client authentication method, not two.");
    if (body_id && *body_id != out.client_id)
      return oauth_error(400, "invalid_request", "client_id differs from the authenticated client.");
    return out;
  }
  if (!body_id || body_id->empty()) return invalid_client("client_id is required.");
  out.client_id = *body_id;
  out.secret = body_secret;
  return out;
}

// Marks a grant revoked: none of its refresh tokens works any more.
void revoke_grant(tx& t, const std::string& grant_id) {
  if (grant_id.empty()) return;
  if (auto g = t.get(store_env, "oauth_grant", grant_id)) {
    g->set("revoked", true);
    t.replace_body(store_env, grant_id, *g);
  }
}

// A new refresh token in `grant`, stored; returns its value.
std::string new_refresh_token(tx& t, json& grant, const std::string& client_id, std::int64_t now) {
  auto value = secret_token("rt_");
  auto id = sha256_hex(value);
  json r = json::object();
  r.set("id", id);
  r.set("grant", grant["id"]);
  r.set("client_id", client_id);
  r.set("used", false);
  r.set("expires_at", now + refresh_ttl_s);
  t.put(store_env, "oauth_refresh", id, r, grant["id"].as_string());
  // The family lives as long as its newest refresh token.
  grant.set("expires_at", now + refresh_ttl_s);
  t.put(store_env, "oauth_grant", grant["id"].as_string(), grant);
  return value;
}

// What a successful grant hands to token minting.
struct issued {
  json grant;
  std::string scope;  ///< of this access token (a refresh may narrow it)
  std::string refresh_token;
  std::string nonce;
  dashboard_member member;
};

}  // namespace

transport::response authorization_server::impl::token(const transport::request& req) {
  if (req.method != "POST") return method_not_allowed("POST");
  auto params = body_params(req);
  if (auto name = repeated(params)) return oauth_error(400, "invalid_request", *name + " was sent more than once.");
  auto grant_type = first(params, "grant_type").value_or("");
  if (grant_type.empty()) return oauth_error(400, "invalid_request", "grant_type is required.");
  if (grant_type != "authorization_code" && grant_type != "refresh_token")
    return oauth_error(400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");

  auto creds = credentials_of(req, params);
  if (!creds) return creds.error();
  auto c = find_client(creds->client_id);
  if (!c) return invalid_client("Unknown client.");
  if (!c->is_public()) {
    // Compare digests, so the time taken says nothing about the secret.
    if (!creds->secret || !control::crypto::equal_constant_time(sha256_hex(*creds->secret), c->secret_hash))
      return invalid_client("Client authentication failed.");
  }
  if (!c->allows_grant(grant_type))
    return oauth_error(400, "unauthorized_client", "This client is not registered for " + grant_type + ".");

  auto t_now = now_s();
  auto resource = first(params, "resource");
  std::optional<issued> out;
  transport::response refusal;

  if (grant_type == "authorization_code") {
    auto code = first(params, "code").value_or("");
    auto redirect_uri = first(params, "redirect_uri").value_or("");
    auto verifier = first(params, "code_verifier").value_or("");
    if (code.empty()) return oauth_error(400, "invalid_request", "code is required.");
    if (redirect_uri.empty()) return oauth_error(400, "invalid_request", "redirect_uri is required.");
    if (verifier.empty()) return oauth_error(400, "invalid_request", "code_verifier is required (PKCE).");
    if (!pkce_shaped(verifier)) return oauth_error(400, "invalid_request", "code_verifier is malformed.");
    db.transact([&](tx& t) {
      auto rec = t.get(store_env, "oauth_code", sha256_hex(code));
      if (!rec || (*rec)["client_id"].as_string() != c->client_id) {
        refusal = oauth_error(400, "invalid_grant", "The code is invalid.");
        return false;
      }
      if ((*rec)["used"].as_bool()) {
        revoke_grant(t, (*rec)["grant"].as_string());
        refusal = oauth_error(400, "invalid_grant", "The code was already used; the tokens issued for it are revoked.");
        return true;  // the revocation stands
      }
      if (at(*rec, "expires_at") <= t_now) {
        refusal = oauth_error(400, "invalid_grant", "The code has expired.");
        return false;
      }
      if ((*rec)["redirect_uri"].as_string() != redirect_uri) {
        refusal = oauth_error(400, "invalid_grant", "redirect_uri does not match the authorization request.");
        return false;
      }
      if (!control::crypto::equal_constant_time(s256(verifier), (*rec)["code_challenge"].as_string())) {
        refusal = oauth_error(400, "invalid_grant", "code_verifier does not match the code_challenge.");
        return false;
      }
      if (resource && *resource != (*rec)["resource"].as_string()) {
        refusal = oauth_error(400, "invalid_target", "resource differs from the authorization request.");
        return false;
      }
      auto member = member_by_id((*rec)["user_id"].as_string());
      if (!member) {
        refusal = oauth_error(400, "invalid_grant", "The user can no longer sign in.");
        return false;
      }
      json grant = json::object();
      auto grant_id = new_id("grant");
      grant.set("id", grant_id);
      grant.set("client_id", c->client_id);
      grant.set("user_id", member->user_id);
      grant.set("scope", (*rec)["scope"]);
      grant.set("resource", (*rec)["resource"]);
      grant.set("auth_time", (*rec)["auth_time"]);
      grant.set("revoked", false);
      grant.set("created_at", t_now);
      grant.set("expires_at", t_now + code_ttl_s);
      t.put(store_env, "oauth_grant", grant_id, grant);
      issued i;
      if (c->allows_grant("refresh_token")) i.refresh_token = new_refresh_token(t, grant, c->client_id, t_now);
      rec->set("used", true);
      rec->set("grant", grant_id);
      t.replace_body(store_env, (*rec)["id"].as_string(), *rec);
      i.scope = (*rec)["scope"].as_string();
      i.nonce = (*rec)["nonce"].string_or("");
      i.grant = std::move(grant);
      i.member = std::move(*member);
      out = std::move(i);
      return true;
    });
  } else {
    auto presented = first(params, "refresh_token").value_or("");
    if (presented.empty()) return oauth_error(400, "invalid_request", "refresh_token is required.");
    auto requested_scope = first(params, "scope");
    db.transact([&](tx& t) {
      auto rec = t.get(store_env, "oauth_refresh", sha256_hex(presented));
      auto grant = rec ? t.get(store_env, "oauth_grant", (*rec)["grant"].as_string()) : std::optional<json>{};
      if (!rec || !grant || (*rec)["client_id"].as_string() != c->client_id) {
        refusal = oauth_error(400, "invalid_grant", "The refresh token is invalid.");
        return false;
      }
      if ((*grant)["revoked"].as_bool()) {
        refusal = oauth_error(400, "invalid_grant", "The refresh token was revoked.");
        return false;
      }
      if ((*rec)["used"].as_bool()) {
        revoke_grant(t, (*grant)["id"].as_string());
        refusal = oauth_error(400, "invalid_grant", "The refresh token was already used; its grant is revoked.");
        return true;  // the revocation stands
      }
      if (at(*rec, "expires_at") <= t_now) {
        refusal = oauth_error(400, "invalid_grant", "The refresh token has expired.");
        return false;
      }
      if (resource && *resource != (*grant)["resource"].as_string()) {
        refusal = oauth_error(400, "invalid_target", "resource differs from the original grant.");
        return false;
      }
      auto granted = split_scope((*grant)["scope"].as_string());
      auto scopes = requested_scope ? split_scope(*requested_scope) : granted;
      if (scopes.empty()) scopes = granted;
      for (const auto& s : scopes)
        if (std::find(granted.begin(), granted.end(), s) == granted.end()) {
          refusal = oauth_error(400, "invalid_scope", "scope may only narrow the original grant.");
          return false;
        }
      auto member = member_by_id((*grant)["user_id"].as_string());
      if (!member) {
        refusal = oauth_error(400, "invalid_grant", "The user can no longer sign in.");
        return false;
      }
      rec->set("used", true);
      t.replace_body(store_env, (*rec)["id"].as_string(), *rec);
      issued i;
      i.refresh_token = new_refresh_token(t, *grant, c->client_id, t_now);
      i.scope = join_scope(scopes);
      i.grant = std::move(*grant);
      i.member = std::move(*member);
      out = std::move(i);
      return true;
    });
  }
  if (!out) return refusal;

  // RFC 9068 access token.
  auto keys = key_snapshot();
  auto iss = issuer_id();
  const auto& g = out->grant;
  json claims = json::object();
  claims.set("iss", iss);
  claims.set("sub", out->member.user_id);
  claims.set("aud", g["resource"]);
  claims.set("client_id", c->client_id);
  claims.set("sid", g["id"]);
  claims.set("scope", out->scope);
  claims.set("jti", new_id("at"));
  claims.set("iat", t_now);
  claims.set("exp", t_now + access_ttl.count());
  auto access = keys->sign("at+jwt", claims);
  if (!access) return oauth_error(500, "server_error", "The token could not be signed.");

  json body = json::object();
  body.set("access_token", *access);
  body.set("token_type", "Bearer");
  body.set("expires_in", static_cast<std::int64_t>(access_ttl.count()));
  if (!out->refresh_token.empty()) body.set("refresh_token", out->refresh_token);
  body.set("scope", out->scope);

  auto scopes = split_scope(out->scope);
  auto has = [&](std::string_view s) { return std::find(scopes.begin(), scopes.end(), s) != scopes.end(); };
  if (has("openid")) {
    // OpenID Connect Core §2: the ID token is for the client, so its audience is the client.
    json id = json::object();
    id.set("iss", iss);
    id.set("sub", out->member.user_id);
    id.set("aud", c->client_id);
    id.set("iat", t_now);
    id.set("exp", t_now + access_ttl.count());
    id.set("auth_time", g["auth_time"]);
    id.set("sid", g["id"]);
    if (!out->nonce.empty()) id.set("nonce", out->nonce);
    if (has("email")) {
      id.set("email", out->member.email);
      id.set("email_verified", true);
    }
    if (has("profile")) id.set("name", out->member.name);
    auto id_token = keys->sign("JWT", id);
    if (!id_token) return oauth_error(500, "server_error", "The token could not be signed.");
    body.set("id_token", *id_token);
  }
  auto r = json_answer(200, body);
  r.headers.add("Cache-Control", "no-store");
  r.headers.add("Pragma", "no-cache");
  return r;
}

}  // namespace emulator::oauth
