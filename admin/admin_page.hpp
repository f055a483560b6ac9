// admin/admin_page.hpp — the team admin page served under /admin by `workos-mcp serve` (DESIGN
// §2.2, promise 5): the MCP switches, members, environments and the audit trail of the signed-in
// admin's team.
//
// Sign-in: the page is an OAuth client of the configured authorization server (authorization
// code + PKCE S256, `state` bound to the browser by a login cookie, `iss` checked per RFC 9207,
// `resource` = <base>/admin). What turns the code into a person (the token request and the token's
// verification) is injected as a `code_exchange`, so this file holds the whole browser protocol
// and the tests can drive it without an authorization server.
//
// Every request re-reads the person from the control plane: only a current admin of their team
// gets past the gate (a demoted admin is refused at the next click; a removed member too). Every
// POST carries the session's CSRF token (constant-time compare) and must not come from another
// site (Sec-Fetch-Site, Origin); every POST answers 303 to the page (POST-redirect-GET). Changes go
// through control::store, whose invariants stand (the last admin stays); every change is checked to
// belong to the admin's own team first (promise 7). No API key is ever rendered or logged.
//
// Threading: handlers run on the connection's strand; store reads and writes are point
// operations; the code exchange answers on any thread and the responder is thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "control/store.hpp"
#include "mcp/errors.hpp"
#include "transport/http.hpp"
#include "transport/streamable_http.hpp"

namespace admin {

/// Who a code turned out to be: the verified token's subject and when the token ends.
struct signed_in_person {
  std::string user_id;
  std::chrono::system_clock::time_point expires;
};

/// Turns an authorization code into the person it was issued for. `done` is called exactly once,
/// on any thread, with the person or a sentence for the page (never a token or a secret).
using code_exchange = std::function<void(std::string code, std::string code_verifier, std::string redirect_uri,
                                         std::function<void(mcp::result<signed_in_person, std::string>)> done)>;

/// What the page needs of its authorization server.
struct authorization_client {
  std::string issuer;
  std::string authorization_endpoint;
  std::string client_id;
  /// The AS says it sends `iss` with every authorization response (RFC 9207 §3): an answer without
  /// one is then refused as a possible mix-up.
  bool iss_parameter_supported = true;
  std::string scope = "openid profile email";
};

/// The audit trail, as the page asks for it (implemented over control::audit_log when the build
/// has one; empty: the section says it is not available).
struct audit_query {
  std::string team_id;
  std::string person, operation, decision, environment;
  std::int64_t since_ms = 0, until_ms = 0;  ///< 0: open
  std::string before_id;                    ///< paging: rows older than this id
  std::size_t limit = 50;
};
struct audit_entry {
  std::int64_t time_ms = 0;
  std::string id, email, user_id, tool, operation, environment_name, decision, rule;
  int upstream_status = 0;
  std::int64_t latency_us = 0;
};
using audit_reader = std::function<mcp::result<std::vector<audit_entry>, std::string>(const audit_query&)>;

struct page_options {
  std::string base_url;  ///< the server's public origin, e.g. "http://127.0.0.1:8080" (no trailing slash)
  /// The Host names the page answers under: the MCP endpoint's, so that a browser tricked into
  /// resolving another name to this server (DNS rebinding) is refused here too.
  transport::origin_policy origins;
  authorization_client as;
  code_exchange exchange;
  std::shared_ptr<control::store> store;
  audit_reader audit;  ///< optional
  std::chrono::seconds session_ttl{8 * 3600};  ///< at most; never past the token's expiry
  std::function<std::chrono::system_clock::time_point()> clock;  ///< tests move time
};

/// The resource the page's tokens are issued for: <base>/admin.
std::string admin_resource(const std::string& base_url);

class page {
 public:
  explicit page(page_options options);
  ~page();
  page(const page&) = delete;
  page& operator=(const page&) = delete;

  /// Adds /admin, /admin/… to `routes`. The page must outlive the routes' use.
  void add_routes(transport::router& routes);
  /// Answers one request under /admin (what the routes call).
  void handle(transport::request&& req, std::shared_ptr<transport::responder> res);

  std::size_t session_count() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace admin
