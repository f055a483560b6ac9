// control/validate.hpp — "parse, don't validate" for what people type into the control plane:
// each function turns raw input into its normalised form or says, in a sentence, what is wrong.
#pragma once

#include <string>
#include <string_view>

#include "control/result.hpp"

namespace control::validate {

/// Trimmed; 1–100 characters; no control characters.
result<std::string> team_name(std::string_view s);
/// Trimmed and lowercased; one '@' with something on both sides, a dot-free domain allowed
/// (`localhost`); no spaces or control characters; at most 254 characters.
result<std::string> email(std::string_view s);
/// 1–128 visible ASCII characters without '@' (so that `who` arguments are unambiguous).
result<std::string> user_id(std::string_view s);
/// Trimmed; at most 200 characters; no control characters. May be empty.
result<std::string> display_name(std::string_view s);
/// 1–64 characters among letters, digits, '.', '_' and '-'.
result<std::string> environment_name(std::string_view s);
/// http:// or https:// with a host, no whitespace, at most 2048 characters; the trailing '/'
/// is dropped so that paths can be appended.
result<std::string> base_url(std::string_view s);
/// 1–4096 visible ASCII characters (API keys are tokens: a space or newline is a paste error).
/// Checks only, so that no copy of the secret is made.
status api_key(std::string_view s);
/// 1–1024 bytes.
status password(std::string_view s);

/// What listings show of a key: its last four characters, or nothing for keys shorter than 16
/// (where four characters would be too large a share of the secret).
std::string last_four(std::string_view api_key);

}  // namespace control::validate
