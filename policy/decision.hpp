// policy/decision.hpp — who may run what, where: the pure decision functions behind DESIGN §1.1
// promises 1 (acts as you), 2 (one environment at a time), 3 (irreversible needs a confirmation),
// 5 (team switches), 6 (excluded operations) and 7 (one team at a time).
//
// Pure: no I/O, no clock, no globals that change. The caller (the policy actor) reads the person,
// the team and the environment from the control plane *for every call* and passes them in, which
// is how a change of role or switch reaches the very next call of a live session.
//
// Order of the checks (the first that fails is the rule reported; see decide_operation):
//   1. not_a_member        — who are you: nothing about a team is told to a non-member
//   2. mcp_disabled        — the team's kill switch refuses everything
//   3. excluded_operation  — refused by name, whatever the role and switches
//   4. no_such_environment — another team's environment does not exist for you
//   5. production_disabled_for_team, then no_production_access
//   6. viewer_read_only, support_scope, role_not_allowed — what your role may do
//   7. impersonating       — no change while the dashboard session is impersonating
//   8. writes_disabled     — the team's "Allow write access" switch
// Person-level rules (role) come before the team's write switch so that a remedy never promises
// something that would not be enough: a viewer is told about the role, not about the switch.
// When more than one thing blocks a call, the remedy names all of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "control/model.hpp"
#include "workos/operation.hpp"

namespace policy {

/// The person behind a call, as the control plane knows them *now*.
struct caller_facts {
  /// The team the session (and its token) belongs to. A session never changes team.
  std::string session_team_id;
  /// The member and their team, read for this call; nullopt when the person is no longer a
  /// member of any team (removed since the session started).
  std::optional<control::access> access;
  /// The token says a dashboard user is impersonating (an `act` claim): reads only (promise 6).
  bool impersonating = false;
};

/// The environment a call would run in (or a switch would move to).
struct environment_facts {
  std::string team_id;
  control::environment_kind kind = control::environment_kind::sandbox;
  std::string name;
};

/// Why a call was refused. `none` on allow/confirm.
enum class rule {
  none,
  not_a_member,
  mcp_disabled,
  excluded_operation,
  no_such_environment,  ///< unknown, or another team's: the two are never told apart
  production_disabled_for_team,
  no_production_access,
  viewer_read_only,
  support_scope,
  role_not_allowed,
  impersonating,
  writes_disabled,
};

/// A stable snake_case name ("writes_disabled"), for results, audit rows and logs.
std::string_view to_string(rule r);

/// What the policy says about one call.
struct decision {
  enum class verdict {
    allow,    ///< run it
    deny,     ///< refuse it: `reason`, `message` and `remedy` say why and what would allow it
    confirm,  ///< irreversible and allowed: run the confirmation protocol (promise 3) first
  };
  verdict kind = verdict::deny;
  rule reason = rule::none;
  std::string message;  ///< for a person: what was refused and why (empty unless denied)
  std::string remedy;   ///< for a person: what would allow it (empty unless denied)

  bool denied() const { return kind == verdict::deny; }
};

std::string_view to_string(decision::verdict v);

/// May the caller use MCP at all now (checks 1 and 2: a member of the session's team, and the
/// team's MCP switch on)? allow or deny. Every tool asks this first, even the ones that touch no
/// WorkOS data (whoami, list_operations): with MCP off, every request is refused (promise 5).
decision decide_caller(const caller_facts& caller);

/// May the caller run `op` in `env` now? allow (read/write), confirm (irreversible), or deny.
decision decide_operation(const workos::operation& op, const caller_facts& caller,
                          const environment_facts& env);

/// May the session move to `target` (promise 2)? A sandbox of the caller's own team: yes, when the
/// caller is a member and MCP is on. Production: also needs the team's "Allow production access"
/// and the person's production access. Another team's environment is refused exactly as a name
/// that does not exist (see `unknown_environment`), so nothing tells it apart.
decision decide_environment_switch(const caller_facts& caller, const environment_facts& target);

/// The refusal for an environment name that does not resolve in the caller's team. The session
/// uses it for unknown names so that "unknown" and "another team's" read the same.
decision unknown_environment(std::string_view name);

/// Is `op` one of the operations this server never runs (promise 6), judged by its id and by its
/// method and path, so that adding it to the catalog by mistake does not expose it?
bool is_forbidden(const workos::operation& op);

/// Why `op` is forbidden, in a few words ("user impersonation", "credential minting: API keys",
/// …); nullopt when it is not.
std::optional<std::string_view> forbidden_reason(const workos::operation& op);

/// May `role` ever run an operation of this access class and product, whatever the catalog says
/// (the ceiling of promise 1)? viewer: reads only; support: reads, and changes only to SSO
/// connections and directories; developer and admin: everything the catalog allows them.
bool role_ceiling_allows(control::role r, const workos::operation& op);

}  // namespace policy
