// actors/workos_client.hpp — the one way upstream WorkOS API calls leave the server: HTTP/1.1 over
// TLS (or plain HTTP to loopback), with a keep-alive pool per upstream, connect and total
// timeouts, retries with backoff for requests that are safe to repeat, Retry-After on 429, a
// circuit breaker per upstream and a concurrency limit per environment.
//
// Why not a CAF actor: the client is an actor in the Asio sense — all of its state (pools,
// breakers, per-environment queues) lives on one I/O thread and is only touched by handlers
// posted there, so no locks and no CAF hop (≈ 25 µs each, cpp-stack-notes.md) on the hot path.
// `call()` may be invoked from any thread (a session actor included); `done` runs on the client's
// I/O thread, exactly once, and must not block: a session actor sends the result to itself.
//
// Secrets: the API key travels in `upstream_target::api_key` (control::secret) and is only read
// when the Authorization header is written. Logs carry method, path without query, status,
// attempts, latency and the upstream request id — never the key, the header or the query.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "control/model.hpp"
#include "mcp/errors.hpp"

namespace actors {

/// Where a call goes and with which key.
struct upstream_target {
  std::string environment_id;  ///< the concurrency limit is per environment
  std::string base_url;        ///< "https://api.workos.com" (no trailing slash; a path prefix is kept)
  control::secret api_key;
};

/// What to send. `path_and_query` comes from workos::build_request.
struct upstream_request {
  std::string method = "GET";
  std::string path_and_query = "/";
  std::string body;  ///< JSON; empty: none
  /// Sent as Idempotency-Key on every attempt. Set, a POST/PATCH may be retried.
  std::optional<std::string> idempotency_key;
  /// For POST/PATCH without a key: make one ("workos-mcp-<random>") so the call may be retried
  /// safely (WorkOS honours Idempotency-Key on create endpoints, workos-api.md §2.6).
  bool auto_idempotency_key = false;
  /// Whole call, queueing and every attempt and wait included; 0: the client's default.
  std::chrono::milliseconds timeout{0};
};

struct upstream_response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string request_id;  ///< the response's X-Request-ID ("" when absent)
  unsigned attempts = 0;   ///< how many requests were sent (1 = no retry)
  /// First value of header `name`, case-insensitive.
  std::optional<std::string> header(std::string_view name) const;
};

struct upstream_error {
  enum class kind { timeout, connect, tls, circuit_open, overloaded, protocol, cancelled, invalid };
  kind what = kind::protocol;
  std::string message;     ///< readable, no secrets
  std::string request_id;  ///< X-Request-ID of the last response seen, if any
  unsigned attempts = 0;
};

/// "timeout", "connect", "tls", "circuit_open", "overloaded", "protocol", "cancelled", "invalid".
std::string_view to_string(upstream_error::kind k);

/// Non-2xx answers are responses (the caller maps them); transport failures are errors.
using upstream_result = mcp::result<upstream_response, upstream_error>;

struct workos_client_options {
  std::chrono::milliseconds connect_timeout{3000};  ///< per attempt: TCP connect (+ resolve)
  std::chrono::milliseconds attempt_timeout{15000};  ///< per attempt: connect to last response byte
  std::chrono::milliseconds default_timeout{30000};  ///< per call when the request sets none
  unsigned max_attempts = 3;
  std::chrono::milliseconds backoff_base{200};  ///< full jitter: uniform(0, min(cap, base·2^(n-1)))
  std::chrono::milliseconds backoff_cap{5000};
  /// A 429's Retry-After is waited when it is at most this; longer, the 429 is returned.
  std::chrono::milliseconds retry_after_cap{10000};
  std::size_t max_idle_per_upstream = 8;
  std::chrono::milliseconds idle_timeout{20000};  ///< idle pooled connections older than this are closed
  unsigned breaker_failures = 5;                  ///< consecutive failures that open the circuit
  std::chrono::milliseconds breaker_cooldown{10000};  ///< open → one half-open probe after this
  unsigned max_concurrent_per_environment = 16;
  std::size_t max_queued_per_environment = 64;  ///< beyond: `overloaded`
  std::size_t max_response_bytes = 8 << 20;
  std::string ca_file;      ///< PEM of trusted CAs; empty: the system store
  bool allow_http = false;  ///< plain http:// to non-loopback hosts (loopback is always allowed)
  /// Injectable for tests: the monotonic clock used for breaker cool-downs and idle ages, the
  /// wall clock used for HTTP-date Retry-After, and the jitter source (uniform in [0, 1)).
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<std::chrono::system_clock::time_point()> wall_now;
  std::function<double()> random01;
};

/// Counters for tests and metrics (read from any thread).
struct workos_client_stats {
  std::uint64_t connections_opened = 0;
  std::uint64_t connections_reused = 0;
  std::uint64_t requests_sent = 0;
  std::uint64_t retries = 0;
};

class workos_client {
 public:
  /// Starts the I/O thread. Fails (throws std::runtime_error) only when the CA file cannot be loaded.
  explicit workos_client(workos_client_options opts = {});
  /// Cancels what is in flight (each `done` gets `cancelled`), closes the pool, joins the thread.
  ~workos_client();
  workos_client(const workos_client&) = delete;
  workos_client& operator=(const workos_client&) = delete;

  /// Starts one call; `done` runs exactly once on the client's I/O thread.
  void call(upstream_target target, upstream_request req, std::function<void(upstream_result)> done);

  workos_client_stats stats() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace actors
