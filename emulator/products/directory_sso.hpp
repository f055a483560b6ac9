// emulator/products/directory_sso.hpp — what the Directory Sync / SSO files share: lookups,
// small helpers, and the request/response features of key-less routes.
//
// Files: directory_sso.cpp (organization domains, connections, admin portal, widgets, client
// token, Radar, registration), directory_sso_flow.cpp (the SSO browser flow: authorize, token,
// profile, logout), directory_sso_dsync.cpp (directories, directory users and groups).
//
// Stored types (parent in brackets): organization_domain [organization] (shared with
// organizations.cpp); connection [organization or ""]; profile [connection]; sso_code,
// sso_access_token, sso_logout_token [profile] (internal, keyed by the secret itself);
// directory [organization]; directory_user [directory]; directory_group [directory];
// directory_membership [directory] (internal: {user_id, group_id}); radar_attempt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/products.hpp"

namespace emulator::products::dsso {

void register_flow(api& a);   // directory_sso_flow.cpp
void register_dsync(api& a);  // directory_sso_dsync.cpp

/// Case-insensitive substring test (an empty needle matches).
bool contains_ci(std::string_view haystack, std::string_view needle);
/// The organization, if it exists in the call's environment.
std::optional<json> find_org(call& c, std::string_view id);
/// The same reply with another status (the spec answers some validation errors with 400).
reply with_status(reply r, unsigned status);

/// A connection's key outside the API object (connection.* events carry it).
std::string external_key_of(std::string_view id);
/// The connection as connection.activated/deactivated events carry it.
json connection_event(const json& conn);

// ----- request and response features of key-less routes ----------------------------------------
//
// Key-less routes need what `call` and `reply` may not carry yet: request headers
// (`Authorization` for GET /sso/profile, `Host` for absolute URLs), the environment an API key
// opens (`client_secret` on POST /sso/token) and response headers (`Location` on 302 redirects).
// These helpers use `call::header(name)`, `call::env_of_key(key)` and `reply::headers` when
// api.hpp has them and otherwise fall back (query parameter, stored keys, 200 {url}).

template <class Call>
std::optional<std::string> request_header(const Call& c, std::string_view name) {
  if constexpr (requires { c.header(name); }) {
    if (auto v = c.header(name)) return std::string{*v};
  }
  return std::nullopt;
}

template <class Reply>
bool add_response_header(Reply& r, std::string name, std::string value) {
  if constexpr (requires { r.headers.emplace_back(std::move(name), std::move(value)); }) {
    r.headers.emplace_back(std::move(name), std::move(value));
    return true;
  } else {
    return false;
  }
}

/// The environment whose API key this is (from the framework when it knows; otherwise the keys
/// stored with the data directory, then the key's kind: sk_test_ → sandbox, sk_live_ → production,
/// since keys given on the command line are known to the service alone).
std::optional<std::string> env_of_stored_key(tx& db, std::string_view key);
template <class Call>
std::optional<std::string> env_of_api_key(Call& c, std::string_view key) {
  if constexpr (requires { c.env_of_key(key); }) {
    if (c.env_of_key) return c.env_of_key(key);
  }
  return env_of_stored_key(c.db, key);
}

/// A 302 to `location` when replies can carry headers; otherwise 200 `{"url": location}` (the
/// spec's other answer for GET /sso/authorize).
reply redirect_to(std::string location);

/// `scheme://host` of this emulator as the client addressed it ("" when unknown).
template <class Call>
std::string own_origin(const Call& c) {
  auto host = request_header(c, "host");
  return host && !host->empty() ? "http://" + *host : std::string{};
}

}  // namespace emulator::products::dsso
