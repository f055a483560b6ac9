// actors/policy.hpp — the policy actor: keeps the control-plane snapshot the pure policy
// functions (policy/decision.hpp) decide on current, in the background.
//
// Every call already gets a current snapshot from control::live_snapshot (it checks the store's
// version and rebuilds when it moved on), so correctness does not depend on this actor. What it
// buys is latency: a change made by the admin CLI in another process (or the admin page) is
// picked up within `refresh_interval` on this actor's thread, so the next tool call finds the
// new snapshot built and pays one version check, not a rebuild of the whole control plane.
//
// Tools read the snapshot through `state()` on their own thread: no message hop on the request
// path, only immutable values shared.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/typed_actor.hpp>

#include "control/snapshot.hpp"

namespace actors {

/// Timer: look at the store again; ignored unless `generation` is the latest scheduled one.
struct policy_refresh {
  std::uint64_t generation = 0;
};

using policy_actor = caf::typed_actor<caf::reacts_to<policy_refresh>>;

class policy {
 public:
  struct options {
    std::chrono::milliseconds refresh_interval{100};
    /// Own thread (production). Tests turn it off to run the actor on the test coordinator.
    bool detached = true;
  };

  static std::shared_ptr<policy> make(caf::actor_system& sys, std::shared_ptr<control::live_snapshot> state,
                                      options opts);
  static std::shared_ptr<policy> make(caf::actor_system& sys, std::shared_ptr<control::live_snapshot> state) {
    return make(sys, std::move(state), options{});
  }
  ~policy();
  policy(const policy&) = delete;
  policy& operator=(const policy&) = delete;

  /// The live control-plane state every call decides on.
  const std::shared_ptr<control::live_snapshot>& state() const { return state_; }
  /// Stops the background refresh (idempotent).
  void stop();

 private:
  policy(std::shared_ptr<control::live_snapshot> state, policy_actor actor);
  std::shared_ptr<control::live_snapshot> state_;
  policy_actor actor_;
};

}  // namespace actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::policy_refresh)
