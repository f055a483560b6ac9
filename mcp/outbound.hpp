// mcp/outbound.hpp — where a session's messages go: a sink per open HTTP exchange.
//
// A session writes JSON-RPC messages onto *streams* (one per POSTed request, plus the standalone
// GET stream). A stream outlives HTTP connections: it has event ids and a bounded replay buffer
// (see session.hpp). While an HTTP exchange carries the stream, the stream holds that
// exchange's `outbound_sink`; the transport implements it (transport/streamable_http.cpp) and
// decides the framing: a first delivery that is the priming event plus exactly one message and
// `last` may go out as a plain `application/json` body, anything else becomes SSE.
//
// Threading: the session calls a sink on its own thread; implementations must not block and
// must hand the bytes to their connection's thread themselves.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace mcp {

struct outbound_event {
  std::string id;    ///< SSE event id, unique within the session; encodes the stream
  std::string data;  ///< one JSON-RPC message; empty for the priming event
};

class outbound_sink {
 public:
  virtual ~outbound_sink() = default;
  /// Delivers events in order; `last` ends the HTTP exchange after them.
  virtual void deliver(std::vector<outbound_event> events, bool last) = 0;
  /// Refuses the exchange before anything was delivered (e.g. 409 for a second GET stream).
  virtual void reject(unsigned http_status, std::string message) = 0;
  /// True once the HTTP peer is gone: the session then keeps events for replay instead.
  virtual bool closed() const = 0;
};

using sink_ptr = std::shared_ptr<outbound_sink>;

}  // namespace mcp
