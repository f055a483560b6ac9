// control/model.hpp — the control plane's vocabulary: roles, environment kinds, team switches,
// and the plain structs the store hands out (teams, members, environments, a secret).
//
// These are values: copy them freely, across threads and into actor messages. None of them holds
// a decrypted API key except `secret`, which exists only between `store::decrypt_api_key` and the
// upstream call that needs it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace control {

/// A member's dashboard role (DESIGN §1.1 promise 1). What each role may do is the policy's
/// business; the control plane only records it.
enum class role { admin, developer, support, viewer };
/// "admin", "developer", "support", "viewer".
std::string_view to_string(role r);
/// The role named exactly `s` (lowercase); nullopt otherwise.
std::optional<role> parse_role(std::string_view s);

/// What an environment is: sessions start in a sandbox; production is reached only by name.
enum class environment_kind { sandbox, production };
/// "sandbox", "production".
std::string_view to_string(environment_kind k);
std::optional<environment_kind> parse_environment_kind(std::string_view s);

/// The per-team switches (DESIGN §1.1 promises 3 and 5): the hosted product's three, plus
/// "Confirm irreversible operations by a person" (the second `mutate` of an irreversible
/// operation must be approved by the human through MCP elicitation, not only by the agent).
enum class team_switch { mcp_enabled, allow_production, allow_write, confirm_by_person };
/// Every switch, in the order pages and tables show them.
inline constexpr team_switch all_team_switches[] = {team_switch::mcp_enabled, team_switch::allow_production,
                                                    team_switch::allow_write, team_switch::confirm_by_person};
/// "mcp_enabled", "allow_production", "allow_write", "confirm_by_person".
std::string_view to_string(team_switch s);
/// Accepts the snake_case names and the CLI's kebab-case ones ("mcp-enabled").
std::optional<team_switch> parse_team_switch(std::string_view s);

/// A team's switch values.
struct team_switches {
  bool mcp_enabled = true;       ///< off: every MCP request of the team is refused
  bool allow_production = true;  ///< off: no session of the team may enter a production environment
  bool allow_write = true;       ///< off: read-only
  /// on: irreversible operations also need a person's yes through elicitation. Off by default:
  /// it refuses irreversible operations to clients that cannot elicit, so a team opts in.
  bool confirm_by_person = false;
  bool get(team_switch s) const;
  /// What applies: with MCP off, the others read as off too.
  team_switches effective() const;
  friend bool operator==(const team_switches&, const team_switches&) = default;
};

/// A team: the unit of isolation (promise 7). Nothing of one team is visible from another.
struct team {
  std::string id;  ///< "team_" + 26-character ULID
  std::string name;
  team_switches switches;    ///< what applies now (`configured.effective()`): read these for decisions
  team_switches configured;  ///< as the admins set them (shown by the admin CLI)
};

/// A person of a team. A person belongs to at most one team; the email is unique.
struct member {
  std::string user_id;  ///< the `sub` of the person's tokens ("user_" + ULID unless given)
  std::string team_id;
  std::string email;  ///< lowercase
  std::string name;   ///< display name, may be empty
  control::role role = control::role::viewer;
  bool production_access = false;  ///< may this person enter production environments at all
  bool has_password = false;       ///< can sign in with a password (the sign-in page)
};

/// An environment of a team: where upstream calls go, with which (encrypted) key.
struct environment {
  std::string id;  ///< "environment_" + ULID
  std::string team_id;
  std::string name;  ///< unique per team, case-insensitively
  environment_kind kind = environment_kind::sandbox;
  std::string api_base_url;  ///< no trailing slash
  bool has_api_key = false;
  std::string api_key_last4;  ///< the key's last four characters (empty for short keys or none)
  bool embedded = false;      ///< bound to the embedded emulator: the demo seed refreshes URL and key
};

/// A member together with its team, read in one indexed lookup: what the policy needs per call.
struct access {
  control::member member;
  control::team team;
};

/// A decrypted secret. Wiped from memory when destroyed; never printed by accident (no stream
/// operator, no implicit conversion): read it with `reveal()` where the upstream call needs it.
class secret {
 public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {}
  secret(const secret&) = default;
  secret(secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  secret& operator=(const secret& other);
  secret& operator=(secret&& other) noexcept;
  ~secret() { wipe(); }
  std::string_view reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  void wipe() noexcept;
  std::string value_;
};

/// Looks an environment variable up: std::getenv in production, a map in tests.
using env_lookup = std::function<std::optional<std::string>(const std::string&)>;
/// The process environment.
std::optional<std::string> process_env(const std::string& name);

}  // namespace control
