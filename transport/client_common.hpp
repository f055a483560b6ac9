// transport/client_common.hpp — private to transport/ and the outbound clients built on it
// (transport/http_client.cpp, actors/workos_client.cpp): what they share so that URL parsing and
// TLS verification exist once. Includes Asio's SSL headers: include it from .cpp files only.
#pragma once

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mcp/errors.hpp"
#include "transport/http.hpp"  // iequals

namespace transport::client_detail {

char lower(char c);
/// True when `s` has a control character (CR/LF would split a header).
bool has_ctl(std::string_view s);
/// RFC 9110 §5.6.2 token: what a method or a header name may contain.
bool is_token(std::string_view s);

/// Undoes OpenSSL error-queue entries pushed during a call, so that the thread's next OpenSSL user
/// (possibly unrelated code on the same thread) does not see our stale failures.
class ossl_error_scope {
 public:
  ossl_error_scope() { ERR_set_mark(); }
  ~ossl_error_scope() { ERR_pop_to_mark(); }
  ossl_error_scope(const ossl_error_scope&) = delete;
  ossl_error_scope& operator=(const ossl_error_scope&) = delete;
};

struct parsed_url {
  bool tls = false;
  std::string host;         ///< lower-cased; a v6 literal without brackets
  bool host_is_ip = false;
  bool host_is_v6 = false;
  std::uint16_t port = 0;
  std::string target;       ///< path and query, never empty
  std::string host_header;  ///< what goes into Host: ([v6]) plus :port when not the default
};

/// Parses an absolute http(s) URL: scheme, host (lower-cased; [v6] literal), port, target;
/// userinfo, fragments, spaces and non-ASCII refused with a readable reason.
mcp::result<parsed_url, std::string> parse_url(std::string_view url);

/// A TLS 1.2+ client context that verifies peers against `ca_file` (PEM), or the system CA store
/// when empty. Shared by every connection of a client (contexts are thread-safe once set up).
mcp::result<std::shared_ptr<boost::asio::ssl::context>, std::string> make_tls_client_context(const std::string& ca_file);

/// Arms host-name (or IP) verification of the peer certificate for `url.host` and, for names,
/// SNI. Call before the handshake. Returns why it could not, or nullopt.
std::optional<std::string> set_tls_peer(SSL* ssl_handle, const parsed_url& url);

}  // namespace transport::client_detail
