// actors/session_actor.cpp — the session actor: an mcp::session driven by CAF messages.
#include "actors/session_actor.hpp"

#include <unordered_map>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>

namespace actors {

namespace {

struct session_state : mcp::session_host {
  session_actor::pointer self = nullptr;
  std::unique_ptr<mcp::session> core;
  session_settings settings;
  std::function<void()> on_gone;
  std::unordered_map<std::uint64_t, std::function<void()>> timers;
  std::uint64_t next_timer = 1;
  caf::actor_clock::time_point last_activity;

  // Timers are delayed messages to ourselves, so the deterministic test scheduler fires them
  // when a test advances its clock. A fired timer whose entry is gone is ignored.
  void schedule(std::chrono::milliseconds delay, std::function<void()> fn) override {
    auto id = next_timer++;
    timers.emplace(id, std::move(fn));
    self->delayed_send(self, delay, timer_fired{id});
  }

  // Through the mailbox, the one thread-safe way in. A weak reference: a pending upstream call
  // must not keep a finished session actor alive; when it is gone the function is dropped.
  std::function<void(std::function<void()>)> poster() override {
    auto weak = caf::actor_cast<caf::weak_actor_ptr>(self);
    return [weak](std::function<void()> fn) {
      if (auto strong = caf::actor_cast<caf::strong_actor_ptr>(weak))
        caf::anon_send(caf::actor_cast<session_actor>(strong), run_posted{std::move(fn)});
    };
  }

  void touch() { last_activity = self->clock().now(); }

  void finish() {
    if (core) core->close();
    timers.clear();
    if (on_gone) std::exchange(on_gone, nullptr)();
    self->quit();
  }

  // `core` is destroyed before the timer table: handlers' closures may hold call handles.
  ~session_state() override {
    core.reset();
    timers.clear();
  }
};

using session_impl = session_actor::stateful_pointer<session_state>;

session_actor::behavior_type session_behavior(session_impl self, std::shared_ptr<const mcp::registry> reg,
                                              session_settings settings, std::function<void()> on_gone) {
  auto& st = self->state;
  st.self = self;
  st.settings = settings;
  st.on_gone = std::move(on_gone);
  st.core = std::make_unique<mcp::session>(std::move(reg), st, settings.protocol);
  st.touch();
  self->delayed_send(self, settings.idle_check_interval, idle_tick{});
  return {
      [self](post_request& m) {
        self->state.touch();
        self->state.core->on_request(std::move(m.msg), std::move(m.sink));
      },
      [self](post_batch& m) {
        self->state.touch();
        self->state.core->on_batch(std::move(m.batch), std::move(m.sink));
      },
      [self](post_other& m) {
        self->state.touch();
        if (m.msg.is_response()) self->state.core->on_response(m.msg);
        else self->state.core->on_notification(m.msg);
      },
      [self](listen_stream& m) {
        self->state.touch();
        self->state.core->on_listen(std::move(m.last_event_id), std::move(m.sink));
      },
      [self](end_session&) { self->state.finish(); },
      [self](timer_fired t) {
        auto& timers = self->state.timers;
        auto it = timers.find(t.id);
        if (it == timers.end()) return;
        auto fn = std::move(it->second);
        timers.erase(it);
        fn();
      },
      [](run_posted& m) { m.fn(); },
      [self](idle_tick) {
        auto& st = self->state;
        // Work in flight or an open stream keeps a session alive; so does recent traffic.
        if (!st.core->quiescent()) st.touch();
        if (self->clock().now() - st.last_activity >= st.settings.idle_timeout) {
          st.finish();
          return;
        }
        self->delayed_send(self, st.settings.idle_check_interval, idle_tick{});
      },
  };
}

}  // namespace

session_actor spawn_session(caf::actor_system& sys, std::shared_ptr<const mcp::registry> reg,
                            session_settings settings, std::function<void()> on_gone) {
  return sys.spawn(session_behavior, std::move(reg), settings, std::move(on_gone));
}

}  // namespace actors
