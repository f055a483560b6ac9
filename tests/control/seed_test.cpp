// Tests for control/seed.hpp: the demo team, its refresh at each start, the demo password.
#include "control/seed.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include <sys/stat.h>

#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::fake_env;
using control_test::options_for;
using control_test::temp_dir;

constexpr const char* sandbox_key = "sk_test_EMULATOR0000000000000SAND";
constexpr const char* live_key = "sk_live_EMULATOR0000000000000PROD";

demo_setup setup_for(const temp_dir& dir, const fake_env& env, const std::string& url = "http://127.0.0.1:40001") {
  demo_setup s;
  s.sandbox = {url, sandbox_key};
  s.production = {url, live_key};
  s.data_dir = dir.path;
  s.env = env.lookup();
  return s;
}

TEST(seed_demo, creates_one_team_with_one_member_of_each_role_and_two_environments) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  fake_env env{{{"WORKOS_MCP_DEMO_PASSWORD", "demo-pass-from-env"}}};
  auto out = seed_demo(*db, setup_for(dir, env));
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_TRUE(out->created);
  EXPECT_EQ(out->password.value, "demo-pass-from-env");
  EXPECT_FALSE(out->password.generated);

  auto t = db->team_by_id(out->team_id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "Demo");
  EXPECT_EQ(t->switches, (team_switches{true, true, true, false}));

  struct expected_member {
    const char* email;
    role r;
    bool production;
  };
  for (auto [email, r, production] : {expected_member{"admin@example.com", role::admin, true},
                                      expected_member{"developer@example.com", role::developer, true},
                                      expected_member{"support@example.com", role::support, true},
                                      expected_member{"viewer@example.com", role::viewer, false}}) {
    auto m = db->member_by_email(email);
    ASSERT_TRUE(m) << email;
    EXPECT_EQ(m->team_id, t->id);
    EXPECT_EQ(m->role, r) << email;
    EXPECT_EQ(m->production_access, production) << email;
    EXPECT_TRUE(db->verify_password(email, "demo-pass-from-env")) << email;
    EXPECT_FALSE(db->verify_password(email, "wrong")) << email;
  }
  EXPECT_EQ(db->members_of(t->id)->size(), 4u);

  auto envs = db->environments_of(t->id);
  ASSERT_TRUE(envs);
  ASSERT_EQ(envs->size(), 2u);
  EXPECT_EQ((*envs)[0].name, "sandbox");
  EXPECT_EQ((*envs)[0].kind, environment_kind::sandbox);
  EXPECT_EQ((*envs)[1].name, "production");
  EXPECT_EQ((*envs)[1].kind, environment_kind::production);
  for (const auto& e : *envs) {
    EXPECT_EQ(e.api_base_url, "http://127.0.0.1:40001");
    EXPECT_TRUE(e.embedded);
  }
  EXPECT_EQ(db->decrypt_api_key(t->id, (*envs)[0].id)->reveal(), sandbox_key);
  EXPECT_EQ(db->decrypt_api_key(t->id, (*envs)[1].id)->reveal(), live_key);
  EXPECT_EQ(db->default_environment(t->id)->name, "sandbox");
  EXPECT_FALSE(std::filesystem::exists(dir.file("demo-password"))) << "the env var is not written down";
}

TEST(seed_demo, is_idempotent_and_refreshes_the_embedded_environments) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  fake_env env{{{"WORKOS_MCP_DEMO_PASSWORD", "pw-one"}}};
  auto first = seed_demo(*db, setup_for(dir, env));
  ASSERT_TRUE(first && first->created);

  // An admin's changes survive a restart.
  ASSERT_TRUE(db->set_role("developer@example.com", role::support));
  ASSERT_TRUE(db->remove_member("viewer@example.com"));

  auto second = seed_demo(*db, setup_for(dir, env));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->team_id, first->team_id);
  EXPECT_EQ(second->refreshed, 0u);
  EXPECT_EQ(db->teams()->size(), 1u);
  EXPECT_EQ(db->members_of(first->team_id)->size(), 3u);
  EXPECT_EQ(db->member_by_email("developer@example.com")->role, role::support);
  EXPECT_FALSE(db->member_by_email("viewer@example.com"));

  // The emulator came back on another port with other keys.
  auto moved = setup_for(dir, env, "http://127.0.0.1:40002");
  moved.production.api_key = "sk_live_ROTATED00000000000000PROD";
  auto third = seed_demo(*db, moved);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->refreshed, 2u);
  auto prod = db->environment_by_name(first->team_id, "production");
  EXPECT_EQ(prod->api_base_url, "http://127.0.0.1:40002");
  EXPECT_EQ(db->decrypt_api_key(first->team_id, prod->id)->reveal(), "sk_live_ROTATED00000000000000PROD");
  EXPECT_EQ(prod->api_key_last4, "PROD");
}

TEST(seed_demo, an_environment_an_admin_repointed_is_left_alone) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  auto first = seed_demo(*db, setup_for(dir, fake_env{}));
  ASSERT_TRUE(first);
  auto prod = *db->environment_by_name(first->team_id, "production");
  auto repointed = db->set_api_base_url(prod.id, "https://api.workos.com");
  ASSERT_TRUE(repointed);
  EXPECT_FALSE(repointed->embedded);
  ASSERT_TRUE(db->set_api_key(prod.id, "sk_live_REAL000000000000000000REAL"));

  auto again = seed_demo(*db, setup_for(dir, fake_env{}, "http://127.0.0.1:40009"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->refreshed, 1u) << "only the sandbox";
  prod = *db->environment_by_name(first->team_id, "production");
  EXPECT_EQ(prod.api_base_url, "https://api.workos.com");
  EXPECT_EQ(db->decrypt_api_key(first->team_id, prod.id)->reveal(), "sk_live_REAL000000000000000000REAL");
  EXPECT_EQ(db->environment_by_name(first->team_id, "sandbox")->api_base_url, "http://127.0.0.1:40009");
  EXPECT_EQ(db->refresh_embedded(prod.id, "http://x", "sk_test_x").error().code, errc::refused);
}

TEST(seed_demo, touches_nothing_in_a_store_that_has_teams_of_its_own) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  new_member admin;
  admin.email = "boss@corp.test";
  admin.role = role::admin;
  new_environment real;
  real.name = "production";
  real.kind = environment_kind::production;
  real.api_base_url = "https://api.workos.com";
  real.api_key = "sk_live_REAL000000000000000000REAL";
  ASSERT_TRUE(db->create_team("Corp", {admin}, {real}));
  auto out = seed_demo(*db, setup_for(dir, fake_env{}));
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->created);
  EXPECT_EQ(out->refreshed, 0u) << "not embedded: left alone";
  EXPECT_EQ(db->teams()->size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir.file("demo-password"))) << "no password generated for nothing";
}

TEST(demo_password, generated_once_stored_0600_and_reused) {
  temp_dir dir;
  auto first = load_demo_password(dir.path, fake_env{}.lookup());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->generated);
  EXPECT_GE(first->value.size(), 20u);
  EXPECT_EQ(first->origin, dir.file("demo-password"));
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("demo-password").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto second = load_demo_password(dir.path, fake_env{}.lookup());
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->generated) << "printed once only";
  EXPECT_EQ(second->value, first->value);

  temp_dir other;
  EXPECT_NE(load_demo_password(other.path, fake_env{}.lookup())->value, first->value);
}

TEST(demo_password, the_environment_wins) {
  temp_dir dir;
  fake_env env{{{"WORKOS_MCP_DEMO_PASSWORD", "from-env"}}};
  auto p = load_demo_password(dir.path, env.lookup());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->value, "from-env");
  EXPECT_FALSE(p->generated);
  EXPECT_EQ(p->origin, "WORKOS_MCP_DEMO_PASSWORD");
}

TEST(demo_password, a_generated_password_signs_everyone_in) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  auto out = seed_demo(*db, setup_for(dir, fake_env{}));
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->password.generated);
  EXPECT_EQ(control_test::slurp(dir.file("demo-password")), out->password.value + "\n");
  EXPECT_TRUE(db->verify_password("viewer@example.com", out->password.value));
}

}  // namespace
