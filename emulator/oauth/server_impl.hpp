// emulator/oauth/server_impl.hpp — the authorization server's shared state and the helpers its
// endpoint files use (authorization_server.cpp: metadata, JWKS, registration, dispatch;
// authorize.cpp: authorize, sign-in, consent; token.cpp: the token endpoint). Internal: included
// by those three files only.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

#include "emulator/api.hpp"
#include "emulator/oauth/authorization_server.hpp"
#include "emulator/oauth/url.hpp"

namespace emulator::oauth {

/// The store "environment" holding every OAuth object (no API key maps to it).
inline constexpr std::string_view store_env = "_oauth";
/// How long things live, in seconds.
inline constexpr std::int64_t pending_ttl_s = 10 * 60;      // sign-in + consent must finish within this
inline constexpr std::int64_t session_ttl_s = 8 * 3600;     // a browser's sign-in
inline constexpr std::int64_t code_ttl_s = 60;              // RFC 6749 §4.1.2: short-lived
inline constexpr std::int64_t used_code_kept_s = 10 * 60;   // used codes stay to detect replays
inline constexpr std::int64_t refresh_ttl_s = 30 * 24 * 3600;
inline constexpr std::int64_t key_leeway_s = 60;            // verifiers' clock skew
inline constexpr std::string_view session_cookie = "workos_emulator_session";

struct authorization_server::impl {
  impl(store& d, config c);

  store& db;
  config cfg;
  std::chrono::seconds access_ttl;
  metadata_documents documents;

  mutable std::mutex mutex;  // guards the members below
  std::string issuer;
  std::vector<std::string> resources;
  std::vector<dashboard_member> members;
  std::shared_ptr<const key_ring> keys;
  std::mutex rotation;  // one rotation at a time (read-modify-write of the stored ring)
  std::atomic<std::int64_t> last_sweep{0};

  // ----- snapshots of the shared state -----
  std::chrono::system_clock::time_point now() const { return cfg.clock ? cfg.clock() : std::chrono::system_clock::now(); }
  std::int64_t now_s() const;
  std::string issuer_id() const;
  bool resource_allowed(std::string_view resource) const;
  std::optional<dashboard_member> member_by_email(std::string_view email) const;
  std::optional<dashboard_member> member_by_id(std::string_view user_id) const;
  /// PBKDF2 iterations of the members' hashes, so an unknown email costs what a known one does.
  std::uint32_t password_iterations() const;
  std::shared_ptr<const key_ring> key_snapshot() const;

  /// A registered client or a metadata-document client; never called inside a transaction
  /// (a document fetch must not hold the store).
  mcp::result<client, std::string> find_client(const std::string& client_id);
  /// Deletes what has expired, at most once a minute.
  void maybe_sweep();

  // ----- endpoints -----
  transport::response metadata(const transport::request& req, bool openid);
  transport::response jwks_endpoint(const transport::request& req);
  transport::response register_client(const transport::request& req);
  transport::response authorize(const transport::request& req);
  transport::response sign_in(const transport::request& req);
  transport::response consent(const transport::request& req);
  transport::response token(const transport::request& req);
};

// ----- helpers shared by the endpoint files -----

/// A random secret: `prefix`, the emulator's planted marker, and 256 bits from OpenSSL's CSPRNG.
std::string secret_token(std::string_view prefix);
/// A JSON response with CORS for browser-based clients.
transport::response json_answer(unsigned status, const json& body);
/// An RFC 6749 §5.2 error: `{"error","error_description"}`, no-store.
transport::response oauth_error(unsigned status, std::string_view error, std::string_view description);
/// 405 with Allow.
transport::response method_not_allowed(std::string_view allow);
/// The request's parameters: the query, or a form or JSON body (strings only).
form body_params(const transport::request& req);
/// First value of `name` in `f`.
std::optional<std::string> first(const form& f, std::string_view name);
/// The name of a parameter sent more than once, if any (RFC 6749 §3.1).
std::optional<std::string> repeated(const form& f);
/// base64url(SHA-256(verifier)) — RFC 7636 §4.2.
std::string s256(std::string_view verifier);
/// 43–128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1, the shape of verifiers and challenges).
bool pkce_shaped(std::string_view s);
/// False when a form POST comes from another site: an Origin other than the issuer, or
/// `Sec-Fetch-Site: cross-site`. An Origin of "null" counts as absent: Chromium sends exactly that
/// for every form POST from a page with Referrer-Policy: no-referrer (Fetch §3.1.5, observed),
/// which every page here has, so refusing it would refuse every real sign-in. Sec-Fetch-Site
/// still tells a cross-site POST apart in current browsers, and the CSRF token and the SameSite
/// cookie protect the rest.
bool origin_ok(const transport::request& req, std::string_view issuer);
/// Epoch seconds of a stored object's field.
inline std::int64_t at(const json& o, std::string_view field) { return o[field].as_int(); }

}  // namespace emulator::oauth
