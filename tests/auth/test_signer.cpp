// tests/auth/test_signer.cpp — test-only signing with OpenSSL 3 (EVP only, no deprecated APIs).
#include "test_signer.hpp"

#include <fcntl.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "auth/base64url.hpp"
#include "mcp/json.hpp"

namespace auth_test {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test signer: ") + what);
}

std::string bn_bytes(EVP_PKEY* key, const char* param, int pad_to = 0) {
  BIGNUM* raw = nullptr;
  require(EVP_PKEY_get_bn_param(key, param, &raw) == 1, param);
  auth::ossl::bn_ptr bn(raw);
  const int len = pad_to > 0 ? pad_to : BN_num_bytes(bn.get());
  std::string out(static_cast<std::size_t>(len), '\0');
  require(BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), len) == len, "bn2binpad");
  return out;
}

}  // namespace

std::string str(std::string_view s) {
  std::string out;
  mcp::append_json_string(out, s);
  return out;
}

std::string to_json_object(const json_members& m) {
  std::string out = "{";
  for (const auto& [k, v] : m) {
    if (out.size() > 1) out += ',';
    out += str(k) + ':' + v;
  }
  return out + '}';
}

auth::ossl::pkey_ptr generate_rsa(unsigned bits) {
  auth::ossl::pkey_ptr k(EVP_RSA_gen(bits));
  require(k != nullptr, "RSA keygen");
  return k;
}

auth::ossl::pkey_ptr generate_p256() {
  auth::ossl::pkey_ptr k(EVP_EC_gen("P-256"));
  require(k != nullptr, "EC keygen");
  return k;
}

json_members public_jwk(EVP_PKEY* key, std::string_view kid, const json_members& extra) {
  json_members m = extra;
  m.emplace("kid", str(kid));
  if (EVP_PKEY_is_a(key, "RSA")) {
    m.emplace("kty", str("RSA"));
    m.emplace("n", str(auth::base64url_encode(bn_bytes(key, OSSL_PKEY_PARAM_RSA_N))));
    m.emplace("e", str(auth::base64url_encode(bn_bytes(key, OSSL_PKEY_PARAM_RSA_E))));
  } else {
    m.emplace("kty", str("EC"));
    m.emplace("crv", str("P-256"));
    m.emplace("x", str(auth::base64url_encode(bn_bytes(key, OSSL_PKEY_PARAM_EC_PUB_X, 32))));
    m.emplace("y", str(auth::base64url_encode(bn_bytes(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))));
  }
  return m;
}

std::string jwks_json(std::initializer_list<json_members> keys) {
  std::string out = "{\"keys\":[";
  bool first = true;
  for (const auto& k : keys) {
    if (!first) out += ',';
    first = false;
    out += to_json_object(k);
  }
  return out + "]}";
}

namespace {

constexpr int cached_key_count = 4;

bool load_cached_keys(const std::string& path, shared_keys& out) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!bio) return false;
  auth::ossl::pkey_ptr* slots[cached_key_count] = {&out.rsa, &out.rsa2, &out.ec, &out.other};
  for (auto* slot : slots) {
    slot->reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!*slot) return false;
  }
  return EVP_PKEY_is_a(out.rsa.get(), "RSA") && EVP_PKEY_is_a(out.rsa2.get(), "RSA") &&
         EVP_PKEY_is_a(out.ec.get(), "EC") && EVP_PKEY_is_a(out.other.get(), "RSA");
}

void save_cached_keys(const std::string& path, const shared_keys& k) {
  // Written under a unique name, then renamed: processes started in parallel never see half a file.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return;
    ::close(fd);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(tmp.c_str(), "w"), &BIO_free);
    if (!bio) return;
    for (EVP_PKEY* key : {k.rsa.get(), k.rsa2.get(), k.ec.get(), k.other.get()}) {
      if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) return;
    }
  }
  std::rename(tmp.c_str(), path.c_str());
}

}  // namespace

const shared_keys& keys() {
  static const shared_keys k = [] {
    shared_keys out;
    const std::string path = AUTH_TEST_KEY_CACHE;
    if (load_cached_keys(path, out)) return out;
    out = shared_keys{generate_rsa(), generate_rsa(), generate_p256(), generate_rsa()};
    save_cached_keys(path, out);
    return out;
  }();
  return k;
}

std::string public_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  require(bio && PEM_write_bio_PUBKEY(bio.get(), key) == 1, "PEM_write_bio_PUBKEY");
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string signing_input(std::string_view header_json, std::string_view payload_json) {
  return auth::base64url_encode(header_json) + '.' + auth::base64url_encode(payload_json);
}

std::string sign_raw(EVP_PKEY* key, std::string_view input) {
  auth::ossl::md_ctx_ptr ctx(EVP_MD_CTX_new());
  require(ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1, "DigestSignInit");
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  require(EVP_DigestSign(ctx.get(), nullptr, &len, in, input.size()) == 1, "DigestSign size");
  std::string sig(len, '\0');
  require(
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, input.size()) == 1,
      "DigestSign");
  sig.resize(len);
  if (!EVP_PKEY_is_a(key, "EC")) return sig;
  // RFC 7518 §3.4: JWS carries R || S, 32 octets each, not OpenSSL's DER.
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> es(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())), &ECDSA_SIG_free);
  require(es != nullptr, "d2i_ECDSA_SIG");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(es.get(), &r, &s);
  std::string raw(64, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  require(BN_bn2binpad(r, out, 32) == 32 && BN_bn2binpad(s, out + 32, 32) == 32, "r||s");
  return raw;
}

std::string sign(EVP_PKEY* key, const json_members& header, const json_members& claims) {
  const std::string input = signing_input(to_json_object(header), to_json_object(claims));
  return input + '.' + auth::base64url_encode(sign_raw(key, input));
}

std::string sign_hs256(std::string_view secret, const json_members& header, const json_members& claims) {
  const std::string input = signing_input(to_json_object(header), to_json_object(claims));
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  require(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(), secret.size(),
                    reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, sizeof mac,
                    &len) != nullptr,
          "HMAC");
  return input + '.' + auth::base64url_encode(std::string_view(reinterpret_cast<char*>(mac), len));
}

}  // namespace auth_test
