// Tests for tools/schema_check: the JSON Schema subset that checks query/mutate arguments, with
// the exact sentences an agent reads.
#include "tools/schema_check.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"
#include "workos/catalog.hpp"

namespace {

std::optional<std::string> check(std::string_view schema, std::string_view value) {
  auto v = mcp::json_doc::parse(value);
  EXPECT_TRUE(v) << value;
  return tools::check_schema(schema, v->root());
}

std::string schema_of(std::string_view id) { return std::string{workos::find_operation(id)->input_schema}; }

TEST(schema_check, the_catalogs_list_schema_checks_types_bounds_enums_and_unknown_names) {
  auto s = schema_of("organizations.list");
  EXPECT_EQ(check(s, R"({"limit":5,"order":"asc","domains":["a.com"]})"), std::nullopt);
  EXPECT_EQ(check(s, R"({"limit":500})"), "arguments.limit: must be at most 100");
  EXPECT_EQ(check(s, R"({"limit":0})"), "arguments.limit: must be at least 1");
  EXPECT_EQ(check(s, R"({"limit":"5"})"), "arguments.limit: must be an integer, not string");
  EXPECT_EQ(check(s, R"({"limit":2.5})"), "arguments.limit: must be an integer, not number");
  EXPECT_EQ(check(s, R"({"limit":5.0})"), std::nullopt) << "a whole number is an integer";
  EXPECT_EQ(check(s, R"({"order":"sideways"})"), R"(arguments.order: must be one of "normal", "desc", "asc")");
  EXPECT_EQ(check(s, R"({"domains":["a.com",7]})"), "arguments.domains[1]: must be a string, not integer");
  EXPECT_EQ(check(s, R"({"nmae":"x"})"),
            "arguments: unknown property 'nmae' (known: before, after, limit, order, domains, search)");
}

TEST(schema_check, required_nested_objects_nullable_types_and_lengths) {
  auto s = schema_of("organizations.create");
  EXPECT_EQ(check(s, R"({})"), "arguments: missing required property 'name'");
  EXPECT_EQ(check(s, R"({"name":"Acme","external_id":null})"), std::nullopt);
  EXPECT_EQ(check(s, R"({"name":"Acme","external_id":5})"), "arguments.external_id: must be a string or null, not integer");
  EXPECT_EQ(check(s, R"({"name":"Acme","domain_data":[{"domain":"a.com"}]})"),
            "arguments.domain_data[0]: missing required property 'state'");
  EXPECT_EQ(check(s, R"({"name":"Acme","metadata":{"k":7}})"), "arguments.metadata.k: must be a string, not integer");
  EXPECT_EQ(check(s, R"({"name":"Acme","external_id":")" + std::string(129, 'x') + R"("})"),
            "arguments.external_id: must be at most 128 characters (it has 129)");
}

TEST(schema_check, formats_are_checked_loosely_and_values_never_quoted) {
  auto s = R"({"type":"object","properties":{"email":{"type":"string","format":"email"},
              "at":{"type":"string","format":"date-time"},"site":{"type":"string","format":"uri"}}})";
  EXPECT_EQ(check(s, R"({"email":"a@b.c","at":"2024-01-02T03:04:05Z","site":"https://x"})"), std::nullopt);
  EXPECT_EQ(check(s, R"({"email":"sk_test_secret"})"), "arguments.email: must be an email address");
  EXPECT_EQ(check(s, R"({"at":"yesterday"})"), "arguments.at: must be an ISO 8601 date-time (YYYY-MM-DDThh:mm:ssZ)");
  EXPECT_EQ(check(s, R"({"site":"example.com"})"), "arguments.site: must be an absolute URI (scheme://…)");
}

TEST(schema_check, every_catalog_schema_parses_and_accepts_what_it_requires) {
  for (const auto& op : workos::all_operations()) {
    auto doc = mcp::json_doc::parse(op.input_schema);
    ASSERT_TRUE(doc) << op.id;
    auto wrong = check(op.input_schema, "[]");
    EXPECT_TRUE(wrong) << op.id << ": an array is not an arguments object";
  }
}

}  // namespace
