// tests/emulator_core/oauth_units_test.cpp — the authorization server's pieces without a network:
// URL and redirect rules, client metadata documents behind a fake fetcher (validation, caching,
// the SSRF guard), signing keys, and the server object driven directly with a fake clock for what
// depends on time (code and refresh-token expiry, retiring an old signing key).
#include <gtest/gtest.h>

#include <filesystem>

#include "auth/jwks.hpp"
#include "auth/jwt.hpp"
#include "control/crypto.hpp"
#include "emulator/oauth/authorization_server.hpp"
#include "emulator/oauth/client_metadata.hpp"
#include "emulator/oauth/pages.hpp"
#include "emulator/oauth/signing_keys.hpp"
#include "emulator/oauth/url.hpp"
#include "tests/emulator_core/oauth_driver.hpp"

namespace {

using namespace emulator::oauth;
using emulator::json;
using emulator::with_query;
using oauth_test::answer;
using oauth_test::headers;
using oauth_test::pkce;

// ----- URLs ---------------------------------------------------------------------------------------------

TEST(oauth_url, parses_what_clients_send_and_refuses_the_rest) {
  auto p = parse_url("HTTPS://User@App.Example.com:8443/cb?x=1#frag");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->scheme, "https");
  EXPECT_EQ(p->host, "app.example.com");
  EXPECT_EQ(p->port, "8443");
  EXPECT_EQ(p->path, "/cb");
  EXPECT_EQ(p->query, "x=1");
  EXPECT_TRUE(p->has_fragment);
  EXPECT_TRUE(p->has_userinfo);
  auto v6 = parse_url("http://[::1]:9/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, "9");
  for (auto bad : {"", "/relative", "mailto:a@b", "https://", "https://a b/", "https://a\\b/", "http://h:99999/",
                   "http://h:12a/", "http://[::1/"})
    EXPECT_FALSE(parse_url(bad)) << bad;
}

TEST(oauth_url, redirect_uri_rules) {
  EXPECT_FALSE(redirect_uri_problem("https://app.example.com/cb"));
  EXPECT_FALSE(redirect_uri_problem("http://127.0.0.1:3000/cb"));
  EXPECT_FALSE(redirect_uri_problem("http://localhost/cb"));
  EXPECT_FALSE(redirect_uri_problem("http://[::1]:8/cb"));
  EXPECT_TRUE(redirect_uri_problem("http://app.example.com/cb"));
  EXPECT_TRUE(redirect_uri_problem("http://127.0.0.2/cb")) << "only the RFC 8252 loopback names";
  EXPECT_TRUE(redirect_uri_problem("https://app.example.com/cb#x"));
  EXPECT_TRUE(redirect_uri_problem("https://user:pw@app.example.com/cb"));
  EXPECT_TRUE(redirect_uri_problem("javascript://app.example.com/%0aalert(1)"));

  EXPECT_TRUE(redirect_uri_matches("https://a.example/cb", "https://a.example/cb"));
  EXPECT_FALSE(redirect_uri_matches("https://a.example/cb", "https://a.example/cb/"));
  EXPECT_FALSE(redirect_uri_matches("https://a.example:443/cb", "https://a.example:444/cb")) << "no port freedom for https";
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1:1/cb", "http://127.0.0.1:65000/cb"));
  EXPECT_TRUE(redirect_uri_matches("http://127.0.0.1/cb?a=1", "http://127.0.0.1:5/cb?a=1"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:1/cb", "http://127.0.0.1:1/cb2"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:1/cb", "http://localhost:1/cb"));
  EXPECT_FALSE(redirect_uri_matches("http://127.0.0.1:1/cb", "http://127.0.0.1:2/cb#f"));
}

TEST(oauth_url, forms_and_cookies) {
  auto f = parse_form("a=1&b=x+y%21&&c&a=2");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[1].second, "x y!");
  EXPECT_EQ(f[2].first, "c");
  EXPECT_EQ(with_query("https://a.example/cb?x=1#frag", {{"code", "a b&c"}}), "https://a.example/cb?x=1&code=a%20b%26c#frag");
  EXPECT_EQ(cookie_value("a=1; workos_emulator_session=abc ; b=2", "workos_emulator_session"), "abc");
  EXPECT_FALSE(cookie_value("xworkos_emulator_session=abc", "workos_emulator_session"));
  EXPECT_EQ(origin_of("http://127.0.0.1:5/cb?x"), "http://127.0.0.1:5");
}

TEST(oauth_pages, escape_everything_a_client_controls) {
  pages::consent_view v;
  v.client_name = "<script>alert('x')</script>";
  v.client_id = "client_1";
  v.resource = "\"><img>";
  auto html = pages::consent(v);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("\"><img>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)"), std::string::npos);
}

// ----- client metadata documents ------------------------------------------------------------------------

constexpr const char* doc_url = "https://app.example.com/oauth/client.json";

std::string document(const std::string& client_id = doc_url, const std::string& extra = {}) {
  return R"({"client_id":")" + client_id +
         R"(","client_name":"Example app","redirect_uris":["http://127.0.0.1:7777/cb"],"token_endpoint_auth_method":"none")" +
         extra + "}";
}

TEST(oauth_client_metadata, client_id_urls) {
  EXPECT_FALSE(metadata_url_problem(doc_url, false));
  EXPECT_TRUE(metadata_url_problem("https://app.example.com", false)) << "needs a path";
  EXPECT_TRUE(metadata_url_problem("https://app.example.com/", false));
  EXPECT_TRUE(metadata_url_problem("https://app.example.com/a/../client.json", false));
  EXPECT_TRUE(metadata_url_problem("https://app.example.com/./client.json", false));
  EXPECT_TRUE(metadata_url_problem("https://app.example.com/client.json#x", false));
  EXPECT_TRUE(metadata_url_problem("https://u:p@app.example.com/client.json", false));
  EXPECT_TRUE(metadata_url_problem("http://127.0.0.1:9/client.json", false));
  EXPECT_FALSE(metadata_url_problem("http://127.0.0.1:9/client.json", true)) << "dev mode";
  EXPECT_TRUE(metadata_url_problem("http://app.example.com/client.json", true)) << "dev mode is loopback only";
  for (auto https_loopback : {"https://127.0.0.1:9/client.json", "https://[::1]:9/client.json", "https://localhost:9/c.json"})
    for (bool dev : {false, true})
      EXPECT_FALSE(metadata_url_problem(https_loopback, dev))
          << https_loopback << ": an https URL is well-formed; the address guard decides (dev mode only)";
  EXPECT_TRUE(is_metadata_url("https://127.0.0.1:9/client.json", false));
  EXPECT_TRUE(is_metadata_url(doc_url, false));
  EXPECT_FALSE(is_metadata_url("client_01ABC", true));
  EXPECT_FALSE(is_metadata_url("http://127.0.0.1/c.json", false));
}

TEST(oauth_client_metadata, documents_are_validated) {
  auto ok = parse_metadata_document(doc_url, document());
  ASSERT_TRUE(ok.has_value()) << ok.error();
  EXPECT_EQ(ok->client_name, "Example app");
  EXPECT_TRUE(ok->is_public());
  EXPECT_TRUE(ok->allows_grant("refresh_token"));
  EXPECT_TRUE(ok->from_metadata_document);

  EXPECT_FALSE(parse_metadata_document(doc_url, document("https://app.example.com/other.json")));
  EXPECT_FALSE(parse_metadata_document(doc_url, document(std::string{doc_url} + "/")));
  EXPECT_FALSE(parse_metadata_document(doc_url, R"({"client_id":")" + std::string{doc_url} + R"("})")) << "no redirect_uris";
  EXPECT_FALSE(parse_metadata_document(doc_url, document(doc_url, R"(,"client_secret":"s")")));
  EXPECT_FALSE(parse_metadata_document(
      doc_url, R"({"client_id":")" + std::string{doc_url} +
                   R"(","redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"client_secret_basic"})"));
  EXPECT_FALSE(parse_metadata_document(
      doc_url, R"({"client_id":")" + std::string{doc_url} + R"(","redirect_uris":["http://evil.example/cb"]})"));
  EXPECT_FALSE(parse_metadata_document(doc_url, document(doc_url, R"(,"grant_types":["client_credentials"])")));
  EXPECT_FALSE(parse_metadata_document(doc_url, "[1,2]"));
  EXPECT_FALSE(parse_metadata_document(doc_url, "not json"));
}

TEST(oauth_client_metadata, cache_lifetime_from_cache_control) {
  using std::chrono::seconds;
  EXPECT_EQ(metadata_cache_lifetime(std::nullopt), seconds{300});
  EXPECT_EQ(metadata_cache_lifetime("public, max-age=60"), seconds{60});
  EXPECT_EQ(metadata_cache_lifetime("max-age=99999999999999"), seconds{86400}) << "capped at 24 h";
  EXPECT_EQ(metadata_cache_lifetime("no-store"), seconds{0});
  EXPECT_EQ(metadata_cache_lifetime("private"), seconds{300});
}

TEST(oauth_client_metadata, address_policy_refuses_internal_addresses) {
  auto allowed = [](const std::string& ip, bool dev) {
    bool loopback = ip.rfind("127.", 0) == 0 || ip == "::1";
    return address_policy(loopback, transport::is_private_or_reserved(ip), dev);
  };
  EXPECT_TRUE(allowed("93.184.216.34", false));
  EXPECT_TRUE(allowed("2606:2800:220:1:248:1893:25c8:1946", false));
  for (auto ip : {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1", "fd00::1",
                  "224.0.0.1", "0.0.0.0", "::", "100.64.0.1", "::ffff:10.0.0.1"})
    EXPECT_FALSE(allowed(ip, false)) << ip;
  EXPECT_TRUE(allowed("127.0.0.1", true)) << "dev mode reaches loopback";
  EXPECT_FALSE(allowed("10.1.2.3", true)) << "but never private networks";
}

// A fake network: every fetch "resolves" the host to `address` and asks the guard about it first,
// as transport::fetch does.
struct fake_network {
  std::string address = "93.184.216.34";
  unsigned status = 200;
  std::string body = document();
  std::vector<std::pair<std::string, std::string>> response_headers;
  int calls = 0;
  int connects = 0;
  transport::client_request last_request;
  transport::client_options last_options;

  fetch_function fetcher() {
    return [this](const transport::client_request& req, const transport::client_options& opts)
               -> mcp::result<transport::client_response, std::string> {
      ++calls;
      last_request = req;
      last_options = opts;
      bool loopback = address.rfind("127.", 0) == 0 || address == "::1";
      if (opts.address_allowed && !opts.address_allowed(address, loopback, transport::is_private_or_reserved(address)))
        return std::string{"no allowed address for the host"};
      ++connects;
      transport::client_response r;
      r.status = status;
      r.headers = response_headers;
      r.body = body;
      return r;
    };
  }
};

TEST(oauth_client_metadata, fetch_is_bounded_and_guarded) {
  fake_network net;
  metadata_documents docs(net.fetcher(), false);
  auto now = std::chrono::system_clock::now();
  auto c = docs.resolve(doc_url, now);
  ASSERT_TRUE(c.has_value()) << c.error();
  EXPECT_EQ(c->client_name, "Example app");
  EXPECT_EQ(net.last_request.method, "GET");
  EXPECT_EQ(net.last_request.url, doc_url);
  ASSERT_FALSE(net.last_request.headers.empty());
  EXPECT_EQ(net.last_request.headers[0], (std::pair<std::string, std::string>{"Accept", "application/json"}));
  EXPECT_LE(net.last_options.total_timeout, std::chrono::milliseconds{5000});
  EXPECT_FALSE(net.last_options.allow_http);
  EXPECT_TRUE(net.last_options.address_allowed);

  for (auto internal : {"10.0.0.5", "169.254.169.254", "127.0.0.1", "100.64.1.1", "fd12::1"}) {
    fake_network evil;
    evil.address = internal;
    metadata_documents guarded(evil.fetcher(), false);
    EXPECT_FALSE(guarded.resolve(doc_url, now).has_value()) << internal;
    EXPECT_EQ(evil.connects, 0) << internal;
  }
}

TEST(oauth_client_metadata, https_loopback_documents_need_dev_mode_and_use_the_given_ca) {
  const std::string url = "https://127.0.0.1:8443/client.json";
  const std::string ca = "/tmp/some-test-ca.pem";
  auto now = std::chrono::system_clock::now();
  fake_network dev_net;
  dev_net.address = "127.0.0.1";
  dev_net.body = document(url);
  auto c = metadata_documents(dev_net.fetcher(), true, ca).resolve(url, now);
  ASSERT_TRUE(c.has_value()) << c.error();
  EXPECT_EQ(c->client_id, url);
  EXPECT_EQ(dev_net.last_options.ca_file, ca) << "the fetch trusts the configured CA bundle";

  fake_network prod_net;
  prod_net.address = "127.0.0.1";
  prod_net.body = document(url);
  EXPECT_FALSE(metadata_documents(prod_net.fetcher(), false, ca).resolve(url, now).has_value());
  EXPECT_EQ(prod_net.calls, 1);
  EXPECT_EQ(prod_net.connects, 0) << "without dev mode the loopback address is refused before connecting";

  fake_network system_store;
  ASSERT_TRUE(metadata_documents(system_store.fetcher(), false).resolve(doc_url, now).has_value());
  EXPECT_EQ(system_store.last_options.ca_file, "") << "no CA given: the system store";
}

TEST(oauth_client_metadata, bad_answers_are_refused) {
  auto now = std::chrono::system_clock::now();
  fake_network redirect;
  redirect.status = 302;
  redirect.response_headers = {{"Location", "https://elsewhere.example/c.json"}};
  EXPECT_FALSE(metadata_documents(redirect.fetcher(), false).resolve(doc_url, now).has_value());
  fake_network huge;
  huge.body = document(doc_url, R"(,"x":")" + std::string(70 * 1024, 'a') + "\"");
  EXPECT_FALSE(metadata_documents(huge.fetcher(), false).resolve(doc_url, now).has_value());
  fake_network mismatch;
  mismatch.body = document("https://app.example.com/impostor.json");
  EXPECT_FALSE(metadata_documents(mismatch.fetcher(), false).resolve(doc_url, now).has_value());
  fake_network http_doc;
  EXPECT_FALSE(metadata_documents(http_doc.fetcher(), false).resolve("http://app.example.com/c.json", now).has_value());
  EXPECT_EQ(http_doc.calls, 0) << "refused before any fetch";
}

TEST(oauth_client_metadata, documents_are_cached_per_max_age) {
  fake_network net;
  net.response_headers = {{"Cache-Control", "max-age=120"}};
  metadata_documents docs(net.fetcher(), false);
  auto t0 = std::chrono::system_clock::now();
  ASSERT_TRUE(docs.resolve(doc_url, t0).has_value());
  ASSERT_TRUE(docs.resolve(doc_url, t0 + std::chrono::seconds{119}).has_value());
  EXPECT_EQ(net.calls, 1);
  ASSERT_TRUE(docs.resolve(doc_url, t0 + std::chrono::seconds{121}).has_value());
  EXPECT_EQ(net.calls, 2);

  fake_network no_store;
  no_store.response_headers = {{"Cache-Control", "no-store"}};
  metadata_documents uncached(no_store.fetcher(), false);
  uncached.resolve(doc_url, t0);
  uncached.resolve(doc_url, t0);
  EXPECT_EQ(no_store.calls, 2);
}

// ----- signing keys ----------------------------------------------------------------------------------------

TEST(oauth_keys, a_ring_round_trips_through_the_store_format_and_rotates) {
  auto ring = key_ring::fresh(1000);
  ASSERT_TRUE(ring.has_value()) << ring.error().message;
  auto again = key_ring::from_json(ring->to_json());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->signing().kid, ring->signing().kid);

  auto rotated = ring->rotated(2000);
  ASSERT_TRUE(rotated.has_value());
  ASSERT_EQ(rotated->keys().size(), 2u);
  EXPECT_NE(rotated->signing().kid, ring->signing().kid);
  EXPECT_EQ(rotated->keys()[1].retired_at, 2000);
  EXPECT_EQ(rotated->pruned(2000 + 3659, 3660).keys().size(), 2u);
  EXPECT_EQ(rotated->pruned(2000 + 3660, 3660).keys().size(), 1u) << "gone once its tokens expired";

  auto set = auth::jwk_set::parse(rotated->jwks());
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ((*set)->size(), 2u);
  EXPECT_FALSE(key_ring::from_json(json::parse(R"({"keys":[{"pem":"garbage"}]})").value()).has_value());
}

// ----- the server object with a fake clock -------------------------------------------------------------------

class oauth_direct : public ::testing::Test {
 protected:
  std::string dir;
  std::unique_ptr<emulator::store> db;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  fake_network net;
  std::unique_ptr<authorization_server> as;
  std::string resource = "https://mcp.example.com/mcp";
  std::string issuer = "https://auth.example.com";
  const std::string redirect = "http://127.0.0.1:7777/cb";

  oauth_direct() {
    char tmpl[] = "/tmp/workos-emulator-oauth-unit-XXXXXX";
    dir = mkdtemp(tmpl);
    std::string err;
    db = emulator::store::open(dir + "/e.db", err);
    authorization_server::config cfg;
    cfg.options.resources = {resource};
    cfg.options.access_token_ttl = std::chrono::hours(5);  // more than the cap: must be clamped
    cfg.fetch = net.fetcher();
    cfg.clock = [this] { return now; };
    as = std::make_unique<authorization_server>(*db, cfg);
    as->set_issuer(issuer);
    as->set_members({{"user_01", "a@example.com", "A", "Team A", *control::crypto::hash_password("pw", 1000)}});
  }
  ~oauth_direct() override {
    as.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }

  oauth_test::driver client() {
    return oauth_test::driver(
        [this](const std::string& method, const std::string& target, const headers& h, const std::string& body) {
          transport::request req;
          req.method = method;
          req.target = target;
          auto q = target.find('?');
          req.path = target.substr(0, q);
          req.query = q == std::string::npos ? "" : target.substr(q + 1);
          for (const auto& [k, v] : h) req.headers.add(k, v);
          req.body = body;
          auto r = as->handle(req);
          return answer{r.status, r.headers.items(), r.body};
        },
        resource);
  }

  std::string register_public(oauth_test::driver& d) { return d.register_client(redirect).json()["client_id"].as_string(); }
};

TEST_F(oauth_direct, codes_expire_after_sixty_seconds) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto q = d.approve(id, redirect, p, "a@example.com", "pw");
  now += std::chrono::seconds{61};
  auto late = d.exchange(q["code"], id, redirect, p.verifier);
  EXPECT_EQ(late.json()["error"].as_string(), "invalid_grant") << late.body;

  auto p2 = pkce::make();
  auto q2 = d.approve(id, redirect, p2, "a@example.com", "pw");
  now += std::chrono::seconds{59};
  EXPECT_EQ(d.exchange(q2["code"], id, redirect, p2.verifier).status, 200u);
}

TEST_F(oauth_direct, access_tokens_never_live_longer_than_an_hour) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto t = d.exchange(d.approve(id, redirect, p, "a@example.com", "pw")["code"], id, redirect, p.verifier).json();
  EXPECT_EQ(t["expires_in"].as_int(), 3600);
  auth::verify_options v;
  v.issuer = issuer;
  v.audience = resource;
  v.require_at_jwt_typ = true;
  v.require_rfc9068_claims = true;
  auto keys = auth::jwk_set::parse(as->jwks());
  ASSERT_TRUE(keys.has_value());
  EXPECT_TRUE(auth::verify(t["access_token"].as_string(), **keys, v, now).has_value());
  auto expired = auth::verify(t["access_token"].as_string(), **keys, v, now + std::chrono::seconds{3600 + 61});
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code, auth::verify_error::expired);
}

TEST_F(oauth_direct, refresh_tokens_expire_after_thirty_days) {
  auto d = client();
  auto id = register_public(d);
  auto p = pkce::make();
  auto rt = d.exchange(d.approve(id, redirect, p, "a@example.com", "pw")["code"], id, redirect, p.verifier)
                .json()["refresh_token"]
                .as_string();
  now += std::chrono::hours(24 * 29);
  auto rt2 = d.refresh(rt, id).json()["refresh_token"].as_string();
  ASSERT_FALSE(rt2.empty()) << "a rotated token gets a fresh 30 days";
  now += std::chrono::hours(24 * 30) + std::chrono::seconds{1};
  EXPECT_EQ(d.refresh(rt2, id).json()["error"].as_string(), "invalid_grant");
}

TEST_F(oauth_direct, pending_requests_expire) {
  auto d = client();
  auto id = register_public(d);
  auto page = d.get(d.authorize_target(id, redirect, pkce::make()));
  now += std::chrono::minutes(11);
  auto late = d.sign_in(page.hidden("request"), "a@example.com", "pw");
  EXPECT_EQ(late.status, 400u);
  EXPECT_FALSE(late.header("Set-Cookie"));
}

TEST_F(oauth_direct, a_retired_key_leaves_the_jwks_once_its_tokens_expired) {
  auto first = auth::jwk_set::parse(as->jwks());
  ASSERT_TRUE(first.has_value());
  auto old_kid = std::string{(*first)->keys()[0].kid()};
  auto kid = as->rotate_signing_key();
  ASSERT_TRUE(kid.has_value());
  EXPECT_TRUE((*auth::jwk_set::parse(as->jwks()))->find(old_kid));
  now += std::chrono::seconds{3600 + 61};
  auto later = auth::jwk_set::parse(as->jwks());
  ASSERT_TRUE(later.has_value());
  EXPECT_FALSE((*later)->find(old_kid));
  EXPECT_TRUE((*later)->find(*kid));
}

TEST_F(oauth_direct, metadata_document_clients_through_the_authorize_endpoint) {
  auto d = client();
  auto p = pkce::make();
  // A valid document: the sign-in page names the document's client.
  auto page = d.get(d.authorize_target(doc_url, "http://127.0.0.1:7777/cb", p));
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_NE(page.body.find("Example app"), std::string::npos);
  auto consent = d.sign_in(page.hidden("request"), "a@example.com", "pw");
  EXPECT_NE(consent.body.find("This application runs on your own computer"), std::string::npos)
      << "a loopback redirect is pointed out";
  auto q = d.consent(consent, "approve").redirect_params();
  auto t = d.exchange(q["code"], doc_url, "http://127.0.0.1:7777/cb", p.verifier);
  EXPECT_EQ(t.status, 200u) << t.body;

  // A redirect URI the document does not list, a document naming another client, a document on a
  // private address: all an HTML 400, never a redirect.
  auto other = d.get(d.authorize_target(doc_url, "http://127.0.0.1:7777/elsewhere", p));
  EXPECT_EQ(other.status, 400u);
  EXPECT_FALSE(other.header("Location"));
  const std::string fresh_url = "https://app.example.com/oauth/other.json";
  net.body = document("https://app.example.com/oauth/client.json");
  auto mismatch = d.get(d.authorize_target(fresh_url, "http://127.0.0.1:7777/cb", p));
  EXPECT_EQ(mismatch.status, 400u);
  EXPECT_FALSE(mismatch.header("Location"));
  const std::string private_url = "https://intranet.example.com/client.json";
  net.body = document(private_url);
  net.address = "10.0.0.7";
  auto internal = d.get(d.authorize_target(private_url, "http://127.0.0.1:7777/cb", p));
  EXPECT_EQ(internal.status, 400u);
  EXPECT_FALSE(internal.header("Location"));
}

TEST_F(oauth_direct, registered_clients_survive_in_the_store) {
  auto d = client();
  auto id = register_public(d);
  as.reset();
  authorization_server::config cfg;
  cfg.options.resources = {resource};
  cfg.clock = [this] { return now; };
  as = std::make_unique<authorization_server>(*db, cfg);
  as->set_issuer(issuer);
  EXPECT_EQ(d.get(d.authorize_target(id, redirect, pkce::make())).status, 200u);
  EXPECT_EQ(d.get(d.authorize_target("client_01NOTREGISTERED", redirect, pkce::make())).status, 400u);
}

}  // namespace
