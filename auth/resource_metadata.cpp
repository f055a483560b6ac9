// auth/resource_metadata.cpp — the RFC 9728 document, its well-known locations, and challenges.
#include "auth/resource_metadata.hpp"

#include "mcp/json.hpp"

namespace auth {

namespace {

// scheme://authority and the path of an absolute http(s) URL; empty scheme when it is not one.
struct url_parts {
  std::string_view origin;
  std::string_view path;
};

url_parts split(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  auto scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return {};
  auto path_start = url.find('/', scheme_end + 3);
  auto query = url.find_first_of("?#", scheme_end + 3);
  if (path_start == std::string_view::npos || (query != std::string_view::npos && query < path_start))
    return {url.substr(0, query), {}};
  auto path = url.substr(path_start, query == std::string_view::npos ? std::string_view::npos : query - path_start);
  return {url.substr(0, path_start), path};
}

// An RFC 7230 quoted-string: backslash before '"' and '\', control characters dropped (a
// description comes from our code, but a header must never be broken by one).
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) continue;
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
}

std::string join(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string protected_resource_metadata(const resource_server_config& cfg) {
  mcp::json_writer w;
  w.begin_object().field("resource", cfg.resource);
  w.key("authorization_servers").begin_array();
  for (const auto& as : cfg.authorization_servers) w.value(as);
  w.end_array();
  w.key("scopes_supported").begin_array();
  for (const auto& s : cfg.scopes_supported) w.value(s);
  w.end_array();
  // Tokens are accepted in the Authorization header only, never in a query or a form (RFC 6750 §2).
  w.key("bearer_methods_supported").begin_array().value("header").end_array();
  if (!cfg.resource_name.empty()) w.field("resource_name", cfg.resource_name);
  w.end_object();
  return std::move(w).str();
}

std::vector<std::string> metadata_paths(std::string_view resource_url) {
  std::vector<std::string> out;
  auto parts = split(resource_url);
  auto path = parts.path;
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (!path.empty()) out.push_back("/.well-known/oauth-protected-resource" + std::string{path});
  out.emplace_back("/.well-known/oauth-protected-resource");
  return out;
}

std::string metadata_url(std::string_view resource_url) {
  auto parts = split(resource_url);
  if (parts.origin.empty()) return {};
  return std::string{parts.origin} + metadata_paths(resource_url).front();
}

std::string www_authenticate(std::string_view metadata_url, const challenge& c) {
  std::string out = "Bearer ";
  bool first = true;
  auto param = [&](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    if (!first) out += ", ";
    first = false;
    out += name;
    out += '=';
    append_quoted(out, value);
  };
  param("resource_metadata", metadata_url);
  param("scope", join(c.scopes, ' '));
  param("error", c.error);
  param("error_description", c.error_description);
  return out;
}

}  // namespace auth
