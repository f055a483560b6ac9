// tools/prompts.hpp — the MCP prompts of workos-mcp: the jobs of the hosted product's page
// (DESIGN §1.2), each a short numbered plan that names the catalog operations to run through
// whoami, use_environment, list_operations, query and mutate.
//
// A prompt only writes text for the agent: it calls nothing, so it needs no store and no
// client, and every rule (role, switches, environment, confirmations) is still the tools' to
// enforce. The person's argument values go into the text as JSON string literals, marked as
// data: a value can never end its quotes or start a line of its own, so it cannot pose as a step.
#pragma once

#include <vector>

#include "mcp/registry.hpp"

namespace tools {

/// The seven job prompts, in the product page's order: brand_sign_in_page, debug_sign_in,
/// onboard_customer, understand_users, manage_user, audit_configuration, stream_audit_logs.
/// Each `get` checks its arguments itself as well (required ones present and non-empty, choices
/// and formats) and answers invalid-params when they are wrong, like the registry does for a
/// missing one; each `complete` offers the values of its choice arguments.
std::vector<mcp::prompt> make_prompts();

}  // namespace tools
