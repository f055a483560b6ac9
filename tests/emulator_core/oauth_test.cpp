// tests/emulator_core/oauth_test.cpp — the emulator's authorization server end to end: a real
// emulator::service on 127.0.0.1:0, driven over HTTP with transport::fetch by a scripted client and
// browser (oauth_driver.hpp). Access tokens are checked with the repository's own verifier
// (auth::verify against the served JWKS), exactly as the MCP server will check them. Client
// metadata documents are served by our own transport::http_server on loopback, over http and over
// https with a test CA made here with OpenSSL (a CA and a leaf for IP 127.0.0.1, in a temp dir).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "control/crypto.hpp"
#include "emulator/service.hpp"
#include "tests/emulator_core/oauth_driver.hpp"
#include "tests/support/test_ca.hpp"
#include "transport/http_client.hpp"
#include "transport/http_server.hpp"

namespace {

using namespace oauth_test;
using emulator::json;
using emulator::json_array;

constexpr const char* email = "dev@example.com";
constexpr const char* password = "correct horse battery staple";
constexpr const char* callback = "http://127.0.0.1:43999/callback";

std::string temp_dir() {
  char tmpl[] = "/tmp/workos-emulator-oauth-XXXXXX";
  return mkdtemp(tmpl);
}

// ----- a test PKI: a CA and a leaf certificate for IP 127.0.0.1 --------------------------------------

// The certificate helpers are the tests' shared ones (tests/support/test_ca.hpp).
using test_support::make_cert;
using test_support::pkey_ptr;
using test_support::write_pem;

// The files, in a temp dir removed with the object; `ok` is false when anything failed.
struct test_pki {
  std::filesystem::path dir;
  std::string ca_file, cert_file, key_file;
  bool ok = false;

  test_pki() {
    char tmpl[] = "/tmp/workos-emulator-pki-XXXXXX";
    if (!mkdtemp(tmpl)) return;
    dir = tmpl;
    ca_file = (dir / "ca.pem").string();
    cert_file = (dir / "leaf.pem").string();
    key_file = (dir / "leaf.key").string();
    pkey_ptr ca_key(EVP_EC_gen("P-256")), leaf_key(EVP_EC_gen("P-256"));
    if (!ca_key || !leaf_key) return;
    auto ca = make_cert("workos-mcp emulator test CA", ca_key.get(), nullptr, nullptr, true, "", 1);
    if (!ca) return;
    auto leaf = make_cert("127.0.0.1", leaf_key.get(), ca.get(), ca_key.get(), false, "IP:127.0.0.1", 2);
    if (!leaf) return;
    ok = write_pem(ca_file, ca.get(), nullptr) && write_pem(cert_file, leaf.get(), nullptr) &&
         write_pem(key_file, nullptr, leaf_key.get());
  }
  ~test_pki() {
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

answer over_http(const std::string& base, const std::string& method, const std::string& target, const headers& h,
                 const std::string& body) {
  transport::client_request req;
  req.method = method;
  req.url = base + target;
  req.headers = h;
  req.body = body;
  transport::client_options opts;
  opts.total_timeout = std::chrono::seconds(10);
  auto res = transport::fetch(req, opts);
  EXPECT_TRUE(res.has_value()) << (res ? "" : res.error());
  if (!res) return {};
  return {res->status, res->headers, res->body};
}

class oauth_http : public ::testing::Test {
 protected:
  std::string dir = temp_dir();
  std::string resource = "http://127.0.0.1:8080/mcp";
  std::unique_ptr<emulator::service> svc;
  std::string iss;
  std::uint16_t port = 0;  // kept across restarts, so the issuer stays the same

  oauth_http() { start(); }
  ~oauth_http() override {
    svc.reset();
    std::filesystem::remove_all(dir);
  }

  void start(bool dev_mode = false, std::string client_metadata_ca_file = {}) {
    emulator::options o;
    o.data_dir = dir;
    o.seed = "none";
    o.oauth.resources = {resource};
    o.oauth.allow_loopback_client_metadata = dev_mode;
    o.oauth.client_metadata_ca_file = std::move(client_metadata_ca_file);
    o.listen = "127.0.0.1:" + std::to_string(port);
    svc = std::make_unique<emulator::service>(o);
    port = svc->start();
    iss = svc->issuer();
    auto hash = control::crypto::hash_password(password, 1000);
    EXPECT_TRUE(hash.has_value());
    svc->set_dashboard_members({{"user_01DEV", email, "Dev Person", "Demo Team", *hash},
                                {"user_02NOPW", "nopw@example.com", "No Password", "Demo Team", ""}});
  }

  driver client() {
    return driver([base = iss](const std::string& m, const std::string& t, const headers& h, const std::string& b) {
      return over_http(base, m, t, h, b);
    }, resource);
  }

  std::string sandbox_key() const {
    for (const auto& [k, env] : svc->keys())
      if (env == "sandbox") return k;
    return {};
  }

  auth::jwk_set_ptr jwks(driver& d) {
    auto a = d.get("/oauth2/jwks");
    EXPECT_EQ(a.status, 200u);
    auto set = auth::jwk_set::parse(a.body);
    EXPECT_TRUE(set.has_value()) << (set ? "" : set.error().message);
    return set ? *set : nullptr;
  }

  auth::result<auth::verified_token, auth::verify_failure> verify(driver& d, const std::string& token) {
    auth::verify_options v;
    v.issuer = iss;
    v.audience = resource;
    v.require_at_jwt_typ = true;
    v.require_rfc9068_claims = true;
    v.algorithms = {auth::jws_alg::rs256};
    return auth::verify(token, *jwks(d), v, std::chrono::system_clock::now());
  }

  std::string register_public(driver& d, const std::string& redirect = callback) {
    auto r = d.register_client(redirect);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json()["client_id"].as_string();
  }
};

// ----- metadata -------------------------------------------------------------------------------------

TEST_F(oauth_http, metadata_names_the_issuer_exactly) {
  auto d = client();
  EXPECT_EQ(iss, svc->base_url());
  EXPECT_NE(iss.back(), '/');
  for (auto path : {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"}) {
    auto a = d.get(path);
    ASSERT_EQ(a.status, 200u) << path;
    EXPECT_EQ(a.header("Access-Control-Allow-Origin").value_or(""), "*");
    auto m = a.json();
    EXPECT_EQ(m["issuer"].as_string(), iss) << "byte-equal, no trailing slash";
    EXPECT_EQ(m["authorization_endpoint"].as_string(), iss + "/oauth2/authorize");
    EXPECT_EQ(m["token_endpoint"].as_string(), iss + "/oauth2/token");
    EXPECT_EQ(m["registration_endpoint"].as_string(), iss + "/oauth2/register");
    EXPECT_EQ(m["jwks_uri"].as_string(), iss + "/oauth2/jwks");
    EXPECT_EQ(m["response_types_supported"].dump(), R"(["code"])");
    EXPECT_EQ(m["grant_types_supported"].dump(), R"(["authorization_code","refresh_token"])");
    EXPECT_EQ(m["code_challenge_methods_supported"].dump(), R"(["S256"])");
    EXPECT_EQ(m["token_endpoint_auth_methods_supported"].dump(), R"(["none","client_secret_post","client_secret_basic"])");
    EXPECT_EQ(m["scopes_supported"].dump(), R"(["openid","profile","email","offline_access","mcp"])");
    EXPECT_EQ(m["client_id_metadata_document_supported"], json{true});
    EXPECT_EQ(m["authorization_response_iss_parameter_supported"], json{true});
  }
  auto oidc = d.get("/.well-known/openid-configuration").json();
  EXPECT_EQ(oidc["id_token_signing_alg_values_supported"].dump(), R"(["RS256"])");
  EXPECT_EQ(oidc["subject_types_supported"].dump(), R"(["public"])");
  EXPECT_FALSE(d.get("/.well-known/oauth-authorization-server").json().contains("subject_types_supported"));
}

TEST_F(oauth_http, jwks_publishes_public_rsa_keys_only) {
  auto d = client();
  auto a = d.get("/oauth2/jwks");
  ASSERT_EQ(a.status, 200u);
  EXPECT_EQ(a.header("Cache-Control").value_or(""), "public, max-age=300");
  auto keys = a.json()["keys"];
  ASSERT_EQ(keys.as_array().size(), 1u);
  const auto& k = keys.as_array()[0];
  EXPECT_EQ(k["kty"].as_string(), "RSA");
  EXPECT_EQ(k["alg"].as_string(), "RS256");
  EXPECT_EQ(k["use"].as_string(), "sig");
  EXPECT_FALSE(k["kid"].as_string().empty());
  EXPECT_FALSE(k.contains("d")) << "no private part";
  auto set = jwks(d);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->size(), 1u);
  EXPECT_EQ(set->keys()[0].bits(), 2048);
}

// ----- registration ---------------------------------------------------------------------------------

TEST_F(oauth_http, registration_issues_ids_and_secrets_by_auth_method) {
  auto d = client();
  auto pub = d.register_client(callback, "none", "Public app");
  ASSERT_EQ(pub.status, 201u) << pub.body;
  auto p = pub.json();
  EXPECT_EQ(p["client_id"].as_string().rfind("client_", 0), 0u);
  EXPECT_EQ(p["client_id"].as_string().size(), 7u + 26u) << "client_ + a ULID";
  EXPECT_TRUE(p["client_id_issued_at"].is_int());
  EXPECT_FALSE(p.contains("client_secret"));
  EXPECT_EQ(p["client_name"].as_string(), "Public app");
  EXPECT_EQ(p["redirect_uris"].dump(), std::string{"[\""} + callback + "\"]");
  EXPECT_EQ(p["token_endpoint_auth_method"].as_string(), "none");
  EXPECT_EQ(pub.header("Cache-Control").value_or(""), "no-store");

  auto conf = d.register_client("https://app.example.com/cb", "client_secret_post", "Server app");
  ASSERT_EQ(conf.status, 201u) << conf.body;
  EXPECT_NE(conf.json()["client_secret"].as_string().find("EMUSECRET"), std::string::npos);
  EXPECT_EQ(conf.json()["client_secret_expires_at"].as_int(-1), 0);
  EXPECT_NE(conf.json()["client_id"], p["client_id"]);
}

TEST_F(oauth_http, registration_refuses_bad_metadata_with_rfc7591_errors) {
  auto d = client();
  auto expect_error = [&](const std::string& body, const std::string& error) {
    auto a = d.post_json("/oauth2/register", json::parse(body).value_or(json{}));
    EXPECT_EQ(a.status, 400u) << body;
    EXPECT_EQ(a.json()["error"].as_string(), error) << body << " → " << a.body;
  };
  expect_error(R"({"redirect_uris":["http://app.example.com/cb"],"token_endpoint_auth_method":"none"})", "invalid_redirect_uri");
  expect_error(R"({"redirect_uris":["https://app.example.com/cb#frag"],"token_endpoint_auth_method":"none"})", "invalid_redirect_uri");
  expect_error(R"({"redirect_uris":[],"token_endpoint_auth_method":"none"})", "invalid_redirect_uri");
  expect_error(R"({"client_name":"x"})", "invalid_redirect_uri");
  expect_error(R"({"redirect_uris":["https://a.example/cb"],"grant_types":["implicit"]})", "invalid_client_metadata");
  expect_error(R"({"redirect_uris":["https://a.example/cb"],"response_types":["token"]})", "invalid_client_metadata");
  expect_error(R"({"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"private_key_jwt"})",
               "invalid_client_metadata");
  expect_error(R"({"redirect_uris":["https://a.example/cb"],"client_name":42})", "invalid_client_metadata");
  auto raw = over_http(iss, "POST", "/oauth2/register", {{"Content-Type", "application/json"}}, "{not json");
  EXPECT_EQ(raw.status, 400u);
  EXPECT_EQ(raw.json()["error"].as_string(), "invalid_client_metadata");
  // Loopback http redirect URIs are fine for native apps.
  EXPECT_EQ(d.register_client("http://localhost:1234/cb").status, 201u);
  EXPECT_EQ(d.register_client("http://[::1]/cb").status, 201u);
}

// ----- authorize refusals -----------------------------------------------------------------------------

TEST_F(oauth_http, untrusted_client_or_redirect_gets_an_html_page_never_a_redirect) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  for (const auto& target : {d.authorize_target("client_01UNKNOWN", callback, p),
                             d.authorize_target(id, "http://127.0.0.1:43999/other", p),
                             d.authorize_target(id, "https://evil.example/callback", p),
                             d.authorize_target(id, callback, p, {{"-redirect_uri", ""}}),
                             d.authorize_target("", callback, p)}) {
    auto a = d.get(target);
    EXPECT_EQ(a.status, 400u) << target;
    EXPECT_FALSE(a.header("Location")) << target;
    EXPECT_EQ(a.header("Content-Type").value_or("").rfind("text/html", 0), 0u);
    EXPECT_EQ(a.header("X-Frame-Options").value_or(""), "DENY");
  }
}

TEST_F(oauth_http, later_refusals_redirect_with_error_state_and_iss) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto expect_redirect_error = [&](const headers& overrides, const std::string& error) {
    auto a = d.get(d.authorize_target(id, callback, p, overrides));
    ASSERT_EQ(a.status, 302u) << a.body;
    EXPECT_EQ(a.header("Location").value_or("").rfind(std::string{callback} + "?", 0), 0u);
    auto q = a.redirect_params();
    EXPECT_EQ(q["error"], error) << q["error_description"];
    EXPECT_FALSE(q["error_description"].empty());
    EXPECT_EQ(q["state"], "st-123");
    EXPECT_EQ(q["iss"], iss);
    EXPECT_EQ(q.count("code"), 0u);
  };
  expect_redirect_error({{"-code_challenge", ""}}, "invalid_request");
  expect_redirect_error({{"-code_challenge_method", ""}}, "invalid_request");
  expect_redirect_error({{"code_challenge_method", "plain"}}, "invalid_request");
  expect_redirect_error({{"code_challenge", "short"}}, "invalid_request");
  expect_redirect_error({{"-resource", ""}}, "invalid_target");
  expect_redirect_error({{"resource", "https://elsewhere.example/mcp"}}, "invalid_target");
  expect_redirect_error({{"scope", "mcp admin:everything"}}, "invalid_scope");
  expect_redirect_error({{"response_type", "token"}}, "unsupported_response_type");
  expect_redirect_error({{"+scope", "mcp"}}, "invalid_request");  // a parameter sent twice
}

TEST_F(oauth_http, loopback_redirect_uris_match_on_any_port) {
  auto d = client();
  auto id = register_public(d, "http://127.0.0.1:1234/cb");
  auto p = pkce::make();
  auto page = d.get(d.authorize_target(id, "http://127.0.0.1:5555/cb", p));
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("id=\"sign-in\""), std::string::npos);
  EXPECT_EQ(d.get(d.authorize_target(id, "http://127.0.0.1:5555/other", p)).status, 400u);
  EXPECT_EQ(d.get(d.authorize_target(id, "http://localhost:5555/cb", p)).status, 400u) << "another host";
}

// ----- the browser flow -------------------------------------------------------------------------------

TEST_F(oauth_http, sign_in_then_consent_then_code_then_verified_token) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();

  auto page = d.get(d.authorize_target(id, callback, p));
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_EQ(page.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(page.header("Referrer-Policy").value_or(""), "no-referrer");
  EXPECT_EQ(page.header("Content-Security-Policy").value_or(""),
            "frame-ancestors 'none'; default-src 'none'; style-src 'unsafe-inline'; form-action 'self' "
            "http://127.0.0.1:43999");
  EXPECT_NE(page.body.find("name=\"email\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"password\""), std::string::npos);
  EXPECT_NE(page.body.find("autocomplete=\"current-password\""), std::string::npos);
  EXPECT_NE(page.body.find("<button type=\"submit\" id=\"sign-in\">Sign in</button>"), std::string::npos);
  auto request = page.hidden("request");
  ASSERT_FALSE(request.empty());

  // Wrong password, unknown email and a member without a password all read the same.
  for (auto [who, pw] : {std::pair{email, "wrong"}, std::pair{"nobody@example.com", password},
                         std::pair{"nopw@example.com", ""}}) {
    auto again = d.sign_in(request, who, pw);
    EXPECT_EQ(again.status, 200u);
    EXPECT_NE(again.body.find("Incorrect email or password."), std::string::npos) << who;
    EXPECT_FALSE(again.header("Set-Cookie")) << who;
    EXPECT_EQ(again.body.find("id=\"approve\""), std::string::npos);
  }

  auto foreign = d.post_form("/oauth2/sign-in", {{"request", request}, {"email", email}, {"password", password}},
                             {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403u) << "a sign-in form posted from another site";
  EXPECT_FALSE(foreign.header("Set-Cookie"));

  auto consent = d.sign_in(request, "DEV@example.com", password);  // emails compare case-insensitively
  ASSERT_EQ(consent.status, 200u) << consent.body;
  auto set_cookie = consent.header("Set-Cookie").value_or("");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(set_cookie.find("Path=/oauth2"), std::string::npos);
  EXPECT_EQ(consent.header("X-Frame-Options").value_or(""), "DENY");
  for (auto text : {"Test client", "127.0.0.1:43999", "Demo Team", email, resource.c_str(),
                    "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Allow access</button>",
                    "name=\"decision\" value=\"deny\" id=\"deny\""})
    EXPECT_NE(consent.body.find(text), std::string::npos) << text;
  ASSERT_FALSE(consent.hidden("csrf_token").empty());

  // CSRF: a missing or wrong token, no cookie, or another site's Origin are refused.
  auto post = [&](const std::string& csrf, headers h = {}) {
    return d.post_form("/oauth2/consent", {{"request", request}, {"csrf_token", csrf}, {"decision", "approve"}}, h);
  };
  EXPECT_EQ(post("").status, 403u);
  EXPECT_EQ(post("csrf_EMUSECRETforged").status, 403u);
  EXPECT_EQ(post(consent.hidden("csrf_token"), {{"Origin", "https://evil.example"}}).status, 403u);
  EXPECT_EQ(post(consent.hidden("csrf_token"), {{"Origin", "null"}, {"Sec-Fetch-Site", "cross-site"}}).status, 403u);
  {
    auto jar = d.cookie;
    d.cookie.clear();
    EXPECT_EQ(post(consent.hidden("csrf_token")).status, 403u);
    // Another browser's sign-in does not open this browser's request, even with its token.
    auto other = client();
    other.sign_in(other.get(other.authorize_target(id, callback, pkce::make())).hidden("request"), email, password);
    ASSERT_FALSE(other.cookie.empty());
    d.cookie = other.cookie;
    EXPECT_EQ(post(consent.hidden("csrf_token")).status, 403u);
    d.cookie = jar;
  }

  // What Chromium sends from a no-referrer page (observed): Origin null, Sec-Fetch-Site same-origin.
  auto done = d.consent(consent, "approve", {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}});
  ASSERT_EQ(done.status, 302u) << done.body;
  auto q = done.redirect_params();
  EXPECT_EQ(q["state"], "st-123");
  EXPECT_EQ(q["iss"], iss);
  ASSERT_FALSE(q["code"].empty());
  EXPECT_EQ(d.consent(consent, "approve").status, 400u) << "one decision per request";

  // Token endpoint refusals that leave the code usable.
  auto bad_verifier = d.exchange(q["code"], id, callback, pkce::make().verifier);
  EXPECT_EQ(bad_verifier.status, 400u);
  EXPECT_EQ(bad_verifier.json()["error"].as_string(), "invalid_grant");
  auto bad_redirect = d.exchange(q["code"], id, "http://127.0.0.1:43999/other", p.verifier);
  EXPECT_EQ(bad_redirect.json()["error"].as_string(), "invalid_grant");
  auto bad_resource = d.exchange(q["code"], id, callback, p.verifier, {{"resource", "https://x.example/mcp"}});
  EXPECT_EQ(bad_resource.json()["error"].as_string(), "invalid_target");
  auto other_client = register_public(d);
  EXPECT_EQ(d.exchange(q["code"], other_client, callback, p.verifier).json()["error"].as_string(), "invalid_grant");

  auto tok = d.exchange(q["code"], id, callback, p.verifier);
  ASSERT_EQ(tok.status, 200u) << tok.body;
  EXPECT_EQ(tok.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(tok.header("Pragma").value_or(""), "no-cache");
  auto t = tok.json();
  EXPECT_EQ(t["token_type"].as_string(), "Bearer");
  EXPECT_EQ(t["expires_in"].as_int(), 3600);
  EXPECT_EQ(t["scope"].as_string(), "mcp");
  EXPECT_FALSE(t["refresh_token"].as_string().empty());
  EXPECT_FALSE(t.contains("id_token")) << "no openid scope, no ID token";

  auto v = verify(d, t["access_token"].as_string());
  ASSERT_TRUE(v.has_value()) << auth::to_string(v.error().code) << ": " << v.error().message;
  EXPECT_EQ(v->issuer, iss);
  EXPECT_EQ(v->subject, "user_01DEV");
  EXPECT_EQ(v->audience, std::vector<std::string>{resource});
  EXPECT_EQ(v->client_id, id);
  EXPECT_FALSE(v->session_id.empty());
  EXPECT_FALSE(v->jti.empty());
  EXPECT_TRUE(v->has_scope("mcp"));
  ASSERT_TRUE(v->issued_at);
  EXPECT_EQ(v->expires_at - *v->issued_at, std::chrono::seconds{3600});

  // A second use of the code fails and revokes what the first use issued.
  auto replay = d.exchange(q["code"], id, callback, p.verifier);
  EXPECT_EQ(replay.status, 400u);
  EXPECT_EQ(replay.json()["error"].as_string(), "invalid_grant");
  auto after = d.refresh(t["refresh_token"].as_string(), id);
  EXPECT_EQ(after.status, 400u);
  EXPECT_EQ(after.json()["error"].as_string(), "invalid_grant") << "the family was revoked by the replay";
}

TEST_F(oauth_http, a_signed_in_browser_goes_straight_to_consent) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto first = d.approve(id, callback, p, email, password);
  ASSERT_FALSE(first["code"].empty());
  ASSERT_FALSE(d.cookie.empty());
  auto page = d.get(d.authorize_target(id, callback, pkce::make()));
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("id=\"approve\""), std::string::npos);
  EXPECT_EQ(page.body.find("id=\"sign-in\""), std::string::npos);
  // Another browser (no cookie) must sign in.
  d.cookie.clear();
  EXPECT_NE(d.get(d.authorize_target(id, callback, pkce::make())).body.find("id=\"sign-in\""), std::string::npos);
}

TEST_F(oauth_http, deny_sends_access_denied_with_state_and_iss) {
  auto d = client();
  auto id = register_public(d);
  auto page = d.get(d.authorize_target(id, callback, pkce::make(), {{"state", "deny-state"}}));
  auto consent = d.sign_in(page.hidden("request"), email, password);
  auto a = d.consent(consent, "deny");
  ASSERT_EQ(a.status, 302u);
  auto q = a.redirect_params();
  EXPECT_EQ(q["error"], "access_denied");
  EXPECT_EQ(q["state"], "deny-state");
  EXPECT_EQ(q["iss"], iss);
  EXPECT_EQ(q.count("code"), 0u);
}

TEST_F(oauth_http, scope_defaults_to_mcp_and_openid_adds_an_id_token) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto q = d.approve(id, callback, p, email, password, {{"-scope", ""}});
  auto t = d.exchange(q["code"], id, callback, p.verifier).json();
  EXPECT_EQ(t["scope"].as_string(), "mcp");

  auto p2 = pkce::make();
  auto q2 = d.approve(id, callback, p2, email, password, {{"scope", "openid email mcp"}, {"nonce", "n-1"}});
  auto t2 = d.exchange(q2["code"], id, callback, p2.verifier).json();
  EXPECT_EQ(t2["scope"].as_string(), "openid email mcp");
  auto id_token = t2["id_token"].as_string();
  ASSERT_FALSE(id_token.empty());
  auth::verify_options v;
  v.issuer = iss;
  v.audience = id;  // an ID token is for the client
  auto verified = auth::verify(id_token, *jwks(d), v, std::chrono::system_clock::now());
  EXPECT_TRUE(verified.has_value()) << (verified ? "" : verified.error().message);
  EXPECT_NE(control::crypto::from_base64(id_token.substr(id_token.find('.') + 1, id_token.rfind('.') - id_token.find('.') - 1))
                ->find("\"nonce\":\"n-1\""),
            std::string::npos);
}

// ----- refresh ----------------------------------------------------------------------------------------

TEST_F(oauth_http, refresh_tokens_rotate_and_a_reuse_revokes_the_family) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto q = d.approve(id, callback, p, email, password);
  auto t1 = d.exchange(q["code"], id, callback, p.verifier).json();
  auto rt1 = t1["refresh_token"].as_string();

  auto r2 = d.refresh(rt1, id, {{"resource", resource}});
  ASSERT_EQ(r2.status, 200u) << r2.body;
  EXPECT_EQ(r2.header("Cache-Control").value_or(""), "no-store");
  auto rt2 = r2.json()["refresh_token"].as_string();
  EXPECT_NE(rt2, rt1) << "rotation";
  auto v = verify(d, r2.json()["access_token"].as_string());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->session_id, verify(d, t1["access_token"].as_string())->session_id) << "one family, one sid";

  EXPECT_EQ(d.refresh(rt2, id, {{"resource", "https://x.example/mcp"}}).json()["error"].as_string(), "invalid_target");
  EXPECT_EQ(d.refresh(rt2, id, {{"scope", "mcp email"}}).json()["error"].as_string(), "invalid_scope");
  EXPECT_EQ(d.refresh(rt2, "client_01OTHER").status, 401u) << "unknown client";

  auto reuse = d.refresh(rt1, id);
  EXPECT_EQ(reuse.status, 400u);
  EXPECT_EQ(reuse.json()["error"].as_string(), "invalid_grant");
  auto after = d.refresh(rt2, id);
  EXPECT_EQ(after.status, 400u);
  EXPECT_EQ(after.json()["error"].as_string(), "invalid_grant") << "the whole family is revoked";
}

TEST_F(oauth_http, a_removed_member_can_no_longer_refresh) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto q = d.approve(id, callback, p, email, password);
  auto rt = d.exchange(q["code"], id, callback, p.verifier).json()["refresh_token"].as_string();
  svc->set_dashboard_members({});
  EXPECT_EQ(d.refresh(rt, id).json()["error"].as_string(), "invalid_grant");
}

// ----- the token endpoint's own refusals ----------------------------------------------------------------

TEST_F(oauth_http, token_endpoint_errors_follow_rfc6749) {
  auto d = client();
  auto id = register_public(d);
  auto call = [&](const headers& f, headers h = {{"Content-Type", "application/x-www-form-urlencoded"}}) {
    return over_http(iss, "POST", "/oauth2/token", h, form_encode(f));
  };
  EXPECT_EQ(call({{"client_id", id}}).json()["error"].as_string(), "invalid_request");
  EXPECT_EQ(call({{"grant_type", "password"}, {"client_id", id}}).json()["error"].as_string(), "unsupported_grant_type");
  auto unknown = call({{"grant_type", "authorization_code"}, {"client_id", "client_01NOPE"}, {"code", "x"}});
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(unknown.json()["error"].as_string(), "invalid_client");
  EXPECT_TRUE(unknown.header("WWW-Authenticate"));
  EXPECT_EQ(call({{"grant_type", "authorization_code"}, {"client_id", id}, {"code", "nope"}, {"redirect_uri", callback},
                  {"code_verifier", pkce::make().verifier}})
                .json()["error"]
                .as_string(),
            "invalid_grant");
  // JSON bodies are accepted too.
  json b = json::object();
  b.set("grant_type", "refresh_token");
  b.set("refresh_token", "rt_nope");
  b.set("client_id", id);
  auto j = d.post_json("/oauth2/token", b);
  EXPECT_EQ(j.json()["error"].as_string(), "invalid_grant");
  EXPECT_EQ(d.get("/oauth2/token").status, 405u);
}

TEST_F(oauth_http, confidential_clients_must_authenticate) {
  auto d = client();
  auto reg = d.register_client(callback, "client_secret_basic", "Server app").json();
  auto id = reg["client_id"].as_string();
  auto secret = reg["client_secret"].as_string();
  auto p = pkce::make();
  auto q = d.approve(id, callback, p, email, password);

  auto none = d.exchange(q["code"], id, callback, p.verifier);
  EXPECT_EQ(none.status, 401u);
  EXPECT_EQ(none.json()["error"].as_string(), "invalid_client");
  auto wrong = d.exchange(q["code"], id, callback, p.verifier, {{"client_secret", "wos_cs_wrong"}});
  EXPECT_EQ(wrong.status, 401u);
  auto basic = "Basic " + control::crypto::to_base64url(id + ":" + secret);
  auto ok = d.exchange(q["code"], "", callback, p.verifier, {}, {{"Authorization", basic}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  auto rt = ok.json()["refresh_token"].as_string();
  // client_secret_post works as well.
  EXPECT_EQ(d.refresh(rt, id, {{"client_secret", secret}}).status, 200u);
}

// ----- signing keys ------------------------------------------------------------------------------------

TEST_F(oauth_http, rotation_keeps_the_old_kid_published_and_signs_with_the_new_one) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto old_token = d.exchange(d.approve(id, callback, p, email, password)["code"], id, callback, p.verifier)
                       .json()["access_token"]
                       .as_string();
  auto old_kid = verify(d, old_token)->kid;

  auto unauth = over_http(iss, "POST", "/dashboard/oauth/rotate-signing-key", {}, "");
  EXPECT_EQ(unauth.status, 401u) << "dashboard routes need an API key";
  auto rot = over_http(iss, "POST", "/dashboard/oauth/rotate-signing-key", {{"Authorization", "Bearer " + sandbox_key()}}, "");
  ASSERT_EQ(rot.status, 200u) << rot.body;
  auto new_kid = rot.json()["kid"].as_string();
  EXPECT_NE(new_kid, old_kid);

  auto set = jwks(d);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->size(), 2u);
  EXPECT_TRUE(set->find(old_kid));
  EXPECT_TRUE(set->find(new_kid));
  EXPECT_TRUE(verify(d, old_token).has_value()) << "tokens signed before the rotation still verify";

  auto p2 = pkce::make();
  auto new_token = d.exchange(d.approve(id, callback, p2, email, password)["code"], id, callback, p2.verifier)
                       .json()["access_token"]
                       .as_string();
  auto v = verify(d, new_token);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->kid, new_kid);

  // The keys survive a restart; a third key pushes the oldest out (two are kept).
  svc.reset();
  start();
  d = client();
  EXPECT_TRUE(verify(d, new_token).has_value());
  svc->rotate_signing_key();
  auto after = jwks(d);
  EXPECT_EQ(after->size(), 2u);
  EXPECT_FALSE(after->find(old_kid));
  EXPECT_TRUE(after->find(new_kid));
}

// ----- client metadata documents over real HTTP ---------------------------------------------------------

TEST_F(oauth_http, a_loopback_metadata_document_is_fetched_in_dev_mode_only) {
  // The document is served by our own HTTP server on loopback, as a desktop client would.
  std::string base;
  transport::router routes;
  int fetches = 0;
  routes.add("/client.json", [&](transport::request&&, std::shared_ptr<transport::responder> res) {
    ++fetches;
    json doc = json::object();
    doc.set("client_id", base + "/client.json");
    doc.set("client_name", "Loopback CIMD app");
    doc.set("redirect_uris", json{json_array{json{callback}}});
    doc.set("token_endpoint_auth_method", "none");
    auto r = transport::response::json(200, doc.dump());
    r.headers.add("Cache-Control", "max-age=60");
    res->send(std::move(r));
  });
  transport::http_server server(routes, {}, 1);
  auto bound = server.listen({"127.0.0.1", 0, std::nullopt});
  ASSERT_TRUE(bound.error.empty()) << bound.error;
  base = "http://127.0.0.1:" + std::to_string(bound.port);
  server.start();
  auto client_id = base + "/client.json";

  auto d = client();
  auto p = pkce::make();
  auto refused = d.get(d.authorize_target(client_id, callback, p));
  EXPECT_EQ(refused.status, 400u) << "without dev mode an http document is not a client";
  EXPECT_EQ(fetches, 0);

  svc.reset();
  start(/*dev_mode=*/true);
  d = client();
  auto q = d.approve(client_id, callback, p, email, password);
  ASSERT_FALSE(q["code"].empty());
  EXPECT_EQ(fetches, 1) << "fetched once, then cached (max-age=60)";
  auto t = d.exchange(q["code"], client_id, callback, p.verifier);
  ASSERT_EQ(t.status, 200u) << t.body;
  EXPECT_EQ(fetches, 1);
  auto v = verify(d, t.json()["access_token"].as_string());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->client_id, client_id);
  server.stop();
}

TEST_F(oauth_http, an_https_loopback_document_is_fetched_in_dev_mode_with_the_configured_ca) {
  // What an SDK that insists on https client ids (SEP-991) meets locally: the document on
  // https://127.0.0.1, signed by a CA only the emulator is told about.
  test_pki pki;
  ASSERT_TRUE(pki.ok) << "could not make the test certificates";
  std::string base;
  transport::router routes;
  std::atomic<int> fetches{0};
  routes.add("/client.json", [&](transport::request&&, std::shared_ptr<transport::responder> res) {
    ++fetches;
    json doc = json::object();
    doc.set("client_id", base + "/client.json");
    doc.set("client_name", "HTTPS CIMD app");
    doc.set("redirect_uris", json{json_array{json{callback}}});
    doc.set("token_endpoint_auth_method", "none");
    auto r = transport::response::json(200, doc.dump());
    r.headers.add("Cache-Control", "max-age=60");
    res->send(std::move(r));
  });
  transport::http_server server(routes, {}, 1);
  auto bound = server.listen({"127.0.0.1", 0, transport::tls_files{pki.cert_file, pki.key_file}});
  ASSERT_TRUE(bound.error.empty()) << bound.error;
  base = "https://127.0.0.1:" + std::to_string(bound.port);
  server.start();
  auto client_id = base + "/client.json";
  auto p = pkce::make();

  // Dev mode off (the fixture's start), even with the CA: a loopback address is never fetched.
  svc.reset();
  start(/*dev_mode=*/false, pki.ca_file);
  auto d = client();
  auto off = d.get(d.authorize_target(client_id, callback, p));
  EXPECT_EQ(off.status, 400u);
  EXPECT_NE(off.body.find("address not allowed"), std::string::npos) << off.body;
  EXPECT_EQ(fetches.load(), 0);

  // Dev mode without the CA: the system store does not know the test CA, so the TLS handshake
  // fails and nothing is fetched.
  svc.reset();
  start(/*dev_mode=*/true);
  d = client();
  auto untrusted = d.get(d.authorize_target(client_id, callback, p));
  EXPECT_EQ(untrusted.status, 400u);
  EXPECT_NE(untrusted.body.find("certificate verify failed"), std::string::npos) << untrusted.body;
  EXPECT_EQ(fetches.load(), 0);

  // Dev mode with the CA: fetched (once, then cached), signed in, and the token names the URL.
  svc.reset();
  start(/*dev_mode=*/true, pki.ca_file);
  d = client();
  auto q = d.approve(client_id, callback, p, email, password);
  ASSERT_FALSE(q["code"].empty());
  EXPECT_EQ(fetches.load(), 1) << "fetched once, then cached (max-age=60)";
  auto t = d.exchange(q["code"], client_id, callback, p.verifier);
  ASSERT_EQ(t.status, 200u) << t.body;
  auto v = verify(d, t.json()["access_token"].as_string());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->client_id, client_id);
  server.stop();
}

}  // namespace
