// app/config.cpp — the settings table and the three sources it is read from.
#include "app/config.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include <toml++/toml.h>

namespace app {

namespace {

// One setting: where it comes from and how a text value is applied.
struct setting {
  const char* toml;  // "table.key"
  const char* env;
  const char* flag;
  const char* help;
  // Applies a value given as text (from env or a flag); returns an error message or "".
  std::string (*apply)(config&, std::string_view);
};

template <class T>
std::optional<T> parse_number(std::string_view s) {
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto comma = s.find(',');
    auto item = s.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

#define WM_STRING(field) [](config& c, std::string_view v) -> std::string { c.field = std::string{v}; return {}; }
#define WM_LIST(field) [](config& c, std::string_view v) -> std::string { c.field = split_list(v); return {}; }
#define WM_NUMBER(field, type, lo, hi, what)                                                  \
  [](config& c, std::string_view v) -> std::string {                                          \
    auto n = parse_number<type>(v);                                                            \
    if (!n || static_cast<long long>(*n) < (lo) || *n > (hi))                                 \
      return std::string{what} + " must be a whole number from " #lo " to " #hi;              \
    c.field = *n;                                                                              \
    return {};                                                                                 \
  }
#define WM_DURATION(field, unit, lo, hi, what)                                                \
  [](config& c, std::string_view v) -> std::string {                                          \
    auto n = parse_number<long long>(v);                                                       \
    if (!n || *n < (lo) || *n > (hi)) return std::string{what} + " must be a whole number from " #lo " to " #hi; \
    c.field = unit(*n);                                                                        \
    return {};                                                                                 \
  }

const std::vector<setting>& settings() {
  static const std::vector<setting> table = {
      {"server.listen", "WORKOS_MCP_LISTEN", "--listen", "host:port to serve MCP on (port 0: any free port)",
       [](config& c, std::string_view v) -> std::string {
         if (!split_host_port(v)) return "listen must be host:port, e.g. 127.0.0.1:8080";
         c.listen = std::string{v};
         return {};
       }},
      {"server.tls_cert", "WORKOS_MCP_TLS_CERT", "--tls-cert", "PEM certificate chain; with --tls-key serves HTTPS",
       WM_STRING(tls_cert)},
      {"server.tls_key", "WORKOS_MCP_TLS_KEY", "--tls-key", "PEM private key", WM_STRING(tls_key)},
      {"server.data_dir", "WORKOS_MCP_DATA_DIR", "--data-dir", "directory holding all state", WM_STRING(data_dir)},
      {"server.io_threads", "WORKOS_MCP_IO_THREADS", "--io-threads", "HTTP I/O threads (0: half the cores)",
       WM_NUMBER(io_threads, unsigned, 0, 256, "io_threads")},
      {"server.actor_threads", "WORKOS_MCP_ACTOR_THREADS", "--actor-threads", "actor scheduler threads (0: the cores the I/O threads leave)",
       WM_NUMBER(actor_threads, unsigned, 0, 256, "actor_threads")},
      {"server.actor_scheduler", "WORKOS_MCP_ACTOR_SCHEDULER", "--actor-scheduler",
       "sharing (one queue, woken on work: lowest latency on few cores) or stealing (per-thread queues)",
       [](config& c, std::string_view v) -> std::string {
         if (v != "sharing" && v != "stealing") return "actor_scheduler must be sharing or stealing";
         c.actor_scheduler = std::string{v};
         return {};
       }},
      {"server.allowed_hosts", "WORKOS_MCP_ALLOWED_HOSTS", "--allowed-hosts",
       "comma-separated host names accepted in Host/Origin besides loopback", WM_LIST(allowed_hosts)},
      {"server.allowed_origins", "WORKOS_MCP_ALLOWED_ORIGINS", "--allowed-origins",
       "comma-separated exact origins accepted in Origin", WM_LIST(allowed_origins)},
      {"limits.max_body_bytes", "WORKOS_MCP_MAX_BODY_BYTES", "--max-body-bytes", "largest request body (413 beyond)",
       WM_NUMBER(max_body_bytes, std::size_t, 1024, 1073741824, "max_body_bytes")},
      {"limits.max_header_bytes", "WORKOS_MCP_MAX_HEADER_BYTES", "--max-header-bytes",
       "largest request head (431 beyond)", WM_NUMBER(max_header_bytes, std::size_t, 1024, 1048576, "max_header_bytes")},
      {"limits.read_timeout_ms", "WORKOS_MCP_READ_TIMEOUT_MS", "--read-timeout-ms", "time to read one request",
       WM_DURATION(read_timeout, std::chrono::milliseconds, 100, 3600000, "read_timeout_ms")},
      {"limits.idle_timeout_ms", "WORKOS_MCP_IDLE_TIMEOUT_MS", "--idle-timeout-ms",
       "keep-alive wait for the next request", WM_DURATION(idle_timeout, std::chrono::milliseconds, 100, 3600000, "idle_timeout_ms")},
      {"sessions.idle_timeout_s", "WORKOS_MCP_SESSION_IDLE_TIMEOUT_S", "--session-idle-timeout-s",
       "a session with no traffic ends after this (404 afterwards)",
       WM_DURATION(session_idle_timeout, std::chrono::seconds, 1, 604800, "session idle_timeout_s")},
      {"sessions.max", "WORKOS_MCP_MAX_SESSIONS", "--max-sessions", "live sessions at most (503 beyond)",
       WM_NUMBER(max_sessions, std::size_t, 1, 100000000, "max_sessions")},
      {"sessions.sse_retry_ms", "WORKOS_MCP_SSE_RETRY_MS", "--sse-retry-ms", "SSE reconnection delay told to clients",
       WM_DURATION(sse_retry, std::chrono::milliseconds, 0, 600000, "sse_retry_ms")},
      {"sessions.replay_events", "WORKOS_MCP_REPLAY_EVENTS", "--replay-events", "events kept per stream for resumption",
       WM_NUMBER(replay_events, std::size_t, 1, 100000, "replay_events")},
      {"auth.mode", "WORKOS_MCP_AUTH_MODE", "--auth-mode",
       "oauth (bearer tokens from the authorization server) | none (anonymous; loopback listeners only)",
       [](config& c, std::string_view v) -> std::string {
         if (v != "oauth" && v != "none") return "auth.mode must be oauth or none";
         c.auth_mode = std::string{v};
         return {};
       }},
      {"auth.issuer", "WORKOS_MCP_AUTH_ISSUER", "--auth-issuer",
       "issuer of the authorization server, e.g. https://your-app.authkit.app (empty: the embedded emulator)",
       [](config& c, std::string_view v) -> std::string {
         if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0)
           return "auth.issuer must be an http(s) URL";
         c.auth_issuer = std::string{v};
         return {};
       }},
      {"auth.jwks_url", "WORKOS_MCP_AUTH_JWKS_URL", "--auth-jwks-url",
       "where the issuer's signing keys are (empty: the jwks_uri of its metadata)",
       [](config& c, std::string_view v) -> std::string {
         if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0)
           return "auth.jwks_url must be an http(s) URL";
         c.auth_jwks_url = std::string{v};
         return {};
       }},
      {"auth.resource", "WORKOS_MCP_AUTH_RESOURCE", "--auth-resource",
       "this server's public MCP URL, the audience of its tokens (empty: the URL it serves on)",
       [](config& c, std::string_view v) -> std::string {
         if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0)
           return "auth.resource must be an http(s) URL";
         c.auth_resource = std::string{v};
         return {};
       }},
      {"auth.scopes", "WORKOS_MCP_AUTH_SCOPES", "--auth-scopes", "scopes every token must carry (comma-separated)",
       WM_LIST(auth_scopes)},
      {"auth.leeway_s", "WORKOS_MCP_AUTH_LEEWAY_S", "--auth-leeway-s", "clock skew tolerated on token times",
       WM_DURATION(auth_leeway, std::chrono::seconds, 0, 300, "auth.leeway_s")},
      {"admin.enabled", "WORKOS_MCP_ADMIN_ENABLED", "--admin-enabled",
       "serve the team admin page under /admin (true|false; needs auth.mode oauth)",
       [](config& c, std::string_view v) -> std::string {
         if (v != "true" && v != "false") return "admin.enabled must be true or false";
         c.admin_enabled = v == "true";
         return {};
       }},
      {"admin.client_id", "WORKOS_MCP_ADMIN_CLIENT_ID", "--admin-client-id",
       "the admin page's OAuth client id at the issuer (empty: registered at start through the issuer's DCR)",
       WM_STRING(admin_client_id)},
      {"admin.client_secret", "WORKOS_MCP_ADMIN_CLIENT_SECRET", "--admin-client-secret",
       "that client's secret, when it is a confidential client (empty: a public client with PKCE)",
       WM_STRING(admin_client_secret)},
      {"emulator.enabled", "WORKOS_MCP_EMULATOR_ENABLED", "--emulator-enabled",
       "run the embedded WorkOS emulator beside the MCP server (true|false)",
       [](config& c, std::string_view v) -> std::string {
         if (v != "true" && v != "false") return "emulator.enabled must be true or false";
         c.emulator_enabled = v == "true";
         return {};
       }},
      {"emulator.listen", "WORKOS_MCP_EMULATOR_LISTEN", "--emulator-listen",
       "host:port of the embedded emulator (port 0: any free port)",
       [](config& c, std::string_view v) -> std::string {
         if (!split_host_port(v)) return "emulator.listen must be host:port";
         c.emulator_listen = std::string{v};
         return {};
       }},
      {"emulator.loopback_client_metadata", "WORKOS_MCP_EMULATOR_LOOPBACK_CLIENT_METADATA",
       "--emulator-loopback-client-metadata",
       "let the embedded authorization server fetch client metadata documents from loopback hosts, "
       "http or https (true|false)",
       [](config& c, std::string_view v) -> std::string {
         if (v != "true" && v != "false") return "emulator.loopback_client_metadata must be true or false";
         c.emulator_loopback_client_metadata = v == "true";
         return {};
       }},
      {"emulator.client_metadata_ca_file", "WORKOS_MCP_EMULATOR_CLIENT_METADATA_CA_FILE",
       "--emulator-client-metadata-ca-file",
       "PEM CA bundle trusted when fetching https client metadata documents (empty: the system store)",
       WM_STRING(emulator_client_metadata_ca_file)},
      {"audit.retention_days", "WORKOS_MCP_AUDIT_RETENTION_DAYS", "--audit-retention-days",
       "days the audit trail of agent actions is kept (older rows are purged daily)",
       WM_NUMBER(audit_retention_days, int, 1, 3650, "audit.retention_days")},
      {"tools.per_operation", "WORKOS_MCP_TOOLS_PER_OPERATION", "--tools-per-operation",
       "also expose each catalog operation as its own tool, for these products (comma-separated product names, "
       "or all; empty: off)",
       WM_LIST(tools_per_operation)},
      {"log.level", "WORKOS_MCP_LOG_LEVEL", "--log-level", "trace|debug|info|warn|error|off",
       [](config& c, std::string_view v) -> std::string {
         for (auto l : {"trace", "debug", "info", "warn", "error", "off"})
           if (v == l) {
             c.log_level = std::string{v};
             return {};
           }
         return "log level must be one of trace, debug, info, warn, error, off";
       }},
      {"log.format", "WORKOS_MCP_LOG_FORMAT", "--log-format", "text|json",
       [](config& c, std::string_view v) -> std::string {
         if (v != "text" && v != "json") return "log format must be text or json";
         c.log_format = std::string{v};
         return {};
       }},
  };
  return table;
}

// A TOML value as the text form the appliers take.
std::optional<std::string> toml_text(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (auto i = n.value<std::int64_t>()) return std::to_string(*i);
  if (auto b = n.value<bool>()) return *b ? "true" : "false";
  if (auto arr = n.as_array()) {
    std::string joined;
    for (const auto& e : *arr) {
      auto s = e.value<std::string>();
      if (!s) return std::nullopt;
      if (!joined.empty()) joined += ',';
      joined += *s;
    }
    return joined;
  }
  return std::nullopt;
}

}  // namespace

void resolve_threads(config& cfg, unsigned cores) {
  cores = std::max(1u, cores);
  if (cfg.io_threads == 0) cfg.io_threads = std::max(1u, cores / 2);
  if (cfg.actor_threads == 0) cfg.actor_threads = std::max(1u, cores > cfg.io_threads ? cores - cfg.io_threads : 1u);
}

std::optional<std::pair<std::string, std::uint16_t>> split_host_port(std::string_view s) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto host = s.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = parse_number<unsigned>(s.substr(colon + 1));
  if (!port || *port > 65535 || host.empty()) return std::nullopt;
  return std::make_pair(std::string{host}, static_cast<std::uint16_t>(*port));
}

parse_outcome parse_config(const std::vector<std::string>& args,
                           const std::function<std::optional<std::string>(const std::string&)>& env) {
  parse_outcome out;
  // Flags first, into a map, so that we know --config before reading the file.
  std::vector<std::pair<const setting*, std::string>> flags;
  std::optional<std::string> config_file = env("WORKOS_MCP_CONFIG");
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--help" || a == "-h") {
      out.help = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) {
      out.rest.push_back(a);
      continue;
    }
    std::string name = a, value;
    bool has_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_value = true;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        out.error = name + " needs a value";
        return out;
      }
      value = args[++i];
    }
    if (name == "--config") {
      config_file = value;
      continue;
    }
    const setting* found = nullptr;
    for (const auto& s : settings())
      if (name == s.flag) found = &s;
    if (!found) {
      out.error = "unknown option " + name + " (see --help)";
      return out;
    }
    flags.emplace_back(found, value);
  }

  if (config_file) {
    toml::table file;
    try {
      file = toml::parse_file(*config_file);
    } catch (const toml::parse_error& e) {
      std::ostringstream msg;
      msg << "cannot read configuration " << *config_file << ": " << e.description() << " at line "
          << e.source().begin.line;
      out.error = msg.str();
      return out;
    }
    // Refuse keys we do not know: a typo must not silently fall back to a default.
    for (const auto& [table_name, table_node] : file) {
      auto* t = table_node.as_table();
      if (!t) {
        out.error = "configuration: top-level key " + std::string{table_name.str()} + " must be a table";
        return out;
      }
      for (const auto& [key, node] : *t) {
        std::string path = std::string{table_name.str()} + "." + std::string{key.str()};
        const setting* found = nullptr;
        for (const auto& s : settings())
          if (path == s.toml) found = &s;
        if (!found) {
          out.error = "configuration: unknown key " + path;
          return out;
        }
        auto text = toml_text(node);
        if (!text) {
          out.error = "configuration: " + path + " has a value of the wrong type";
          return out;
        }
        if (auto err = found->apply(out.cfg, *text); !err.empty()) {
          out.error = "configuration: " + err;
          return out;
        }
      }
    }
  }
  for (const auto& s : settings()) {
    if (auto v = env(s.env)) {
      if (auto err = s.apply(out.cfg, *v); !err.empty()) {
        out.error = std::string{s.env} + ": " + err;
        return out;
      }
    }
  }
  for (const auto& [s, v] : flags) {
    if (auto err = s->apply(out.cfg, v); !err.empty()) {
      out.error = std::string{s->flag} + ": " + err;
      return out;
    }
  }
  if (out.cfg.tls_cert.empty() != out.cfg.tls_key.empty()) out.error = "tls_cert and tls_key go together";
  if (out.error.empty() && out.cfg.auth_mode == "none") {
    // Anonymous access is a development and test convenience (the conformance suite cannot
    // sign in); it must never be one flag away from a public listener.
    auto hp = split_host_port(out.cfg.listen);
    bool loopback = hp && (hp->first == "127.0.0.1" || hp->first == "::1" || hp->first == "localhost");
    if (!loopback) out.error = "auth.mode none is allowed only on a loopback listener (127.0.0.1, ::1, localhost)";
  }
  if (out.error.empty() && out.cfg.auth_mode == "oauth" && !out.cfg.emulator_enabled && out.cfg.auth_issuer.empty())
    out.error = "auth.issuer is required when the embedded emulator is off (or set auth.mode none on loopback)";
  return out;
}

std::string config_help() {
  std::ostringstream o;
  o << "Settings (flag > environment > file > default). --config FILE (or WORKOS_MCP_CONFIG) names a TOML file.\n\n";
  for (const auto& s : settings())
    o << "  " << s.flag << "\n      " << s.help << "\n      env " << s.env << ", file [" << std::string_view{s.toml}.substr(0, std::string_view{s.toml}.find('.'))
      << "] " << std::string_view{s.toml}.substr(std::string_view{s.toml}.find('.') + 1) << "\n";
  return o.str();
}

}  // namespace app
