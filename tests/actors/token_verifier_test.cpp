// tests/actors/token_verifier_test.cpp — the token verifier and its JWKS cache actor on CAF's
// deterministic test coordinator.
//
// The authorization server is a fake fetch function (a table of URL → response, recording every
// call), so the test decides what each fetch returns. Two clocks move only when the test says so:
// the wall clock the verifier reads for token validity (`now`), and the coordinator's clock that
// fires the actor's timers (refresh, retry, refetch window) — advance() moves both.
#include "actors/token_verifier.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "auth/base64url.hpp"
#include "test_signer.hpp"
#include "transport/http_server.hpp"

namespace {

using namespace std::chrono_literals;
using actors::token_verifier;
using auth_test::str;

constexpr const char* issuer = "https://auth.example.test";
constexpr const char* resource = "https://mcp.example.test/mcp";
constexpr const char* jwks_url = "https://auth.example.test/oauth2/jwks";

/// The fake authorization server: responses by URL, every request recorded.
struct fake_as {
  std::map<std::string, mcp::result<transport::client_response, std::string>> routes;
  std::vector<std::string> calls;
  std::function<void()> on_fetch;  ///< runs inside a fetch: "meanwhile, on another thread…"

  void serve(const std::string& url, std::string body, unsigned status = 200,
             std::vector<std::pair<std::string, std::string>> headers = {}) {
    transport::client_response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    routes.insert_or_assign(url, std::move(r));
  }
  void fail(const std::string& url, std::string error) { routes.insert_or_assign(url, std::move(error)); }
  std::size_t count(const std::string& url) const { return std::count(calls.begin(), calls.end(), url); }

  mcp::result<transport::client_response, std::string> get(const std::string& url) {
    calls.push_back(url);
    if (on_fetch) on_fetch();
    auto it = routes.find(url);
    if (it == routes.end()) {
      transport::client_response r;
      r.status = 404;
      return r;
    }
    return it->second;
  }
};

std::string jwks(std::initializer_list<std::pair<EVP_PKEY*, const char*>> keys) {
  std::string out = "{\"keys\":[";
  bool first = true;
  for (auto [k, kid] : keys) {
    if (!first) out += ",";
    first = false;
    out += auth_test::to_json_object(auth_test::public_jwk(k, kid));
  }
  return out + "]}";
}

auth_test::json_members claims(const std::string& sub, std::int64_t exp) {
  return {{"iss", str(issuer)},
          {"sub", str(sub)},
          {"aud", str(resource)},
          {"iat", std::to_string(auth_test::now_s)},
          {"exp", std::to_string(exp)}};
}

std::string mint(EVP_PKEY* key, const char* kid, const std::string& sub = "user_1",
                 std::int64_t exp = auth_test::now_s + 600) {
  const char* alg = EVP_PKEY_is_a(key, "EC") ? "ES256" : "RS256";
  return auth_test::sign(key, {{"alg", str(alg)}, {"kid", str(kid)}, {"typ", str("at+jwt")}}, claims(sub, exp));
}

/// What a verify() call delivered, and how often (must be exactly once).
struct outcome {
  int calls = 0;
  std::optional<token_verifier::verdict> verdict;
  bool ok() const { return verdict && verdict->has_value(); }
  auth::verify_error code() const { return verdict->error().code; }
  const std::string& message() const { return verdict->error().message; }
};

caf::actor_system_config& testing_config(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("logger.verbosity", caf::atom("quiet"));
  return cfg;
}

class token_verifier_test : public ::testing::Test {
 protected:
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  caf::scheduler::test_coordinator& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  std::shared_ptr<fake_as> as = std::make_shared<fake_as>();
  std::shared_ptr<std::chrono::system_clock::time_point> now =
      std::make_shared<std::chrono::system_clock::time_point>(auth_test::at(auth_test::now_s));
  std::shared_ptr<token_verifier> verifier;
  const auth_test::shared_keys& keys = auth_test::keys();

  token_verifier::options options() {
    token_verifier::options o;
    o.issuer = issuer;
    o.verify.audience = resource;
    o.jwks_url = jwks_url;
    o.detached = false;  // run on the test coordinator
    o.fetch = [as = as](const std::string& url) { return as->get(url); };
    o.now = [now = now] { return *now; };
    return o;
  }

  /// Makes the verifier and lets the actor do its first fetch.
  void start(token_verifier::options o) {
    verifier = token_verifier::make(sys, std::move(o));
    sched.run();
  }
  void start() { start(options()); }

  ~token_verifier_test() override {
    if (verifier) verifier->stop();
    verifier.reset();
    // Drain everything, firing timers, or the actor system's destructor waits forever.
    do {
      sched.run();
    } while (sched.trigger_timeouts() > 0 || sched.has_job());
  }

  std::shared_ptr<outcome> verify(const std::string& token) {
    auto out = std::make_shared<outcome>();
    verifier->verify(token, [out](token_verifier::verdict v) {
      ++out->calls;
      out->verdict.emplace(std::move(v));
    });
    return out;
  }

  /// Moves both clocks and runs what became due.
  void advance(std::chrono::seconds d) {
    *now += d;
    sched.advance_time(d);
    sched.run();
  }
};

// ------------------------------------------------------------------------------------------------

TEST_F(token_verifier_test, a_valid_token_is_verified_once_then_served_from_the_cache) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  ASSERT_EQ(verifier->stats().keys, 1u);
  ASSERT_EQ(as->count(jwks_url), 1u);

  const auto token = mint(keys.rsa.get(), "rsa-1");
  auto first = verify(token);
  ASSERT_EQ(first->calls, 1) << "answered inline, on the caller's thread";
  ASSERT_TRUE(first->ok()) << first->message();
  EXPECT_EQ(first->verdict->value()->subject, "user_1");

  auto second = verify(token);
  ASSERT_EQ(second->calls, 1);
  ASSERT_TRUE(second->ok());
  EXPECT_EQ(second->verdict->value().get(), first->verdict->value().get()) << "the same cached claims";

  auto s = verifier->stats();
  EXPECT_EQ(s.verifications, 1u) << "the second check did not run the signature again";
  EXPECT_EQ(s.cache_hits, 1u);
  EXPECT_EQ(s.cache_misses, 1u);
  EXPECT_EQ(s.cached_tokens, 1u);
  EXPECT_EQ(s.waited_for_keys, 0u);
}

TEST_F(token_verifier_test, an_expired_entry_is_not_served_from_the_cache) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  const std::int64_t exp = auth_test::now_s + 120;
  const auto token = mint(keys.rsa.get(), "rsa-1", "user_1", exp);
  ASSERT_TRUE(verify(token)->ok());

  *now = auth_test::at(exp + 59);  // within the 60 s leeway auth::verify allows: still served
  ASSERT_TRUE(verify(token)->ok());
  EXPECT_EQ(verifier->stats().cache_hits, 1u);

  *now = auth_test::at(exp + 60);
  auto late = verify(token);
  ASSERT_EQ(late->calls, 1);
  ASSERT_FALSE(late->ok());
  EXPECT_EQ(late->code(), auth::verify_error::expired);
  auto s = verifier->stats();
  EXPECT_EQ(s.cache_hits, 1u);
  EXPECT_EQ(s.verifications, 2u) << "the expired entry was evicted and the token verified (and refused)";
  EXPECT_EQ(s.cached_tokens, 0u);
}

TEST_F(token_verifier_test, an_unknown_kid_triggers_one_fetch_then_succeeds_with_the_rotated_key) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}, {keys.rsa2.get(), "rsa-2"}}));  // the AS rotates

  auto out = verify(mint(keys.rsa2.get(), "rsa-2"));
  EXPECT_EQ(out->calls, 0) << "waits for the actor's fetch";
  sched.run();
  ASSERT_EQ(out->calls, 1);
  ASSERT_TRUE(out->ok()) << out->message();
  EXPECT_EQ(as->count(jwks_url), 2u);
  EXPECT_EQ(verifier->stats().keys, 2u);

  // The new key is in the snapshot now: the next token with it is verified inline.
  auto next = verify(mint(keys.rsa2.get(), "rsa-2", "user_2"));
  ASSERT_EQ(next->calls, 1);
  EXPECT_TRUE(next->ok());
  EXPECT_EQ(as->count(jwks_url), 2u);
}

TEST_F(token_verifier_test, unknown_kids_within_the_refetch_interval_cause_one_fetch) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();

  auto first = verify(mint(keys.other.get(), "rsa-x"));
  sched.run();
  ASSERT_EQ(first->calls, 1);
  ASSERT_FALSE(first->ok());
  EXPECT_EQ(first->code(), auth::verify_error::unknown_kid);
  EXPECT_EQ(as->count(jwks_url), 2u);

  auto second = verify(mint(keys.other.get(), "rsa-x", "user_2"));
  ASSERT_EQ(second->calls, 1) << "refused inline: no refetch is allowed yet";
  EXPECT_EQ(second->code(), auth::verify_error::unknown_kid);
  sched.run();
  EXPECT_EQ(as->count(jwks_url), 2u);

  advance(9s);
  verify(mint(keys.other.get(), "rsa-x", "user_3"));
  sched.run();
  EXPECT_EQ(as->count(jwks_url), 2u);

  advance(1s);  // the 10 s window is over
  auto third = verify(mint(keys.other.get(), "rsa-x", "user_4"));
  EXPECT_EQ(third->calls, 0);
  sched.run();
  EXPECT_EQ(third->calls, 1);
  EXPECT_EQ(as->count(jwks_url), 3u);
}

TEST_F(token_verifier_test, concurrent_waiters_are_all_answered_by_one_fetch) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}, {keys.rsa2.get(), "rsa-2"}}));

  std::vector<std::shared_ptr<outcome>> waiting;
  for (int i = 0; i < 5; ++i) waiting.push_back(verify(mint(keys.rsa2.get(), "rsa-2", "user_" + std::to_string(i))));
  // One that can never succeed waits too, and is re-verified once, not looped on.
  auto hopeless = verify(mint(keys.other.get(), "rsa-x"));
  for (auto& w : waiting) EXPECT_EQ(w->calls, 0);
  EXPECT_EQ(verifier->stats().waited_for_keys, 6u);

  sched.run();
  for (auto& w : waiting) {
    ASSERT_EQ(w->calls, 1);
    EXPECT_TRUE(w->ok()) << w->message();
  }
  ASSERT_EQ(hopeless->calls, 1);
  EXPECT_EQ(hopeless->code(), auth::verify_error::unknown_kid);
  EXPECT_EQ(as->count(jwks_url), 2u) << "the initial fetch and one refetch";
}

TEST_F(token_verifier_test, a_request_arriving_during_a_fetch_waits_for_it_and_causes_no_other) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  // During the next (scheduled) fetch, a token with a kid the AS does not publish arrives.
  std::shared_ptr<outcome> during;
  as->on_fetch = [&] {
    as->on_fetch = nullptr;
    during = verify(mint(keys.rsa2.get(), "rsa-2"));
  };
  advance(240s);
  ASSERT_TRUE(during);
  ASSERT_EQ(during->calls, 1) << "answered after the fetch it waited for";
  EXPECT_EQ(during->code(), auth::verify_error::unknown_kid);
  EXPECT_EQ(as->count(jwks_url), 2u) << "re-verified against that fetch, not given another";
  EXPECT_EQ(verifier->stats().waited_for_keys, 1u);
}

TEST_F(token_verifier_test, a_failed_fetch_keeps_the_old_keys_and_retries_with_backoff) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  as->serve(jwks_url, "upstream trouble", 503);

  advance(240s);  // no max-age: 300 s default, refreshed at 80%
  ASSERT_EQ(as->count(jwks_url), 2u);
  auto s = verifier->stats();
  EXPECT_EQ(s.fetch_failures, 1u);
  EXPECT_NE(s.last_fetch_error.find("HTTP 503"), std::string::npos) << s.last_fetch_error;
  EXPECT_EQ(s.keys, 1u);
  auto out = verify(mint(keys.rsa.get(), "rsa-1"));
  ASSERT_EQ(out->calls, 1);
  EXPECT_TRUE(out->ok()) << "the old snapshot still verifies";

  // A document that parses to no usable key is refused the same way.
  as->serve(jwks_url, R"({"keys":[]})");
  advance(5s);  // first retry after 5 s
  EXPECT_EQ(as->count(jwks_url), 3u);
  EXPECT_NE(verifier->stats().last_fetch_error.find("refused"), std::string::npos);
  EXPECT_EQ(verifier->stats().keys, 1u);

  as->fail(jwks_url, "connect to 192.0.2.1:443 failed: Connection refused");
  advance(9s);
  EXPECT_EQ(as->count(jwks_url), 3u) << "the second retry waits 10 s";
  advance(1s);
  EXPECT_EQ(as->count(jwks_url), 4u);
  EXPECT_NE(verifier->stats().last_fetch_error.find("Connection refused"), std::string::npos);

  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}, {keys.ec.get(), "ec-1"}}));
  advance(20s);
  EXPECT_EQ(as->count(jwks_url), 5u);
  s = verifier->stats();
  EXPECT_TRUE(s.last_fetch_error.empty()) << s.last_fetch_error;
  EXPECT_EQ(s.keys, 2u);
  EXPECT_EQ(s.fetch_failures, 3u);
}

TEST_F(token_verifier_test, without_any_keys_a_verification_fails_with_the_fetch_error) {
  as->fail(jwks_url, "resolving auth.example.test timed out after 3000 ms");
  start();
  EXPECT_EQ(verifier->stats().keys, 0u);
  auto out = verify(mint(keys.rsa.get(), "rsa-1"));
  sched.run();  // the actor tries one refetch for it
  ASSERT_EQ(out->calls, 1);
  ASSERT_FALSE(out->ok());
  EXPECT_NE(out->message().find("no signing keys available"), std::string::npos) << out->message();
  EXPECT_NE(out->message().find("timed out"), std::string::npos) << out->message();
  EXPECT_EQ(out->code(), auth::verify_error::keys_unavailable) << "not the token's fault: a 503, not a 401";
  EXPECT_EQ(as->count(jwks_url), 2u);
}

TEST_F(token_verifier_test, discovery_finds_the_jwks_uri_in_the_metadata) {
  auto o = options();
  o.jwks_url.clear();
  as->serve(std::string(issuer) + "/.well-known/oauth-authorization-server",
            R"({"issuer":"https://auth.example.test","jwks_uri":"https://keys.example.test/jwks.json"})");
  as->serve("https://keys.example.test/jwks.json", jwks({{keys.ec.get(), "ec-1"}}));
  start(o);
  auto s = verifier->stats();
  EXPECT_EQ(s.jwks_url, "https://keys.example.test/jwks.json");
  EXPECT_EQ(s.keys, 1u);
  auto out = verify(mint(keys.ec.get(), "ec-1"));
  ASSERT_EQ(out->calls, 1);
  EXPECT_TRUE(out->ok()) << out->message();

  // Later refreshes go straight to the JWKS; discovery happened once.
  advance(240s);
  EXPECT_EQ(as->count("https://keys.example.test/jwks.json"), 2u);
  EXPECT_EQ(as->count(std::string(issuer) + "/.well-known/oauth-authorization-server"), 1u);
}

TEST_F(token_verifier_test, discovery_falls_back_to_openid_configuration) {
  auto o = options();
  o.jwks_url.clear();
  as->serve(std::string(issuer) + "/.well-known/openid-configuration",
            R"({"issuer":"https://auth.example.test","jwks_uri":"https://auth.example.test/jwks"})");
  as->serve("https://auth.example.test/jwks", jwks({{keys.rsa.get(), "rsa-1"}}));
  start(o);
  EXPECT_EQ(verifier->stats().keys, 1u);
  EXPECT_EQ(as->count(std::string(issuer) + "/.well-known/oauth-authorization-server"), 1u);
}

TEST_F(token_verifier_test, discovery_refuses_metadata_naming_another_issuer) {
  auto o = options();
  o.jwks_url.clear();
  as->serve(std::string(issuer) + "/.well-known/oauth-authorization-server",
            R"({"issuer":"https://evil.example.test","jwks_uri":"https://evil.example.test/jwks"})");
  as->serve("https://evil.example.test/jwks", jwks({{keys.other.get(), "rsa-x"}}));
  start(o);
  auto s = verifier->stats();
  EXPECT_EQ(s.keys, 0u);
  EXPECT_NE(s.last_fetch_error.find("names issuer \"https://evil.example.test\""), std::string::npos)
      << s.last_fetch_error;
  EXPECT_EQ(as->count("https://evil.example.test/jwks"), 0u) << "its jwks_uri is never fetched";
  EXPECT_TRUE(s.jwks_url.empty());
  auto out = verify(mint(keys.other.get(), "rsa-x"));
  sched.run();
  ASSERT_EQ(out->calls, 1);
  EXPECT_FALSE(out->ok());
}

TEST_F(token_verifier_test, cache_control_max_age_schedules_the_refresh_before_expiry) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}), 200, {{"Cache-Control", "public, max-age=600"}});
  start();
  advance(479s);
  EXPECT_EQ(as->count(jwks_url), 1u);
  advance(1s);  // 80% of 600 s
  EXPECT_EQ(as->count(jwks_url), 2u);

  // A tiny max-age is clamped to the 60 s minimum (refresh at 48 s), no-store counts as zero.
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}), 200, {{"cache-control", "max-age=\"5\""}});
  advance(480s);
  EXPECT_EQ(as->count(jwks_url), 3u);
  advance(47s);
  EXPECT_EQ(as->count(jwks_url), 3u);
  advance(1s);
  EXPECT_EQ(as->count(jwks_url), 4u);
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}), 200, {{"Cache-Control", "no-store"}});
  advance(48s);
  EXPECT_EQ(as->count(jwks_url), 5u);
  advance(48s);
  EXPECT_EQ(as->count(jwks_url), 6u);
}

TEST_F(token_verifier_test, a_forged_token_reusing_a_cached_signature_is_not_served_from_the_cache) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  const auto token = mint(keys.rsa.get(), "rsa-1", "user_1");
  ASSERT_TRUE(verify(token)->ok());

  // Same header and signature, payload changed to another subject.
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  const auto forged = token.substr(0, first_dot) + "." +
                      auth::base64url_encode(auth_test::to_json_object(claims("admin", auth_test::now_s + 600))) +
                      token.substr(last_dot);
  auto out = verify(forged);
  ASSERT_EQ(out->calls, 1);
  ASSERT_FALSE(out->ok());
  EXPECT_EQ(out->code(), auth::verify_error::bad_signature);
  auto s = verifier->stats();
  EXPECT_EQ(s.cache_hits, 0u);
  EXPECT_EQ(s.verifications, 2u);
  EXPECT_EQ(s.cached_tokens, 1u) << "failures are not cached";

  // Trailing junk after a cached token is a different token too.
  auto padded = verify(token + "A");
  ASSERT_EQ(padded->calls, 1);
  EXPECT_FALSE(padded->ok());
  EXPECT_EQ(verifier->stats().cache_hits, 0u);
}

TEST_F(token_verifier_test, the_cache_is_bounded) {
  auto o = options();
  o.max_cached_tokens = 32;  // two per shard
  as->serve(jwks_url, jwks({{keys.ec.get(), "ec-1"}}));
  start(o);
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(verify(mint(keys.ec.get(), "ec-1", "user_" + std::to_string(i)))->ok());
  auto s = verifier->stats();
  EXPECT_LE(s.cached_tokens, 32u);
  EXPECT_GE(s.cached_tokens, 16u);
}

TEST_F(token_verifier_test, stop_answers_waiting_and_later_verifications_with_a_failure) {
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}}));
  start();
  as->serve(jwks_url, jwks({{keys.rsa.get(), "rsa-1"}, {keys.rsa2.get(), "rsa-2"}}));
  auto waiting = verify(mint(keys.rsa2.get(), "rsa-2"));
  EXPECT_EQ(waiting->calls, 0);
  verifier->stop();
  sched.run();
  ASSERT_EQ(waiting->calls, 1);
  EXPECT_FALSE(waiting->ok());
  EXPECT_NE(waiting->message().find("stopped"), std::string::npos) << waiting->message();
  EXPECT_EQ(waiting->code(), auth::verify_error::keys_unavailable);
  EXPECT_EQ(as->count(jwks_url), 1u) << "no fetch after stop";

  auto late = verify(mint(keys.rsa.get(), "rsa-1"));
  ASSERT_EQ(late->calls, 1);
  EXPECT_FALSE(late->ok());
}

TEST_F(token_verifier_test, make_refuses_options_without_an_issuer) {
  auto o = options();
  o.issuer.clear();
  EXPECT_THROW(token_verifier::make(sys, o), std::invalid_argument);
  o.verify.issuer = issuer;  // either one names it
  auto v = token_verifier::make(sys, o);
  v->stop();
}

// ------------------------------------------------------------------------------------------------
// The production wiring: a detached actor on its own thread, fetching over real HTTP with the
// default transport::fetch from our own server on 127.0.0.1:0. Waits on a future with a deadline.

TEST(token_verifier_live, a_detached_verifier_fetches_keys_over_http_and_verifies) {
  const auto& keys = auth_test::keys();
  const std::string doc = jwks({{keys.rsa.get(), "rsa-1"}});
  transport::router routes;
  std::atomic<int> jwks_hits{0};
  routes.add("/jwks", [&](transport::request&&, std::shared_ptr<transport::responder> r) {
    ++jwks_hits;
    auto res = transport::response::json(200, doc);
    res.headers.add("Cache-Control", "max-age=600");
    r->send(std::move(res));
  });
  transport::http_server server(routes, transport::server_limits{}, 1);
  auto bound = server.listen({"127.0.0.1", 0, std::nullopt});
  ASSERT_TRUE(bound.error.empty()) << bound.error;
  server.start();

  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 1);
  cfg.set("logger.verbosity", caf::atom("quiet"));
  {
    caf::actor_system sys{cfg};
    token_verifier::options o;
    o.issuer = issuer;
    o.verify.audience = resource;
    o.jwks_url = "http://127.0.0.1:" + std::to_string(bound.port) + "/jwks";
    o.now = [] { return auth_test::at(auth_test::now_s); };
    o.http.address_allowed = [](const std::string&, bool loopback, bool) { return loopback; };
    auto verifier = token_verifier::make(sys, o);

    std::promise<token_verifier::verdict> answered;
    verifier->verify(mint(keys.rsa.get(), "rsa-1"), [&](token_verifier::verdict v) { answered.set_value(std::move(v)); });
    auto f = answered.get_future();
    ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
    auto v = f.get();
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(v.value()->subject, "user_1");
    EXPECT_EQ(jwks_hits.load(), 1);
    auto s = verifier->stats();
    EXPECT_EQ(s.keys, 1u);
    EXPECT_TRUE(s.last_fetch_error.empty()) << s.last_fetch_error;
    verifier->stop();
  }
  server.stop();
}

/// Four threads check a mix of cached, new, rotated-in and unknown-kid tokens against a detached
/// verifier while its JWKS rotates. Every `done` must run exactly once with the right verdict.
/// (No timing is asserted; the wait for stragglers is bounded.)
TEST(token_verifier_live, concurrent_checks_each_get_exactly_one_correct_answer) {
  const auto& keys = auth_test::keys();
  auto doc = std::make_shared<std::string>(jwks({{keys.rsa.get(), "rsa-1"}}));
  auto doc_mu = std::make_shared<std::mutex>();
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 1);
  cfg.set("logger.verbosity", caf::atom("quiet"));
  caf::actor_system sys{cfg};
  token_verifier::options o;
  o.issuer = issuer;
  o.verify.audience = resource;
  o.jwks_url = jwks_url;
  o.min_refetch_interval = 0s;  // every unknown kid may refetch: the most traffic for the actor
  o.max_cached_tokens = 64;     // small: eviction runs too
  o.now = [] { return auth_test::at(auth_test::now_s); };
  o.fetch = [doc, doc_mu](const std::string&) -> mcp::result<transport::client_response, std::string> {
    transport::client_response r;
    r.status = 200;
    std::lock_guard lk(*doc_mu);
    r.body = *doc;
    return r;
  };
  auto verifier = token_verifier::make(sys, o);

  std::vector<std::string> good, rotated, unknown;
  for (int i = 0; i < 40; ++i) good.push_back(mint(keys.rsa.get(), "rsa-1", "user_" + std::to_string(i)));
  for (int i = 0; i < 10; ++i) rotated.push_back(mint(keys.rsa2.get(), "rsa-2", "user_r" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) unknown.push_back(mint(keys.other.get(), "rsa-x", "user_x" + std::to_string(i)));

  constexpr int threads = 4, per_thread = 600;
  std::atomic<int> answered{0}, wrong{0}, twice{0};
  std::atomic<bool> rotate_now{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        if (t == 0 && i == per_thread / 3) {
          std::lock_guard lk(*doc_mu);
          *doc = jwks({{keys.rsa.get(), "rsa-1"}, {keys.rsa2.get(), "rsa-2"}});
          rotate_now = true;
        }
        int kind = (i * 7 + t) % 10;  // 7 in 10 good, 2 rotated, 1 unknown
        const std::string& token = kind < 7   ? good[(i + t) % good.size()]
                                   : kind < 9 ? rotated[(i + t) % rotated.size()]
                                              : unknown[(i + t) % unknown.size()];
        bool expect_ok = kind < 7;
        bool may_fail = kind >= 7 && kind < 9;  // rotated: refused until the rotation was fetched
        auto seen = std::make_shared<std::atomic<int>>(0);
        verifier->verify(token, [&, seen, expect_ok, may_fail](token_verifier::verdict v) {
          if (seen->fetch_add(1) > 0) ++twice;
          bool ok_now = v.has_value();
          if (!may_fail && ok_now != expect_ok) ++wrong;
          ++answered;
        });
      }
    });
  }
  for (auto& th : pool) th.join();
  // Stragglers are answered by the actor's thread; wait for them with a bound, not a sleep.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (answered.load() < threads * per_thread && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  EXPECT_EQ(answered.load(), threads * per_thread);
  EXPECT_EQ(twice.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_TRUE(rotate_now.load());
  EXPECT_LE(verifier->stats().cached_tokens, 64u);
  verifier->stop();
}

}  // namespace
