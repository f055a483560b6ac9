// tests/auth/jwt_test.cpp — token verification on freshly signed tokens: one test per rule, each
// with the token that just passes and the one that just fails where a boundary exists.
#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include <random>

#include "auth/base64url.hpp"
#include "test_signer.hpp"

namespace {

using auth::verify_error;
using auth_test::json_members;
using auth_test::keys;
using auth_test::now_s;
using auth_test::str;

constexpr const char* issuer = "https://auth.example.test";
constexpr const char* resource = "https://mcp.example.test/mcp";

std::string num(std::int64_t v) { return std::to_string(v); }

class Jwt : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto set = auth::jwk_set::parse(auth_test::jwks_json({
        auth_test::public_jwk(keys().rsa.get(), "rsa-1", {{"use", str("sig")}, {"alg", str("RS256")}}),
        auth_test::public_jwk(keys().rsa2.get(), "rsa-2"),
        auth_test::public_jwk(keys().ec.get(), "ec-1", {{"use", str("sig")}}),
    }));
    ASSERT_TRUE(set) << set.error().message;
    set_ = *set;
  }
  static void TearDownTestSuite() { set_.reset(); }

  Jwt() {
    opts_.issuer = issuer;
    opts_.audience = resource;
  }

  static json_members header(std::string_view kid = "rsa-1", std::string_view alg = "RS256") {
    return {{"alg", str(alg)}, {"kid", str(kid)}, {"typ", str("at+jwt")}};
  }
  /// A claims set that verifies at now_s with the default options.
  static json_members claims() {
    return {{"iss", str(issuer)},      {"sub", str("user_01HABC")},
            {"aud", str(resource)},    {"client_id", str("client_123")},
            {"sid", str("session_9")}, {"scope", str("openid profile mcp:tools")},
            {"jti", str("jti-1")},     {"iat", num(now_s)},
            {"exp", num(now_s + 600)}};
  }
  static std::string rs256(const json_members& c = claims(), const json_members& h = header()) {
    return auth_test::sign(keys().rsa.get(), h, c);
  }
  static std::string es256(const json_members& c = claims()) {
    return auth_test::sign(keys().ec.get(), header("ec-1", "ES256"), c);
  }

  auth::result<auth::verified_token, auth::verify_failure> check(std::string_view token,
                                                                 std::int64_t now = now_s) const {
    return auth::verify(token, *set_, opts_, auth_test::at(now));
  }
  /// The error code (with the message shown when the expectation fails), or nullopt on success.
  std::optional<verify_error> error_of(std::string_view token, std::int64_t now = now_s) const {
    auto r = check(token, now);
    if (r) return std::nullopt;
    last_message_ = r.error().message;
    return r.error().code;
  }
  void expect_ok(std::string_view token, std::int64_t now = now_s) const {
    auto r = check(token, now);
    EXPECT_TRUE(r) << (r ? "" : std::string(auth::to_string(r.error().code)) + ": " + r.error().message);
  }
  void expect_error(std::string_view token, verify_error code, std::int64_t now = now_s) const {
    auto e = error_of(token, now);
    ASSERT_TRUE(e.has_value()) << "token was accepted: " << token;
    EXPECT_EQ(*e, code) << "got " << auth::to_string(*e) << " (" << last_message_ << "), want "
                        << auth::to_string(code);
  }

  static auth::jwk_set_ptr set_;
  auth::verify_options opts_;
  mutable std::string last_message_;
};

auth::jwk_set_ptr Jwt::set_;

// ---- The two algorithms, end to end ---------------------------------------------------------------

TEST_F(Jwt, ValidRs256TokenYieldsItsClaims) {
  auto r = check(rs256());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->issuer, issuer);
  EXPECT_EQ(r->subject, "user_01HABC");
  EXPECT_EQ(r->audience, std::vector<std::string>{resource});
  EXPECT_EQ(r->client_id, "client_123");
  EXPECT_EQ(r->session_id, "session_9");
  EXPECT_EQ(r->jti, "jti-1");
  EXPECT_EQ(r->scopes, (std::set<std::string, std::less<>>{"openid", "profile", "mcp:tools"}));
  EXPECT_EQ(r->expires_at.time_since_epoch().count(), now_s + 600);
  ASSERT_TRUE(r->issued_at);
  EXPECT_EQ(r->issued_at->time_since_epoch().count(), now_s);
  EXPECT_FALSE(r->not_before);
  EXPECT_EQ(r->kid, "rsa-1");
  EXPECT_EQ(r->alg, auth::jws_alg::rs256);
}

TEST_F(Jwt, ValidEs256TokenYieldsItsClaims) {
  auto r = check(es256());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->subject, "user_01HABC");
  EXPECT_EQ(r->kid, "ec-1");
  EXPECT_EQ(r->alg, auth::jws_alg::es256);
}

TEST_F(Jwt, RotatedKeyWithoutAlgMemberVerifies) {
  expect_ok(auth_test::sign(keys().rsa2.get(), header("rsa-2"), claims()));
}

TEST_F(Jwt, ManyEs256SignaturesVerify) {
  // Exercises the r||s -> DER conversion on values with and without high bits / leading zeros.
  for (int i = 0; i < 64; ++i) {
    json_members c = claims();
    c["jti"] = str("jti-" + std::to_string(i));
    expect_ok(es256(c));
  }
}

TEST_F(Jwt, AlgorithmsCanBeRestricted) {
  opts_.algorithms = {auth::jws_alg::rs256};
  expect_ok(rs256());
  expect_error(es256(), verify_error::unsupported_alg);
}

// ---- Time: exp, nbf, iat, lifetime, leeway --------------------------------------------------------

TEST_F(Jwt, ExpiredTokenIsRefusedAfterTheLeeway) {
  json_members c = claims();
  c["iat"] = num(now_s - 1000);
  c["exp"] = num(now_s - 61);
  expect_error(rs256(c), verify_error::expired);
  c["exp"] = num(now_s - 60);  // now >= exp + leeway: expired exactly at the end of the leeway
  expect_error(rs256(c), verify_error::expired);
  c["exp"] = num(now_s - 59);  // within the leeway
  expect_ok(rs256(c));
}

TEST_F(Jwt, NotYetValidTokenIsRefusedBeyondTheLeeway) {
  json_members c = claims();
  c["nbf"] = num(now_s + 61);
  expect_error(rs256(c), verify_error::not_yet_valid);
  c["nbf"] = num(now_s + 60);
  expect_ok(rs256(c));
  c["nbf"] = num(now_s - 10);
  auto r = check(rs256(c));
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->not_before);
  EXPECT_EQ(r->not_before->time_since_epoch().count(), now_s - 10);
}

TEST_F(Jwt, TokenIssuedInTheFutureIsRefusedBeyondTheLeeway) {
  json_members c = claims();
  c["iat"] = num(now_s + 61);
  c["exp"] = num(now_s + 600);
  expect_error(rs256(c), verify_error::issued_in_future);
  c["iat"] = num(now_s + 60);
  expect_ok(rs256(c));
}

TEST_F(Jwt, LeewayIsConfigurableBothWays) {
  json_members late = claims();
  late["iat"] = num(now_s - 700);
  late["exp"] = num(now_s - 30);
  json_members early = claims();
  early["nbf"] = num(now_s + 30);
  const std::string late_tok = rs256(late);
  const std::string early_tok = rs256(early);

  expect_ok(late_tok);  // default leeway 60 s
  expect_ok(early_tok);
  opts_.leeway = std::chrono::seconds{0};
  expect_error(late_tok, verify_error::expired);
  expect_error(early_tok, verify_error::not_yet_valid);
  opts_.leeway = std::chrono::seconds{29};
  expect_error(late_tok, verify_error::expired);
  expect_error(early_tok, verify_error::not_yet_valid);
  opts_.leeway = std::chrono::seconds{31};
  expect_ok(late_tok);
  expect_ok(early_tok);
  // Leeway zero: expired exactly at exp.
  opts_.leeway = std::chrono::seconds{0};
  json_members edge = claims();
  edge["exp"] = num(now_s);
  expect_error(rs256(edge), verify_error::expired);
  edge["exp"] = num(now_s + 1);
  expect_ok(rs256(edge));
}

TEST_F(Jwt, LifetimeBeyondTheMaximumIsRefused) {
  json_members c = claims();
  c["iat"] = num(now_s);
  c["exp"] = num(now_s + 3600 + 60);  // 1 h + leeway: still fine
  expect_ok(rs256(c));
  c["exp"] = num(now_s + 3600 + 61);
  expect_error(rs256(c), verify_error::lifetime_too_long);
  c["iat"] = num(now_s - 3000);  // a long-lived token, issued a while ago and not yet expired
  c["exp"] = num(now_s + 3000);
  expect_error(rs256(c), verify_error::lifetime_too_long);

  opts_.max_lifetime = std::chrono::hours{24};
  expect_ok(rs256(c));
}

TEST_F(Jwt, WithoutIatTheRemainingLifetimeIsBounded) {
  json_members c = claims();
  c.erase("iat");
  c["exp"] = num(now_s + 3660);
  expect_ok(rs256(c));
  c["exp"] = num(now_s + 2 * 3600);
  expect_error(rs256(c), verify_error::lifetime_too_long);
}

TEST_F(Jwt, ExpBeforeIatIsMalformed) {
  json_members c = claims();
  c["iat"] = num(now_s + 30);
  c["exp"] = num(now_s + 20);
  expect_error(rs256(c), verify_error::malformed);
}

TEST_F(Jwt, NumericDatesMayBeFractionalButNotStrings) {
  json_members c = claims();
  c["exp"] = num(now_s + 600) + ".75";
  c["iat"] = num(now_s) + ".5";
  auto r = check(rs256(c));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->expires_at.time_since_epoch().count(), now_s + 600);

  for (const char* bad : {"\"1700000600\"", "-5", "1e300", "true", "null", "[1]", "18446744073709551615"}) {
    json_members b = claims();
    b["exp"] = bad;
    expect_error(rs256(b), verify_error::malformed);
    b = claims();
    b["nbf"] = bad;
    expect_error(rs256(b), verify_error::malformed);
  }
}

TEST_F(Jwt, TheTimeComesFromTheCaller) {
  const std::string tok = rs256();
  expect_ok(tok, now_s);
  expect_ok(tok, now_s + 659);
  expect_error(tok, verify_error::expired, now_s + 660);
  expect_error(tok, verify_error::issued_in_future, now_s - 61);
}

// ---- Issuer and audience --------------------------------------------------------------------------

TEST_F(Jwt, IssuerMustMatchExactly) {
  for (const char* iss : {"https://auth.example.test/", "https://AUTH.example.test",
                          "https://evil.example.test", "https://auth.example.test.evil", ""}) {
    json_members c = claims();
    c["iss"] = str(iss);
    expect_error(rs256(c), verify_error::wrong_issuer);
  }
  json_members c = claims();
  c.erase("iss");
  expect_error(rs256(c), verify_error::missing_claim);
  c["iss"] = "42";
  expect_error(rs256(c), verify_error::malformed);

  opts_.issuer.clear();  // a misconfiguration accepts nothing
  expect_error(rs256(), verify_error::wrong_issuer);
}

TEST_F(Jwt, AudienceMustNameThisResource) {
  json_members c = claims();
  c["aud"] = str("https://other.example.test/mcp");
  expect_error(rs256(c), verify_error::wrong_audience);
  c["aud"] = str("https://mcp.example.test/mcp/other");
  expect_error(rs256(c), verify_error::wrong_audience);
  c["aud"] = str("https://mcp.example.test");
  expect_error(rs256(c), verify_error::wrong_audience);
  c["aud"] = R"(["https://a.example.test","https://b.example.test"])";
  expect_error(rs256(c), verify_error::wrong_audience);
  c["aud"] = "[]";
  expect_error(rs256(c), verify_error::wrong_audience);

  c["aud"] = R"(["https://a.example.test","https://mcp.example.test/mcp"])";
  auto r = check(rs256(c));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->audience.size(), 2u);
}

TEST_F(Jwt, AudienceComparisonIgnoresOneTrailingSlash) {
  json_members c = claims();
  c["aud"] = str("https://mcp.example.test/mcp/");
  expect_ok(rs256(c));
  c["aud"] = str("https://mcp.example.test/mcp//");
  expect_error(rs256(c), verify_error::wrong_audience);

  opts_.audience = "https://mcp.example.test/mcp/";
  expect_ok(rs256());  // token says .../mcp
  c["aud"] = str("https://mcp.example.test/mcp/");
  expect_ok(rs256(c));
}

TEST_F(Jwt, AudienceMustBePresentAndWellTyped) {
  json_members c = claims();
  c.erase("aud");
  expect_error(rs256(c), verify_error::missing_claim);
  c["aud"] = "7";
  expect_error(rs256(c), verify_error::malformed);
  c["aud"] = R"(["https://mcp.example.test/mcp", 7])";
  expect_error(rs256(c), verify_error::malformed);

  opts_.audience.clear();  // a misconfiguration accepts nothing, not even aud ""
  c["aud"] = str("");
  expect_error(rs256(c), verify_error::wrong_audience);
}

// ---- Required claims and claim types --------------------------------------------------------------

TEST_F(Jwt, RequiredClaims) {
  for (const char* name : {"sub", "exp"}) {
    json_members c = claims();
    c.erase(name);
    expect_error(rs256(c), verify_error::missing_claim);
  }
  json_members c = claims();
  c["sub"] = str("");
  expect_error(rs256(c), verify_error::missing_claim);

  // Optional by default...
  for (const char* name : {"iat", "jti", "client_id", "sid", "scope", "nbf"}) {
    json_members o = claims();
    o.erase(name);
    expect_ok(rs256(o));
  }
  // ...required under the RFC 9068 profile.
  opts_.require_rfc9068_claims = true;
  expect_ok(rs256());
  for (const char* name : {"iat", "jti", "client_id"}) {
    json_members o = claims();
    o.erase(name);
    expect_error(rs256(o), verify_error::missing_claim);
  }
}

TEST_F(Jwt, StringClaimsOfAnotherTypeAreMalformed) {
  for (const char* name : {"sub", "client_id", "sid", "jti", "scope"}) {
    json_members c = claims();
    c[name] = R"(["x"])";
    expect_error(rs256(c), verify_error::malformed);
  }
}

TEST_F(Jwt, ScopeIsSplitOnSpaces) {
  json_members c = claims();
  c["scope"] = str("  mcp:read   mcp:write mcp:read openid ");
  auto r = check(rs256(c));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->scopes, (std::set<std::string, std::less<>>{"mcp:read", "mcp:write", "openid"}));
  EXPECT_TRUE(r->has_scope("mcp:write"));
  EXPECT_FALSE(r->has_scope("mcp"));
  EXPECT_FALSE(r->has_scope(""));

  c["scope"] = str("");
  r = check(rs256(c));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->scopes.empty());
  c.erase("scope");
  r = check(rs256(c));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->scopes.empty());
}

TEST_F(Jwt, UnknownClaimsAreIgnored) {
  json_members c = claims();
  c["org_id"] = str("org_1");
  c["permissions"] = R"(["a","b"])";
  c["nested"] = R"({"x":{"y":[1,2,3]}})";
  expect_ok(rs256(c));
}

TEST_F(Jwt, DuplicateClaimNamesAreRefused) {
  // RFC 7519 §4: a parser that keeps the first duplicate (simdjson) must refuse them.
  const std::string payload =
      R"({"iss":"https://auth.example.test","sub":"a","sub":"b","aud":"https://mcp.example.test/mcp","exp":)" +
      num(now_s + 600) + "}";
  const std::string input = auth_test::signing_input(auth_test::to_json_object(header()), payload);
  const std::string tok = input + '.' + auth::base64url_encode(auth_test::sign_raw(keys().rsa.get(), input));
  expect_error(tok, verify_error::malformed);
}

// ---- Header rules: alg, kid, typ, crit --------------------------------------------------------------

TEST_F(Jwt, AlgNoneIsRefusedWithOrWithoutASignature) {
  const std::string input =
      auth_test::signing_input(R"({"alg":"none","kid":"rsa-1"})", auth_test::to_json_object(claims()));
  expect_error(input + ".", verify_error::unsupported_alg);
  expect_error(input + "." + auth::base64url_encode(auth_test::sign_raw(keys().rsa.get(), input)),
               verify_error::unsupported_alg);
  expect_error(input, verify_error::malformed);  // the two-part form is not a JWS at all
  for (const char* alg : {"None", "NONE", "nOnE", ""}) {
    const std::string in2 = auth_test::signing_input(R"({"alg":")" + std::string(alg) + R"(","kid":"rsa-1"})",
                                                     auth_test::to_json_object(claims()));
    expect_error(in2 + ".", verify_error::unsupported_alg);
  }
}

TEST_F(Jwt, Hs256SignedWithThePublicKeyIsRefused) {
  // The classic key-confusion attack: HMAC keyed with the verifier's own public key, in every form
  // an attacker might guess (PEM, and the raw modulus).
  const std::string pem = auth_test::public_pem(keys().rsa.get());
  expect_error(auth_test::sign_hs256(pem, header("rsa-1", "HS256"), claims()), verify_error::unsupported_alg);
  for (const char* alg : {"HS384", "HS512", "hs256"}) {
    expect_error(auth_test::sign_hs256(pem, header("rsa-1", alg), claims()), verify_error::unsupported_alg);
  }
  expect_error(auth_test::sign_hs256(pem, header("ec-1", "HS256"), claims()), verify_error::unsupported_alg);
}

TEST_F(Jwt, OtherAlgorithmsAreRefused) {
  for (const char* alg :
       {"RS384", "RS512", "PS256", "ES384", "ES512", "EdDSA", "rs256", "RS256 ", "dir", "RSA-OAEP"}) {
    expect_error(rs256(claims(), header("rsa-1", alg)), verify_error::unsupported_alg);
  }
  json_members h = header();
  h["alg"] = "256";
  expect_error(rs256(claims(), h), verify_error::malformed);
  h.erase("alg");
  expect_error(rs256(claims(), h), verify_error::malformed);
}

TEST_F(Jwt, KeyTypeMustMatchTheAlgorithm) {
  // RS256 header naming the EC key, signed with the RSA key: the EC key must not be tried as RSA.
  expect_error(auth_test::sign(keys().rsa.get(), header("ec-1", "RS256"), claims()),
               verify_error::key_mismatch);
  // ES256 header naming an RSA key, with a well-formed ES256 signature from the EC key.
  expect_error(auth_test::sign(keys().ec.get(), header("rsa-1", "ES256"), claims()),
               verify_error::key_mismatch);
}

TEST_F(Jwt, KidIsRequiredAndMustBeKnown) {
  expect_error(auth_test::sign(keys().other.get(), header("rsa-x"), claims()), verify_error::unknown_kid);
  expect_error(auth_test::sign(keys().rsa.get(), header("RSA-1"), claims()), verify_error::unknown_kid);
  json_members h = header();
  h.erase("kid");
  expect_error(rs256(claims(), h), verify_error::malformed);
  h["kid"] = str("");
  expect_error(rs256(claims(), h), verify_error::malformed);
  h["kid"] = "1";
  expect_error(rs256(claims(), h), verify_error::malformed);
}

TEST_F(Jwt, SignedWithAnotherKeyUnderAKnownKid) {
  expect_error(auth_test::sign(keys().other.get(), header("rsa-1"), claims()), verify_error::bad_signature);
  expect_error(auth_test::sign(keys().rsa2.get(), header("rsa-1"), claims()), verify_error::bad_signature);
}

TEST_F(Jwt, TypeMustBeAnAccessTokenType) {
  for (const char* typ : {"JWT", "jwt", "at+jwt", "AT+JWT", "application/at+jwt", "application/JWT"}) {
    json_members h = header();
    h["typ"] = str(typ);
    expect_ok(rs256(claims(), h));
  }
  for (const char* typ : {"dpop+jwt", "logout+jwt", "secevent+jwt", "JWS", "application/", ""}) {
    json_members h = header();
    h["typ"] = str(typ);
    expect_error(rs256(claims(), h), verify_error::wrong_type);
  }
  json_members h = header();
  h.erase("typ");
  expect_ok(rs256(claims(), h));
  h["typ"] = "1";
  expect_error(rs256(claims(), h), verify_error::malformed);

  opts_.require_at_jwt_typ = true;
  expect_ok(rs256());
  h = header();
  h["typ"] = str("JWT");
  expect_error(rs256(claims(), h), verify_error::wrong_type);
  h.erase("typ");
  expect_error(rs256(claims(), h), verify_error::wrong_type);
}

TEST_F(Jwt, CriticalHeaderExtensionsAreRefused) {
  json_members h = header();
  h["crit"] = R"(["b64"])";
  h["b64"] = "false";
  expect_error(rs256(claims(), h), verify_error::malformed);
}

TEST_F(Jwt, HeaderSuppliedKeysAreIgnored) {
  // An embedded `jwk` of the attacker's own key does not make its signature acceptable.
  json_members h = header("rsa-1");
  h["jwk"] = auth_test::to_json_object(auth_test::public_jwk(keys().other.get(), "rsa-1"));
  h["jku"] = str("https://evil.example.test/jwks");
  expect_error(auth_test::sign(keys().other.get(), h, claims()), verify_error::bad_signature);
}

TEST_F(Jwt, DuplicateHeaderNamesAreRefused) {
  const std::string input = auth_test::signing_input(R"({"alg":"RS256","kid":"rsa-1","kid":"ec-1"})",
                                                     auth_test::to_json_object(claims()));
  expect_error(input + '.' + auth::base64url_encode(auth_test::sign_raw(keys().rsa.get(), input)),
               verify_error::malformed);
}

// ---- Structure and tampering ------------------------------------------------------------------------

TEST_F(Jwt, TamperedPayloadIsRefused) {
  const std::string tok = rs256();
  const auto d1 = tok.find('.');
  const auto d2 = tok.find('.', d1 + 1);
  json_members c = claims();
  c["sub"] = str("admin");
  const std::string forged =
      tok.substr(0, d1 + 1) + auth::base64url_encode(auth_test::to_json_object(c)) + tok.substr(d2);
  expect_error(forged, verify_error::bad_signature);

  const std::string es = es256();
  const auto e1 = es.find('.');
  const auto e2 = es.find('.', e1 + 1);
  expect_error(es.substr(0, e1 + 1) + auth::base64url_encode(auth_test::to_json_object(c)) + es.substr(e2),
               verify_error::bad_signature);
}

TEST_F(Jwt, TamperedSignatureIsRefused) {
  for (const std::string& tok : {rs256(), es256()}) {
    const auto d2 = tok.rfind('.');
    std::string sig = *auth::base64url_decode(std::string_view(tok).substr(d2 + 1));
    std::string flipped = sig;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
    expect_error(tok.substr(0, d2 + 1) + auth::base64url_encode(flipped), verify_error::bad_signature);
    expect_error(tok.substr(0, d2 + 1) + auth::base64url_encode(sig.substr(1)), verify_error::bad_signature);
    expect_error(tok.substr(0, d2 + 1) + auth::base64url_encode(sig + '\0'), verify_error::bad_signature);
    expect_error(tok.substr(0, d2 + 1), verify_error::bad_signature);
    expect_error(tok.substr(0, d2 + 1) + auth::base64url_encode(std::string(sig.size(), '\0')),
                 verify_error::bad_signature);
  }
}

TEST_F(Jwt, OnlyThreePartsAreAJws) {
  const std::string tok = rs256();
  const auto d1 = tok.find('.');
  const auto d2 = tok.find('.', d1 + 1);
  expect_error(tok.substr(0, d2), verify_error::malformed);  // header.payload
  expect_error(tok + ".", verify_error::malformed);          // four parts
  expect_error(tok + ".AAAA", verify_error::malformed);
  expect_error(tok + ".AAAA.BBBB", verify_error::malformed);  // JWE-shaped
  expect_error("", verify_error::malformed);
  expect_error(".", verify_error::malformed);
  expect_error("..", verify_error::malformed);
  expect_error("abc", verify_error::malformed);
  expect_error("." + tok.substr(d1 + 1), verify_error::malformed);                // empty header
  expect_error(tok.substr(0, d1 + 1) + tok.substr(d2), verify_error::malformed);  // empty payload
}

TEST_F(Jwt, GarbageBase64IsMalformed) {
  const std::string tok = rs256();
  const auto d1 = tok.find('.');
  const auto d2 = tok.find('.', d1 + 1);
  const std::string h = tok.substr(0, d1);
  const std::string p = tok.substr(d1 + 1, d2 - d1 - 1);
  const std::string s = tok.substr(d2 + 1);

  expect_error("!!!." + p + "." + s, verify_error::malformed);
  expect_error(h + "=." + p + "." + s, verify_error::malformed);  // padding
  std::string h_std = h;
  std::replace(h_std.begin(), h_std.end(), '_', '/');
  std::replace(h_std.begin(), h_std.end(), '-', '+');
  if (h_std != h) expect_error(h_std + "." + p + "." + s, verify_error::malformed);
  expect_error(h + "." + p + "." + s + "==", verify_error::malformed);
  expect_error(h + "." + p + "." + s.substr(0, s.size() - 1) + "*", verify_error::malformed);
  expect_error(h + "." + p + ". " + s, verify_error::malformed);
  expect_error(auth::base64url_encode("not json") + "." + p + "." + s, verify_error::malformed);
  expect_error(auth::base64url_encode("[1,2]") + "." + p + "." + s, verify_error::malformed);

  // A validly signed payload that is not base64url / not a JSON object is malformed, not forged.
  for (const std::string& payload : {std::string("%%%"), auth::base64url_encode("{\"iss\":"),
                                     auth::base64url_encode("\"just a string\"")}) {
    const std::string input = h + "." + payload;
    expect_error(input + "." + auth::base64url_encode(auth_test::sign_raw(keys().rsa.get(), input)),
                 verify_error::malformed);
  }
}

TEST_F(Jwt, OversizedTokensAreRefusedUnread) {
  json_members c = claims();
  c["pad"] = str(std::string(20000, 'x'));
  expect_error(rs256(c), verify_error::malformed);
  opts_.max_token_bytes = 64 * 1024;
  expect_ok(rs256(c));
}

TEST_F(Jwt, RandomSingleByteMutationsNeverVerify) {
  std::mt19937 rng(12345);
  for (const std::string& tok : {rs256(), es256()}) {
    for (int i = 0; i < 1500; ++i) {
      std::string m = tok;
      const std::size_t pos = rng() % m.size();
      const char c = static_cast<char>(rng() % 256);
      if (m[pos] == c) continue;
      m[pos] = c;
      EXPECT_FALSE(check(m)) << "mutation at " << pos << " accepted: " << m;
    }
  }
}

TEST_F(Jwt, FailuresLeaveNoOpenSslErrorsBehind) {
  ERR_clear_error();
  const std::string tok = rs256();
  expect_error(tok.substr(0, tok.size() - 4) + "AAAA", verify_error::bad_signature);
  expect_error(auth_test::sign(keys().other.get(), header("rsa-1"), claims()), verify_error::bad_signature);
  EXPECT_EQ(ERR_peek_error(), 0ul);
}

TEST_F(Jwt, KeysOutliveTheirSnapshotOwnerDuringUse) {
  // A verification holding the snapshot keeps working after the cache has swapped it out.
  auth::jwk_set_ptr held = set_;
  auth::jwk_set_ptr cache = std::move(held);
  const auth::jwk_set_ptr in_flight = cache;
  cache.reset();
  EXPECT_TRUE(auth::verify(rs256(), *in_flight, opts_, auth_test::at(now_s)));
}

TEST_F(Jwt, ErrorNamesAreStable) {
  EXPECT_EQ(auth::to_string(verify_error::bad_signature), "bad_signature");
  EXPECT_EQ(auth::to_string(verify_error::unknown_kid), "unknown_kid");
  EXPECT_EQ(auth::to_string(verify_error::missing_claim), "missing_claim");
  EXPECT_EQ(auth::to_string(auth::jws_alg::es256), "ES256");
}

// ---- Digest -------------------------------------------------------------------------------------

TEST(TokenDigest, IsLowerHexSha256) {
  EXPECT_EQ(auth::token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(auth::token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_NE(auth::token_digest("a.b.c"), auth::token_digest("a.b.d"));
}

}  // namespace
