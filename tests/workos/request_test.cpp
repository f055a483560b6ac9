// tests/workos/request_test.cpp — build_request() against real catalog rows: where path, query and
// body arguments go, how they are encoded, and the errors that name the argument at fault.
#include "workos/request.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"
#include "workos/catalog.hpp"

namespace workos {
namespace {

const operation& op(std::string_view id) {
  const operation* o = find_operation(id);
  EXPECT_NE(o, nullptr) << id;
  static const operation none{};
  return o ? *o : none;
}

TEST(BuildRequest, ListWithQueryArraysBooleansAndNumbers) {
  auto r = build_request(op("organizations.list"), R"({"limit":5,"domains":["a.com","b c.com"],"order":"asc"})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->method, "GET");
  // Catalog order of query_params, arrays comma-joined, each element percent-encoded.
  EXPECT_EQ(r->path_and_query, "/organizations?limit=5&order=asc&domains=a.com,b%20c.com");
  EXPECT_EQ(r->body_json, "");
}

TEST(BuildRequest, EmptyArgumentsMeanNoQueryAndNoBodyForGet) {
  for (std::string_view args : {"", "{}"}) {
    auto r = build_request(op("organizations.list"), args);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->path_and_query, "/organizations");
    EXPECT_TRUE(r->body_json.empty());
  }
}

TEST(BuildRequest, NullQueryValuesAreOmitted) {
  auto r = build_request(op("organizations.list"), R"({"after":null,"search":"acme & co"})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->path_and_query, "/organizations?search=acme%20%26%20co");
}

TEST(BuildRequest, PostPutsTheRestInTheBody) {
  auto r = build_request(op("organizations.create"), R"({"name":"Acme","domains":["acme.com"],"metadata":{"k":"v"}})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->path_and_query, "/organizations");
  EXPECT_EQ(r->body_json, R"({"name":"Acme","domains":["acme.com"],"metadata":{"k":"v"}})");
}

TEST(BuildRequest, PathParametersArePercentEncodedAndLeaveTheBody) {
  auto r = build_request(op("organizations.update"), R"({"id":"org_1/../x?y","name":"New"})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->method, "PUT");
  EXPECT_EQ(r->path_and_query, "/organizations/org_1%2F..%2Fx%3Fy");
  EXPECT_EQ(r->body_json, R"({"name":"New"})");
}

TEST(BuildRequest, DeleteWithOnlyAPathParameterHasNoBody) {
  auto r = build_request(op("organizations.delete"), R"({"id":"org_01"})");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->method, "DELETE");
  EXPECT_EQ(r->path_and_query, "/organizations/org_01");
  EXPECT_TRUE(r->body_json.empty());
}

TEST(BuildRequest, MissingPathParameterIsNamed) {
  auto r = build_request(op("organizations.get"), "{}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().argument, "id");
  EXPECT_NE(r.error().message.find("missing required argument 'id'"), std::string::npos);
}

TEST(BuildRequest, MissingRequiredBodyArgumentIsNamed) {
  auto r = build_request(op("organizations.create"), R"({"domains":["a.com"]})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().argument, "name");
}

TEST(BuildRequest, DotSegmentsAndEmptyIdsAreRefused) {
  for (std::string_view args : {R"({"id":".."})", R"({"id":"."})", R"({"id":""})"}) {
    auto r = build_request(op("organizations.get"), args);
    ASSERT_FALSE(r) << args;
    EXPECT_EQ(r.error().argument, "id");
  }
}

TEST(BuildRequest, WrongTypesAreNamed) {
  auto obj_path = build_request(op("organizations.get"), R"({"id":{"a":1}})");
  ASSERT_FALSE(obj_path);
  EXPECT_EQ(obj_path.error().argument, "id");
  auto obj_query = build_request(op("organizations.list"), R"({"domains":[{"a":1}]})");
  ASSERT_FALSE(obj_query);
  EXPECT_EQ(obj_query.error().argument, "domains");
}

TEST(BuildRequest, UnknownArgumentsAndNonObjectsAreRefused) {
  auto unknown = build_request(op("organizations.list"), R"({"limit":1,"bogus":true})");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().argument, "bogus");
  for (std::string_view bad : {"[]", "42", "not json", R"("s")"}) {
    auto r = build_request(op("organizations.list"), bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().argument, "");
  }
}

TEST(BuildRequest, EveryCatalogRowBuildsFromItsRequiredArguments) {
  // A smoke test over the whole catalog: giving each required argument a string value must build
  // a request whose path has no template left. (Schemas with non-string required values may
  // refuse the string; they must then name an argument.)
  for (const auto& o : all_operations()) {
    auto schema = mcp::json_doc::parse(o.input_schema);
    ASSERT_TRUE(schema) << o.id;
    std::string args = "{";
    if (auto req = mcp::get_field(schema->root(), "required"); req && req->is_array()) {
      bool first = true;
      for (auto n : simdjson::dom::array{req->get_array().value()}) {
        if (!first) args += ",";
        first = false;
        args += "\"" + std::string(std::string_view(n.get_string().value())) + "\":\"x1\"";
      }
    }
    args += "}";
    auto r = build_request(o, args);
    if (r) {
      EXPECT_EQ(r->path_and_query.find('{'), std::string::npos) << o.id;
      EXPECT_EQ(r->method, o.method) << o.id;
    } else {
      EXPECT_FALSE(r.error().argument.empty()) << o.id << ": " << r.error().message;
    }
  }
}

}  // namespace
}  // namespace workos
