// control/snapshot.cpp — the policy's in-memory view of the control plane (see snapshot.hpp).
#include "control/snapshot.hpp"

#include <algorithm>

namespace control {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  // Environment names compare as the store's COLLATE NOCASE does: ASCII case only.
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c); };
    return lower(static_cast<unsigned char>(x)) == lower(static_cast<unsigned char>(y));
  });
}

error environment_not_found(std::string_view id) { return fail(errc::not_found, "no environment " + std::string{id}); }

}  // namespace

snapshot::snapshot(store_state state) : version_(state.version), environments_(std::move(state.environments)) {
  for (auto& t : state.teams) {
    auto id = t.id;
    teams_.emplace(std::move(id), std::move(t));
  }
  for (auto& m : state.members) {
    auto id = m.user_id;
    members_.emplace(std::move(id), std::move(m));
  }
  for (std::size_t i = 0; i < environments_.size(); ++i) environment_index_.emplace(environments_[i].id, i);
  for (auto& [id, key] : state.api_keys) keys_.emplace(id, std::move(key));
}

result<access> snapshot::access_of(std::string_view user_id) const {
  auto m = members_.find(std::string{user_id});
  if (m == members_.end()) return fail(errc::not_found, "no member " + std::string{user_id});
  auto t = teams_.find(m->second.team_id);
  if (t == teams_.end()) return fail(errc::not_found, "no team " + m->second.team_id);
  return access{m->second, t->second};
}

result<environment> snapshot::environment_by_id(std::string_view environment_id) const {
  auto it = environment_index_.find(std::string{environment_id});
  if (it == environment_index_.end()) return environment_not_found(environment_id);
  return environments_[it->second];
}

result<environment> snapshot::environment_by_name(std::string_view team_id, std::string_view name) const {
  for (const auto& e : environments_)
    if (e.team_id == team_id && same_name(e.name, name)) return e;
  return fail(errc::not_found, "no environment named '" + std::string{name} + "'");
}

std::vector<environment> snapshot::environments_of(std::string_view team_id) const {
  std::vector<environment> out;
  for (const auto& e : environments_)
    if (e.team_id == team_id) out.push_back(e);
  return out;
}

result<environment> snapshot::default_environment(std::string_view team_id) const {
  for (const auto& e : environments_)
    if (e.team_id == team_id && e.kind == environment_kind::sandbox) return e;
  return fail(errc::not_found, "team " + std::string{team_id} + " has no sandbox environment");
}

result<secret> snapshot::api_key(std::string_view team_id, std::string_view environment_id) const {
  auto it = environment_index_.find(std::string{environment_id});
  // Another team's environment answers exactly like a missing one (promise 7).
  if (it == environment_index_.end() || environments_[it->second].team_id != team_id)
    return environment_not_found(environment_id);
  auto k = keys_.find(std::string{environment_id});
  if (k == keys_.end()) return fail(errc::not_found, "environment " + std::string{environment_id} + " has no API key");
  return k->second;
}

live_snapshot::live_snapshot(std::shared_ptr<control::store> db) : db_(std::move(db)) {}

result<std::shared_ptr<const snapshot>> live_snapshot::current() {
  auto now = db_->version();
  if (!now) return now.error();
  std::lock_guard lock(mutex_);
  if (current_ && current_->version() == *now) return current_;
  // Moved on (or first use): rebuild under the lock, so concurrent callers wait for one rebuild
  // instead of each reading the whole store.
  auto state = db_->read_state();
  if (!state) return state.error();
  current_ = std::make_shared<const snapshot>(std::move(*state));
  ++builds_;
  return current_;
}

status live_snapshot::refresh() {
  auto s = current();
  if (!s) return s.error();
  return {};
}

std::uint64_t live_snapshot::builds() const {
  std::lock_guard lock(mutex_);
  return builds_;
}

}  // namespace control
