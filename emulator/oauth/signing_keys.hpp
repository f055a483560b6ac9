// emulator/oauth/signing_keys.hpp — the authorization server's RSA signing keys: generation,
// persistence (PEM in the store), the published JWKS, RS256 signing, and rotation with overlap.
//
// A `key_ring` is immutable: rotation builds a new ring and the server swaps a
// `shared_ptr<const key_ring>`, so a token being signed or a JWKS being served keeps the ring it
// started with (STYLE habit 8). The first key signs; the one after it is the previous signing key,
// still published so that tokens it signed verify until they expire. At most two keys are kept.
//
// Threading: a ring may be used from any number of threads at once (OpenSSL 3 EVP_PKEYs are safe
// for concurrent signing; each signature gets its own context).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/json_value.hpp"
#include "mcp/errors.hpp"

struct evp_pkey_st;

namespace emulator::oauth {

/// Why a key could not be made, loaded or used.
struct key_error {
  std::string message;
};

struct signing_key {
  std::string kid;                   ///< RFC 7638 thumbprint of the public key
  std::int64_t created_at = 0;       ///< unix seconds
  std::int64_t retired_at = 0;       ///< unix seconds it stopped signing; 0 for the signing key
  std::string pem;                   ///< the private key, PKCS#8 PEM (what the store keeps)
  std::shared_ptr<evp_pkey_st> pkey; ///< the loaded key
};

/// A fresh 2048-bit RSA key (RFC 7518 §3.3's minimum, and what AuthKit uses).
mcp::result<signing_key, key_error> generate_signing_key(std::int64_t now);

class key_ring {
 public:
  /// The ring stored as `{"keys":[{"kid","created_at","retired_at","pem"},…]}`, newest first.
  static mcp::result<key_ring, key_error> from_json(const json& stored);
  json to_json() const;

  /// A ring with one fresh key.
  static mcp::result<key_ring, key_error> fresh(std::int64_t now);
  /// This ring with a new signing key in front, the current one retired at `now`, and only the
  /// newest two kept.
  mcp::result<key_ring, key_error> rotated(std::int64_t now) const;
  /// This ring without retired keys whose every token has expired: a key retired at `r` signed
  /// its last token at `r`, which expires by `r + max_token_ttl_s`.
  key_ring pruned(std::int64_t now, std::int64_t max_token_ttl_s) const;

  const signing_key& signing() const { return keys_.front(); }
  const std::vector<signing_key>& keys() const { return keys_; }

  /// The public keys as a JWKS document (RFC 7517): kty, use, alg, kid, n, e.
  std::string jwks() const;
  /// A compact JWS (RFC 7515) over `claims`, RS256 with the signing key, header
  /// `{"alg":"RS256","typ":typ,"kid":…}`.
  mcp::result<std::string, key_error> sign(std::string_view typ, const json& claims) const;

 private:
  std::vector<signing_key> keys_;
};

}  // namespace emulator::oauth
