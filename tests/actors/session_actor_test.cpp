// Tests for actors/: session actors and the registry on CAF's deterministic test coordinator.
// No sleeps: messages run when the test says so, and time moves only by advance_time().
#include "actors/session_registry.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <set>
#include <thread>

namespace {

using namespace std::chrono_literals;

struct recording_sink : mcp::outbound_sink {
  std::vector<std::string> messages;
  bool ended = false;
  unsigned rejected = 0;
  void deliver(std::vector<mcp::outbound_event> events, bool last) override {
    for (auto& e : events)
      if (!e.data.empty()) messages.push_back(std::move(e.data));
    ended = ended || last;
  }
  void reject(unsigned status, std::string) override { rejected = status; }
  bool closed() const override { return ended; }
};

mcp::message parse(std::string_view json) { return mcp::decode(json)->messages.front(); }

caf::actor_system_config& testing_config(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("logger.verbosity", caf::atom("quiet"));
  return cfg;
}

class actors_test : public ::testing::Test {
 protected:
  caf::actor_system_config cfg;
  caf::actor_system sys{testing_config(cfg)};
  caf::scheduler::test_coordinator& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  std::shared_ptr<actors::session_registry> registry;
  std::shared_ptr<mcp::tool_call> parked;  // the "elsewhere" tool's call

  actors_test() {
    auto reg = std::make_shared<mcp::registry>();
    mcp::tool wait;
    wait.name = "wait";
    wait.description = "answers after 20 minutes";
    wait.handler = [](std::shared_ptr<mcp::tool_call> c) {
      c->after(20min, [c] { c->finish(mcp::tool_result::text("waited")); });
    };
    reg->add(wait);
    mcp::tool whose;
    whose.name = "whose";
    whose.description = "answers with the owner the call acts for";
    whose.handler = [](std::shared_ptr<mcp::tool_call> c) { c->finish(mcp::tool_result::text("owner=" + std::string{c->owner()})); };
    reg->add(whose);
    // Finishes from another thread, the way an upstream reply arrives: through tool_call::post.
    mcp::tool elsewhere;
    elsewhere.name = "elsewhere";
    elsewhere.description = "answers from a foreign thread via post";
    // The handler only parks its call; the test then posts from a thread of its own while the
    // (single-threaded, unsynchronised) test scheduler is idle.
    elsewhere.handler = [this](std::shared_ptr<mcp::tool_call> c) { parked = std::move(c); };
    reg->add(elsewhere);
    reg->freeze();
    actors::session_registry::options opts;
    opts.session.idle_timeout = 10min;
    opts.session.idle_check_interval = 1min;
    opts.max_sessions = 3;
    registry = actors::session_registry::make(sys, reg, opts);
  }

  ~actors_test() override {
    registry->terminate_all();
    // Drain everything, firing timers, or the actor system's destructor waits forever.
    do {
      sched.run();
    } while (sched.trigger_timeouts() > 0 || sched.has_job());
  }

  std::string open_initialized(const std::string& owner = "alice") {
    auto id = registry->open(owner);
    EXPECT_TRUE(id.has_value());
    auto sink = std::make_shared<recording_sink>();
    EXPECT_TRUE(registry->post(*id, owner,
                               parse(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})"),
                               sink));
    sched.run();
    EXPECT_TRUE(sink->ended);
    EXPECT_TRUE(registry->post_other(*id, owner, parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})")));
    sched.run();
    return *id;
  }
};

TEST_F(actors_test, a_request_is_answered_through_its_sink_by_the_session_actor) {
  auto id = open_initialized();
  auto sink = std::make_shared<recording_sink>();
  ASSERT_TRUE(registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"), sink));
  EXPECT_TRUE(sink->messages.empty()) << "nothing happens until the actor runs";
  sched.run();
  ASSERT_EQ(sink->messages.size(), 1u);
  EXPECT_EQ(sink->messages[0], R"({"jsonrpc":"2.0","id":1,"result":{}})");
}

TEST_F(actors_test, session_timers_are_delayed_messages_on_the_virtual_clock) {
  auto id = open_initialized();
  auto sink = std::make_shared<recording_sink>();
  registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"wait"}})"), sink);
  sched.run();
  EXPECT_FALSE(sink->ended);
  sched.advance_time(20min);
  sched.run();
  ASSERT_TRUE(sink->ended);
  EXPECT_NE(sink->messages.back().find("waited"), std::string::npos);
}

TEST_F(actors_test, a_tool_finishes_from_another_thread_through_post_and_the_session_mailbox) {
  auto id = open_initialized();
  auto sink = std::make_shared<recording_sink>();
  registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"elsewhere"}})"), sink);
  sched.run();
  ASSERT_TRUE(parked);
  std::thread foreign([c = parked] {
    c->post([c] {
      c->session_state().get<int>() += 1;  // legal: back on the session's thread
      c->finish(mcp::tool_result::text("posted"));
    });
  });
  foreign.join();  // post() has enqueued; nothing ran yet: the mailbox is the only way in
  EXPECT_FALSE(sink->ended);
  sched.run();
  ASSERT_TRUE(sink->ended);
  EXPECT_NE(sink->messages.back().find("posted"), std::string::npos) << sink->messages.back();
}

TEST_F(actors_test, an_idle_session_expires_and_its_id_becomes_unknown) {
  auto id = open_initialized();
  for (int minute = 0; minute < 11; ++minute) {
    sched.advance_time(1min);
    sched.run();
  }
  EXPECT_EQ(registry->size(), 0u);
  auto sink = std::make_shared<recording_sink>();
  EXPECT_FALSE(registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"), sink));
}

TEST_F(actors_test, a_call_in_flight_keeps_its_session_alive) {
  auto id = open_initialized();
  auto sink = std::make_shared<recording_sink>();
  registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"wait"}})"), sink);
  sched.run();
  for (int minute = 0; minute < 15; ++minute) {
    sched.advance_time(1min);
    sched.run();
  }
  EXPECT_EQ(registry->size(), 1u) << "15 idle minutes passed, but a call was running";
  EXPECT_FALSE(sink->ended);
}

TEST_F(actors_test, terminate_forgets_at_once_and_ends_open_exchanges) {
  auto id = open_initialized();
  auto sink = std::make_shared<recording_sink>();
  registry->post(id, "alice", parse(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"wait"}})"), sink);
  sched.run();
  ASSERT_TRUE(registry->terminate(id, "alice"));
  EXPECT_FALSE(registry->post_other(id, "alice", parse(R"({"jsonrpc":"2.0","method":"x"})")))
      << "the id is unknown before the actor even ran";
  EXPECT_FALSE(registry->terminate(id, "alice"));
  sched.run();
  EXPECT_TRUE(sink->ended);
  sched.advance_time(20min);
  sched.run();
  for (const auto& m : sink->messages) EXPECT_EQ(m.find("waited"), std::string::npos);
}

TEST_F(actors_test, a_session_is_invisible_to_another_owner) {
  auto id = open_initialized("alice");
  auto sink = std::make_shared<recording_sink>();
  EXPECT_FALSE(registry->post(id, "mallory", parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"), sink));
  EXPECT_FALSE(registry->listen(id, "mallory", std::nullopt, sink));
  EXPECT_FALSE(registry->terminate(id, "mallory"));
  EXPECT_EQ(registry->size(), 1u);
}

TEST_F(actors_test, a_tool_acts_for_the_owner_its_session_was_opened_by) {
  auto alice = open_initialized("alice");
  auto bob = open_initialized("bob");
  for (auto [id, who] : {std::pair{alice, "alice"}, std::pair{bob, "bob"}}) {
    auto sink = std::make_shared<recording_sink>();
    ASSERT_TRUE(registry->post(id, who, parse(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"whose"}})"), sink));
    sched.run();
    ASSERT_EQ(sink->messages.size(), 1u);
    EXPECT_NE(sink->messages[0].find(std::string{"owner="} + who), std::string::npos) << sink->messages[0];
  }
}

TEST_F(actors_test, capacity_is_enforced) {
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(registry->open("alice").has_value());
  EXPECT_FALSE(registry->open("alice").has_value());
}

TEST(session_id, is_random_visible_ascii_of_128_bits) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = actors::make_session_id();
    ASSERT_EQ(id.size(), 22u);
    for (char c : id) ASSERT_TRUE(c >= 0x21 && c <= 0x7E);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
