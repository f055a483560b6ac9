// auth/jwks.cpp — JWKS parsing and construction of OpenSSL 3 public keys from JWK members.
#include "auth/jwks.hpp"

#include <openssl/core_names.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "auth/base64url.hpp"
#include "auth/text.hpp"
#include "mcp/json.hpp"

namespace auth {
namespace {

using detail::quote_untrusted;
using simdjson::dom::element;

/// A JWKS document larger than this is refused before parsing (real ones are a few KiB).
constexpr std::size_t max_jwks_bytes = 512 * 1024;
/// Keys past this many are skipped: bounds the work a refresh can cost.
constexpr std::size_t max_keys = 64;
/// RSA public exponents are small (65537 in practice); a huge `e` only makes verification slow.
constexpr int max_rsa_e_bits = 64;
/// P-256 coordinates are exactly 32 octets (RFC 7518 §6.2.1.2/§6.2.1.3: "MUST be the full size").
constexpr std::size_t p256_coordinate_bytes = 32;

/// The outcome of reading one JWK: a key, or the reason it is left out.
using key_result = result<jwk, std::string>;

/// A required string member, or the reason it is missing.
result<std::string_view, std::string> required_string(element obj, std::string_view name) {
  auto f = mcp::get_field(obj, name);
  if (!f) return "no \"" + std::string(name) + "\" member";
  if (!f->is_string()) return "\"" + std::string(name) + "\" is not a string";
  return f->get_string().value_unsafe();
}

/// A big-endian unsigned integer member (RFC 7518 §2 "Base64urlUInt"), strictly base64url-decoded.
using octets = std::vector<unsigned char>;
result<octets, std::string> required_uint_bytes(element obj, std::string_view name) {
  auto s = required_string(obj, name);
  if (!s) return s.error();
  auto bytes = base64url_decode(*s);
  if (!bytes) return "\"" + std::string(name) + "\" is not canonical unpadded base64url";
  if (bytes->empty()) return "\"" + std::string(name) + "\" is empty";
  return octets(bytes->begin(), bytes->end());
}

ossl::bn_ptr to_bn(const octets& big_endian) {
  return ossl::bn_ptr(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
}

/// Builds a public EVP_PKEY of `type` ("RSA", "EC") from provider parameters.
ossl::pkey_ptr pkey_from_params(const char* type, const OSSL_PARAM* params) {
  ossl::pkey_ctx_ptr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
  EVP_PKEY* raw = nullptr;
  // EVP_PKEY_fromdata takes a non-const OSSL_PARAM* in 3.0 but does not modify it.
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1) {
    return nullptr;
  }
  return ossl::pkey_ptr(raw);
}

/// RFC 7518 §6.3.1: an RSA public key from `n` and `e`.
key_result rsa_key(element obj, std::string kid) {
  auto n_bytes = required_uint_bytes(obj, "n");
  if (!n_bytes) return n_bytes.error();
  auto e_bytes = required_uint_bytes(obj, "e");
  if (!e_bytes) return e_bytes.error();
  // Leading zero octets are tolerated (some libraries emit them); the size is that of the number.
  ossl::bn_ptr n = to_bn(*n_bytes);
  ossl::bn_ptr e = to_bn(*e_bytes);
  if (!n || !e) return std::string("out of memory");
  const int bits = BN_num_bits(n.get());
  // RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms."
  if (bits < min_rsa_bits) {
    return "RSA modulus of " + std::to_string(bits) + " bits is below the minimum of " +
           std::to_string(min_rsa_bits);
  }
  if (bits > max_rsa_bits) {
    return "RSA modulus of " + std::to_string(bits) + " bits is above the maximum of " +
           std::to_string(max_rsa_bits);
  }
  if (!BN_is_odd(n.get())) return std::string("RSA modulus is even");
  if (!BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_num_bits(e.get()) > max_rsa_e_bits) {
    return std::string("RSA public exponent is not an odd number in [3, 2^64)");
  }

  ossl::param_bld_ptr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return std::string("OpenSSL could not build the RSA parameters");
  }
  ossl::params_ptr params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) return std::string("OpenSSL could not build the RSA parameters");
  ossl::pkey_ptr pkey = pkey_from_params("RSA", params.get());
  if (!pkey) return std::string("OpenSSL refused the RSA key");
  return jwk(std::move(kid), jws_alg::rs256, bits, std::move(pkey));
}

/// RFC 7518 §6.2.1: an EC public key from `crv`, `x`, `y`; only P-256 is accepted.
key_result ec_key(element obj, std::string kid) {
  auto crv = required_string(obj, "crv");
  if (!crv) return crv.error();
  if (*crv != "P-256") return "curve " + quote_untrusted(*crv) + " is not supported (only P-256)";
  auto x = required_uint_bytes(obj, "x");
  if (!x) return x.error();
  auto y = required_uint_bytes(obj, "y");
  if (!y) return y.error();
  if (x->size() != p256_coordinate_bytes || y->size() != p256_coordinate_bytes) {
    return std::string("P-256 coordinates must be exactly 32 octets each");
  }
  // SEC 1 §2.3.3 uncompressed point: 0x04 || X || Y.
  unsigned char point[1 + 2 * p256_coordinate_bytes];
  point[0] = 0x04;
  std::copy(x->begin(), x->end(), point + 1);
  std::copy(y->begin(), y->end(), point + 1 + p256_coordinate_bytes);

  ossl::param_bld_ptr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point) != 1) {
    return std::string("OpenSSL could not build the EC parameters");
  }
  ossl::params_ptr params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) return std::string("OpenSSL could not build the EC parameters");
  ossl::pkey_ptr pkey = pkey_from_params("EC", params.get());
  if (!pkey) return std::string("EC point is not a valid P-256 public key");
  // OpenSSL's import already refuses a point that is not on the curve; the full public-key check
  // (SEC 1 §3.2.2.1: on the curve, not the point at infinity) is kept in case an import path does not.
  ossl::pkey_ctx_ptr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return std::string("EC point is not a valid P-256 public key");
  }
  return jwk(std::move(kid), jws_alg::es256, 256, std::move(pkey));
}

/// Reads one JWK (RFC 7517 §4), deciding whether it is a verification key we can use.
key_result read_key(element obj) {
  if (!obj.is_object()) return std::string("not a JSON object");
  auto kty = required_string(obj, "kty");  // RFC 7517 §4.1: REQUIRED
  if (!kty) return kty.error();

  // RFC 7517 §4.2: "use" — "sig" or absent for signature keys; "enc" keys never verify anything.
  if (auto use = mcp::get_field(obj, "use")) {
    if (!use->is_string()) return std::string("\"use\" is not a string");
    const std::string_view u = use->get_string().value_unsafe();
    if (u != "sig") return "\"use\" is " + quote_untrusted(u) + ", not \"sig\"";
  }
  // RFC 7517 §4.3: "key_ops" — when present, it must allow "verify".
  if (auto ops = mcp::get_field(obj, "key_ops")) {
    simdjson::dom::array arr;
    if (ops->get_array().get(arr)) return std::string("\"key_ops\" is not an array");
    bool verify = false;
    for (element op : arr) {
      std::string_view s;
      if (op.get_string().get(s)) return std::string("\"key_ops\" holds a non-string");
      verify = verify || s == "verify";
    }
    if (!verify) return std::string("\"key_ops\" does not include \"verify\"");
  }

  // The one algorithm we accept for each key type.
  std::optional<jws_alg> alg_for_type;
  if (*kty == "RSA") alg_for_type = jws_alg::rs256;
  if (*kty == "EC") alg_for_type = jws_alg::es256;
  if (!alg_for_type) return "key type " + quote_untrusted(*kty) + " is not supported (RSA and EC only)";

  // RFC 7517 §4.4: "alg" — when present, the key is meant for that algorithm only (RFC 8725 §3.1);
  // an RSA key announced for RS512 or PS256 is not one we may use for RS256.
  if (auto alg = mcp::get_field(obj, "alg")) {
    if (!alg->is_string()) return std::string("\"alg\" is not a string");
    const std::string_view a = alg->get_string().value_unsafe();
    if (a != to_string(*alg_for_type)) {
      return "\"alg\" " + quote_untrusted(a) + " is not accepted for a " + std::string(*kty) + " key";
    }
  }

  // RFC 7517 §4.5: "kid" is optional in a JWKS, but tokens name their key by kid and we require it.
  auto kid = required_string(obj, "kid");
  if (!kid) return kid.error();
  if (kid->empty()) return std::string("\"kid\" is empty");

  return *alg_for_type == jws_alg::rs256 ? rsa_key(obj, std::string(*kid)) : ec_key(obj, std::string(*kid));
}

/// A short label for a key in skipped() lines: its kid when it has a string one, else its index.
std::string label(element obj, std::size_t index) {
  auto kid = mcp::get_string(obj, "kid");
  std::string out = "key #" + std::to_string(index);
  if (kid) out += " (kid " + quote_untrusted(*kid) + ")";
  return out;
}

}  // namespace

std::string_view to_string(jws_alg a) {
  switch (a) {
    case jws_alg::rs256: return "RS256";
    case jws_alg::es256: return "ES256";
  }
  return "?";
}

result<jwk_set_ptr, jwks_error> jwk_set::parse(std::string_view json) {
  ossl::error_scope errors;
  if (json.size() > max_jwks_bytes) {
    return jwks_error{"JWKS document is larger than " + std::to_string(max_jwks_bytes) + " bytes"};
  }
  auto doc = mcp::json_doc::parse(json);
  if (!doc) return jwks_error{"JWKS document is not valid JSON"};
  if (!doc->root().is_object()) return jwks_error{"JWKS document is not a JSON object"};
  // RFC 7517 §5.1: "keys" is REQUIRED and is an array of JWKs.
  auto keys_field = mcp::get_field(doc->root(), "keys");
  if (!keys_field) return jwks_error{"JWKS document has no \"keys\" member"};
  simdjson::dom::array keys;
  if (keys_field->get_array().get(keys)) return jwks_error{"JWKS \"keys\" is not an array"};

  std::shared_ptr<jwk_set> set(new jwk_set());
  std::size_t index = 0;
  for (element obj : keys) {
    const std::size_t i = index++;
    if (i >= max_keys) {
      set->skipped_.push_back(label(obj, i) + ": more than " + std::to_string(max_keys) + " keys");
      continue;
    }
    key_result k = read_key(obj);
    if (!k) {
      set->skipped_.push_back(label(obj, i) + ": " + k.error());
      continue;
    }
    // RFC 7517 §4.5: distinct keys in a set SHOULD have distinct kids. Two keys under one kid would
    // make the lookup ambiguous: the first one wins, the others are reported.
    if (set->find(k->kid()) != nullptr) {
      set->skipped_.push_back(label(obj, i) + ": duplicate kid");
      continue;
    }
    set->keys_.push_back(std::move(k).value());
  }
  if (set->keys_.empty()) {
    std::string msg = "JWKS has no usable verification key";
    for (const auto& why : set->skipped_) msg += "; " + why;
    return jwks_error{std::move(msg)};
  }
  return jwk_set_ptr(std::move(set));
}

const jwk* jwk_set::find(std::string_view kid) const {
  for (const auto& k : keys_) {
    if (k.kid() == kid) return &k;
  }
  return nullptr;
}

}  // namespace auth
