// transport/http_client.hpp — a small blocking HTTP/1.1 client (http and https) for outbound calls:
// the JWKS and authorization-server metadata fetches, later the WorkOS API.
//
// One call, one connection, one private io_context: `fetch()` parses the URL, resolves the host,
// asks `address_allowed` about every resolved address (the SSRF guard), connects to a checked
// address only (never a second resolution, so DNS rebinding cannot slip another address in between),
// speaks TLS 1.2+ with peer and host-name verification for https, sends one request, reads one
// response (Content-Length or chunked, at most `max_response_bytes`), and closes. Redirects are not
// followed: a 3xx is returned like any other status. Every failure is a readable string, never an
// exception. Beast and Asio appear only in the .cpp: this header is cheap to include.
//
// Threading: fetch() blocks its caller for at most about `total_timeout` (connect included); calls
// on different threads are independent. Do not call it on an I/O or actor scheduler thread that
// others share — use a detached actor or a thread of its own.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mcp/errors.hpp"

namespace transport {

/// One outbound request. `Host`, `Content-Length` and `Connection: close` are set by fetch();
/// `headers` adds to them (a caller's `Host` or framing header is ignored).
struct client_request {
  std::string method = "GET";
  std::string url;  ///< absolute: http://host[:port]/path?query or https://…; [v6] literals allowed
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< sent with a Content-Length when non-empty or when the method is POST/PUT/PATCH
};

/// One response, fully read.
struct client_response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< in wire order
  std::string body;                                          ///< de-chunked
  /// The first value of header `name`, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
};

struct client_options {
  /// Resolution plus TCP connect (all addresses tried) must finish within this.
  std::chrono::milliseconds connect_timeout{3000};
  /// The whole call — resolve, connect, TLS handshake, write, read — must finish within this.
  std::chrono::milliseconds total_timeout{10000};
  /// Body bytes of the response (de-chunked); beyond → "response larger than …". The header
  /// section is capped separately at min(64 KiB, this).
  std::size_t max_response_bytes = 1 << 20;
  /// PEM file of trusted CA certificates; empty: the system CA store (SSL_CTX_set_default_verify_paths).
  std::string ca_file;
  /// Plain http:// allowed. Production deployments turn it off for anything but loopback tests.
  bool allow_http = true;
  /// SSRF guard: called with every resolved address before connecting; false = refuse that
  /// address (the next one is tried; when none is left the call fails). Unset: every address is
  /// allowed. `is_private_or_reserved` is the function of that name below, given for convenience.
  std::function<bool(const std::string& ip_text, bool is_loopback, bool is_private_or_reserved)> address_allowed;
};

/// Performs one request and returns the response (any status, including 3xx/4xx/5xx), or a
/// readable error such as "connect to 127.0.0.1:1 failed: Connection refused",
/// "TLS handshake with example.com failed: certificate verify failed …",
/// "response larger than 1048576 bytes from host", "timed out after 10000 ms reading the response
/// from host". Blocking.
mcp::result<client_response, std::string> fetch(const client_request& req, const client_options& opts = {});

/// True for addresses a server-side fetch should not reach unless told to: loopback (127/8, ::1),
/// RFC 1918 (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10), unique-local
/// (fc00::/7), CGNAT (100.64/10), multicast (224/4, ff00::/8), unspecified (0.0.0.0, ::), 0/8,
/// 240/4 and broadcast, IETF protocol assignments (192.0.0/24), benchmarking (198.18/15),
/// documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32), IPv4-mapped
/// (::ffff:a.b.c.d) and IPv4-compatible forms of those, NAT64 (64:ff9b::/96) of those, and 6to4
/// (2002::/16) of those. Text that is not an IP address counts as reserved (fail closed).
bool is_private_or_reserved(const std::string& ip_text);

}  // namespace transport
