// tests/transport/http_client_test.cpp — the blocking HTTP client against our own http_server.
//
// Every server binds 127.0.0.1 port 0 and is stopped by the fixture. TLS uses a test CA made here
// with OpenSSL (two leaf certificates: one for IP 127.0.0.1, one for DNS localhost) and a second,
// untrusted CA. No sleeps: the one timeout test uses a small total_timeout against a handler that
// never answers, and only checks that the call failed with a timeout, not how long it took.
#include "transport/http_client.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>

#include "tests/support/test_ca.hpp"
#include "transport/http_server.hpp"

namespace transport {
namespace {

using namespace std::chrono_literals;

// ------------------------------------------------------------------------------------------------
// a test PKI: tests/support/test_ca.hpp

using test_support::test_pki;

client_request get(std::string url) {
  client_request r;
  r.url = std::move(url);
  return r;
}

client_request post(std::string url, std::string body) {
  client_request r;
  r.method = "POST";
  r.url = std::move(url);
  r.body = std::move(body);
  return r;
}

/// A local port nothing listens on: bound once by us, then closed.
std::uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

// ------------------------------------------------------------------------------------------------
// fixture

class HttpClient : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    spdlog::set_level(spdlog::level::warn);
    pki_ = new test_pki;
  }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(pki_->ok) << "could not make the test certificates";
    routes.add("/echo", [this](request&& req, std::shared_ptr<responder> r) {
      ++hits;
      response res = response::text(200, req.method + " " + req.target + " host=" +
                                             std::string(req.headers.get("Host").value_or("")) +
                                             " x-test=" + std::string(req.headers.get("X-Test").value_or("")) +
                                             " body=" + req.body);
      res.headers.add("X-Reply", "yes");
      r->send(std::move(res));
    });
    routes.add("/chunked", [](request&&, std::shared_ptr<responder> r) {
      header_list h;
      h.add("Content-Type", "text/plain");
      r->begin_stream(200, std::move(h));
      r->write("hello ");
      r->write("chunked ");
      r->write("world");
      r->end_stream();
    });
    routes.add("/big", [](request&&, std::shared_ptr<responder> r) {
      r->send(response::text(200, std::string(2000, 'x')));
    });
    routes.add("/big-chunked", [](request&&, std::shared_ptr<responder> r) {
      r->begin_stream(200, header_list{});
      for (int i = 0; i < 4; ++i) r->write(std::string(1000, 'y'));
      r->end_stream();
    });
    routes.add("/redirect", [](request&&, std::shared_ptr<responder> r) {
      response res = response::empty(302);
      res.headers.add("Location", "/echo");
      r->send(std::move(res));
    });
    routes.add("/never", [this](request&&, std::shared_ptr<responder> r) {
      std::lock_guard lk(mu);
      parked.push_back(std::move(r));  // answered only in TearDown
    });

    server = std::make_unique<http_server>(routes, server_limits{}, 1);
    auto b = server->listen({"127.0.0.1", 0, std::nullopt});
    ASSERT_TRUE(b.error.empty()) << b.error;
    port = b.port;
    auto t1 = server->listen({"127.0.0.1", 0, tls_files{pki_->ip_cert, pki_->ip_key}});
    ASSERT_TRUE(t1.error.empty()) << t1.error;
    ip_tls_port = t1.port;
    auto t2 = server->listen({"127.0.0.1", 0, tls_files{pki_->dns_cert, pki_->dns_key}});
    ASSERT_TRUE(t2.error.empty()) << t2.error;
    dns_tls_port = t2.port;
    server->start();
  }

  void TearDown() override {
    {
      std::lock_guard lk(mu);
      for (auto& r : parked) r->send(response::empty(204));
      parked.clear();
    }
    if (server) server->stop();
  }

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }

  static inline test_pki* pki_ = nullptr;
  router routes;
  std::unique_ptr<http_server> server;
  std::uint16_t port = 0, ip_tls_port = 0, dns_tls_port = 0;
  std::atomic<int> hits{0};
  std::mutex mu;
  std::vector<std::shared_ptr<responder>> parked;
};

// ------------------------------------------------------------------------------------------------
// plain HTTP

TEST_F(HttpClient, GetRoundTripWithHeaders) {
  client_request req;
  req.url = url("/echo?x=1");
  req.headers = {{"X-Test", "abc"}, {"Host", "evil.example"}};  // a caller's Host is not sent
  auto res = fetch(req);
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "GET /echo?x=1 host=127.0.0.1:" + std::to_string(port) + " x-test=abc body=");
  EXPECT_EQ(res->header("x-reply"), "yes");  // case-insensitive
  EXPECT_EQ(res->header("X-REPLY"), "yes");
  EXPECT_FALSE(res->header("X-Absent"));
}

TEST_F(HttpClient, PostRoundTrip) {
  client_request req;
  req.method = "POST";
  req.url = url("/echo");
  req.headers = {{"Content-Type", "application/json"}};
  req.body = R"({"a":1})";
  auto res = fetch(req);
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "POST /echo host=127.0.0.1:" + std::to_string(port) + R"( x-test= body={"a":1})");
}

TEST_F(HttpClient, ChunkedBodyIsReassembled) {
  auto res = fetch(get(url("/chunked")));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(res->body, "hello chunked world");
}

TEST_F(HttpClient, RedirectsAreReturnedNotFollowed) {
  auto res = fetch(get(url("/redirect")));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 302u);
  EXPECT_EQ(res->header("Location"), "/echo");
  EXPECT_EQ(hits.load(), 0);
}

TEST_F(HttpClient, AServerThatNeverAnswersTimesOut) {
  client_options o;
  o.total_timeout = 200ms;
  auto res = fetch(get(url("/never")), o);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("timed out after 200 ms"), std::string::npos) << res.error();
}

TEST_F(HttpClient, ResponseSizeIsCapped) {
  client_options o;
  o.max_response_bytes = 1000;
  auto big = fetch(get(url("/big")), o);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().find("response larger than 1000 bytes"), std::string::npos) << big.error();
  auto chunked = fetch(get(url("/big-chunked")), o);
  ASSERT_FALSE(chunked);
  EXPECT_NE(chunked.error().find("response larger than 1000 bytes"), std::string::npos) << chunked.error();

  o.max_response_bytes = 4000;
  auto fits = fetch(get(url("/big-chunked")), o);
  ASSERT_TRUE(fits) << fits.error();
  EXPECT_EQ(fits->body.size(), 4000u);
}

TEST_F(HttpClient, ConnectionRefusedIsReadable) {
  auto p = closed_port();
  ASSERT_NE(p, 0);
  auto res = fetch(get("http://127.0.0.1:" + std::to_string(p) + "/"));
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error(), "connect to 127.0.0.1:" + std::to_string(p) + " failed: Connection refused");
}

TEST_F(HttpClient, PlainHttpCanBeForbidden) {
  client_options o;
  o.allow_http = false;
  auto res = fetch(get(url("/echo")), o);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("plain http is not allowed"), std::string::npos) << res.error();
  EXPECT_EQ(hits.load(), 0);
}

// ------------------------------------------------------------------------------------------------
// TLS

TEST_F(HttpClient, TlsWithTheTestCaAsCaFile) {
  client_options o;
  o.ca_file = pki_->ca_file;
  o.allow_http = false;
  auto res = fetch(get("https://127.0.0.1:" + std::to_string(ip_tls_port) + "/echo"), o);
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body.rfind("GET /echo", 0), 0u) << res->body;
}

TEST_F(HttpClient, TlsByHostNameSendsSniAndVerifiesTheName) {
  client_options o;
  o.ca_file = pki_->ca_file;
  auto res = fetch(post("https://localhost:" + std::to_string(dns_tls_port) + "/echo", "hi"), o);
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->body, "POST /echo host=localhost:" + std::to_string(dns_tls_port) + " x-test= body=hi");
}

TEST_F(HttpClient, TlsRefusesACertificateFromAnUntrustedCa) {
  client_options o;
  o.ca_file = pki_->other_ca_file;
  auto res = fetch(get("https://127.0.0.1:" + std::to_string(ip_tls_port) + "/echo"), o);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("certificate verify failed"), std::string::npos) << res.error();
  EXPECT_EQ(hits.load(), 0);
}

TEST_F(HttpClient, TlsWithTheSystemStoreRefusesTheTestCa) {
  auto res = fetch(get("https://127.0.0.1:" + std::to_string(ip_tls_port) + "/echo"));
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("certificate verify failed"), std::string::npos) << res.error();
}

TEST_F(HttpClient, TlsRefusesAHostNameTheCertificateDoesNotName) {
  client_options o;
  o.ca_file = pki_->ca_file;
  // The IP certificate does not name "localhost"...
  auto by_name = fetch(get("https://localhost:" + std::to_string(ip_tls_port) + "/echo"), o);
  ASSERT_FALSE(by_name);
  EXPECT_NE(by_name.error().find("certificate verify failed: hostname mismatch"), std::string::npos)
      << by_name.error();
  // ... and the DNS certificate does not name 127.0.0.1.
  auto by_ip = fetch(get("https://127.0.0.1:" + std::to_string(dns_tls_port) + "/echo"), o);
  ASSERT_FALSE(by_ip);
  EXPECT_NE(by_ip.error().find("certificate verify failed: IP address mismatch"), std::string::npos) << by_ip.error();
  EXPECT_EQ(hits.load(), 0);
}

TEST_F(HttpClient, AMissingCaFileIsAnError) {
  client_options o;
  o.ca_file = pki_->dir.path.string() + "/absent.pem";
  auto res = fetch(get("https://127.0.0.1:" + std::to_string(ip_tls_port) + "/"), o);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("cannot load CA file"), std::string::npos) << res.error();
}

// ------------------------------------------------------------------------------------------------
// SSRF guard, URL and request validation

TEST_F(HttpClient, AddressAllowedSeesEveryAddressAndCanRefuse) {
  std::vector<std::tuple<std::string, bool, bool>> seen;
  client_options o;
  o.address_allowed = [&](const std::string& ip, bool loopback, bool reserved) {
    seen.emplace_back(ip, loopback, reserved);
    return !reserved;
  };
  auto res = fetch(get(url("/echo")), o);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error(), "refused to connect to 127.0.0.1: address not allowed (127.0.0.1)");
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], std::make_tuple(std::string("127.0.0.1"), true, true));
  EXPECT_EQ(hits.load(), 0);

  // Resolved names go through the same check.
  seen.clear();
  auto by_name = fetch(get("http://localhost:" + std::to_string(port) + "/echo"), o);
  ASSERT_FALSE(by_name);
  EXPECT_NE(by_name.error().find("address not allowed"), std::string::npos) << by_name.error();
  ASSERT_FALSE(seen.empty());
  for (auto& s : seen) EXPECT_TRUE(std::get<1>(s)) << std::get<0>(s);

  // An IPv6 literal reaches the guard without brackets.
  seen.clear();
  auto v6 = fetch(get("http://[::1]:1/"), o);
  ASSERT_FALSE(v6);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], std::make_tuple(std::string("::1"), true, true));

  o.address_allowed = [](const std::string&, bool loopback, bool) { return loopback; };
  auto allowed = fetch(get(url("/echo")), o);
  ASSERT_TRUE(allowed) << allowed.error();
  EXPECT_EQ(hits.load(), 1);
}

TEST_F(HttpClient, MalformedUrlsAreRefused) {
  for (const char* bad : {"", "127.0.0.1/echo", "ftp://127.0.0.1/", "http://", "http:///path",
                          "http://user:pw@127.0.0.1/", "http://good.example@127.0.0.1/", "http://127.0.0.1/#frag",
                          "http://127.0.0.1:0/", "http://127.0.0.1:65536/", "http://127.0.0.1:/", "http://127.0.0.1:8x/",
                          "http://[::1/", "http://[not-v6]/", "http://[::1]x/", "http://127.0.0.1/a b",
                          "http://127.0.0.1/\r\nX-Injected: 1", "http://exa$mple.com/"}) {
    auto res = fetch(get(bad));
    ASSERT_FALSE(res) << bad;
    EXPECT_NE(res.error().find("invalid URL"), std::string::npos) << bad << " → " << res.error();
  }
  EXPECT_EQ(hits.load(), 0);
}

TEST_F(HttpClient, UrlPartsReachTheServer) {
  // Upper-case scheme and host, a query without a path.
  auto res = fetch(get("HTTP://127.0.0.1:" + std::to_string(port) + "?q=1"));
  ASSERT_TRUE(res) << res.error();
  EXPECT_EQ(res->status, 404u);  // "/" is not routed: the target was "/?q=1"
}

TEST_F(HttpClient, HeaderInjectionIsRefused) {
  client_request req;
  req.url = url("/echo");
  req.headers = {{"X-Test", "a\r\nX-Injected: 1"}};
  auto res = fetch(req);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().find("invalid request header 'X-Test'"), std::string::npos) << res.error();
  req.headers = {{"Bad Name", "v"}};
  EXPECT_FALSE(fetch(req));
  req.headers.clear();
  req.method = "GET /x HTTP/1.1\r\n";
  EXPECT_FALSE(fetch(req));
  EXPECT_EQ(hits.load(), 0);
}

// ------------------------------------------------------------------------------------------------
// address classification

TEST(IsPrivateOrReserved, Table) {
  struct row {
    const char* ip;
    bool reserved;
  };
  const row rows[] = {
      // public
      {"8.8.8.8", false}, {"1.1.1.1", false}, {"93.184.216.34", false}, {"100.63.255.255", false},
      {"100.128.0.0", false}, {"172.15.255.255", false}, {"172.32.0.0", false}, {"192.167.255.255", false},
      {"192.169.0.0", false}, {"198.17.255.255", false}, {"198.20.0.0", false}, {"223.255.255.255", false},
      {"2606:4700:4700::1111", false}, {"2001:4860:4860::8888", false}, {"::ffff:8.8.8.8", false},
      {"64:ff9b::808:808", false}, {"2002:808:808::1", false},
      // loopback, unspecified, this network
      {"127.0.0.1", true}, {"127.255.255.254", true}, {"0.0.0.0", true}, {"0.1.2.3", true}, {"::1", true}, {"::", true},
      // RFC 1918, CGNAT, link-local (cloud metadata)
      {"10.0.0.1", true}, {"10.255.255.255", true}, {"172.16.0.1", true}, {"172.31.255.255", true},
      {"192.168.1.1", true}, {"100.64.0.1", true}, {"100.127.255.255", true}, {"169.254.169.254", true},
      // multicast, reserved, broadcast
      {"224.0.0.1", true}, {"239.255.255.250", true}, {"240.0.0.1", true}, {"255.255.255.255", true},
      // special purpose and documentation
      {"192.0.0.8", true}, {"192.0.2.1", true}, {"198.51.100.7", true}, {"203.0.113.9", true},
      {"198.18.0.1", true}, {"198.19.255.255", true}, {"192.88.99.1", true},
      // IPv6 ranges
      {"fc00::1", true}, {"fd12:3456::1", true}, {"fe80::1", true}, {"fe80::1%eth0", true}, {"febf::1", true},
      {"fec0::1", true}, {"ff02::1", true}, {"2001:db8::1", true}, {"3fff::1", true}, {"2001::1", true},
      {"100::1", true}, {"64:ff9b:1::1", true},
      // IPv4-mapped, -compatible, NAT64 and 6to4 forms of reserved IPv4
      {"::ffff:127.0.0.1", true}, {"::ffff:10.0.0.1", true}, {"::ffff:169.254.169.254", true},
      {"::ffff:0.0.0.0", true}, {"::127.0.0.1", true}, {"64:ff9b::a00:1", true}, {"2002:a00:1::", true},
      {"2002:7f00:1::", true},
      // not an address: fail closed
      {"", true}, {"localhost", true}, {"1.2.3", true}, {"1.2.3.4.5", true}, {"::g", true},
  };
  for (const auto& r : rows) EXPECT_EQ(is_private_or_reserved(r.ip), r.reserved) << r.ip;
}

}  // namespace
}  // namespace transport
