// Tests for emulator/json_value.hpp: parsing, editing in place, order-preserving output.
#include "emulator/json_value.hpp"

#include <gtest/gtest.h>

namespace {

using emulator::json;

TEST(json_value, round_trips_and_keeps_member_order) {
  auto v = json::parse(R"({"z":1,"a":[true,null,2.5,"x"],"m":{"k":"v"}})");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->dump(), R"({"z":1,"a":[true,null,2.5,"x"],"m":{"k":"v"}})");
}

TEST(json_value, set_replaces_in_place_and_appends_new_members) {
  auto v = *json::parse(R"({"a":1,"b":2})");
  v.set("a", "one");
  v.set("c", json::array());
  EXPECT_EQ(v.dump(), R"({"a":"one","b":2,"c":[]})");
  EXPECT_TRUE(v.erase("b"));
  EXPECT_FALSE(v.erase("b"));
  EXPECT_EQ(v.dump(), R"({"a":"one","c":[]})");
}

TEST(json_value, missing_members_read_as_null_and_typed_reads_fall_back) {
  auto v = *json::parse(R"({"n":3,"s":"x"})");
  EXPECT_TRUE(v["missing"].is_null());
  EXPECT_EQ(v["n"].as_int(), 3);
  EXPECT_EQ(v["s"].as_int(7), 7);
  EXPECT_EQ(v["n"].as_string(), "");
  EXPECT_EQ(v["s"].string_or("d"), "x");
  EXPECT_EQ(v["n"].string_or("d"), "d");
}

TEST(json_value, refuses_invalid_text_and_escapes_output) {
  EXPECT_FALSE(json::parse("{\"a\":"));
  json s{std::string{"quote\" newline\n"}};
  EXPECT_EQ(s.dump(), R"("quote\" newline\n")");
}

}  // namespace
