// app/service.hpp — one running MCP server: actor system, session registry, HTTP server.
//
// `workos-mcp serve` and the conformance fixture server are both an `mcp_service` with a
// different tool registry; this is the one place that wires the layers together and the one
// place that knows the shutdown order (HTTP first, then sessions, then the actor system).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/config.hpp"
#include "mcp/registry.hpp"
#include "transport/http.hpp"
#include "transport/streamable_http.hpp"

namespace caf {
class actor_system;
}

namespace app {

/// Called by `start` once the listener is bound (so the served URL is known) and before the
/// first request is accepted: adds routes (well-known metadata) and returns the MCP endpoint's
/// authenticator (empty: anonymous).
using auth_installer = std::function<transport::authenticator(transport::router& routes, const std::string& mcp_url)>;

class mcp_service {
 public:
  /// Builds everything; throws std::runtime_error with a readable message when it cannot
  /// start (bad listen address, TLS files, port in use). Start-up is the one place we throw.
  mcp_service(const config& cfg, std::shared_ptr<mcp::registry> tools);
  ~mcp_service();

  /// Extra endpoints (the admin page, …). Call before `start`.
  transport::router& routes();
  /// How MCP requests are authenticated. Call before `start`.
  void set_auth(auth_installer install);
  /// The actor system the sessions run on, for other actors of the process (token verifier, …).
  caf::actor_system& actors();
  /// Runs `fn` during `stop`, after the HTTP server stopped and before the actor system ends:
  /// where actors owned by others are told to quit.
  void at_stop(std::function<void()> fn);

  /// Binds, starts serving; returns the bound port.
  std::uint16_t start();
  /// e.g. "http://127.0.0.1:8080"
  std::string base_url() const;
  std::string mcp_url() const { return base_url() + "/mcp"; }

  /// Blocks until SIGINT or SIGTERM, then stops.
  void run_until_signal();
  /// Graceful stop; idempotent.
  void stop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Sets up spdlog on stderr (text or JSON lines) at the configured level.
void setup_logging(const config& cfg);

/// Blocks SIGINT/SIGTERM in the calling thread and every thread it starts later (call first in
/// main), so that `run_until_signal` receives them with sigwait and no handler ever interrupts
/// an I/O or actor thread; ignores SIGPIPE (a peer that left is a write error, not a crash).
void prepare_process_signals();

/// Blocks until SIGINT or SIGTERM (after prepare_process_signals).
void wait_for_shutdown_signal();

/// `parse_config` over the real environment.
parse_outcome parse_config_from_process(const std::vector<std::string>& args);

/// The ready line: {"ready":true,"mcp_url":…} plus one `<name>_url` per extra service.
std::string ready_line(const mcp_service& service, const std::vector<std::pair<std::string, std::string>>& urls = {});

}  // namespace app
