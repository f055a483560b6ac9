// emulator/oauth/signing_keys.cpp — RSA keys with OpenSSL 3 EVP: generate, PEM round trip, JWK
// export, RS256 signing, rotation (see signing_keys.hpp).
#include "emulator/oauth/signing_keys.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "auth/ossl.hpp"
#include "control/crypto.hpp"

namespace emulator::oauth {

namespace {

constexpr std::size_t max_keys = 2;

using auth::ossl::bio_ptr;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* k) { return {k, EVP_PKEY_free}; }

key_error openssl_error(std::string what) {
  // Drain the thread's error queue into the message, so nothing stale is left for the next user.
  if (auto e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    what += ": ";
    what += buf;
  }
  ERR_clear_error();
  return {std::move(what)};
}

std::string bn_base64url(const EVP_PKEY* k, const char* param) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(k, param, &raw) != 1) return {};
  auth::ossl::bn_ptr bn(raw);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
  return control::crypto::to_base64url(bytes);
}

// The public JWK members in RFC 7638 §3.2's lexicographic order, so the same text serves as the
// thumbprint input.
std::string thumbprint_input(const EVP_PKEY* k) {
  return R"({"e":")" + bn_base64url(k, OSSL_PKEY_PARAM_RSA_E) + R"(","kty":"RSA","n":")" +
         bn_base64url(k, OSSL_PKEY_PARAM_RSA_N) + R"("})";
}

std::string sha256_base64url(std::string_view text) { return control::crypto::sha256_base64url(text); }

mcp::result<signing_key, key_error> load(const json& stored) {
  const auto& pem = stored["pem"].as_string();
  bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return openssl_error("BIO_new_mem_buf");
  auto pkey = own(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) return openssl_error("a stored signing key does not load");
  if (EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA) return key_error{"a stored signing key is not RSA"};
  signing_key k;
  k.kid = sha256_base64url(thumbprint_input(pkey.get()));
  k.created_at = stored["created_at"].as_int();
  k.retired_at = stored["retired_at"].as_int();
  k.pem = pem;
  k.pkey = std::move(pkey);
  return k;
}

}  // namespace

mcp::result<signing_key, key_error> generate_signing_key(std::int64_t now) {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
  if (!raw) return openssl_error("RSA key generation failed");
  auto pkey = own(raw);
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return openssl_error("PEM encoding of the signing key failed");
  char* data = nullptr;
  auto len = BIO_get_mem_data(bio.get(), &data);
  signing_key k;
  k.kid = sha256_base64url(thumbprint_input(pkey.get()));
  k.created_at = now;
  k.pem.assign(data, static_cast<std::size_t>(len));
  k.pkey = std::move(pkey);
  return k;
}

mcp::result<key_ring, key_error> key_ring::from_json(const json& stored) {
  key_ring ring;
  if (!stored["keys"].is_array() || stored["keys"].as_array().empty()) return key_error{"no signing keys stored"};
  for (const auto& item : stored["keys"].as_array()) {
    auto k = load(item);
    if (!k) return k.error();
    ring.keys_.push_back(std::move(*k));
  }
  return ring;
}

json key_ring::to_json() const {
  json list = json::array();
  for (const auto& k : keys_) {
    json item = json::object();
    item.set("kid", k.kid);
    item.set("created_at", k.created_at);
    item.set("retired_at", k.retired_at);
    item.set("pem", k.pem);
    list.as_array().push_back(std::move(item));
  }
  json out = json::object();
  out.set("keys", std::move(list));
  return out;
}

mcp::result<key_ring, key_error> key_ring::fresh(std::int64_t now) {
  auto k = generate_signing_key(now);
  if (!k) return k.error();
  key_ring ring;
  ring.keys_.push_back(std::move(*k));
  return ring;
}

mcp::result<key_ring, key_error> key_ring::rotated(std::int64_t now) const {
  auto k = generate_signing_key(now);
  if (!k) return k.error();
  key_ring ring;
  ring.keys_.push_back(std::move(*k));
  for (const auto& old : keys_) {
    if (ring.keys_.size() >= max_keys) break;
    ring.keys_.push_back(old);
    if (ring.keys_.back().retired_at == 0) ring.keys_.back().retired_at = now;
  }
  return ring;
}

key_ring key_ring::pruned(std::int64_t now, std::int64_t max_token_ttl_s) const {
  key_ring ring;
  for (const auto& k : keys_)
    if (k.retired_at == 0 || k.retired_at + max_token_ttl_s > now) ring.keys_.push_back(k);
  return ring;
}

std::string key_ring::jwks() const {
  json list = json::array();
  for (const auto& k : keys_) {
    json item = json::object();
    item.set("kty", "RSA");
    item.set("use", "sig");
    item.set("alg", "RS256");
    item.set("kid", k.kid);
    item.set("n", bn_base64url(k.pkey.get(), OSSL_PKEY_PARAM_RSA_N));
    item.set("e", bn_base64url(k.pkey.get(), OSSL_PKEY_PARAM_RSA_E));
    list.as_array().push_back(std::move(item));
  }
  json out = json::object();
  out.set("keys", std::move(list));
  return out.dump();
}

mcp::result<std::string, key_error> key_ring::sign(std::string_view typ, const json& claims) const {
  const auto& key = signing();
  json header = json::object();
  header.set("alg", "RS256");
  header.set("typ", typ);
  header.set("kid", key.kid);
  std::string input = control::crypto::to_base64url(header.dump()) + "." + control::crypto::to_base64url(claims.dump());
  auth::ossl::md_ctx_ptr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.pkey.get()) != 1)
    return openssl_error("EVP_DigestSignInit");
  std::size_t len = 0;
  auto data = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data, input.size()) != 1) return openssl_error("EVP_DigestSign");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, data, input.size()) != 1)
    return openssl_error("EVP_DigestSign");
  sig.resize(len);
  return input + "." + control::crypto::to_base64url(sig);
}

}  // namespace emulator::oauth
