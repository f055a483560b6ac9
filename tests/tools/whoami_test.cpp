// Tests for tools/whoami: what it reports comes from the control plane at the time of the call
// (role, switches and membership changes show at the next call), and a caller who is no
// longer a member, or an anonymous session, gets a tool error rather than someone's data.
#include "tools/whoami.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"
#include "tests/control/fixtures.hpp"
#include "tests/tools/fake_call.hpp"
#include "tools/principal.hpp"

namespace {

using control::environment_kind;
using control::role;

simdjson::dom::element member(simdjson::dom::element obj, const char* key) {
  simdjson::dom::element e;
  EXPECT_EQ(obj[key].get(e), simdjson::SUCCESS) << key;
  return e;
}

control::new_member person(std::string email, role r) {
  control::new_member m;
  m.email = std::move(email);
  m.role = r;
  m.production_access = true;
  return m;
}

control::new_environment place(std::string name, environment_kind kind) {
  control::new_environment e;
  e.name = std::move(name);
  e.kind = kind;
  e.api_base_url = "http://127.0.0.1:4010";
  return e;
}

struct whoami_test : ::testing::Test {
  control_test::temp_dir dir;
  std::shared_ptr<control::store> db = control::store::open(control_test::options_for(dir));
  std::shared_ptr<control::live_snapshot> live = std::make_shared<control::live_snapshot>(db);
  control::team team;
  control::member dev;
  mcp::tool tool = tools::make_whoami(live);

  void SetUp() override {
    auto t = db->create_team("Acme", {person("admin@acme.test", role::admin), person("dev@acme.test", role::developer)},
                             {place("sandbox", environment_kind::sandbox), place("production", environment_kind::production)});
    ASSERT_TRUE(t) << t.error().message;
    team = *t;
    dev = *db->member_by_email("dev@acme.test");
  }

  // Runs whoami as `owner` in a session of its own.
  std::shared_ptr<tools_test::fake_call> run(const std::string& owner) {
    return tools_test::run(tool, owner, "{}", std::make_shared<mcp::session_state>());
  }
};

TEST_F(whoami_test, reports_the_person_team_role_sandbox_and_switches) {
  auto call = run(tools::owner_key(dev.user_id, team.id));
  ASSERT_TRUE(call->result);
  ASSERT_FALSE(call->result->is_error) << call->result->content;
  auto doc = mcp::json_doc::parse(call->result->structured);
  ASSERT_TRUE(doc) << call->result->structured;
  auto root = doc->root();
  EXPECT_EQ(mcp::get_string(member(root, "user"), "email"), "dev@acme.test");
  EXPECT_EQ(mcp::get_string(member(root, "user"), "id"), dev.user_id);
  EXPECT_EQ(mcp::get_string(member(root, "team"), "name"), "Acme");
  EXPECT_EQ(mcp::get_string(root, "role"), "developer");
  EXPECT_EQ(mcp::get_string(member(root, "environment"), "name"), "sandbox") << "sessions start in the sandbox";
  EXPECT_EQ(mcp::get_bool(member(root, "switches"), "allow_write"), true);
  EXPECT_NE(call->result->structured.find(R"("name":"production","kind":"production","reachable":true)"),
            std::string::npos)
      << call->result->structured;
  EXPECT_NE(call->result->structured.find("impersonation"), std::string::npos) << "lists what is never exposed";
  EXPECT_TRUE(tool.annotations.read_only);
}

TEST_F(whoami_test, changes_in_the_control_plane_show_at_the_next_call) {
  auto owner = tools::owner_key(dev.user_id, team.id);
  ASSERT_TRUE(db->set_role("dev@acme.test", role::viewer));
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::allow_production, false));
  auto call = run(owner);
  ASSERT_TRUE(call->result && !call->result->is_error);
  const auto& s = call->result->structured;
  EXPECT_NE(s.find(R"("role":"viewer")"), std::string::npos) << s;
  EXPECT_NE(s.find(R"("allow_production":false)"), std::string::npos) << s;
  EXPECT_NE(s.find(R"("reachable":false,"why_not":"the team's \"Allow production access\" switch is off")"),
            std::string::npos)
      << s;

  ASSERT_TRUE(db->remove_member("dev@acme.test"));
  auto gone = run(owner);
  ASSERT_TRUE(gone->result);
  EXPECT_TRUE(gone->result->is_error);
  EXPECT_TRUE(gone->result->structured.empty()) << "nothing of the team leaks to a removed member";
}

TEST_F(whoami_test, a_key_naming_another_team_or_nobody_gets_no_data) {
  auto other = db->create_team("Other", {person("boss@other.test", role::admin)});
  ASSERT_TRUE(other);
  auto wrong_team = run(tools::owner_key(dev.user_id, other->id));
  ASSERT_TRUE(wrong_team->result);
  EXPECT_TRUE(wrong_team->result->is_error);
  EXPECT_EQ(wrong_team->result->content.find("Acme"), std::string::npos);
  auto anonymous = run("");
  ASSERT_TRUE(anonymous->result);
  EXPECT_TRUE(anonymous->result->is_error);
  EXPECT_NE(anonymous->result->content.find("without sign-in"), std::string::npos);
}

TEST_F(whoami_test, with_mcp_turned_off_even_whoami_is_refused_and_says_what_would_allow_it) {
  auto owner = tools::owner_key(dev.user_id, team.id);
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::mcp_enabled, false));
  auto off = run(owner);
  ASSERT_TRUE(off->result);
  EXPECT_TRUE(off->result->is_error);
  EXPECT_NE(off->result->content.find("MCP access is turned off"), std::string::npos) << off->result->content;
  EXPECT_NE(off->result->content.find("mcp_disabled"), std::string::npos) << off->result->content;
  EXPECT_TRUE(off->result->structured.empty()) << "nothing about the team while MCP is off";
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::mcp_enabled, true));
  auto on = run(owner);
  ASSERT_TRUE(on->result);
  EXPECT_FALSE(on->result->is_error) << "the next call after the switch is back works";
}

}  // namespace
