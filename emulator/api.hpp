// emulator/api.hpp — what every emulated WorkOS endpoint is written with.
//
// A product file (emulator/products/*.cpp) registers handlers on an `api` by method and path
// pattern (`/organizations/{id}`). A handler gets a `call`: the environment chosen by the API
// key, path and query parameters, the JSON body, and the store transaction of this request;
// it returns a `reply`. The helpers below give every product the same wire conventions as
// api.workos.com: error bodies, list envelopes and cursor pagination, prefixed ULIDs,
// millisecond ISO-8601 timestamps, and an event for every mutation.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/json_value.hpp"
#include "emulator/store.hpp"

namespace emulator {

/// One API request, as a handler sees it.
struct call {
  std::string env;                                  ///< "sandbox" or "production"
  std::string method;
  std::string path;
  std::map<std::string, std::string> params;        ///< path parameters, decoded
  std::multimap<std::string, std::string> query;    ///< query parameters, decoded
  json body;                                        ///< the JSON body (null when none)
  tx& db;
  /// Events this request emitted, handed to webhook delivery once the transaction committed.
  std::vector<json> emitted;
  /// The request headers as sent; read them with `header`.
  std::vector<std::pair<std::string, std::string>> headers = {};
  /// The environment an API key opens, if it is one of this emulator's keys: for key-less routes
  /// that take a key in the body (`client_secret` on POST /sso/token).
  std::function<std::optional<std::string>(std::string_view key)> env_of_key = {};

  /// First value of a request header (case-insensitive name).
  std::optional<std::string> header(std::string_view name) const;

  /// First value of a query parameter.
  std::optional<std::string> q(std::string_view name) const;
  /// Every value of a query parameter: repeated keys, `name[]` keys, and comma-separated lists.
  std::vector<std::string> q_all(std::string_view name) const;
  const std::string& param(std::string_view name) const;
};

struct reply {
  unsigned status = 200;
  json body;
  bool no_body = false;  ///< 204 and friends
  std::vector<std::pair<std::string, std::string>> headers = {};  ///< extra response headers (Location, …)

  static reply ok(json b) { return {200, std::move(b), false}; }
  static reply created(json b) { return {201, std::move(b), false}; }
  static reply accepted() { return {202, json{}, true}; }
  static reply no_content() { return {204, json{}, true}; }
};

// ----- errors, in the shapes of the real API (reference §2.4) ---------------------------------

/// 404 `{"code":"entity_not_found","message":"Organization not found: 'org_…'."}`
reply not_found(std::string_view what, std::string_view id);
/// 422 `{"code":"invalid_request_parameters","message":…,"errors":[{"code":…,"field":…}]}`
struct field_error {
  std::string field;
  std::string code;  ///< required | invalid | …
};
reply unprocessable(std::vector<field_error> errors, std::string_view message = "Validation failed.");
/// `{"code":code,"message":message}` with any status (400, 409, …).
reply error(unsigned status, std::string_view code, std::string_view message);

/// Checks required body fields (present and non-null) and their JSON types; nullopt when fine.
struct field_rule {
  std::string name;
  enum kind { string, boolean, number, object, array, any } type = string;
  bool required = false;
};
std::optional<reply> validate(const json& body, const std::vector<field_rule>& rules);

// ----- ids and time -----------------------------------------------------------------------------

/// `prefix_` + a 26-character ULID (Crockford base32; time-ordered).
std::string new_id(std::string_view prefix);
/// Now as `2026-01-15T12:00:00.000Z`.
std::string now_iso();
/// A time point as ISO-8601 with milliseconds and Z.
std::string iso(std::chrono::system_clock::time_point t);
/// Parses an ISO-8601 UTC timestamp (with or without fraction); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_iso(std::string_view s);

// ----- lists ------------------------------------------------------------------------------------

/// The list envelope with cursor pagination over `items` (in creation order), reading
/// `limit` (1–100, default 10), `order` (asc|desc|normal, default desc), `before`, `after`
/// from the call. Bad values are a 422.
reply paginate(const call& c, std::vector<json> items);

/// Hex digests (OpenSSL): for stored key digests, ETags and request fingerprints.
std::string sha256_hex(std::string_view text);
std::string md5_hex(std::string_view text);

/// A secret value (token, code, signing secret, key): `prefix` + a random part that contains
/// `planted_marker`, so that tests downstream can prove no emulator secret ever leaks.
std::string planted_secret(std::string_view prefix, std::size_t random_chars = 32);
inline constexpr std::string_view planted_marker = "EMUSECRET";

// ----- events -----------------------------------------------------------------------------------

/// Records an event (`organization.created`, …) for GET /events and webhook delivery.
void emit(call& c, std::string_view event_type, const json& data);

// ----- routing ----------------------------------------------------------------------------------

using handler = std::function<reply(call&)>;

class api {
 public:
  /// `pattern` segments in braces are parameters: `/organizations/{id}/roles/{slug}`.
  /// Routes with `requires_key = false` are the API's key-less ones (browser redirects, JWKS,
  /// public-client token exchanges): their call's `env` is empty and the handler resolves the
  /// environment itself, typically from a `client_id` (see `env_of_client`).
  void add(std::string method, std::string pattern, handler h, bool requires_key = true);

  struct match {
    const handler* h = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  ///< some route has this path with another method (→ 405)
    bool requires_key = true;
  };
  match find(std::string_view method, std::string_view path) const;
  std::size_t size() const { return routes_.size(); }

 private:
  struct route {
    std::string method;
    std::vector<std::string> segments;
    handler h;
    bool requires_key;
  };
  std::vector<route> routes_;
};

/// The environment whose client id (`client_…`, one per environment) this is, if any.
std::optional<std::string> env_of_client(tx& db, std::string_view client_id);
/// The client id of an environment.
std::string client_id_of(tx& db, std::string_view env);

/// ASCII lower case (emails, domains, slugs are compared case-insensitively).
std::string lower(std::string s);

/// Percent-decoding for path segments and query values ('+' is a space in queries only).
std::string url_decode(std::string_view s, bool plus_is_space);

/// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view s);

/// `url` with the parameters appended to its query, after any query it has and before any
/// fragment (redirects back to a client's redirect URI keep what the client put there).
std::string with_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace emulator
