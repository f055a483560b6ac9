// transport/client_common.cpp — the pieces both outbound HTTP clients share (see client_common.hpp):
// URL parsing, header-text checks, and the TLS client set-up (CA store, peer and host-name
// verification, SNI).
#include "transport/client_common.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cstring>

namespace transport::client_detail {

namespace net = boost::asio;
using error_code = boost::system::error_code;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_ctl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

/// RFC 9110 §5.6.2 token: what a method or a header name may contain.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
  });
}

// ------------------------------------------------------------------------------------------------
// URL


mcp::result<parsed_url, std::string> parse_url(std::string_view url) {
  using R = mcp::result<parsed_url, std::string>;
  auto bad = [&](std::string why) { return R{std::string{"invalid URL '"} + std::string(url) + "': " + why}; };
  if (url.size() > 8192) return R{std::string{"invalid URL: longer than 8192 bytes"}};
  // Callers percent-encode: anything else would be sent as is, and spaces or CR/LF would split the
  // request line.
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return bad("contains a space, control or non-ASCII character");
  }
  parsed_url out;
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return bad("no scheme");
  auto scheme = url.substr(0, colon);
  if (iequals(scheme, "https"))
    out.tls = true;
  else if (!iequals(scheme, "http"))
    return bad("scheme must be http or https");
  auto rest = url.substr(colon + 3);
  if (rest.find('#') != std::string_view::npos) return bad("fragments are not sent to servers");
  auto auth_end = rest.find_first_of("/?");
  auto authority = rest.substr(0, auth_end);
  std::string_view path_query = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  // Credentials in a URL end up in logs and proxies; and "https://good@evil/" is a classic trick.
  if (authority.find('@') != std::string_view::npos) return bad("user information is not allowed");
  if (authority.empty()) return bad("no host");

  std::string_view host, port_text;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated [IPv6] literal");
    host = authority.substr(1, close - 1);
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("junk after the [IPv6] literal");
      port_text = after.substr(1);
      if (port_text.empty()) return bad("empty port");
    }
    error_code ec;
    auto a = net::ip::make_address_v6(std::string(host), ec);
    if (ec) return bad("not an IPv6 address in brackets");
    if (a.scope_id() != 0) return bad("IPv6 zone identifiers are not supported");
    out.host_is_ip = true;
    out.host_is_v6 = true;
  } else {
    auto c = authority.rfind(':');
    host = authority.substr(0, c);
    if (c != std::string_view::npos) {
      port_text = authority.substr(c + 1);
      if (port_text.empty()) return bad("empty port");
    }
    if (host.empty()) return bad("no host");
    for (char ch : host) {
      auto u = static_cast<unsigned char>(ch);
      bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || ch == '-' ||
                ch == '.' || ch == '_';
      if (!ok) return bad("host name has a character other than letters, digits, '-', '.', '_'");
    }
    error_code ec;
    auto a = net::ip::make_address_v4(std::string(host), ec);
    out.host_is_ip = !ec;
    (void)a;
  }
  for (char ch : host) out.host.push_back(lower(ch));

  if (!port_text.empty()) {
    unsigned long v = 0;
    if (port_text.size() > 5) return bad("port out of range");
    for (char ch : port_text) {
      if (ch < '0' || ch > '9') return bad("port is not a number");
      v = v * 10 + static_cast<unsigned long>(ch - '0');
    }
    if (v == 0 || v > 65535) return bad("port out of range");
    out.port = static_cast<std::uint16_t>(v);
  } else {
    out.port = out.tls ? 443 : 80;
  }

  if (path_query.empty())
    out.target = "/";
  else if (path_query.front() == '?')
    out.target = "/" + std::string(path_query);
  else
    out.target = std::string(path_query);

  out.host_header = out.host_is_v6 ? "[" + out.host + "]" : out.host;
  if (out.port != (out.tls ? 443 : 80)) out.host_header += ":" + std::to_string(out.port);
  return out;
}

mcp::result<std::shared_ptr<boost::asio::ssl::context>, std::string> make_tls_client_context(const std::string& ca_file) {
  using R = mcp::result<std::shared_ptr<boost::asio::ssl::context>, std::string>;
  auto ctx = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  error_code ec;
  if (ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
    if (ec) return R{"cannot load the system CA store: " + ec.message()};
  } else {
    ctx->load_verify_file(ca_file, ec);
    if (ec) return R{"cannot load CA file '" + ca_file + "': " + ec.message()};
  }
  ctx->set_verify_mode(boost::asio::ssl::verify_peer);
  return ctx;
}

std::optional<std::string> set_tls_peer(SSL* ssl_handle, const parsed_url& url) {
  // Host-name verification by OpenSSL itself (RFC 6125 rules, no partial wildcards): a DNS name
  // is matched against the certificate's DNS SANs, an IP literal against its IP SANs.
  if (url.host_is_ip) {
    if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_handle), url.host.c_str()) != 1)
      return "cannot set up IP verification for " + url.host;
    return std::nullopt;
  }
  SSL_set_hostflags(ssl_handle, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (SSL_set1_host(ssl_handle, url.host.c_str()) != 1) return "cannot set up host-name verification for " + url.host;
  // SNI carries names only (RFC 6066 §3: literal IP addresses are not permitted).
  if (SSL_set_tlsext_host_name(ssl_handle, url.host.c_str()) != 1) return "cannot set the TLS server name " + url.host;
  return std::nullopt;
}

}  // namespace transport::client_detail
