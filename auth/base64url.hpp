// auth/base64url.hpp — base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2).
//
// Decoding is strict, because everything decoded here is untrusted (token parts, JWK members):
// only the URL-safe alphabet, no '=' padding, no whitespace, no length that leaves a lone character
// (len % 4 == 1), and the unused low bits of the last character must be zero (RFC 4648 §3.5), so each
// byte string has exactly one accepted encoding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace auth {

/// Decodes unpadded base64url into bytes; nullopt on any deviation from the canonical form.
/// `spare_capacity` extra bytes are reserved after the result (e.g. SIMDJSON_PADDING, so a JSON
/// parser can read the decoded text in place without copying it).
std::optional<std::string> base64url_decode(std::string_view in, std::size_t spare_capacity = 0);

/// Encodes bytes as unpadded base64url.
std::string base64url_encode(std::string_view bytes);

}  // namespace auth
