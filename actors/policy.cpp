// actors/policy.cpp — the policy actor's background refresh (see policy.hpp).
#include "actors/policy.hpp"

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

namespace actors {

namespace {

struct policy_state {
  std::shared_ptr<control::live_snapshot> live;
  std::chrono::milliseconds interval{100};
  std::uint64_t generation = 0;
  bool failing = false;  // log a failing store once, not every interval
};

using policy_impl = policy_actor::stateful_pointer<policy_state>;

policy_actor::behavior_type policy_behavior(policy_impl self, std::shared_ptr<control::live_snapshot> live,
                                            std::chrono::milliseconds interval) {
  self->state.live = std::move(live);
  self->state.interval = interval;
  self->send(self, policy_refresh{++self->state.generation});
  return {
      [self](policy_refresh r) {
        auto& st = self->state;
        if (r.generation != st.generation) return;
        auto ok = st.live->refresh();
        if (!ok && !st.failing) spdlog::warn("policy: the control plane cannot be read: {}", ok.error().message);
        else if (ok && st.failing) spdlog::info("policy: the control plane can be read again");
        st.failing = !ok;
        self->delayed_send(self, st.interval, policy_refresh{++st.generation});
      },
  };
}

}  // namespace

std::shared_ptr<policy> policy::make(caf::actor_system& sys, std::shared_ptr<control::live_snapshot> state,
                                     options opts) {
  // Detached: a rebuild reads SQLite and must not hold a scheduler thread the sessions need.
  auto actor = opts.detached ? sys.spawn<caf::detached>(policy_behavior, state, opts.refresh_interval)
                             : sys.spawn(policy_behavior, state, opts.refresh_interval);
  return std::shared_ptr<policy>(new policy(std::move(state), std::move(actor)));
}

policy::policy(std::shared_ptr<control::live_snapshot> state, policy_actor actor)
    : state_(std::move(state)), actor_(std::move(actor)) {}

policy::~policy() { stop(); }

void policy::stop() {
  if (actor_) caf::anon_send_exit(actor_, caf::exit_reason::user_shutdown);
  actor_ = nullptr;
}

}  // namespace actors
