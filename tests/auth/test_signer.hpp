// tests/auth/test_signer.hpp — test-only token minting: key generation, JWKS building, JWS signing.
//
// The product never signs anything (it is a resource server); tests need to, to produce tokens with
// every defect the verifier must catch. Header and claims are maps of raw JSON values, so a test can
// drop a claim, give it the wrong type, or add an unexpected header parameter in one line.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "auth/jwks.hpp"
#include "auth/ossl.hpp"

namespace auth_test {

/// Raw JSON values by member name, serialised in name order.
using json_members = std::map<std::string, std::string>;
/// `{"a":1,"b":"x"}` from {{"a","1"},{"b","\"x\""}}.
std::string to_json_object(const json_members& m);
/// A JSON string literal.
std::string str(std::string_view s);

/// Fresh keys from OpenSSL's default provider.
auth::ossl::pkey_ptr generate_rsa(unsigned bits = 2048);
auth::ossl::pkey_ptr generate_p256();

/// The public JWK of `key` (RSA: n, e; EC: crv, x, y) with `kid` and any `extra` members.
json_members public_jwk(EVP_PKEY* key, std::string_view kid, const json_members& extra = {});
/// `{"keys":[...]}` from JWK member maps.
std::string jwks_json(std::initializer_list<json_members> keys);

/// SubjectPublicKeyInfo PEM of the public half (what an HS256 "key confusion" attacker uses).
std::string public_pem(EVP_PKEY* key);

/// base64url(header) '.' base64url(payload), the JWS signing input.
std::string signing_input(std::string_view header_json, std::string_view payload_json);
/// The JWS signature over `input`: RS256 (PKCS#1 v1.5) for RSA keys, ES256 (raw r||s) for EC keys.
std::string sign_raw(EVP_PKEY* key, std::string_view input);
/// A compact JWS signed with `key`.
std::string sign(EVP_PKEY* key, const json_members& header, const json_members& claims);
/// A compact JWS with an HMAC-SHA256 signature keyed with `secret`.
std::string sign_hs256(std::string_view secret, const json_members& header, const json_members& claims);

/// Keys shared by the tests. RSA generation takes 0.1–0.6 s a key and CTest runs every test in its
/// own process, so the first process of a build tree generates them with OpenSSL and saves them (PEM,
/// mode 0600) in the build directory (AUTH_TEST_KEY_CACHE); later processes load that file. Delete it
/// to get new keys. Nothing secret: these keys sign test tokens only and are never committed.
struct shared_keys {
  auth::ossl::pkey_ptr rsa;    ///< RSA 2048, kid "rsa-1"
  auth::ossl::pkey_ptr rsa2;   ///< RSA 2048, kid "rsa-2" (a rotated-in key)
  auth::ossl::pkey_ptr ec;     ///< P-256, kid "ec-1"
  auth::ossl::pkey_ptr other;  ///< RSA 2048 that is in no JWKS (kid "rsa-x")
};
const shared_keys& keys();

/// The fixed clock the tests run at, and helpers around it.
inline constexpr std::int64_t now_s = 1'700'000'000;  // 2023-11-14T22:13:20Z
inline std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
  return std::chrono::system_clock::time_point{std::chrono::seconds{unix_seconds}};
}

}  // namespace auth_test
