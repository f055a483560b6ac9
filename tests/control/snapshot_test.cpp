// tests/control/snapshot_test.cpp — the policy's snapshot of the control plane: what it answers,
// that it is reused while nothing changes, and that every change — from this process or from
// another connection, as the admin CLI makes — is seen by the very next call.
#include "control/snapshot.hpp"

#include <gtest/gtest.h>

#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::options_for;
using control_test::temp_dir;

new_member person(std::string email, role r, bool production = false) {
  new_member m;
  m.email = std::move(email);
  m.role = r;
  m.production_access = production;
  return m;
}

new_environment env(std::string name, environment_kind kind, std::string key) {
  new_environment e;
  e.name = std::move(name);
  e.kind = kind;
  e.api_base_url = "http://127.0.0.1:4010";
  e.api_key = std::move(key);
  return e;
}

struct snapshot_test : ::testing::Test {
  temp_dir dir;
  std::shared_ptr<store> db = store::open(options_for(dir));
  live_snapshot live{db};
  team acme = *db->create_team("Acme", {person("owner@acme.test", role::admin, true), person("dev@acme.test", role::developer)},
                                {env("Production", environment_kind::production, "sk_live_acme_0001"),
                                 env("Sandbox", environment_kind::sandbox, "sk_test_acme_0002"),
                                 env("Second-sandbox", environment_kind::sandbox, "sk_test_acme_0003")});
  team other = *db->create_team("Other", {person("boss@other.test", role::admin)},
                                 {env("Sandbox", environment_kind::sandbox, "sk_test_other_0004")});

  std::shared_ptr<const snapshot> now() {
    auto s = live.current();
    EXPECT_TRUE(s) << s.error().message;
    return *s;
  }
  std::string user(const char* email) { return db->member_by_email(email)->user_id; }
};

TEST_F(snapshot_test, answers_like_the_store) {
  auto s = now();
  auto a = s->access_of(user("dev@acme.test"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->member.role, role::developer);
  EXPECT_EQ(a->team.id, acme.id);
  EXPECT_EQ(s->access_of("user_nobody").error().code, errc::not_found);

  EXPECT_EQ(s->default_environment(acme.id)->name, "Sandbox") << "the oldest sandbox, not the first environment";
  EXPECT_EQ(s->environment_by_name(acme.id, "second-SANDBOX")->name, "Second-sandbox") << "names compare without case";
  EXPECT_EQ(s->environment_by_name(acme.id, "Nope").error().code, errc::not_found);
  auto mine = s->environments_of(acme.id);
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].name, "Production");

  auto sandbox = *s->environment_by_name(acme.id, "Sandbox");
  auto key = s->api_key(acme.id, sandbox.id);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->reveal(), "sk_test_acme_0002");
  EXPECT_EQ(key->reveal(), db->decrypt_api_key(acme.id, sandbox.id)->reveal());
}

TEST_F(snapshot_test, another_teams_environment_never_resolves_and_its_key_never_leaves) {
  auto s = now();
  auto theirs = *s->default_environment(other.id);
  EXPECT_EQ(s->environment_by_name(acme.id, "Sandbox")->team_id, acme.id) << "same name, own team's";
  auto key = s->api_key(acme.id, theirs.id);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, errc::not_found);
  EXPECT_EQ(key.error().message, "no environment " + theirs.id) << "reads like a missing environment";
  EXPECT_EQ(key.error().message.find("sk_"), std::string::npos);
}

TEST_F(snapshot_test, is_reused_until_something_changes_in_this_process) {
  auto first = now();
  EXPECT_EQ(now(), first);
  EXPECT_EQ(now(), first);
  EXPECT_EQ(live.builds(), 1u) << "no change, no rebuild";

  ASSERT_TRUE(db->set_role("dev@acme.test", role::viewer));
  auto second = now();
  EXPECT_NE(second, first);
  EXPECT_EQ(second->access_of(user("dev@acme.test"))->member.role, role::viewer) << "the very next call sees it";
  EXPECT_EQ(first->access_of(user("dev@acme.test"))->member.role, role::developer) << "an old snapshot never changes";
  EXPECT_EQ(live.builds(), 2u);
}

TEST_F(snapshot_test, sees_at_once_what_another_connection_committed) {
  auto dev = user("dev@acme.test");
  auto owner = user("owner@acme.test");
  auto first = now();
  // The admin CLI is another process with its own connection: so is this second store.
  auto cli = store::open(options_for(dir));
  ASSERT_TRUE(cli->set_switch(acme.id, team_switch::allow_write, false));
  ASSERT_TRUE(cli->remove_member("dev@acme.test"));
  auto s = now();
  EXPECT_FALSE(s->access_of(owner)->team.switches.allow_write) << "the switch applies to the next call";
  EXPECT_EQ(s->access_of(dev).error().code, errc::not_found) << "a removed member is gone at the next call";
  EXPECT_TRUE(first->access_of(owner)->team.switches.allow_write);
  EXPECT_EQ(live.builds(), 2u);
}

TEST_F(snapshot_test, a_replaced_key_is_the_one_used_next) {
  auto sandbox = *now()->environment_by_name(acme.id, "Sandbox");
  auto cli = store::open(options_for(dir));
  ASSERT_TRUE(cli->set_api_key(sandbox.id, "sk_test_rotated_9999"));
  auto key = now()->api_key(acme.id, sandbox.id);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->reveal(), "sk_test_rotated_9999");
  EXPECT_EQ(now()->environment_by_id(sandbox.id)->api_key_last4, "9999");
}

}  // namespace
