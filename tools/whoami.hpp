// tools/whoami.hpp — the `whoami` tool: who the session acts as, read live from the control
// plane on every call (a role change or a switch shows at the next call, DESIGN §1.1).
#pragma once

#include <memory>

#include "control/snapshot.hpp"
#include "mcp/registry.hpp"

namespace tools {

/// What MCP never exposes, whatever the role (DESIGN §1.1 promises 4 and 6); whoami lists it
/// so an agent knows not to look for it.
inline constexpr const char* never_exposed[] = {
    "user impersonation",
    "changing the MCP access settings (team switches, members, roles)",
    "minting or rotating credentials (API keys, OAuth client secrets, signing certificates, Vault data keys)",
    "deleting the team",
    "secret values in responses (API keys, client secrets, webhook secrets, tokens, one-time codes, "
    "password-reset links, vault values)",
};

/// The tool, bound to the control plane it reads.
mcp::tool make_whoami(std::shared_ptr<control::live_snapshot> state);

}  // namespace tools
