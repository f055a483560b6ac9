// tools/principal.hpp — who a session acts for: the signed-in person and their team.
//
// The transport binds each MCP session to an opaque owner key (mcp::session_options::owner);
// this is that key's one format. The authenticator (app/resource_server.cpp) builds it from a
// verified token and the control plane on every request, and tools read it back through
// tool_call::owner(). The team is part of the key so that a person moved to another team
// cannot reach the sessions opened in the first one (DESIGN §1.1 promise 7); the OAuth client
// is part of it so that a session belongs to the one MCP client that opened it, and so that the
// audit trail can say which client acted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tools {

struct principal {
  std::string user_id;  ///< the token's `sub`, a control-plane member's user id
  std::string team_id;
  std::string client_id;  ///< the token's `client_id`; empty when the token names none
};

/// "<user_id> <team_id>[ <client_id>]": none of them contains a space (the control plane
/// validates ids; a client id is a registered id or an https URL, and one with a space is refused
/// by the authenticator).
std::string owner_key(std::string_view user_id, std::string_view team_id, std::string_view client_id = {});

/// The principal an owner key names; nullopt for the anonymous owner ("") or a malformed key.
std::optional<principal> parse_owner_key(std::string_view key);

}  // namespace tools
