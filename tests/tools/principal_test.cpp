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

TEST(principal, the_oauth_client_is_part_of_the_key) {
  auto p = tools::parse_owner_key(tools::owner_key("user_01ABC", "team_01XYZ", "https://client.example/meta.json"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->team_id, "team_01XYZ");
  EXPECT_EQ(p->client_id, "https://client.example/meta.json");
  EXPECT_EQ(tools::parse_owner_key(tools::owner_key("u", "t"))->client_id, "");
  EXPECT_NE(tools::owner_key("u", "t", "client_a"), tools::owner_key("u", "t", "client_b"))
      << "a session belongs to the client that opened it";
}

TEST(principal, the_anonymous_owner_and_malformed_keys_name_nobody) {
  EXPECT_FALSE(tools::parse_owner_key(""));
  EXPECT_FALSE(tools::parse_owner_key("user_only"));
  EXPECT_FALSE(tools::parse_owner_key(" team_01"));
  EXPECT_FALSE(tools::parse_owner_key("user_01 "));
  EXPECT_FALSE(tools::parse_owner_key("user_01 team_01 "));
  EXPECT_FALSE(tools::parse_owner_key("user_01 team_01 client_1 extra"));
  EXPECT_FALSE(tools::parse_owner_key("user_01  client_1"));
  EXPECT_NE(tools::owner_key("a", "b"), tools::owner_key("a", "c")) << "the team is part of who you are";
}

}  // namespace
