// transport/http_client.cpp — the blocking HTTP/1.1 client over Beast (plain and TLS).
//
// One call = one private io_context, one connection, `Connection: close`. Steps, each bounded by
// the deadlines derived from client_options:
//   parse_url   scheme, host (lower-cased; [v6] literal), port, target; userinfo and fragments refused
//   resolve     getaddrinfo on a detached helper thread (see resolve() for why), skipped for IP literals
//   filter      every address through address_allowed (the SSRF guard)
//   connect     to the checked addresses only, in order, closing the socket between attempts
//   handshake   TLS 1.2+, peer verification, host-name (or IP) verification, SNI for names
//   exchange    write the request, read the response through Beast's parser with size limits
// beast::tcp_stream's own timer enforces the deadlines: it is armed with expires_at() before each
// step, and an expired step completes with beast::error::timeout.
#include "transport/http_client.hpp"

#include "transport/client_common.hpp"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

namespace transport {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;
using fetch_result = mcp::result<client_response, std::string>;

/// Response headers are capped apart from the body: a header section is never legitimately large.
constexpr std::size_t max_header_bytes = 64 * 1024;

using namespace client_detail;


std::string endpoint_text(const tcp::endpoint& ep) {
  auto a = ep.address();
  auto text = a.to_string();
  return (a.is_v6() ? "[" + text + "]" : text) + ":" + std::to_string(ep.port());
}

// ------------------------------------------------------------------------------------------------
// resolution

struct resolve_state {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  int rc = 0;
  std::vector<tcp::endpoint> endpoints;
};

/// getaddrinfo() on a detached thread, waited for until `deadline`. Why not Asio's async_resolve:
/// its cancellation cannot interrupt a getaddrinfo() in progress, and destroying the io_context
/// joins Asio's resolver thread — a slow DNS server would hold the caller far past total_timeout.
/// Here a late answer only finishes a thread nobody waits for.
mcp::result<std::vector<tcp::endpoint>, std::string> resolve(const std::string& host, std::uint16_t port,
                                                             steady::time_point deadline,
                                                             std::chrono::milliseconds budget) {
  using R = mcp::result<std::vector<tcp::endpoint>, std::string>;
  auto st = std::make_shared<resolve_state>();
  try {
    std::thread([st, host, port] {
      addrinfo hints{};
      hints.ai_family = AF_UNSPEC;
      hints.ai_socktype = SOCK_STREAM;
      hints.ai_protocol = IPPROTO_TCP;
      hints.ai_flags = AI_NUMERICSERV;
      addrinfo* res = nullptr;
      int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
      std::vector<tcp::endpoint> eps;
      if (rc == 0) {
        for (addrinfo* p = res; p; p = p->ai_next) {
          tcp::endpoint ep;
          if (p->ai_family == AF_INET && p->ai_addrlen == sizeof(sockaddr_in)) {
            std::memcpy(ep.data(), p->ai_addr, sizeof(sockaddr_in));
          } else if (p->ai_family == AF_INET6 && p->ai_addrlen == sizeof(sockaddr_in6)) {
            std::memcpy(ep.data(), p->ai_addr, sizeof(sockaddr_in6));
          } else {
            continue;
          }
          if (std::find(eps.begin(), eps.end(), ep) == eps.end()) eps.push_back(ep);
        }
        ::freeaddrinfo(res);
      }
      {
        std::lock_guard lk(st->m);
        st->done = true;
        st->rc = rc;
        st->endpoints = std::move(eps);
      }
      st->cv.notify_all();
    }).detach();
  } catch (const std::system_error& e) {
    return R{"cannot resolve " + host + ": no thread for the resolver: " + e.what()};
  }
  std::unique_lock lk(st->m);
  if (!st->cv.wait_until(lk, deadline, [&] { return st->done; }))
    return R{"resolving " + host + " timed out after " + std::to_string(budget.count()) + " ms"};
  if (st->rc != 0) return R{"cannot resolve " + host + ": " + ::gai_strerror(st->rc)};
  if (st->endpoints.empty()) return R{"cannot resolve " + host + ": no address"};
  return std::move(st->endpoints);
}

// ------------------------------------------------------------------------------------------------
// address classification

std::uint32_t v4_bits(const net::ip::address_v4& a) { return a.to_uint(); }

bool in_v4(std::uint32_t a, std::uint32_t net_addr, int prefix) {
  std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  return (a & mask) == (net_addr & mask);
}

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) { return (a << 24) | (b << 16) | (c << 8) | d; }

bool v4_private_or_reserved(std::uint32_t a) {
  static constexpr std::pair<std::uint32_t, int> ranges[] = {
      {v4(0, 0, 0, 0), 8},        // "this network", incl. the unspecified 0.0.0.0 (RFC 791, 1122)
      {v4(10, 0, 0, 0), 8},       // RFC 1918
      {v4(100, 64, 0, 0), 10},    // CGNAT shared address space (RFC 6598)
      {v4(127, 0, 0, 0), 8},      // loopback
      {v4(169, 254, 0, 0), 16},   // link-local, incl. cloud metadata 169.254.169.254 (RFC 3927)
      {v4(172, 16, 0, 0), 12},    // RFC 1918
      {v4(192, 0, 0, 0), 24},     // IETF protocol assignments (RFC 6890)
      {v4(192, 0, 2, 0), 24},     // TEST-NET-1 documentation (RFC 5737)
      {v4(192, 88, 99, 0), 24},   // 6to4 relay anycast, deprecated (RFC 7526)
      {v4(192, 168, 0, 0), 16},   // RFC 1918
      {v4(198, 18, 0, 0), 15},    // benchmarking (RFC 2544)
      {v4(198, 51, 100, 0), 24},  // TEST-NET-2 (RFC 5737)
      {v4(203, 0, 113, 0), 24},   // TEST-NET-3 (RFC 5737)
      {v4(224, 0, 0, 0), 4},      // multicast
      {v4(240, 0, 0, 0), 4},      // reserved, incl. broadcast 255.255.255.255
  };
  return std::any_of(std::begin(ranges), std::end(ranges), [&](auto r) { return in_v4(a, r.first, r.second); });
}

std::uint32_t embedded_v4(const std::array<unsigned char, 16>& b, int at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) |
         std::uint32_t{b[at + 3]};
}

bool v6_private_or_reserved(const net::ip::address_v6& a) {
  auto b = a.to_bytes();
  auto zero_prefix = [&](int n) { return std::all_of(b.begin(), b.begin() + n, [](unsigned char x) { return x == 0; }); };
  // ::ffff:0:0/96 (IPv4-mapped) and ::/96 (IPv4-compatible, deprecated): judge the IPv4 address,
  // so that ::ffff:127.0.0.1 is loopback and ::ffff:10.0.0.1 private. :: and ::1 fall in ::/96 as
  // 0.0.0.0 and 0.0.0.1, both in 0/8: reserved, as they must be.
  if (zero_prefix(10) && b[10] == 0xff && b[11] == 0xff) return v4_private_or_reserved(embedded_v4(b, 12));
  if (zero_prefix(12)) return v4_private_or_reserved(embedded_v4(b, 12));
  // 64:ff9b::/96, the well-known NAT64 prefix (RFC 6052): the IPv4 address it translates to.
  static constexpr std::array<unsigned char, 12> nat64{0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::equal(nat64.begin(), nat64.end(), b.begin())) return v4_private_or_reserved(embedded_v4(b, 12));
  // 2002::/16, 6to4 (RFC 3056): the IPv4 address in bits 16..47.
  if (b[0] == 0x20 && b[1] == 0x02) return v4_private_or_reserved(embedded_v4(b, 2));
  // Only 2000::/3 is allocated for global unicast; everything else — ::/8's rest, 64:ff9b:1::/48,
  // 100::/64 discard, fc00::/7 unique-local, fe80::/10 link-local, fec0::/10 site-local, ff00::/8
  // multicast — is special-purpose.
  if ((b[0] & 0xe0) != 0x20) return true;
  // Inside 2000::/3: 2001::/23 IETF protocol assignments (incl. Teredo 2001::/32, whose embedded
  // IPv4 is obfuscated), 2001:db8::/32 and 3fff::/20 documentation (RFC 3849, RFC 9637).
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02) return true;
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true;
  if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0) return true;
  return false;
}

bool is_loopback_address(const net::ip::address& a) {
  if (a.is_v4()) return in_v4(v4_bits(a.to_v4()), v4(127, 0, 0, 0), 8);
  auto v6 = a.to_v6();
  if (v6.is_loopback()) return true;
  if (v6.is_v4_mapped()) return in_v4(v4_bits(net::ip::make_address_v4(net::ip::v4_mapped, v6)), v4(127, 0, 0, 0), 8);
  return false;
}

bool private_or_reserved(const net::ip::address& a) {
  if (a.is_v4()) return v4_private_or_reserved(v4_bits(a.to_v4()));
  return v6_private_or_reserved(a.to_v6());
}

// ------------------------------------------------------------------------------------------------
// the call

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// Runs one asynchronous operation on `ioc` to completion; the caller armed its deadline.
template <class Start>
error_code run_op(net::io_context& ioc, Start&& start) {
  error_code result = net::error::operation_aborted;
  start([&](error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

std::string ms_text(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

class call {
 public:
  call(const client_request& req, const client_options& opts, parsed_url url)
      : req_(req), opts_(opts), url_(std::move(url)), start_(steady::now()),
        total_deadline_(start_ + opts.total_timeout),
        connect_deadline_(std::min(total_deadline_, start_ + opts.connect_timeout)) {}

  fetch_result run() {
    auto eps = addresses();
    if (!eps) return fetch_result{std::move(eps).error()};
    auto allowed = filter(*eps);
    if (!allowed) return fetch_result{std::move(allowed).error()};
    if (url_.tls) return run_tls(*allowed);
    plain_stream s(ioc_);
    if (auto err = connect(s, *allowed)) return fetch_result{std::move(*err)};
    return exchange(s);
  }

 private:
  mcp::result<std::vector<tcp::endpoint>, std::string> addresses() {
    if (url_.host_is_ip) {
      error_code ec;
      auto a = net::ip::make_address(url_.host, ec);
      if (ec) return std::string{"invalid address " + url_.host};
      return std::vector<tcp::endpoint>{tcp::endpoint(a, url_.port)};
    }
    return resolve(url_.host, url_.port, connect_deadline_,
                   std::min(opts_.connect_timeout, opts_.total_timeout));
  }

  mcp::result<std::vector<tcp::endpoint>, std::string> filter(const std::vector<tcp::endpoint>& eps) {
    if (!opts_.address_allowed) return eps;
    std::vector<tcp::endpoint> out;
    std::string refused;
    for (const auto& ep : eps) {
      auto a = ep.address();
      if (opts_.address_allowed(a.to_string(), is_loopback_address(a), private_or_reserved(a))) {
        out.push_back(ep);
      } else {
        refused += (refused.empty() ? "" : ", ") + a.to_string();
      }
    }
    if (out.empty()) return std::string{"refused to connect to " + url_.host + ": address not allowed (" + refused + ")"};
    return out;
  }

  /// Tries the checked addresses in order; nullopt on success, else why every attempt failed.
  std::optional<std::string> connect(beast::tcp_stream& s, const std::vector<tcp::endpoint>& eps) {
    std::string errors;
    for (const auto& ep : eps) {
      if (steady::now() >= connect_deadline_) break;
      error_code ignored;
      s.socket().close(ignored);  // a failed connect leaves the socket open (and of the old family)
      s.expires_at(connect_deadline_);
      auto ec = run_op(ioc_, [&](auto h) { s.async_connect(ep, h); });
      if (!ec) {
        s.socket().set_option(tcp::no_delay(true), ignored);
        return std::nullopt;
      }
      if (!errors.empty()) errors += "; ";
      if (ec == beast::error::timeout)
        errors += "connect to " + endpoint_text(ep) + " timed out after " +
                  ms_text(std::min(opts_.connect_timeout, opts_.total_timeout));
      else
        errors += "connect to " + endpoint_text(ep) + " failed: " + ec.message();
    }
    if (errors.empty())
      errors = "connect to " + url_.host + " timed out after " + ms_text(std::min(opts_.connect_timeout, opts_.total_timeout));
    return errors;
  }

  fetch_result run_tls(const std::vector<tcp::endpoint>& eps) {
    auto ctx = make_tls_client_context(opts_.ca_file);
    if (!ctx) return fetch_result{std::move(ctx).error()};
    tls_stream s(ioc_, **ctx);
    SSL* ssl_handle = s.native_handle();
    if (auto err = set_tls_peer(ssl_handle, url_)) return fetch_result{std::move(*err)};

    if (auto err = connect(beast::get_lowest_layer(s), eps)) return fetch_result{std::move(*err)};
    beast::get_lowest_layer(s).expires_at(total_deadline_);
    auto ec = run_op(ioc_, [&](auto h) { s.async_handshake(ssl::stream_base::client, h); });
    if (ec) {
      std::string where = "TLS handshake with " + url_.host_header + " failed: ";
      if (ec == beast::error::timeout) return fetch_result{where + "timed out after " + ms_text(opts_.total_timeout)};
      long v = SSL_get_verify_result(ssl_handle);
      if (v != X509_V_OK)
        return fetch_result{where + "certificate verify failed: " + X509_verify_cert_error_string(v)};
      return fetch_result{where + ec.message()};
    }
    return exchange(s);
  }

  template <class Stream>
  fetch_result exchange(Stream& s) {
    if (!is_token(req_.method)) return fetch_result{std::string{"invalid HTTP method '" + req_.method + "'"}};
    http::request<http::string_body> msg;
    msg.version(11);
    msg.method_string(req_.method);
    msg.target(url_.target);
    msg.set(http::field::host, url_.host_header);
    msg.set(http::field::user_agent, "workos-mcp");
    for (const auto& [name, value] : req_.headers) {
      if (!is_token(name) || has_ctl(value))
        return fetch_result{std::string{"invalid request header '" + name + "'"}};
      // Framing and routing are ours: a caller's copy would contradict what we send.
      if (iequals(name, "Host") || iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
          iequals(name, "Connection"))
        continue;
      msg.insert(name, value);
    }
    // One request per connection: the server closes after answering, which also bounds what a
    // misbehaving server can make us read.
    msg.set(http::field::connection, "close");
    bool body_method = iequals(req_.method, "POST") || iequals(req_.method, "PUT") || iequals(req_.method, "PATCH");
    if (!req_.body.empty() || body_method) {
      msg.body() = req_.body;
      msg.prepare_payload();
    }

    auto& lowest = beast::get_lowest_layer(s);
    lowest.expires_at(total_deadline_);
    auto ec = run_op(ioc_, [&](auto h) { http::async_write(s, msg, h); });
    if (ec) return fetch_result{io_error("sending the request to", ec)};

    http::response_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(std::min(max_header_bytes, opts_.max_response_bytes)));
    parser.body_limit(opts_.max_response_bytes);
    if (iequals(req_.method, "HEAD")) parser.skip(true);
    beast::flat_buffer buffer;
    lowest.expires_at(total_deadline_);
    // Header first, then the body. Why two steps: Beast 1.74's eager parsing (what async_read
    // does) loses the body_limit error for a Content-Length that is too large when body bytes
    // arrive in the same read as the header — the next state's init overwrites the error code. The
    // header-only read is not eager, so the error survives; and we check the length ourselves too.
    ec = run_op(ioc_, [&](auto h) { http::async_read_header(s, buffer, parser, h); });
    if (!ec && !parser.is_done()) {
      if (auto len = parser.content_length(); len && *len > opts_.max_response_bytes) ec = http::error::body_limit;
    }
    if (!ec && !parser.is_done()) ec = run_op(ioc_, [&](auto h) { http::async_read(s, buffer, parser, h); });
    if (ec == http::error::body_limit || ec == http::error::header_limit || ec == http::error::buffer_overflow)
      return fetch_result{"response larger than " + std::to_string(opts_.max_response_bytes) + " bytes from " +
                          url_.host_header};
    // A TLS peer that closes without close_notify after a complete message did no harm.
    if (ec == ssl::error::stream_truncated && parser.is_done()) ec = {};
    if (ec) return fetch_result{io_error("reading the response from", ec)};

    auto res = parser.release();
    client_response out;
    out.status = res.result_int();
    for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(res.body());
    error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest.close();
    return out;
  }

  std::string io_error(const char* what, error_code ec) const {
    if (ec == beast::error::timeout)
      return std::string{"timed out after "} + ms_text(opts_.total_timeout) + " " + what + " " + url_.host_header;
    return std::string{what} + " " + url_.host_header + " failed: " + ec.message();
  }

  const client_request& req_;
  const client_options& opts_;
  parsed_url url_;
  steady::time_point start_, total_deadline_, connect_deadline_;
  net::io_context ioc_{1};
};

}  // namespace

std::optional<std::string> client_response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return std::nullopt;
}

fetch_result fetch(const client_request& req, const client_options& opts) {
  ossl_error_scope errors;
  try {
    auto url = parse_url(req.url);
    if (!url) return fetch_result{std::move(url).error()};
    if (!url->tls && !opts.allow_http) return fetch_result{std::string{"plain http is not allowed: " + req.url}};
    call c(req, opts, std::move(*url));
    return c.run();
  } catch (const std::exception& e) {
    // Asio and Beast report through error codes on every call used here; this is the allocation
    // failure or library surprise that must still not escape a request path as an exception.
    return fetch_result{std::string{"HTTP client failure: "} + e.what()};
  }
}

bool is_private_or_reserved(const std::string& ip_text) {
  std::string_view text = ip_text;
  // A zone index (fe80::1%eth0) only exists on link-local and multicast addresses.
  if (auto pct = text.find('%'); pct != std::string_view::npos) text = text.substr(0, pct);
  error_code ec;
  auto a = net::ip::make_address(std::string(text), ec);
  if (ec) return true;  // not an address: fail closed
  return private_or_reserved(a);
}

}  // namespace transport
