// Tests for control/store.hpp: teams, switches, members, roles, passwords, environments, and
// the API keys sealed under the master key.
#include "control/store.hpp"

#include <gtest/gtest.h>

#include <map>

#include <atomic>
#include <thread>

#include <sys/stat.h>

#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::fake_env;
using control_test::options_for;
using control_test::temp_dir;

constexpr const char* sandbox_key = "sk_test_a1b2c3d4e5f6g7h8i9j0WXYZ";
constexpr const char* live_key = "sk_live_z9y8x7w6v5u4t3s2r1q0LIVE";

new_member person(std::string email, role r, bool production = true) {
  new_member m;
  m.email = std::move(email);
  m.role = r;
  m.production_access = production;
  return m;
}

new_environment env(std::string name, environment_kind kind, std::string key = {}) {
  new_environment e;
  e.name = std::move(name);
  e.kind = kind;
  e.api_base_url = "http://127.0.0.1:4010/";
  e.api_key = std::move(key);
  return e;
}

// Reads or writes the sealed key of an environment behind the store's back.
std::string sealed_of(const std::string& db_path, const std::string& env_id) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT api_key_sealed FROM environments WHERE id = ?1", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, env_id.c_str(), -1, SQLITE_TRANSIENT);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW)
    out.assign(static_cast<const char*>(sqlite3_column_blob(s, 0)), static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

void set_sealed(const std::string& db_path, const std::string& env_id, const std::string& bytes) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "UPDATE environments SET api_key_sealed = ?2 WHERE id = ?1", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, env_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob(s, 2, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(s), SQLITE_DONE);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

struct store_test : ::testing::Test {
  temp_dir dir;
  std::unique_ptr<store> db = store::open(options_for(dir));
  std::string db_path() const { return dir.file("control.db"); }

  team make_team(const std::string& name = "Acme") {
    auto t = db->create_team(name, {person("owner@" + name + ".test", role::admin)});
    EXPECT_TRUE(t) << t.error().message;
    return *t;
  }
};

// ---- teams and switches ----

TEST_F(store_test, a_new_team_has_every_switch_on) {
  EXPECT_TRUE(*db->empty());
  auto t = db->create_team("Acme");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->id.rfind("team_", 0), 0u);
  EXPECT_EQ(t->id.size(), 5u + 26u);
  EXPECT_EQ(t->name, "Acme");
  EXPECT_EQ(t->switches, (team_switches{true, true, true, false}));
  EXPECT_EQ(t->configured, (team_switches{true, true, true, false}));
  EXPECT_FALSE(*db->empty());
  auto by_id = db->team_by_id(t->id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->name, "Acme");
  auto by_name = db->team_by_name("acme");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->id, t->id);
}

TEST_F(store_test, team_names_are_unique_and_required) {
  ASSERT_TRUE(db->create_team("Acme"));
  auto again = db->create_team("ACME");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, errc::already_exists);
  EXPECT_EQ(db->create_team("  ").error().code, errc::invalid_argument);
  EXPECT_EQ(db->create_team("a\nb").error().code, errc::invalid_argument);
  EXPECT_EQ(db->team_by_id("team_nope").error().code, errc::not_found);
  ASSERT_TRUE(db->create_team("Globex"));
  auto all = db->teams();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Acme");
  EXPECT_EQ((*all)[1].name, "Globex");
}

TEST_F(store_test, create_team_is_all_or_nothing) {
  auto t = db->create_team("Acme", {person("a@acme.test", role::admin), person("not an email", role::viewer)});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, errc::invalid_argument);
  EXPECT_TRUE(*db->empty()) << "the team was rolled back with its members";
  EXPECT_EQ(db->member_by_email("a@acme.test").error().code, errc::not_found);
}

TEST_F(store_test, switches_and_mcp_off_turns_the_others_off) {
  auto t = make_team();
  auto r = db->set_switch(t.id, team_switch::allow_write, false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->switches, (team_switches{true, true, false, false}));

  r = db->set_switch(t.id, team_switch::mcp_enabled, false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->switches, (team_switches{false, false, false, false})) << "MCP off: the other two read as off";
  EXPECT_EQ(r->configured, (team_switches{false, true, false, false})) << "what the admin set is kept";
  EXPECT_FALSE(db->team_by_id(t.id)->switches.allow_production);

  r = db->set_switch(t.id, team_switch::mcp_enabled, true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->switches, (team_switches{true, true, false, false})) << "back on: the configured values apply again";

  r = db->set_switch(t.id, team_switch::allow_production, false);
  EXPECT_EQ(r->switches, (team_switches{true, false, false, false}));
  EXPECT_EQ(db->set_switch("team_nope", team_switch::allow_write, true).error().code, errc::not_found);
}

TEST_F(store_test, confirm_by_person_is_off_for_new_teams_and_follows_mcp_enabled) {
  auto t = make_team();
  EXPECT_FALSE(t.configured.confirm_by_person) << "a team opts in: it refuses irreversible operations to clients that cannot elicit";
  auto r = db->set_switch(t.id, team_switch::confirm_by_person, true);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->switches.confirm_by_person);
  r = db->set_switch(t.id, team_switch::mcp_enabled, false);
  EXPECT_FALSE(r->switches.confirm_by_person);
  EXPECT_TRUE(r->configured.confirm_by_person);
  EXPECT_EQ(parse_team_switch("confirm-by-person"), team_switch::confirm_by_person);
}

TEST_F(store_test, a_database_from_before_the_fourth_switch_gets_it_off) {
  auto t = make_team();
  ASSERT_TRUE(db->set_switch(t.id, team_switch::allow_write, false));
  db.reset();
  {  // Rebuild the teams table as the first schema had it (SQLite 3.40 can drop a column).
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_path().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "ALTER TABLE teams DROP COLUMN confirm_by_person", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  db = store::open(options_for(dir));
  auto again = db->team_by_id(t.id);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->configured, (team_switches{true, true, false, false})) << "the old switches are kept";
  ASSERT_TRUE(db->set_switch(t.id, team_switch::confirm_by_person, true));
  EXPECT_TRUE(db->team_by_id(t.id)->configured.confirm_by_person);
}

TEST(team_switches, effective_values) {
  EXPECT_EQ((team_switches{false, true, true, false}.effective()), (team_switches{false, false, false, false}));
  EXPECT_EQ((team_switches{true, false, true, false}.effective()), (team_switches{true, false, true, false}));
  EXPECT_EQ(parse_team_switch("mcp-enabled"), team_switch::mcp_enabled);
  EXPECT_EQ(parse_team_switch("allow_write"), team_switch::allow_write);
  EXPECT_FALSE(parse_team_switch("impersonation"));
}

// ---- members ----

TEST_F(store_test, add_member_and_look_it_up) {
  auto t = make_team();
  new_member m = person("  Dev@Acme.TEST ", role::developer, false);
  m.name = "Dee Veloper";
  auto added = db->add_member(t.id, m);
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->email, "dev@acme.test") << "emails are trimmed and lowercased";
  EXPECT_EQ(added->user_id.rfind("user_", 0), 0u);
  EXPECT_EQ(added->team_id, t.id);
  EXPECT_EQ(added->role, role::developer);
  EXPECT_FALSE(added->production_access);
  EXPECT_FALSE(added->has_password);

  auto by_email = db->member_by_email("DEV@acme.test");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->user_id, added->user_id);
  EXPECT_EQ(by_email->name, "Dee Veloper");
  auto by_id = db->member_by_user_id(added->user_id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email, "dev@acme.test");
  EXPECT_EQ(db->member_by_user_id("user_nope").error().code, errc::not_found);
  EXPECT_EQ(db->member_by_email("nobody@acme.test").error().code, errc::not_found);

  auto team = db->team_of(added->user_id);
  ASSERT_TRUE(team);
  EXPECT_EQ(team->id, t.id);
  auto members = db->members_of(t.id);
  ASSERT_TRUE(members);
  ASSERT_EQ(members->size(), 2u);
  EXPECT_EQ((*members)[0].email, "owner@acme.test");
  EXPECT_EQ((*members)[1].email, "dev@acme.test");
}

TEST_F(store_test, given_user_ids_are_kept_and_unique) {
  auto t = make_team();
  auto m = person("a@acme.test", role::viewer);
  m.user_id = "user_01EXTERNAL";
  auto added = db->add_member(t.id, m);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->user_id, "user_01EXTERNAL");
  auto clash = person("b@acme.test", role::viewer);
  clash.user_id = "user_01EXTERNAL";
  EXPECT_EQ(db->add_member(t.id, clash).error().code, errc::already_exists);
  auto bad = person("c@acme.test", role::viewer);
  bad.user_id = "has@sign";
  EXPECT_EQ(db->add_member(t.id, bad).error().code, errc::invalid_argument);
}

TEST_F(store_test, refuses_duplicate_email_bad_email_and_unknown_team) {
  auto acme = make_team("Acme");
  auto globex = make_team("Globex");
  ASSERT_TRUE(db->add_member(acme.id, person("dev@example.com", role::developer)));
  auto same_team = db->add_member(acme.id, person("DEV@example.com", role::viewer));
  ASSERT_FALSE(same_team);
  EXPECT_EQ(same_team.error().code, errc::already_exists);
  auto other_team = db->add_member(globex.id, person("dev@example.com", role::viewer));
  ASSERT_FALSE(other_team) << "a person is in one team";
  EXPECT_EQ(other_team.error().code, errc::already_exists);
  for (auto bad : {"", "no-at-sign", "@example.com", "dev@", "a@b@c", "sp ace@example.com"})
    EXPECT_EQ(db->add_member(acme.id, person(bad, role::viewer)).error().code, errc::invalid_argument) << bad;
  EXPECT_EQ(db->add_member("team_nope", person("x@example.com", role::viewer)).error().code, errc::not_found);
}

TEST(roles, names_parse_exactly) {
  for (auto r : {role::admin, role::developer, role::support, role::viewer}) EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_FALSE(parse_role("owner"));
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_role(""));
}

TEST_F(store_test, set_role_and_production_access) {
  auto t = make_team();
  auto dev = *db->add_member(t.id, person("dev@acme.test", role::developer, false));
  auto r = db->set_role("dev@acme.test", role::support);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->role, role::support);
  EXPECT_EQ(db->member_by_user_id(dev.user_id)->role, role::support);
  r = db->set_role(dev.user_id, role::viewer);
  ASSERT_TRUE(r) << "a member may be named by user id";
  EXPECT_EQ(r->role, role::viewer);
  auto p = db->set_production_access("dev@acme.test", true);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->production_access);
  EXPECT_TRUE(db->access_of(dev.user_id)->member.production_access);
  EXPECT_EQ(db->set_role("nobody@acme.test", role::admin).error().code, errc::not_found);
  EXPECT_EQ(db->set_production_access("nobody@acme.test", true).error().code, errc::not_found);
}

TEST_F(store_test, the_last_admin_can_be_neither_demoted_nor_removed) {
  auto t = make_team();  // owner@acme.test is the only admin
  auto demote = db->set_role("owner@acme.test", role::developer);
  ASSERT_FALSE(demote);
  EXPECT_EQ(demote.error().code, errc::refused);
  EXPECT_NE(demote.error().message.find("last admin"), std::string::npos);
  auto remove = db->remove_member("owner@acme.test");
  ASSERT_FALSE(remove);
  EXPECT_EQ(remove.error().code, errc::refused);
  EXPECT_TRUE(db->member_by_email("owner@acme.test"));

  ASSERT_TRUE(db->add_member(t.id, person("second@acme.test", role::admin)));
  EXPECT_TRUE(db->set_role("owner@acme.test", role::developer)) << "with another admin, fine";
  EXPECT_FALSE(db->remove_member("second@acme.test")) << "now second@ is the last admin";
  EXPECT_TRUE(db->set_role("owner@acme.test", role::admin));
  EXPECT_TRUE(db->remove_member("second@acme.test"));
}

TEST_F(store_test, admins_of_other_teams_do_not_count) {
  auto acme = make_team("Acme");
  make_team("Globex");
  (void)acme;
  EXPECT_EQ(db->remove_member("owner@acme.test").error().code, errc::refused);
}

TEST_F(store_test, remove_member_takes_effect_at_the_next_read) {
  auto t = make_team();
  auto viewer = *db->add_member(t.id, person("v@acme.test", role::viewer));
  ASSERT_TRUE(db->access_of(viewer.user_id));
  ASSERT_TRUE(db->remove_member("v@acme.test"));
  EXPECT_EQ(db->access_of(viewer.user_id).error().code, errc::not_found);
  EXPECT_EQ(db->team_of(viewer.user_id).error().code, errc::not_found);
  EXPECT_EQ(db->remove_member("v@acme.test").error().code, errc::not_found);
  EXPECT_TRUE(db->add_member(t.id, person("v@acme.test", role::viewer))) << "the email is free again";
}

TEST_F(store_test, access_of_reads_member_and_team_switches_together) {
  auto t = make_team();
  auto m = *db->add_member(t.id, person("dev@acme.test", role::developer));
  auto a = db->access_of(m.user_id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->member.email, "dev@acme.test");
  EXPECT_EQ(a->team.id, t.id);
  EXPECT_TRUE(a->team.switches.allow_write);
  db->set_switch(t.id, team_switch::mcp_enabled, false);
  a = db->access_of(m.user_id);
  EXPECT_EQ(a->team.switches, (team_switches{false, false, false, false}));
  EXPECT_EQ(db->access_of("dev@acme.test").error().code, errc::not_found) << "by user id only";
}

// ---- passwords ----

TEST_F(store_test, verify_password_right_and_wrong) {
  auto t = make_team();
  ASSERT_TRUE(db->add_member(t.id, person("dev@acme.test", role::developer)));
  auto none = db->verify_password("dev@acme.test", "anything");
  ASSERT_FALSE(none) << "no password set: no sign-in";
  EXPECT_EQ(none.error().code, errc::refused);

  ASSERT_TRUE(db->set_password("dev@acme.test", "hunter2 but longer"));
  EXPECT_TRUE(db->member_by_email("dev@acme.test")->has_password);
  auto ok = db->verify_password("DEV@acme.test", "hunter2 but longer");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->email, "dev@acme.test");
  auto wrong = db->verify_password("dev@acme.test", "hunter2 but longeR");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, errc::refused);
  auto unknown = db->verify_password("ghost@acme.test", "hunter2 but longer");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, errc::refused);
  EXPECT_EQ(unknown.error().message, wrong.error().message) << "no hint whether the email exists";
  EXPECT_FALSE(db->verify_password("not an email", "x"));
  EXPECT_EQ(db->set_password("dev@acme.test", "").error().code, errc::invalid_argument);
  EXPECT_EQ(db->set_password("ghost@acme.test", "pw").error().code, errc::not_found);

  auto with_pw = person("new@acme.test", role::viewer);
  with_pw.password = "initial password";
  auto added = db->add_member(t.id, with_pw);
  ASSERT_TRUE(added);
  EXPECT_TRUE(added->has_password);
  EXPECT_TRUE(db->verify_password("new@acme.test", "initial password"));
}

TEST_F(store_test, sign_in_records_carry_the_hash_that_verifies_and_the_team_name) {
  auto t = make_team();
  auto m = person("dev@acme.test", role::developer);
  m.password = "a sign-in password";
  ASSERT_TRUE(db->add_member(t.id, m));
  ASSERT_TRUE(db->add_member(t.id, person("nopw@acme.test", role::viewer)));
  auto records = db->sign_in_records();
  ASSERT_TRUE(records) << records.error().message;
  std::map<std::string, sign_in_record> by_email;
  for (auto& r : *records) by_email[r.member.email] = r;
  ASSERT_TRUE(by_email.count("dev@acme.test"));
  EXPECT_EQ(by_email["dev@acme.test"].team_name, t.name);
  EXPECT_TRUE(crypto::verify_password_hash(by_email["dev@acme.test"].password_hash, "a sign-in password"));
  EXPECT_FALSE(crypto::verify_password_hash(by_email["dev@acme.test"].password_hash, "another password"));
  ASSERT_TRUE(by_email.count("nopw@acme.test"));
  EXPECT_TRUE(by_email["nopw@acme.test"].password_hash.empty()) << "no password: nothing to sign in with";
}

TEST_F(store_test, password_hashes_are_not_the_passwords) {
  auto t = make_team();
  auto m = person("dev@acme.test", role::developer);
  m.password = "PlainTextMarker-42";
  ASSERT_TRUE(db->add_member(t.id, m));
  db.reset();
  EXPECT_EQ(control_test::slurp(db_path()).find("PlainTextMarker-42"), std::string::npos);
  EXPECT_EQ(control_test::slurp(db_path() + "-wal").find("PlainTextMarker-42"), std::string::npos);
}

// ---- environments and API keys ----

TEST_F(store_test, add_environments_and_list_them) {
  auto t = make_team();
  auto sb = db->add_environment(t.id, env("sandbox", environment_kind::sandbox, sandbox_key));
  ASSERT_TRUE(sb) << sb.error().message;
  EXPECT_EQ(sb->id.rfind("environment_", 0), 0u);
  EXPECT_EQ(sb->api_base_url, "http://127.0.0.1:4010") << "trailing slash dropped";
  EXPECT_TRUE(sb->has_api_key);
  EXPECT_EQ(sb->api_key_last4, "WXYZ");
  auto prod = db->add_environment(t.id, env("production", environment_kind::production));
  ASSERT_TRUE(prod);
  EXPECT_FALSE(prod->has_api_key);
  EXPECT_EQ(prod->api_key_last4, "");

  auto list = db->environments_of(t.id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].name, "sandbox");
  EXPECT_EQ((*list)[1].kind, environment_kind::production);
  auto by_name = db->environment_by_name(t.id, "PRODUCTION");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->id, prod->id);
  auto by_id = db->environment_by_id(sb->id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->name, "sandbox");
  auto def = db->default_environment(t.id);
  ASSERT_TRUE(def);
  EXPECT_EQ(def->id, sb->id);
}

TEST_F(store_test, environment_names_are_unique_per_team_and_checked) {
  auto acme = make_team("Acme");
  auto globex = make_team("Globex");
  ASSERT_TRUE(db->add_environment(acme.id, env("sandbox", environment_kind::sandbox)));
  EXPECT_EQ(db->add_environment(acme.id, env("Sandbox", environment_kind::sandbox)).error().code, errc::already_exists);
  EXPECT_TRUE(db->add_environment(globex.id, env("sandbox", environment_kind::sandbox))) << "another team may";
  EXPECT_EQ(db->add_environment(acme.id, env("bad name", environment_kind::sandbox)).error().code,
            errc::invalid_argument);
  EXPECT_EQ(db->add_environment(acme.id, env("", environment_kind::sandbox)).error().code, errc::invalid_argument);
  auto bad_url = env("staging", environment_kind::sandbox);
  for (auto url : {"ftp://x", "api.workos.com", "https://", "https://a b", "https://x/?q=1"}) {
    bad_url.api_base_url = url;
    EXPECT_EQ(db->add_environment(acme.id, bad_url).error().code, errc::invalid_argument) << url;
  }
  auto bad_key = env("staging", environment_kind::sandbox, "has space in key");
  EXPECT_EQ(db->add_environment(acme.id, bad_key).error().code, errc::invalid_argument);
  EXPECT_EQ(db->add_environment("team_nope", env("x", environment_kind::sandbox)).error().code, errc::not_found);
  EXPECT_EQ(db->default_environment(globex.id)->name, "sandbox");
  auto empty_team = *db->create_team("Empty");
  EXPECT_EQ(db->default_environment(empty_team.id).error().code, errc::not_found);
}

TEST_F(store_test, another_teams_environment_is_not_found) {
  auto acme = make_team("Acme");
  auto globex = make_team("Globex");
  auto theirs = *db->add_environment(globex.id, env("production", environment_kind::production, live_key));
  EXPECT_EQ(db->environment_by_name(acme.id, "production").error().code, errc::not_found);
  auto stolen = db->decrypt_api_key(acme.id, theirs.id);
  ASSERT_FALSE(stolen) << "promise 7: not even by id";
  EXPECT_EQ(stolen.error().code, errc::not_found);
  EXPECT_TRUE(db->decrypt_api_key(globex.id, theirs.id));
}

TEST_F(store_test, api_key_round_trip_and_replacement) {
  auto t = make_team();
  auto e = *db->add_environment(t.id, env("sandbox", environment_kind::sandbox, sandbox_key));
  auto key = db->decrypt_api_key(t.id, e.id);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->reveal(), sandbox_key);

  auto updated = db->set_api_key(e.id, live_key);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->api_key_last4, "LIVE");
  EXPECT_EQ(db->decrypt_api_key(t.id, e.id)->reveal(), live_key);

  auto short_key = db->set_api_key(e.id, "short");
  ASSERT_TRUE(short_key);
  EXPECT_EQ(short_key->api_key_last4, "") << "four characters of a short key is too much";
  EXPECT_TRUE(short_key->has_api_key);
  EXPECT_EQ(db->decrypt_api_key(t.id, e.id)->reveal(), "short");

  EXPECT_EQ(db->set_api_key(e.id, "").error().code, errc::invalid_argument);
  EXPECT_EQ(db->set_api_key(e.id, "two\nlines").error().code, errc::invalid_argument);
  EXPECT_EQ(db->set_api_key("environment_nope", live_key).error().code, errc::not_found);

  auto bare = *db->add_environment(t.id, env("bare", environment_kind::sandbox));
  EXPECT_EQ(db->decrypt_api_key(t.id, bare.id).error().code, errc::not_found);
  auto url = db->set_api_base_url(bare.id, "https://api.workos.com/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->api_base_url, "https://api.workos.com");
  EXPECT_EQ(db->set_api_base_url(bare.id, "nope").error().code, errc::invalid_argument);
}

TEST_F(store_test, the_same_key_is_sealed_differently_every_time) {
  auto t = make_team();
  auto a = *db->add_environment(t.id, env("a", environment_kind::sandbox, sandbox_key));
  auto b = *db->add_environment(t.id, env("b", environment_kind::sandbox, sandbox_key));
  auto sealed_a = sealed_of(db_path(), a.id);
  auto sealed_b = sealed_of(db_path(), b.id);
  ASSERT_FALSE(sealed_a.empty());
  EXPECT_NE(sealed_a, sealed_b);
  ASSERT_TRUE(db->set_api_key(a.id, sandbox_key));
  EXPECT_NE(sealed_of(db_path(), a.id), sealed_a) << "re-setting the same key gives new bytes";
}

TEST_F(store_test, listings_and_files_never_contain_the_key) {
  auto t = make_team();
  ASSERT_TRUE(db->add_environment(t.id, env("sandbox", environment_kind::sandbox, sandbox_key)));
  auto listed = db->environments_of(t.id);
  ASSERT_TRUE(listed);
  for (const auto& e : *listed) {
    for (const auto& field : {e.id, e.team_id, e.name, e.api_base_url, e.api_key_last4})
      EXPECT_EQ(field.find("sk_test"), std::string::npos);
  }
  db.reset();
  for (auto f : {"control.db", "control.db-wal", "control.db-shm", "master.key"})
    EXPECT_EQ(control_test::slurp(dir.file(f)).find(sandbox_key), std::string::npos) << f;
}

TEST_F(store_test, tampered_ciphertext_fails_to_decrypt) {
  auto t = make_team();
  auto e = *db->add_environment(t.id, env("sandbox", environment_kind::sandbox, sandbox_key));
  auto sealed = sealed_of(db_path(), e.id);
  sealed[sealed.size() / 2] = static_cast<char>(sealed[sealed.size() / 2] ^ 0x20);
  set_sealed(db_path(), e.id, sealed);
  auto r = db->decrypt_api_key(t.id, e.id);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::crypto);
  EXPECT_EQ(r.error().message.find("sk_test"), std::string::npos);
}

TEST_F(store_test, a_key_copied_to_another_environment_fails_to_decrypt) {
  auto acme = make_team("Acme");
  auto a = *db->add_environment(acme.id, env("a", environment_kind::sandbox, sandbox_key));
  auto b = *db->add_environment(acme.id, env("b", environment_kind::production, live_key));
  set_sealed(db_path(), b.id, sealed_of(db_path(), a.id));
  auto r = db->decrypt_api_key(acme.id, b.id);
  ASSERT_FALSE(r) << "the AAD binds the key to its environment id";
  EXPECT_EQ(r.error().code, errc::crypto);
  EXPECT_EQ(db->decrypt_api_key(acme.id, a.id)->reveal(), sandbox_key);

  auto globex = make_team("Globex");
  auto g = *db->add_environment(globex.id, env("a", environment_kind::sandbox, live_key));
  set_sealed(db_path(), g.id, sealed_of(db_path(), a.id));
  EXPECT_EQ(db->decrypt_api_key(globex.id, g.id).error().code, errc::crypto) << "and to its team";
}

// ---- the master key ----

TEST(store_master_key, master_key_is_created_0600_and_the_database_is_private) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  EXPECT_TRUE(db->master_key_created());
  EXPECT_EQ(db->master_key_origin(), dir.file("master.key"));
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("master.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.file("control.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
  db.reset();
  auto again = store::open(options_for(dir));
  EXPECT_FALSE(again->master_key_created());
}

TEST(store_master_key, a_wrong_master_key_is_refused_at_open) {
  temp_dir dir;
  fake_env k1{{{"WORKOS_MCP_MASTER_KEY", std::string(64, '1')}}};
  fake_env k2{{{"WORKOS_MCP_MASTER_KEY", std::string(64, '2')}}};
  std::string team_id, env_id;
  {
    auto db = store::open(options_for(dir, k1));
    auto t = *db->create_team("Acme");
    team_id = t.id;
    env_id = db->add_environment(t.id, env("sandbox", environment_kind::sandbox, sandbox_key))->id;
  }
  try {
    store::open(options_for(dir, k2));
    FAIL() << "opened with another key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string{e.what()}.find("not the key"), std::string::npos) << e.what();
  }
  // Without a given key, the data directory has none: a new one is not invented for old data.
  try {
    store::open(options_for(dir));
    FAIL() << "opened without the key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string{e.what()}.find("is missing"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("master.key")));
  auto db = store::open(options_for(dir, k1));
  EXPECT_EQ(db->decrypt_api_key(team_id, env_id)->reveal(), sandbox_key);
}

TEST(store_master_key, a_deleted_master_key_is_reported_not_replaced) {
  temp_dir dir;
  std::string original;
  {
    auto db = store::open(options_for(dir));
    ASSERT_TRUE(db->create_team("Acme"));
    original = control_test::slurp(dir.file("master.key"));
  }
  std::filesystem::rename(dir.file("master.key"), dir.file("backup.key"));
  EXPECT_THROW(store::open(options_for(dir)), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(dir.file("master.key")));
  std::filesystem::rename(dir.file("backup.key"), dir.file("master.key"));
  auto db = store::open(options_for(dir));
  EXPECT_TRUE(db->team_by_name("Acme"));
}

TEST(store_master_key, an_unreadable_data_directory_is_an_exception_at_open) {
  EXPECT_THROW(store::open({"/proc/workos-mcp-cannot-exist", "", fake_env{}.lookup(), 1000}), std::runtime_error);
}

// ---- persistence and concurrency ----

TEST(store_persistence, everything_survives_a_reopen) {
  temp_dir dir;
  std::string team_id, env_id;
  {
    auto db = store::open(options_for(dir));
    auto t = *db->create_team("Acme", {person("a@acme.test", role::admin)},
                              {env("sandbox", environment_kind::sandbox, sandbox_key)});
    db->set_switch(t.id, team_switch::allow_write, false);
    team_id = t.id;
    env_id = db->default_environment(t.id)->id;
  }
  auto db = store::open(options_for(dir));
  auto t = db->team_by_id(team_id);
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->switches.allow_write);
  EXPECT_EQ(db->member_by_email("a@acme.test")->role, role::admin);
  EXPECT_EQ(db->decrypt_api_key(team_id, env_id)->reveal(), sandbox_key);
}

TEST(store_persistence, a_second_process_sees_changes_at_its_next_read) {
  // The admin CLI and the server open the same database: a role change or a switch made by one
  // applies to the other's next read (promises 1 and 5).
  temp_dir dir;
  auto server = store::open(options_for(dir));
  auto cli = store::open(options_for(dir));
  auto t = *server->create_team("Acme", {person("a@acme.test", role::admin), person("d@acme.test", role::developer)});
  auto dev = *server->member_by_email("d@acme.test");
  ASSERT_TRUE(cli->set_role("d@acme.test", role::viewer));
  EXPECT_EQ(server->access_of(dev.user_id)->member.role, role::viewer);
  ASSERT_TRUE(cli->set_switch(t.id, team_switch::mcp_enabled, false));
  EXPECT_FALSE(server->access_of(dev.user_id)->team.switches.mcp_enabled);
  ASSERT_TRUE(cli->remove_member("d@acme.test"));
  EXPECT_EQ(server->access_of(dev.user_id).error().code, errc::not_found);
}

TEST(store_concurrency, readers_and_writers_on_many_threads) {
  temp_dir dir;
  auto db = store::open(options_for(dir));
  auto t = *db->create_team("Acme", {person("a@acme.test", role::admin)},
                            {env("sandbox", environment_kind::sandbox, sandbox_key)});
  auto admin = *db->member_by_email("a@acme.test");
  auto sandbox = *db->default_environment(t.id);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 50; ++i) {
        auto email = "p" + std::to_string(w) + "-" + std::to_string(i) + "@acme.test";
        if (!db->add_member(t.id, person(email, role::viewer))) ++failures;
        if (!db->set_switch(t.id, team_switch::allow_write, i % 2 == 0)) ++failures;
      }
    });
  for (int r = 0; r < 3; ++r)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!db->access_of(admin.user_id)) ++failures;
        auto key = db->decrypt_api_key(t.id, sandbox.id);
        if (!key || key->reveal() != sandbox_key) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(db->members_of(t.id)->size(), 101u);
}

}  // namespace
