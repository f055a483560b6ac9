// auth/jwt.hpp — verification of a bearer access token (a JWS-signed JWT) into its verified claims.
//
// `verify()` is a pure function (STYLE habit 9): the token, the key snapshot, the options and the
// current time go in; the verified claims or a typed failure come out. No I/O, no clock, no logging,
// no exceptions: fetching keys, caching results by `token_digest()` and mapping failures to HTTP 401
// belong to the caller (the token_verifier actor and the transport).
//
// The rules, in the order they are applied (each is commented with its RFC section in jwt.cpp):
//  1. Compact JWS serialization with exactly three base64url parts (RFC 7515 §7.1), bounded size.
//  2. Header: `alg` from the allow-list RS256/ES256 only — never `none`, never HMAC (RFC 8725 §3.1,
//     §2.1); `crit` refused (RFC 7515 §4.1.11); `typ`, if present, JWT or at+jwt (RFC 8725 §3.11,
//     RFC 9068 §4); `kid` required and looked up in the key set; the key must be of the type the
//     `alg` names, so an HS256 token "signed with the public key" or an RS256 header pointing at an
//     EC key is refused (RFC 8725 §3.1).
//  3. Signature over ASCII(header '.' payload), verified before any claim is read (RFC 7515 §5.2,
//     RFC 8725 §3.3).
//  4. Claims: `iss` exact (RFC 7519 §4.1.1, RFC 9068 §4), `aud` contains this resource (RFC 7519
//     §4.1.3, RFC 8707, RFC 9068 §4), `exp` required (RFC 7519 §4.1.4), `nbf` (§4.1.5) and `iat`
//     (§4.1.6) optional, all with a leeway, and the token's lifetime bounded.
//
// Threading: verify() and token_digest() may run concurrently on any threads. They keep per-thread
// scratch state (a JSON parser), so a call never waits for another.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "auth/jwks.hpp"
#include "auth/result.hpp"

namespace auth {

/// What a deployment accepts. Built once from configuration and shared (immutable) afterwards.
struct verify_options {
  /// The authorization server's issuer identifier; `iss` must equal it byte for byte. Empty matches
  /// nothing.
  std::string issuer;
  /// This server's resource URL (RFC 8707/RFC 9728 `resource`); `aud` must contain it, compared after
  /// removing one trailing '/' from both sides. Empty matches nothing.
  std::string audience;
  /// Clock skew tolerated on `exp`, `nbf` and `iat` (RFC 7519 §4.1.4: "some small leeway").
  std::chrono::seconds leeway{60};
  /// Longest accepted token lifetime: `exp - iat` (or `exp - now` when there is no `iat`) may not
  /// exceed max_lifetime + leeway. Bounds how long a leaked token, or a cache entry, lives.
  std::chrono::seconds max_lifetime{3600};
  /// Accepted algorithms; a subset of RS256 and ES256 (both by default).
  std::vector<jws_alg> algorithms{jws_alg::rs256, jws_alg::es256};
  /// RFC 9068 §4: when true, the header must carry `typ: at+jwt` (or application/at+jwt).
  bool require_at_jwt_typ = false;
  /// RFC 9068 §2.2: when true, `iat`, `jti` and `client_id` are required as well.
  bool require_rfc9068_claims = false;
  /// Tokens longer than this are refused unread.
  std::size_t max_token_bytes = 16 * 1024;
};

/// The claims of a token that passed every check.
struct verified_token {
  std::string issuer;                 ///< `iss`
  std::string subject;                ///< `sub`: the user (or the client, for client credentials)
  std::vector<std::string> audience;  ///< `aud`, always as a list
  std::string client_id;              ///< `client_id` (RFC 9068 §2.2, RFC 8693 §4.3); empty if absent
  std::string session_id;             ///< `sid` (OpenID Connect session); empty if absent
  std::string jti;                    ///< `jti` (RFC 7519 §4.1.7); empty if absent
  std::set<std::string, std::less<>> scopes;           ///< `scope`, split on spaces (RFC 8693 §4.2)
  std::chrono::sys_seconds expires_at;                 ///< `exp`
  std::optional<std::chrono::sys_seconds> issued_at;   ///< `iat`
  std::optional<std::chrono::sys_seconds> not_before;  ///< `nbf`
  std::string kid;                                     ///< the key that signed it
  jws_alg alg = jws_alg::rs256;                        ///< the algorithm it was signed with

  /// True when `scope` granted `s`.
  bool has_scope(std::string_view s) const { return scopes.find(s) != scopes.end(); }
};

/// Why a token was refused. Every one of these but keys_unavailable is a 401 `invalid_token` to
/// the client; the distinction is for logs, metrics and the JWKS cache (unknown_kid may trigger
/// a refresh).
enum class verify_error {
  malformed,          ///< not a compact JWS / JSON / base64url, a claim of the wrong type, `crit`
  unsupported_alg,    ///< `alg` not on the allow-list (none, HS256, PS256, ...)
  wrong_type,         ///< `typ` names another kind of JWT
  unknown_kid,        ///< no key with that `kid` in the current key set
  key_mismatch,       ///< the `kid`'s key is not of the type `alg` needs
  bad_signature,      ///< the signature does not verify
  expired,            ///< now >= exp + leeway
  not_yet_valid,      ///< now + leeway < nbf
  issued_in_future,   ///< now + leeway < iat
  lifetime_too_long,  ///< exp - iat (or exp - now) > max_lifetime + leeway
  wrong_issuer,       ///< `iss` is not the configured issuer
  wrong_audience,     ///< `aud` does not contain this resource
  missing_claim,      ///< a required claim (iss, sub, aud, exp, ...) is absent
  /// Not the token's fault: no verification keys could be had (the authorization server's JWKS
  /// was never fetched, or the verifier stopped). Never produced by verify() itself; the caller
  /// answers 503 so that clients retry instead of signing in again.
  keys_unavailable,
};

/// A stable snake_case name, e.g. "bad_signature" (for metrics labels and logs).
std::string_view to_string(verify_error e);

/// A refusal: what kind, and a short message for logs (untrusted text in it is sanitised).
struct verify_failure {
  verify_error code;
  std::string message;
};

/// Verifies `token` (the bearer credential, without "Bearer ") against `keys` at time `now`.
result<verified_token, verify_failure> verify(std::string_view token, const jwk_set& keys,
                                              const verify_options& opts,
                                              std::chrono::system_clock::time_point now);

/// Lower-case hex SHA-256 of the token: a key for a verified-token cache that does not keep the
/// credential itself in memory.
std::string token_digest(std::string_view token);

}  // namespace auth
