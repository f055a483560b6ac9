// Tests for app::setup_logging: whatever a log message carries, a key, a token or a PEM block
// never reaches stderr (promise 4), in either log format. stderr is redirected to a file for the
// test and restored after.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/service.hpp"

namespace {

// Runs `log` with fd 2 pointing at a temporary file; returns what was written.
template <class F>
std::string captured_stderr(F log) {
  char path[] = "/tmp/workos-mcp-log-XXXXXX";
  int fd = mkstemp(path);
  std::fflush(stderr);
  int saved = dup(2);
  dup2(fd, 2);
  log();
  spdlog::default_logger()->flush();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path);
  return text.str();
}

constexpr const char* api_key = "sk_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsT";
constexpr const char* jwt =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyXzAxIiwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJlc2lnbmF0dXJl";

TEST(logging, secrets_in_messages_are_masked_in_text_and_json_lines) {
  for (const char* format : {"text", "json"}) {
    app::config cfg;
    cfg.log_format = format;
    cfg.log_level = "info";
    app::setup_logging(cfg);
    auto out = captured_stderr([] {
      spdlog::info("upstream call with key {} and token {} for org_01HXYZ", api_key, jwt);
      spdlog::warn("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");
    });
    EXPECT_EQ(out.find(api_key), std::string::npos) << format << ": " << out;
    EXPECT_EQ(out.find("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0"), std::string::npos) << format << ": " << out;
    EXPECT_EQ(out.find("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), std::string::npos) << format << ": " << out;
    EXPECT_NE(out.find("upstream call with key"), std::string::npos) << format << ": the rest of the line stays";
    EXPECT_NE(out.find("org_01HXYZ"), std::string::npos) << format << ": ids are not secrets";
  }
}

}  // namespace
