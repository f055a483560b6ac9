// Tests for emulator/api.hpp and service faults: routing, validation, pagination, ids, time.
#include "emulator/api.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "emulator/service.hpp"

namespace {

using namespace emulator;

std::string temp_db() {
  char tmpl[] = "/tmp/workos-emulator-api-XXXXXX";
  return std::string{mkdtemp(tmpl)} + "/e.db";
}

TEST(routing, literal_segments_win_and_parameters_are_decoded) {
  api a;
  a.add("GET", "/organizations/{id}", [](call&) { return reply::ok("by id"); });
  a.add("GET", "/organizations/external_id/{external_id}", [](call&) { return reply::ok("by external id"); });
  a.add("PUT", "/organizations/{id}", [](call&) { return reply::ok("put"); });
  a.add("GET", "/sso/jwks/{client}", [](call&) { return reply::ok("jwks"); }, false);
  auto m = a.find("GET", "/organizations/external_id/a%20b");
  ASSERT_TRUE(m.h);
  EXPECT_EQ(m.params["external_id"], "a b");
  auto by_id = a.find("GET", "/organizations/org_1");
  EXPECT_EQ(by_id.params["id"], "org_1");
  auto wrong_method = a.find("DELETE", "/organizations/org_1");
  EXPECT_FALSE(wrong_method.h);
  EXPECT_TRUE(wrong_method.path_known) << "405, not 404";
  EXPECT_FALSE(a.find("GET", "/nothing").path_known);
  EXPECT_FALSE(a.find("GET", "/sso/jwks/c").requires_key);
  EXPECT_TRUE(by_id.requires_key);
}

TEST(validation, reports_every_missing_and_mistyped_field) {
  auto body = *json::parse(R"({"name":"","flag":"yes","list":[]})");
  auto r = validate(body, {{"name", field_rule::string, true},
                           {"flag", field_rule::boolean},
                           {"list", field_rule::array},
                           {"org", field_rule::string, true}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422u);
  auto text = r->body.dump();
  EXPECT_NE(text.find(R"({"code":"required","field":"name"})"), std::string::npos) << text;
  EXPECT_NE(text.find(R"({"code":"invalid_type","field":"flag"})"), std::string::npos) << text;
  EXPECT_NE(text.find(R"({"code":"required","field":"org"})"), std::string::npos) << text;
  EXPECT_FALSE(validate(*json::parse(R"({"name":"x","org":"o"})"), {{"name", field_rule::string, true}}));
  EXPECT_TRUE(validate(json{"not an object"}, {}));
}

TEST(ids, are_prefixed_ulids_in_time_order) {
  auto a = new_id("org");
  auto b = new_id("org");
  std::regex shape{"org_[0-9A-HJKMNP-TV-Z]{26}"};
  EXPECT_TRUE(std::regex_match(a, shape)) << a;
  EXPECT_NE(a, b);
  EXPECT_LE(a.substr(4, 10), b.substr(4, 10)) << "the time part sorts";
  auto s = planted_secret("whsec_");
  EXPECT_EQ(s.rfind("whsec_", 0), 0u);
  EXPECT_NE(s.find(planted_marker), std::string::npos);
}

TEST(time, iso_timestamps_have_milliseconds_and_parse_back) {
  auto now = now_iso();
  EXPECT_TRUE(std::regex_match(now, std::regex{R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"})) << now;
  auto t = parse_iso("2026-01-15T12:00:00.250Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(iso(*t), "2026-01-15T12:00:00.250Z");
  EXPECT_TRUE(parse_iso("2025-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso("yesterday"));
  EXPECT_FALSE(parse_iso("2025-13-01T00:00:00Z"));
}

class pagination_test : public ::testing::Test {
 protected:
  std::unique_ptr<store> db;
  std::vector<json> items;
  pagination_test() {
    std::string err;
    db = store::open(temp_db(), err);
    for (int i = 0; i < 5; ++i) {
      json o = json::object();
      o.set("id", "o" + std::to_string(i));
      items.push_back(o);
    }
  }
  std::vector<std::string> page(std::multimap<std::string, std::string> query, json* meta = nullptr,
                                unsigned* status = nullptr) {
    std::vector<std::string> ids;
    db->transact([&](tx& t) {
      call c{"sandbox", "GET", "/x", {}, std::move(query), json{}, t, {}};
      auto r = paginate(c, items);
      if (status) *status = r.status;
      if (r.status != 200) return false;
      for (const auto& o : r.body["data"].as_array()) ids.push_back(o["id"].as_string());
      if (meta) *meta = r.body["list_metadata"];
      return false;
    });
    return ids;
  }
};

TEST_F(pagination_test, newest_first_by_default_with_cursors_both_ways) {
  json meta;
  EXPECT_EQ(page({{"limit", "2"}}, &meta), (std::vector<std::string>{"o4", "o3"}));
  EXPECT_TRUE(meta["before"].is_null());
  EXPECT_EQ(meta["after"].as_string(), "o3");
  EXPECT_EQ(page({{"limit", "2"}, {"after", "o3"}}, &meta), (std::vector<std::string>{"o2", "o1"}));
  EXPECT_EQ(meta["before"].as_string(), "o2");
  EXPECT_EQ(page({{"limit", "2"}, {"before", "o2"}}), (std::vector<std::string>{"o4", "o3"}));
  EXPECT_EQ(page({{"limit", "10"}, {"order", "asc"}}, &meta), (std::vector<std::string>{"o0", "o1", "o2", "o3", "o4"}));
  EXPECT_TRUE(meta["after"].is_null());
  EXPECT_EQ(page({}).size(), 5u) << "default limit 10";
}

TEST_F(pagination_test, normal_order_reverses_the_cursors) {
  // Descending, but `before` fetches older records and `after` newer ones.
  EXPECT_EQ(page({{"limit", "2"}, {"order", "normal"}, {"before", "o3"}}), (std::vector<std::string>{"o2", "o1"}));
}

TEST_F(pagination_test, refuses_bad_limits_and_orders) {
  unsigned status = 0;
  for (auto bad : {"0", "101", "x", ""}) {
    page({{"limit", bad}}, nullptr, &status);
    EXPECT_EQ(status, 422u) << bad;
  }
  page({{"order", "sideways"}}, nullptr, &status);
  EXPECT_EQ(status, 422u);
}

TEST(faults, parse_rules_and_refuse_bad_ones) {
  std::string err;
  auto r = fault_rule::parse("/organizations*:status=503,rate=0.5,latency_ms=20", err);
  ASSERT_TRUE(r) << err;
  EXPECT_EQ(r->pattern, "/organizations*");
  EXPECT_EQ(r->status, 503u);
  EXPECT_DOUBLE_EQ(r->rate, 0.5);
  EXPECT_EQ(r->latency.count(), 20);
  auto limited = fault_rule::parse("*:retry_after=3", err);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429u) << "Retry-After implies 429";
  EXPECT_TRUE(fault_rule::parse("/x:drop", err)->drop);
  for (auto bad : {"nocolon", "/x:status=200", "/x:rate=2", "/x:bogus=1", "/x:status=5x"})
    EXPECT_FALSE(fault_rule::parse(bad, err)) << bad;
}

}  // namespace
