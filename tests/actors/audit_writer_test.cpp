// tests/actors/audit_writer_test.cpp — the audit writer on CAF's deterministic test coordinator
// (batching by size and by timer, flush on stop, retention purge, failure retry, the queue bound),
// against a real audit.db in a temporary directory; and once on real threads (many recorders,
// then stop: every event is in the database).
//
// Time moves only when the test says so (advance_time); appends are made to fail by a SQLite
// trigger installed behind the log's back, and succeed again when it is dropped.
#include "actors/audit_writer.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <set>
#include <sstream>
#include <thread>

#include "tests/control/fixtures.hpp"

namespace {

using namespace std::chrono_literals;
using actors::audit_writer;
using control::audit_event;
using control::audit_log;
using control_test::raw_sql;
using control_test::temp_dir;
using control_test::where;

constexpr std::int64_t day_ms = 24LL * 3600 * 1000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

audit_event event(int n, std::int64_t time_ms = now_ms()) {
  audit_event e;
  e.time_ms = time_ms;
  e.team_id = "team_A";
  e.user_id = "user_ann";
  e.email = "ann@a.example";
  e.session_id = "sess_1";
  e.tool = "query";
  e.operation = "op." + std::to_string(n);
  e.arguments_digest = std::string(64, '0');
  e.decision = "allowed";
  e.upstream_status = 200;
  return e;
}

caf::actor_system_config& testing_config(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("logger.verbosity", caf::atom("quiet"));
  return cfg;
}

/// The operations stored, oldest first ("op.0", "op.1", …).
std::vector<std::string> stored(audit_log& log) {
  auto rows = log.query(where().team("team_A").at_most(audit_log::max_query_limit));
  EXPECT_TRUE(rows) << rows.error().message;
  std::vector<std::string> out;
  if (rows)
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) out.push_back(it->operation);
  return out;
}

std::vector<std::string> ops(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back("op." + std::to_string(i));
  return out;
}

class audit_writer_test : public ::testing::Test {
 protected:
  temp_dir dir;
  std::shared_ptr<audit_log> log = audit_log::open(dir.path);
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  caf::scheduler::test_coordinator& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  std::shared_ptr<audit_writer> writer;

  static audit_writer::options options(std::size_t batch_size = 4) {
    audit_writer::options o;
    o.batch_size = batch_size;
    o.flush_interval = 200ms;
    o.detached = false;  // run on the test coordinator
    return o;
  }

  /// Makes the writer and lets the actor run its start-up purge.
  void start(audit_writer::options o) {
    writer = audit_writer::make(sys, log, o);
    sched.run();
  }

  void record(int from, int to) {
    for (int i = from; i < to; ++i) writer->record(event(i));
  }

  void break_appends() {
    raw_sql(dir.file(control::audit_database_file_name),
            "CREATE TRIGGER refuse_all BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  }
  void repair_appends() { raw_sql(dir.file(control::audit_database_file_name), "DROP TRIGGER refuse_all;"); }

  ~audit_writer_test() override {
    if (writer) writer->stop();
    writer.reset();
    // Drain everything, firing timers, or the actor system's destructor waits forever.
    do {
      sched.run();
    } while (sched.trigger_timeouts() > 0 || sched.has_job());
  }
};

TEST_F(audit_writer_test, writes_a_batch_when_it_is_full) {
  start(options(4));
  record(0, 3);
  sched.run();
  EXPECT_TRUE(stored(*log).empty()) << "three of four: nothing written yet";
  record(3, 4);
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 4));
  record(4, 7);
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 4)) << "the next batch is not full";
  record(7, 8);
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 8));
}

TEST_F(audit_writer_test, writes_what_waits_when_the_interval_passes) {
  start(options(100));
  record(0, 3);
  sched.run();
  EXPECT_EQ(sched.advance_time(199ms), 0u);
  sched.run();
  EXPECT_TRUE(stored(*log).empty());
  EXPECT_EQ(sched.advance_time(1ms), 1u) << "one timer for the three events";
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 3));
  // Idle now: no timer runs until the next event arms one.
  EXPECT_EQ(sched.advance_time(10s), 0u);
  record(3, 5);
  sched.run();
  EXPECT_EQ(sched.advance_time(200ms), 1u);
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 5));
}

TEST_F(audit_writer_test, stop_writes_everything_recorded_before_it) {
  start(options(100));
  record(0, 57);
  // Nothing has run: every event is still queued when stop() is called.
  writer->stop();
  EXPECT_EQ(stored(*log), ops(0, 57));
  writer->stop();  // idempotent
  writer->record(event(57));
  sched.run();
  sched.trigger_timeouts();
  sched.run();
  EXPECT_EQ(stored(*log).size(), 57u) << "a record after stop is ignored";
}

TEST_F(audit_writer_test, the_destructor_stops_and_writes) {
  start(options(100));
  record(0, 5);
  writer.reset();
  EXPECT_EQ(stored(*log), ops(0, 5));
}

TEST_F(audit_writer_test, purges_past_the_retention_at_start_and_then_daily) {
  auto now = now_ms();
  ASSERT_TRUE(log->append({event(0, now - 31 * day_ms), event(1, now - 29 * day_ms)}));
  auto o = options();
  o.retention_days = 30;
  start(o);
  EXPECT_EQ(stored(*log), (std::vector<std::string>{"op.1"})) << "purged at start";

  ASSERT_TRUE(log->append({event(2, now - 40 * day_ms)}));
  sched.advance_time(23h);
  sched.run();
  EXPECT_EQ(stored(*log), (std::vector<std::string>{"op.1", "op.2"})) << "not a day yet";
  sched.advance_time(1h);
  sched.run();
  EXPECT_EQ(stored(*log), (std::vector<std::string>{"op.1"})) << "purged a day later";
  ASSERT_TRUE(log->append({event(3, now - 40 * day_ms)}));
  sched.advance_time(24h);
  sched.run();
  EXPECT_EQ(stored(*log), (std::vector<std::string>{"op.1"})) << "and every day after";
}

TEST_F(audit_writer_test, a_failed_append_is_retried_in_order_at_the_next_interval) {
  start(options(2));
  break_appends();
  record(0, 2);
  sched.run();
  EXPECT_TRUE(stored(*log).empty());
  record(2, 3);
  sched.run();
  // Still failing at the next tick: the events stay queued, and the timer keeps coming back.
  EXPECT_EQ(sched.advance_time(200ms), 1u);
  sched.run();
  EXPECT_TRUE(stored(*log).empty());
  repair_appends();
  EXPECT_EQ(sched.advance_time(200ms), 1u) << "re-armed while events wait";
  sched.run();
  EXPECT_EQ(stored(*log), ops(0, 3));
  EXPECT_EQ(sched.advance_time(200ms), 0u) << "and off again once the queue is empty";
}

TEST_F(audit_writer_test, the_queue_is_bounded_and_drops_the_oldest) {
  auto o = options(2);
  o.max_queued = 4;
  start(o);
  break_appends();
  record(0, 2);
  sched.run();  // fails: both go back to the queue
  record(2, 7);  // 7 events for 4 places: op.0 … op.2 are dropped
  sched.run();
  repair_appends();
  writer->stop();
  EXPECT_EQ(stored(*log), ops(3, 7));
}

TEST_F(audit_writer_test, stop_returns_when_the_database_keeps_failing) {
  start(options(100));
  break_appends();
  record(0, 3);
  writer->stop();  // logs the loss; must not hang or throw
  repair_appends();
  EXPECT_TRUE(stored(*log).empty());
}

TEST_F(audit_writer_test, make_refuses_unusable_options) {
  auto o = options();
  EXPECT_THROW(audit_writer::make(sys, nullptr, o), std::invalid_argument);
  o.batch_size = 0;
  EXPECT_THROW(audit_writer::make(sys, log, o), std::invalid_argument);
  o = options();
  o.flush_interval = 0ms;
  EXPECT_THROW(audit_writer::make(sys, log, o), std::invalid_argument);
  o = options();
  o.retention_days = 0;
  EXPECT_THROW(audit_writer::make(sys, log, o), std::invalid_argument);
  o = options(8);
  o.max_queued = 7;
  EXPECT_THROW(audit_writer::make(sys, log, o), std::invalid_argument);
}

/// Eight threads record at once against a detached writer on real threads; stop() must leave
/// every event in the database, each exactly once.
TEST(audit_writer_live, many_threads_record_then_stop_and_all_events_are_written) {
  temp_dir dir;
  std::shared_ptr<audit_log> log = audit_log::open(dir.path);
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 2);
  cfg.set("logger.verbosity", caf::atom("quiet"));
  caf::actor_system sys{cfg};
  audit_writer::options o;
  o.batch_size = 64;
  o.flush_interval = 5ms;
  auto writer = audit_writer::make(sys, log, o);

  constexpr int threads = 8, per_thread = 500;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) writer->record(event(t * per_thread + i));
    });
  for (auto& th : pool) th.join();
  writer->stop();

  std::ostringstream out;
  ASSERT_TRUE(log->export_jsonl(where().team("team_A"), out));
  std::set<std::string> seen;
  std::size_t lines = 0;
  std::istringstream in(out.str());
  for (std::string l; std::getline(in, l); ++lines) {
    auto at = l.find("\"operation\":\"");
    ASSERT_NE(at, std::string::npos) << l;
    seen.insert(l.substr(at, l.find('"', at + 13) - at));
  }
  EXPECT_EQ(lines, std::size_t{threads * per_thread});
  EXPECT_EQ(seen.size(), std::size_t{threads * per_thread}) << "each event exactly once";
}

}  // namespace
