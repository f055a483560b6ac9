// transport/http_server.hpp — the Beast HTTP/1.1 server: listeners, connections, limits, drain.
//
// One `http_server` owns an io_context run by N threads, any number of listeners (plain or TLS)
// and every live connection. Each connection runs on its own strand; requests are read with a
// header and body limit, handed to the router as owned `transport::request`s, and answered
// through a `responder`. Pipelined requests are read ahead and their responses queued (at most
// `max_pipelined` per connection) and written in request order. Idle keep-alive connections and
// slow readers are timed out; streaming responses (SSE) are exempt from the idle timeout.
// Beast and Asio appear only in the .cpp: this header is cheap to include.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "transport/http.hpp"

namespace transport {

struct tls_files {
  std::string cert_chain_file;  ///< PEM
  std::string private_key_file; ///< PEM
};

struct server_limits {
  std::size_t max_body_bytes = 4 * 1024 * 1024;     ///< larger → 413
  std::size_t max_header_bytes = 16 * 1024;         ///< larger → 431
  std::size_t max_pipelined = 8;                    ///< queued responses per connection
  std::size_t max_connections = 20000;              ///< beyond → accept then close
  std::chrono::milliseconds read_timeout{30000};    ///< whole request, once its first byte came
  std::chrono::milliseconds idle_timeout{60000};    ///< keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30000};   ///< one write of a complete response
  std::chrono::milliseconds drain_timeout{5000};    ///< how long stop() waits for open exchanges
  std::chrono::milliseconds handshake_timeout{10000}; ///< TLS handshake of a new connection
  /// Bytes a streamed response may queue for a peer that reads slower than the stream is written;
  /// beyond it the connection is closed (the peer is too slow, or gone without a reset).
  std::size_t max_stream_backlog = 8 * 1024 * 1024;
};

/// A listening address, e.g. {"127.0.0.1", 0} for an ephemeral port.
struct listen_spec {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::optional<tls_files> tls;  ///< set → HTTPS on this listener
};

class http_server {
 public:
  /// `threads` I/O threads; `routes` is consulted for every request (not copied: must outlive
  /// the server and not change once `start` ran).
  http_server(const router& routes, server_limits limits, unsigned threads = 1);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds and listens. Returns the bound port (useful with port 0), or an error message.
  /// Call before `start`. Throws nothing: start-up errors are returned.
  struct bound { std::uint16_t port = 0; std::string error; };
  bound listen(const listen_spec& spec);

  /// Starts the I/O threads. Returns immediately.
  void start();

  /// Graceful drain: stop accepting, let open exchanges finish (streams are ended) for at most
  /// `drain_timeout`, then close everything and join the threads. Idempotent; blocks the caller.
  void stop();

  /// Number of open connections (for tests and metrics).
  std::size_t connection_count() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace transport
