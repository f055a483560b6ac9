// transport/http.hpp — the HTTP vocabulary every endpoint handler sees, free of Beast.
//
// Handlers (the MCP endpoint here, later the well-known metadata, the admin page, health) are
// written against these owned values and the `responder` interface, never against Beast types:
// that keeps Beast's heavy templates in http_server.cpp alone and lets handlers be unit-tested
// with a fake responder. Threading: a handler is called on its connection's strand; a responder
// may be used from any thread (it posts back to the strand).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace transport {

/// Case-insensitive ASCII comparison, for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

/// `s` without leading and trailing spaces and tabs (HTTP's optional whitespace, RFC 9110 §5.6.3).
std::string_view trim(std::string_view s);

/// An HTTP header list that keeps order and compares names case-insensitively.
class header_list {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  /// Replaces every value of `name` with one.
  void set(std::string_view name, std::string value);
  /// First value of `name`, if any.
  std::optional<std::string_view> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

/// One HTTP request, fully read and owned.
struct request {
  std::string method;  ///< "GET", "POST", … as sent
  std::string target;  ///< the request-target as sent: path plus query
  std::string path;    ///< target without the query string
  std::string query;   ///< without the '?'
  header_list headers;
  /// The body. Its capacity is at least size() + body_padding, so that simdjson can parse it in
  /// place without a copy (see mcp/jsonrpc.hpp).
  std::string body;
  bool tls = false;
  std::string remote_address;
};

/// Bytes of readable padding the server guarantees after `request::body` (simdjson needs 64).
inline constexpr std::size_t body_padding = 64;

/// A complete (non-streamed) response.
struct response {
  unsigned status = 200;
  header_list headers;
  std::string body;

  static response text(unsigned status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static response json(unsigned status, std::string body);
  static response empty(unsigned status);
};

/// The response side of one HTTP exchange. Exactly one of: `send` once; or `begin_stream`, any
/// number of `write`s, then `end_stream`. Calls after the exchange is over are ignored. Any
/// thread may call; the work happens on the connection's strand, in call order.
class responder {
 public:
  virtual ~responder() = default;
  virtual void send(response r) = 0;
  /// Starts a chunked response with these headers (status and content type set by the caller).
  /// The connection's idle timeout no longer applies to it.
  virtual void begin_stream(unsigned status, header_list headers) = 0;
  virtual void write(std::string chunk) = 0;
  virtual void end_stream() = 0;
  /// True once the peer is gone or the exchange is over: writes are dropped from then on.
  virtual bool closed() const = 0;
  /// Cuts the connection at once without answering (fault injection: "the upstream dropped
  /// the connection"). Pipelined exchanges behind this one are lost with it.
  virtual void abort() = 0;
  /// Registers a callback run (once, on the strand) when the peer disconnects or the server
  /// drains while the exchange is still open. Used by long-lived streams to detach.
  virtual void on_close(std::function<void()> fn) = 0;
};

using handler = std::function<void(request&&, std::shared_ptr<responder>)>;

/// Routes by exact path, or by path prefix for entries added with `add_prefix`. The longest
/// match wins; no match is a 404. Method checks are the handler's business (it answers 405).
class router {
 public:
  void add(std::string path, handler h);
  void add_prefix(std::string prefix, handler h);
  /// The handler for `path`, or nullptr.
  const handler* find(std::string_view path) const;

 private:
  struct entry {
    std::string path;
    bool prefix;
    handler h;
  };
  std::vector<entry> entries_;
};

}  // namespace transport
