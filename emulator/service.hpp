// emulator/service.hpp — the embedded WorkOS emulator as a service: its own HTTP listener,
// its own store, the registered products, API keys, the demo seed, fault injection, and the
// AuthKit-style OAuth 2.1 authorization server (emulator/oauth/).
//
// It shares the HTTP server code of transport/ and nothing of MCP: `workos-mcp serve` runs it
// beside the MCP server in one process by default, `workos-mcp emulator` runs it alone.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace emulator {

/// One fault-injection rule (enabled only by the --fault flag): requests whose path matches
/// `pattern` (`*` matches any run of characters) get, with probability `rate`, the latency,
/// and then either a dropped connection, a 429 with Retry-After, or the status.
struct fault_rule {
  std::string pattern;
  std::chrono::milliseconds latency{0};
  unsigned status = 0;  ///< 0: none
  double rate = 1.0;
  bool drop = false;
  unsigned retry_after_s = 0;  ///< with status 429
  /// Parses `PATTERN:key=value,…` (keys: latency_ms, status, rate, drop, retry_after); the
  /// error says what is wrong.
  static std::optional<fault_rule> parse(std::string_view spec, std::string& error);
};

/// A person who can sign in at the authorization server: the embedding process (which owns the
/// control plane) tells the emulator who they are. The access tokens' `sub` is `user_id`.
struct dashboard_member {
  std::string user_id, email, name, team_name;
  /// control::crypto's "pbkdf2-sha256$iterations$salthex$keyhex"; empty: cannot sign in.
  std::string password_hash;
};

/// The authorization server's settings.
struct oauth_options {
  /// Allow-listed `resource` values (RFC 8707): the MCP endpoints tokens may be issued for.
  std::vector<std::string> resources;
  /// Dev mode for client metadata documents: also fetch documents from loopback hosts
  /// (127.0.0.1, [::1], localhost), over https:// or plain http://. Off, a document's host must
  /// resolve to a public address and the URL must be https.
  bool allow_loopback_client_metadata = false;
  /// PEM bundle of the CAs that metadata-document fetches trust instead of the system store
  /// (empty: the system store). For a local https document signed by a test or company CA; the
  /// certificate must still name the URL's host (IP:127.0.0.1 for https://127.0.0.1/…).
  std::string client_metadata_ca_file;
  /// Access-token lifetime; capped at one hour.
  std::chrono::seconds access_token_ttl{3600};
};

struct options {
  std::string data_dir = "workos-mcp-data";
  std::string listen = "127.0.0.1:0";
  /// Extra API keys: sk_test_… for the sandbox, sk_live_… for production.
  std::vector<std::string> api_keys;
  std::string seed = "demo";  ///< demo | none: what a fresh data directory starts with
  std::vector<fault_rule> faults;
  unsigned io_threads = 1;
  oauth_options oauth;
  /// PEM certificate chain and private key: both set → the emulator serves HTTPS (base_url()
  /// says https://), e.g. with a test CA's leaf so clients can be tested over TLS.
  std::string tls_cert;
  std::string tls_key;
};

class service {
 public:
  /// Opens the store and seeds a fresh one; throws std::runtime_error when it cannot start.
  explicit service(options opts);
  ~service();
  /// Binds and serves; returns the bound port.
  std::uint16_t start();
  std::string base_url() const;
  void stop();
  /// The API keys that work, with their environment ("sandbox" / "production").
  std::vector<std::pair<std::string, std::string>> keys() const;
  /// Number of registered operations (method + path).
  std::size_t operation_count() const;

  // ----- the authorization server (all thread-safe, callable before or after start()) -----
  /// Adds a `resource` value tokens may be issued for.
  void allow_resource(std::string resource);
  /// Replaces the whole set of people who can sign in.
  void set_dashboard_members(std::vector<dashboard_member> members);
  /// The issuer identifier: exactly base_url() (no trailing slash).
  std::string issuer() const;
  /// Makes a new signing key; the previous one stays in the JWKS until its tokens have expired.
  void rotate_signing_key();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace emulator
