// tests/actors/workos_client_test.cpp — the WorkOS client against the real emulator on 127.0.0.1:0,
// over plain HTTP and over TLS (a test CA made here, tests/support/test_ca.hpp).
//
// Sequences that the emulator's fault rules cannot script (they fire on every matching request or
// at random) go through a scripted front: our own http_server on 127.0.0.1:0 that takes one action
// per request from a queue — forward to the emulator, forward but answer 503 (the upstream applied
// the request and the answer was lost), answer a status, drop the connection, or hold the request
// until the test lets it go. No sleeps: each call is awaited on its completion with a bounded
// deadline; the breaker's cool-down runs on an injected clock; backoff jitter is injected as 0.
// The one real wait is a Retry-After of 1 s, which is what that test is about.
#include "actors/workos_client.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <thread>
#include <mutex>
#include <random>

#include "emulator/service.hpp"
#include "tests/support/test_ca.hpp"
#include "transport/http_client.hpp"
#include "transport/http_server.hpp"

namespace actors {
namespace {

using namespace std::chrono_literals;

/// A result awaited with a bound: a hung call fails the test instead of hanging it.
struct awaited {
  std::shared_ptr<std::promise<upstream_result>> p = std::make_shared<std::promise<upstream_result>>();
  std::future<upstream_result> f = p->get_future();
  std::function<void(upstream_result)> cb() {
    return [p = p](upstream_result r) { p->set_value(std::move(r)); };
  }
  bool ready(std::chrono::milliseconds d = 15s) { return f.wait_for(d) == std::future_status::ready; }
  upstream_result get() {
    EXPECT_TRUE(ready()) << "the call did not complete within 15 s";
    return f.get();
  }
};

struct emulator_instance {
  std::string dir;
  std::unique_ptr<emulator::service> svc;
  explicit emulator_instance(std::vector<emulator::fault_rule> faults = {}, std::string cert = {}, std::string key = {}) {
    std::random_device rd;
    dir = (std::filesystem::temp_directory_path() / ("wm-wc-" + std::to_string(rd()) + std::to_string(rd()))).string();
    emulator::options o;
    o.data_dir = dir;
    o.seed = "none";
    o.faults = std::move(faults);
    o.tls_cert = std::move(cert);
    o.tls_key = std::move(key);
    svc = std::make_unique<emulator::service>(o);
    svc->start();
  }
  ~emulator_instance() {
    svc.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string sandbox_key() const {
    for (const auto& [k, env] : svc->keys())
      if (env == "sandbox") return k;
    return {};
  }
};

/// The scripted front (see the file comment).
struct front {
  enum class act { forward, forward_then_503, status, drop, hold };
  struct step {
    step(act a_ = act::forward, unsigned status_ = 0, std::string retry_after_ = {})  // NOLINT: brace-built in tests
        : a(a_), status(status_), retry_after(std::move(retry_after_)) {}
    act a;
    unsigned status;
    std::string retry_after;
  };
  std::string upstream;
  std::mutex m;
  std::deque<step> script;
  step fallback{};
  std::vector<std::string> idempotency_keys;  ///< per request seen ("" when none)
  std::vector<std::shared_ptr<transport::responder>> held;
  std::condition_variable cv;
  transport::router routes;
  std::unique_ptr<transport::http_server> server;
  std::uint16_t port = 0;

  explicit front(std::string upstream_base) : upstream(std::move(upstream_base)) {
    routes.add_prefix("/", [this](transport::request&& req, std::shared_ptr<transport::responder> res) {
      step s;
      {
        std::lock_guard lk(m);
        idempotency_keys.emplace_back(req.headers.get("Idempotency-Key").value_or(""));
        if (!script.empty()) {
          s = script.front();
          script.pop_front();
        } else {
          s = fallback;
        }
        if (s.a == act::hold) {
          held.push_back(res);
          cv.notify_all();
          return;
        }
      }
      if (s.a == act::drop) return res->abort();
      if (s.a == act::status) {
        auto r = transport::response::json(s.status, R"({"message":"scripted"})");
        r.headers.add("X-Request-ID", "front-" + std::to_string(s.status));
        if (!s.retry_after.empty()) r.headers.add("Retry-After", s.retry_after);
        return res->send(std::move(r));
      }
      // Forward: blocking, on this server's I/O thread (two of them), which is fine for a test.
      transport::client_request out;
      out.method = req.method;
      out.url = upstream + req.target;
      for (const char* h : {"Authorization", "Content-Type", "Idempotency-Key"})
        if (auto v = req.headers.get(h)) out.headers.emplace_back(h, std::string(*v));
      out.body = req.body;
      auto got = transport::fetch(out);
      if (!got) return res->send(transport::response::json(500, R"({"message":"front could not forward"})"));
      if (s.a == act::forward_then_503) return res->send(transport::response::json(503, R"({"message":"lost"})"));
      transport::response r;
      r.status = got->status;
      r.body = got->body;
      for (const auto& [k, v] : got->headers)
        if (k != "Content-Length" && k != "Connection" && k != "Transfer-Encoding") r.headers.add(k, v);
      res->send(std::move(r));
    });
    server = std::make_unique<transport::http_server>(routes, transport::server_limits{}, 2);
    auto b = server->listen({"127.0.0.1", 0, std::nullopt});
    EXPECT_TRUE(b.error.empty()) << b.error;
    port = b.port;
    server->start();
  }
  ~front() {
    release_all();
    server->stop();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
  void push(std::initializer_list<step> steps) {
    std::lock_guard lk(m);
    for (auto s : steps) script.push_back(s);
  }
  void set_fallback(step s) {
    std::lock_guard lk(m);
    fallback = s;
  }
  std::size_t seen() {
    std::lock_guard lk(m);
    return idempotency_keys.size();
  }
  bool wait_held(std::size_t n) {
    std::unique_lock lk(m);
    return cv.wait_for(lk, 15s, [&] { return held.size() >= n; });
  }
  void release_all() {
    std::vector<std::shared_ptr<transport::responder>> h;
    {
      std::lock_guard lk(m);
      h.swap(held);
    }
    for (auto& r : h) r->send(transport::response::json(200, R"({"released":true})"));
  }
};

upstream_target target_for(std::string base, std::string key, std::string env = "environment_test") {
  return upstream_target{std::move(env), std::move(base), control::secret(std::move(key))};
}

upstream_request get(std::string path) {
  upstream_request r;
  r.path_and_query = std::move(path);
  return r;
}

upstream_request post(std::string path, std::string body) {
  upstream_request r;
  r.method = "POST";
  r.path_and_query = std::move(path);
  r.body = std::move(body);
  return r;
}

workos_client_options quick() {
  workos_client_options o;
  o.random01 = [] { return 0.0; };  // backoff waits of 0 ms: retries without real waiting
  return o;
}

upstream_result call(workos_client& c, upstream_target t, upstream_request r) {
  awaited w;
  c.call(std::move(t), std::move(r), w.cb());
  return w.get();
}

std::string unique_name(const char* prefix) {
  std::random_device rd;
  return std::string(prefix) + "-" + std::to_string(rd());
}

/// How many organizations named `name` the emulator holds (asked directly, not through the client).
int organizations_named(emulator_instance& emu, const std::string& name) {
  transport::client_request q;
  q.url = emu.svc->base_url() + "/organizations?limit=100";
  q.headers.emplace_back("Authorization", "Bearer " + emu.sandbox_key());
  auto r = transport::fetch(q);
  EXPECT_TRUE(r);
  if (!r) return -1;
  int n = 0;
  for (std::size_t at = r->body.find("\"name\":\"" + name + "\""); at != std::string::npos;
       at = r->body.find("\"name\":\"" + name + "\"", at + 1))
    ++n;
  return n;
}

// ------------------------------------------------------------------------------------------------

TEST(WorkosClient, ListsOrganizationsWithTheEnvironmentKey) {
  emulator_instance emu;
  workos_client c(quick());
  auto r = call(c, target_for(emu.svc->base_url(), emu.sandbox_key()), get("/organizations?limit=5"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200u);
  EXPECT_NE(r->body.find("\"object\":\"list\""), std::string::npos);
  EXPECT_FALSE(r->request_id.empty());
  EXPECT_EQ(r->attempts, 1u);
}

TEST(WorkosClient, AWrongKeyIsAResponseNotAnError) {
  emulator_instance emu;
  workos_client c(quick());
  auto r = call(c, target_for(emu.svc->base_url(), "sk_test_wrong"), get("/organizations"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 401u);
  EXPECT_FALSE(r->request_id.empty());
}

TEST(WorkosClient, CreatesAnOrganizationAndReusesTheConnection) {
  emulator_instance emu;
  workos_client c(quick());
  auto t = target_for(emu.svc->base_url(), emu.sandbox_key());
  auto name = unique_name("Acme");
  auto r = call(c, t, post("/organizations", R"({"name":")" + name + R"("})"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 201u);
  EXPECT_NE(r->body.find(name), std::string::npos);
  for (int i = 0; i < 3; ++i) {
    auto g = call(c, t, get("/organizations"));
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->status, 200u);
  }
  auto s = c.stats();
  EXPECT_EQ(s.connections_opened, 1u) << "keep-alive: one connection for four sequential calls";
  EXPECT_EQ(s.connections_reused, 3u);
  EXPECT_EQ(organizations_named(emu, name), 1);
}

TEST(WorkosClient, RetriesA503WithTheSameIdempotencyKeyAndCreatesOnce) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.push({{front::act::forward_then_503}});
  workos_client c(quick());
  auto name = unique_name("Retry");
  auto req = post("/organizations", R"({"name":")" + name + R"("})");
  req.auto_idempotency_key = true;
  auto r = call(c, target_for(f.base(), emu.sandbox_key()), req);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 201u);
  EXPECT_EQ(r->attempts, 2u);
  std::lock_guard lk(f.m);
  ASSERT_EQ(f.idempotency_keys.size(), 2u);
  EXPECT_FALSE(f.idempotency_keys[0].empty());
  EXPECT_EQ(f.idempotency_keys[0], f.idempotency_keys[1]);
  EXPECT_EQ(organizations_named(emu, name), 1) << "the emulator replayed the first creation";
}

TEST(WorkosClient, APostWithoutIdempotencyKeyIsSentOnceButAGetIsRetried) {
  emulator::fault_rule always503;
  always503.pattern = "/organizations*";
  always503.status = 503;
  emulator_instance emu({always503});
  workos_client c(quick());
  auto t = target_for(emu.svc->base_url(), emu.sandbox_key());
  auto p = call(c, t, post("/organizations", R"({"name":"Once"})"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->status, 503u);
  EXPECT_EQ(p->attempts, 1u);
  auto g = call(c, t, get("/organizations"));
  ASSERT_TRUE(g) << g.error().message;
  EXPECT_EQ(g->status, 503u);
  EXPECT_EQ(g->attempts, 3u);
  EXPECT_FALSE(g->request_id.empty());
}

TEST(WorkosClient, A429IsWaitedOutWhenRetryAfterIsWithinTheCap) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.push({{front::act::status, 429, "1"}});
  workos_client c(quick());
  auto r = call(c, target_for(f.base(), emu.sandbox_key()), get("/organizations"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->attempts, 2u);
}

TEST(WorkosClient, A429BeyondTheCapIsReturned) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.push({{front::act::status, 429, "120"}});
  workos_client c(quick());
  auto r = call(c, target_for(f.base(), emu.sandbox_key()), get("/organizations"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 429u);
  EXPECT_EQ(r->attempts, 1u);
  EXPECT_EQ(r->request_id, "front-429");
}

TEST(WorkosClient, ADroppedConnectionIsRetriedForAGet) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.push({{front::act::drop}});
  workos_client c(quick());
  auto r = call(c, target_for(f.base(), emu.sandbox_key()), get("/organizations"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200u);
  EXPECT_EQ(r->attempts, 2u);
}

TEST(WorkosClient, TheCircuitOpensAfterConsecutiveFailuresAndClosesAfterTheCooldown) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.set_fallback({front::act::status, 503});
  auto offset = std::make_shared<std::atomic<long long>>(0);
  auto o = quick();
  o.max_attempts = 1;
  o.breaker_failures = 2;
  o.breaker_cooldown = 10s;
  o.now = [offset] { return std::chrono::steady_clock::now() + std::chrono::seconds(offset->load()); };
  workos_client c(o);
  auto t = target_for(f.base(), emu.sandbox_key());
  for (int i = 0; i < 2; ++i) {
    auto r = call(c, t, get("/organizations"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 503u);
  }
  auto open = call(c, t, get("/organizations"));
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().what, upstream_error::kind::circuit_open);
  EXPECT_EQ(f.seen(), 2u) << "an open circuit sends nothing";

  f.set_fallback({front::act::forward});
  *offset = 11;  // past the cool-down: the next call is the half-open probe
  auto probe = call(c, t, get("/organizations"));
  ASSERT_TRUE(probe) << probe.error().message;
  EXPECT_EQ(probe->status, 200u);
  auto after = call(c, t, get("/organizations"));
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->status, 200u);
}

TEST(WorkosClient, AFailedProbeReopensTheCircuit) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.set_fallback({front::act::status, 503});
  auto offset = std::make_shared<std::atomic<long long>>(0);
  auto o = quick();
  o.max_attempts = 1;
  o.breaker_failures = 1;
  o.breaker_cooldown = 10s;
  o.now = [offset] { return std::chrono::steady_clock::now() + std::chrono::seconds(offset->load()); };
  workos_client c(o);
  auto t = target_for(f.base(), emu.sandbox_key());
  ASSERT_TRUE(call(c, t, get("/organizations")));
  *offset = 11;
  auto probe = call(c, t, get("/organizations"));
  ASSERT_TRUE(probe);
  EXPECT_EQ(probe->status, 503u);
  auto again = call(c, t, get("/organizations"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().what, upstream_error::kind::circuit_open);
  EXPECT_EQ(f.seen(), 2u);
}

TEST(WorkosClient, ExcessCallsPerEnvironmentQueueThenAreRefused) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.set_fallback({front::act::hold});
  auto o = quick();
  o.max_concurrent_per_environment = 1;
  o.max_queued_per_environment = 1;
  workos_client c(o);
  auto t = target_for(f.base(), emu.sandbox_key());
  awaited a, b, d, other;
  c.call(t, get("/organizations"), a.cb());
  c.call(t, get("/organizations"), b.cb());
  c.call(t, get("/organizations"), d.cb());
  auto refused = d.get();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().what, upstream_error::kind::overloaded);
  // Another environment has its own limit.
  c.call(target_for(f.base(), emu.sandbox_key(), "environment_other"), get("/organizations"), other.cb());
  ASSERT_TRUE(f.wait_held(2));
  EXPECT_FALSE(b.ready(0ms)) << "the second call waits for the first";
  f.release_all();  // answers the first call and the other environment's
  auto ra = a.get();
  ASSERT_TRUE(ra) << ra.error().message;
  ASSERT_TRUE(f.wait_held(1));  // the queued call now reached the front
  f.release_all();
  auto rb = b.get();
  ASSERT_TRUE(rb) << rb.error().message;
  EXPECT_EQ(rb->status, 200u);
  ASSERT_TRUE(other.get());
}

TEST(WorkosClient, ACallThatGetsNoAnswerTimesOut) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.set_fallback({front::act::hold});
  workos_client c(quick());
  auto req = get("/organizations");
  req.timeout = 300ms;
  auto r = call(c, target_for(f.base(), emu.sandbox_key()), req);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, upstream_error::kind::timeout);
}

TEST(WorkosClient, PlainHttpIsOnlyForLoopback) {
  workos_client c(quick());
  auto r = call(c, target_for("http://api.example.com", "sk_test_x"), get("/organizations"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, upstream_error::kind::invalid);
}

TEST(WorkosClient, ShutdownCancelsWhatIsInFlight) {
  emulator_instance emu;
  front f(emu.svc->base_url());
  f.set_fallback({front::act::hold});
  awaited w;
  {
    workos_client c(quick());
    c.call(target_for(f.base(), emu.sandbox_key()), get("/organizations"), w.cb());
    ASSERT_TRUE(f.wait_held(1));
  }
  auto r = w.get();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, upstream_error::kind::cancelled);
}

// ------------------------------------------------------------------------------------------------
// TLS

TEST(WorkosClientTls, TrustsTheConfiguredCaAndVerifiesTheName) {
  test_support::test_pki pki;
  ASSERT_TRUE(pki.ok);
  emulator_instance emu({}, pki.ip_cert, pki.ip_key);
  ASSERT_EQ(emu.svc->base_url().rfind("https://127.0.0.1:", 0), 0u);
  auto t = target_for(emu.svc->base_url(), emu.sandbox_key());
  {
    auto o = quick();
    o.ca_file = pki.ca_file;
    workos_client c(o);
    auto r = call(c, t, get("/organizations"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 200u);
    auto again = call(c, t, get("/organizations"));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(c.stats().connections_opened, 1u) << "TLS connections are pooled too";
  }
  {
    auto o = quick();
    o.ca_file = pki.other_ca_file;
    workos_client c(o);
    auto r = call(c, t, get("/organizations"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().what, upstream_error::kind::tls);
    EXPECT_NE(r.error().message.find("certificate verify failed"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().attempts, 1u) << "a certificate failure is not retried";
  }
}

TEST(WorkosClientTls, RefusesACertificateForAnotherName) {
  test_support::test_pki pki;
  ASSERT_TRUE(pki.ok);
  emulator_instance emu({}, pki.dns_cert, pki.dns_key);  // names "localhost", not 127.0.0.1
  auto o = quick();
  o.ca_file = pki.ca_file;
  workos_client c(o);
  auto r = call(c, target_for(emu.svc->base_url(), emu.sandbox_key()), get("/organizations"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().what, upstream_error::kind::tls);
  EXPECT_NE(r.error().message.find("certificate verify failed"), std::string::npos) << r.error().message;
}


// A tool's completion handler may hold the last reference to the client; when it lets go on the
// client's own I/O thread, the client must end there without joining itself (which throws
// "Resource deadlock avoided" and terminates the process).
TEST(WorkosClient, TheLastReferenceMayDieOnTheClientsOwnThread) {
  struct last_owner {
    std::shared_ptr<workos_client> client;
    std::promise<std::thread::id>* gone;
    ~last_owner() {
      client.reset();  // the client's destructor runs here, on whatever thread drops this
      gone->set_value(std::this_thread::get_id());
    }
  };
  std::promise<std::thread::id> gone;
  auto fut = gone.get_future();
  {
    auto client = std::make_shared<workos_client>(quick());
    auto owner = std::make_shared<last_owner>(client, &gone);
    auto* c = client.get();
    client.reset();
    // Port 1 on loopback refuses at once: the handler runs on the client's thread and is the
    // only owner left when it is destroyed there.
    // The handler lets go itself: where a handler's captures die otherwise depends on which
    // thread drops the exchange last, and the test must not.
    c->call(target_for("http://127.0.0.1:1", "sk_test_x"), get("/organizations"),
            [owner = std::move(owner)](upstream_result) mutable { owner.reset(); });
  }
  ASSERT_EQ(fut.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_NE(fut.get(), std::this_thread::get_id()) << "the client died on its own thread, as the case needs";
}

}  // namespace
}  // namespace actors
