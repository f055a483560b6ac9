// tools/session_environment.hpp — which WorkOS environment an MCP session works in (DESIGN §1.1
// promise 2), and how a call finds out, for every tool that reads or changes upstream data.
//
// The session remembers only a reference (id, name, kind) in its tool state; every call re-reads
// the environment and the person from the control plane and asks the policy again, so a removed
// environment, a revoked production access or a team switch turned off applies at the next call
// of a live session (promises 1 and 5). When that happens the session is *not* moved back to the
// sandbox behind the agent's back: calls are refused, saying so, until the agent chooses an
// environment with use_environment — an agent that believes it works in production must never
// quietly get sandbox results, nor the other way round.
#pragma once

#include <optional>
#include <string>

#include "control/snapshot.hpp"
#include "mcp/registry.hpp"
#include "policy/decision.hpp"

namespace tools {

/// An environment as a session remembers it: which one, never its key.
struct environment_ref {
  std::string id;
  std::string name;
  control::environment_kind kind = control::environment_kind::sandbox;
};

/// The session-state slot (mcp::session_state::get<session_environment>()).
struct session_environment {
  /// Set by use_environment. nullopt: the team's default sandbox (store::default_environment),
  /// looked up at each call, which is where every session starts.
  std::optional<environment_ref> chosen;
};

/// Why a tool refuses to act: for the agent and the person behind it.
struct refusal {
  std::string rule;     ///< policy::to_string(rule), or "unavailable" when the control plane failed
  std::string message;  ///< what was refused and why
  std::string remedy;   ///< what would allow it; may be empty

  static refusal from(const policy::decision& d);
  /// "<message> To allow it: <remedy>." as a tool error.
  mcp::tool_result to_result() const;
};

/// The caller of `call`, read now: the principal from the session's owner key, the member and
/// their team from the control plane's current snapshot. Refused for an anonymous session (auth mode none) and when
/// the control plane cannot be read; a removed member is *not* refused here (access is nullopt)
/// so that the policy reports it with its own rule.
mcp::result<policy::caller_facts, refusal> caller_of(const control::snapshot& state, const mcp::tool_call& call);

/// The control plane as it stands for this call (control::live_snapshot::current), or the
/// refusal to give when it cannot be read: no call runs on state that may be stale.
mcp::result<std::shared_ptr<const control::snapshot>, refusal> state_now(control::live_snapshot& live);

/// The session's environment as things stand for this call.
struct environment_status {
  /// What the session is set to: the remembered choice, or the team's default sandbox. Empty id
  /// when the team has no sandbox (then `problem` says so).
  environment_ref session;
  /// The environment as the control plane has it now, when it still exists in the caller's team.
  std::optional<control::environment> current;
  /// Why no call may run there now (removed, unreachable, MCP off, …); nullopt when calls may.
  std::optional<refusal> problem;
};

/// Resolves the session's environment for one call of `caller` (see the file comment).
environment_status environment_of(const control::snapshot& state, const policy::caller_facts& caller, mcp::tool_call& call);

/// The environment this call runs in, or why it may not run: `environment_of` for tools that
/// only want to go on or stop.
mcp::result<control::environment, refusal> current_environment(const control::snapshot& state, const policy::caller_facts& caller,
                                                                mcp::tool_call& call);

/// "PRODUCTION environment 'production'" / "sandbox environment 'sandbox'": production is
/// shouted in every sentence that names it, so no agent transcript can miss it.
std::string describe(const environment_ref& e);

}  // namespace tools
