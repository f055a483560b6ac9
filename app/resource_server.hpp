// app/resource_server.hpp — this server as an OAuth 2.1 resource server (DESIGN §2): the
// protected-resource metadata routes, and the authenticator that turns every MCP request's
// bearer token into the person it acts for, or into the HTTP refusal to send.
//
// A request passes when, in this order: it carries exactly one credential, in the
// Authorization header (never the query string, RFC 6750 §2.3 / MCP authorization §Token
// Handling); the token verifies (actors::token_verifier: signature, issuer, audience = this
// resource, times); it grants every required scope (else 403 insufficient_scope); and its
// `sub` is a member of a team in the control plane *now* (a removed member's still-valid token
// is refused at the next request). The session owner key is (user, team), so another person's
// token never reaches a session (the transport answers 404). Nothing is remembered per session:
// the token is checked on every request.
//
// Every refusal is mapped here, in one place, to its status and WWW-Authenticate challenge.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/resource_metadata.hpp"
#include "control/snapshot.hpp"
#include "transport/http.hpp"
#include "transport/streamable_http.hpp"

namespace actors {
class token_verifier;
}

namespace app {

struct resource_server_options {
  auth::resource_server_config metadata;  ///< resource URL, issuer(s), scopes_supported, name
  std::vector<std::string> required_scopes;
};

/// Serves the metadata document at its path-inserted and root well-known locations.
void add_metadata_routes(transport::router& routes, const auth::resource_server_config& metadata);

/// The authenticator for the MCP endpoint.
transport::authenticator make_bearer_authenticator(std::shared_ptr<actors::token_verifier> verifier,
                                                   std::shared_ptr<control::live_snapshot> members,
                                                   resource_server_options options);

}  // namespace app
