// tests/integration/process.hpp — start a server binary on port 0 and read its ready line;
// plus a minimal blocking HTTP/1.1 client for raw protocol checks (Beast, test-only).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace it {

/// A child process whose stdout's first line is the ready JSON. Killed (SIGKILL) on destruction
/// if still running.
class server_process {
 public:
  server_process(const std::string& binary, std::vector<std::string> args,
                 std::map<std::string, std::string> env = {});
  ~server_process();
  const std::string& ready_line() const { return ready_; }
  std::string mcp_url() const;
  std::uint16_t port() const { return port_; }
  /// Sends SIGTERM and waits (bounded) for the exit status; nullopt on timeout.
  std::optional<int> terminate(std::chrono::milliseconds within = std::chrono::seconds(10));
  /// Runs a binary to completion (bounded); its exit code and stderr.
  static std::pair<int, std::string> run(const std::string& binary, std::vector<std::string> args,
                                         std::map<std::string, std::string> env = {});

 private:
  int pid_ = -1;
  std::string ready_;
  std::uint16_t port_ = 0;
};

struct http_reply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

/// One request on a fresh connection (closed afterwards). Bounded by `timeout`.
http_reply http(std::uint16_t port, const std::string& method, const std::string& target,
                std::map<std::string, std::string> headers, const std::string& body = {},
                std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// A streaming response being read (SSE): reads until `until` says stop, the stream ends, or
/// the deadline passes.
class open_stream {
 public:
  open_stream(std::uint16_t port, const std::string& method, const std::string& target,
              std::map<std::string, std::string> headers, const std::string& body = {});
  ~open_stream();
  unsigned status() const;
  std::string header(const std::string& name) const;
  /// Reads more; returns true when `until(body so far)` holds, false at end of stream/timeout.
  bool read_until(const std::function<bool(const std::string&)>& until,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Reads to the end of the response; true if it ended (rather than timed out).
  bool read_to_end(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  const std::string& body() const;
  void close();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// One HTTPS request trusting only `ca_file` and checking that the certificate names `host`.
/// Status 0 when the handshake or the request failed.
http_reply https(std::uint16_t port, const std::string& host, const std::string& ca_file, const std::string& method,
                 const std::string& target, std::map<std::string, std::string> headers, const std::string& body = {});

/// Parses an SSE body into (id, data) events.
std::vector<std::pair<std::string, std::string>> sse_events(const std::string& body);

}  // namespace it
