// app/resource_server.cpp — bearer tokens in, people (or challenges) out.
#include "app/resource_server.hpp"

#include <spdlog/spdlog.h>

#include "actors/token_verifier.hpp"
#include "mcp/json.hpp"
#include "tools/principal.hpp"

namespace app {

namespace {

// RFC 6750 §2.3: a token in the URI ends up in logs and Referer headers. We never read one,
// and say so rather than pretend the request carried no credential.
bool has_query_token(std::string_view query) {
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    if (pair.substr(0, pair.find('=')) == "access_token") return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

struct refusal_builder {
  std::string metadata_url;
  std::vector<std::string> scopes;

  // The body follows RFC 6749 §5.2's shape, which is what OAuth-aware clients print.
  transport::response refuse(unsigned status, std::string_view error, std::string_view description) const {
    mcp::json_writer w;
    w.begin_object();
    if (!error.empty()) w.field("error", error);
    w.field("error_description", description).end_object();
    auto r = transport::response::json(status, std::move(w).str());
    r.headers.add("WWW-Authenticate",
                  auth::www_authenticate(metadata_url, {std::string{error}, std::string{description}, scopes}));
    r.headers.add("Cache-Control", "no-store");
    return r;
  }
};

}  // namespace

void add_metadata_routes(transport::router& routes, const auth::resource_server_config& metadata) {
  auto document = std::make_shared<const std::string>(auth::protected_resource_metadata(metadata));
  for (const auto& path : auth::metadata_paths(metadata.resource)) {
    routes.add(path, [document](transport::request&& req, std::shared_ptr<transport::responder> res) {
      if (req.method != "GET" && req.method != "HEAD") {
        auto r = transport::response::json(405, R"({"error":"method_not_allowed"})");
        r.headers.add("Allow", "GET, HEAD");
        return res->send(std::move(r));
      }
      auto r = transport::response::json(200, *document);
      // Public, and fetched by browser-based clients too (MCP authorization §Discovery).
      r.headers.add("Access-Control-Allow-Origin", "*");
      r.headers.add("Cache-Control", "public, max-age=3600");
      res->send(std::move(r));
    });
  }
}

transport::authenticator make_bearer_authenticator(std::shared_ptr<actors::token_verifier> verifier,
                                                   std::shared_ptr<control::live_snapshot> members,
                                                   resource_server_options options) {
  auto refusals = std::make_shared<const refusal_builder>(
      refusal_builder{auth::metadata_url(options.metadata.resource), options.required_scopes});
  auto required = std::make_shared<const std::vector<std::string>>(std::move(options.required_scopes));
  return [verifier = std::move(verifier), members = std::move(members), refusals, required](
             const transport::request& req, std::function<void(transport::auth_verdict)> done) {
    if (has_query_token(req.query))
      return done(refusals->refuse(401, "invalid_request",
                                   "Access tokens are not accepted in the URL; send them in the Authorization header"));
    auto header = req.headers.get("Authorization");
    if (!header) return done(refusals->refuse(401, "", "Sign in: this server needs a bearer token"));
    auto value = transport::trim(*header);
    auto space = value.find(' ');
    if (space == std::string_view::npos || !transport::iequals(value.substr(0, space), "Bearer"))
      return done(refusals->refuse(401, "invalid_request", "The Authorization header must be: Bearer <token>"));
    auto token = transport::trim(value.substr(space + 1));
    if (token.empty() || token.find(' ') != std::string_view::npos)
      return done(refusals->refuse(401, "invalid_request", "The Authorization header must be: Bearer <token>"));

    verifier->verify(std::string{token}, [members, refusals, required, done = std::move(done)](
                                             actors::token_verifier::verdict v) {
      if (!v && v.error().code == auth::verify_error::keys_unavailable) {
        // The authorization server's keys are not here yet (or it is down): a retry will do,
        // signing in again would not.
        spdlog::warn("cannot verify tokens: {}", v.error().message);
        auto r = transport::response::json(
            503, R"({"error":"temporarily_unavailable","error_description":"The authorization server's signing keys are not available yet; retry shortly"})");
        r.headers.add("Retry-After", "5");
        return done(std::move(r));
      }
      if (!v) {
        spdlog::debug("token refused: {} ({})", auth::to_string(v.error().code), v.error().message);
        return done(refusals->refuse(401, "invalid_token", "The access token is invalid or expired; sign in again"));
      }
      const auth::verified_token& claims = **v;
      for (const auto& s : *required)
        if (!claims.has_scope(s))
          return done(refusals->refuse(403, "insufficient_scope", "The access token lacks the scope " + s));
      // The person must be a member now: removal takes effect at the next request.
      auto state = members->current();
      auto access = state ? (*state)->access_of(claims.subject) : control::result<control::access>{state.error()};
      if (!access) {
        if (access.error().code != control::errc::not_found) {
          spdlog::warn("control plane read failed: {}", access.error().message);
          auto r = transport::response::json(503, R"({"error":"temporarily_unavailable"})");
          r.headers.add("Retry-After", "1");
          return done(std::move(r));
        }
        return done(refusals->refuse(401, "invalid_token", "This account is not a member of any team on this server"));
      }
      if (claims.client_id.find(' ') != std::string::npos)
        return done(refusals->refuse(401, "invalid_token", "The access token's client_id is malformed"));
      done(transport::caller{tools::owner_key(access->member.user_id, access->team.id, claims.client_id)});
    });
  };
}

}  // namespace app
