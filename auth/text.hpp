// auth/text.hpp — quoting untrusted text into error messages (internal to auth/).
//
// Error messages end up in logs and sometimes in `WWW-Authenticate` error descriptions; a token or a
// JWKS can put anything in a `kid` or an `alg`. This keeps printable ASCII only and bounds the length.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace auth::detail {

/// `s` in double quotes, non-printable bytes and quotes replaced by '?', cut at `max` characters.
inline std::string quote_untrusted(std::string_view s, std::size_t max = 64) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < max; ++i) {
    const char c = s[i];
    out.push_back(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
  }
  if (s.size() > max) out += "...";
  out.push_back('"');
  return out;
}

}  // namespace auth::detail
