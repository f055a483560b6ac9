// emulator/service.cpp — HTTP in front of the products: keys, request ids, idempotency,
// faults, one store transaction per request; the authorization server's paths go to it, on
// worker threads of their own.
#include "emulator/service.hpp"

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <queue>
#include <random>
#include <stdexcept>
#include <thread>

#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include "emulator/api.hpp"
#include "emulator/oauth/authorization_server.hpp"
#include "emulator/products.hpp"
#include "emulator/seed.hpp"
#include "emulator/store.hpp"
#include "transport/http_server.hpp"

namespace emulator {

namespace {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> b(bytes);
  RAND_bytes(b.data(), static_cast<int>(b.size()));
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto c : b) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// X-Request-ID values look like UUIDs, as the real API's do.
std::string request_id() {
  auto h = random_hex(16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string digest(std::string_view a, std::string_view b, std::string_view c) {
  std::string text;
  text.reserve(a.size() + b.size() + c.size() + 2);
  text.append(a).append("\n").append(b).append("\n").append(c);
  return sha256_hex(text);
}

bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (glob_match(pattern.substr(1), text.substr(i))) return true;
    return false;
  }
  return !text.empty() && pattern.front() == text.front() && glob_match(pattern.substr(1), text.substr(1));
}

transport::response json_response(unsigned status, const json& body, bool no_body, const std::string& rid) {
  transport::response r;
  r.status = status;
  if (!no_body) {
    r.headers.add("Content-Type", "application/json");
    r.body = body.dump();
  }
  r.headers.add("X-Request-ID", rid);
  return r;
}

// Runs callbacks after a delay on one thread, so injected latency never blocks an I/O thread.
class delayer {
 public:
  delayer() : thread_([this] { run(); }) {}
  ~delayer() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void after(std::chrono::milliseconds d, std::function<void()> fn) {
    {
      std::lock_guard lk(m_);
      q_.push({std::chrono::steady_clock::now() + d, seq_++, std::move(fn)});
    }
    cv_.notify_all();
  }

 private:
  struct item {
    std::chrono::steady_clock::time_point due;
    std::uint64_t seq;
    std::function<void()> fn;
    bool operator>(const item& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };
  void run() {
    std::unique_lock lk(m_);
    while (!stop_) {
      if (q_.empty()) {
        cv_.wait(lk);
        continue;
      }
      auto due = q_.top().due;
      if (cv_.wait_until(lk, due) == std::cv_status::timeout || std::chrono::steady_clock::now() >= due) {
        if (q_.empty() || q_.top().due > std::chrono::steady_clock::now()) continue;
        auto fn = std::move(const_cast<item&>(q_.top()).fn);
        q_.pop();
        lk.unlock();
        fn();
        lk.lock();
      }
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::priority_queue<item, std::vector<item>, std::greater<item>> q_;
  std::uint64_t seq_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

// Runs blocking jobs off the I/O threads: the authorization server hashes passwords (PBKDF2,
// hundreds of milliseconds) and fetches client metadata documents (up to 5 s), which on the
// emulator's one I/O thread would stall every API call behind them.
class worker_pool {
 public:
  explicit worker_pool(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
  }
  ~worker_pool() {
    {
      std::lock_guard lk(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void submit(std::function<void()> job) {
    {
      std::lock_guard lk(m_);
      jobs_.push(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lk(m_);
    for (;;) {
      cv_.wait(lk, [&] { return stop_ || !jobs_.empty(); });
      // Jobs queued before stop still run: each answers an exchange that is waiting for it.
      if (jobs_.empty()) return;
      auto job = std::move(jobs_.front());
      jobs_.pop();
      lk.unlock();
      job();
      lk.lock();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

std::optional<fault_rule> fault_rule::parse(std::string_view spec, std::string& error) {
  auto colon = spec.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    error = "a fault is PATTERN:key=value,… (e.g. /organizations*:status=503,rate=0.5)";
    return std::nullopt;
  }
  fault_rule r;
  r.pattern = std::string{spec.substr(0, colon)};
  auto rest = spec.substr(colon + 1);
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto eq = item.find('=');
    auto key = item.substr(0, eq);
    std::string value{eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1)};
    char* end = nullptr;
    if (key == "drop") {
      r.drop = true;
    } else if (key == "latency_ms") {
      r.latency = std::chrono::milliseconds(std::strtol(value.c_str(), &end, 10));
    } else if (key == "status") {
      r.status = static_cast<unsigned>(std::strtoul(value.c_str(), &end, 10));
      if (r.status < 400 || r.status > 599) {
        error = "a fault status must be from 400 to 599";
        return std::nullopt;
      }
    } else if (key == "rate") {
      r.rate = std::strtod(value.c_str(), &end);
      if (r.rate < 0 || r.rate > 1) {
        error = "a fault rate must be from 0 to 1";
        return std::nullopt;
      }
    } else if (key == "retry_after") {
      r.retry_after_s = static_cast<unsigned>(std::strtoul(value.c_str(), &end, 10));
    } else {
      error = "unknown fault key " + std::string{key} + " (latency_ms, status, rate, drop, retry_after)";
      return std::nullopt;
    }
    if (end && *end != '\0') {
      error = "bad value for " + std::string{key};
      return std::nullopt;
    }
  }
  if (r.retry_after_s && r.status == 0) r.status = 429;
  return r;
}

struct service::impl {
  options opts;
  std::unique_ptr<store> db;
  api routes;
  transport::router http_routes;
  std::unique_ptr<transport::http_server> http;
  std::vector<std::pair<std::string, std::string>> keys;  // key → env
  std::unique_ptr<delayer> delays;
  // After `db` (it keeps a reference to the store) and before `workers` (their jobs use it).
  std::unique_ptr<oauth::authorization_server> auth_server;
  std::unique_ptr<worker_pool> workers;
  std::uint16_t port = 0;
  std::string host;

  std::optional<std::string> env_for(const transport::request& req) const {
    auto auth = req.headers.get("Authorization");
    if (!auth || auth->substr(0, 7) != "Bearer ") return std::nullopt;
    auto key = auth->substr(7);
    for (const auto& [k, env] : keys)
      if (k == key) return env;
    return std::nullopt;
  }

  void handle(transport::request&& req, std::shared_ptr<transport::responder> res) {
    auto rid = request_id();
    for (const auto& f : opts.faults) {
      if (!glob_match(f.pattern, req.path)) continue;
      thread_local std::mt19937_64 rng{std::random_device{}()};
      if (std::uniform_real_distribution<double>(0, 1)(rng) >= f.rate) continue;
      auto act = [this, f, rid, req = std::move(req), res]() mutable {
        if (f.drop) return res->abort();
        if (f.status) {
          auto r = json_response(f.status,
                                 [&] {
                                   json b = json::object();
                                   b.set("code", f.status == 429 ? "rate_limit_exceeded" : "injected_fault");
                                   b.set("message", "Fault injected by the emulator");
                                   return b;
                                 }(),
                                 false, rid);
          if (f.status == 429) r.headers.add("Retry-After", std::to_string(f.retry_after_s));
          return res->send(std::move(r));
        }
        serve(std::move(req), std::move(res), rid);
      };
      if (f.latency.count() > 0) delays->after(f.latency, std::move(act));
      else act();
      return;
    }
    serve(std::move(req), std::move(res), rid);
  }

  void serve(transport::request&& req, std::shared_ptr<transport::responder> res, const std::string& rid) {
    if (oauth::authorization_server::owns(req.path)) {
      auto answer = [this, rid](const transport::request& r, const std::shared_ptr<transport::responder>& out) {
        auto response = auth_server->handle(r);
        response.headers.add("X-Request-ID", rid);
        out->send(std::move(response));
      };
      if (!oauth::authorization_server::may_block(req.path)) return answer(req, res);
      workers->submit([answer, req = std::move(req), res = std::move(res)] { answer(req, res); });
      return;
    }
    auto m = routes.find(req.method, req.path);
    auto env = m.h && !m.requires_key ? std::optional<std::string>{std::string{}} : env_for(req);
    if (!env) {
      json b = json::object();
      b.set("message", "Unauthorized");
      return res->send(json_response(401, b, false, rid));
    }
    if (!m.h) {
      json b = json::object();
      b.set("message", m.path_known ? "Method Not Allowed" : "Not Found");
      return res->send(json_response(m.path_known ? 405 : 404, b, false, rid));
    }
    json body;
    auto content_type = req.headers.get("Content-Type").value_or("");
    if (!req.body.empty() && content_type.substr(0, 33) == "application/x-www-form-urlencoded") {
      // OAuth-style endpoints (POST /sso/token) take forms: handlers see them as a JSON object
      // of strings.
      body = json::object();
      std::string_view form = req.body;
      while (!form.empty()) {
        auto amp = form.find('&');
        auto pair = form.substr(0, amp);
        form = amp == std::string_view::npos ? std::string_view{} : form.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        body.set(url_decode(pair.substr(0, eq), true),
                 eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1), true));
      }
    } else if (!req.body.empty()) {
      auto parsed = json::parse(req.body);
      if (!parsed) {
        json b = json::object();
        b.set("code", "invalid_json");
        b.set("message", "The request body is not valid JSON.");
        return res->send(json_response(400, b, false, rid));
      }
      body = std::move(*parsed);
    }
    std::multimap<std::string, std::string> query;
    std::string_view qs = req.query;
    while (!qs.empty()) {
      auto amp = qs.find('&');
      auto pair = qs.substr(0, amp);
      qs = amp == std::string_view::npos ? std::string_view{} : qs.substr(amp + 1);
      if (pair.empty()) continue;
      auto eq = pair.find('=');
      query.emplace(url_decode(pair.substr(0, eq), true),
                    eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1), true));
    }
    std::optional<std::string> idem_key;
    if (req.method == "POST")
      if (auto k = req.headers.get("Idempotency-Key"); k && !k->empty()) idem_key = std::string{*k};
    auto request_digest = idem_key ? digest(req.method, req.path, req.body) : std::string{};

    reply out;
    bool replayed = false;
    std::vector<json> emitted;
    std::string emitted_env = *env;  // key-less routes choose their environment in the handler
    try {
      db->transact([&](tx& t) {
        if (idem_key) {
          if (auto saved = t.idempotent(*env, *idem_key)) {
            replayed = true;
            if (saved->request_digest != request_digest) {
              out = error(409, "idempotency_key_reused",
                          "This Idempotency-Key was used with a different request within the last 24 hours.");
            } else {
              out.status = saved->status;
              out.no_body = saved->body.empty();
              if (!out.no_body) out.body = json::parse(saved->body).value_or(json{});
            }
            return false;
          }
        }
        call c{*env, req.method, req.path, std::move(m.params), std::move(query), std::move(body), t, {}};
        c.headers = req.headers.items();
        c.env_of_key = [this](std::string_view key) -> std::optional<std::string> {
          for (const auto& [k, e] : keys)
            if (k == key) return e;
          return std::nullopt;
        };
        out = (*m.h)(c);
        // Bad input changes nothing: only successful requests commit.
        if (out.status >= 400) return false;
        emitted = std::move(c.emitted);
        emitted_env = c.env;
        if (idem_key) t.save_idempotent(*env, *idem_key, {request_digest, out.status, out.no_body ? "" : out.body.dump()});
        return true;
      });
    } catch (const std::exception& e) {
      spdlog::error("emulator: {} {} failed: {}", req.method, req.path, e.what());
      out = error(500, "internal_error", "The emulator failed to handle this request.");
    }
    (void)replayed;
    auto response = json_response(out.status, out.body, out.no_body, rid);
    for (auto& [name, value] : out.headers) response.headers.add(std::move(name), std::move(value));
    res->send(std::move(response));
    // Webhooks go out only for what committed, after the answer, off this thread.
    if (!emitted.empty()) products::deliver_webhooks(*db, emitted_env, std::move(emitted));
  }
};

service::service(options opts) : impl_(std::make_unique<impl>()) {
  auto& d = *impl_;
  d.opts = std::move(opts);
  std::error_code ec;
  std::filesystem::create_directories(d.opts.data_dir, ec);
  if (ec) throw std::runtime_error("cannot create data directory " + d.opts.data_dir + ": " + ec.message());
  std::string err;
  d.db = store::open((std::filesystem::path(d.opts.data_dir) / "emulator.db").string(), err);
  if (!d.db) throw std::runtime_error("emulator store: " + err);
  products::register_all(d.routes);
  d.keys = seed::ensure_keys(*d.db);
  for (const auto& k : d.opts.api_keys) {
    if (k.rfind("sk_test_", 0) == 0) d.keys.emplace_back(k, "sandbox");
    else if (k.rfind("sk_live_", 0) == 0) d.keys.emplace_back(k, "production");
    else throw std::runtime_error("an API key must start with sk_test_ (sandbox) or sk_live_ (production): " + k);
  }
  if (d.opts.seed == "demo") {
    seed::run_if_empty(*d.db, d.routes, seed::demo_script());
  } else if (d.opts.seed != "none") {
    // A seed file (format in seed.hpp).
    std::ifstream in(d.opts.seed);
    if (!in) throw std::runtime_error("seed must be demo, none, or a readable seed file: " + d.opts.seed);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto script = json::parse(text);
    if (!script) throw std::runtime_error("seed file " + d.opts.seed + " is not valid JSON");
    seed::run_if_empty(*d.db, d.routes, *script);
  }
  d.auth_server = std::make_unique<oauth::authorization_server>(
      *d.db, oauth::authorization_server::config{d.opts.oauth, {}, {}});
  // Authenticated like every /dashboard route: an API key of either environment may rotate.
  d.routes.add("POST", "/dashboard/oauth/rotate-signing-key", [this](call& c) {
    auto kid = impl_->auth_server->rotate_signing_key(c.db);
    if (!kid) return error(500, "rotation_failed", kid.error().message);
    json b = json::object();
    b.set("object", "signing_key_rotation");
    b.set("kid", *kid);
    return reply::ok(std::move(b));
  });
  d.workers = std::make_unique<worker_pool>(2);
  d.delays = std::make_unique<delayer>();
  d.http_routes.add_prefix("/", [this](transport::request&& req, std::shared_ptr<transport::responder> res) {
    impl_->handle(std::move(req), std::move(res));
  });
  transport::server_limits limits;
  d.http = std::make_unique<transport::http_server>(d.http_routes, limits, d.opts.io_threads);
}

service::~service() { stop(); }

std::uint16_t service::start() {
  auto& d = *impl_;
  auto colon = d.opts.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("emulator listen must be host:port");
  transport::listen_spec spec;
  spec.host = d.opts.listen.substr(0, colon);
  spec.port = static_cast<std::uint16_t>(std::stoi(d.opts.listen.substr(colon + 1)));
  if (!d.opts.tls_cert.empty() || !d.opts.tls_key.empty())
    spec.tls = transport::tls_files{d.opts.tls_cert, d.opts.tls_key};
  auto bound = d.http->listen(spec);
  if (!bound.error.empty()) throw std::runtime_error("emulator cannot listen on " + d.opts.listen + ": " + bound.error);
  d.host = spec.host;
  d.port = bound.port;
  d.auth_server->set_issuer(base_url());
  d.http->start();
  spdlog::info("WorkOS emulator on {} ({} operations)", base_url(), d.routes.size());
  return d.port;
}

std::string service::base_url() const {
  return (impl_->opts.tls_cert.empty() ? "http://" : "https://") + impl_->host + ":" + std::to_string(impl_->port);
}

void service::stop() {
  if (impl_->http) impl_->http->stop();
  impl_->delays.reset();
  impl_->workers.reset();
}

std::vector<std::pair<std::string, std::string>> service::keys() const { return impl_->keys; }

std::size_t service::operation_count() const { return impl_->routes.size(); }

void service::allow_resource(std::string resource) { impl_->auth_server->allow_resource(std::move(resource)); }

void service::set_dashboard_members(std::vector<dashboard_member> members) {
  impl_->auth_server->set_members(std::move(members));
}

std::string service::issuer() const { return base_url(); }

void service::rotate_signing_key() {
  if (auto kid = impl_->auth_server->rotate_signing_key(); !kid)
    spdlog::error("emulator: signing key rotation failed: {}", kid.error().message);
}

}  // namespace emulator
