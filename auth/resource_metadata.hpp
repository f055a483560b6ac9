// auth/resource_metadata.hpp — what this server says about itself as an OAuth resource server:
// the protected-resource metadata document (RFC 9728) and the `WWW-Authenticate` challenges of
// 401/403 answers (RFC 6750 §3, RFC 9728 §5.1). Pure functions: the transport serves and sends
// what they build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace auth {

struct resource_server_config {
  /// The canonical resource URL, exactly as clients address the MCP endpoint and as tokens
  /// carry it in `aud` (RFC 8707), e.g. "https://mcp.example.com/mcp".
  std::string resource;
  /// Issuer identifiers of the authorization servers whose tokens are accepted (RFC 9728 §2).
  std::vector<std::string> authorization_servers;
  /// The minimal scopes for basic use (MCP clients request these when the challenge names none).
  std::vector<std::string> scopes_supported;
  std::string resource_name;
};

/// The metadata document (RFC 9728 §2), as JSON.
std::string protected_resource_metadata(const resource_server_config& cfg);

/// Where the document is served, as request paths: the path-inserted form for the resource's
/// path first ("/.well-known/oauth-protected-resource/mcp", RFC 9728 §3.1; clients try it first),
/// then the root form (clients fall back to it on a 4xx).
std::vector<std::string> metadata_paths(std::string_view resource_url);

/// The absolute URL of the path-inserted document, for `resource_metadata` in challenges.
/// Empty when `resource_url` is not an absolute http(s) URL.
std::string metadata_url(std::string_view resource_url);

struct challenge {
  std::string error;               ///< "", "invalid_token", "insufficient_scope", "invalid_request"
  std::string error_description;   ///< for a person; control characters are dropped
  std::vector<std::string> scopes; ///< scopes needed (all of them, not only the missing ones)
};

/// The `WWW-Authenticate` value: `Bearer resource_metadata="…", scope="…", error="…", …`.
std::string www_authenticate(std::string_view metadata_url, const challenge& c);

}  // namespace auth
