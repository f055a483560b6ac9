// Tests for control/admin_cli.hpp: every verb, tables and JSON lines, exit codes, secrets only
// from files or stdin and never printed.
#include "control/admin_cli.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "control/audit_log.hpp"
#include "control/seed.hpp"
#include "mcp/json.hpp"
#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::fake_env;
using control_test::options_for;
using control_test::temp_dir;

constexpr const char* sandbox_key = "sk_test_CLI0000000000000000000SAND";
constexpr const char* live_key = "sk_live_CLI0000000000000000000PROD";
constexpr const char* new_key = "sk_live_NEWKEY0000000000000000NEW9";

struct run_result {
  int code;
  std::string out;
  std::string err;
};

struct admin_cli : ::testing::Test {
  temp_dir dir;
  fake_env env{{{"WORKOS_MCP_DEMO_PASSWORD", "demo-pw"}}};
  std::string team_id;

  void SetUp() override {
    auto db = store::open(options_for(dir, env));
    demo_setup s;
    s.sandbox = {"http://127.0.0.1:40001", sandbox_key};
    s.production = {"http://127.0.0.1:40001", live_key};
    s.data_dir = dir.path;
    s.env = env.lookup();
    auto seeded = seed_demo(*db, s);
    ASSERT_TRUE(seeded) << seeded.error().message;
    team_id = seeded->team_id;
  }

  run_result run(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin(), {"--data-dir", dir.path});
    std::ostringstream out, err;
    std::istringstream in(stdin_text);
    int code = admin_main(args, out, err, in, env.lookup());
    return {code, out.str(), err.str()};
  }

  std::unique_ptr<store> open() { return store::open(options_for(dir, env)); }

  std::string write_file(const std::string& name, const std::string& content) {
    std::ofstream(dir.file(name)) << content;
    return dir.file(name);
  }
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// ---- usage ----

TEST_F(admin_cli, help_and_usage_errors) {
  auto help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("environments set-key"), std::string::npos);
  EXPECT_EQ(run({}).code, 2);
  EXPECT_EQ(run({"teams"}).code, 2);
  EXPECT_EQ(run({"teams", "explode"}).code, 2);
  EXPECT_EQ(run({"members", "add", "--team", "Demo", "--email", "x@example.com"}).code, 2) << "missing --role";
  auto bad_role = run({"members", "add", "--team", "Demo", "--email", "x@example.com", "--role", "owner"});
  EXPECT_EQ(bad_role.code, 2);
  EXPECT_NE(bad_role.err.find("unknown role 'owner'"), std::string::npos) << bad_role.err;
  EXPECT_EQ(run({"switches", "set", "--team", "Demo", "--allow-write", "maybe"}).code, 2);
  EXPECT_EQ(run({"switches", "set", "--team", "Demo"}).code, 2) << "nothing to set";
  EXPECT_EQ(run({"teams", "list", "--team", "Demo"}).code, 2) << "unknown option for the verb";
  EXPECT_EQ(run({"members", "list", "--team"}).code, 2) << "option without value";
  EXPECT_EQ(run({"members", "list", "--team", "a", "--team", "b"}).code, 2);
}

TEST(admin_cli_usage, a_usage_error_creates_nothing) {
  temp_dir dir;
  std::ostringstream out, err;
  std::istringstream in;
  auto data = dir.file("fresh");
  EXPECT_EQ(admin_main({"--data-dir", data, "teams", "explode"}, out, err, in, fake_env{}.lookup()), 2);
  EXPECT_FALSE(std::filesystem::exists(data));
}

TEST_F(admin_cli, a_key_on_the_command_line_is_refused_and_never_echoed) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"environments", "set-key", "--team", "Demo", "--name", "production", "--api-key", new_key},
           {"environments", "set-key", "--team", "Demo", "--name", "production", std::string{"--api-key="} + new_key},
           {"members", "set-password", "--email", "admin@example.com", "--password", "hunter22"},
       }) {
    auto r = run(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("refused"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("-file"), std::string::npos) << "says what to use instead: " << r.err;
    EXPECT_EQ(r.err.find(new_key), std::string::npos);
    EXPECT_EQ(r.err.find("hunter22"), std::string::npos);
    EXPECT_EQ(r.out, "");
  }
  auto db = open();
  auto prod = db->environment_by_name(team_id, "production");
  EXPECT_EQ(db->decrypt_api_key(team_id, prod->id)->reveal(), live_key) << "unchanged";
}

// ---- teams ----

TEST_F(admin_cli, teams_list_and_create) {
  auto r = run({"teams", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto l = lines(r.out);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].rfind("ID", 0), 0u);
  EXPECT_NE(l[1].find(team_id), std::string::npos);
  EXPECT_NE(l[1].find("Demo"), std::string::npos);

  auto created = run({"teams", "create", "--name", "Acme", "--json"});
  ASSERT_EQ(created.code, 0) << created.err;
  auto doc = mcp::json_doc::parse(created.out);
  ASSERT_TRUE(doc);
  EXPECT_EQ(mcp::get_string(doc->root(), "name"), "Acme");
  EXPECT_EQ(mcp::get_bool(doc->root(), "mcp_enabled"), true);

  auto dup = run({"teams", "create", "--name", "acme"});
  EXPECT_EQ(dup.code, 1);
  EXPECT_NE(dup.err.find("exists already"), std::string::npos);

  auto json = run({"teams", "list", "--json"});
  ASSERT_EQ(json.code, 0);
  EXPECT_EQ(lines(json.out).size(), 2u);
  for (const auto& line : lines(json.out)) EXPECT_TRUE(mcp::json_doc::parse(line)) << line;
}

// ---- members ----

TEST_F(admin_cli, members_list_by_team_name_or_id_and_as_json) {
  auto r = run({"members", "list", "--team", "Demo"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto l = lines(r.out);
  ASSERT_EQ(l.size(), 5u);
  EXPECT_NE(l[1].find("admin@example.com"), std::string::npos);
  EXPECT_NE(l[4].find("viewer"), std::string::npos);
  EXPECT_EQ(run({"members", "list", "--team", team_id}).out, r.out);
  EXPECT_EQ(run({"members", "list"}).out, r.out) << "every team";
  EXPECT_EQ(run({"members", "list", "--team", "Nope"}).code, 1);

  auto json = run({"members", "list", "--team", "Demo", "--json"});
  auto jl = lines(json.out);
  ASSERT_EQ(jl.size(), 4u);
  auto viewer = mcp::json_doc::parse(jl[3]);
  ASSERT_TRUE(viewer);
  EXPECT_EQ(mcp::get_string(viewer->root(), "email"), "viewer@example.com");
  EXPECT_EQ(mcp::get_string(viewer->root(), "role"), "viewer");
  EXPECT_EQ(mcp::get_bool(viewer->root(), "production_access"), false);
  EXPECT_EQ(mcp::get_string(viewer->root(), "team_id"), team_id);
}

TEST_F(admin_cli, members_add_set_role_set_access_remove) {
  auto added = run({"members", "add", "--team", "Demo", "--email", "New@Example.com", "--role", "support",
                    "--production-access", "true", "--name", "New Person"});
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_NE(added.out.find("new@example.com"), std::string::npos);
  auto db = open();
  auto m = db->member_by_email("new@example.com");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->role, role::support);
  EXPECT_TRUE(m->production_access);
  EXPECT_EQ(m->name, "New Person");

  auto dup = run({"members", "add", "--team", "Demo", "--email", "new@example.com", "--role", "viewer"});
  EXPECT_EQ(dup.code, 1);
  EXPECT_NE(dup.err.find("already a member"), std::string::npos) << dup.err;

  auto role_change = run({"members", "set-role", "--email", "new@example.com", "--role", "viewer", "--json"});
  ASSERT_EQ(role_change.code, 0) << role_change.err;
  EXPECT_EQ(mcp::get_string(mcp::json_doc::parse(role_change.out)->root(), "role"), "viewer");
  EXPECT_EQ(db->member_by_email("new@example.com")->role, role::viewer) << "the server's store sees it at once";

  ASSERT_EQ(run({"members", "set-access", "--email", "new@example.com", "--production-access", "false"}).code, 0);
  EXPECT_FALSE(db->member_by_email("new@example.com")->production_access);

  auto removed = run({"members", "remove", "--email", "new@example.com"});
  ASSERT_EQ(removed.code, 0) << removed.err;
  EXPECT_FALSE(db->member_by_email("new@example.com"));
  EXPECT_EQ(run({"members", "remove", "--email", "new@example.com"}).code, 1);
}

TEST_F(admin_cli, removing_or_demoting_the_last_admin_is_refused) {
  auto r = run({"members", "remove", "--email", "admin@example.com"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("last admin"), std::string::npos) << r.err;
  auto d = run({"members", "set-role", "--email", "admin@example.com", "--role", "viewer"});
  EXPECT_EQ(d.code, 1);
  EXPECT_EQ(open()->member_by_email("admin@example.com")->role, role::admin);
}

TEST_F(admin_cli, set_password_from_stdin_or_file) {
  auto r = run({"members", "set-password", "--email", "viewer@example.com", "--password-file", "-"},
               "a new password\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("a new password"), std::string::npos);
  auto db = open();
  EXPECT_TRUE(db->verify_password("viewer@example.com", "a new password")) << "trailing newline trimmed";
  EXPECT_FALSE(db->verify_password("viewer@example.com", "demo-pw"));

  auto f = write_file("pw.txt", "from a file");
  ASSERT_EQ(run({"members", "set-password", "--email", "viewer@example.com", "--password-file", f}).code, 0);
  EXPECT_TRUE(db->verify_password("viewer@example.com", "from a file"));
  EXPECT_EQ(run({"members", "set-password", "--email", "viewer@example.com", "--password-file", "-"}, "\n").code, 1)
      << "empty";
}

// ---- switches ----

TEST_F(admin_cli, switches_show_and_set) {
  auto shown = run({"switches", "show", "--team", "Demo"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_NE(shown.out.find("allow_production   on   on"), std::string::npos) << shown.out;

  auto set = run({"switches", "set", "--team", "Demo", "--mcp-enabled", "false", "--allow-write", "false"});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_NE(set.out.find("mcp_enabled        off  off"), std::string::npos) << set.out;
  EXPECT_NE(set.out.find("allow_production   on   off (MCP is off)"), std::string::npos) << set.out;
  auto t = open()->team_by_id(team_id);
  EXPECT_EQ(t->configured, (team_switches{false, true, false, false}));
  EXPECT_EQ(t->switches, (team_switches{false, false, false, false}));

  auto json = run({"switches", "show", "--team", team_id, "--json"});
  auto doc = mcp::json_doc::parse(json.out);
  ASSERT_TRUE(doc) << json.out;
  EXPECT_EQ(mcp::get_bool(doc->root(), "allow_production"), false);
  auto configured = mcp::get_field(doc->root(), "configured");
  ASSERT_TRUE(configured);
  EXPECT_EQ(mcp::get_bool(*configured, "allow_production"), true);

  ASSERT_EQ(run({"switches", "set", "--team", "Demo", "--mcp-enabled", "true"}).code, 0);
  EXPECT_EQ(open()->team_by_id(team_id)->switches, (team_switches{true, true, false, false}));
  ASSERT_EQ(run({"switches", "set", "--team", "Demo", "--confirm-by-person", "true"}).code, 0);
  EXPECT_TRUE(open()->team_by_id(team_id)->switches.confirm_by_person);
  EXPECT_EQ(run({"switches", "show", "--team", "Nope"}).code, 1);
}

// ---- environments ----

TEST_F(admin_cli, environments_list_shows_only_the_last_four_characters) {
  auto r = run({"environments", "list", "--team", "Demo"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("****SAND"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("****PROD"), std::string::npos);
  EXPECT_EQ(r.out.find("sk_test"), std::string::npos);
  EXPECT_EQ(r.out.find("sk_live"), std::string::npos);
  EXPECT_EQ(r.err.find("sk_"), std::string::npos);

  auto json = run({"environments", "list", "--team", "Demo", "--json"});
  ASSERT_EQ(json.code, 0);
  EXPECT_EQ(json.out.find("sk_"), std::string::npos);
  auto l = lines(json.out);
  ASSERT_EQ(l.size(), 2u);
  auto prod = mcp::json_doc::parse(l[1]);
  ASSERT_TRUE(prod);
  EXPECT_EQ(mcp::get_string(prod->root(), "name"), "production");
  EXPECT_EQ(mcp::get_string(prod->root(), "kind"), "production");
  EXPECT_EQ(mcp::get_string(prod->root(), "api_key_last4"), "PROD");
  EXPECT_EQ(mcp::get_bool(prod->root(), "has_api_key"), true);
}

TEST_F(admin_cli, environments_set_key_from_a_file_or_stdin) {
  auto f = write_file("key.txt", std::string{new_key} + "\n");
  auto r = run({"environments", "set-key", "--team", "Demo", "--name", "production", "--api-key-file", f});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find(new_key), std::string::npos) << "never print the key";
  EXPECT_NE(r.out.find("****NEW9"), std::string::npos) << r.out;
  auto db = open();
  auto prod = db->environment_by_name(team_id, "production");
  EXPECT_EQ(db->decrypt_api_key(team_id, prod->id)->reveal(), new_key);

  auto from_stdin = run({"environments", "set-key", "--team", "Demo", "--name", "sandbox", "--api-key-file", "-"},
                        "sk_test_STDIN000000000000000000STD1\r\n");
  ASSERT_EQ(from_stdin.code, 0) << from_stdin.err;
  auto sandbox = db->environment_by_name(team_id, "sandbox");
  EXPECT_EQ(db->decrypt_api_key(team_id, sandbox->id)->reveal(), "sk_test_STDIN000000000000000000STD1");

  auto empty = run({"environments", "set-key", "--team", "Demo", "--name", "sandbox", "--api-key-file", "-"}, "");
  EXPECT_EQ(empty.code, 1);
  auto missing = run({"environments", "set-key", "--team", "Demo", "--name", "sandbox", "--api-key-file",
                      dir.file("missing")});
  EXPECT_EQ(missing.code, 1);
  auto two_words = run({"environments", "set-key", "--team", "Demo", "--name", "sandbox", "--api-key-file", "-"},
                       "sk_test one two");
  EXPECT_EQ(two_words.code, 1);
  EXPECT_EQ(two_words.err.find("sk_test"), std::string::npos) << "errors never quote the key";
  auto no_env = run({"environments", "set-key", "--team", "Demo", "--name", "staging", "--api-key-file", f});
  EXPECT_EQ(no_env.code, 1);
  EXPECT_NE(no_env.err.find("no environment named 'staging'"), std::string::npos) << no_env.err;
  EXPECT_EQ(run({"environments", "set-key", "--team", "Demo", "--name", "sandbox"}).code, 2);
}

TEST_F(admin_cli, environments_add_and_set_url) {
  auto f = write_file("key.txt", "sk_test_STAGING00000000000000000STG");
  auto r = run({"environments", "add", "--team", "Demo", "--name", "staging", "--kind", "sandbox", "--base-url",
                "https://staging.example.com/", "--api-key-file", f});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("sk_test"), std::string::npos);
  auto db = open();
  auto staging = db->environment_by_name(team_id, "staging");
  ASSERT_TRUE(staging);
  EXPECT_EQ(staging->api_base_url, "https://staging.example.com");
  EXPECT_FALSE(staging->embedded);
  EXPECT_EQ(db->decrypt_api_key(team_id, staging->id)->reveal(), "sk_test_STAGING00000000000000000STG");

  EXPECT_EQ(run({"environments", "add", "--team", "Demo", "--name", "x", "--kind", "prod", "--base-url",
                 "https://x"}).code,
            2);
  EXPECT_EQ(run({"environments", "add", "--team", "Demo", "--name", "staging", "--kind", "sandbox", "--base-url",
                 "https://x"}).code,
            1);

  auto url = run({"environments", "set-url", "--team", "Demo", "--name", "staging", "--base-url",
                  "https://api.workos.com"});
  ASSERT_EQ(url.code, 0) << url.err;
  EXPECT_EQ(db->environment_by_name(team_id, "staging")->api_base_url, "https://api.workos.com");
}

// ---- the store ----

TEST_F(admin_cli, a_wrong_master_key_fails_cleanly) {
  fake_env wrong{{{"WORKOS_MCP_MASTER_KEY", std::string(64, '9')}}};
  std::ostringstream out, err;
  std::istringstream in;
  int code = admin_main({"--data-dir", dir.path, "teams", "list"}, out, err, in, wrong.lookup());
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.str().find("master key"), std::string::npos) << err.str();
  EXPECT_EQ(err.str().find(std::string(64, '9')), std::string::npos);
}

TEST(admin_cli_fresh, a_fresh_data_directory_gets_a_master_key_and_says_so) {
  temp_dir dir;
  std::ostringstream out, err;
  std::istringstream in;
  EXPECT_EQ(admin_main({"--data-dir", dir.path, "teams", "list"}, out, err, in, fake_env{}.lookup()), 0);
  EXPECT_NE(err.str().find("created a new master key"), std::string::npos) << err.str();
  EXPECT_TRUE(std::filesystem::exists(dir.file("master.key")));
  EXPECT_EQ(lines(out.str()).size(), 1u) << "only the header";
}

TEST(admin_cli_fresh, the_data_dir_defaults_to_the_environment) {
  temp_dir dir;
  fake_env env{{{"WORKOS_MCP_DATA_DIR", dir.path}}};
  std::ostringstream out, err;
  std::istringstream in;
  EXPECT_EQ(admin_main({"teams", "create", "--name", "Acme"}, out, err, in, env.lookup()), 0) << err.str();
  EXPECT_TRUE(std::filesystem::exists(dir.file("control.db")));
}

// ---- audit ----

constexpr std::int64_t day_ms = 24LL * 3600 * 1000;

std::int64_t utc_ms(std::chrono::year_month_day d, int hour = 0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::sys_days{d}.time_since_epoch()).count() +
         hour * 3600LL * 1000;
}

audit_event audit_at(const std::string& team, const std::string& email, const std::string& operation,
                     const std::string& decision, std::int64_t time_ms) {
  audit_event e;
  e.time_ms = time_ms;
  e.team_id = team;
  e.email = email;
  e.user_id = "user_" + email.substr(0, email.find('@'));
  e.environment_name = "Sandbox";
  e.tool = "mutate";
  e.operation = operation;
  e.arguments_digest = std::string(64, 'f');
  e.decision = decision;
  return e;
}

/// The "operation" of each JSON line, in order (and every line must be JSON).
std::vector<std::string> operations_of(const std::string& out) {
  std::vector<std::string> ops;
  for (const auto& l : lines(out)) {
    auto doc = mcp::json_doc::parse(l);
    EXPECT_TRUE(doc) << l;
    if (doc) ops.emplace_back(mcp::get_string(doc->root(), "operation").value_or("?"));
  }
  return ops;
}

struct admin_cli_audit : admin_cli {
  void SetUp() override {
    admin_cli::SetUp();
    using namespace std::chrono;
    auto log = audit_log::open(dir.path);
    ASSERT_TRUE(log->append({
        audit_at(team_id, "admin@example.com", "organizations.list", "allowed", utc_ms(2026y / March / 1, 10)),
        audit_at("team_other", "eve@other.example", "organizations.get", "allowed", utc_ms(2026y / March / 2, 9)),
        audit_at(team_id, "viewer@example.com", "organizations.delete", "refused", utc_ms(2026y / March / 2, 23)),
        audit_at(team_id, "admin@example.com", "connections.delete", "confirmed", utc_ms(2026y / March / 3, 0)),
    }));
  }
};

TEST_F(admin_cli_audit, export_prints_json_lines_oldest_first_for_every_team) {
  auto r = run({"audit", "export"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(operations_of(r.out), (std::vector<std::string>{"organizations.list", "organizations.get",
                                                            "organizations.delete", "connections.delete"}));
  auto doc = mcp::json_doc::parse(lines(r.out).front());
  ASSERT_TRUE(doc);
  EXPECT_EQ(mcp::get_string(doc->root(), "team_id"), team_id);
  EXPECT_EQ(mcp::get_string(doc->root(), "decision"), "allowed");
  EXPECT_EQ(mcp::get_int(doc->root(), "time_ms"), utc_ms(std::chrono::year_month_day{std::chrono::year{2026} / 3 / 1}, 10));
}

TEST_F(admin_cli_audit, export_filters) {
  auto ops = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"audit", "export"});
    auto r = run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return operations_of(r.out);
  };
  using v = std::vector<std::string>;
  EXPECT_EQ(ops({"--team", "Demo"}), (v{"organizations.list", "organizations.delete", "connections.delete"}));
  EXPECT_EQ(ops({"--team", team_id}).size(), 3u);
  EXPECT_EQ(ops({"--user", "ADMIN@example.com"}), (v{"organizations.list", "connections.delete"}));
  EXPECT_EQ(ops({"--user", "user_viewer"}), (v{"organizations.delete"}));
  EXPECT_EQ(ops({"--operation", "organizations."}),
            (v{"organizations.list", "organizations.get", "organizations.delete"}));
  EXPECT_EQ(ops({"--decision", "refused"}), (v{"organizations.delete"}));
  EXPECT_EQ(ops({"--environment", "sandbox"}).size(), 4u);
  EXPECT_TRUE(ops({"--environment", "production"}).empty());
  // A UTC day, --until included: 2 March from 00:00 to 23:59:59.999.
  EXPECT_EQ(ops({"--since", "2026-03-02", "--until", "2026-03-02"}), (v{"organizations.get", "organizations.delete"}));
  EXPECT_EQ(ops({"--since", "2026-03-03"}), (v{"connections.delete"}));
  EXPECT_EQ(ops({"--until", "2026-03-01"}), (v{"organizations.list"}));
  EXPECT_EQ(ops({"--team", "Demo", "--decision", "allowed", "--until", "2026-03-02"}), (v{"organizations.list"}));
}

TEST_F(admin_cli_audit, export_days_counts_back_from_now) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  ASSERT_TRUE(audit_log::open(dir.path)->append({audit_at(team_id, "admin@example.com", "recent.one", "allowed", now - day_ms / 2),
                                                 audit_at(team_id, "admin@example.com", "older.one", "allowed", now - 3 * day_ms)}));
  auto r = run({"audit", "export", "--days", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(operations_of(r.out), (std::vector<std::string>{"recent.one"}));
  auto week = run({"audit", "export", "--days", "7"});
  EXPECT_EQ(operations_of(week.out), (std::vector<std::string>{"older.one", "recent.one"})) << "by time, not arrival";
}

TEST_F(admin_cli_audit, export_usage_errors) {
  for (std::vector<std::string> bad : {
           std::vector<std::string>{"--decision", "maybe"},
           {"--since", "2026-3-1"},
           {"--since", "2026-02-30"},
           {"--until", "yesterday"},
           {"--days", "0"},
           {"--days", "ten"},
           {"--since", "2026-03-01", "--days", "3"},
           {"--since", "2026-03-02", "--until", "2026-03-01"},
           {"--colour", "blue"},
       }) {
    bad.insert(bad.begin(), {"audit", "export"});
    auto r = run(bad);
    EXPECT_EQ(r.code, 2) << bad[2] << " " << bad[3] << ": " << r.err;
    EXPECT_TRUE(r.out.empty());
  }
  auto unknown_team = run({"audit", "export", "--team", "Nope"});
  EXPECT_EQ(unknown_team.code, 1);
  EXPECT_NE(unknown_team.err.find("Nope"), std::string::npos);
}

TEST_F(admin_cli_audit, purge_deletes_by_age) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  ASSERT_TRUE(audit_log::open(dir.path)->append({audit_at(team_id, "admin@example.com", "recent.one", "allowed", now - day_ms)}));
  EXPECT_EQ(run({"audit", "purge"}).code, 2) << "--older-than-days is required";
  EXPECT_EQ(run({"audit", "purge", "--older-than-days", "0"}).code, 2);
  auto r = run({"audit", "purge", "--older-than-days", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("purged 4 audit event(s) older than 2 days"), std::string::npos) << r.out;
  EXPECT_EQ(operations_of(run({"audit", "export"}).out), (std::vector<std::string>{"recent.one"}));
  auto again = run({"audit", "purge", "--older-than-days", "2", "--json"});
  ASSERT_EQ(again.code, 0) << again.err;
  auto doc = mcp::json_doc::parse(again.out);
  ASSERT_TRUE(doc) << again.out;
  EXPECT_EQ(mcp::get_int(doc->root(), "purged"), 0);
}

TEST_F(admin_cli_audit, help_lists_the_audit_verbs) {
  auto help = run({"--help"});
  EXPECT_NE(help.out.find("audit export"), std::string::npos);
  EXPECT_NE(help.out.find("audit purge --older-than-days N"), std::string::npos);
}

TEST(admin_cli_fresh, audit_export_of_a_fresh_data_directory_is_empty) {
  temp_dir dir;
  std::ostringstream out, err;
  std::istringstream in;
  EXPECT_EQ(admin_main({"--data-dir", dir.path, "audit", "export"}, out, err, in, fake_env{}.lookup()), 0) << err.str();
  EXPECT_TRUE(out.str().empty());
  EXPECT_FALSE(std::filesystem::exists(dir.file("master.key"))) << "the audit log needs no master key";
}

}  // namespace
