// emulator/service.hpp — the embedded WorkOS emulator as a service: its own HTTP listener,
// its own store, the registered products, API keys, the demo seed, and fault injection.
//
// It shares the HTTP server code of transport/ and nothing of MCP: `workos-mcp serve` runs it
// beside the MCP server in one process by default, `workos-mcp emulator` runs it alone.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace emulator {

/// One fault-injection rule (enabled only by the --fault flag): requests whose path matches
/// `pattern` (`*` matches any run of characters) get, with probability `rate`, the latency,
/// and then either a dropped connection, a 429 with Retry-After, or the status.
struct fault_rule {
  std::string pattern;
  std::chrono::milliseconds latency{0};
  unsigned status = 0;  ///< 0: none
  double rate = 1.0;
  bool drop = false;
  unsigned retry_after_s = 0;  ///< with status 429
  /// Parses `PATTERN:key=value,…` (keys: latency_ms, status, rate, drop, retry_after); the
  /// error says what is wrong.
  static std::optional<fault_rule> parse(std::string_view spec, std::string& error);
};

struct options {
  std::string data_dir = "workos-mcp-data";
  std::string listen = "127.0.0.1:0";
  /// Extra API keys: sk_test_… for the sandbox, sk_live_… for production.
  std::vector<std::string> api_keys;
  std::string seed = "demo";  ///< demo | none: what a fresh data directory starts with
  std::vector<fault_rule> faults;
  unsigned io_threads = 1;
};

class service {
 public:
  /// Opens the store and seeds a fresh one; throws std::runtime_error when it cannot start.
  explicit service(options opts);
  ~service();
  /// Binds and serves; returns the bound port.
  std::uint16_t start();
  std::string base_url() const;
  void stop();
  /// The API keys that work, with their environment ("sandbox" / "production").
  std::vector<std::pair<std::string, std::string>> keys() const;
  /// Number of registered operations (method + path).
  std::size_t operation_count() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace emulator
