// actors/workos_client.cpp — the WorkOS API client: async Beast I/O on one Asio thread.
//
// Life of a call (all steps on the I/O thread, so the maps below need no locks):
//   admit        per environment: run now if fewer than max_concurrent are active, else queue (up to
//                max_queued, else `overloaded`); a finished call starts the next queued one
//   attempt      breaker check for the upstream (scheme, host, port): open → `circuit_open` at once;
//                open and cooled down → this call is the single half-open probe
//   connection   an idle pooled one (younger than idle_timeout) or a new one: resolve, connect
//                (connect deadline), TLS handshake with CA + host-name verification + SNI
//   exchange     write, read (attempt deadline = min(attempt_timeout, what is left of the call))
//   outcome      2xx-4xx (but 429) and 500: the response; 502/503/504, connect errors, timeouts and
//                dropped connections: a failure for the breaker, and retried with full-jitter
//                backoff when the request is safe to repeat; 429: wait Retry-After when ≤ the cap
//
// Safe to repeat = GET, HEAD, PUT, DELETE, OPTIONS, or any method sent with an Idempotency-Key
// (the same key on every attempt). A POST without one is sent once: it may have been applied even
// when the answer was lost. TLS failures are never retried (another try meets the same
// certificate). A pooled connection that the server closed while idle fails before any response
// byte arrives; such a request, when safe to repeat, is re-sent at once on a new connection
// without counting an attempt.
//
// Timers for I/O use the real steady clock (Beast's); the injectable clock only drives breaker
// cool-downs and idle ages, so tests can move them without waiting.
#include "actors/workos_client.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <ctime>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "transport/client_common.hpp"

namespace actors {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;
using namespace transport::client_detail;
using ekind = upstream_error::kind;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

struct connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<tls_stream> tls;
  beast::flat_buffer buffer;
  steady::time_point idle_since;
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
  void close() {
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
  }
};

enum class breaker_state { closed, open, half_open };

struct upstream_state {
  std::vector<std::unique_ptr<connection>> idle;  ///< most recently used last
  breaker_state state = breaker_state::closed;
  unsigned failures = 0;
  steady::time_point opened_at;
  bool probe_in_flight = false;
};

bool safe_to_repeat(const upstream_request& r) {
  const auto& m = r.method;
  return m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS" || r.idempotency_key.has_value();
}

bool is_loopback_host(const parsed_url& u) {
  if (u.host == "localhost") return true;
  if (!u.host_is_ip) return false;
  error_code ec;
  auto a = net::ip::make_address(u.host, ec);
  return !ec && a.is_loopback();
}

std::string path_only(std::string_view target) { return std::string(target.substr(0, target.find('?'))); }

}  // namespace

std::string_view to_string(upstream_error::kind k) {
  switch (k) {
    case ekind::timeout: return "timeout";
    case ekind::connect: return "connect";
    case ekind::tls: return "tls";
    case ekind::circuit_open: return "circuit_open";
    case ekind::overloaded: return "overloaded";
    case ekind::protocol: return "protocol";
    case ekind::cancelled: return "cancelled";
    case ekind::invalid: return "invalid";
  }
  return "protocol";
}

std::optional<std::string> upstream_response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (transport::iequals(k, name)) return v;
  return std::nullopt;
}

struct workos_client::impl : std::enable_shared_from_this<workos_client::impl> {
  struct exchange;
  using ex_ptr = std::shared_ptr<exchange>;

  struct env_state {
    unsigned active = 0;
    std::deque<ex_ptr> queue;
  };

  struct exchange : std::enable_shared_from_this<exchange> {
    exchange(net::io_context& ioc) : timer(ioc), resolver(ioc) {}
    upstream_target target;
    upstream_request req;
    std::function<void(upstream_result)> done;
    parsed_url url;
    std::string upstream_key;  ///< scheme://host:port
    steady::time_point started, deadline, attempt_deadline;
    unsigned attempts = 0;
    std::string last_request_id;
    std::unique_ptr<connection> conn;
    bool reused = false;
    bool probe = false;
    bool admitted = false;
    bool finished = false;
    net::steady_timer timer;
    tcp::resolver resolver;
    http::request<http::string_body> msg;
    std::optional<http::response_parser<http::string_body>> parser;
  };

  workos_client_options opts;
  net::io_context ioc{1};
  net::executor_work_guard<net::io_context::executor_type> guard{ioc.get_executor()};
  std::shared_ptr<ssl::context> tls_ctx;
  std::map<std::string, upstream_state> upstreams;
  std::map<std::string, env_state> envs;
  std::set<ex_ptr> live;
  bool stopping = false;
  std::mt19937_64 rng{std::random_device{}()};
  std::atomic<std::uint64_t> opened{0}, reused{0}, sent{0}, retries{0};
  std::thread thread;

  steady::time_point clock() const { return opts.now ? opts.now() : steady::now(); }
  double jitter() { return opts.random01 ? opts.random01() : std::uniform_real_distribution<double>(0, 1)(rng); }

  // ---------------------------------------------------------------------------------------------
  // admission

  void start(const ex_ptr& ex) {
    if (stopping) return finish(ex, upstream_error{ekind::cancelled, "the WorkOS client is shutting down", {}, 0});
    auto url = parse_url(ex->target.base_url + ex->req.path_and_query);
    if (!url) return finish(ex, upstream_error{ekind::invalid, std::move(url).error(), {}, 0});
    ex->url = std::move(*url);
    if (!ex->url.tls && !opts.allow_http && !is_loopback_host(ex->url))
      return finish(ex, upstream_error{ekind::invalid, "plain http is only allowed to loopback hosts", {}, 0});
    if (!is_token(ex->req.method)) return finish(ex, upstream_error{ekind::invalid, "invalid HTTP method", {}, 0});
    bool writes = ex->req.method == "POST" || ex->req.method == "PATCH";
    if (writes && !ex->req.idempotency_key && ex->req.auto_idempotency_key) {
      static constexpr char hex[] = "0123456789abcdef";
      std::string key = "workos-mcp-";
      for (int i = 0; i < 32; ++i) key.push_back(hex[rng() & 15]);
      ex->req.idempotency_key = std::move(key);
    }
    if ((ex->req.idempotency_key && has_ctl(*ex->req.idempotency_key)) || has_ctl(ex->target.api_key.reveal()))
      return finish(ex, upstream_error{ekind::invalid, "a header value has a control character", {}, 0});
    ex->upstream_key = (ex->url.tls ? "https://" : "http://") + ex->url.host_header + "#" + std::to_string(ex->url.port);
    build_message(*ex);

    auto& env = envs[ex->target.environment_id];
    if (env.active < opts.max_concurrent_per_environment) {
      ++env.active;
      ex->admitted = true;
      return begin_attempt(ex);
    }
    if (env.queue.size() >= opts.max_queued_per_environment)
      return finish(ex, upstream_error{ekind::overloaded,
                                       "too many concurrent WorkOS calls for this environment; try again shortly", {}, 0});
    env.queue.push_back(ex);
  }

  void build_message(exchange& ex) {
    auto& m = ex.msg;
    m.version(11);
    m.method_string(ex.req.method);
    m.target(ex.url.target);
    m.set(http::field::host, ex.url.host_header);
    m.set(http::field::user_agent, "workos-mcp/0.1");
    m.set(http::field::accept, "application/json");
    // The only place the key is read: straight into the header, never into a string we log.
    std::string auth = "Bearer ";
    auth += ex.target.api_key.reveal();
    m.set(http::field::authorization, auth);
    std::fill(auth.begin(), auth.end(), '\0');
    if (ex.req.idempotency_key) m.set("Idempotency-Key", *ex.req.idempotency_key);
    m.keep_alive(true);
    bool body_method = ex.req.method == "POST" || ex.req.method == "PUT" || ex.req.method == "PATCH";
    if (!ex.req.body.empty()) m.set(http::field::content_type, "application/json");
    if (!ex.req.body.empty() || body_method) {
      m.body() = ex.req.body;
      m.prepare_payload();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // attempts

  void begin_attempt(const ex_ptr& ex) {
    if (stopping) return finish(ex, cancelled(*ex));
    auto now = steady::now();
    if (now >= ex->deadline) return finish(ex, timed_out(*ex));
    auto& up = upstreams[ex->upstream_key];
    if (up.state == breaker_state::open) {
      if (clock() - up.opened_at < opts.breaker_cooldown)
        return finish(ex, upstream_error{ekind::circuit_open,
                                         "the WorkOS API at " + ex->url.host_header +
                                             " is failing; calls are paused for a moment",
                                         ex->last_request_id, ex->attempts});
      up.state = breaker_state::half_open;
      up.probe_in_flight = false;
    }
    if (up.state == breaker_state::half_open && !ex->probe) {
      if (up.probe_in_flight)
        return finish(ex, upstream_error{ekind::circuit_open,
                                         "the WorkOS API at " + ex->url.host_header + " is being probed after failures",
                                         ex->last_request_id, ex->attempts});
      up.probe_in_flight = true;
      ex->probe = true;
    }
    ++ex->attempts;
    ++sent;
    ex->attempt_deadline = std::min(ex->deadline, now + opts.attempt_timeout);
    // Pooled connection: the most recently used that is not too old.
    while (!up.idle.empty()) {
      auto c = std::move(up.idle.back());
      up.idle.pop_back();
      if (clock() - c->idle_since > opts.idle_timeout) {
        c->close();
        continue;
      }
      ex->conn = std::move(c);
      ex->reused = true;
      ++reused;
      return send(ex);
    }
    open_connection(ex);
  }

  void open_connection(const ex_ptr& ex) {
    ex->reused = false;
    ex->conn = std::make_unique<connection>();
    ex->conn->plain = std::make_unique<beast::tcp_stream>(ioc);
    auto connect_deadline = std::min(ex->attempt_deadline, steady::now() + opts.connect_timeout);
    if (ex->url.host_is_ip) {
      error_code ec;
      auto a = net::ip::make_address(ex->url.host, ec);
      if (ec) return attempt_failed(ex, ekind::invalid, "invalid address " + ex->url.host);
      std::vector<tcp::endpoint> eps{tcp::endpoint(a, ex->url.port)};
      return connect(ex, std::move(eps), connect_deadline);
    }
    // Asio's resolver cannot be interrupted, only abandoned: the timer bounds our wait for it.
    ex->timer.expires_at(connect_deadline);
    ex->timer.async_wait([ex](error_code ec) {
      if (!ec) ex->resolver.cancel();
    });
    ex->resolver.async_resolve(ex->url.host, std::to_string(ex->url.port),
                               [this, ex, connect_deadline](error_code ec, tcp::resolver::results_type results) {
                                 ex->timer.cancel();
                                 if (stopping) return finish(ex, cancelled(*ex));
                                 if (ec == net::error::operation_aborted)
                                   return attempt_failed(ex, ekind::timeout, "resolving " + ex->url.host + " timed out");
                                 if (ec) return attempt_failed(ex, ekind::connect, "cannot resolve " + ex->url.host + ": " + ec.message());
                                 std::vector<tcp::endpoint> eps;
                                 for (const auto& r : results) eps.push_back(r.endpoint());
                                 connect(ex, std::move(eps), connect_deadline);
                               });
  }

  void connect(const ex_ptr& ex, std::vector<tcp::endpoint> eps, steady::time_point connect_deadline) {
    ex->conn->plain->expires_at(connect_deadline);
    ex->conn->plain->async_connect(eps, [this, ex](error_code ec, const tcp::endpoint&) {
      if (stopping) return finish(ex, cancelled(*ex));
      if (ec == beast::error::timeout) return attempt_failed(ex, ekind::timeout, "connecting to " + ex->url.host_header + " timed out");
      if (ec) return attempt_failed(ex, ekind::connect, "cannot connect to " + ex->url.host_header + ": " + ec.message());
      ++opened;
      error_code ignored;
      ex->conn->plain->socket().set_option(tcp::no_delay(true), ignored);
      if (!ex->url.tls) return send(ex);
      handshake(ex);
    });
  }

  void handshake(const ex_ptr& ex) {
    auto& c = *ex->conn;
    c.tls = std::make_unique<tls_stream>(std::move(*c.plain), *tls_ctx);
    c.plain.reset();
    if (auto err = set_tls_peer(c.tls->native_handle(), ex->url)) return attempt_failed(ex, ekind::tls, *err);
    c.lowest().expires_at(ex->attempt_deadline);
    c.tls->async_handshake(ssl::stream_base::client, [this, ex](error_code ec) {
      if (stopping) return finish(ex, cancelled(*ex));
      if (!ec) return send(ex);
      if (ec == beast::error::timeout) return attempt_failed(ex, ekind::timeout, "TLS handshake with " + ex->url.host_header + " timed out");
      std::string why = ec.message();
      long v = SSL_get_verify_result(ex->conn->tls->native_handle());
      if (v != X509_V_OK) why = std::string{"certificate verify failed: "} + X509_verify_cert_error_string(v);
      ERR_clear_error();  // this thread's OpenSSL queue must not leak into the next connection
      attempt_failed(ex, ekind::tls, "TLS handshake with " + ex->url.host_header + " failed: " + why);
    });
  }

  void send(const ex_ptr& ex) {
    auto& c = *ex->conn;
    c.lowest().expires_at(ex->attempt_deadline);
    auto on_write = [this, ex](error_code ec, std::size_t) {
      if (stopping) return finish(ex, cancelled(*ex));
      if (ec) return io_failed(ex, ec, false);
      read(ex);
    };
    if (c.tls)
      http::async_write(*c.tls, ex->msg, on_write);
    else
      http::async_write(*c.plain, ex->msg, on_write);
  }

  void read(const ex_ptr& ex) {
    auto& c = *ex->conn;
    ex->parser.emplace();
    ex->parser->header_limit(64 * 1024);
    ex->parser->body_limit(opts.max_response_bytes);
    if (ex->req.method == "HEAD") ex->parser->skip(true);
    auto on_read = [this, ex](error_code ec, std::size_t) {
      if (stopping) return finish(ex, cancelled(*ex));
      if (ec) return io_failed(ex, ec, ex->parser->got_some());
      got_response(ex);
    };
    if (c.tls)
      http::async_read(*c.tls, c.buffer, *ex->parser, on_read);
    else
      http::async_read(*c.plain, c.buffer, *ex->parser, on_read);
  }

  void io_failed(const ex_ptr& ex, error_code ec, bool got_some) {
    bool stale = ex->reused && !got_some && ec != beast::error::timeout;
    if (stale && safe_to_repeat(ex->req)) {
      // The server closed this idle connection before we used it: not the upstream failing.
      ex->conn->close();
      ex->conn.reset();
      return open_connection(ex);
    }
    if (ec == beast::error::timeout)
      return attempt_failed(ex, ekind::timeout, "no answer from " + ex->url.host_header + " in time");
    if (ec == http::error::body_limit || ec == http::error::header_limit)
      return attempt_failed(ex, ekind::protocol, "response from " + ex->url.host_header + " is too large");
    attempt_failed(ex, ekind::protocol, "connection to " + ex->url.host_header + " failed: " + ec.message());
  }

  // ---------------------------------------------------------------------------------------------
  // outcomes

  void got_response(const ex_ptr& ex) {
    auto res = ex->parser->release();
    ex->parser.reset();
    upstream_response out;
    out.status = res.result_int();
    for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(res.body());
    out.request_id = out.header("X-Request-ID").value_or("");
    out.attempts = ex->attempts;
    ex->last_request_id = out.request_id;
    auto& up = upstreams[ex->upstream_key];
    if (res.keep_alive() && !stopping && up.idle.size() < opts.max_idle_per_upstream) {
      ex->conn->idle_since = clock();
      up.idle.push_back(std::move(ex->conn));
    } else {
      ex->conn->close();
      ex->conn.reset();
    }
    bool gateway = out.status == 502 || out.status == 503 || out.status == 504;
    if (gateway)
      breaker_failure(ex);
    else
      breaker_success(ex);
    bool can_retry = safe_to_repeat(ex->req) && ex->attempts < opts.max_attempts;
    if (out.status == 429 && can_retry) {
      auto wait = retry_after(out);
      if (!wait) wait = backoff(*ex);
      if (*wait <= opts.retry_after_cap && steady::now() + *wait < ex->deadline) return retry_after_wait(ex, *wait);
    } else if (gateway && can_retry) {
      auto wait = backoff(*ex);
      if (steady::now() + wait < ex->deadline) return retry_after_wait(ex, wait);
    }
    finish(ex, std::move(out));
  }

  void attempt_failed(const ex_ptr& ex, ekind k, std::string message) {
    if (ex->conn) {
      ex->conn->close();
      ex->conn.reset();
    }
    if (k != ekind::invalid) breaker_failure(ex);
    bool total_over = steady::now() >= ex->deadline;
    bool retryable_kind = k == ekind::connect || k == ekind::timeout || k == ekind::protocol;
    if (retryable_kind && !total_over && safe_to_repeat(ex->req) && ex->attempts < opts.max_attempts) {
      auto wait = backoff(*ex);
      if (steady::now() + wait < ex->deadline) return retry_after_wait(ex, wait);
    }
    if (total_over) k = ekind::timeout;
    finish(ex, upstream_error{k, std::move(message), ex->last_request_id, ex->attempts});
  }

  void retry_after_wait(const ex_ptr& ex, std::chrono::milliseconds wait) {
    ++retries;
    if (wait.count() <= 0) {
      net::post(ioc, [this, ex] { begin_attempt(ex); });
      return;
    }
    ex->timer.expires_after(wait);
    ex->timer.async_wait([this, ex](error_code) { begin_attempt(ex); });  // begin_attempt checks `stopping`
  }

  /// Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): spreads the retries of
  /// many callers hit by the same outage instead of synchronising them.
  std::chrono::milliseconds backoff(const exchange& ex) {
    double ceiling = static_cast<double>(opts.backoff_base.count()) * static_cast<double>(1u << std::min(ex.attempts - 1, 16u));
    ceiling = std::min(ceiling, static_cast<double>(opts.backoff_cap.count()));
    return std::chrono::milliseconds(static_cast<long long>(ceiling * jitter()));
  }

  /// Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); nullopt when absent or unreadable.
  std::optional<std::chrono::milliseconds> retry_after(const upstream_response& r) {
    auto v = r.header("Retry-After");
    if (!v || v->empty()) return std::nullopt;
    if (std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      if (v->size() > 9) return std::chrono::milliseconds::max();
      return std::chrono::seconds(std::stol(*v));
    }
    std::tm tm{};
    const char* end = ::strptime(v->c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end != '\0') return std::nullopt;
    auto at = std::chrono::system_clock::from_time_t(::timegm(&tm));
    auto now = opts.wall_now ? opts.wall_now() : std::chrono::system_clock::now();
    if (at <= now) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
  }

  void breaker_success(const ex_ptr& ex) {
    auto& up = upstreams[ex->upstream_key];
    up.failures = 0;
    up.state = breaker_state::closed;
    if (ex->probe) up.probe_in_flight = false;
    ex->probe = false;
  }

  void breaker_failure(const ex_ptr& ex) {
    auto& up = upstreams[ex->upstream_key];
    if (ex->probe || up.state == breaker_state::half_open) {
      up.state = breaker_state::open;
      up.opened_at = clock();
      up.probe_in_flight = false;
      ex->probe = false;
      return;
    }
    if (++up.failures >= opts.breaker_failures && up.state == breaker_state::closed) {
      up.state = breaker_state::open;
      up.opened_at = clock();
      spdlog::warn("workos client: circuit to {} opened after {} consecutive failures", ex->url.host_header, up.failures);
    }
  }

  upstream_error cancelled(const exchange& ex) {
    return upstream_error{ekind::cancelled, "the WorkOS client is shutting down", ex.last_request_id, ex.attempts};
  }
  upstream_error timed_out(const exchange& ex) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(ex.deadline - ex.started).count();
    return upstream_error{ekind::timeout, "the WorkOS call did not finish within " + std::to_string(ms) + " ms",
                          ex.last_request_id, ex.attempts};
  }

  void finish(const ex_ptr& ex, upstream_result r) {
    if (ex->finished) return;
    ex->finished = true;
    live.erase(ex);
    ex->timer.cancel();
    if (ex->conn) {
      ex->conn->close();
      ex->conn.reset();
    }
    if (ex->probe) {
      // Ended without a verdict (e.g. cancelled): let the next call probe.
      auto& up = upstreams[ex->upstream_key];
      up.probe_in_flight = false;
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - ex->started).count();
    auto path = path_only(ex->url.target.empty() ? ex->req.path_and_query : ex->url.target);
    if (r)
      spdlog::debug("workos {} {} → {} attempts={} {} ms request_id={}", ex->req.method, path, r->status, r->attempts, ms,
                    r->request_id);
    else
      spdlog::info("workos {} {} failed ({}) attempts={} {} ms request_id={}: {}", ex->req.method, path,
                   to_string(r.error().what), r.error().attempts, ms, r.error().request_id, r.error().message);
    if (ex->admitted) release_slot(ex->target.environment_id);
    try {
      if (ex->done) ex->done(std::move(r));
    } catch (const std::exception& e) {
      spdlog::error("workos client: a completion handler threw: {}", e.what());
    }
  }

  void release_slot(const std::string& env_id) {
    auto it = envs.find(env_id);
    if (it == envs.end()) return;
    auto& env = it->second;
    if (env.active > 0) --env.active;
    while (!env.queue.empty() && env.active < opts.max_concurrent_per_environment) {
      auto next = env.queue.front();
      env.queue.pop_front();
      ++env.active;
      next->admitted = true;
      // Posted, not called: a long queue must not recurse through finish() → release_slot().
      net::post(ioc, [this, next] { begin_attempt(next); });
    }
    if (env.active == 0 && env.queue.empty()) envs.erase(it);
  }

  void shutdown() {
    stopping = true;
    for (auto& [key, env] : envs) {
      auto queued = std::move(env.queue);
      env.queue.clear();
      for (auto& ex : queued) {
        ex->admitted = false;
        finish(ex, cancelled(*ex));
      }
    }
    // Live exchanges end through their handlers (which see `stopping`), or right here when they
    // are between steps; closing sockets and cancelling timers wakes the handlers.
    auto all = live;
    for (auto& ex : all) {
      ex->timer.cancel();
      ex->resolver.cancel();
      error_code ignored;
      if (ex->conn) ex->conn->lowest().socket().close(ignored);
    }
    for (auto& [key, up] : upstreams)
      for (auto& c : up.idle) c->close();
    upstreams.clear();
  }
};

workos_client::workos_client(workos_client_options opts) : impl_(std::make_shared<impl>()) {
  impl_->opts = std::move(opts);
  auto ctx = make_tls_client_context(impl_->opts.ca_file);
  if (!ctx) throw std::runtime_error("WorkOS client: " + std::move(ctx).error());
  impl_->tls_ctx = std::move(*ctx);
  // The thread holds the state too: the last owner of the client may be a completion handler
  // running on this very thread (a tool's callback holding the client), see the destructor.
  impl_->thread = std::thread([i = impl_] { i->ioc.run(); });
}

workos_client::~workos_client() {
  net::post(impl_->ioc, [i = impl_.get()] { i->shutdown(); });
  impl_->guard.reset();
  if (!impl_->thread.joinable()) return;
  // Destroyed from its own I/O thread (a handler dropped the last reference): that thread cannot
  // join itself. It finishes the shutdown posted above, then releases the state it holds.
  if (impl_->thread.get_id() == std::this_thread::get_id()) impl_->thread.detach();
  else impl_->thread.join();
}

void workos_client::call(upstream_target target, upstream_request req, std::function<void(upstream_result)> done) {
  auto* i = impl_.get();
  auto ex = std::make_shared<impl::exchange>(i->ioc);
  ex->started = steady::now();
  ex->deadline = ex->started + (req.timeout.count() > 0 ? req.timeout : i->opts.default_timeout);
  ex->target = std::move(target);
  ex->req = std::move(req);
  ex->done = std::move(done);
  net::post(i->ioc, [i, ex] {
    i->live.insert(ex);
    i->start(ex);
  });
}

workos_client_stats workos_client::stats() const {
  return {impl_->opened.load(), impl_->reused.load(), impl_->sent.load(), impl_->retries.load()};
}

}  // namespace actors
