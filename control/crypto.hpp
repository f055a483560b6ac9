// control/crypto.hpp — the control plane's cryptography, all from OpenSSL: the master key,
// AES-256-GCM sealing of API keys, PBKDF2 password hashes, random ids, encodings.
//
// Sealed format (one byte string, stored as a BLOB):
//   version (1 byte, = 1) ‖ nonce (12 random bytes) ‖ ciphertext ‖ GCM tag (16 bytes)
// The additional authenticated data is the version byte followed by the caller's `aad` (the
// store passes "team id/environment id"), so a sealed key copied to another environment's row,
// or to another team, fails to open just like a tampered one. A fresh random nonce per value
// means the same key sealed twice never gives the same bytes; with 96-bit random nonces, one
// master key can seal far more values than a control plane will ever hold (NIST's 2^32 bound).
//
// Password hashes: "pbkdf2-sha256$<iterations>$<salt hex>$<derived key hex>", 16-byte salt,
// 32-byte key, PBKDF2-HMAC-SHA256 (OWASP 2023: 600,000 iterations). The iteration count is
// stored with each hash, so it can be raised later without invalidating old ones.
//
// Everything here is thread-safe (no shared state) and throws nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "control/model.hpp"
#include "control/result.hpp"

namespace control::crypto {

inline constexpr std::size_t key_bytes = 32;    ///< AES-256
inline constexpr std::size_t nonce_bytes = 12;  ///< GCM's 96-bit nonce
inline constexpr std::size_t tag_bytes = 16;
inline constexpr unsigned char sealed_version = 1;
/// PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023).
inline constexpr std::uint32_t default_password_iterations = 600'000;

/// Fills `out` with `n` bytes from OpenSSL's CSPRNG; false when it fails.
bool random_bytes(void* out, std::size_t n);

/// Lowercase hex of `bytes`.
std::string to_hex(std::string_view bytes);
/// The bytes of an even-length hex string (either case); nullopt when it is not one.
std::optional<std::string> from_hex(std::string_view text);
/// Base64url without padding.
std::string to_base64url(std::string_view bytes);
/// SHA-256 of `bytes`, as lowercase hex (digests kept in place of a value) and as base64url
/// without padding (PKCE S256 challenges, JWK thumbprints).
std::string sha256_hex(std::string_view bytes);
std::string sha256_base64url(std::string_view bytes);
/// Decodes standard or URL-safe base64, padding optional; nullopt when malformed.
std::optional<std::string> from_base64(std::string_view text);
/// True when `a` and `b` are equal; time depends only on the lengths (CRYPTO_memcmp).
bool equal_constant_time(std::string_view a, std::string_view b);

/// `prefix` + "_" + a 26-character ULID (48-bit millisecond time, 80 random bits, Crockford
/// base32): time-ordered like the WorkOS ids, unguessable.
std::string new_id(std::string_view prefix);

/// A 256-bit key. Wiped from memory when destroyed.
class master_key {
 public:
  /// 64 hex digits, base64 (standard or URL-safe) of 32 bytes, or exactly 32 raw bytes;
  /// surrounding whitespace is ignored. Nullopt for anything else.
  static std::optional<master_key> parse(std::string_view text);
  /// A fresh random key.
  static result<master_key> generate();

  master_key(const master_key&) = default;
  master_key& operator=(const master_key&) = default;
  ~master_key();

  const unsigned char* data() const { return bytes_.data(); }
  /// The key as 64 hex digits (what master.key holds).
  std::string to_hex() const;

 private:
  master_key() = default;
  std::array<unsigned char, key_bytes> bytes_{};
};

/// Encrypts `plaintext` under `key` with a fresh nonce, binding `aad` (see the format above).
result<std::string> seal(const master_key& key, std::string_view plaintext, std::string_view aad);
/// Decrypts what `seal` made with the same key and aad; errc::crypto when it was altered, was
/// sealed under another key, or belongs to another `aad`.
result<secret> open_sealed(const master_key& key, std::string_view sealed, std::string_view aad);

/// A new PBKDF2 hash of `password` with a random salt.
result<std::string> hash_password(std::string_view password,
                                  std::uint32_t iterations = default_password_iterations);
/// True when `password` matches `stored` (constant-time comparison of the derived keys).
/// False for malformed hashes too.
bool verify_password_hash(std::string_view stored, std::string_view password);
/// Spends the time of one verification, for unknown users, so that timing does not tell
/// whether an email belongs to a member.
void spend_password_time(std::string_view password, std::uint32_t iterations = default_password_iterations);

}  // namespace control::crypto
