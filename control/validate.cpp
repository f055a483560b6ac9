// control/validate.cpp — input rules of the control plane.
#include "control/validate.hpp"

#include <algorithm>

namespace control::validate {

namespace {

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

bool has_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool visible_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

result<std::string> team_name(std::string_view s) {
  s = trim(s);
  if (s.empty()) return fail(errc::invalid_argument, "a team needs a name");
  if (s.size() > 100) return fail(errc::invalid_argument, "a team name has at most 100 characters");
  if (has_control(s)) return fail(errc::invalid_argument, "a team name cannot hold control characters");
  return std::string{s};
}

result<std::string> email(std::string_view s) {
  s = trim(s);
  std::string e{s};
  std::transform(e.begin(), e.end(), e.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  auto at = e.find('@');
  bool ok = !e.empty() && e.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < e.size() &&
            e.find('@', at + 1) == std::string::npos && !has_control(e) && e.find(' ') == std::string::npos;
  if (!ok) return fail(errc::invalid_argument, "'" + std::string{s.substr(0, 100)} + "' is not an email address");
  return e;
}

result<std::string> user_id(std::string_view s) {
  if (s.empty() || s.size() > 128 || !visible_ascii(s) || s.find('@') != std::string_view::npos)
    return fail(errc::invalid_argument, "a user id is 1–128 visible ASCII characters without '@'");
  return std::string{s};
}

result<std::string> display_name(std::string_view s) {
  s = trim(s);
  if (s.size() > 200) return fail(errc::invalid_argument, "a name has at most 200 characters");
  if (has_control(s)) return fail(errc::invalid_argument, "a name cannot hold control characters");
  return std::string{s};
}

result<std::string> environment_name(std::string_view s) {
  bool ok = !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
  if (!ok)
    return fail(errc::invalid_argument,
                "an environment name is 1–64 characters among letters, digits, '.', '_' and '-'");
  return std::string{s};
}

result<std::string> base_url(std::string_view s) {
  s = trim(s);
  std::string_view rest;
  if (s.starts_with("https://")) rest = s.substr(8);
  else if (s.starts_with("http://")) rest = s.substr(7);
  else return fail(errc::invalid_argument, "an API base URL starts with https:// or http://");
  if (rest.empty() || rest.front() == '/' || rest.front() == ':' || s.size() > 2048 || !visible_ascii(s) ||
      rest.find_first_of("?#") != std::string_view::npos)
    return fail(errc::invalid_argument, "an API base URL is scheme://host[:port][/path], without spaces, query or fragment");
  while (s.back() == '/') s.remove_suffix(1);
  return std::string{s};
}

status api_key(std::string_view s) {
  if (s.empty()) return fail(errc::invalid_argument, "the API key is empty");
  if (s.size() > 4096) return fail(errc::invalid_argument, "the API key is longer than 4096 characters");
  if (!visible_ascii(s))
    return fail(errc::invalid_argument, "the API key holds spaces, line breaks or non-ASCII characters");
  return {};
}

status password(std::string_view s) {
  if (s.empty()) return fail(errc::invalid_argument, "the password is empty");
  if (s.size() > 1024) return fail(errc::invalid_argument, "the password is longer than 1024 bytes");
  return {};
}

std::string last_four(std::string_view key) {
  if (key.size() < 16) return {};
  return std::string{key.substr(key.size() - 4)};
}

}  // namespace control::validate
