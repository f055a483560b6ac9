// transport/streamable_http.hpp — the MCP endpoint: Streamable HTTP (2025-11-25) over `router`.
//
// Owns the HTTP half of MCP: POST/GET/DELETE on one path, Accept and Content-Type checks
// (406/415), MCP-Protocol-Version (400 when unsupported), session ids (400 when missing, 404
// when unknown), Origin/Host validation against DNS rebinding (403), JSON-vs-SSE framing with
// event ids and the SSE `retry:` field, and resumption through GET + Last-Event-ID. Everything
// about the protocol itself is behind mcp::session_directory; the JSON-RPC envelope is decoded
// here, on the I/O thread, so that malformed input never reaches a session.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "mcp/session_directory.hpp"
#include "transport/http.hpp"

namespace transport {

/// Who is calling: the owner key a session is bound to. The default (no authentication
/// configured) is everyone as the same anonymous owner.
struct caller {
  std::string owner;
};
/// What an authenticator decides: the caller, or a refusal (401/403/…) to send as it is.
using auth_verdict = std::variant<caller, response>;
/// Decides who sent `req` and calls `done` exactly once, on this thread or later on another
/// (a token check may wait for the authorization server's keys). `req` stays alive until then.
using authenticator = std::function<void(const request& req, std::function<void(auth_verdict)> done)>;

struct origin_policy {
  /// Host names accepted in `Host` (any port) and in `Origin`. Loopback names are always in.
  std::vector<std::string> allowed_hosts;
  /// Exact origins (scheme://host[:port]) accepted in addition.
  std::vector<std::string> allowed_origins;

  /// True when the request's Host and Origin (if any) pass.
  bool allows(const request& req) const;
  /// True when the request's Host is one we serve under (the DNS-rebinding half of `allows`).
  bool allows_host(const request& req) const;
};

struct streamable_http_options {
  origin_policy origins;
  std::chrono::milliseconds sse_retry{1000};
  /// Runs on every request (POST, GET, DELETE alike) before anything else is read; empty:
  /// anonymous.
  authenticator authenticate;
};

/// The handler for the MCP endpoint path.
handler make_mcp_endpoint(std::shared_ptr<mcp::session_directory> sessions, streamable_http_options options);

/// Parses an Accept header: whether it admits `media_type` (also through `*/*` or `type/*`).
bool accepts(std::string_view accept_header, std::string_view media_type);

}  // namespace transport
