// Tests for tools/principal.hpp: the owner key round-trips and refuses what it did not build.
#include "tools/principal.hpp"

#include <gtest/gtest.h>

namespace {

TEST(principal, owner_key_round_trips) {
  auto key = tools::owner_key("user_01ABC", "team_01XYZ");
  auto p = tools::parse_owner_key(key);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user_id, "user_01ABC");
  EXPECT_EQ(p->team_id, "team_01XYZ");
}

TEST(principal, the_anonymous_owner_and_malformed_keys_name_nobody) {
  EXPECT_FALSE(tools::parse_owner_key(""));
  EXPECT_FALSE(tools::parse_owner_key("user_only"));
  EXPECT_FALSE(tools::parse_owner_key(" team_01"));
  EXPECT_FALSE(tools::parse_owner_key("user_01 "));
  EXPECT_FALSE(tools::parse_owner_key("user_01 team_01 extra"));
  EXPECT_NE(tools::owner_key("a", "b"), tools::owner_key("a", "c")) << "the team is part of who you are";
}

}  // namespace
