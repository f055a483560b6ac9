// tests/actors/policy_test.cpp — the policy actor keeps the control-plane snapshot current in the
// background, on CAF's deterministic test coordinator: a change committed elsewhere is built
// into a new snapshot when the actor's timer fires, before any call asks.
#include "actors/policy.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include "tests/control/fixtures.hpp"

namespace {

caf::actor_system_config& testing_config(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("logger.verbosity", caf::atom("quiet"));
  return cfg;
}

class policy_test : public ::testing::Test {
 protected:
  control_test::temp_dir dir;
  std::shared_ptr<control::store> db = control::store::open(control_test::options_for(dir));
  std::shared_ptr<control::live_snapshot> live = std::make_shared<control::live_snapshot>(db);
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  caf::scheduler::test_coordinator& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  std::shared_ptr<actors::policy> policy;

  void start() {
    actors::policy::options o;
    o.detached = false;
    policy = actors::policy::make(sys, live, o);
    sched.run();
  }

  ~policy_test() override {
    if (policy) policy->stop();
    policy.reset();
    do {
      sched.run();
    } while (sched.trigger_timeouts() > 0 || sched.has_job());
  }
};

TEST_F(policy_test, builds_the_first_snapshot_at_start_and_a_new_one_only_after_a_change) {
  auto team = db->create_team("Acme");
  ASSERT_TRUE(team);
  start();
  EXPECT_EQ(live->builds(), 1u) << "built before any call";

  sched.trigger_timeouts();
  sched.run();
  EXPECT_EQ(live->builds(), 1u) << "nothing changed: the timer fires and nothing is rebuilt";

  auto cli = control::store::open(control_test::options_for(dir));  // another connection, as the CLI
  ASSERT_TRUE(cli->set_switch(team->id, control::team_switch::mcp_enabled, false));
  EXPECT_EQ(live->builds(), 1u);
  sched.trigger_timeouts();
  sched.run();
  EXPECT_EQ(live->builds(), 2u) << "the change is built in the background";
  auto s = live->current();
  ASSERT_TRUE(s);
  EXPECT_EQ(live->builds(), 2u) << "and the next call pays nothing for it";
  (void)s;
}

TEST_F(policy_test, stop_ends_the_refresh) {
  start();
  policy->stop();
  sched.run();
  auto cli = control::store::open(control_test::options_for(dir));
  ASSERT_TRUE(cli->create_team("Later"));
  sched.trigger_timeouts();
  sched.run();
  EXPECT_EQ(live->builds(), 1u) << "a stopped actor rebuilds nothing";
}

}  // namespace
