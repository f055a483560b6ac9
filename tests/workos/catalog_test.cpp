// tests/workos/catalog_test.cpp — every row of the operation catalog, checked for what the rest of
// the server relies on: unique well-formed ids, schemas that parse and agree with the path and
// query parameters, the roles rule of DESIGN §1.1 promise 1, pagination, and the exclusions.
// (The comparison with the OpenAPI spec is tests/catalog/spec.test.mjs.)
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "mcp/json.hpp"
#include "workos/catalog.hpp"
#include "workos/catalog_cli.hpp"

namespace {

using control::role;
using workos::access_class;
using workos::operation;

std::vector<std::string> path_params(std::string_view path) {
  std::vector<std::string> names;
  for (std::size_t open = path.find('{'); open != std::string_view::npos; open = path.find('{', open + 1)) {
    auto close = path.find('}', open);
    names.emplace_back(path.substr(open + 1, close - open - 1));
  }
  return names;
}

std::set<std::string> string_array(simdjson::dom::element e) {
  std::set<std::string> out;
  simdjson::dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return out;
  for (auto v : a) {
    std::string_view s;
    if (v.get_string().get(s) == simdjson::SUCCESS) out.emplace(s);
  }
  return out;
}

TEST(Catalog, CoversTheApiAndTheDashboardSide) {
  // 212 spec operations less the 18 excluded ones, plus 6 dashboard-side ones; the exact
  // membership is the spec test's business, this guards against a table dropping out.
  EXPECT_GE(workos::all_operations().size(), 190u);
  EXPECT_NE(workos::find_operation("organizations.delete"), nullptr);
  EXPECT_NE(workos::find_operation("branding.update"), nullptr);
  EXPECT_NE(workos::find_operation("log_streams.create"), nullptr);
  EXPECT_EQ(workos::find_operation("organizations.nope"), nullptr);
}

TEST(Catalog, IdsAreUniqueAndProductVerbShaped) {
  const std::regex shape("[a-z][a-z_]*\\.[a-z][a-z_]*");
  std::set<std::string_view> seen;
  for (const auto& op : workos::all_operations()) {
    EXPECT_TRUE(std::regex_match(std::string(op.id), shape)) << op.id;
    EXPECT_TRUE(seen.insert(op.id).second) << "duplicate id " << op.id;
    EXPECT_EQ(op.id.substr(0, op.id.find('.')), op.product) << op.id << " is not in its product's table";
    EXPECT_EQ(workos::find_operation(op.id), &op) << op.id;
    EXPECT_FALSE(op.summary.empty()) << op.id;
    EXPECT_EQ(op.summary.find('\n'), std::string_view::npos) << op.id << ": the summary is one line";
    EXPECT_TRUE(op.path.starts_with("/")) << op.id;
    const std::set<std::string_view> methods{"GET", "POST", "PUT", "PATCH", "DELETE"};
    EXPECT_TRUE(methods.contains(op.method)) << op.id << ": " << op.method;
  }
}

// products(): each product once, in the order its first row appears, and nothing else.
TEST(Catalog, ProductsListEachProductOnceInCatalogOrder) {
  std::vector<std::string_view> expected;
  for (const auto& op : workos::all_operations())
    if (expected.empty() || expected.back() != op.product) expected.push_back(op.product);
  auto got = workos::products();
  EXPECT_EQ(std::vector<std::string_view>(got.begin(), got.end()), expected)
      << "one table per product, so a product's rows are contiguous";
}

TEST(Catalog, MethodAndPathPairsAreUnique) {
  std::set<std::string> seen;
  for (const auto& op : workos::all_operations())
    EXPECT_TRUE(seen.insert(std::string(op.method) + " " + std::string(op.path)).second) << op.id;
}

TEST(Catalog, SchemasAgreeWithPathAndQuery) {
  for (const auto& op : workos::all_operations()) {
    auto doc = mcp::json_doc::parse(op.input_schema);
    ASSERT_TRUE(doc) << op.id << ": the input schema is not JSON";
    auto root = doc->root();
    EXPECT_EQ(mcp::get_string(root, "type"), "object") << op.id;
    auto props = mcp::get_field(root, "properties");
    ASSERT_TRUE(props && props->is_object()) << op.id << ": no properties";
    std::set<std::string> properties;
    for (auto [k, v] : simdjson::dom::object{props->get_object().value()}) {
      properties.emplace(k);
      EXPECT_TRUE(v.is_object()) << op.id << "." << k;
    }
    std::set<std::string> required;
    if (auto r = mcp::get_field(root, "required")) required = string_array(*r);
    for (const auto& r : required) EXPECT_TRUE(properties.contains(r)) << op.id << ": required " << r << " is no property";
    for (const auto& p : path_params(op.path)) {
      EXPECT_TRUE(properties.contains(p)) << op.id << ": path parameter " << p;
      EXPECT_TRUE(required.contains(p)) << op.id << ": path parameter " << p << " is not required";
    }
    for (auto q : op.query_params) EXPECT_TRUE(properties.contains(std::string(q))) << op.id << ": query " << q;
    // Query parameters and path parameters are different inputs; one name cannot be both.
    for (auto q : op.query_params)
      for (const auto& p : path_params(op.path)) EXPECT_NE(q, p) << op.id;
  }
}

TEST(Catalog, AccessClassFollowsTheMethod) {
  for (const auto& op : workos::all_operations()) {
    if (op.method == "GET") {
      EXPECT_EQ(op.access, access_class::read) << op.id;
    }
    if (op.method == "DELETE") {
      EXPECT_EQ(op.access, access_class::irreversible) << op.id;
    }
    // A write verb may be read (a pure check) or irreversible (revoke, expire), never GET-like
    // in the other direction: only POST may be a read.
    if (op.access == access_class::read) {
      EXPECT_TRUE(op.method == "GET" || op.method == "POST") << op.id;
    }
  }
  EXPECT_EQ(workos::find_operation("organizations.delete")->access, access_class::irreversible);
  EXPECT_EQ(workos::find_operation("invitations.revoke")->access, access_class::irreversible);
  EXPECT_EQ(workos::find_operation("organizations.update")->access, access_class::write);
}

TEST(Catalog, RolesFollowTheRule) {
  for (const auto& op : workos::all_operations()) {
    const bool sso_or_directory = op.product == "sso" || op.product == "directory_sync";
    if (op.access == access_class::read) {
      for (auto r : {role::admin, role::developer, role::support, role::viewer})
        EXPECT_TRUE(op.roles.contains(r)) << op.id << ": every role reads";
      continue;
    }
    EXPECT_TRUE(op.roles.contains(role::admin)) << op.id;
    EXPECT_TRUE(op.roles.contains(role::developer)) << op.id;
    EXPECT_FALSE(op.roles.contains(role::viewer)) << op.id << ": a viewer changes nothing";
    EXPECT_EQ(op.roles.contains(role::support), sso_or_directory)
        << op.id << ": support changes SSO connections and directories, and nothing else";
  }
  EXPECT_TRUE(workos::find_operation("sso.delete_connection")->roles.contains(role::support));
  EXPECT_FALSE(workos::find_operation("users.delete")->roles.contains(role::support));
}

TEST(Catalog, PaginatedOperationsTakeTheCursors) {
  int paginated = 0;
  for (const auto& op : workos::all_operations()) {
    if (!op.paginated) continue;
    ++paginated;
    EXPECT_EQ(op.access, access_class::read) << op.id;
    for (std::string_view q : {"limit", "before", "after"})
      EXPECT_NE(std::find(op.query_params.begin(), op.query_params.end(), q), op.query_params.end())
          << op.id << " lacks " << q;
  }
  EXPECT_GT(paginated, 20);
  EXPECT_TRUE(workos::find_operation("organizations.list")->paginated);
  EXPECT_FALSE(workos::find_operation("organizations.get")->paginated);
}

TEST(Catalog, SecretFieldsAreDottedPaths) {
  const std::regex shape("[a-z_]+(\\[\\])?(\\.[a-z_]+(\\[\\])?)*");
  for (const auto& op : workos::all_operations())
    for (auto f : op.secret_fields) EXPECT_TRUE(std::regex_match(std::string(f), shape)) << op.id << ": " << f;
  auto has = [](std::string_view id, std::string_view field) {
    auto s = workos::find_operation(id)->secret_fields;
    return std::find(s.begin(), s.end(), field) != s.end();
  };
  EXPECT_TRUE(has("webhooks.create", "secret"));
  EXPECT_TRUE(has("webhooks.list", "data[].secret"));
  EXPECT_TRUE(has("invitations.get", "token"));
  EXPECT_TRUE(has("invitations.get", "accept_invitation_url"));
  EXPECT_TRUE(has("magic_auth.get", "code"));
  EXPECT_TRUE(has("admin_portal.generate_link", "link"));
  EXPECT_TRUE(has("audit_logs.get_export", "url"));
  EXPECT_TRUE(has("organization_domains.get", "verification_token"));
  EXPECT_TRUE(has("vault.get_object", "value"));
}

TEST(Catalog, NothingExcludedIsInTheCatalog) {
  std::set<std::string_view> ids;
  for (const auto& e : workos::excluded_operations()) {
    EXPECT_FALSE(e.id.empty());
    EXPECT_FALSE(e.reason.empty()) << e.id;
    EXPECT_TRUE(ids.insert(e.id).second) << "duplicate exclusion " << e.id;
    EXPECT_TRUE(workos::is_excluded_id(e.id));
    EXPECT_EQ(workos::find_operation(e.id), nullptr) << e.id << " is excluded but has a row";
    EXPECT_EQ(e.method.empty(), e.path.empty()) << e.id;
    for (const auto& op : workos::all_operations())
      EXPECT_FALSE(!e.method.empty() && op.method == e.method && op.path == e.path) << op.id << " is excluded as " << e.id;
  }
  for (std::string_view named : {"users.impersonate", "mcp_access.update", "team.delete", "api_keys.create_for_organization",
                                 "connect.create_client_secret", "vault.create_data_key", "users.authenticate", "sso.token"})
    EXPECT_TRUE(workos::is_excluded_id(named)) << named;
  EXPECT_FALSE(workos::is_excluded_id("organizations.delete"));
}

TEST(Catalog, JsonDumpHasEveryRow) {
  auto doc = mcp::json_doc::parse(workos::catalog_json());
  ASSERT_TRUE(doc);
  auto ops = mcp::get_field(doc->root(), "operations");
  auto excl = mcp::get_field(doc->root(), "exclusions");
  ASSERT_TRUE(ops && excl);
  EXPECT_EQ(ops->get_array().size(), workos::all_operations().size());
  EXPECT_EQ(excl->get_array().size(), workos::excluded_operations().size());
  auto first = ops->get_array().at(0).value();
  EXPECT_EQ(mcp::get_string(first, "id"), workos::all_operations()[0].id);
  auto schema = mcp::get_field(first, "input_schema");
  ASSERT_TRUE(schema && schema->is_object()) << "input_schema is embedded as JSON, not as a string";
}

}  // namespace
