// app/config.hpp — the server's configuration: every key from a TOML file, an environment
// variable or a flag, with one precedence rule: flag > environment > file > default.
//
// Each setting is declared once (config.cpp, `settings()`), with its TOML path, its
// environment variable and its flag, so the three sources can never drift apart, and
// `workos-mcp serve --help` prints the table. Parsing happens at start-up only; errors are
// reported as messages and the process exits non-zero.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct config {
  // server
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert;  ///< PEM file; with tls_key, the listener speaks HTTPS
  std::string tls_key;
  std::string data_dir = "workos-mcp-data";
  unsigned io_threads = 0;     ///< 0: auto (half the cores, at least 1)
  unsigned actor_threads = 0;  ///< 0: auto (the other cores, at least 1)
  std::string actor_scheduler = "sharing";  ///< sharing | stealing (CAF scheduler policy)
  std::vector<std::string> allowed_hosts;
  std::vector<std::string> allowed_origins;
  // limits
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::milliseconds read_timeout{30000};
  std::chrono::milliseconds idle_timeout{60000};
  // sessions
  std::chrono::seconds session_idle_timeout{1800};
  std::size_t max_sessions = 200000;
  std::chrono::milliseconds sse_retry{1000};
  std::size_t replay_events = 256;
  // auth: this server as an OAuth resource server (DESIGN §2). The defaults trust the embedded
  // emulator's authorization server; pointing at a real AuthKit domain is `auth.issuer` alone.
  std::string auth_mode = "oauth";  ///< oauth | none (none: anonymous, refused unless listening on loopback)
  std::string auth_issuer;          ///< the AS's issuer identifier; empty: the embedded emulator
  std::string auth_jwks_url;        ///< empty: the `jwks_uri` of the issuer's metadata
  std::string auth_resource;        ///< this server's canonical resource URL; empty: the served MCP URL
  std::vector<std::string> auth_scopes{"mcp"};  ///< scopes every request's token must carry
  std::chrono::seconds auth_leeway{60};         ///< clock skew tolerated on exp/nbf/iat
  // admin page (/admin): an OAuth client of the same issuer
  bool admin_enabled = true;
  std::string admin_client_id;      ///< empty: dynamic registration at the issuer at start
  std::string admin_client_secret;  ///< empty: a public client (PKCE only)
  // emulator (embedded WorkOS emulator)
  bool emulator_enabled = true;
  std::string emulator_listen = "127.0.0.1:0";
  /// Client ID Metadata Documents on loopback hosts, over http or https (for local clients and tests).
  bool emulator_loopback_client_metadata = true;
  /// PEM CA bundle the emulator trusts when fetching https metadata documents; empty: the system store.
  std::string emulator_client_metadata_ca_file;
  // audit trail (control/audit_log.hpp): rows older than this are purged daily by the writer.
  int audit_retention_days = 90;
  // tools: also expose each catalog operation as its own tool, for these products ("all" or
  // product names); empty: only the default tools (whoami, use_environment, list_operations,
  // query, mutate).
  std::vector<std::string> tools_per_operation;
  // log
  std::string log_level = "info";
  std::string log_format = "text";  ///< text | json
};

struct parse_outcome {
  config cfg;
  std::string error;            ///< non-empty: refuse to start, print this
  bool help = false;            ///< --help was given
  std::vector<std::string> rest;  ///< positional arguments left over
};

/// Reads `--config FILE` (or WORKOS_MCP_CONFIG), then the environment, then the flags.
/// `env` looks a variable up (std::getenv in production; a map in tests).
parse_outcome parse_config(const std::vector<std::string>& args,
                           const std::function<std::optional<std::string>(const std::string&)>& env);

/// The settings table, for --help.
std::string config_help();

/// Resolves the automatic thread counts against `cores`: I/O and actor threads share the cores
/// so that neither pool oversubscribes the machine (each hop between them costs a wake-up).
void resolve_threads(config& cfg, unsigned cores);

/// "host:port" → parts; nullopt when malformed.
std::optional<std::pair<std::string, std::uint16_t>> split_host_port(std::string_view s);

}  // namespace app
