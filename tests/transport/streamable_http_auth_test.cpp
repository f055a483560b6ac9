// tests/transport/streamable_http_auth_test.cpp — the MCP endpoint's authentication hook, with
// no network: a recording responder and a fake session directory stand in for Beast and the
// actors. What is checked: every method (POST, GET, DELETE) passes through the authenticator
// before anything else is read; a refusal is sent exactly as the authenticator built it and
// reaches no session; a verdict delivered later, from another thread, still dispatches the
// parked request intact; and the caller's owner key is what sessions are opened and looked up
// with.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include "transport/streamable_http.hpp"

namespace transport {
namespace {

// Like the server's responder, it ignores whatever comes after the exchange was answered (the
// endpoint relies on that: a dropped sink answers 404 "just in case").
class recording_responder final : public responder {
 public:
  void send(response r) override {
    std::lock_guard lk(m_);
    if (sent.empty()) sent.push_back(std::move(r));
  }
  void begin_stream(unsigned status, header_list) override {
    std::lock_guard lk(m_);
    streamed.push_back(status);
  }
  void write(std::string) override {}
  void end_stream() override {}
  bool closed() const override { return false; }
  void abort() override {}
  void on_close(std::function<void()>) override {}

  std::vector<response> sent;
  std::vector<unsigned> streamed;

 private:
  std::mutex m_;
};

// Records who asked for what; answers initialize with a plain JSON result.
class fake_directory final : public mcp::session_directory {
 public:
  std::optional<std::string> open(std::string owner) override {
    opened_by.push_back(owner);
    owner_of["sid-1"] = owner;
    return "sid-1";
  }
  bool post(std::string_view id, std::string_view owner, mcp::message m, mcp::sink_ptr sink) override {
    calls.push_back("post " + std::string{id} + " as " + std::string{owner});
    if (!owns(id, owner)) return false;
    sink->deliver({{"", ""}, {"sid-1-1", R"({"jsonrpc":"2.0","id":)" + m.id + R"(,"result":{}})"}}, true);
    return true;
  }
  bool post_batch(std::string_view, std::string_view, std::vector<mcp::message>, mcp::sink_ptr) override {
    return false;
  }
  bool post_other(std::string_view id, std::string_view owner, mcp::message) override {
    calls.push_back("other " + std::string{id} + " as " + std::string{owner});
    return owns(id, owner);
  }
  bool listen(std::string_view id, std::string_view owner, std::optional<std::string>, mcp::sink_ptr) override {
    calls.push_back("listen " + std::string{id} + " as " + std::string{owner});
    return owns(id, owner);
  }
  bool terminate(std::string_view id, std::string_view owner) override {
    calls.push_back("terminate " + std::string{id} + " as " + std::string{owner});
    return owns(id, owner);
  }

  std::vector<std::string> opened_by;
  std::vector<std::string> calls;
  std::map<std::string, std::string, std::less<>> owner_of;

 private:
  bool owns(std::string_view id, std::string_view owner) const {
    auto it = owner_of.find(id);
    return it != owner_of.end() && it->second == owner;
  }
};

request make_request(std::string method, std::string auth, std::string body = {}, std::string session = {}) {
  request r;
  r.method = std::move(method);
  r.target = r.path = "/mcp";
  r.headers.add("Host", "127.0.0.1:1234");
  r.headers.add("Accept", "application/json, text/event-stream");
  r.headers.add("Content-Type", "application/json");
  if (!auth.empty()) r.headers.add("Authorization", auth);
  if (!session.empty()) r.headers.add("Mcp-Session-Id", session);
  r.body = std::move(body);
  r.body.reserve(r.body.size() + body_padding);
  return r;
}

constexpr const char* initialize_body =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";

// Accepts "Bearer alice"/"Bearer bob" as those owners; anything else is a 401 built here.
void by_header(const request& req, std::function<void(auth_verdict)> done) {
  auto h = req.headers.get("Authorization");
  if (h && *h == "Bearer alice") return done(caller{"alice"});
  if (h && *h == "Bearer bob") return done(caller{"bob"});
  auto r = response::json(401, R"({"error":"invalid_token"})");
  r.headers.add("WWW-Authenticate", "Bearer resource_metadata=\"x\"");
  done(std::move(r));
}

struct endpoint_fixture : ::testing::Test {
  std::shared_ptr<fake_directory> dir = std::make_shared<fake_directory>();
  handler make(authenticator a) {
    streamable_http_options o;
    o.authenticate = std::move(a);
    return make_mcp_endpoint(dir, o);
  }
  std::shared_ptr<recording_responder> call(handler& h, request r) {
    auto res = std::make_shared<recording_responder>();
    h(std::move(r), res);
    return res;
  }
};

TEST_F(endpoint_fixture, every_method_is_refused_without_credentials_and_reaches_no_session) {
  auto h = make(by_header);
  for (auto method : {"POST", "GET", "DELETE", "PUT"}) {
    auto res = call(h, make_request(method, "", method == std::string{"POST"} ? initialize_body : ""));
    ASSERT_EQ(res->sent.size(), 1u) << method;
    EXPECT_EQ(res->sent[0].status, 401u) << method << ": refused before the method is even looked at";
    EXPECT_TRUE(res->sent[0].headers.get("WWW-Authenticate")) << method;
    EXPECT_FALSE(res->sent[0].headers.get("Mcp-Session-Id")) << method;
  }
  EXPECT_TRUE(dir->opened_by.empty());
  EXPECT_TRUE(dir->calls.empty());
}

TEST_F(endpoint_fixture, sessions_are_opened_and_found_with_the_callers_owner_key) {
  auto h = make(by_header);
  auto init = call(h, make_request("POST", "Bearer alice", initialize_body));
  ASSERT_EQ(init->sent.size(), 1u);
  EXPECT_EQ(init->sent[0].status, 200u);
  EXPECT_EQ(init->sent[0].headers.get("Mcp-Session-Id").value_or(""), "sid-1");
  EXPECT_EQ(dir->opened_by, (std::vector<std::string>{"alice"}));

  auto bobs_delete = call(h, make_request("DELETE", "Bearer bob", "", "sid-1"));
  ASSERT_EQ(bobs_delete->sent.size(), 1u);
  EXPECT_EQ(bobs_delete->sent[0].status, 404u) << "another person's session does not exist for them";
  auto bobs_get = call(h, make_request("GET", "Bearer bob", "", "sid-1"));
  ASSERT_EQ(bobs_get->sent.size(), 1u);
  EXPECT_EQ(bobs_get->sent[0].status, 404u);
  auto alices_delete = call(h, make_request("DELETE", "Bearer alice", "", "sid-1"));
  ASSERT_EQ(alices_delete->sent.size(), 1u);
  EXPECT_EQ(alices_delete->sent[0].status, 200u);
  EXPECT_EQ(dir->calls, (std::vector<std::string>{"post sid-1 as alice", "terminate sid-1 as bob", "listen sid-1 as bob",
                                                  "terminate sid-1 as alice"}));
}

TEST_F(endpoint_fixture, a_verdict_that_arrives_later_on_another_thread_dispatches_the_parked_request) {
  std::function<void(auth_verdict)> pending;
  auto h = make([&](const request&, std::function<void(auth_verdict)> done) { pending = std::move(done); });
  auto res = call(h, make_request("POST", "Bearer whoever", initialize_body));
  EXPECT_TRUE(res->sent.empty()) << "nothing is answered before the verdict";
  EXPECT_TRUE(dir->opened_by.empty());
  ASSERT_TRUE(pending);
  std::thread later([&] { pending(caller{"carol"}); });
  later.join();
  ASSERT_EQ(res->sent.size(), 1u);
  EXPECT_EQ(res->sent[0].status, 200u) << "the body survived the wait and was decoded";
  EXPECT_EQ(dir->opened_by, (std::vector<std::string>{"carol"}));
}

TEST_F(endpoint_fixture, a_refusal_is_sent_exactly_as_the_authenticator_built_it) {
  auto h = make([](const request&, std::function<void(auth_verdict)> done) {
    auto r = response::json(403, R"({"error":"insufficient_scope"})");
    r.headers.add("WWW-Authenticate", R"(Bearer error="insufficient_scope", scope="mcp")");
    done(std::move(r));
  });
  auto res = call(h, make_request("POST", "Bearer alice", initialize_body));
  ASSERT_EQ(res->sent.size(), 1u);
  EXPECT_EQ(res->sent[0].status, 403u);
  EXPECT_EQ(res->sent[0].body, R"({"error":"insufficient_scope"})");
  EXPECT_EQ(res->sent[0].headers.get("WWW-Authenticate").value_or(""), R"(Bearer error="insufficient_scope", scope="mcp")");
  EXPECT_TRUE(dir->opened_by.empty());
}

TEST_F(endpoint_fixture, origin_checks_come_before_authentication) {
  int asked = 0;
  auto h = make([&](const request&, std::function<void(auth_verdict)> done) {
    ++asked;
    done(caller{"alice"});
  });
  auto r = make_request("POST", "Bearer alice", initialize_body);
  r.headers.add("Origin", "https://evil.example");
  auto res = call(h, std::move(r));
  ASSERT_EQ(res->sent.size(), 1u);
  EXPECT_EQ(res->sent[0].status, 403u);
  EXPECT_EQ(asked, 0) << "a DNS-rebinding request does not even get to present a token";
}

}  // namespace
}  // namespace transport
