// tests/policy/decision_test.cpp — the decision table checked, combination by combination, against
// an expectation written here from DESIGN §1.1 (not by calling the code under test); the
// exclusions (promise 6) by id and by method+path; environment switches (promise 2); refusals that
// always say why and what would allow it.
#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "policy/decision.hpp"

namespace {

using control::environment_kind;
using control::role;
using policy::caller_facts;
using policy::decision;
using policy::environment_facts;
using policy::rule;
using workos::access_class;
using workos::operation;
using workos::role_set;
using verdict = decision::verdict;

constexpr std::string_view own_team = "team_01HOWNOWNOWNOWNOWNOWNOWNOW";
constexpr std::string_view other_team = "team_01HOTHEROTHEROTHEROTHERO";

constexpr std::array all_roles{role::admin, role::developer, role::support, role::viewer};
constexpr std::array all_access{access_class::read, access_class::write, access_class::irreversible};

enum class membership { member, removed, other_team_member };

struct facts {
  membership who = membership::member;
  role r = role::admin;
  bool mcp_enabled = true;
  bool allow_write = true;
  bool allow_production = true;
  bool production_access = true;
  environment_kind kind = environment_kind::sandbox;
  bool own_environment = true;
};

caller_facts make_caller(const facts& f) {
  caller_facts c;
  c.session_team_id = std::string{own_team};
  if (f.who == membership::removed) return c;
  control::access a;
  auto team_id = std::string{f.who == membership::member ? own_team : other_team};
  a.team.id = team_id;
  a.team.name = "Acme";
  // As the store hands it out: `switches` is what applies, `configured` what admins set.
  a.team.configured = {f.mcp_enabled, f.allow_production, f.allow_write, false};
  a.team.switches = a.team.configured.effective();
  a.member.user_id = "user_01HPERSONPERSONPERSONPERSO";
  a.member.team_id = team_id;
  a.member.email = "ada@acme.test";
  a.member.role = f.r;
  a.member.production_access = f.production_access;
  c.access = a;
  return c;
}

environment_facts make_env(const facts& f) {
  return environment_facts{std::string{f.own_environment ? own_team : other_team}, f.kind,
                           f.kind == environment_kind::production ? "production" : "sandbox"};
}

// What the promises say, independently of policy/: (verdict, rule). The order is the one
// documented in policy/decision.hpp; each line cites its promise.
struct expectation {
  verdict kind;
  rule reason;
};

bool support_area(std::string_view product) { return product == "sso" || product == "directory_sync"; }

expectation expected(const facts& f, access_class access, std::string_view product, role_set catalog_roles) {
  // Promise 1/7: a person no longer in the session's team can do nothing.
  if (f.who != membership::member) return {verdict::deny, rule::not_a_member};
  // Promise 5: MCP off refuses every request.
  if (!f.mcp_enabled) return {verdict::deny, rule::mcp_disabled};
  // Promise 7: another team's environment does not exist.
  if (!f.own_environment) return {verdict::deny, rule::no_such_environment};
  // Promise 2: production needs the team's switch and the person's access.
  if (f.kind == environment_kind::production) {
    if (!f.allow_production) return {verdict::deny, rule::production_disabled_for_team};
    if (!f.production_access) return {verdict::deny, rule::no_production_access};
  }
  const bool changes = access != access_class::read;
  // Promise 1: viewer reads only; support changes only SSO connections and directories.
  if (changes && f.r == role::viewer) return {verdict::deny, rule::viewer_read_only};
  if (changes && f.r == role::support && !support_area(product)) return {verdict::deny, rule::support_scope};
  if (!catalog_roles.contains(f.r)) return {verdict::deny, rule::role_not_allowed};
  // Promise 5: "Allow write access" off = read-only.
  if (changes && !f.allow_write) return {verdict::deny, rule::writes_disabled};
  // Promise 3: irreversible needs a confirmation.
  if (access == access_class::irreversible) return {verdict::confirm, rule::none};
  return {verdict::allow, rule::none};
}

struct op_shape {
  std::string_view product;
  std::string_view path;
  role_set roles;
};

operation make_op(const op_shape& s, access_class access, std::string_view id) {
  operation op;
  op.id = id;
  op.product = s.product;
  op.summary = "test operation";
  op.method = access == access_class::read ? "GET" : access == access_class::write ? "POST" : "DELETE";
  op.path = s.path;
  op.access = access;
  op.roles = s.roles;
  return op;
}

std::string describe(const facts& f, access_class a, const op_shape& s) {
  std::string out;
  out += "who=" + std::to_string(static_cast<int>(f.who));
  out += " role=" + std::string{control::to_string(f.r)};
  out += " access=" + std::string{workos::to_string(a)};
  out += " product=" + std::string{s.product};
  out += " mcp=" + std::to_string(f.mcp_enabled) + " write=" + std::to_string(f.allow_write);
  out += " prod_switch=" + std::to_string(f.allow_production) + " prod_access=" + std::to_string(f.production_access);
  out += " env=" + std::string{control::to_string(f.kind)} + (f.own_environment ? " own" : " foreign");
  return out;
}

void expect_well_formed(const decision& d, const std::string& ctx) {
  if (d.denied()) {
    EXPECT_NE(d.reason, rule::none) << ctx;
    EXPECT_FALSE(d.message.empty()) << ctx;
    EXPECT_FALSE(d.remedy.empty()) << ctx;
  } else {
    EXPECT_EQ(d.reason, rule::none) << ctx;
    EXPECT_TRUE(d.message.empty()) << ctx;
    EXPECT_TRUE(d.remedy.empty()) << ctx;
  }
}

TEST(Decision, EveryCombinationMatchesThePromises) {
  const role_set everyone{role::admin, role::developer, role::support, role::viewer};
  const std::array shapes{
      // The catalog lets everyone: the role ceilings alone must refuse.
      op_shape{"organizations", "/organizations/{id}", everyone},
      op_shape{"sso", "/connections/{id}", everyone},
      op_shape{"directory_sync", "/directories/{id}", everyone},
      // The catalog is narrower than the ceiling.
      op_shape{"organizations", "/organizations/{id}", role_set{role::admin, role::developer}},
      op_shape{"sso", "/connections/{id}", role_set{role::admin}},
  };
  std::size_t cases = 0;
  std::set<rule> seen;
  for (auto who : {membership::member, membership::removed, membership::other_team_member})
    for (auto r : all_roles)
      for (auto a : all_access)
        for (const auto& shape : shapes)
          for (int bits = 0; bits < 64; ++bits) {
            facts f;
            f.who = who;
            f.r = r;
            f.mcp_enabled = bits & 1;
            f.allow_write = bits & 2;
            f.allow_production = bits & 4;
            f.production_access = bits & 8;
            f.kind = (bits & 16) ? environment_kind::production : environment_kind::sandbox;
            f.own_environment = bits & 32;
            auto op = make_op(shape, a, "test.op");
            auto want = expected(f, a, shape.product, shape.roles);
            auto got = policy::decide_operation(op, make_caller(f), make_env(f));
            auto ctx = describe(f, a, shape);
            EXPECT_EQ(got.kind, want.kind) << ctx << " got " << policy::to_string(got.reason);
            EXPECT_EQ(got.reason, want.reason) << ctx << " got " << policy::to_string(got.reason);
            expect_well_formed(got, ctx);
            seen.insert(got.reason);
            ++cases;
          }
  EXPECT_EQ(cases, 3u * 4u * 3u * 5u * 64u);
  // The table reaches every rule but the exclusion and impersonation (tested below).
  for (auto r : {rule::none, rule::not_a_member, rule::mcp_disabled, rule::no_such_environment,
                 rule::production_disabled_for_team, rule::no_production_access, rule::viewer_read_only,
                 rule::support_scope, rule::role_not_allowed, rule::writes_disabled})
    EXPECT_TRUE(seen.count(r)) << policy::to_string(r);
}

TEST(Decision, SupportMayChangeSsoAndDirectoriesButNotOrganizations) {
  facts f;
  f.r = role::support;
  const role_set writers{role::admin, role::developer, role::support};
  auto conn = make_op({"sso", "/connections/{id}", writers}, access_class::write, "sso.connections.update");
  auto dir = make_op({"directory_sync", "/directories/{id}", writers}, access_class::irreversible, "directories.delete");
  auto org = make_op({"organizations", "/organizations/{id}", writers}, access_class::write, "organizations.update");
  auto users = make_op({"user_management", "/user_management/users/{id}", writers}, access_class::write,
                       "users.update");
  EXPECT_EQ(policy::decide_operation(conn, make_caller(f), make_env(f)).kind, verdict::allow);
  EXPECT_EQ(policy::decide_operation(dir, make_caller(f), make_env(f)).kind, verdict::confirm);
  for (const auto& op : {org, users}) {
    auto d = policy::decide_operation(op, make_caller(f), make_env(f));
    EXPECT_EQ(d.reason, rule::support_scope) << op.id;
    EXPECT_NE(d.message.find(std::string{op.id}), std::string::npos) << d.message;
  }
  // Reading organizations is fine for support.
  auto org_read = make_op({"organizations", "/organizations/{id}", writers}, access_class::read, "organizations.get");
  EXPECT_EQ(policy::decide_operation(org_read, make_caller(f), make_env(f)).kind, verdict::allow);
}

TEST(Decision, RefusalsNameTheRoleAndWhatWouldAllowIt) {
  facts f;
  f.r = role::viewer;
  auto del = make_op({"organizations", "/organizations/{id}", {role::admin, role::developer}},
                     access_class::irreversible, "organizations.delete");
  auto d = policy::decide_operation(del, make_caller(f), make_env(f));
  EXPECT_EQ(d.reason, rule::viewer_read_only);
  EXPECT_NE(d.message.find("viewer"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("organizations.delete"), std::string::npos) << d.message;
  EXPECT_NE(d.remedy.find("developer"), std::string::npos) << d.remedy;

  // A read the catalog keeps from support: the allowed roles are listed.
  f.r = role::support;
  auto admin_read = make_op({"organizations", "/organizations/{id}/audit", {role::admin, role::developer}},
                            access_class::read, "organizations.audit");
  d = policy::decide_operation(admin_read, make_caller(f), make_env(f));
  EXPECT_EQ(d.reason, rule::role_not_allowed);
  EXPECT_NE(d.message.find("admin, developer"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("support"), std::string::npos) << d.message;

  // Writes off: the switch is named.
  f.r = role::developer;
  f.allow_write = false;
  auto upd = make_op({"organizations", "/organizations/{id}", {role::admin, role::developer}}, access_class::write,
                     "organizations.update");
  d = policy::decide_operation(upd, make_caller(f), make_env(f));
  EXPECT_EQ(d.reason, rule::writes_disabled);
  EXPECT_NE(d.remedy.find("Allow write access"), std::string::npos) << d.remedy;

  // A viewer with writes off: the role is the rule, and the remedy also names the switch, since
  // a new role alone would not be enough.
  f.r = role::viewer;
  d = policy::decide_operation(upd, make_caller(f), make_env(f));
  EXPECT_EQ(d.reason, rule::viewer_read_only);
  EXPECT_NE(d.remedy.find("Allow write access"), std::string::npos) << d.remedy;

  // Production closed for the team and for the person: both are named.
  f = facts{};
  f.kind = environment_kind::production;
  f.allow_production = false;
  f.production_access = false;
  auto get = make_op({"organizations", "/organizations", {role::admin}}, access_class::read, "organizations.list");
  d = policy::decide_operation(get, make_caller(f), make_env(f));
  EXPECT_EQ(d.reason, rule::production_disabled_for_team);
  EXPECT_NE(d.remedy.find("Allow production access"), std::string::npos) << d.remedy;
  EXPECT_NE(d.remedy.find("give you production access"), std::string::npos) << d.remedy;
}

TEST(Decision, ACatalogEntryWithNoRolesIsRefusedToEveryone) {
  auto op = make_op({"organizations", "/organizations", role_set{}}, access_class::read, "organizations.list");
  for (auto r : all_roles) {
    facts f;
    f.r = r;
    auto d = policy::decide_operation(op, make_caller(f), make_env(f));
    EXPECT_EQ(d.reason, rule::role_not_allowed);
    expect_well_formed(d, "no roles");
  }
}

TEST(Decision, ImpersonatingSessionsMayOnlyRead) {
  facts f;
  auto caller = make_caller(f);
  caller.impersonating = true;
  const role_set everyone{role::admin, role::developer, role::support, role::viewer};
  auto read = make_op({"organizations", "/organizations", everyone}, access_class::read, "organizations.list");
  auto write = make_op({"organizations", "/organizations", everyone}, access_class::write, "organizations.create");
  EXPECT_EQ(policy::decide_operation(read, caller, make_env(f)).kind, verdict::allow);
  auto d = policy::decide_operation(write, caller, make_env(f));
  EXPECT_EQ(d.reason, rule::impersonating);
  expect_well_formed(d, "impersonating");
}

TEST(Decision, ChangesApplyToTheNextCallOfALiveSession) {
  // The same session in production, asked twice: between the calls the control plane changes.
  facts f;
  f.kind = environment_kind::production;
  auto op = make_op({"organizations", "/organizations/{id}", {role::admin, role::developer}}, access_class::write,
                    "organizations.update");
  auto env = make_env(f);
  EXPECT_EQ(policy::decide_operation(op, make_caller(f), env).kind, verdict::allow);
  f.r = role::viewer;  // demoted
  EXPECT_EQ(policy::decide_operation(op, make_caller(f), env).reason, rule::viewer_read_only);
  f.r = role::admin;
  f.allow_production = false;  // the team closes production
  EXPECT_EQ(policy::decide_operation(op, make_caller(f), env).reason, rule::production_disabled_for_team);
  f.allow_production = true;
  f.who = membership::removed;  // removed from the team
  EXPECT_EQ(policy::decide_operation(op, make_caller(f), env).reason, rule::not_a_member);
}

// ---- exclusions (promise 6) ---------------------------------------------------------------------

struct forbidden_case {
  std::string_view id;
  std::string_view method;
  std::string_view path;
};

// Each excluded kind, once under its own id and path.
constexpr std::array forbidden_cases{
    forbidden_case{"users.impersonate", "POST", "/user_management/users/{id}/impersonate"},
    forbidden_case{"mcp.settings.update", "PUT", "/mcp/settings"},
    forbidden_case{"organizations.api_keys.create", "POST", "/organizations/{organization_id}/api_keys"},
    forbidden_case{"users.api_keys.create", "POST", "/user_management/users/{user_id}/api_keys"},
    forbidden_case{"connect.client_secrets.create", "POST", "/connect/applications/{id}/client_secrets"},
    forbidden_case{"sso.certificates.rotate", "POST", "/sso/signing_certificates"},
    forbidden_case{"vault.data_key.create", "POST", "/vault/v1/keys/data-key"},
    forbidden_case{"vault.decrypt", "POST", "/vault/v1/keys/decrypt"},
    forbidden_case{"team.delete", "DELETE", "/team"},
    forbidden_case{"user_management.authenticate", "POST", "/user_management/authenticate"},
    forbidden_case{"sso.token", "POST", "/sso/token"},
    forbidden_case{"sso.profile", "GET", "/sso/profile"},
    forbidden_case{"widgets.token", "POST", "/widgets/token"},
    forbidden_case{"password_reset.confirm", "POST", "/user_management/password_reset/confirm"},
    forbidden_case{"auth_factors.enroll", "POST", "/auth/factors/enroll"},
};

TEST(Exclusions, RefusedEvenForAnAdminWithEverySwitchOn) {
  facts f;  // admin, member, every switch on, production access, own sandbox
  const role_set everyone{role::admin, role::developer, role::support, role::viewer};
  for (const auto& c : forbidden_cases) {
    for (auto a : all_access) {
      operation op{};
      op.id = c.id;
      op.product = "x";
      op.method = c.method;
      op.path = c.path;
      op.access = a;
      op.roles = everyone;
      auto d = policy::decide_operation(op, make_caller(f), make_env(f));
      EXPECT_EQ(d.reason, rule::excluded_operation) << c.id;
      EXPECT_NE(d.message.find(std::string{c.id}), std::string::npos) << d.message;
      expect_well_formed(d, std::string{c.id});
    }
  }
}

TEST(Exclusions, CaughtByIdAloneAndByMethodAndPathAlone) {
  for (const auto& c : forbidden_cases) {
    operation by_id{};
    by_id.id = c.id;
    by_id.method = "GET";
    by_id.path = "/organizations";  // an innocent path
    EXPECT_TRUE(policy::is_forbidden(by_id)) << "id " << c.id;

    operation by_path{};
    by_path.id = "innocent.looking";
    by_path.method = c.method;
    by_path.path = c.path;
    EXPECT_TRUE(policy::is_forbidden(by_path)) << "path " << c.method << " " << c.path;
    EXPECT_TRUE(policy::forbidden_reason(by_path).has_value());
  }
}

TEST(Exclusions, OrdinaryOperationsAreNotExcluded) {
  const std::array<forbidden_case, 14> fine{{
      {"organizations.delete", "DELETE", "/organizations/{id}"},
      {"organizations.api_keys.list", "GET", "/organizations/{organization_id}/api_keys"},
      {"api_keys.delete", "DELETE", "/api_keys/{id}"},
      {"connections.delete", "DELETE", "/connections/{id}"},
      {"directories.list", "GET", "/directories"},
      {"users.create", "POST", "/user_management/users"},
      {"organization_domains.verify", "POST", "/organization_domains/{id}/verify"},
      {"portal.generate_link", "POST", "/portal/generate_link"},
      {"webhooks.create", "POST", "/webhook_endpoints"},
      {"roles.create", "POST", "/authorization/roles"},
      {"invitations.send", "POST", "/user_management/invitations"},
      {"connect.client_secrets.list", "GET", "/connect/applications/{id}/client_secrets"},
      {"invitations.accept", "POST", "/user_management/invitations/{id}/accept"},
      {"agents.validate_credential", "POST", "/agents/credentials/validate"},
  }};
  for (const auto& c : fine) {
    operation op{};
    op.id = c.id;
    op.method = c.method;
    op.path = c.path;
    EXPECT_FALSE(policy::is_forbidden(op)) << c.id << ": " << policy::forbidden_reason(op).value_or("");
  }
}

// ---- environment switches (promise 2) -------------------------------------------------------------

TEST(EnvironmentSwitch, EveryCombinationMatchesThePromises) {
  for (auto who : {membership::member, membership::removed, membership::other_team_member})
    for (auto r : all_roles)
      for (int bits = 0; bits < 64; ++bits) {
        facts f;
        f.who = who;
        f.r = r;
        f.mcp_enabled = bits & 1;
        f.allow_write = bits & 2;
        f.allow_production = bits & 4;
        f.production_access = bits & 8;
        f.kind = (bits & 16) ? environment_kind::production : environment_kind::sandbox;
        f.own_environment = bits & 32;
        // Independently: membership, MCP, own team, then production's two conditions. Role and
        // the write switch play no part in where a session may be.
        expectation want{verdict::allow, rule::none};
        if (who != membership::member) want = {verdict::deny, rule::not_a_member};
        else if (!f.mcp_enabled) want = {verdict::deny, rule::mcp_disabled};
        else if (!f.own_environment) want = {verdict::deny, rule::no_such_environment};
        else if (f.kind == environment_kind::production && !f.allow_production)
          want = {verdict::deny, rule::production_disabled_for_team};
        else if (f.kind == environment_kind::production && !f.production_access)
          want = {verdict::deny, rule::no_production_access};
        auto got = policy::decide_environment_switch(make_caller(f), make_env(f));
        auto ctx = describe(f, access_class::read, op_shape{"-", "-", {}});
        EXPECT_EQ(got.kind, want.kind) << ctx;
        EXPECT_EQ(got.reason, want.reason) << ctx;
        expect_well_formed(got, ctx);
      }
}

TEST(EnvironmentSwitch, AnotherTeamsEnvironmentReadsExactlyAsAnUnknownName) {
  facts f;
  f.own_environment = false;
  f.kind = environment_kind::production;
  auto env = make_env(f);
  env.name = "acme-prod";
  auto foreign = policy::decide_environment_switch(make_caller(f), env);
  auto unknown = policy::unknown_environment("acme-prod");
  EXPECT_EQ(foreign.kind, unknown.kind);
  EXPECT_EQ(foreign.reason, unknown.reason);
  EXPECT_EQ(foreign.message, unknown.message);
  EXPECT_EQ(foreign.remedy, unknown.remedy);
  EXPECT_NE(foreign.message.find("acme-prod"), std::string::npos);
  EXPECT_EQ(foreign.message.find(std::string{other_team}), std::string::npos);
}

TEST(Rules, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (auto r : {rule::none, rule::not_a_member, rule::mcp_disabled, rule::excluded_operation,
                 rule::no_such_environment, rule::production_disabled_for_team, rule::no_production_access,
                 rule::viewer_read_only, rule::support_scope, rule::role_not_allowed, rule::impersonating,
                 rule::writes_disabled})
    EXPECT_TRUE(names.insert(policy::to_string(r)).second) << policy::to_string(r);
}

}  // namespace
