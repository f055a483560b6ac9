// actors/messages.hpp — the message types exchanged with session actors, in one place.
//
// Messages are structs, not atoms, so that a move to CAF 1.x (where atoms are types and every
// message type needs an id) is mechanical. They carry owned values and shared sinks, never
// references into a connection; they are local-only (never serialised), hence the explicit
// CAF_ALLOW_UNSAFE_MESSAGE_TYPE below.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>

#include "mcp/jsonrpc.hpp"
#include "mcp/outbound.hpp"

namespace actors {

/// A JSON-RPC request POSTed to the session; answered on `sink`.
struct post_request {
  mcp::message msg;
  mcp::sink_ptr sink;
};

/// A JSON-RPC batch (protocol 2025-03-26).
struct post_batch {
  std::vector<mcp::message> batch;
  mcp::sink_ptr sink;
};

/// A notification or a response from the client.
struct post_other {
  mcp::message msg;
};

/// A GET: the standalone stream, or a resumption after `last_event_id`.
struct listen_stream {
  std::optional<std::string> last_event_id;
  mcp::sink_ptr sink;
};

/// DELETE, or shutdown: end the session.
struct end_session {};

/// A timer the session engine asked for has fired.
struct timer_fired {
  std::uint64_t id = 0;
};

/// A function another thread wants run on the session's thread (tool_call::post).
struct run_posted {
  std::function<void()> fn;
};

/// Periodic check for idle expiry.
struct idle_tick {};

}  // namespace actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::post_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::post_batch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::post_other)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::listen_stream)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::end_session)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::timer_fired)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::idle_tick)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actors::run_posted)
