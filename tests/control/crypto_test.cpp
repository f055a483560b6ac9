// Tests for control/crypto.hpp: sealing, passwords, ids, encodings.
#include "control/crypto.hpp"

#include <gtest/gtest.h>

#include <set>

namespace {

using namespace control;
using namespace control::crypto;

master_key key_of(char fill) { return *master_key::parse(std::string(64, fill)); }

TEST(crypto, seal_round_trip) {
  auto k = key_of('a');
  auto sealed = seal(k, "sk_test_secret_value_1234", "team_1/environment_1");
  ASSERT_TRUE(sealed) << sealed.error().message;
  EXPECT_EQ(sealed->size(), 1 + nonce_bytes + 25 + tag_bytes);
  EXPECT_EQ(sealed->find("sk_test"), std::string::npos);
  auto opened = open_sealed(k, *sealed, "team_1/environment_1");
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->reveal(), "sk_test_secret_value_1234");
}

TEST(crypto, same_plaintext_seals_differently_each_time) {
  auto k = key_of('b');
  auto a = seal(k, "same key", "aad");
  auto b = seal(k, "same key", "aad");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_NE(a->substr(1, nonce_bytes), b->substr(1, nonce_bytes)) << "a fresh nonce per value";
}

TEST(crypto, any_altered_byte_fails_to_open) {
  auto k = key_of('c');
  auto sealed = *seal(k, "sk_live_abcdef", "t/e");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    auto bad = sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    auto r = open_sealed(k, bad, "t/e");
    ASSERT_FALSE(r) << "byte " << i;
    EXPECT_EQ(r.error().code, errc::crypto);
  }
  EXPECT_FALSE(open_sealed(k, sealed.substr(0, sealed.size() - 1), "t/e"));
  EXPECT_FALSE(open_sealed(k, "", "t/e"));
}

TEST(crypto, wrong_aad_or_key_fails_to_open) {
  auto k = key_of('d');
  auto sealed = *seal(k, "sk_live_abcdef", "team_1/environment_A");
  EXPECT_FALSE(open_sealed(k, sealed, "team_1/environment_B"));
  EXPECT_FALSE(open_sealed(k, sealed, "team_2/environment_A"));
  EXPECT_FALSE(open_sealed(k, sealed, ""));
  EXPECT_FALSE(open_sealed(key_of('e'), sealed, "team_1/environment_A"));
  EXPECT_TRUE(open_sealed(k, sealed, "team_1/environment_A"));
}

TEST(crypto, empty_plaintext_and_empty_aad) {
  auto k = key_of('f');
  auto sealed = seal(k, "", "");
  ASSERT_TRUE(sealed);
  auto opened = open_sealed(k, *sealed, "");
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->empty());
}

TEST(crypto, master_key_parses_hex_base64_and_raw) {
  std::string hex(64, '0');
  hex[63] = '1';
  auto from_hex_key = master_key::parse(hex + "\n");
  ASSERT_TRUE(from_hex_key);
  EXPECT_EQ(from_hex_key->to_hex(), hex);
  std::string raw(32, '\0');
  raw[31] = '\x01';
  auto b64 = to_base64url(raw);  // 43 characters, URL alphabet
  ASSERT_TRUE(master_key::parse(b64));
  EXPECT_EQ(master_key::parse(b64)->to_hex(), hex);
  EXPECT_EQ(master_key::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=")->to_hex(), hex) << "standard base64";
  EXPECT_EQ(master_key::parse(raw)->to_hex(), hex);
  EXPECT_FALSE(master_key::parse("short"));
  EXPECT_FALSE(master_key::parse(std::string(63, 'a')));
  EXPECT_FALSE(master_key::parse(std::string(64, 'g')));
  EXPECT_FALSE(master_key::parse(""));
  auto g1 = master_key::generate(), g2 = master_key::generate();
  ASSERT_TRUE(g1 && g2);
  EXPECT_NE(g1->to_hex(), g2->to_hex());
}

TEST(crypto, hex_and_base64) {
  EXPECT_EQ(to_hex(std::string{"\x00\xff\x10", 3}), "00ff10");
  EXPECT_EQ(from_hex("00FF10"), (std::string{"\x00\xff\x10", 3}));
  EXPECT_FALSE(from_hex("0"));
  EXPECT_FALSE(from_hex("zz"));
  EXPECT_EQ(to_base64url("hello?>"), "aGVsbG8_Pg");
  EXPECT_EQ(from_base64("aGVsbG8_Pg"), "hello?>");
  EXPECT_EQ(from_base64("aGVsbG8/Pg=="), "hello?>");
  EXPECT_FALSE(from_base64("a"));
  EXPECT_FALSE(from_base64("a!b="));
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "ab"));
  EXPECT_TRUE(equal_constant_time("", ""));
}

TEST(crypto, ids_are_prefixed_time_ordered_and_unique) {
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    auto id = new_id("team");
    ASSERT_EQ(id.size(), 5u + 26u);
    ASSERT_EQ(id.rfind("team_", 0), 0u);
    EXPECT_EQ(id.find_first_not_of("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 5), std::string::npos) << id;
    EXPECT_GE(id.substr(5, 10), previous.empty() ? "" : previous.substr(5, 10)) << "time prefix never goes back";
    EXPECT_TRUE(seen.insert(id).second);
    previous = id;
  }
}

TEST(crypto, password_hash_verifies_right_and_refuses_wrong) {
  auto h = hash_password("correct horse", 1000);
  ASSERT_TRUE(h) << h.error().message;
  EXPECT_EQ(h->rfind("pbkdf2-sha256$1000$", 0), 0u);
  EXPECT_EQ(h->find("correct horse"), std::string::npos);
  EXPECT_TRUE(verify_password_hash(*h, "correct horse"));
  EXPECT_FALSE(verify_password_hash(*h, "correct horsE"));
  EXPECT_FALSE(verify_password_hash(*h, ""));
  EXPECT_NE(*h, *hash_password("correct horse", 1000)) << "a random salt per hash";
  EXPECT_FALSE(verify_password_hash("", "x"));
  EXPECT_FALSE(verify_password_hash("pbkdf2-sha256$10$00$00", "x")) << "too few iterations is refused";
  EXPECT_FALSE(verify_password_hash("md5$1000$00$00", "x"));
  EXPECT_FALSE(hash_password("x", 10)) << "no weak hashes";
}

TEST(crypto, default_password_hash_is_slow_enough) {
  auto h = hash_password("pw");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->rfind("pbkdf2-sha256$600000$", 0), 0u);
  EXPECT_GE(default_password_iterations, 210'000u);
  EXPECT_TRUE(verify_password_hash(*h, "pw"));
}

TEST(crypto, secret_moves_and_wipes) {
  secret a{"sk_test_123456789012345"};
  secret b = std::move(a);
  EXPECT_TRUE(a.empty());  // NOLINT: moved-from is defined as empty here
  EXPECT_EQ(b.reveal(), "sk_test_123456789012345");
  secret c;
  c = b;
  EXPECT_EQ(c.reveal(), b.reveal());
}

}  // namespace
