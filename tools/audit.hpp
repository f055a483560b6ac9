// tools/audit.hpp — how the tools describe what an agent did for the audit trail (issue 6): one
// control::audit_event per query, mutate and use_environment call, handed to the audit writer
// actor (actors/audit_writer.hpp), which never blocks the call.
//
// What is recorded is what an admin needs to see and nothing an attacker could use: the person,
// team, OAuth client, a digest of the MCP session id (the id itself is a capability), the
// environment, the operation, a SHA-256 of the canonical arguments (never their values: a
// password or a secret an agent passes would otherwise sit in the trail), the decision and its
// rule, the upstream status and request id, and the latency.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "actors/audit_writer.hpp"
#include "control/audit_log.hpp"
#include "control/model.hpp"
#include "control/snapshot.hpp"
#include "mcp/registry.hpp"
#include "policy/decision.hpp"

namespace tools {

/// Where the tools record. Tools are registered before the server (and its actor system) exists,
/// so the writer is bound into the channel afterwards — before the first call, when nothing reads
/// it concurrently. A null channel or writer records nothing (tests that do not look at the trail).
struct audit_channel {
  std::shared_ptr<actors::audit_writer> writer;
};
using audit_sink = std::shared_ptr<audit_channel>;

/// One call's audit record, filled in as the call learns who, where and what, and sent once.
class audit_record {
 public:
  /// Starts the record of `call` now: time, tool, person and team and client from the owner key,
  /// the session's digest.
  audit_record(audit_sink sink, const mcp::tool_call& call);

  void caller(const policy::caller_facts& c);
  /// Names the person from `state` when no caller was set (a call refused before the policy ran).
  void person_from(const control::snapshot& state);
  void environment(const control::environment& e);
  void operation(std::string_view id);
  /// The canonical arguments: only their SHA-256 is kept.
  void arguments(std::string_view canonical);
  void upstream(unsigned status, std::string_view request_id);

  /// Sends the record with this decision ("allowed", "refused", "confirmation_issued",
  /// "confirmed", "declined") and, when refused, the rule. Only the first call sends.
  void finish(std::string_view decision, std::string_view rule = {});

 private:
  audit_sink sink_;
  control::audit_event event_;
  std::chrono::steady_clock::time_point started_;
  bool sent_ = false;
};

}  // namespace tools
