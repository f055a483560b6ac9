// emulator/oauth/url.hpp — the URL and form handling the authorization server needs: splitting an
// absolute URL into its parts, the redirect-URI rules (RFC 9700 §4.1, RFC 8252 §7.3), origins for
// the CSP, query/form encoding, and the Cookie header.
//
// Pure functions over strings, no I/O. Parsing is deliberately narrow: only what an OAuth client
// may legitimately send is accepted, and anything odd (spaces, control characters, backslashes,
// a missing authority) is refused rather than "repaired", because a lenient URL parser is how
// redirect-URI checks get bypassed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace emulator::oauth {

/// An absolute `scheme://[userinfo@]host[:port]/path?query#fragment` URL, split.
struct url_parts {
  std::string scheme;    ///< lower case
  std::string userinfo;  ///< empty when absent
  std::string host;      ///< lower case; IPv6 literals keep their brackets ("[::1]")
  std::string port;      ///< digits, empty when absent
  std::string path;      ///< as sent, may be empty
  std::string query;     ///< without '?'
  std::string fragment;  ///< without '#'
  bool has_userinfo = false;
  bool has_query = false;
  bool has_fragment = false;
};

/// Parses an absolute hierarchical URL; nullopt for relative URLs, URLs without an authority,
/// bad ports, or any character outside printable ASCII (spaces, controls, backslash).
std::optional<url_parts> parse_url(std::string_view url);

/// localhost, 127.0.0.1 or [::1]: the hosts RFC 8252 §7.3 lets native apps listen on.
bool is_loopback_host(std::string_view host);

/// Why a redirect URI is refused, or nullopt when it may be registered: https with a host, or
/// http on a loopback host; no fragment (RFC 6749 §3.1.2), no userinfo.
std::optional<std::string> redirect_uri_problem(std::string_view uri);

/// True when `given` (from an authorize or token request) is `registered`: exactly equal, or,
/// for http loopback URIs, equal in everything but the port (RFC 8252 §7.3: the client picks a
/// free port at run time).
bool redirect_uri_matches(std::string_view registered, std::string_view given);

/// `scheme://host[:port]` of an absolute URL (for CSP `form-action`); empty when unparsable.
std::string origin_of(std::string_view url);

/// An `application/x-www-form-urlencoded` body or a query string, decoded, in order, duplicates
/// kept (RFC 6749 §3.1: parameters sent twice are an error the caller detects).
using form = std::vector<std::pair<std::string, std::string>>;
form parse_form(std::string_view text);

/// The first value of a cookie in a `Cookie` header; nullopt when absent.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace emulator::oauth
