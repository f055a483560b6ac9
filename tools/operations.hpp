// tools/operations.hpp — the `query` and `mutate` tools: how an agent runs a catalog operation
// against the session's WorkOS environment (DESIGN §1.2), and the confirmation protocol of
// irreversible operations (promise 3).
//
// Both run the same pipeline, on the session's thread except for the upstream call itself:
// arguments checked against the operation's schema → the policy asked with the caller and the
// environment read *now* → the environment's key decrypted → the request built and sent by the
// process's WorkOS client → back on the session's thread (tool_call::post) → upstream errors as
// tool errors with the upstream request id, successes redacted (promise 4), cut to a response
// budget, and framed as untrusted data naming the environment they came from (promise 2).
//
// Confirmations live in the session's state (one slot per session, so another session can never
// present them) and are bound to the operation, a digest of the canonical arguments, the
// environment and the person; single use; 5 minutes. use_environment drops them.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tools/audit.hpp"
#include "actors/workos_client.hpp"
#include "control/snapshot.hpp"
#include "mcp/registry.hpp"

namespace tools {

struct operation_tool_options {
  /// The largest result we hand an agent: ~10k tokens of JSON. Longer lists are cut.
  std::size_t response_budget_bytes = 40 * 1024;
  std::chrono::seconds confirmation_ttl{300};
  /// Injectable for tests (confirmation expiry); steady_clock::now when empty.
  std::function<std::chrono::steady_clock::time_point()> now;
  /// Where every call is recorded (tools/audit.hpp); nullptr: not recorded.
  audit_sink audit;
};

/// One pending confirmation of an irreversible operation (plain values: no key, no body).
struct pending_confirmation {
  std::string id;              ///< "confirm_" + ULID: what the agent presents
  std::string operation;       ///< catalog id
  std::string arguments_digest;///< SHA-256 (hex) of the canonical arguments
  std::string environment_id;
  std::string owner;           ///< the person (owner key: user, team, client)
  std::string summary;         ///< what will be destroyed, as told to the agent (and to the person, when asked)
  std::chrono::steady_clock::time_point expires;
};

/// The session-state slot of confirmations.
struct session_confirmations {
  std::vector<pending_confirmation> pending;
};

/// Drops every pending confirmation of the session (use_environment, on a switch).
void forget_confirmations(mcp::session_state& state);

/// `arguments` (a JSON object, or empty for none) with object keys sorted at every level and no
/// insignificant whitespace: equal arguments give equal text, whatever order the agent used.
std::string canonical_json(std::string_view arguments);

mcp::tool make_query(std::shared_ptr<control::live_snapshot> state, std::shared_ptr<actors::workos_client> client,
                     operation_tool_options opts = {});
mcp::tool make_mutate(std::shared_ptr<control::live_snapshot> state, std::shared_ptr<actors::workos_client> client,
                      operation_tool_options opts = {});

/// "organizations.delete" → "organizations_delete": a per-operation tool's name.
std::string operation_tool_name(std::string_view operation_id);

/// The optional per-operation tools (`tools.per_operation`): every catalog operation of
/// `products` ("all", or product names; empty: all) as a tool of its own, with the operation's
/// input schema (plus `confirmation_id` for irreversible ones) and annotations exact for it. They
/// run the same pipeline as query and mutate — policy, confirmation, redaction, audit — so they
/// add names, not powers.
std::vector<mcp::tool> make_operation_tools(std::shared_ptr<control::live_snapshot> state,
                                            std::shared_ptr<actors::workos_client> client, operation_tool_options opts,
                                            const std::vector<std::string>& products);

}  // namespace tools
