// tests/auth/jwks_test.cpp — JWKS parsing: which keys are kept, which are skipped and why, and which
// documents are refused as a whole.
#include "auth/jwks.hpp"

#include <gtest/gtest.h>

#include "auth/base64url.hpp"
#include "test_signer.hpp"

namespace {

using auth::jwk_set;
using auth_test::json_members;
using auth_test::jwks_json;
using auth_test::keys;
using auth_test::public_jwk;
using auth_test::str;

bool skipped_mentions(const jwk_set& set, std::string_view text) {
  for (const auto& s : set.skipped()) {
    if (s.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Jwks, ParsesRsaAndEcKeysByKid) {
  auto set = jwk_set::parse(
      jwks_json({public_jwk(keys().rsa.get(), "rsa-1", {{"use", str("sig")}, {"alg", str("RS256")}}),
                 public_jwk(keys().ec.get(), "ec-1", {{"alg", str("ES256")}})}));
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ((*set)->size(), 2u);
  EXPECT_TRUE((*set)->skipped().empty());
  const auth::jwk* rsa = (*set)->find("rsa-1");
  ASSERT_NE(rsa, nullptr);
  EXPECT_EQ(rsa->alg(), auth::jws_alg::rs256);
  EXPECT_EQ(rsa->bits(), 2048);
  EXPECT_TRUE(EVP_PKEY_is_a(rsa->pkey(), "RSA"));
  const auth::jwk* ec = (*set)->find("ec-1");
  ASSERT_NE(ec, nullptr);
  EXPECT_EQ(ec->alg(), auth::jws_alg::es256);
  EXPECT_EQ(ec->bits(), 256);
  EXPECT_TRUE(EVP_PKEY_is_a(ec->pkey(), "EC"));
  EXPECT_EQ((*set)->find("nope"), nullptr);
  EXPECT_EQ((*set)->find(""), nullptr);
}

TEST(Jwks, RefusesRsaKeysBelow2048Bits) {
  auto weak = auth_test::generate_rsa(1024);
  auto only_weak = jwk_set::parse(jwks_json({public_jwk(weak.get(), "weak")}));
  ASSERT_FALSE(only_weak);
  EXPECT_NE(only_weak.error().message.find("1024 bits is below the minimum of 2048"), std::string::npos)
      << only_weak.error().message;

  auto mixed =
      jwk_set::parse(jwks_json({public_jwk(weak.get(), "weak"), public_jwk(keys().rsa.get(), "rsa-1")}));
  ASSERT_TRUE(mixed);
  EXPECT_EQ((*mixed)->find("weak"), nullptr);
  EXPECT_NE((*mixed)->find("rsa-1"), nullptr);
  EXPECT_TRUE(skipped_mentions(**mixed, "kid \"weak\""));
}

TEST(Jwks, SkipsEncryptionKeysAndKeysNotForVerify) {
  auto set = jwk_set::parse(jwks_json({
      public_jwk(keys().rsa.get(), "enc", {{"use", str("enc")}}),
      public_jwk(keys().rsa2.get(), "ops-enc", {{"key_ops", R"(["encrypt","wrapKey"])"}}),
      public_jwk(keys().ec.get(), "ops-verify", {{"key_ops", R"(["verify"])"}}),
      public_jwk(keys().other.get(), "use-odd", {{"use", str("tls")}}),
  }));
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ((*set)->size(), 1u);
  EXPECT_NE((*set)->find("ops-verify"), nullptr);
  EXPECT_EQ((*set)->find("enc"), nullptr);
  EXPECT_EQ((*set)->find("ops-enc"), nullptr);
  EXPECT_EQ((*set)->find("use-odd"), nullptr);
  EXPECT_TRUE(skipped_mentions(**set, "\"use\" is \"enc\""));
  EXPECT_EQ((*set)->skipped().size(), 3u);

  auto only_enc = jwk_set::parse(jwks_json({public_jwk(keys().rsa.get(), "enc", {{"use", str("enc")}})}));
  EXPECT_FALSE(only_enc);
}

TEST(Jwks, KeyIsBoundToTheAlgorithmItAnnounces) {
  auto set = jwk_set::parse(jwks_json({
      public_jwk(keys().rsa.get(), "rs512", {{"alg", str("RS512")}}),
      public_jwk(keys().rsa2.get(), "ps256", {{"alg", str("PS256")}}),
      public_jwk(keys().other.get(), "rsa-es", {{"alg", str("ES256")}}),
      public_jwk(keys().ec.get(), "ec-rs", {{"alg", str("RS256")}}),
      public_jwk(keys().rsa.get(), "good", {{"alg", str("RS256")}}),
  }));
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)->size(), 1u);
  EXPECT_NE((*set)->find("good"), nullptr);
  EXPECT_EQ((*set)->skipped().size(), 4u);
}

TEST(Jwks, SkipsUnsupportedKeyTypesAndCurves) {
  const std::string x32 = auth::base64url_encode(std::string(32, '\x01'));
  const std::string x48 = auth::base64url_encode(std::string(48, '\x01'));
  auto set = jwk_set::parse(jwks_json({
      {{"kty", str("oct")}, {"kid", str("hmac")}, {"k", str(x32)}},
      {{"kty", str("OKP")}, {"kid", str("ed")}, {"crv", str("Ed25519")}, {"x", str(x32)}},
      {{"kty", str("EC")}, {"kid", str("p384")}, {"crv", str("P-384")}, {"x", str(x48)}, {"y", str(x48)}},
      {{"kid", str("no-kty")}},
      public_jwk(keys().ec.get(), "ec-1"),
  }));
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)->size(), 1u);
  EXPECT_EQ((*set)->find("hmac"), nullptr);  // never a symmetric key
  EXPECT_TRUE(skipped_mentions(**set, "\"oct\" is not supported"));
  EXPECT_TRUE(skipped_mentions(**set, "\"P-384\" is not supported"));
  EXPECT_TRUE(skipped_mentions(**set, "no \"kty\""));
}

TEST(Jwks, RefusesBrokenEcPoints) {
  json_members good = public_jwk(keys().ec.get(), "ec");
  json_members short_x = good;
  short_x["x"] = str(auth::base64url_encode(std::string(31, '\x07')));
  json_members off_curve = good;
  // Change y: the point (x, y') is on the curve only by a ~2^-256 accident.
  std::string y = *auth::base64url_decode(good["y"].substr(1, good["y"].size() - 2));
  y[31] = static_cast<char>(y[31] ^ 1);
  off_curve["y"] = str(auth::base64url_encode(y));
  json_members missing_y = good;
  missing_y.erase("y");

  auto set = jwk_set::parse(jwks_json({short_x, off_curve, missing_y}));
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message.find("exactly 32 octets"), std::string::npos) << set.error().message;
  EXPECT_NE(set.error().message.find("not a valid P-256 public key"), std::string::npos)
      << set.error().message;
  EXPECT_NE(set.error().message.find("no \"y\" member"), std::string::npos) << set.error().message;
}

TEST(Jwks, RsaMembersAreStrict) {
  json_members good = public_jwk(keys().rsa.get(), "r");
  const std::string n = good["n"].substr(1, good["n"].size() - 2);

  json_members padded = good;
  padded["n"] = str(n + (n.size() % 4 == 2 ? "==" : "="));
  json_members std_alphabet = good;
  std::string n_std = n;
  n_std[5] = '+';
  std_alphabet["n"] = str(n_std);
  json_members even_e = good;
  even_e["e"] = str(auth::base64url_encode(std::string_view("\x01\x00\x00", 3)));
  json_members one_e = good;
  one_e["e"] = str(auth::base64url_encode("\x01"));
  json_members numeric_n = good;
  numeric_n["n"] = "12345";
  json_members no_kid = good;
  no_kid.erase("kid");
  json_members empty_kid = good;
  empty_kid["kid"] = str("");

  auto set = jwk_set::parse(jwks_json({padded, std_alphabet, even_e, one_e, numeric_n, no_kid, empty_kid}));
  ASSERT_FALSE(set);
  for (const char* why :
       {"base64url", "public exponent", "\"n\" is not a string", "no \"kid\"", "\"kid\" is empty"}) {
    EXPECT_NE(set.error().message.find(why), std::string::npos) << why << " in " << set.error().message;
  }
}

TEST(Jwks, AcceptsALeadingZeroOctetInTheModulus) {
  json_members k = public_jwk(keys().rsa.get(), "lz");
  std::string n = *auth::base64url_decode(k["n"].substr(1, k["n"].size() - 2));
  k["n"] = str(auth::base64url_encode(std::string(1, '\0') + n));
  auto set = jwk_set::parse(jwks_json({k}));
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ((*set)->find("lz")->bits(), 2048);
}

TEST(Jwks, FirstKeyWinsOnADuplicateKid) {
  auto set =
      jwk_set::parse(jwks_json({public_jwk(keys().rsa.get(), "same"), public_jwk(keys().ec.get(), "same")}));
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)->size(), 1u);
  EXPECT_EQ((*set)->find("same")->alg(), auth::jws_alg::rs256);
  EXPECT_TRUE(skipped_mentions(**set, "duplicate kid"));
}

TEST(Jwks, RefusesMalformedDocuments) {
  for (const char* doc :
       {"", "not json", "{", "[]", "{}", R"({"keys":{}})", R"({"keys":"x"})", R"({"keys":[]})",
        R"({"keys":[1,"two",null]})", R"({"keys":[{"kty":"RSA","kid":"a"}]})"}) {
    auto set = jwk_set::parse(doc);
    EXPECT_FALSE(set) << doc;
    if (!set) {
      EXPECT_FALSE(set.error().message.empty());
    }
  }
  EXPECT_FALSE(jwk_set::parse(std::string(600 * 1024, ' ')));
}

TEST(Jwks, IgnoresUnknownMembersAndPrivateKeyMaterialIsNotNeeded) {
  auto set =
      jwk_set::parse(jwks_json({public_jwk(keys().rsa.get(), "r", {{"x5t", str("abc")}, {"ext", "true"}})}));
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ((*set)->size(), 1u);
}

TEST(Jwks, LeavesNoOpenSslErrorsBehind) {
  auto weak = auth_test::generate_rsa(1024);
  json_members off = public_jwk(keys().ec.get(), "ec");
  off["x"] = str(auth::base64url_encode(std::string(32, '\x05')));
  ERR_clear_error();
  (void)jwk_set::parse(jwks_json({off, public_jwk(weak.get(), "w"), public_jwk(keys().rsa.get(), "r")}));
  EXPECT_EQ(ERR_peek_error(), 0ul);
}

}  // namespace
