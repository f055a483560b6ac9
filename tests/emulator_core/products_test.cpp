// Handler tests: products driven through the router inside store transactions, without HTTP.
// The SDK suite (tests/emulator) proves wire fidelity; these pin the handlers' own rules:
// refusals roll back, events follow mutations, deletions cascade.
#include <gtest/gtest.h>

#include "emulator/api.hpp"
#include "emulator/products.hpp"
#include "emulator/store.hpp"

namespace {

using namespace emulator;

class products_test : public ::testing::Test {
 protected:
  std::unique_ptr<store> db;
  api routes;

  products_test() {
    char tmpl[] = "/tmp/workos-emulator-products-XXXXXX";
    std::string err;
    db = store::open(std::string{mkdtemp(tmpl)} + "/e.db", err);
    products::register_all(routes);
  }

  // One request as the service runs it: commit on success, roll back on a refusal.
  reply run(const std::string& method, const std::string& path, const std::string& body = {},
            std::multimap<std::string, std::string> query = {}, const std::string& env = "sandbox") {
    reply out;
    auto m = routes.find(method, path);
    EXPECT_TRUE(m.h) << method << " " << path;
    if (!m.h) return out;
    db->transact([&](tx& t) {
      call c{env, method, path, m.params, std::move(query), body.empty() ? json{} : *json::parse(body), t, {}};
      out = (*m.h)(c);
      return out.status < 400;
    });
    return out;
  }
  std::size_t count_events(const std::string& type) {
    auto r = run("GET", "/events", {}, {{"events", type}, {"limit", "100"}});
    return r.body["data"].as_array().size();
  }
};

TEST_F(products_test, organization_lifecycle_with_events) {
  auto created = run("POST", "/organizations", R"({"name":"Acme","domains":["acme.example"]})");
  ASSERT_EQ(created.status, 201u);
  auto id = created.body["id"].as_string();
  EXPECT_EQ(created.body["domains"].as_array().size(), 1u);
  EXPECT_EQ(run("PUT", "/organizations/" + id, R"({"name":"Acme 2"})").body["name"].as_string(), "Acme 2");
  EXPECT_EQ(run("GET", "/organizations/" + id).status, 200u);
  EXPECT_EQ(run("DELETE", "/organizations/" + id).status, 202u);
  EXPECT_EQ(run("GET", "/organizations/" + id).status, 404u);
  EXPECT_EQ(count_events("organization.created"), 1u);
  EXPECT_EQ(count_events("organization.updated"), 1u);
  EXPECT_EQ(count_events("organization.deleted"), 1u);
}

TEST_F(products_test, a_refusal_changes_nothing_and_emits_nothing) {
  ASSERT_EQ(run("POST", "/organizations", R"({"name":"One","domains":["taken.example"]})").status, 201u);
  // The second organization would be created before its domain conflicts: all of it rolls back.
  EXPECT_EQ(run("POST", "/organizations", R"({"name":"Two","domains":["taken.example"]})").status, 409u);
  EXPECT_EQ(run("GET", "/organizations", {}, {{"search", "Two"}}).body["data"].as_array().size(), 0u);
  EXPECT_EQ(count_events("organization.created"), 1u);
  EXPECT_EQ(run("POST", "/organizations", R"({"name":5})").status, 422u);
}

TEST_F(products_test, environments_are_separate_for_every_product) {
  auto org = run("POST", "/organizations", R"({"name":"Sandbox only"})").body["id"].as_string();
  EXPECT_EQ(run("GET", "/organizations/" + org, {}, {}, "production").status, 404u);
  EXPECT_EQ(run("POST", "/user_management/users", R"({"email":"same@example.com"})").status, 201u);
  EXPECT_EQ(run("POST", "/user_management/users", R"({"email":"same@example.com"})", {}, "production").status, 201u)
      << "an email is unique per environment, not across them";
  EXPECT_EQ(run("POST", "/user_management/users", R"({"email":"same@example.com"})").status, 409u);
}

TEST_F(products_test, deleting_an_organization_cascades_across_products) {
  auto org = run("POST", "/organizations", R"({"name":"Doomed"})").body["id"].as_string();
  auto user = run("POST", "/user_management/users", R"({"email":"a@doomed.example"})").body["id"].as_string();
  auto om = run("POST", "/user_management/organization_memberships",
                R"({"user_id":")" + user + R"(","organization_id":")" + org + R"("})");
  ASSERT_EQ(om.status, 201u);
  auto dir = run("POST", "/dashboard/directories", R"({"organization_id":")" + org + R"(","type":"okta scim v2.0"})");
  ASSERT_EQ(dir.status, 201u);
  auto du = run("POST", "/dashboard/directories/" + dir.body["id"].as_string() + "/users",
                R"({"email":"b@doomed.example","first_name":"B","last_name":"C"})");
  ASSERT_EQ(du.status, 201u);
  ASSERT_EQ(run("DELETE", "/organizations/" + org).status, 202u);
  EXPECT_EQ(run("GET", "/user_management/organization_memberships/" + om.body["id"].as_string()).status, 404u);
  EXPECT_EQ(run("GET", "/directories/" + dir.body["id"].as_string()).status, 404u);
  EXPECT_EQ(run("GET", "/directory_users/" + du.body["id"].as_string()).status, 404u);
  EXPECT_EQ(run("GET", "/user_management/users/" + user).status, 200u) << "people belong to the environment";
}

TEST_F(products_test, secrets_are_planted_and_key_values_shown_once) {
  auto hook = run("POST", "/webhook_endpoints", R"({"endpoint_url":"https://h.example/x","events":["user.created"]})");
  ASSERT_EQ(hook.status, 201u);
  EXPECT_NE(hook.body["secret"].as_string().find(planted_marker), std::string::npos);
  auto org = run("POST", "/organizations", R"({"name":"Keyed"})").body["id"].as_string();
  auto key = run("POST", "/organizations/" + org + "/api_keys", R"({"name":"backend"})");
  ASSERT_EQ(key.status, 201u);
  EXPECT_NE(key.body["value"].as_string().find(planted_marker), std::string::npos);
  auto listed = run("GET", "/organizations/" + org + "/api_keys");
  EXPECT_EQ(listed.body.dump().find(key.body["value"].as_string()), std::string::npos) << "the value is shown once";
}

}  // namespace
