// control/crypto.cpp — OpenSSL calls behind crypto.hpp.
#include "control/crypto.hpp"

#include <chrono>
#include <charconv>
#include <memory>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace control::crypto {

namespace {

struct cipher_ctx_deleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

constexpr std::string_view password_scheme = "pbkdf2-sha256";
constexpr std::size_t salt_bytes = 16;
constexpr std::size_t derived_bytes = 32;
// Bounds on a stored iteration count: below is no protection, above is a denial of service.
constexpr std::uint32_t min_iterations = 1'000;
constexpr std::uint32_t max_iterations = 10'000'000;

bool pbkdf2(std::string_view password, std::string_view salt, std::uint32_t iterations, unsigned char* out) {
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), bytes(salt),
                           static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                           static_cast<int>(derived_bytes), out) == 1;
}

}  // namespace

bool random_bytes(void* out, std::size_t n) {
  return n == 0 || RAND_bytes(static_cast<unsigned char*>(out), static_cast<int>(n)) == 1;
}

std::string to_hex(std::string_view in) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(in.size() * 2);
  for (unsigned char c : in) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

namespace {

std::string sha256_bytes(std::string_view in) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(in.data(), in.size(), md, &len, EVP_sha256(), nullptr);
  return std::string{reinterpret_cast<const char*>(md), len};
}

}  // namespace

std::string sha256_hex(std::string_view in) { return to_hex(sha256_bytes(in)); }
std::string sha256_base64url(std::string_view in) { return to_base64url(sha256_bytes(in)); }

std::string to_base64url(std::string_view in) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(alphabet[(acc << (6 - bits)) & 63]);
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int d = base64_digit(c);
    if (d < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // Leftover bits must be zero, or the text was not canonical base64.
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_id(std::string_view prefix) {
  static constexpr char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  unsigned char rnd[10] = {};
  if (!random_bytes(rnd, sizeof rnd)) {
    // OpenSSL's CSPRNG does not fail on a working system; if it ever does, ids must still be
    // unique, and the address of a stack buffer plus the time is better than nothing.
    auto fallback = reinterpret_cast<std::uintptr_t>(&rnd) ^ (ms * 0x9E3779B97F4A7C15ull);
    for (auto& b : rnd) b = static_cast<unsigned char>(fallback >>= 3);
  }
  char ulid[26];
  for (int i = 9; i >= 0; --i) {
    ulid[i] = crockford[ms & 31];
    ms >>= 5;
  }
  // 80 random bits → 16 base32 characters.
  std::uint64_t hi = 0, lo = 0;
  for (int i = 0; i < 2; ++i) hi = (hi << 8) | rnd[i];
  for (int i = 2; i < 10; ++i) lo = (lo << 8) | rnd[i];
  for (int i = 25; i >= 10; --i) {
    ulid[i] = crockford[lo & 31];
    lo = (lo >> 5) | ((hi & 31) << 59);
    hi >>= 5;
  }
  std::string id{prefix};
  id += '_';
  id.append(ulid, 26);
  return id;
}

master_key::~master_key() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

std::optional<master_key> master_key::parse(std::string_view text) {
  std::optional<std::string> raw;
  auto t = trim(text);
  if (t.size() == 2 * key_bytes) raw = from_hex(t);
  if (!raw && (t.size() == 43 || t.size() == 44)) raw = from_base64(t);
  // Exactly 32 raw bytes (a binary key file); untrimmed, since whitespace bytes are key bytes.
  if (!raw && text.size() == key_bytes) raw = std::string{text};
  if (!raw || raw->size() != key_bytes) {
    if (raw) OPENSSL_cleanse(raw->data(), raw->size());
    return std::nullopt;
  }
  master_key k;
  std::copy(raw->begin(), raw->end(), reinterpret_cast<char*>(k.bytes_.data()));
  OPENSSL_cleanse(raw->data(), raw->size());
  return k;
}

result<master_key> master_key::generate() {
  master_key k;
  if (!random_bytes(k.bytes_.data(), k.bytes_.size())) return fail(errc::crypto, "the random generator failed");
  return k;
}

std::string master_key::to_hex() const {
  return crypto::to_hex({reinterpret_cast<const char*>(bytes_.data()), bytes_.size()});
}

result<std::string> seal(const master_key& key, std::string_view plaintext, std::string_view aad) {
  std::string out(1 + nonce_bytes + plaintext.size() + tag_bytes, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  o[0] = sealed_version;
  unsigned char* nonce = o + 1;
  unsigned char* body = nonce + nonce_bytes;
  if (!random_bytes(nonce, nonce_bytes)) return fail(errc::crypto, "the random generator failed");
  cipher_ctx ctx{EVP_CIPHER_CTX_new()};
  int len = 0;
  bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_bytes), nullptr) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len, o, 1) == 1 &&
            (aad.empty() || EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1) &&
            (plaintext.empty() ||
             EVP_EncryptUpdate(ctx.get(), body, &len, bytes(plaintext), static_cast<int>(plaintext.size())) == 1) &&
            EVP_EncryptFinal_ex(ctx.get(), body + plaintext.size(), &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_bytes),
                                body + plaintext.size()) == 1;
  if (!ok) return fail(errc::crypto, "AES-256-GCM encryption failed");
  return out;
}

result<secret> open_sealed(const master_key& key, std::string_view sealed, std::string_view aad) {
  if (sealed.size() < 1 + nonce_bytes + tag_bytes || static_cast<unsigned char>(sealed[0]) != sealed_version)
    return fail(errc::crypto, "not a sealed value of a known version");
  const unsigned char* s = bytes(sealed);
  const unsigned char* nonce = s + 1;
  const unsigned char* body = nonce + nonce_bytes;
  std::size_t body_size = sealed.size() - 1 - nonce_bytes - tag_bytes;
  // The tag is passed through a copy: EVP_CTRL_GCM_SET_TAG takes a non-const pointer.
  unsigned char tag[tag_bytes];
  std::copy(body + body_size, body + body_size + tag_bytes, tag);
  std::string plain(body_size, '\0');
  auto* p = reinterpret_cast<unsigned char*>(plain.data());
  cipher_ctx ctx{EVP_CIPHER_CTX_new()};
  int len = 0;
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_bytes), nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, s, 1) == 1 &&
            (aad.empty() || EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1) &&
            (body_size == 0 || EVP_DecryptUpdate(ctx.get(), p, &len, body, static_cast<int>(body_size)) == 1) &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_bytes), tag) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), p + body_size, &len) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return fail(errc::crypto, "the sealed value does not open: altered, sealed under another master key, or "
                              "belonging to another environment");
  }
  return secret{std::move(plain)};
}

result<std::string> hash_password(std::string_view password, std::uint32_t iterations) {
  if (iterations < min_iterations || iterations > max_iterations)
    return fail(errc::invalid_argument, "password hash iterations out of range");
  std::string salt(salt_bytes, '\0');
  if (!random_bytes(salt.data(), salt.size())) return fail(errc::crypto, "the random generator failed");
  unsigned char dk[derived_bytes];
  if (!pbkdf2(password, salt, iterations, dk)) return fail(errc::crypto, "PBKDF2 failed");
  std::string out{password_scheme};
  out += '$';
  out += std::to_string(iterations);
  out += '$';
  out += to_hex(salt);
  out += '$';
  out += to_hex({reinterpret_cast<const char*>(dk), derived_bytes});
  OPENSSL_cleanse(dk, sizeof dk);
  return out;
}

bool verify_password_hash(std::string_view stored, std::string_view password) {
  // scheme$iterations$salt$key
  auto next = [&stored]() -> std::optional<std::string_view> {
    if (stored.empty()) return std::nullopt;
    auto d = stored.find('$');
    auto part = stored.substr(0, d);
    stored = d == std::string_view::npos ? std::string_view{} : stored.substr(d + 1);
    return part;
  };
  auto scheme = next(), iter_text = next(), salt_hex = next(), key_hex = next();
  if (!scheme || *scheme != password_scheme || !iter_text || !salt_hex || !key_hex || !stored.empty()) return false;
  std::uint32_t iterations = 0;
  auto [end, ec] = std::from_chars(iter_text->data(), iter_text->data() + iter_text->size(), iterations);
  if (ec != std::errc{} || end != iter_text->data() + iter_text->size()) return false;
  if (iterations < min_iterations || iterations > max_iterations) return false;
  auto salt = from_hex(*salt_hex);
  auto expected = from_hex(*key_hex);
  if (!salt || !expected || expected->size() != derived_bytes) return false;
  unsigned char dk[derived_bytes];
  if (!pbkdf2(password, *salt, iterations, dk)) return false;
  bool same = equal_constant_time({reinterpret_cast<const char*>(dk), derived_bytes}, *expected);
  OPENSSL_cleanse(dk, sizeof dk);
  return same;
}

void spend_password_time(std::string_view password, std::uint32_t iterations) {
  static constexpr char salt[salt_bytes] = {};
  if (iterations < min_iterations || iterations > max_iterations) iterations = default_password_iterations;
  unsigned char dk[derived_bytes];
  pbkdf2(password, {salt, salt_bytes}, iterations, dk);
  OPENSSL_cleanse(dk, sizeof dk);
}

}  // namespace control::crypto
