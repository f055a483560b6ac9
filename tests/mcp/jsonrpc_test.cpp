// Tests for mcp/jsonrpc.hpp: envelope classification, every invalid shape, encoders, id keys.
#include "mcp/jsonrpc.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"

namespace {

mcp::message decode_one(std::string_view json) {
  auto r = mcp::decode(json);
  EXPECT_TRUE(r.has_value()) << json;
  if (!r) return {};
  EXPECT_EQ(r->messages.size(), 1u);
  EXPECT_FALSE(r->batch);
  return r->messages.front();
}

TEST(decode, request_keeps_raw_id_and_params) {
  auto m = decode_one(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"x","arguments":{"a":[1,2]}}})");
  EXPECT_EQ(m.kind, mcp::message_kind::request);
  EXPECT_EQ(m.id, "7");
  EXPECT_EQ(m.method, "tools/call");
  EXPECT_EQ(m.params, R"({"name":"x","arguments":{"a":[1,2]}})");
}

TEST(decode, member_order_does_not_matter) {
  auto m = decode_one(R"({"params":{},"method":"ping","id":"abc","jsonrpc":"2.0"})");
  EXPECT_EQ(m.kind, mcp::message_kind::request);
  EXPECT_EQ(m.id, R"("abc")");
}

TEST(decode, notification_response_and_error_response) {
  EXPECT_EQ(decode_one(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").kind,
            mcp::message_kind::notification);
  auto r = decode_one(R"({"jsonrpc":"2.0","id":1,"result":{"ok":true}})");
  EXPECT_EQ(r.kind, mcp::message_kind::response);
  EXPECT_EQ(r.result, R"({"ok":true})");
  auto e = decode_one(R"({"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"nope","data":{"x":1}}})");
  EXPECT_EQ(e.kind, mcp::message_kind::error_response);
  EXPECT_EQ(e.error.code, -32601);
  EXPECT_EQ(e.error.message, "nope");
  EXPECT_EQ(e.error.data, R"({"x":1})");
}

TEST(decode, not_json_is_a_parse_error) {
  for (auto bad : {"", "{", "{\"jsonrpc\":\"2.0\",}", "nul", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
                   R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":}})",
                   R"([{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0",]])"}) {
    auto r = mcp::decode(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, mcp::error_code::parse_error) << bad;
  }
}

TEST(decode, scalar_body_is_an_invalid_request) {
  auto r = mcp::decode("42");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, mcp::error_code::invalid_request);
}

TEST(decode, invalid_envelopes_are_classified_with_reasons) {
  struct case_ {
    const char* json;
    const char* why;
  } cases[] = {
      {R"({"id":1,"method":"ping"})", "missing jsonrpc"},
      {R"({"jsonrpc":"1.0","id":1,"method":"ping"})", "wrong version"},
      {R"({"jsonrpc":"2.0","id":null,"method":"ping"})", "null id (MCP forbids)"},
      {R"({"jsonrpc":"2.0","id":{},"method":"ping"})", "object id"},
      {R"({"jsonrpc":"2.0","id":true,"method":"ping"})", "boolean id"},
      {R"({"jsonrpc":"2.0","id":1,"method":5})", "numeric method"},
      {R"({"jsonrpc":"2.0","id":1,"method":""})", "empty method"},
      {R"({"jsonrpc":"2.0","id":1,"method":"ping","params":3})", "scalar params"},
      {R"({"jsonrpc":"2.0","id":1})", "neither method nor result"},
      {R"({"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}})", "both result and error"},
  };
  for (const auto& c : cases) {
    auto m = decode_one(c.json);
    EXPECT_EQ(m.kind, mcp::message_kind::invalid) << c.why;
    EXPECT_EQ(m.error.code, mcp::error_code::invalid_request) << c.why;
  }
}

TEST(decode, batch_keeps_valid_and_flags_invalid_elements) {
  auto r = mcp::decode(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},3,{"jsonrpc":"2.0","method":"n"}])");
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->batch);
  ASSERT_EQ(r->messages.size(), 3u);
  EXPECT_EQ(r->messages[0].kind, mcp::message_kind::request);
  EXPECT_EQ(r->messages[1].kind, mcp::message_kind::invalid);
  EXPECT_EQ(r->messages[2].kind, mcp::message_kind::notification);
  auto empty = mcp::decode("[]");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, mcp::error_code::invalid_request);
}

TEST(decode, parses_in_place_when_the_buffer_has_padding) {
  std::string body = R"({"jsonrpc":"2.0","id":3,"method":"ping"})";
  auto size = body.size();
  body.reserve(size + 64);
  auto r = mcp::decode(std::string_view{body.data(), size}, body.capacity());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->messages[0].id, "3");
}

TEST(encode, result_error_notification_request_are_valid_json) {
  auto res = mcp::encode_result("\"a\"", R"({"x":1})");
  EXPECT_EQ(res, R"({"jsonrpc":"2.0","id":"a","result":{"x":1}})");
  auto err = mcp::encode_error("", {-32601, "Method \"x\" not found", R"({"m":"x"})"});
  EXPECT_EQ(err, R"({"jsonrpc":"2.0","id":null,"error":{"code":-32601,"message":"Method \"x\" not found","data":{"m":"x"}}})");
  EXPECT_EQ(mcp::encode_notification("n", ""), R"({"jsonrpc":"2.0","method":"n"})");
  EXPECT_EQ(mcp::encode_request("4", "m", "{}"), R"({"jsonrpc":"2.0","id":4,"method":"m","params":{}})");
  for (const auto& s : {res, err}) EXPECT_TRUE(mcp::json_doc::parse(s).has_value()) << s;
}

TEST(id_key, equal_ids_compare_equal_whatever_their_spelling) {
  EXPECT_EQ(mcp::id_key(R"("a")"), mcp::id_key(R"("\u0061")"));
  EXPECT_NE(mcp::id_key(R"("1")"), mcp::id_key("1")) << "a string id is not a number id";
  EXPECT_EQ(mcp::id_key(" 5 "), "5");
}

}  // namespace
