// control/snapshot.hpp — the control plane as the policy reads it on every MCP call: an
// immutable, in-memory snapshot of teams, members and environments (keys opened), and the
// `live_snapshot` that hands out the current one.
//
// Why: a tools/call used to make four SQLite reads and one AES-GCM open (member, environment,
// default environment, key); now it makes one `PRAGMA data_version` (is the snapshot still
// current?) and hash lookups. Freshness is not traded for it: `current()` compares the store's
// version with the snapshot's on every call and rebuilds before answering when anything was
// committed — by this process or by the admin CLI in another — so a role, switch or member
// change still applies to the very next call of a live session (DESIGN §1.1 promises 1 and 5).
// The policy actor (actors/policy.hpp) rebuilds in the background so a call rarely pays for it.
//
// The snapshot holds the environments' API keys in clear (control::secret, wiped when the last
// snapshot holding them goes), as any server that calls an API with them must; they leave it
// only through `api_key`, for an environment of the asking team (promise 7).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "control/model.hpp"
#include "control/result.hpp"
#include "control/store.hpp"

namespace control {

class snapshot {
 public:
  /// Indexes `state` (takes its keys).
  explicit snapshot(store_state state);

  const store_version& version() const { return version_; }

  /// The member and their team (store::access_of); not_found for a removed person.
  result<access> access_of(std::string_view user_id) const;
  /// The environment with this id, of any team (the caller compares the team).
  result<environment> environment_by_id(std::string_view environment_id) const;
  /// The environment of `team_id` named `name`, case-insensitively; not_found for another team's.
  result<environment> environment_by_name(std::string_view team_id, std::string_view name) const;
  /// The team's environments, oldest first.
  std::vector<environment> environments_of(std::string_view team_id) const;
  /// Where a session of the team starts: its oldest sandbox (store::default_environment).
  result<environment> default_environment(std::string_view team_id) const;
  /// The environment's key in clear, only for an environment of `team_id` (store::decrypt_api_key).
  result<secret> api_key(std::string_view team_id, std::string_view environment_id) const;

 private:
  store_version version_;
  std::unordered_map<std::string, team> teams_;                  // by id
  std::unordered_map<std::string, member> members_;              // by user id
  std::vector<environment> environments_;                        // oldest first
  std::unordered_map<std::string, std::size_t> environment_index_;  // id → environments_
  std::unordered_map<std::string, result<secret>> keys_;         // environment id → key
};

/// Hands out the snapshot that matches the store now. Thread-safe.
class live_snapshot {
 public:
  explicit live_snapshot(std::shared_ptr<store> db);

  /// The current snapshot, rebuilt first when the store moved on since it was taken. An error
  /// when the store cannot be read: a stale snapshot is never served in its place (a call that
  /// cannot know the current role or switches does not run).
  result<std::shared_ptr<const snapshot>> current();
  /// Rebuilds if the store moved on (what the policy actor does in the background).
  status refresh();
  /// Times a snapshot was built (tests, logs).
  std::uint64_t builds() const;

 private:
  std::shared_ptr<control::store> db_;
  mutable std::mutex mutex_;  // guards current_ and serialises rebuilds
  std::shared_ptr<const snapshot> current_;
  std::uint64_t builds_ = 0;
};

}  // namespace control
