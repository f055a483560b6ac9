// Tests for mcp/json.hpp: escaping, the writer's commas and nesting, DOM helpers.
#include "mcp/json.hpp"

#include <gtest/gtest.h>

namespace {

TEST(json_string, escapes_quotes_backslashes_and_controls) {
  std::string out;
  mcp::append_json_string(out, "a\"b\\c\n\t\x01");
  EXPECT_EQ(out, R"("a\"b\\c\n\t\u0001")");
}

TEST(json_string, replaces_invalid_utf8_and_keeps_valid_utf8) {
  std::string out;
  mcp::append_json_string(out, "caf\xC3\xA9 \xFF \xED\xA0\x80");  // é, a stray byte, a surrogate
  EXPECT_EQ(out, "\"caf\xC3\xA9 \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  auto doc = mcp::json_doc::parse(out);
  ASSERT_TRUE(doc.has_value()) << "the output must always be valid JSON";
}

TEST(json_writer, inserts_commas_and_nests) {
  mcp::json_writer w;
  w.begin_object().field("a", 1).key("b").begin_array().value("x").value(true).null().end_array();
  w.key("c").begin_object().end_object().raw_field("d", "[1,2]").end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x",true,null],"c":{},"d":[1,2]})");
}

TEST(json_writer, writes_non_finite_numbers_as_null) {
  mcp::json_writer w;
  w.begin_array().value(1.5).value(std::numeric_limits<double>::infinity()).end_array();
  EXPECT_EQ(w.str(), "[1.5,null]");
}

TEST(json_doc, rejects_invalid_json_and_reads_fields) {
  EXPECT_FALSE(mcp::json_doc::parse("{\"a\":").has_value());
  auto doc = mcp::json_doc::parse(R"({"s":"x","i":3,"b":false,"n":2.5})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(mcp::get_string(doc->root(), "s"), "x");
  EXPECT_EQ(mcp::get_int(doc->root(), "i"), 3);
  EXPECT_EQ(mcp::get_bool(doc->root(), "b"), false);
  EXPECT_EQ(mcp::get_number(doc->root(), "n"), 2.5);
  EXPECT_FALSE(mcp::get_string(doc->root(), "i").has_value()) << "wrong type is absent, not an exception";
  EXPECT_FALSE(mcp::get_field(doc->root(), "missing").has_value());
}

}  // namespace
