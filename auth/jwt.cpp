// auth/jwt.cpp — compact JWS splitting, JOSE header rules, signature verification, claim checks.
#include "auth/jwt.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "auth/base64url.hpp"
#include "auth/ossl.hpp"
#include "auth/text.hpp"
#include "mcp/json.hpp"

namespace auth {
namespace {

using detail::quote_untrusted;
using simdjson::dom::element;
using failure = verify_failure;

failure fail(verify_error code, std::string message) { return failure{code, std::move(message)}; }

/// The largest NumericDate accepted: 9999-12-31T23:59:59Z. Keeps all arithmetic far from overflow.
constexpr std::int64_t max_numeric_date = 253402300799;

/// One parser per thread, reused: parsing into it allocates nothing once it has grown to the size of
/// the largest token seen (bounded by max_token_bytes). Views into it die at its next parse().
simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

/// RFC 7515 §4 (header parameter names) and RFC 7519 §4 (claim names): names MUST be unique, and a
/// parser must reject duplicates or keep the last one. simdjson's lookup finds the first: reject.
bool has_duplicate_names(simdjson::dom::object obj) {
  thread_local std::vector<std::string_view> names;  // reused: no allocation once warm
  names.clear();
  for (auto field : obj) names.push_back(field.key);
  std::sort(names.begin(), names.end());
  return std::adjacent_find(names.begin(), names.end()) != names.end();
}

/// Decodes one base64url part and parses it as a JSON object, in the thread's parser. The object
/// (keys and strings included: simdjson copies them into the parser) lives until the next parse.
result<simdjson::dom::object, failure> decode_json_object(std::string_view b64, const char* what) {
  // Decoded with SIMDJSON_PADDING spare capacity, so the parser can read it in place (no copy).
  auto text = base64url_decode(b64, simdjson::SIMDJSON_PADDING);
  if (!text) return fail(verify_error::malformed, std::string(what) + " is not canonical base64url");
  element root;
  if (thread_parser()
          .parse(reinterpret_cast<const std::uint8_t*>(text->data()), text->size(), false)
          .get(root)) {
    return fail(verify_error::malformed, std::string(what) + " is not valid JSON");
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) {
    return fail(verify_error::malformed, std::string(what) + " is not a JSON object");
  }
  if (has_duplicate_names(obj)) {
    return fail(verify_error::malformed, std::string(what) + " has a duplicate member name");
  }
  return obj;
}

// ---- 1. Compact serialization -------------------------------------------------------------------

struct compact_jws {
  std::string_view header;         ///< base64url
  std::string_view payload;        ///< base64url
  std::string_view signature;      ///< base64url
  std::string_view signing_input;  ///< header '.' payload, exactly as received
};

result<compact_jws, failure> split(std::string_view token, const verify_options& opts) {
  if (token.size() > opts.max_token_bytes) {
    return fail(verify_error::malformed,
                "token is longer than " + std::to_string(opts.max_token_bytes) + " bytes");
  }
  // RFC 7515 §7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature). A JWE (five
  // parts, RFC 7516 §7.1) or an unsecured two-part form is not a signed token.
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return fail(verify_error::malformed, "token is not a compact JWS of exactly three parts");
  }
  compact_jws jws;
  jws.header = token.substr(0, dot1);
  jws.payload = token.substr(dot1 + 1, dot2 - dot1 - 1);
  jws.signature = token.substr(dot2 + 1);
  jws.signing_input = token.substr(0, dot2);
  if (jws.header.empty() || jws.payload.empty()) {
    return fail(verify_error::malformed, "token has an empty header or payload");
  }
  return jws;
}

// ---- 2. JOSE header -----------------------------------------------------------------------------

struct jose_header {
  jws_alg alg;
  std::string kid;
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

/// RFC 7515 §4.1.9: `typ` is a media type, case-insensitive, "application/" may be omitted.
std::string_view media_subtype(std::string_view typ) {
  constexpr std::string_view prefix = "application/";
  if (typ.size() > prefix.size() && iequals(typ.substr(0, prefix.size()), prefix)) {
    typ.remove_prefix(prefix.size());
  }
  return typ;
}

result<jose_header, failure> parse_header(std::string_view b64, const verify_options& opts) {
  auto obj = decode_json_object(b64, "header");
  if (!obj) return std::move(obj).error();

  // RFC 7515 §4.1.1: `alg` is REQUIRED. RFC 8725 §3.1: the algorithm comes from an allow-list tied
  // to the key, never from the token alone — so `none` (RFC 7518 §3.6) and HMAC (HS256/384/512,
  // whose "key" an attacker could set to our public key's bytes) are refused outright.
  std::string_view alg_name;
  {
    element e;
    if (obj->at_key("alg").get(e)) return fail(verify_error::malformed, "header has no \"alg\"");
    if (e.get_string().get(alg_name)) return fail(verify_error::malformed, "header \"alg\" is not a string");
  }
  std::optional<jws_alg> alg;
  if (alg_name == "RS256") alg = jws_alg::rs256;
  if (alg_name == "ES256") alg = jws_alg::es256;
  if (!alg || std::find(opts.algorithms.begin(), opts.algorithms.end(), *alg) == opts.algorithms.end()) {
    return fail(verify_error::unsupported_alg, "algorithm " + quote_untrusted(alg_name) + " is not accepted");
  }

  // RFC 7515 §4.1.11: a recipient MUST reject a JWS whose `crit` lists extensions it does not
  // understand; we understand none (e.g. RFC 7797 "b64": false would change what is signed).
  element ignored;
  if (!obj->at_key("crit").get(ignored)) {
    return fail(verify_error::malformed, "header has \"crit\" extensions, none of which are supported");
  }

  // RFC 8725 §3.11 (explicit typing) and RFC 9068 §4: an access token is `at+jwt`; plain `JWT` is
  // what most authorization servers send. Any other declared type (an ID token's, a logout token's,
  // a DPoP proof's ...) is another kind of JWT and must not be accepted as an access token.
  {
    element e;
    const bool has_typ = !obj->at_key("typ").get(e);
    std::string_view typ;
    if (has_typ && e.get_string().get(typ)) {
      return fail(verify_error::malformed, "header \"typ\" is not a string");
    }
    const std::string_view sub = media_subtype(typ);
    const bool at_jwt = has_typ && iequals(sub, "at+jwt");
    if (opts.require_at_jwt_typ ? !at_jwt : (has_typ && !at_jwt && !iequals(sub, "jwt"))) {
      return fail(verify_error::wrong_type,
                  has_typ ? "token type " + quote_untrusted(typ) + " is not an access token"
                          : "header has no \"typ\"");
    }
  }

  // RFC 7515 §4.1.4: `kid` is optional in JOSE, but we require it: keys are looked up by it, never
  // taken from the token (`jwk`, `jku`, `x5u`, `x5c` header parameters are ignored; RFC 8725 §3.10).
  std::string_view kid;
  {
    element e;
    if (obj->at_key("kid").get(e)) return fail(verify_error::malformed, "header has no \"kid\"");
    if (e.get_string().get(kid) || kid.empty()) {
      return fail(verify_error::malformed, "header \"kid\" is not a non-empty string");
    }
  }
  return jose_header{*alg, std::string(kid)};
}

// ---- 3. Signature -------------------------------------------------------------------------------

/// Appends one DER INTEGER holding the unsigned big-endian value `p[0..n)`.
void der_integer(std::string& out, const unsigned char* p, std::size_t n) {
  while (n > 1 && *p == 0) {  // minimal encoding: no leading zero octets...
    ++p;
    --n;
  }
  const bool pad = (*p & 0x80) != 0;  // ...except one, to keep a high bit from meaning "negative"
  out.push_back(0x02);
  out.push_back(static_cast<char>(n + (pad ? 1 : 0)));
  if (pad) out.push_back(0);
  out.append(reinterpret_cast<const char*>(p), n);
}

/// RFC 7518 §3.4: a JWS ECDSA signature is R || S, each 32 octets for P-256. OpenSSL verifies the
/// DER form (SEC 1 §C.8: SEQUENCE { INTEGER r, INTEGER s }); convert. The body is at most 70 octets,
/// so the SEQUENCE length always fits the short form.
std::string ecdsa_raw_to_der(std::string_view raw) {
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  const std::size_t half = raw.size() / 2;
  std::string body;
  body.reserve(72);
  der_integer(body, p, half);
  der_integer(body, p + half, half);
  std::string der;
  der.reserve(body.size() + 2);
  der.push_back(0x30);
  der.push_back(static_cast<char>(body.size()));
  der += body;
  return der;
}

/// RFC 7515 §5.2 step 8: validate the signature over the ASCII signing input with the key.
std::optional<failure> check_signature(const jwk& key, std::string_view signing_input,
                                       std::string_view signature_b64) {
  auto sig = base64url_decode(signature_b64);
  if (!sig) return fail(verify_error::malformed, "signature is not canonical base64url");
  std::string der;
  std::string_view to_verify = *sig;
  if (key.alg() == jws_alg::es256) {
    if (sig->size() != 64) return fail(verify_error::bad_signature, "ES256 signature is not 64 octets");
    der = ecdsa_raw_to_der(*sig);
    to_verify = der;
  } else if (sig->size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.pkey()))) {
    // RFC 8017 §8.2.2 step 1: a signature of any other length than the modulus is invalid.
    return fail(verify_error::bad_signature, "RS256 signature length does not match the key");
  }

  ossl::error_scope errors;
  ossl::md_ctx_ptr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, ossl::sha256(), nullptr, key.pkey()) != 1) {
    return fail(verify_error::bad_signature, "OpenSSL could not set up verification");
  }
  // RS256 uses the key's default padding, PKCS#1 v1.5 (RFC 7518 §3.3).
  const int rc =
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(to_verify.data()), to_verify.size(),
                       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  if (rc != 1)
    return fail(verify_error::bad_signature,
                "signature does not verify with kid " + quote_untrusted(key.kid()));
  return std::nullopt;
}

// ---- 4. Claims ----------------------------------------------------------------------------------

/// A string claim: nullopt when absent, a failure when present with another type.
result<std::optional<std::string_view>, failure> string_claim(simdjson::dom::object claims,
                                                              std::string_view name) {
  element e;
  if (claims.at_key(name).get(e)) return std::optional<std::string_view>{};
  std::string_view s;
  if (e.get_string().get(s))
    return fail(verify_error::malformed, "claim " + quote_untrusted(name) + " is not a string");
  return std::optional<std::string_view>{s};
}

/// RFC 7519 §2 NumericDate: seconds since the epoch, possibly non-integer. Fractions are dropped.
result<std::optional<std::int64_t>, failure> date_claim(simdjson::dom::object claims, std::string_view name) {
  element e;
  if (claims.at_key(name).get(e)) return std::optional<std::int64_t>{};
  std::int64_t v = -1;
  double d = 0;
  if (e.is_int64()) {
    v = e.get_int64().value_unsafe();
  } else if (e.is_double() && !e.get_double().get(d) && std::isfinite(d) && d >= 0 &&
             d <= static_cast<double>(max_numeric_date)) {
    v = static_cast<std::int64_t>(std::floor(d));
  }
  if (v < 0 || v > max_numeric_date) {
    return fail(verify_error::malformed, "claim " + quote_untrusted(name) + " is not a NumericDate");
  }
  return std::optional<std::int64_t>{v};
}

std::string_view without_trailing_slash(std::string_view s) {
  if (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}

/// RFC 6749 §3.3 / RFC 8693 §4.2: `scope` is a space-separated list of scope tokens.
std::set<std::string, std::less<>> split_scope(std::string_view scope) {
  std::set<std::string, std::less<>> out;
  while (!scope.empty()) {
    const auto sp = scope.find(' ');
    const std::string_view tok = scope.substr(0, sp);
    if (!tok.empty()) out.emplace(tok);
    if (sp == std::string_view::npos) break;
    scope.remove_prefix(sp + 1);
  }
  return out;
}

/// Declares `var` from a claim reader's result, or returns the reader's failure.
#define WM_TRY_CLAIM(var, expr)                    \
  auto var##_r = (expr);                           \
  if (!var##_r) return std::move(var##_r).error(); \
  auto var = *var##_r

result<verified_token, failure> check_claims(simdjson::dom::object claims, const verify_options& opts,
                                             std::int64_t now) {
  WM_TRY_CLAIM(iss, string_claim(claims, "iss"));
  WM_TRY_CLAIM(sub, string_claim(claims, "sub"));
  WM_TRY_CLAIM(client_id, string_claim(claims, "client_id"));
  WM_TRY_CLAIM(sid, string_claim(claims, "sid"));
  WM_TRY_CLAIM(jti, string_claim(claims, "jti"));
  WM_TRY_CLAIM(scope, string_claim(claims, "scope"));
  WM_TRY_CLAIM(exp, date_claim(claims, "exp"));
  WM_TRY_CLAIM(nbf, date_claim(claims, "nbf"));
  WM_TRY_CLAIM(iat, date_claim(claims, "iat"));

  // RFC 7519 §4.1.3: `aud` is a string or an array of strings.
  std::vector<std::string_view> aud;
  {
    element e;
    if (!claims.at_key("aud").get(e)) {
      std::string_view s;
      simdjson::dom::array arr;
      if (!e.get_string().get(s)) {
        aud.push_back(s);
      } else if (!e.get_array().get(arr)) {
        for (element item : arr) {
          if (item.get_string().get(s))
            return fail(verify_error::malformed, "claim \"aud\" holds a non-string");
          aud.push_back(s);
        }
      } else {
        return fail(verify_error::malformed, "claim \"aud\" is neither a string nor an array");
      }
    }
  }

  // Presence. RFC 9068 §2.2 makes iss, exp, aud, sub (and iat, jti, client_id) REQUIRED in a JWT
  // access token; RFC 7519 §4.1.4 makes exp the bound a verified-token cache relies on.
  if (!iss) return fail(verify_error::missing_claim, "token has no \"iss\"");
  if (!sub || sub->empty()) return fail(verify_error::missing_claim, "token has no \"sub\"");
  if (!claims.at_key("aud").error() && aud.empty()) {
    return fail(verify_error::wrong_audience, "token \"aud\" is an empty array");
  }
  if (aud.empty()) return fail(verify_error::missing_claim, "token has no \"aud\"");
  if (!exp) return fail(verify_error::missing_claim, "token has no \"exp\"");
  if (opts.require_rfc9068_claims) {
    if (!iat) return fail(verify_error::missing_claim, "token has no \"iat\"");
    if (!jti) return fail(verify_error::missing_claim, "token has no \"jti\"");
    if (!client_id) return fail(verify_error::missing_claim, "token has no \"client_id\"");
  }

  // RFC 7519 §4.1.1, RFC 8725 §3.8, RFC 9068 §4: the issuer identifier MUST exactly match the
  // expected one (RFC 8414 §3.3: no normalisation, not even of a trailing slash).
  if (opts.issuer.empty() || *iss != opts.issuer) {
    return fail(verify_error::wrong_issuer,
                "issuer " + quote_untrusted(*iss) + " is not the configured issuer");
  }

  // RFC 7519 §4.1.3: "If the principal processing the claim does not identify itself with a value in
  // the aud claim ... the JWT MUST be rejected." RFC 8725 §3.9, RFC 8707 §2, RFC 9068 §4: the
  // audience to look for is this resource server's URL. One trailing '/' is ignored on both sides, as
  // the MCP SDK does.
  const std::string_view expected = without_trailing_slash(opts.audience);
  const bool aud_ok = !opts.audience.empty() && std::any_of(aud.begin(), aud.end(), [&](std::string_view a) {
    return without_trailing_slash(a) == expected;
  });
  if (!aud_ok) return fail(verify_error::wrong_audience, "audience does not include this resource");

  const std::int64_t leeway = std::max<std::int64_t>(0, opts.leeway.count());
  const std::int64_t max_life = std::max<std::int64_t>(0, opts.max_lifetime.count());

  // RFC 7519 §4.1.4: "the current date/time MUST be before the expiration date/time", with leeway.
  if (now >= *exp + leeway) {
    return fail(verify_error::expired,
                "token expired at " + std::to_string(*exp) + " (now " + std::to_string(now) + ")");
  }
  // RFC 7519 §4.1.5: "the current date/time MUST be after or equal to the not-before date/time".
  if (nbf && now + leeway < *nbf) {
    return fail(verify_error::not_yet_valid,
                "token is not valid before " + std::to_string(*nbf) + " (now " + std::to_string(now) + ")");
  }
  // RFC 7519 §4.1.6 defines iat without a rule of its own; a token issued in the future (beyond the
  // leeway) means a broken issuer clock or a forged date, and would defeat the lifetime bound below.
  if (iat && now + leeway < *iat) {
    return fail(verify_error::issued_in_future, "token is issued at " + std::to_string(*iat) +
                                                    ", in the future (now " + std::to_string(now) + ")");
  }
  // Bounded lifetime (RFC 9068 leaves the lifetime to the AS; RFC 6819 §5.1.5.3 recommends short
  // ones): a stolen long-lived token, or a cache entry keyed on it, must not outlive the maximum.
  // Without iat the remaining life (exp - now) is bounded instead.
  if (iat && *exp < *iat) return fail(verify_error::malformed, "token expires before it is issued");
  const std::int64_t life = iat ? *exp - *iat : *exp - now;
  if (life > max_life + leeway) {
    return fail(verify_error::lifetime_too_long, "token lifetime of " + std::to_string(life) + " s exceeds " +
                                                     std::to_string(max_life) + " s");
  }

  verified_token t;
  t.issuer = std::string(*iss);
  t.subject = std::string(*sub);
  t.audience.assign(aud.begin(), aud.end());
  if (client_id) t.client_id = std::string(*client_id);
  if (sid) t.session_id = std::string(*sid);
  if (jti) t.jti = std::string(*jti);
  if (scope) t.scopes = split_scope(*scope);
  t.expires_at = std::chrono::sys_seconds{std::chrono::seconds{*exp}};
  if (iat) t.issued_at = std::chrono::sys_seconds{std::chrono::seconds{*iat}};
  if (nbf) t.not_before = std::chrono::sys_seconds{std::chrono::seconds{*nbf}};
  return t;
}

#undef WM_TRY_CLAIM

}  // namespace

std::string_view to_string(verify_error e) {
  switch (e) {
    case verify_error::malformed: return "malformed";
    case verify_error::unsupported_alg: return "unsupported_alg";
    case verify_error::wrong_type: return "wrong_type";
    case verify_error::unknown_kid: return "unknown_kid";
    case verify_error::keys_unavailable: return "keys_unavailable";
    case verify_error::key_mismatch: return "key_mismatch";
    case verify_error::bad_signature: return "bad_signature";
    case verify_error::expired: return "expired";
    case verify_error::not_yet_valid: return "not_yet_valid";
    case verify_error::issued_in_future: return "issued_in_future";
    case verify_error::lifetime_too_long: return "lifetime_too_long";
    case verify_error::wrong_issuer: return "wrong_issuer";
    case verify_error::wrong_audience: return "wrong_audience";
    case verify_error::missing_claim: return "missing_claim";
  }
  return "unknown";
}

result<verified_token, verify_failure> verify(std::string_view token, const jwk_set& keys,
                                              const verify_options& opts,
                                              std::chrono::system_clock::time_point now) {
  auto jws = split(token, opts);
  if (!jws) return std::move(jws).error();

  auto header = parse_header(jws->header, opts);
  if (!header) return std::move(header).error();

  // The key comes from our snapshot by kid, and its type must be the one `alg` names (RFC 8725 §3.1:
  // "each key MUST be used with exactly one algorithm"). An RS256 header naming an EC key's kid, or
  // the reverse, is refused here rather than handed to OpenSSL.
  const jwk* key = keys.find(header->kid);
  if (key == nullptr)
    return fail(verify_error::unknown_kid, "no key with kid " + quote_untrusted(header->kid));
  if (key->alg() != header->alg) {
    return fail(verify_error::key_mismatch, "kid " + quote_untrusted(header->kid) + " is a " +
                                                std::string(to_string(key->alg())) + " key, token says " +
                                                std::string(to_string(header->alg)));
  }

  // RFC 8725 §3.3 / RFC 7515 §5.2: the signature is checked before any claim is trusted — before the
  // payload is even parsed.
  if (auto bad = check_signature(*key, jws->signing_input, jws->signature)) return std::move(*bad);

  auto claims = decode_json_object(jws->payload, "payload");
  if (!claims) return std::move(claims).error();

  const auto now_s = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  auto out = check_claims(*claims, opts, now_s);
  if (!out) return out;
  out->kid = key->kid();
  out->alg = key->alg();
  return out;
}

std::string token_digest(std::string_view token) {
  ossl::error_scope errors;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(token.data(), token.size(), md, &len, ossl::sha256(), nullptr) != 1) len = 0;
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.resize(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = hex[md[i] >> 4];
    out[2 * i + 1] = hex[md[i] & 0x0f];
  }
  return out;
}

}  // namespace auth
