// control/store.hpp — the control plane: teams, members, environments (API keys sealed under the
// master key) and the team switches, in `<data-dir>/control.db` (SQLite, WAL).
//
// Who reads what: MCP calls read the control plane through control::live_snapshot (snapshot.hpp),
// which asks `version()` on every call and `read_state()` after a change, so role changes,
// removals and switch changes apply to live sessions at the next call (DESIGN §1.1 promises 1,
// 5). The point reads below serve the admin CLI, the admin page and the sign-in service. Writes come from the admin CLI and the admin page,
// never from MCP. Another process (the CLI) may write while the server runs: WAL lets readers
// and the writer proceed, and the server sees each commit at its next read.
//
// Invariants kept here, whatever the caller: a person (email, user id) is in at most one team;
// a team keeps at least one admin; environment names are unique per team (case-insensitive);
// with `mcp_enabled` off, `allow_production` and `allow_write` read as off; an API key is
// stored only sealed (AES-256-GCM, bound to its team and environment ids) and leaves the store
// in clear only through `decrypt_api_key`.
//
// Threading: every function may be called from any thread. One connection serves the process,
// guarded by a mutex (SQLite serialises writers anyway; a point read costs microseconds). The
// password KDF runs outside the mutex, so a sign-in never stalls the policy's reads.
//
// Errors are values (`result`, `status`); only `open` throws.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "control/crypto.hpp"
#include "control/key_source.hpp"
#include "control/model.hpp"
#include "control/result.hpp"

namespace control {

/// How to open the store.
struct store_options {
  std::string data_dir;         ///< holds control.db (created if missing) and, by default, master.key
  std::string master_key_file;  ///< explicit master key file (see key_source.hpp); empty: env, then data dir
  env_lookup env = process_env;  ///< WORKOS_MCP_MASTER_KEY[_FILE] come from here
  /// PBKDF2 iterations for new password hashes. Tests lower it to run fast; leave it otherwise.
  std::uint32_t password_iterations = crypto::default_password_iterations;
};

/// What `add_member` needs.
struct new_member {
  std::string email;
  control::role role = control::role::viewer;
  bool production_access = false;
  std::string name;     ///< display name, optional
  std::string user_id;  ///< empty: a new "user_" + ULID
  std::string password;  ///< optional initial sign-in password (only its hash is kept)
};

/// What `add_environment` needs.
struct new_environment {
  std::string name;
  environment_kind kind = environment_kind::sandbox;
  std::string api_base_url;  ///< http(s)://host[:port][/path]
  std::string api_key;       ///< optional; sealed at once
  bool embedded = false;     ///< bound to the embedded emulator (see seed.hpp)
};

/// A member as a sign-in service sees it (see store::sign_in_records).
struct sign_in_record {
  control::member member;
  std::string team_name;
  std::string password_hash;  ///< crypto::hash_password's format; empty: no password set
};

/// Where the database stands: equal values mean nothing was committed in between, by this
/// process or another (the admin CLI writes from its own process).
struct store_version {
  std::int64_t data_version = 0;  ///< SQLite's PRAGMA data_version: moves on other connections' commits
  std::int64_t own_changes = 0;   ///< rows this connection changed: moves on this process's writes
  friend bool operator==(const store_version&, const store_version&) = default;
};

/// Everything the policy decides on, read in one transaction (see control/snapshot.hpp).
struct store_state {
  store_version version;
  std::vector<team> teams;
  std::vector<member> members;
  std::vector<environment> environments;
  /// Per environment with a key: the key in clear, or why it does not open.
  std::vector<std::pair<std::string, result<secret>>> api_keys;
};

/// The file name of the database in the data directory.
inline constexpr const char* database_file_name = "control.db";

class store {
 public:
  /// Opens (creating if needed) `<data_dir>/control.db` and loads the master key. Throws
  /// std::runtime_error with a message for a person when the directory, the database or the
  /// key is unusable, or when the key is not the one this database was sealed under.
  static std::unique_ptr<store> open(const store_options& options);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  /// Where the master key came from ("…/master.key", "WORKOS_MCP_MASTER_KEY", …), for logs.
  const std::string& master_key_origin() const;
  /// True when this `open` generated master.key.
  bool master_key_created() const;

  // ---- teams ----

  /// A new team with every switch on, with its first members and environments, all in one
  /// transaction (all or nothing). Team names are unique (case-insensitive).
  result<team> create_team(std::string_view name, const std::vector<new_member>& members = {},
                           const std::vector<new_environment>& environments = {});
  /// The team with this id.
  result<team> team_by_id(std::string_view team_id);
  /// The team with this name (case-insensitive).
  result<team> team_by_name(std::string_view name);
  /// Every team, oldest first.
  result<std::vector<team>> teams();
  /// True when the store holds no team (a fresh data directory, for seeding).
  result<bool> empty();
  /// Sets one switch as configured; returns the team with its effective switches.
  result<team> set_switch(std::string_view team_id, team_switch which, bool on);
  /// The team of the member with this user id.
  result<team> team_of(std::string_view user_id);

  // ---- members ----
  // `who` names a member by email (anything containing '@', compared lowercase) or by user id.

  /// Adds a person to a team. Refuses a malformed email, an email or user id already in any
  /// team (a person is in one team), an unknown team.
  result<member> add_member(std::string_view team_id, const new_member& m);
  result<member> member_by_email(std::string_view email);
  result<member> member_by_user_id(std::string_view user_id);
  /// The member and its team in one lookup: what the policy reads on every call.
  result<access> access_of(std::string_view user_id);
  /// The members of a team, oldest first.
  result<std::vector<member>> members_of(std::string_view team_id);
  /// Every member of every team, grouped by team.
  result<std::vector<member>> all_members();
  /// Changes a role; demoting the last admin of a team is refused.
  result<member> set_role(std::string_view who, role r);
  result<member> set_production_access(std::string_view who, bool allowed);
  /// Removes a member; removing the last admin of a team is refused.
  status remove_member(std::string_view who);
  /// Sets the member's sign-in password (hashed with PBKDF2; the KDF runs outside the lock).
  status set_password(std::string_view who, std::string_view password);
  /// Every member with its team's name and password hash: what an authorization server that
  /// signs the members in needs (the embedded emulator's, at each start). The hash is the only
  /// form in which a password ever leaves the store.
  result<std::vector<sign_in_record>> sign_in_records();
  /// The member when `password` is theirs. Unknown email, no password set and a wrong password
  /// all give the same errc::refused and take the same time.
  result<member> verify_password(std::string_view email, std::string_view password);

  // ---- environments ----

  /// Adds an environment to a team (name unique per team; sealed key if given).
  result<environment> add_environment(std::string_view team_id, const new_environment& e);
  result<environment> environment_by_id(std::string_view environment_id);
  /// The environment of `team_id` named `name` (case-insensitive); not_found for another team's.
  result<environment> environment_by_name(std::string_view team_id, std::string_view name);
  /// The team's environments, oldest first.
  result<std::vector<environment>> environments_of(std::string_view team_id);
  /// Where a session of the team starts: its oldest sandbox environment.
  result<environment> default_environment(std::string_view team_id);
  /// Replaces the environment's API key (sealed at once; only its last four characters stay
  /// readable). An admin's change detaches an embedded environment from the emulator: the demo
  /// seed leaves it alone from then on.
  result<environment> set_api_key(std::string_view environment_id, std::string_view api_key);
  /// Changes where the environment's upstream calls go (and detaches it, as set_api_key).
  result<environment> set_api_base_url(std::string_view environment_id, std::string_view url);
  /// Points an embedded environment at the emulator's current URL and key, keeping it embedded;
  /// true when something changed. errc::refused for an environment that is not embedded.
  result<bool> refresh_embedded(std::string_view environment_id, std::string_view url, std::string_view api_key);
  /// The API key in clear, for the upstream call that needs it, and only for an environment of
  /// `team_id` (promise 7). errc::not_found without a key, errc::crypto when it does not open.
  result<secret> decrypt_api_key(std::string_view team_id, std::string_view environment_id);

  // ---- the policy's view ----

  /// Where the database stands now: one pragma, no table read (cheap enough for every call).
  result<store_version> version();
  /// Every team, member and environment with the keys opened, consistent with one version.
  result<store_state> read_state();

 private:
  struct impl;
  explicit store(std::unique_ptr<impl> i);
  std::unique_ptr<impl> impl_;
};

}  // namespace control
