// tools/use_environment.hpp — the `use_environment` tool: moves the session to an environment of
// its team named explicitly (DESIGN §1.1 promise 2: production only by name, never wider than
// the person's own access).
#pragma once

#include <memory>

#include "control/snapshot.hpp"
#include "tools/audit.hpp"
#include "mcp/registry.hpp"

namespace tools {

/// The tool, bound to the control plane it reads.
mcp::tool make_use_environment(std::shared_ptr<control::live_snapshot> state, audit_sink audit = nullptr);

}  // namespace tools
