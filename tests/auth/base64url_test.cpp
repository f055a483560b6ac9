// tests/auth/base64url_test.cpp — strict unpadded base64url (RFC 4648 §5).
#include "auth/base64url.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Base64url, RoundTripsEveryLengthAndByte) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const std::string enc = auth::base64url_encode(bytes);
    EXPECT_EQ(enc.find_first_of("=+/"), std::string::npos);
    auto dec = auth::base64url_decode(enc);
    ASSERT_TRUE(dec) << enc;
    EXPECT_EQ(*dec, bytes);
    bytes.push_back(static_cast<char>(i * 37 + 11));
  }
}

TEST(Base64url, KnownVectors) {
  // RFC 4648 §10, with the URL-safe alphabet and padding removed.
  EXPECT_EQ(auth::base64url_encode("f"), "Zg");
  EXPECT_EQ(auth::base64url_encode("fo"), "Zm8");
  EXPECT_EQ(auth::base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(auth::base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(auth::base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(auth::base64url_decode("-_8").value_or("?"), "\xfb\xff");
  EXPECT_EQ(auth::base64url_decode("").value_or("?"), "");
}

TEST(Base64url, RejectsEverythingNonCanonical) {
  EXPECT_FALSE(auth::base64url_decode("Zg=="));  // padding
  EXPECT_FALSE(auth::base64url_decode("Zg="));
  EXPECT_FALSE(auth::base64url_decode("+/8"));    // standard alphabet
  EXPECT_FALSE(auth::base64url_decode("Zm 9v"));  // whitespace
  EXPECT_FALSE(auth::base64url_decode("Zm9v\n"));
  EXPECT_FALSE(auth::base64url_decode("Z"));  // a lone sextet is never a byte
  EXPECT_FALSE(auth::base64url_decode("Zm9vY"));
  EXPECT_FALSE(auth::base64url_decode("Zh"));   // "f" with non-zero unused bits
  EXPECT_FALSE(auth::base64url_decode("Zm9"));  // "fo" with non-zero unused bits
  EXPECT_FALSE(auth::base64url_decode(std::string_view("Zm\0v", 4)));
  EXPECT_FALSE(auth::base64url_decode("Zm9v\xc3\xa9"));
}

}  // namespace
