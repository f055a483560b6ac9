// actors/session_actor.hpp — the typed interface of one MCP session actor.
//
// One actor per MCP session. It owns an mcp::session (negotiated version, client capabilities,
// log level, streams, in-flight requests, pending server→client requests) and serialises every
// event of the session on one thread without locks: HTTP requests arrive as messages from
// I/O threads (which never wait for an answer), timers are delayed messages to itself.
// It expires itself after `idle_timeout` without traffic when nothing is in flight and no
// stream is attached, and then tells `on_gone` so the registry forgets its id.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/messages.hpp"
#include "mcp/registry.hpp"
#include "mcp/session.hpp"

namespace actors {

using session_actor = caf::typed_actor<
    caf::reacts_to<post_request>,   // a request; the answer goes to its sink
    caf::reacts_to<post_batch>,     // a 2025-03-26 batch
    caf::reacts_to<post_other>,     // a notification or a response from the client
    caf::reacts_to<listen_stream>,  // a GET stream, new or resumed
    caf::reacts_to<end_session>,    // DELETE or shutdown: close streams, stop
    caf::reacts_to<timer_fired>,    // internal: a timer of the session engine
    caf::reacts_to<idle_tick>,      // internal: idle-expiry check
    caf::reacts_to<run_posted>>;    // internal: tool_call::post from another thread

struct session_settings {
  mcp::session_options protocol;
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(30)};
  /// How often an idle session checks whether it expired.
  std::chrono::milliseconds idle_check_interval{std::chrono::seconds(30)};
};

/// Spawns a session actor. `on_gone` is called once, from the actor, when it expires or ends.
session_actor spawn_session(caf::actor_system& sys, std::shared_ptr<const mcp::registry> reg,
                            session_settings settings, std::function<void()> on_gone);

}  // namespace actors
