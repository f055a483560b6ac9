// mcp/session_directory.hpp — where sessions live, as the transport sees them.
//
// The Streamable HTTP endpoint (transport/) knows sessions only through this interface; the
// actor-based implementation is actors::session_registry. Every call is non-blocking: it finds
// the session and hands the work over (answers come back through the sink), so the transport
// can call it from an I/O thread. `owner` binds a session to the person who opened it: a
// request that presents someone else's session id is treated as if the id did not exist.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/jsonrpc.hpp"
#include "mcp/outbound.hpp"

namespace mcp {

class session_directory {
 public:
  virtual ~session_directory() = default;

  /// Opens a session for `owner`; its id (CSPRNG, visible ASCII), or nullopt when at capacity.
  virtual std::optional<std::string> open(std::string owner) = 0;

  /// The calls below return false, and do nothing, when `id` is unknown, terminated or
  /// belongs to another owner.
  virtual bool post(std::string_view id, std::string_view owner, message m, sink_ptr sink) = 0;
  virtual bool post_batch(std::string_view id, std::string_view owner, std::vector<message> batch, sink_ptr sink) = 0;
  /// A notification or a response: no sink, the transport answers 202.
  virtual bool post_other(std::string_view id, std::string_view owner, message m) = 0;
  virtual bool listen(std::string_view id, std::string_view owner, std::optional<std::string> last_event_id,
                      sink_ptr sink) = 0;
  virtual bool terminate(std::string_view id, std::string_view owner) = 0;
};

}  // namespace mcp
