// Tests for app/config.hpp: the precedence rule, validation, the TOML file's strictness.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

namespace {

struct fake_env {
  std::map<std::string, std::string> vars;
  std::optional<std::string> operator()(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>{it->second};
  }
};

std::string write_file(const std::string& text) {
  char tmpl[] = "/tmp/workos-mcp-config-XXXXXX";
  int fd = mkstemp(tmpl);
  close(fd);
  std::ofstream(tmpl) << text;
  return tmpl;
}

TEST(config, defaults_need_nothing) {
  auto r = app::parse_config({}, fake_env{});
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.listen, "127.0.0.1:8080");
  EXPECT_EQ(r.cfg.log_format, "text");
}

TEST(config, flag_beats_environment_beats_file_beats_default) {
  auto file = write_file("[server]\nlisten = \"127.0.0.1:1\"\nio_threads = 3\n[log]\nlevel = \"debug\"\n");
  fake_env env{{{"WORKOS_MCP_CONFIG", file}, {"WORKOS_MCP_LISTEN", "127.0.0.1:2"}, {"WORKOS_MCP_IO_THREADS", "4"}}};
  auto r = app::parse_config({"--listen", "127.0.0.1:3"}, env);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.listen, "127.0.0.1:3") << "flag";
  EXPECT_EQ(r.cfg.io_threads, 4u) << "environment over file";
  EXPECT_EQ(r.cfg.log_level, "debug") << "file over default";
  EXPECT_EQ(r.cfg.actor_threads, 0u) << "default: automatic";
}

TEST(config, flags_take_both_spellings_and_config_from_a_flag) {
  auto file = write_file("[sessions]\nidle_timeout_s = 60\n");
  auto r = app::parse_config({"--config=" + file, "--log-format=json", "--allowed-hosts", "a.example, b.example"},
                             fake_env{});
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.session_idle_timeout, std::chrono::seconds(60));
  EXPECT_EQ(r.cfg.log_format, "json");
  EXPECT_EQ(r.cfg.allowed_hosts, (std::vector<std::string>{"a.example", "b.example"}));
}

TEST(config, refuses_what_it_does_not_understand) {
  EXPECT_NE(app::parse_config({"--no-such-flag", "1"}, fake_env{}).error, "");
  EXPECT_NE(app::parse_config({"--listen"}, fake_env{}).error, "") << "missing value";
  EXPECT_NE(app::parse_config({"--io-threads", "257"}, fake_env{}).error, "") << "out of range";
  EXPECT_NE(app::parse_config({"--io-threads", "2x"}, fake_env{}).error, "") << "not a number";
  EXPECT_NE(app::parse_config({"--log-format", "xml"}, fake_env{}).error, "");
  EXPECT_NE(app::parse_config({"--tls-cert", "c.pem"}, fake_env{}).error, "") << "cert without key";
  EXPECT_NE(app::parse_config({}, fake_env{{{"WORKOS_MCP_LISTEN", "nope"}}}).error, "");
  auto typo = write_file("[server]\nlistn = \"x\"\n");
  EXPECT_NE(app::parse_config({"--config", typo}, fake_env{}).error.find("unknown key server.listn"), std::string::npos);
  auto broken = write_file("[server\n");
  EXPECT_NE(app::parse_config({"--config", broken}, fake_env{}).error, "");
  auto wrong_type = write_file("[server]\nio_threads = \"many\"\n");
  EXPECT_NE(app::parse_config({"--config", wrong_type}, fake_env{}).error, "");
  EXPECT_NE(app::parse_config({"--config", "/nonexistent/file.toml"}, fake_env{}).error, "");
}

TEST(config, audit_retention_days_from_each_source_within_its_range) {
  EXPECT_EQ(app::parse_config({}, fake_env{}).cfg.audit_retention_days, 90) << "default";
  auto file = write_file("[audit]\nretention_days = 30\n");
  EXPECT_EQ(app::parse_config({"--config", file}, fake_env{}).cfg.audit_retention_days, 30);
  fake_env env{{{"WORKOS_MCP_CONFIG", file}, {"WORKOS_MCP_AUDIT_RETENTION_DAYS", "365"}}};
  EXPECT_EQ(app::parse_config({}, env).cfg.audit_retention_days, 365) << "environment over file";
  auto r = app::parse_config({"--audit-retention-days", "3650"}, env);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.audit_retention_days, 3650) << "flag over environment";
  for (auto bad : {"0", "3651", "-1", "90d", ""})
    EXPECT_NE(app::parse_config({"--audit-retention-days", bad}, fake_env{}).error.find("audit.retention_days"),
              std::string::npos)
        << bad;
  EXPECT_NE(app::config_help().find("--audit-retention-days"), std::string::npos);
}

TEST(config, emulator_client_metadata_ca_file_from_each_source) {
  EXPECT_EQ(app::parse_config({}, fake_env{}).cfg.emulator_client_metadata_ca_file, "") << "default: the system store";
  auto file = write_file("[emulator]\nclient_metadata_ca_file = \"/from/file.pem\"\n");
  EXPECT_EQ(app::parse_config({"--config", file}, fake_env{}).cfg.emulator_client_metadata_ca_file, "/from/file.pem");
  fake_env env{{{"WORKOS_MCP_CONFIG", file}, {"WORKOS_MCP_EMULATOR_CLIENT_METADATA_CA_FILE", "/from/env.pem"}}};
  EXPECT_EQ(app::parse_config({}, env).cfg.emulator_client_metadata_ca_file, "/from/env.pem");
  auto r = app::parse_config({"--emulator-client-metadata-ca-file", "/from/flag.pem"}, env);
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.emulator_client_metadata_ca_file, "/from/flag.pem");
}

TEST(config, automatic_threads_share_the_cores) {
  app::config two;
  app::resolve_threads(two, 2);
  EXPECT_EQ(two.io_threads, 1u);
  EXPECT_EQ(two.actor_threads, 1u);
  app::config eight;
  app::resolve_threads(eight, 8);
  EXPECT_EQ(eight.io_threads, 4u);
  EXPECT_EQ(eight.actor_threads, 4u);
  app::config one;
  app::resolve_threads(one, 1);
  EXPECT_EQ(one.io_threads, 1u);
  EXPECT_EQ(one.actor_threads, 1u);
  app::config fixed;
  fixed.io_threads = 3;
  app::resolve_threads(fixed, 8);
  EXPECT_EQ(fixed.io_threads, 3u) << "an explicit count is kept";
  EXPECT_EQ(fixed.actor_threads, 5u);
  EXPECT_NE(app::parse_config({"--actor-scheduler", "fifo"}, fake_env{}).error, "");
}

TEST(config, splits_host_and_port) {
  EXPECT_EQ(app::split_host_port("127.0.0.1:0"), (std::pair<std::string, std::uint16_t>{"127.0.0.1", 0}));
  EXPECT_EQ(app::split_host_port("[::1]:8080"), (std::pair<std::string, std::uint16_t>{"::1", 8080}));
  EXPECT_FALSE(app::split_host_port("host"));
  EXPECT_FALSE(app::split_host_port("host:70000"));
  EXPECT_FALSE(app::split_host_port(":80"));
}

TEST(config, auth_defaults_trust_the_embedded_emulator_and_require_the_mcp_scope) {
  auto r = app::parse_config({}, fake_env{});
  ASSERT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.cfg.auth_mode, "oauth");
  EXPECT_EQ(r.cfg.auth_issuer, "") << "empty: the embedded emulator";
  EXPECT_EQ(r.cfg.auth_scopes, (std::vector<std::string>{"mcp"}));
  auto real = app::parse_config({"--auth-issuer", "https://acme.authkit.app", "--auth-resource",
                                 "https://mcp.acme.test/mcp", "--emulator-enabled", "false"},
                                fake_env{});
  ASSERT_TRUE(real.error.empty()) << real.error;
  EXPECT_EQ(real.cfg.auth_issuer, "https://acme.authkit.app");
  EXPECT_EQ(real.cfg.auth_resource, "https://mcp.acme.test/mcp");
}

TEST(config, anonymous_mode_is_refused_off_loopback) {
  EXPECT_EQ(app::parse_config({"--auth-mode", "none"}, fake_env{}).error, "") << "127.0.0.1 by default";
  EXPECT_EQ(app::parse_config({"--auth-mode", "none", "--listen", "[::1]:0"}, fake_env{}).error, "");
  auto open = app::parse_config({"--auth-mode", "none", "--listen", "0.0.0.0:8080"}, fake_env{});
  EXPECT_NE(open.error.find("loopback"), std::string::npos) << open.error;
  auto from_env = app::parse_config({}, fake_env{{{"WORKOS_MCP_AUTH_MODE", "none"}, {"WORKOS_MCP_LISTEN", "10.0.0.5:80"}}});
  EXPECT_NE(from_env.error, "") << "whatever the source";
  EXPECT_NE(app::parse_config({"--auth-mode", "basic"}, fake_env{}).error, "");
}

TEST(config, without_the_emulator_an_issuer_must_be_named) {
  auto r = app::parse_config({"--emulator-enabled", "false"}, fake_env{});
  EXPECT_NE(r.error.find("auth.issuer"), std::string::npos) << r.error;
  EXPECT_NE(app::parse_config({"--auth-issuer", "ftp://x"}, fake_env{}).error, "");
  EXPECT_NE(app::parse_config({"--auth-leeway-s", "3600"}, fake_env{}).error, "") << "bounded leeway";
}

}  // namespace
