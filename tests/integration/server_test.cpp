// Integration tests: `workos-mcp serve` and the fixture server as real processes on port 0,
// driven over raw HTTP, for what only the whole binary shows: the ready line, the HTTP status
// of every refusal, session lifecycle, SSE framing and resumption, batches, configuration
// errors, and a graceful drain on SIGTERM.
#include <gtest/gtest.h>

#include <fstream>
#include <tuple>

#include "mcp/json.hpp"
#include "tests/integration/process.hpp"

namespace {

using it::http;
using it::server_process;

const std::map<std::string, std::string> json_headers = {
    {"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};

std::string temp_dir() {
  char tmpl[] = "/tmp/workos-mcp-it-XXXXXX";
  return mkdtemp(tmpl);
}

constexpr const char* initialize_body =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"it","version":"1"}}})";

struct session {
  std::uint16_t port;
  std::string id;
  std::string version = "2025-11-25";
  std::map<std::string, std::string> headers() const {
    auto h = json_headers;
    h["Mcp-Session-Id"] = id;
    h["MCP-Protocol-Version"] = version;
    return h;
  }
  it::http_reply post(const std::string& body) const { return http(port, "POST", "/mcp", headers(), body); }
};

session open_session(std::uint16_t port, const std::string& version = "2025-11-25") {
  std::string body = initialize_body;
  body.replace(body.find("2025-11-25"), 10, version);
  auto r = http(port, "POST", "/mcp", json_headers, body);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers["content-type"], "application/json");
  session s{port, r.headers["mcp-session-id"], version};
  EXPECT_FALSE(s.id.empty());
  auto n = s.post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_EQ(n.status, 202u);
  EXPECT_TRUE(n.body.empty());
  return s;
}

// The transport's behaviour, without sign-in (anonymous mode, loopback only); sign-in has its
// own fixture below.
class serve_test : public ::testing::Test {
 protected:
  server_process server{WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", temp_dir(),
                                            "--max-body-bytes", "4096", "--log-level", "warn", "--auth-mode", "none"}};
  std::uint16_t port = server.port();
};

TEST_F(serve_test, prints_one_ready_line_naming_every_service_url) {
  auto doc = mcp::json_doc::parse(server.ready_line());
  ASSERT_TRUE(doc) << server.ready_line();
  EXPECT_EQ(mcp::get_bool(doc->root(), "ready"), true);
  EXPECT_EQ(mcp::get_string(doc->root(), "mcp_url"), server.mcp_url());
  auto health = std::string{*mcp::get_string(doc->root(), "healthz_url")};
  EXPECT_EQ(http(port, "GET", "/healthz", {}).status, 200u);
  EXPECT_EQ(http(port, "GET", "/nope", {}).status, 404u);
  // The embedded WorkOS emulator runs beside it by default, on its own port, and answers as
  // the WorkOS API does (401 without an API key, with a request id).
  auto emulator_url = mcp::get_string(doc->root(), "emulator_url");
  ASSERT_TRUE(emulator_url) << server.ready_line();
  auto emulator_port = static_cast<std::uint16_t>(std::stoi(std::string{emulator_url->substr(emulator_url->rfind(':') + 1)}));
  EXPECT_NE(emulator_port, port);
  auto unauthorized = http(emulator_port, "GET", "/organizations", {});
  EXPECT_EQ(unauthorized.status, 401u);
  EXPECT_FALSE(unauthorized.headers["x-request-id"].empty());
}

TEST(serve_emulator, can_be_turned_off) {
  server_process s(WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", temp_dir(),
                                       "--emulator-enabled", "false", "--log-level", "warn", "--auth-mode", "none"});
  EXPECT_EQ(s.ready_line().find("emulator_url"), std::string::npos) << s.ready_line();
}

// `serve` with its defaults: every MCP request needs a token of the embedded authorization server.
class serve_auth_test : public ::testing::Test {
 protected:
  server_process server{WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", temp_dir(), "--log-level", "warn"}};
  std::uint16_t port = server.port();
  std::string metadata_url = "http://127.0.0.1:" + std::to_string(port) + "/.well-known/oauth-protected-resource/mcp";

  std::string ready(const char* key) {
    auto doc = mcp::json_doc::parse(server.ready_line());
    auto v = doc ? mcp::get_string(doc->root(), key) : std::nullopt;
    return v ? std::string{*v} : std::string{};
  }
};

// With sign-in on, the token verifier and the policy run detached actors: their handles must be
// gone before CAF shuts down, or the process waits for them forever after SIGTERM.
TEST_F(serve_auth_test, sigterm_exits_cleanly_with_sign_in_on) {
  EXPECT_EQ(http(port, "POST", "/mcp", {}).status, 401u) << "the verifier has been used";
  auto code = server.terminate(std::chrono::seconds(5));
  ASSERT_TRUE(code.has_value()) << "did not exit within 5 s of SIGTERM";
  EXPECT_EQ(*code, 0);
}

TEST_F(serve_auth_test, every_request_without_a_token_gets_a_401_challenge_and_no_session) {
  auto with_session = json_headers;
  with_session["Mcp-Session-Id"] = "any";
  for (auto [method, headers, body] : {std::tuple{"POST", json_headers, std::string{initialize_body}},
                                       std::tuple{"GET", with_session, std::string{}},
                                       std::tuple{"DELETE", with_session, std::string{}}}) {
    auto r = http(port, method, "/mcp", headers, body);
    EXPECT_EQ(r.status, 401u) << method;
    EXPECT_EQ(r.headers["www-authenticate"], "Bearer resource_metadata=\"" + metadata_url +
                                                 "\", scope=\"mcp\", error_description=\"Sign in: this server needs a bearer token\"")
        << method;
    EXPECT_TRUE(r.headers["mcp-session-id"].empty()) << method;
    EXPECT_EQ(r.headers["cache-control"], "no-store") << method;
  }
}

TEST_F(serve_auth_test, a_bad_token_or_a_token_in_the_url_is_refused) {
  auto h = json_headers;
  h["Authorization"] = "Bearer not.a.token";
  auto forged = http(port, "POST", "/mcp", h, initialize_body);
  EXPECT_EQ(forged.status, 401u);
  EXPECT_NE(forged.headers["www-authenticate"].find(R"(error="invalid_token")"), std::string::npos);
  EXPECT_TRUE(forged.headers["mcp-session-id"].empty());
  h["Authorization"] = "Basic YWxpY2U6c2VjcmV0";
  EXPECT_EQ(http(port, "POST", "/mcp", h, initialize_body).status, 401u) << "only bearer tokens";
  auto in_url = http(port, "POST", "/mcp?access_token=whatever", json_headers, initialize_body);
  EXPECT_EQ(in_url.status, 401u);
  EXPECT_NE(in_url.headers["www-authenticate"].find(R"(error="invalid_request")"), std::string::npos);
  EXPECT_NE(in_url.body.find("not accepted in the URL"), std::string::npos) << in_url.body;
}

TEST_F(serve_auth_test, protected_resource_metadata_names_the_resource_and_the_embedded_issuer) {
  auto issuer = ready("issuer_url");
  ASSERT_FALSE(issuer.empty()) << server.ready_line();
  EXPECT_EQ(issuer, ready("emulator_url")) << "by default the embedded emulator is the authorization server";
  for (auto path : {"/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"}) {
    auto r = http(port, "GET", path, {});
    ASSERT_EQ(r.status, 200u) << path;
    auto doc = mcp::json_doc::parse(r.body);
    ASSERT_TRUE(doc) << r.body;
    EXPECT_EQ(mcp::get_string(doc->root(), "resource"), server.mcp_url()) << path;
    EXPECT_NE(r.body.find("\"authorization_servers\":[\"" + issuer + "\"]"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(R"("scopes_supported":["mcp"])"), std::string::npos) << r.body;
  }
  // The issuer's own metadata agrees, byte for byte (RFC 8414 §3.3).
  auto as_port = static_cast<std::uint16_t>(std::stoi(issuer.substr(issuer.rfind(':') + 1)));
  auto as = http(as_port, "GET", "/.well-known/oauth-authorization-server", {});
  ASSERT_EQ(as.status, 200u);
  auto as_doc = mcp::json_doc::parse(as.body);
  ASSERT_TRUE(as_doc) << as.body;
  EXPECT_EQ(mcp::get_string(as_doc->root(), "issuer"), issuer);
}

TEST(serve_config, anonymous_mode_is_refused_on_a_public_listener) {
  auto [code, err] = server_process::run(WORKOS_MCP_BINARY, {"serve", "--listen", "0.0.0.0:0", "--auth-mode", "none"});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("loopback"), std::string::npos) << err;
}

TEST_F(serve_test, a_session_lives_from_initialize_to_delete_and_is_404_after) {
  auto s = open_session(port);
  auto list = s.post(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})");
  EXPECT_EQ(list.status, 200u);
  EXPECT_NE(list.body.find(R"("tools":[)"), std::string::npos);
  EXPECT_EQ(http(port, "DELETE", "/mcp", s.headers()).status, 200u);
  auto after = s.post(R"({"jsonrpc":"2.0","id":3,"method":"ping"})");
  EXPECT_EQ(after.status, 404u);
  EXPECT_EQ(http(port, "DELETE", "/mcp", s.headers()).status, 404u);
}

TEST_F(serve_test, the_default_tool_set_fits_in_1500_tokens_of_an_agents_context) {
  // tools/list is read into the agent's context in every session: the five tools, with their
  // descriptions and schemas, stay within 1,500 tokens, counted as characters / 4.
  auto s = open_session(port);
  auto list = s.post(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})");
  ASSERT_EQ(list.status, 200u);
  auto doc = mcp::json_doc::parse(list.body);
  ASSERT_TRUE(doc) << list.body;
  simdjson::dom::element tools;
  ASSERT_EQ(doc->root()["result"]["tools"].get(tools), simdjson::SUCCESS) << list.body;
  auto text = mcp::to_json(tools);
  for (auto name : {"whoami", "use_environment", "list_operations", "query", "mutate"})
    EXPECT_NE(text.find(std::string{"\"name\":\""} + name + "\""), std::string::npos) << name;
  EXPECT_LE(text.size() / 4, 1500u) << text.size() << " characters";
}

// tools.per_operation: off by default (above); on, each operation of the named products is a tool
// of its own beside the five, and a product that does not exist stops the start with a message.
TEST(serve_per_operation_tools, are_listed_for_the_products_asked_for) {
  server_process server(WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", temp_dir(), "--log-level",
                                            "warn", "--auth-mode", "none", "--tools-per-operation", "sso,organizations"});
  auto s = open_session(server.port());
  auto list = s.post(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})");
  ASSERT_EQ(list.status, 200u);
  for (auto name : {"\"query\"", "\"organizations_delete\"", "\"sso_delete_connection\"", "\"sso_list_connections\""})
    EXPECT_NE(list.body.find(std::string{"\"name\":"} + name), std::string::npos) << name;
  EXPECT_EQ(list.body.find("\"users_list\""), std::string::npos) << "only the products asked for";
  auto [code, err] = server_process::run(WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", temp_dir(),
                                                             "--auth-mode", "none", "--tools-per-operation", "nonsense"});
  EXPECT_NE(code, 0);
  EXPECT_NE(err.find("no product named 'nonsense'"), std::string::npos) << err;
}

TEST_F(serve_test, serve_offers_the_job_prompts_and_the_catalog_resources) {
  // Registered by app/main.cpp beside the tools; their content is tests/tools/prompts_test.cpp's.
  auto s = open_session(port);
  auto prompts = s.post(R"({"jsonrpc":"2.0","id":2,"method":"prompts/list"})");
  ASSERT_EQ(prompts.status, 200u);
  for (auto name : {"brand_sign_in_page", "debug_sign_in", "onboard_customer", "understand_users", "manage_user",
                    "audit_configuration", "stream_audit_logs"})
    EXPECT_NE(prompts.body.find(std::string{"\"name\":\""} + name + "\""), std::string::npos) << name;
  auto resources = s.post(R"({"jsonrpc":"2.0","id":3,"method":"resources/list"})");
  ASSERT_EQ(resources.status, 200u);
  EXPECT_NE(resources.body.find(R"("uri":"workos://catalog")"), std::string::npos) << resources.body;
  EXPECT_NE(resources.body.find(R"("uri":"workos://catalog/organizations")"), std::string::npos);
  auto missing = s.post(R"({"jsonrpc":"2.0","id":4,"method":"prompts/get","params":{"name":"manage_user"}})");
  EXPECT_NE(missing.body.find("-32602"), std::string::npos) << missing.body;
}

TEST_F(serve_test, every_refusal_has_its_status) {
  auto s = open_session(port);
  auto h = s.headers();
  // No session id, an unknown one.
  auto no_id = json_headers;
  EXPECT_EQ(http(port, "POST", "/mcp", no_id, R"({"jsonrpc":"2.0","id":2,"method":"ping"})").status, 400u);
  auto bad_id = h;
  bad_id["Mcp-Session-Id"] = "not-a-session";
  EXPECT_EQ(http(port, "POST", "/mcp", bad_id, R"({"jsonrpc":"2.0","id":2,"method":"ping"})").status, 404u);
  // Accept and Content-Type.
  auto no_sse = h;
  no_sse["Accept"] = "application/json";
  EXPECT_EQ(http(port, "POST", "/mcp", no_sse, R"({"jsonrpc":"2.0","id":2,"method":"ping"})").status, 406u);
  auto text = h;
  text["Content-Type"] = "text/plain";
  EXPECT_EQ(http(port, "POST", "/mcp", text, R"({"jsonrpc":"2.0","id":2,"method":"ping"})").status, 415u);
  // Protocol version.
  auto old = h;
  old["MCP-Protocol-Version"] = "1999-01-01";
  EXPECT_EQ(http(port, "POST", "/mcp", old, R"({"jsonrpc":"2.0","id":2,"method":"ping"})").status, 400u);
  // Malformed JSON: 400 with a JSON-RPC parse error.
  auto garbage = http(port, "POST", "/mcp", h, R"({"jsonrpc":)");
  EXPECT_EQ(garbage.status, 400u);
  EXPECT_NE(garbage.body.find("-32700"), std::string::npos);
  // Too large.
  EXPECT_EQ(http(port, "POST", "/mcp", h, std::string(8192, ' ')).status, 413u);
  // DNS rebinding: a foreign Host or Origin.
  auto evil_host = h;
  evil_host["Host"] = "evil.example.com";
  EXPECT_EQ(http(port, "POST", "/mcp", evil_host, initialize_body).status, 403u);
  auto evil_origin = json_headers;
  evil_origin["Origin"] = "http://evil.example.com";
  EXPECT_EQ(http(port, "POST", "/mcp", evil_origin, initialize_body).status, 403u);
  // Other methods.
  EXPECT_EQ(http(port, "PUT", "/mcp", h, "{}").status, 405u);
  // initialize on an existing session.
  EXPECT_EQ(http(port, "POST", "/mcp", h, initialize_body).status, 400u);
  // The session survived all of that.
  EXPECT_EQ(s.post(R"({"jsonrpc":"2.0","id":9,"method":"ping"})").status, 200u);
}

TEST_F(serve_test, batches_only_under_2025_03_26) {
  auto modern = open_session(port);
  auto refused = modern.post(R"([{"jsonrpc":"2.0","id":2,"method":"ping"}])");
  EXPECT_EQ(refused.status, 400u);
  auto legacy = open_session(port, "2025-03-26");
  auto r = legacy.post(R"([{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","id":3,"method":"ping"}])");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers["content-type"], "text/event-stream");
  auto events = it::sse_events(r.body);
  int answers = 0;
  for (const auto& [id, data] : events) answers += data.find(R"("result":{})") != std::string::npos;
  EXPECT_EQ(answers, 2);
}

TEST_F(serve_test, one_standalone_get_stream_per_session) {
  auto s = open_session(port);
  auto get_headers = s.headers();
  get_headers["Accept"] = "text/event-stream";
  it::open_stream first(port, "GET", "/mcp", get_headers);
  ASSERT_EQ(first.status(), 200u);
  EXPECT_EQ(first.header("Content-Type"), "text/event-stream");
  ASSERT_TRUE(first.read_until([](const std::string& b) { return b.find("retry: ") != std::string::npos; }))
      << "the priming event carries an id and the retry delay";
  EXPECT_EQ(http(port, "GET", "/mcp", get_headers).status, 409u);
  auto json_only = get_headers;
  json_only["Accept"] = "application/json";
  EXPECT_EQ(http(port, "GET", "/mcp", json_only).status, 406u);
}

TEST_F(serve_test, sigterm_drains_open_streams_and_exits_cleanly) {
  auto s = open_session(port);
  auto get_headers = s.headers();
  get_headers["Accept"] = "text/event-stream";
  it::open_stream stream(port, "GET", "/mcp", get_headers);
  ASSERT_EQ(stream.status(), 200u);
  auto code = server.terminate();
  ASSERT_TRUE(code.has_value()) << "did not exit within the bound";
  EXPECT_EQ(*code, 0);
  EXPECT_TRUE(stream.read_to_end()) << "the stream was ended, not cut";
}

TEST(serve_config, refuses_bad_configuration_with_a_message) {
  auto dir = temp_dir();
  std::ofstream(dir + "/bad.toml") << "[server]\nlisten = \"127.0.0.1:0\"\nlisen_typo = 1\n";
  auto [code, err] = server_process::run(WORKOS_MCP_BINARY, {"serve", "--config", dir + "/bad.toml"});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find("unknown key server.lisen_typo"), std::string::npos) << err;
  auto [code2, err2] = server_process::run(WORKOS_MCP_BINARY, {"serve", "--listen", "nonsense"});
  EXPECT_EQ(code2, 2);
  EXPECT_NE(err2.find("host:port"), std::string::npos) << err2;
}

TEST(serve_config, flag_beats_environment_beats_file) {
  auto dir = temp_dir();
  std::ofstream(dir + "/c.toml") << "[server]\nlisten = \"127.0.0.1:1\"\ndata_dir = \"" << dir << "/d\"\n";
  // The file says port 1 (unbindable), the environment says 2, the flag says 0: the flag wins.
  server_process s(WORKOS_MCP_BINARY, {"serve", "--config", dir + "/c.toml", "--listen", "127.0.0.1:0"},
                   {{"WORKOS_MCP_LISTEN", "127.0.0.1:2"}});
  EXPECT_NE(s.port(), 0);
  EXPECT_NE(s.port(), 1);
  EXPECT_NE(s.port(), 2);
}

TEST(serve_tls, serves_https_with_the_configured_certificate) {
  auto dir = temp_dir();
  // A self-signed certificate for 127.0.0.1, made with the openssl command for this test.
  auto [made, why] = server_process::run(
      "/usr/bin/openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                           "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem", "-days", "1", "-subj",
                           "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  ASSERT_EQ(made, 0) << why;
  server_process s(WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--data-dir", dir + "/data", "--tls-cert",
                                       dir + "/cert.pem", "--tls-key", dir + "/key.pem", "--log-level", "warn"});
  EXPECT_NE(s.ready_line().find("\"mcp_url\":\"https://127.0.0.1:"), std::string::npos) << s.ready_line();
  // Served over TLS, and the sign-in challenge names the https metadata URL.
  auto r = it::https(s.port(), "127.0.0.1", dir + "/cert.pem", "POST", "/mcp", json_headers, initialize_body);
  EXPECT_EQ(r.status, 401u);
  EXPECT_NE(r.headers["www-authenticate"].find("resource_metadata=\"https://127.0.0.1:" + std::to_string(s.port()) +
                                               "/.well-known/oauth-protected-resource/mcp\""),
            std::string::npos)
      << r.headers["www-authenticate"];
  EXPECT_EQ(it::https(s.port(), "127.0.0.1", dir + "/cert.pem", "GET", "/healthz", {}).status, 200u);
  // Plain HTTP to the TLS port gets no answer.
  auto plain = http(s.port(), "POST", "/mcp", json_headers, initialize_body, std::chrono::seconds(3));
  EXPECT_EQ(plain.status, 0u) << plain.body;
  // A certificate the client does not trust is refused.
  auto [other, why2] = server_process::run(
      "/usr/bin/openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                           "-keyout", dir + "/k2.pem", "-out", dir + "/other.pem", "-days", "1", "-subj", "/CN=x"});
  ASSERT_EQ(other, 0) << why2;
  EXPECT_EQ(it::https(s.port(), "127.0.0.1", dir + "/other.pem", "GET", "/healthz", {}).status, 0u);
}

TEST(serve_tls, refuses_to_start_with_unreadable_certificate_files) {
  auto [code, err] = server_process::run(WORKOS_MCP_BINARY, {"serve", "--listen", "127.0.0.1:0", "--tls-cert",
                                                             "/nonexistent/c.pem", "--tls-key", "/nonexistent/k.pem",
                                                             "--data-dir", temp_dir()});
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.find("cannot listen"), std::string::npos) << err;
}

class fixture_test : public ::testing::Test {
 protected:
  server_process server{FIXTURE_SERVER_BINARY,
                        {"--listen", "127.0.0.1:0", "--data-dir", temp_dir(), "--log-level", "warn"}};
  std::uint16_t port = server.port();
};

TEST_F(fixture_test, a_stream_closed_mid_call_resumes_by_get_with_last_event_id) {
  auto s = open_session(port);
  auto r = s.post(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"test_reconnection","arguments":{}}})");
  ASSERT_EQ(r.status, 200u);
  ASSERT_EQ(r.headers["content-type"], "text/event-stream");
  auto events = it::sse_events(r.body);
  ASSERT_FALSE(events.empty());
  for (const auto& [id, data] : events) EXPECT_EQ(data.find(R"("id":7)"), std::string::npos) << "no answer yet";
  auto get_headers = s.headers();
  get_headers["Accept"] = "text/event-stream";
  get_headers["Last-Event-ID"] = events.back().first;
  it::open_stream resumed(port, "GET", "/mcp", get_headers);
  ASSERT_EQ(resumed.status(), 200u);
  ASSERT_TRUE(resumed.read_to_end());
  auto after = it::sse_events(resumed.body());
  ASSERT_FALSE(after.empty());
  EXPECT_NE(after.back().second.find(R"("id":7)"), std::string::npos) << resumed.body();
  // Another stream's event id is not a way into this one.
  get_headers["Last-Event-ID"] = "999-0";
  EXPECT_EQ(http(port, "GET", "/mcp", get_headers).status, 404u);
}

TEST_F(fixture_test, a_call_answered_at_once_is_plain_json_and_one_with_progress_is_sse) {
  auto s = open_session(port);
  auto plain = s.post(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_simple_text","arguments":{}}})");
  EXPECT_EQ(plain.headers["content-type"], "application/json");
  auto progress = s.post(
      R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"test_tool_with_progress","arguments":{},"_meta":{"progressToken":"p"}}})");
  EXPECT_EQ(progress.headers["content-type"], "text/event-stream");
  auto events = it::sse_events(progress.body);
  ASSERT_GE(events.size(), 4u);
  EXPECT_TRUE(events.front().second.empty()) << "the priming event comes first";
  EXPECT_NE(events.back().second.find(R"("id":3)"), std::string::npos);
}

}  // namespace
