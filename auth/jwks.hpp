// auth/jwks.hpp — a JSON Web Key Set (RFC 7517) parsed into an immutable snapshot of verification keys.
//
// The authorization server publishes its public keys at its `jwks_uri`; this file turns that document
// into a `jwk_set` once (parse, don't validate: STYLE habit 10), and everything after works on the
// typed keys. A snapshot is published as `std::shared_ptr<const jwk_set>` (habit 8): the JWKS cache
// swaps the pointer on refresh while verifications in flight keep the keys they started with.
//
// What is kept: RSA keys (`kty: RSA`, `n`, `e`, modulus of at least 2048 bits) for RS256, and EC P-256
// keys (`kty: EC`, `crv: P-256`, `x`, `y`) for ES256, each with a `kid`. What is left out, with a line
// in `skipped()` saying why: encryption keys (`use: enc`), keys whose `key_ops` exclude "verify", keys
// whose `alg` is not the one algorithm we accept for their type (RFC 8725 §3.1: a key is used with one
// algorithm only), other key types (oct, OKP) and curves, weak RSA keys, keys without a `kid`, and a
// second key with a `kid` already seen. A document in which no key survives is an error, so a broken
// refresh never replaces a working snapshot with an empty one.
//
// Threading: a `jwk_set` is immutable after parse(); its keys may be used for verification from any
// number of threads at once (OpenSSL 3 EVP_PKEYs are safe for concurrent read-only use).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/ossl.hpp"
#include "auth/result.hpp"

namespace auth {

/// The JWS algorithms this server accepts (RFC 7518 §3.1). Never `none`, never HMAC (RFC 8725 §3.1).
enum class jws_alg {
  rs256,  ///< RSASSA-PKCS1-v1_5 with SHA-256, RSA key (RFC 7518 §3.3)
  es256,  ///< ECDSA P-256 with SHA-256, EC P-256 key (RFC 7518 §3.4)
};

/// "RS256" / "ES256".
std::string_view to_string(jws_alg a);

/// Minimum RSA modulus size accepted (RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used").
inline constexpr int min_rsa_bits = 2048;
/// Maximum RSA modulus size accepted: bounds the cost of one verification an attacker can cause.
inline constexpr int max_rsa_bits = 8192;

/// One public verification key from a JWKS, bound to the single algorithm it may be used with.
class jwk {
 public:
  /// The key id (`kid`), never empty.
  const std::string& kid() const { return kid_; }
  /// The one algorithm this key verifies: RS256 for RSA keys, ES256 for P-256 keys.
  jws_alg alg() const { return alg_; }
  /// Key size in bits (the RSA modulus, or 256 for P-256).
  int bits() const { return bits_; }
  /// The OpenSSL public key, owned by this jwk; valid as long as the jwk_set lives.
  EVP_PKEY* pkey() const { return pkey_.get(); }

  jwk(std::string kid, jws_alg alg, int bits, ossl::pkey_ptr pkey)
      : kid_(std::move(kid)), alg_(alg), bits_(bits), pkey_(std::move(pkey)) {}

 private:
  std::string kid_;
  jws_alg alg_;
  int bits_;
  ossl::pkey_ptr pkey_;
};

/// Why a JWKS document was refused as a whole.
struct jwks_error {
  std::string message;
};

class jwk_set;
/// The immutable snapshot that is shared between the cache and the verifications using it.
using jwk_set_ptr = std::shared_ptr<const jwk_set>;

/// A parsed JWKS: the usable verification keys, by `kid`.
class jwk_set {
 public:
  /// Parses a JWKS document (`{"keys": [...]}`). Fails when the text is not JSON, has no `keys`
  /// array, or leaves no usable key; individual unusable keys are skipped and listed in skipped().
  static result<jwk_set_ptr, jwks_error> parse(std::string_view json);

  /// The key with this `kid`, or nullptr.
  const jwk* find(std::string_view kid) const;
  /// All usable keys, in document order.
  std::span<const jwk> keys() const { return keys_; }
  std::size_t size() const { return keys_.size(); }
  /// One human-readable line per key that was left out, with the reason (for logs and metrics).
  const std::vector<std::string>& skipped() const { return skipped_; }

  jwk_set(const jwk_set&) = delete;
  jwk_set& operator=(const jwk_set&) = delete;

 private:
  jwk_set() = default;
  std::vector<jwk> keys_;
  std::vector<std::string> skipped_;
};

}  // namespace auth
