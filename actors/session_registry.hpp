// actors/session_registry.hpp — every live session actor, found by its id.
//
// Implements mcp::session_directory for the transport. It is deliberately *not* an actor: it is
// consulted on every HTTP request from the I/O threads, and an actor in front of the session
// actors would add a thread hop (≈25 µs, see cpp-stack-notes.md) to every request. It is a
// sharded map under shared mutexes instead; the session actors themselves remove their entry
// when they end or expire. Ids are 128 bits from OpenSSL's CSPRNG, base64url (visible ASCII).
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "actors/session_actor.hpp"
#include "mcp/session_directory.hpp"

namespace actors {

class session_registry final : public mcp::session_directory,
                               public std::enable_shared_from_this<session_registry> {
 public:
  struct options {
    session_settings session;
    std::size_t max_sessions = 200000;
  };

  /// Use `make`: sessions keep a weak reference to the registry to remove themselves.
  static std::shared_ptr<session_registry> make(caf::actor_system& sys, std::shared_ptr<const mcp::registry> reg,
                                                options opts);

  std::optional<std::string> open(std::string owner) override;
  bool post(std::string_view id, std::string_view owner, mcp::message m, mcp::sink_ptr sink) override;
  bool post_batch(std::string_view id, std::string_view owner, std::vector<mcp::message> batch,
                  mcp::sink_ptr sink) override;
  bool post_other(std::string_view id, std::string_view owner, mcp::message m) override;
  bool listen(std::string_view id, std::string_view owner, std::optional<std::string> last_event_id,
              mcp::sink_ptr sink) override;
  bool terminate(std::string_view id, std::string_view owner) override;

  std::size_t size() const { return count_.load(std::memory_order_relaxed); }
  /// Ends every session (shutdown). Their streams are ended; ids become unknown.
  void terminate_all();

  session_registry(caf::actor_system& sys, std::shared_ptr<const mcp::registry> reg, options opts);

 private:
  struct entry {
    session_actor handle;
    std::string owner;
  };
  struct shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, entry> sessions;
  };
  static constexpr std::size_t shard_count = 16;

  shard& shard_for(std::string_view id);
  /// The session's handle if `id` exists and belongs to `owner`.
  std::optional<session_actor> find(std::string_view id, std::string_view owner);
  void forget(const std::string& id);

  caf::actor_system& sys_;
  std::shared_ptr<const mcp::registry> registry_;
  options opts_;
  std::array<shard, shard_count> shards_;
  std::atomic<std::size_t> count_{0};
};

/// 128 random bits from OpenSSL's CSPRNG as 22 base64url characters.
std::string make_session_id();

}  // namespace actors
