// Tests for control/key_source.hpp: where the master key comes from, and master.key's mode.
#include "control/key_source.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sys/stat.h>

#include "control/files.hpp"
#include "tests/control/fixtures.hpp"

namespace {

using namespace control;
using control_test::fake_env;
using control_test::temp_dir;

const std::string hex_key(64, '7');

unsigned mode_of(const std::string& path) {
  struct stat st {};
  ::stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(key_source, creates_master_key_0600_on_first_use_and_reuses_it) {
  temp_dir dir;
  auto first = load_master_key({dir.path, "", fake_env{}.lookup()});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->origin, dir.file("master.key"));
  EXPECT_EQ(mode_of(dir.file("master.key")), 0600u);
  auto text = control_test::slurp(dir.file("master.key"));
  EXPECT_EQ(text, first->key.to_hex() + "\n");

  auto second = load_master_key({dir.path, "", fake_env{}.lookup()});
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->key.to_hex(), first->key.to_hex());
}

TEST(key_source, refuses_a_master_key_others_may_read) {
  temp_dir dir;
  ASSERT_TRUE(load_master_key({dir.path, "", fake_env{}.lookup()}));
  ::chmod(dir.file("master.key").c_str(), 0644);
  auto r = load_master_key({dir.path, "", fake_env{}.lookup()});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::refused);
  EXPECT_NE(r.error().message.find("0644"), std::string::npos) << r.error().message;
}

TEST(key_source, environment_variable_hex_or_base64) {
  temp_dir dir;
  fake_env env{{{"WORKOS_MCP_MASTER_KEY", hex_key}}};
  auto r = load_master_key({dir.path, "", env.lookup()});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->key.to_hex(), hex_key);
  EXPECT_EQ(r->origin, "WORKOS_MCP_MASTER_KEY");
  EXPECT_FALSE(std::filesystem::exists(dir.file("master.key"))) << "no key file when the key is given";

  fake_env b64{{{"WORKOS_MCP_MASTER_KEY", crypto::to_base64url(*crypto::from_hex(hex_key))}}};
  auto r2 = load_master_key({dir.path, "", b64.lookup()});
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->key.to_hex(), hex_key);

  fake_env bad{{{"WORKOS_MCP_MASTER_KEY", "not a key"}}};
  auto r3 = load_master_key({dir.path, "", bad.lookup()});
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().message.find("not a key"), std::string::npos) << "the value is never echoed";
}

TEST(key_source, key_file_from_environment_or_options) {
  temp_dir dir;
  std::ofstream(dir.file("elsewhere.key")) << hex_key << "\n";
  fake_env env{{{"WORKOS_MCP_MASTER_KEY_FILE", dir.file("elsewhere.key")}}};
  auto r = load_master_key({dir.path, "", env.lookup()});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->key.to_hex(), hex_key);
  EXPECT_EQ(r->origin, dir.file("elsewhere.key"));

  auto explicit_file = load_master_key({dir.path, dir.file("elsewhere.key"), fake_env{}.lookup()});
  ASSERT_TRUE(explicit_file);
  EXPECT_EQ(explicit_file->key.to_hex(), hex_key);

  auto missing = load_master_key({dir.path, dir.file("missing.key"), fake_env{}.lookup()});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::io);

  std::ofstream(dir.file("junk.key")) << "junk";
  auto junk = load_master_key({dir.path, dir.file("junk.key"), fake_env{}.lookup()});
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().code, errc::invalid_argument);
}

TEST(key_source, both_environment_variables_is_an_error) {
  temp_dir dir;
  fake_env env{{{"WORKOS_MCP_MASTER_KEY", hex_key}, {"WORKOS_MCP_MASTER_KEY_FILE", "/nonexistent"}}};
  auto r = load_master_key({dir.path, "", env.lookup()});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::invalid_argument);
}

TEST(files, create_private_is_exclusive_and_0600) {
  temp_dir dir;
  auto made = files::create_private(dir.file("f"), "one");
  ASSERT_TRUE(made && *made);
  auto again = files::create_private(dir.file("f"), "two");
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(control_test::slurp(dir.file("f")), "one");
  EXPECT_EQ(mode_of(dir.file("f")), 0600u);
  // No temporary files are left behind.
  int entries = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path)) ++entries;
  EXPECT_EQ(entries, 1);
}

}  // namespace
