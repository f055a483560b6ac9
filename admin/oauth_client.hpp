// admin/oauth_client.hpp — the admin page as an OAuth client of the configured authorization
// server: discovery (RFC 8414, then OpenID Connect), dynamic registration (RFC 7591) when no
// client id is configured, and the code exchange behind admin::code_exchange: the token request
// (with PKCE's verifier and the `resource`), then the access token verified like any other
// (signature against the AS's JWKS, issuer, audience = <base>/admin, times) by an
// actors::token_verifier, and its `client_id` checked to be ours.
//
// Discovery and registration block and run at start-up only. Token requests block too, so they
// run on the exchanger's own worker thread, never on an I/O or actor thread; stop() joins it.
// Nothing here logs a token, a code or a client secret.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "admin/admin_page.hpp"
#include "transport/http_client.hpp"

namespace actors {
class token_verifier;
}

namespace admin {

/// What the authorization server's metadata says the admin page needs.
struct server_metadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string registration_endpoint;  ///< empty: no DCR
  bool iss_parameter_supported = false;
};

/// Fetches and checks the metadata of `issuer` (its `issuer` must be exactly `issuer`).
mcp::result<server_metadata, std::string> discover(const std::string& issuer, const transport::client_options& http = {});

/// A client the authorization server registered for the page.
struct registered_client {
  std::string client_id;
};

/// Registers a public client (PKCE, no secret) with `redirect_uri`.
mcp::result<registered_client, std::string> register_client(const std::string& registration_endpoint, const std::string& redirect_uri,
                                                      const transport::client_options& http = {});

class token_exchanger {
 public:
  struct options {
    std::string token_endpoint;
    std::string client_id;
    std::string client_secret;  ///< empty: a public client
    std::string resource;       ///< <base>/admin
    transport::client_options http;
  };
  token_exchanger(options o, std::shared_ptr<actors::token_verifier> verifier);
  ~token_exchanger();
  token_exchanger(const token_exchanger&) = delete;
  token_exchanger& operator=(const token_exchanger&) = delete;

  /// The exchange for page_options::exchange (holds this object alive).
  static code_exchange function_of(std::shared_ptr<token_exchanger> self);
  /// Ends the worker; exchanges still queued are answered with a failure. Idempotent.
  void stop();

 private:
  struct job {
    std::string code, verifier, redirect_uri;
    std::function<void(mcp::result<signed_in_person, std::string>)> done;
  };
  void enqueue(job j);
  void run();
  void exchange(job& j);

  options opt_;
  std::shared_ptr<actors::token_verifier> verifier_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<job> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace admin
