// emulator/oauth/client_metadata.hpp — who the authorization server's clients are: dynamic client
// registration (RFC 7591) and Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-
// document), both turned into one `client` value.
//
// Parsing is pure (`validate_registration`, `parse_metadata_document`, `metadata_url_problem`);
// the only I/O is `metadata_documents::resolve`, which fetches through an injected function
// (transport::fetch in production, a fake in tests) with the SSRF guard of `address_policy`.
//
// In dev mode (`allow_loopback`) a document may live on a loopback host, over https or plain http;
// an https one is verified as any other (chain and host name), against `ca_file` when one is given.
//
// Why the guard has two halves: the URL check refuses what is wrong on its face (http, userinfo,
// fragments, dot segments); the address check runs inside the HTTP client on every address the
// host resolved to, and the client connects only to an address that passed, so a DNS answer that
// changes between the check and the connection (rebinding) cannot reach an internal address.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/json_value.hpp"
#include "mcp/errors.hpp"
#include "transport/http_client.hpp"

namespace emulator::oauth {

/// The scopes this authorization server grants (its metadata's `scopes_supported`).
inline constexpr std::array<std::string_view, 5> supported_scopes = {"openid", "profile", "email", "offline_access",
                                                                     "mcp"};
bool is_supported_scope(std::string_view scope);
/// Splits a space-separated scope string (RFC 6749 §3.3); empty items dropped, order kept,
/// duplicates removed.
std::vector<std::string> split_scope(std::string_view scope);
std::string join_scope(const std::vector<std::string>& scopes);

/// A client as the authorization and token endpoints see it.
struct client {
  std::string client_id;
  std::string client_name;  ///< may be empty
  std::vector<std::string> redirect_uris;
  std::vector<std::string> grant_types;
  std::string token_endpoint_auth_method = "none";  ///< none | client_secret_post | client_secret_basic
  std::string secret_hash;                          ///< SHA-256 hex of the client secret; empty for public clients
  bool from_metadata_document = false;

  bool is_public() const { return token_endpoint_auth_method == "none"; }
  bool allows_grant(std::string_view grant) const;
  /// The client name, or the client id when it has none (the consent page always names the client).
  const std::string& display_name() const { return client_name.empty() ? client_id : client_name; }
};

/// An RFC 7591 §3.2.2 error: `invalid_redirect_uri` or `invalid_client_metadata`.
struct registration_error {
  std::string error;
  std::string description;
};

/// A validated registration: the client, and the metadata to store and answer with (client_id,
/// client_id_issued_at and the secret are added by the caller).
struct registration {
  client c;
  json metadata;
};

/// Validates a DCR request body (RFC 7591 §2). Defaults: token_endpoint_auth_method
/// client_secret_basic (RFC 7591 §2), response_types ["code"], grant_types
/// ["authorization_code","refresh_token"] — the last deviates from RFC 7591's
/// ["authorization_code"] because every MCP client expects to refresh.
mcp::result<registration, registration_error> validate_registration(const json& body);

/// The client of a stored registration (what `validate_registration` produced, plus client_id
/// and client_secret_hash).
client client_from_stored(const json& stored);

// ----- Client ID Metadata Documents --------------------------------------------------------------

/// True when a client_id is meant as a metadata document URL (it starts with https://, or with
/// http:// when loopback documents are allowed) rather than a registered id.
bool is_metadata_url(std::string_view client_id, bool allow_loopback_http);

/// Why `url` cannot be a client id URL (https, a path, no fragment, no userinfo, no dot segments;
/// with `allow_loopback_http`, also http on a loopback host), or nullopt when it can.
std::optional<std::string> metadata_url_problem(std::string_view url, bool allow_loopback_http);

/// Validates a fetched document: a JSON object whose `client_id` equals `url` exactly, with valid
/// `redirect_uris`, no client secret and no secret-based authentication, and grant and response
/// types this server supports.
mcp::result<client, std::string> parse_metadata_document(std::string_view url, std::string_view body);

/// How long a fetched document may be reused: `max-age` of its Cache-Control capped at 24 h,
/// nothing for no-store/no-cache, 5 minutes when the header says nothing.
std::chrono::seconds metadata_cache_lifetime(const std::optional<std::string>& cache_control);

/// The SSRF rule for one resolved address: public addresses only; loopback too when
/// `allow_loopback` (dev mode). Every private, link-local, unique-local, multicast, unspecified,
/// CGNAT or otherwise reserved address is refused.
bool address_policy(bool is_loopback, bool is_private_or_reserved, bool allow_loopback);

/// The HTTP fetch: transport::fetch, or a fake in tests.
using fetch_function = std::function<mcp::result<transport::client_response, std::string>(
    const transport::client_request&, const transport::client_options&)>;

/// Documents are fetched with these bounds (draft §4: small, quick, no redirects).
inline constexpr std::size_t max_metadata_document_bytes = 64 * 1024;
inline constexpr std::chrono::milliseconds metadata_fetch_timeout{5000};

/// Fetched and validated documents, cached by URL. Thread-safe; `resolve` blocks while it fetches.
class metadata_documents {
 public:
  /// `allow_loopback`: dev mode (loopback addresses, and http:// on loopback hosts). `ca_file`: the
  /// PEM CA bundle https fetches trust (transport::client_options::ca_file; empty: the system store).
  metadata_documents(fetch_function fetch, bool allow_loopback, std::string ca_file = {});

  /// The client described at `url`: from the cache while fresh at `now`, otherwise fetched now.
  /// The error is a sentence for the error page and the logs.
  mcp::result<client, std::string> resolve(const std::string& url, std::chrono::system_clock::time_point now);

 private:
  struct entry {
    client c;
    std::chrono::system_clock::time_point expires;
  };
  fetch_function fetch_;
  bool allow_loopback_;
  std::string ca_file_;
  std::mutex mutex_;
  std::map<std::string, entry, std::less<>> cache_;
};

}  // namespace emulator::oauth
