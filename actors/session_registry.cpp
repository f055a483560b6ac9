// actors/session_registry.cpp — the sharded session map and the session id generator.
#include "actors/session_registry.hpp"

#include <functional>
#include <mutex>
#include <stdexcept>

#include <caf/actor_system.hpp>
#include <caf/send.hpp>
#include <openssl/rand.h>

namespace actors {

std::string make_session_id() {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("CSPRNG failure");  // unrecoverable
  std::string id;
  id.reserve(22);
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      id.push_back(alphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) id.push_back(alphabet[(acc << (6 - bits)) & 0x3F]);
  return id;
}

session_registry::session_registry(caf::actor_system& sys, std::shared_ptr<const mcp::registry> reg, options opts)
    : sys_(sys), registry_(std::move(reg)), opts_(opts) {}

std::shared_ptr<session_registry> session_registry::make(caf::actor_system& sys,
                                                         std::shared_ptr<const mcp::registry> reg, options opts) {
  return std::make_shared<session_registry>(sys, std::move(reg), opts);
}

session_registry::shard& session_registry::shard_for(std::string_view id) {
  return shards_[std::hash<std::string_view>{}(id) % shard_count];
}

std::optional<std::string> session_registry::open(std::string owner) {
  if (count_.load(std::memory_order_relaxed) >= opts_.max_sessions) return std::nullopt;
  auto id = make_session_id();
  std::weak_ptr<session_registry> weak = weak_from_this();
  auto settings = opts_.session;
  settings.protocol.owner = owner;
  settings.protocol.id = id;
  auto handle = spawn_session(sys_, registry_, std::move(settings), [weak, id] {
    if (auto self = weak.lock()) self->forget(id);
  });
  auto& s = shard_for(id);
  {
    std::unique_lock lock(s.mutex);
    s.sessions.emplace(id, entry{std::move(handle), std::move(owner)});
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  return id;
}

void session_registry::forget(const std::string& id) {
  auto& s = shard_for(id);
  std::unique_lock lock(s.mutex);
  if (s.sessions.erase(id) > 0) count_.fetch_sub(1, std::memory_order_relaxed);
}

std::optional<session_actor> session_registry::find(std::string_view id, std::string_view owner) {
  auto& s = shard_for(id);
  std::shared_lock lock(s.mutex);
  auto it = s.sessions.find(std::string{id});
  if (it == s.sessions.end() || it->second.owner != owner) return std::nullopt;
  return it->second.handle;
}

bool session_registry::post(std::string_view id, std::string_view owner, mcp::message m, mcp::sink_ptr sink) {
  auto h = find(id, owner);
  if (!h) return false;
  caf::anon_send(*h, post_request{std::move(m), std::move(sink)});
  return true;
}

bool session_registry::post_batch(std::string_view id, std::string_view owner, std::vector<mcp::message> batch,
                                  mcp::sink_ptr sink) {
  auto h = find(id, owner);
  if (!h) return false;
  caf::anon_send(*h, actors::post_batch{std::move(batch), std::move(sink)});
  return true;
}

bool session_registry::post_other(std::string_view id, std::string_view owner, mcp::message m) {
  auto h = find(id, owner);
  if (!h) return false;
  caf::anon_send(*h, actors::post_other{std::move(m)});
  return true;
}

bool session_registry::listen(std::string_view id, std::string_view owner, std::optional<std::string> last_event_id,
                              mcp::sink_ptr sink) {
  auto h = find(id, owner);
  if (!h) return false;
  caf::anon_send(*h, listen_stream{std::move(last_event_id), std::move(sink)});
  return true;
}

bool session_registry::terminate(std::string_view id, std::string_view owner) {
  std::optional<session_actor> h;
  {
    // Forget first, so the id answers 404 from this moment on, even before the actor ran.
    auto& s = shard_for(id);
    std::unique_lock lock(s.mutex);
    auto it = s.sessions.find(std::string{id});
    if (it == s.sessions.end() || it->second.owner != owner) return false;
    h = std::move(it->second.handle);
    s.sessions.erase(it);
  }
  count_.fetch_sub(1, std::memory_order_relaxed);
  caf::anon_send(*h, end_session{});
  return true;
}

void session_registry::terminate_all() {
  for (auto& s : shards_) {
    std::unordered_map<std::string, entry> taken;
    {
      std::unique_lock lock(s.mutex);
      taken.swap(s.sessions);
    }
    count_.fetch_sub(taken.size(), std::memory_order_relaxed);
    for (auto& [id, e] : taken) caf::anon_send(e.handle, end_session{});
  }
}

}  // namespace actors
