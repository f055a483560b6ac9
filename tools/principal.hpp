// tools/principal.hpp — who a session acts for: the signed-in person and their team.
//
// The transport binds each MCP session to an opaque owner key (mcp::session_options::owner);
// this is that key's one format. The authenticator (app/resource_server.cpp) builds it from a
// verified token and the control plane on every request, and tools read it back through
// tool_call::owner(). The team is part of the key so that a person moved to another team
// cannot reach the sessions opened in the first one (DESIGN §1.1 promise 7).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tools {

struct principal {
  std::string user_id;  ///< the token's `sub`, a control-plane member's user id
  std::string team_id;
};

/// "<user_id> <team_id>": ids never contain spaces (the control plane validates them).
std::string owner_key(std::string_view user_id, std::string_view team_id);

/// The principal an owner key names; nullopt for the anonymous owner ("") or a malformed key.
std::optional<principal> parse_owner_key(std::string_view key);

}  // namespace tools
