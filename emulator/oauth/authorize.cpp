// emulator/oauth/authorize.cpp — the browser half of the authorization code flow: GET
// /oauth2/authorize validates the request and parks it as a *pending request*; the sign-in page
// (POST /oauth2/sign-in) opens a sign-in session (a cookie); the consent page (POST
// /oauth2/consent) turns the pending request into a one-time code, or into access_denied.
//
// Trust order (RFC 6749 §4.1.2.1): until the client and its redirect URI are known to belong
// together, errors are an HTML page here and never a redirect — redirecting would make this server
// an open redirector. After that, errors go back to the client with `state` and `iss` (RFC 9207).
//
// CSRF: the consent form carries a random token of its pending request, and the pending request
// is bound to the sign-in session whose cookie (SameSite=Lax) must come with the POST; a POST with
// a foreign Origin is refused outright.
#include "control/crypto.hpp"
#include "emulator/oauth/pages.hpp"
#include "emulator/oauth/server_impl.hpp"

namespace emulator::oauth {

namespace {

transport::response error_page(unsigned status, std::string_view title, std::string_view message) {
  return pages::html(status, pages::error(title, message));
}

transport::response redirect(const std::string& location) {
  auto r = transport::response::empty(302);
  r.headers.add("Location", location);
  r.headers.add("Cache-Control", "no-store");
  r.headers.add("Referrer-Policy", "no-referrer");
  return r;
}

// The redirect URI's host as a person reads it ("127.0.0.1:33418", "app.example.com").
std::string host_of(std::string_view uri) {
  auto p = parse_url(uri);
  if (!p) return std::string{uri};
  return p->port.empty() ? p->host : p->host + ":" + p->port;
}

// The session a request's cookie names, if it is live: (its stored id, the member).
struct live_session {
  std::string id;
  dashboard_member member;
};

std::optional<std::string> session_cookie_of(const transport::request& req) {
  auto header = req.headers.get("Cookie");
  if (!header) return std::nullopt;
  return cookie_value(*header, session_cookie);
}

pages::consent_view consent_view_of(const json& pending, const dashboard_member& m) {
  pages::consent_view v;
  v.request_id = pending["id"].as_string();
  v.csrf_token = pending["csrf"].as_string();
  v.client_id = pending["client_id"].as_string();
  v.client_name = pending["client_name"].as_string();
  v.redirect_host = host_of(pending["redirect_uri"].as_string());
  auto p = parse_url(pending["redirect_uri"].as_string());
  v.loopback_redirect = p && is_loopback_host(p->host);
  v.member_email = m.email;
  v.member_name = m.name;
  v.team_name = m.team_name;
  v.scopes = split_scope(pending["scope"].as_string());
  v.resource = pending["resource"].as_string();
  return v;
}

// Where the client gets its answer: redirect_uri + params + state + iss.
std::string client_redirect(const json& pending, std::vector<std::pair<std::string, std::string>> params,
                            const std::string& issuer) {
  if (pending["state"].is_string()) params.emplace_back("state", pending["state"].as_string());
  params.emplace_back("iss", issuer);
  return with_query(pending["redirect_uri"].as_string(), params);
}

}  // namespace

transport::response authorization_server::impl::authorize(const transport::request& req) {
  if (req.method != "GET") return method_not_allowed("GET");
  auto q = parse_form(req.query);
  auto client_id = first(q, "client_id").value_or("");
  auto c = find_client(client_id);
  if (!c) return error_page(400, "Unknown application", c.error());
  auto redirect_uri = first(q, "redirect_uri").value_or("");
  if (redirect_uri.empty()) return error_page(400, "Invalid request", "redirect_uri is required.");
  bool registered = false;
  for (const auto& r : c->redirect_uris) registered = registered || redirect_uri_matches(r, redirect_uri);
  if (!registered)
    return error_page(400, "Invalid redirect URI",
                      "The redirect URI " + redirect_uri + " is not registered for " + c->display_name() + ".");
  // A repeated client_id or redirect_uri is ambiguous: which one did we just trust?
  if (auto name = repeated(q); name && (*name == "client_id" || *name == "redirect_uri"))
    return error_page(400, "Invalid request", *name + " was sent more than once.");

  // From here on the redirect URI is trusted: errors go back to the client.
  auto iss = issuer_id();
  auto state = first(q, "state");
  auto fail = [&](std::string_view error, std::string_view description) {
    std::vector<std::pair<std::string, std::string>> params = {{"error", std::string{error}},
                                                               {"error_description", std::string{description}}};
    if (state) params.emplace_back("state", *state);
    params.emplace_back("iss", iss);
    return redirect(with_query(redirect_uri, params));
  };
  if (auto name = repeated(q)) return fail("invalid_request", *name + " was sent more than once.");
  if (first(q, "response_type").value_or("") != "code")
    return fail("unsupported_response_type", "response_type must be code.");
  if (!c->allows_grant("authorization_code"))
    return fail("unauthorized_client", "This client may not use the authorization code grant.");
  auto challenge = first(q, "code_challenge").value_or("");
  if (challenge.empty()) return fail("invalid_request", "code_challenge is required (PKCE with S256).");
  if (first(q, "code_challenge_method").value_or("") != "S256")
    return fail("invalid_request", "code_challenge_method must be S256.");
  if (!pkce_shaped(challenge)) return fail("invalid_request", "code_challenge is malformed.");
  auto resource = first(q, "resource").value_or("");
  if (resource.empty()) return fail("invalid_target", "resource is required (RFC 8707).");
  if (!resource_allowed(resource)) return fail("invalid_target", "This server issues no tokens for that resource.");
  auto scopes = split_scope(first(q, "scope").value_or(""));
  if (scopes.empty()) scopes = {"mcp"};
  for (const auto& s : scopes)
    if (!is_supported_scope(s)) return fail("invalid_scope", "Unknown scope: " + s + ".");

  json pending = json::object();
  auto id = secret_token("authreq_");
  pending.set("id", id);
  pending.set("client_id", c->client_id);
  pending.set("client_name", c->display_name());
  pending.set("redirect_uri", redirect_uri);
  pending.set("code_challenge", challenge);
  pending.set("resource", resource);
  pending.set("scope", join_scope(scopes));
  pending.set("state", state ? json{*state} : json{});
  auto nonce = first(q, "nonce");
  pending.set("nonce", nonce ? json{*nonce} : json{});
  pending.set("csrf", secret_token("csrf_"));
  pending.set("session", "");
  pending.set("expires_at", now_s() + pending_ttl_s);

  // A browser that is already signed in goes straight to consent.
  auto cookie = session_cookie_of(req);
  std::optional<live_session> session;
  db.transact([&](tx& t) {
    if (cookie) {
      auto sid = sha256_hex(*cookie);
      if (auto s = t.get(store_env, "oauth_session", sid); s && at(*s, "expires_at") > now_s())
        if (auto m = member_by_id((*s)["user_id"].as_string())) session = live_session{sid, std::move(*m)};
    }
    if (session) pending.set("session", session->id);
    t.put(store_env, "oauth_pending", id, pending);
    return true;
  });
  auto origin = origin_of(redirect_uri);
  if (session) return pages::html(200, pages::consent(consent_view_of(pending, session->member)), origin);
  pages::sign_in_view v;
  v.request_id = id;
  v.client_name = c->display_name();
  return pages::html(200, pages::sign_in(v), origin);
}

transport::response authorization_server::impl::sign_in(const transport::request& req) {
  if (req.method != "POST") return method_not_allowed("POST");
  auto iss = issuer_id();
  if (!origin_ok(req, iss)) return error_page(403, "Request refused", "This form was sent from another site.");
  auto f = parse_form(req.body);
  auto request_id = first(f, "request").value_or("");
  auto email = first(f, "email").value_or("");
  auto password = first(f, "password").value_or("");

  std::optional<json> pending;
  db.transact([&](tx& t) {
    if (!request_id.empty()) pending = t.get(store_env, "oauth_pending", request_id);
    return false;
  });
  if (!pending || at(*pending, "expires_at") <= now_s())
    return error_page(400, "Sign-in expired", "This sign-in request has expired or is unknown.");
  auto origin = origin_of((*pending)["redirect_uri"].as_string());

  // The password check runs outside any transaction: PBKDF2 takes long and must not hold the store.
  auto member = member_by_email(email);
  bool ok = false;
  if (member && !member->password_hash.empty()) ok = control::crypto::verify_password_hash(member->password_hash, password);
  else control::crypto::spend_password_time(password, password_iterations());
  if (!ok) {
    pages::sign_in_view v;
    v.request_id = request_id;
    v.client_name = (*pending)["client_name"].as_string();
    v.email = email;
    v.failed = true;
    return pages::html(200, pages::sign_in(v), origin);
  }

  // A new session on every sign-in (no fixation), bound to this pending request.
  auto cookie = secret_token("sess_");
  auto sid = sha256_hex(cookie);
  bool still_pending = false;
  db.transact([&](tx& t) {
    auto p = t.get(store_env, "oauth_pending", request_id);
    if (!p) return false;
    json session = json::object();
    session.set("id", sid);
    session.set("user_id", member->user_id);
    session.set("auth_time", now_s());
    session.set("expires_at", now_s() + session_ttl_s);
    t.put(store_env, "oauth_session", sid, session);
    p->set("session", sid);
    t.replace_body(store_env, request_id, *p);
    pending = std::move(*p);
    still_pending = true;
    return true;
  });
  if (!still_pending) return error_page(400, "Sign-in expired", "This sign-in request has expired or is unknown.");
  auto r = pages::html(200, pages::consent(consent_view_of(*pending, *member)), origin);
  std::string set_cookie = std::string{session_cookie} + "=" + cookie + "; Path=/oauth2; HttpOnly; SameSite=Lax; Max-Age=" +
                           std::to_string(session_ttl_s);
  if (iss.rfind("https://", 0) == 0) set_cookie += "; Secure";
  r.headers.add("Set-Cookie", std::move(set_cookie));
  return r;
}

transport::response authorization_server::impl::consent(const transport::request& req) {
  if (req.method != "POST") return method_not_allowed("POST");
  auto iss = issuer_id();
  if (!origin_ok(req, iss)) return error_page(403, "Request refused", "This form was sent from another site.");
  auto f = parse_form(req.body);
  auto request_id = first(f, "request").value_or("");
  auto csrf = first(f, "csrf_token").value_or("");
  auto decision = first(f, "decision").value_or("");
  auto cookie = session_cookie_of(req);

  transport::response out;
  db.transact([&](tx& t) {
    auto pending = request_id.empty() ? std::optional<json>{} : t.get(store_env, "oauth_pending", request_id);
    if (!pending || at(*pending, "expires_at") <= now_s()) {
      out = error_page(400, "Request expired", "This authorization request has expired or is unknown.");
      return false;
    }
    std::optional<json> session;
    if (cookie) session = t.get(store_env, "oauth_session", sha256_hex(*cookie));
    if (!session || at(*session, "expires_at") <= now_s() || (*pending)["session"] != (*session)["id"]) {
      out = error_page(403, "Request refused", "Your sign-in does not match this request. Start again.");
      return false;
    }
    if (csrf.empty() || !control::crypto::equal_constant_time(csrf, (*pending)["csrf"].as_string())) {
      out = error_page(403, "Request refused", "This form is not valid any more. Start again.");
      return false;
    }
    auto member = member_by_id((*session)["user_id"].as_string());
    if (!member) {
      out = error_page(403, "Request refused", "This account can no longer sign in.");
      return false;
    }
    if (decision != "approve" && decision != "deny") {
      out = error_page(400, "Invalid request", "Choose Allow access or Deny.");
      return false;
    }
    t.remove(store_env, request_id);  // one decision per request
    if (decision == "deny") {
      out = redirect(client_redirect(
          *pending, {{"error", "access_denied"}, {"error_description", "The user denied the request."}}, iss));
      return true;
    }
    auto code = secret_token("code_");
    json c = json::object();
    auto code_id = sha256_hex(code);
    c.set("id", code_id);
    c.set("client_id", (*pending)["client_id"]);
    c.set("redirect_uri", (*pending)["redirect_uri"]);
    c.set("code_challenge", (*pending)["code_challenge"]);
    c.set("resource", (*pending)["resource"]);
    c.set("scope", (*pending)["scope"]);
    c.set("nonce", (*pending)["nonce"]);
    c.set("user_id", member->user_id);
    c.set("auth_time", (*session)["auth_time"]);
    c.set("expires_at", now_s() + code_ttl_s);
    c.set("used", false);
    c.set("grant", "");
    t.put(store_env, "oauth_code", code_id, c);
    out = redirect(client_redirect(*pending, {{"code", code}}, iss));
    return true;
  });
  return out;
}

}  // namespace emulator::oauth
