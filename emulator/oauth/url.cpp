// emulator/oauth/url.cpp — URL splitting, redirect-URI rules, encodings (see url.hpp).
#include "emulator/oauth/url.hpp"

#include <cctype>

#include "emulator/api.hpp"

namespace emulator::oauth {

namespace {

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7f || c == '\\') return false;
  return true;
}

}  // namespace

std::optional<url_parts> parse_url(std::string_view url) {
  if (url.empty() || url.size() > 4096 || !printable_ascii(url)) return std::nullopt;
  url_parts p;
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto scheme = url.substr(0, colon);
  if (!std::isalpha(static_cast<unsigned char>(scheme[0]))) return std::nullopt;
  for (unsigned char c : scheme)
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
  p.scheme = lower(std::string{scheme});
  auto rest = url.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return std::nullopt;
  rest.remove_prefix(2);

  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = std::string{rest.substr(hash + 1)};
    rest = rest.substr(0, hash);
  }
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = std::string{rest.substr(q + 1)};
    rest = rest.substr(0, q);
  }
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  p.path = slash == std::string_view::npos ? std::string{} : std::string{rest.substr(slash)};

  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    p.has_userinfo = true;
    p.userinfo = std::string{authority.substr(0, at)};
    authority.remove_prefix(at + 1);
  }
  std::string_view host, port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    auto pc = authority.rfind(':');
    host = authority.substr(0, pc);
    if (pc != std::string_view::npos) port = authority.substr(pc + 1);
  }
  if (host.empty()) return std::nullopt;
  if (port.size() > 5) return std::nullopt;
  unsigned long port_number = 0;
  for (unsigned char c : port) {
    if (!std::isdigit(c)) return std::nullopt;
    port_number = port_number * 10 + (c - '0');
  }
  if (port_number > 65535) return std::nullopt;
  p.host = lower(std::string{host});
  p.port = std::string{port};
  return p;
}

bool is_loopback_host(std::string_view host) { return host == "localhost" || host == "127.0.0.1" || host == "[::1]"; }

std::optional<std::string> redirect_uri_problem(std::string_view uri) {
  auto p = parse_url(uri);
  if (!p) return "is not an absolute URL";
  if (p->has_fragment) return "must not contain a fragment";
  if (p->has_userinfo) return "must not contain a user name or password";
  if (p->scheme == "https") return std::nullopt;
  if (p->scheme == "http") {
    if (is_loopback_host(p->host)) return std::nullopt;
    return "may use http only on a loopback host (localhost, 127.0.0.1, [::1])";
  }
  return "must use https (or http on a loopback host)";
}

bool redirect_uri_matches(std::string_view registered, std::string_view given) {
  if (registered == given) return true;
  auto r = parse_url(registered), g = parse_url(given);
  if (!r || !g) return false;
  // Only loopback http URIs get the port exemption; everything else is compared as a string.
  if (r->scheme != "http" || g->scheme != "http" || !is_loopback_host(r->host)) return false;
  return r->host == g->host && r->path == g->path && r->has_query == g->has_query && r->query == g->query &&
         !g->has_fragment && !g->has_userinfo && !r->has_userinfo;
}

std::string origin_of(std::string_view url) {
  auto p = parse_url(url);
  if (!p) return {};
  std::string out = p->scheme + "://" + p->host;
  if (!p->port.empty()) out += ":" + p->port;
  return out;
}

form parse_form(std::string_view text) {
  form out;
  while (!text.empty()) {
    auto amp = text.find('&');
    auto pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out.emplace_back(url_decode(pair.substr(0, eq), true),
                     eq == std::string_view::npos ? std::string{} : url_decode(pair.substr(eq + 1), true));
  }
  return out;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto item = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    auto key = item.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    if (key != name) continue;
    auto value = item.substr(eq + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string{value};
  }
  return std::nullopt;
}

}  // namespace emulator::oauth
