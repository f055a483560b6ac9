// Tests for tools/use_environment and tools/session_environment: a session starts in its team's
// sandbox and moves only to an environment of its own team named explicitly, only as far as the
// person's production access and the team's switches allow, decided again at every call; a
// refusal leaves the session where it was; another team's environment reads like an unknown one.
#include "tools/use_environment.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"
#include "tests/control/fixtures.hpp"
#include "tests/tools/fake_call.hpp"
#include "tools/principal.hpp"
#include "tools/session_environment.hpp"
#include "tools/whoami.hpp"

namespace {

using control::environment_kind;
using control::role;

control::new_member person(std::string email, role r, bool production) {
  control::new_member m;
  m.email = std::move(email);
  m.role = r;
  m.production_access = production;
  return m;
}

control::new_environment place(std::string name, environment_kind kind) {
  control::new_environment e;
  e.name = std::move(name);
  e.kind = kind;
  e.api_base_url = "http://127.0.0.1:4010";
  return e;
}

std::string name_arg(const std::string& name) { return R"({"name":")" + name + R"("})"; }

// The text of a result's first content block.
std::string text_of(const mcp::tool_result& r) {
  auto doc = mcp::json_doc::parse(r.content);
  EXPECT_TRUE(doc) << r.content;
  simdjson::dom::element first;
  EXPECT_EQ(doc->root().at(0).get(first), simdjson::SUCCESS) << r.content;
  return std::string{mcp::get_string(first, "text").value_or("")};
}

struct use_environment_test : ::testing::Test {
  control_test::temp_dir dir;
  std::shared_ptr<control::store> db = control::store::open(control_test::options_for(dir));
  std::shared_ptr<control::live_snapshot> live = std::make_shared<control::live_snapshot>(db);
  control::team team, other;
  control::environment production, other_staging;
  std::string admin, viewer;  // owner keys
  mcp::tool use = tools::make_use_environment(live);
  mcp::tool whoami = tools::make_whoami(live);
  std::shared_ptr<mcp::session_state> session = std::make_shared<mcp::session_state>();

  void SetUp() override {
    auto t = db->create_team("Demo", {person("admin@demo.test", role::admin, true), person("viewer@demo.test", role::viewer, false)},
                             {place("sandbox", environment_kind::sandbox), place("production", environment_kind::production)});
    ASSERT_TRUE(t) << t.error().message;
    team = *t;
    auto o = db->create_team("Other", {person("boss@other.test", role::admin, true)},
                             {place("sandbox", environment_kind::sandbox), place("staging", environment_kind::sandbox)});
    ASSERT_TRUE(o) << o.error().message;
    other = *o;
    production = *db->environment_by_name(team.id, "production");
    other_staging = *db->environment_by_name(other.id, "staging");
    admin = tools::owner_key(db->member_by_email("admin@demo.test")->user_id, team.id);
    viewer = tools::owner_key(db->member_by_email("viewer@demo.test")->user_id, team.id);
  }

  mcp::tool_result switch_to(const std::string& owner, const std::string& name) {
    auto call = tools_test::run(use, owner, name_arg(name), session);
    EXPECT_TRUE(call->result) << "every call finishes";
    return call->result.value_or(mcp::tool_result{});
  }
  // whoami's environment object in this session: {name, kind, usable, why_not?}.
  std::string whoami_environment(const std::string& owner) {
    auto call = tools_test::run(whoami, owner, "{}", session);
    EXPECT_TRUE(call->result && !call->result->is_error);
    const auto& s = call->result->structured;
    auto at = s.find(R"("environment":{)");
    EXPECT_NE(at, std::string::npos) << s;
    return s.substr(at + 14, s.find('}', at) - at - 13);
  }
};

TEST_F(use_environment_test, an_admin_moves_from_sandbox_to_production_and_is_told_loudly) {
  EXPECT_EQ(whoami_environment(admin), R"({"name":"sandbox","kind":"sandbox","usable":true})") << "sessions start in the sandbox";
  auto r = switch_to(admin, "production");
  ASSERT_FALSE(r.is_error) << r.content;
  EXPECT_NE(text_of(r).find("Now working in PRODUCTION environment 'production' of team Demo. Every call from now on "
                            "reads and changes production data."),
            std::string::npos)
      << text_of(r);
  EXPECT_EQ(r.structured,
            R"({"environment":{"name":"production","kind":"production"},"previous":{"name":"sandbox","kind":"sandbox"}})");
  EXPECT_EQ(whoami_environment(admin), R"({"name":"production","kind":"production","usable":true})");

  // Back to the sandbox, in calmer words; the name is case-insensitive.
  auto back = switch_to(admin, "SANDBOX");
  ASSERT_FALSE(back.is_error) << back.content;
  EXPECT_EQ(text_of(back).find("PRODUCTION environment 'production' of"), std::string::npos);
  EXPECT_NE(text_of(back).find("Now working in sandbox environment 'sandbox' of team Demo."), std::string::npos);
  EXPECT_EQ(back.structured,
            R"({"environment":{"name":"sandbox","kind":"sandbox"},"previous":{"name":"production","kind":"production"}})");

  EXPECT_FALSE(use.annotations.read_only);
  EXPECT_FALSE(use.annotations.destructive);
  EXPECT_TRUE(use.annotations.idempotent);
  EXPECT_FALSE(use.annotations.open_world);
}

TEST_F(use_environment_test, another_session_is_not_moved) {
  ASSERT_FALSE(switch_to(admin, "production").is_error);
  auto fresh = tools_test::run(whoami, admin, "{}", std::make_shared<mcp::session_state>());
  ASSERT_TRUE(fresh->result);
  EXPECT_NE(fresh->result->structured.find(R"("environment":{"name":"sandbox")"), std::string::npos)
      << fresh->result->structured;
}

TEST_F(use_environment_test, a_viewer_without_production_access_is_refused_with_rule_and_remedy_and_stays) {
  auto r = switch_to(viewer, "production");
  ASSERT_TRUE(r.is_error);
  auto text = text_of(r);
  EXPECT_NE(text.find("You do not have access to production environments"), std::string::npos) << text;
  EXPECT_NE(text.find("To allow it: ask a team admin to give you production access."), std::string::npos) << text;
  EXPECT_NE(text.find("(rule: no_production_access)"), std::string::npos) << text;
  EXPECT_TRUE(r.structured.empty());
  EXPECT_EQ(whoami_environment(viewer), R"({"name":"sandbox","kind":"sandbox","usable":true})");
}

TEST_F(use_environment_test, the_team_switch_off_refuses_production_even_to_an_admin) {
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::allow_production, false));
  auto r = switch_to(admin, "production");
  ASSERT_TRUE(r.is_error);
  EXPECT_NE(text_of(r).find("(rule: production_disabled_for_team)"), std::string::npos) << text_of(r);
  EXPECT_NE(text_of(r).find("Allow production access"), std::string::npos) << text_of(r);
  EXPECT_EQ(whoami_environment(admin), R"({"name":"sandbox","kind":"sandbox","usable":true})");
}

TEST_F(use_environment_test, another_teams_environment_reads_exactly_like_an_unknown_name) {
  // "staging" exists only in team Other; "nowhere" exists nowhere. Same words, name aside.
  auto theirs = switch_to(admin, "staging");
  auto nothing = switch_to(admin, "nowhere");
  ASSERT_TRUE(theirs.is_error);
  ASSERT_TRUE(nothing.is_error);
  auto a = text_of(theirs), b = text_of(nothing);
  a.replace(a.find("staging"), 7, "X");
  b.replace(b.find("nowhere"), 7, "X");
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("(rule: no_such_environment)"), std::string::npos) << a;
  EXPECT_EQ(a.find("Other"), std::string::npos);
  EXPECT_EQ(whoami_environment(admin), R"({"name":"sandbox","kind":"sandbox","usable":true})");
}

TEST_F(use_environment_test, ids_are_refused_whoever_they_belong_to) {
  for (const auto& id : {production.id, other_staging.id, std::string{"environment_01ZZZZZZZZZZZZZZZZZZZZZZZZ"}}) {
    auto r = switch_to(admin, id);
    ASSERT_TRUE(r.is_error) << id;
    EXPECT_NE(text_of(r).find("looks like an environment id"), std::string::npos) << text_of(r);
  }
  auto call = tools_test::run(use, admin, R"({"id":")" + production.id + R"("})", session);
  ASSERT_TRUE(call->result && call->result->is_error);
  EXPECT_NE(text_of(*call->result).find("not its id"), std::string::npos);
  for (const char* bad : {"{}", R"({"name":""})", R"({"name":42})"}) {
    auto c = tools_test::run(use, admin, bad, session);
    ASSERT_TRUE(c->result && c->result->is_error) << bad;
  }
  EXPECT_EQ(whoami_environment(admin), R"({"name":"sandbox","kind":"sandbox","usable":true})");
}

TEST_F(use_environment_test, a_change_of_access_between_calls_applies_at_the_next_call) {
  ASSERT_FALSE(switch_to(admin, "production").is_error);
  ASSERT_TRUE(db->set_production_access("admin@demo.test", false));
  // The session is still set to production, but nothing may run there: whoami says why, and
  // the tools that run operations get the refusal.
  auto env = whoami_environment(admin);
  EXPECT_NE(env.find(R"("name":"production","kind":"production","usable":false,"why_not":"You do not have access)"),
            std::string::npos)
      << env;
  auto call = std::make_shared<tools_test::fake_call>("query", admin, "{}", session);
  auto caller = tools::caller_of(**live->current(), *call);
  ASSERT_TRUE(caller);
  auto current = tools::current_environment(**live->current(), *caller, *call);
  ASSERT_FALSE(current);
  EXPECT_EQ(current.error().rule, "no_production_access");
  EXPECT_NE(current.error().message.find("still set to PRODUCTION environment 'production'"), std::string::npos);
  EXPECT_NE(current.error().remedy.find("use_environment"), std::string::npos);
  EXPECT_TRUE(switch_to(admin, "production").is_error) << "re-entering is refused too";
  ASSERT_FALSE(switch_to(admin, "sandbox").is_error) << "and the way back is open";
  EXPECT_EQ(whoami_environment(admin), R"({"name":"sandbox","kind":"sandbox","usable":true})");

  // A removal from the team ends everything, at the very next call.
  ASSERT_TRUE(db->add_member(team.id, person("second@demo.test", role::admin, true)));
  ASSERT_TRUE(db->remove_member("admin@demo.test"));
  auto gone = switch_to(admin, "sandbox");
  ASSERT_TRUE(gone.is_error);
  EXPECT_NE(text_of(gone).find("(rule: not_a_member)"), std::string::npos) << text_of(gone);
}

TEST_F(use_environment_test, a_removed_environment_is_reported_not_silently_replaced) {
  // The control plane has no "remove environment" verb yet: model a removal by moving the
  // session's remembered environment to an id that no longer resolves.
  ASSERT_FALSE(switch_to(admin, "production").is_error);
  session->get<tools::session_environment>().chosen->id = "environment_01REMOVEDREMOVEDREMOVED00";
  auto env = whoami_environment(admin);
  EXPECT_NE(env.find(R"("usable":false,"why_not":"The PRODUCTION environment 'production' this session was working in no longer exists.")"),
            std::string::npos)
      << env;
}

TEST_F(use_environment_test, an_anonymous_session_cannot_switch) {
  auto r = switch_to("", "production");
  ASSERT_TRUE(r.is_error);
  EXPECT_NE(text_of(r).find("Not signed in"), std::string::npos);
}

}  // namespace
