// Tests for control/audit_log.hpp: append in one transaction, the team-scoped query with every
// filter and paging, JSON lines export, purge by age, capped fields, reopen.
#include "control/audit_log.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <sys/stat.h>

#include "mcp/json.hpp"
#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::raw_sql;
using control_test::temp_dir;
using control_test::where;

constexpr std::int64_t day_ms = 24LL * 3600 * 1000;
constexpr std::int64_t t0 = 1'780'000'000'000;  // a fixed instant: the tests never read the clock

audit_event event(std::string team, std::string email, std::string operation, std::string decision,
                  std::int64_t time_ms) {
  audit_event e;
  e.time_ms = time_ms;
  e.team_id = std::move(team);
  e.email = std::move(email);
  e.user_id = "user_" + e.email.substr(0, e.email.find('@'));
  e.client_id = "https://client.example/metadata.json";
  e.session_id = "sess_1";
  e.environment_id = "env_sandbox";
  e.environment_name = "Sandbox";
  e.tool = operation.empty() ? "use_environment" : "mutate";
  e.operation = std::move(operation);
  e.arguments_digest = std::string(64, 'a');
  e.decision = std::move(decision);
  e.rule = e.decision == "refused" ? "role.viewer_cannot_write" : "";
  e.upstream_status = e.decision == "allowed" ? 200 : 0;
  e.upstream_request_id = e.upstream_status ? "req_1" : "";
  e.latency_us = 1234;
  return e;
}

std::vector<std::string> emails_of(const std::vector<audit_row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.email + "/" + r.operation);
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

struct audit_log_test : ::testing::Test {
  temp_dir dir;
  std::unique_ptr<audit_log> log = audit_log::open(dir.path);

  // Team A: ann (allowed, refused), bob (confirmation, confirmed); team B: cy. One day apart.
  void seed() {
    ASSERT_TRUE(log->append({
        event("team_A", "ann@a.example", "organizations.list", "allowed", t0),
        event("team_A", "ann@a.example", "organizations.delete", "refused", t0 + day_ms),
        event("team_B", "cy@b.example", "organizations.delete", "allowed", t0 + 2 * day_ms),
        event("team_A", "bob@a.example", "connections.delete", "confirmation_issued", t0 + 3 * day_ms),
        event("team_A", "bob@a.example", "connections.delete", "confirmed", t0 + 4 * day_ms),
    }));
  }
  std::vector<std::string> query(audit_filter f) {
    auto r = log->query(f);
    EXPECT_TRUE(r) << r.error().message;
    return r ? emails_of(*r) : std::vector<std::string>{};
  }
};

TEST_F(audit_log_test, append_and_read_back_every_field) {
  auto e = event("team_A", "ann@a.example", "organizations.delete", "refused", t0);
  e.upstream_status = 409;
  e.upstream_request_id = "req_abc";
  e.latency_us = 98765;
  ASSERT_TRUE(log->append({e}));
  auto rows = log->query(where().team("team_A"));
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  const auto& r = rows->front();
  EXPECT_GT(r.id, 0);
  EXPECT_EQ(r.time_ms, t0);
  EXPECT_EQ(r.team_id, "team_A");
  EXPECT_EQ(r.user_id, "user_ann");
  EXPECT_EQ(r.email, "ann@a.example");
  EXPECT_EQ(r.client_id, e.client_id);
  EXPECT_EQ(r.session_id, "sess_1");
  EXPECT_EQ(r.environment_id, "env_sandbox");
  EXPECT_EQ(r.environment_name, "Sandbox");
  EXPECT_EQ(r.tool, "mutate");
  EXPECT_EQ(r.operation, "organizations.delete");
  EXPECT_EQ(r.arguments_digest, std::string(64, 'a'));
  EXPECT_EQ(r.decision, "refused");
  EXPECT_EQ(r.rule, "role.viewer_cannot_write");
  EXPECT_EQ(r.upstream_status, 409);
  EXPECT_EQ(r.upstream_request_id, "req_abc");
  EXPECT_EQ(r.latency_us, 98765);
}

TEST_F(audit_log_test, the_database_is_private_and_survives_a_reopen) {
  seed();
  struct stat st {};
  ASSERT_EQ(::stat(dir.file(audit_database_file_name).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  log.reset();
  log = audit_log::open(dir.path);
  EXPECT_EQ(query(where().team("team_A")).size(), 4u);
}

TEST_F(audit_log_test, open_fails_with_a_message_for_a_person) {
  auto file = dir.file("not-a-dir");
  std::ofstream(file) << "x";  // a data directory that is a file is unusable
  try {
    audit_log::open(file);
    FAIL() << "opened a data directory that is a file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string{e.what()}.find("not-a-dir"), std::string::npos) << e.what();
  }
}

TEST_F(audit_log_test, a_batch_is_all_or_nothing) {
  // A trigger refuses the second row: the first must not stay behind.
  raw_sql(dir.file(audit_database_file_name),
          "CREATE TRIGGER refuse_bob BEFORE INSERT ON audit WHEN NEW.email = 'bob@a.example' "
          "BEGIN SELECT RAISE(ABORT, 'injected'); END;");
  auto r = log->append({event("team_A", "ann@a.example", "x", "allowed", t0),
                        event("team_A", "bob@a.example", "x", "allowed", t0)});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::io);
  EXPECT_TRUE(query(where().team("team_A")).empty());
  // The connection is usable afterwards (the transaction was rolled back, not left open).
  EXPECT_TRUE(log->append({event("team_A", "ann@a.example", "x", "allowed", t0)}));
  EXPECT_EQ(query(where().team("team_A")).size(), 1u);
}

TEST_F(audit_log_test, query_sees_one_team_only_newest_first) {
  seed();
  EXPECT_EQ(query(where().team("team_A")),
            (std::vector<std::string>{"bob@a.example/connections.delete", "bob@a.example/connections.delete",
                                      "ann@a.example/organizations.delete", "ann@a.example/organizations.list"}));
  EXPECT_EQ(query(where().team("team_B")), (std::vector<std::string>{"cy@b.example/organizations.delete"}));
  EXPECT_TRUE(query(where().team("team_C")).empty());
  auto no_team = log->query({});
  ASSERT_FALSE(no_team);
  EXPECT_EQ(no_team.error().code, errc::invalid_argument);
}

TEST_F(audit_log_test, query_filters) {
  seed();
  // user: by email (any case) or by user id
  EXPECT_EQ(query(where().team("team_A").user_is("ANN@a.example")).size(), 2u);
  EXPECT_EQ(query(where().team("team_A").user_is("user_bob")).size(), 2u);
  EXPECT_TRUE(query(where().team("team_A").user_is("cy@b.example")).empty()) << "another team's member";
  // operation: a prefix, where '%' and '_' mean themselves
  EXPECT_EQ(query(where().team("team_A").operation_starts("organizations.")).size(), 2u);
  EXPECT_EQ(query(where().team("team_A").operation_starts("connections.delete")).size(), 2u);
  EXPECT_TRUE(query(where().team("team_A").operation_starts("%")).empty());
  EXPECT_TRUE(query(where().team("team_A").operation_starts("organizations_")).empty());
  // decision: exact
  EXPECT_EQ(query(where().team("team_A").decision_is("refused")),
            (std::vector<std::string>{"ann@a.example/organizations.delete"}));
  EXPECT_TRUE(query(where().team("team_A").decision_is("confirm")).empty());
  // environment: by name, any case
  EXPECT_EQ(query(where().team("team_A").environment_is("sandbox")).size(), 4u);
  EXPECT_TRUE(query(where().team("team_A").environment_is("Production")).empty());
  // time: since inclusive, until exclusive
  EXPECT_EQ(query(where().team("team_A").since(t0 + day_ms).until(t0 + 4 * day_ms)),
            (std::vector<std::string>{"bob@a.example/connections.delete", "ann@a.example/organizations.delete"}));
  // filters combine
  EXPECT_EQ(query(where().team("team_A").user_is("bob@a.example").decision_is("confirmed")).size(), 1u);
}

TEST_F(audit_log_test, paging_by_id_with_a_capped_limit) {
  std::vector<audit_event> batch;
  for (int i = 0; i < 1205; ++i) batch.push_back(event("team_A", "ann@a.example", "op." + std::to_string(i), "allowed", t0 + i));
  ASSERT_TRUE(log->append(batch));

  auto first = log->query(where().team("team_A").at_most(3));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ((*first)[0].operation, "op.1204");
  EXPECT_EQ((*first)[2].operation, "op.1202");
  auto next = log->query(where().team("team_A").before(first->back().id).at_most(2));
  ASSERT_TRUE(next);
  ASSERT_EQ(next->size(), 2u);
  EXPECT_EQ((*next)[0].operation, "op.1201");
  EXPECT_EQ((*next)[1].operation, "op.1200");

  auto all = log->query(where().team("team_A").at_most(5000));
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), audit_log::max_query_limit);
  auto by_default = log->query(where().team("team_A").at_most(0));
  ASSERT_TRUE(by_default);
  EXPECT_EQ(by_default->size(), 100u);
}

TEST_F(audit_log_test, export_is_every_matching_row_oldest_first_as_json_lines) {
  seed();
  std::ostringstream all;
  ASSERT_TRUE(log->export_jsonl(where().at_most(1), all)) << "team may be empty; limit does not apply";
  auto out = lines(all.str());
  ASSERT_EQ(out.size(), 5u);
  std::vector<std::string> teams;
  for (const auto& l : out) {
    auto doc = mcp::json_doc::parse(l);
    ASSERT_TRUE(doc) << l;
    auto root = doc->root();
    for (auto field : {"id", "time_ms", "team_id", "user_id", "email", "client_id", "session_id", "environment_id",
                       "environment_name", "tool", "operation", "arguments_digest", "decision", "rule",
                       "upstream_status", "upstream_request_id", "latency_us"})
      EXPECT_FALSE(root[field].error()) << "missing " << field << " in " << l;
    teams.emplace_back(std::string_view(root["team_id"].get_string().value()));
  }
  EXPECT_EQ(teams, (std::vector<std::string>{"team_A", "team_A", "team_B", "team_A", "team_A"}));
  auto first = mcp::json_doc::parse(out.front());
  EXPECT_EQ(std::string_view(first->root()["operation"].get_string().value()), "organizations.list");
  EXPECT_EQ(int64_t(first->root()["time_ms"].get_int64().value()), t0);
  EXPECT_EQ(int64_t(first->root()["upstream_status"].get_int64().value()), 200);

  std::ostringstream team_b;
  ASSERT_TRUE(log->export_jsonl(where().team("team_B"), team_b));
  EXPECT_EQ(lines(team_b.str()).size(), 1u);
  std::ostringstream refused;
  ASSERT_TRUE(log->export_jsonl(where().decision_is("refused"), refused));
  EXPECT_EQ(lines(refused.str()).size(), 1u);
}

TEST_F(audit_log_test, export_orders_by_the_time_of_the_call_query_by_arrival) {
  // Batches arrive in the order calls finish, not the order they started.
  ASSERT_TRUE(log->append({event("team_A", "ann@a.example", "late.start", "allowed", t0 + 5),
                           event("team_A", "ann@a.example", "early.start", "allowed", t0 + 1)}));
  for (std::string team : {"team_A", ""}) {
    std::ostringstream out;
    ASSERT_TRUE(log->export_jsonl(where().team(team), out));
    auto l = lines(out.str());
    ASSERT_EQ(l.size(), 2u) << "team '" << team << "'";
    EXPECT_NE(l[0].find("early.start"), std::string::npos) << l[0];
    EXPECT_NE(l[1].find("late.start"), std::string::npos) << l[1];
  }
  EXPECT_EQ(query(where().team("team_A")),
            (std::vector<std::string>{"ann@a.example/early.start", "ann@a.example/late.start"}))
      << "newest first by arrival (id): what paging by before_id needs";
}

TEST_F(audit_log_test, purge_deletes_only_rows_older_than_the_cutoff) {
  seed();
  auto n = log->purge_older_than(t0 + 2 * day_ms);
  ASSERT_TRUE(n) << n.error().message;
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(query(where().team("team_A")).size(), 2u);
  EXPECT_EQ(query(where().team("team_B")).size(), 1u) << "the row at the cutoff stays";
  auto again = log->purge_older_than(t0 + 2 * day_ms);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_F(audit_log_test, purge_works_through_more_than_one_chunk) {
  std::vector<audit_event> batch(25'001, event("team_A", "ann@a.example", "x", "allowed", t0));
  batch.back().time_ms = t0 + day_ms;
  ASSERT_TRUE(log->append(batch));
  auto n = log->purge_older_than(t0 + 1);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 25'000);
  EXPECT_EQ(query(where().team("team_A")).size(), 1u);
}

TEST_F(audit_log_test, ids_are_not_reused_after_a_purge_empties_the_table) {
  seed();
  auto before = log->query(where().team("team_A").at_most(1));
  ASSERT_TRUE(before && !before->empty());
  ASSERT_TRUE(log->purge_older_than(t0 + 10 * day_ms));
  ASSERT_TRUE(log->append({event("team_A", "ann@a.example", "x", "allowed", t0)}));
  auto after = log->query(where().team("team_A"));
  ASSERT_TRUE(after && after->size() == 1u);
  EXPECT_GT(after->front().id, before->front().id);
}

TEST_F(audit_log_test, hostile_strings_are_capped_at_a_character_boundary) {
  auto e = event("team_A", "ann@a.example", std::string(1 << 20, 'o'), "allowed", t0);
  // 511 ASCII bytes then a 3-byte character across the 512-byte limit: the character goes whole.
  e.client_id = std::string(511, 'c') + "\xE2\x82\xAC" + "tail";
  e.rule = "short";
  ASSERT_TRUE(log->append({e}));
  auto rows = log->query(where().team("team_A"));
  ASSERT_TRUE(rows && rows->size() == 1u);
  EXPECT_EQ(rows->front().operation.size(), audit_log::max_field_bytes);
  EXPECT_EQ(rows->front().client_id, std::string(511, 'c'));
  EXPECT_EQ(rows->front().rule, "short");
  EXPECT_LT(control_test::slurp(dir.file(audit_database_file_name)).size() +
                control_test::slurp(dir.file(std::string{audit_database_file_name} + "-wal")).size(),
            256u * 1024u)
      << "a megabyte value must not reach the disk";
}

TEST_F(audit_log_test, json_escapes_what_a_client_sends) {
  audit_row r;
  r.id = 7;
  r.client_id = "evil\"},\n{\"x\":1";
  auto line = audit_log::to_json(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto doc = mcp::json_doc::parse(line);
  ASSERT_TRUE(doc);
  EXPECT_EQ(std::string_view(doc->root()["client_id"].get_string().value()), r.client_id);
}

}  // namespace
