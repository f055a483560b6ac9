// tests/auth/recorded_tokens_test.cpp — verification of frozen tokens signed by another library.
//
// data/recorded_tokens.json holds a JWKS, a fixed `now`, and tokens minted once by `jose` (see
// data/record_tokens.mjs), each with the outcome expected at that `now`. Unlike the freshly signed
// tokens of jwt_test.cpp, these bytes never change: they pin the verifier to real-world encodings.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "auth/jwt.hpp"
#include "mcp/json.hpp"

namespace {

struct recorded_case {
  std::string name, token, expect, sub, kid;
};

struct recording {
  std::string issuer, audience;
  std::int64_t now = 0;
  std::string jwks;
  std::vector<recorded_case> cases;
};

recording load() {
  std::ifstream in(std::string(AUTH_TEST_DATA_DIR) + "/recorded_tokens.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = mcp::json_doc::parse(ss.str());
  if (!doc) throw std::runtime_error("recorded_tokens.json: cannot read or parse");
  recording r;
  const auto root = doc->root();
  r.issuer = std::string(mcp::get_string(root, "issuer").value_or(""));
  r.audience = std::string(mcp::get_string(root, "audience").value_or(""));
  r.now = mcp::get_int(root, "now").value_or(0);
  r.jwks = mcp::to_json(*mcp::get_field(root, "jwks"));
  simdjson::dom::array cases;
  if (mcp::get_field(root, "cases")->get_array().get(cases)) throw std::runtime_error("no cases");
  for (simdjson::dom::element c : cases) {
    auto s = [&](const char* k) { return std::string(mcp::get_string(c, k).value_or("")); };
    r.cases.push_back({s("name"), s("token"), s("expect"), s("sub"), s("kid")});
  }
  return r;
}

class Recorded : public ::testing::Test {
 protected:
  void SetUp() override {
    rec_ = load();
    ASSERT_FALSE(rec_.cases.empty());
    auto set = auth::jwk_set::parse(rec_.jwks);
    ASSERT_TRUE(set) << set.error().message;
    set_ = *set;
    opts_.issuer = rec_.issuer;
    opts_.audience = rec_.audience;
  }
  auto now(std::int64_t delta = 0) const {
    return std::chrono::system_clock::time_point{std::chrono::seconds{rec_.now + delta}};
  }

  recording rec_;
  auth::jwk_set_ptr set_;
  auth::verify_options opts_;
};

TEST_F(Recorded, JwksKeepsTheSignatureKeysAndSkipsTheEncryptionKey) {
  EXPECT_EQ(set_->size(), 3u);
  EXPECT_NE(set_->find("rsa-2026a"), nullptr);
  EXPECT_NE(set_->find("rsa-2026b"), nullptr);
  EXPECT_NE(set_->find("ec-2026a"), nullptr);
  EXPECT_EQ(set_->find("enc-2026a"), nullptr);
  ASSERT_EQ(set_->skipped().size(), 1u);
  EXPECT_NE(set_->skipped()[0].find("enc-2026a"), std::string::npos);
}

TEST_F(Recorded, EachTokenHasItsRecordedOutcome) {
  for (const auto& c : rec_.cases) {
    SCOPED_TRACE(c.name);
    auto r = auth::verify(c.token, *set_, opts_, now());
    if (c.expect == "ok") {
      ASSERT_TRUE(r) << auth::to_string(r.error().code) << ": " << r.error().message;
      EXPECT_EQ(r->subject, c.sub);
      EXPECT_EQ(r->kid, c.kid);
      EXPECT_EQ(r->issuer, rec_.issuer);
      EXPECT_TRUE(r->has_scope("openid"));
      EXPECT_EQ(r->client_id, "client_01JRECORDED");
      EXPECT_EQ(r->session_id, "session_01JRECORDED");
    } else {
      ASSERT_FALSE(r) << "accepted";
      EXPECT_EQ(auth::to_string(r.error().code), c.expect) << r.error().message;
    }
  }
}

TEST_F(Recorded, ValidTokensExpireWithTheClock) {
  int valid = 0;
  for (const auto& c : rec_.cases) {
    if (c.expect != "ok") continue;
    ++valid;
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(auth::verify(c.token, *set_, opts_, now(3300 + 59)));
    auto r = auth::verify(c.token, *set_, opts_, now(3300 + 60));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, auth::verify_error::expired);
  }
  EXPECT_EQ(valid, 3);
}

TEST_F(Recorded, ValidTokensFailUnderAnotherIssuerOrResource) {
  auth::verify_options other = opts_;
  other.audience = "https://mcp.example.test/other";
  auth::verify_options iss = opts_;
  iss.issuer = "https://auth.example.test/";
  for (const auto& c : rec_.cases) {
    if (c.expect != "ok") continue;
    SCOPED_TRACE(c.name);
    auto r = auth::verify(c.token, *set_, other, now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, auth::verify_error::wrong_audience);
    r = auth::verify(c.token, *set_, iss, now());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, auth::verify_error::wrong_issuer);
  }
}

}  // namespace
