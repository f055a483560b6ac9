// emulator/oauth/authorization_server.hpp — the emulator's OAuth 2.1 authorization server, an
// AuthKit / WorkOS Connect look-alike that the MCP server trusts exactly as it would trust WorkOS:
//
//   GET  /.well-known/oauth-authorization-server   RFC 8414 metadata
//   GET  /.well-known/openid-configuration         OIDC discovery (the same, plus OIDC fields)
//   POST /oauth2/register                          dynamic client registration (RFC 7591)
//   GET  /oauth2/authorize                         authorization code + PKCE S256 + resource (RFC 8707)
//   POST /oauth2/sign-in                           the sign-in form (dashboard members)
//   POST /oauth2/consent                           the consent form (approve / deny)
//   POST /oauth2/token                             authorization_code and refresh_token grants
//   GET  /oauth2/jwks                              the public signing keys
//
// Clients are registered ones (DCR) or Client ID Metadata Documents fetched from their https URL.
// Access tokens are RS256 JWTs (RFC 9068) whose `aud` is the allow-listed resource. State lives in
// the emulator store under the environment key "_oauth" (never reachable with an API key):
// clients, pending authorization requests, sign-in sessions, codes, grants (refresh-token
// families) and refresh tokens, the last three by SHA-256 of the secret. The signing keys are the
// store setting ("_oauth", "signing_keys"). Members and allow-listed resources are kept in memory:
// the embedding process sends them at every start.
//
// Threading: every method is thread-safe. `handle` may block (PBKDF2 for passwords, up to 5 s for
// a metadata-document fetch) on the paths `may_block` names; the service runs those on worker
// threads, never on an I/O thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/oauth/client_metadata.hpp"
#include "emulator/oauth/signing_keys.hpp"
#include "emulator/service.hpp"
#include "emulator/store.hpp"
#include "transport/http.hpp"

namespace emulator::oauth {

/// The longest access-token lifetime this server issues (and the MCP server's verifier accepts).
inline constexpr std::chrono::seconds max_access_token_ttl{3600};

class authorization_server {
 public:
  struct config {
    oauth_options options;
    /// How client metadata documents are fetched; empty: transport::fetch.
    fetch_function fetch;
    /// The clock; empty: system_clock::now. Tests move it instead of sleeping.
    std::function<std::chrono::system_clock::time_point()> clock;
  };

  /// Loads the signing keys from `db`, making the first one on a fresh store. Throws
  /// std::runtime_error when it cannot (start-up only). `db` must outlive the server.
  authorization_server(store& db, config cfg);
  ~authorization_server();
  authorization_server(const authorization_server&) = delete;
  authorization_server& operator=(const authorization_server&) = delete;

  /// True for the paths served here (the two metadata documents and everything under /oauth2/).
  static bool owns(std::string_view path);
  /// True for the paths whose handling may block — authorize and token (a metadata-document
  /// fetch), sign-in (PBKDF2) — which the service must run off its I/O threads. The others
  /// (metadata, JWKS, registration, consent) cost what any emulator request costs.
  static bool may_block(std::string_view path);

  /// The issuer identifier, exactly as metadata and tokens carry it (the service's base URL).
  void set_issuer(std::string issuer);
  std::string issuer() const;
  void allow_resource(std::string resource);
  /// Replaces the people who can sign in.
  void set_members(std::vector<dashboard_member> members);

  /// Answers one request. Blocking; never throws (a store failure is a 500).
  transport::response handle(const transport::request& req);

  /// Makes a new signing key inside the caller's transaction (the dashboard route) and returns
  /// its kid; the previous key stays published until the tokens it signed have expired.
  mcp::result<std::string, key_error> rotate_signing_key(tx& t);
  /// The same in a transaction of its own.
  mcp::result<std::string, key_error> rotate_signing_key();
  /// The JWKS document currently published.
  std::string jwks() const;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace emulator::oauth
