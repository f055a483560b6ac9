// policy/redaction.hpp — what of upstream data may reach an agent or a log (DESIGN §1.1 promise 4,
// and "upstream data is returned as data").
//
// `redact` rewrites an upstream JSON response: every secret field the catalog names
// (workos-api.md §7, by dotted path) and every string that looks like a credential (by pattern,
// wherever it is) is replaced by the marker "[stripped: secret]". Replaced, not removed: the agent
// must see that the field exists and was stripped (so it does not conclude "no secret was set" or
// retry to find one), but never its value. Every string, keys included, also loses hidden Unicode
// (bidi controls, zero-width and tag characters, …) and control characters except \n and \t, so
// upstream text cannot smuggle instructions an agent would read but a person would not see.
// Marking text as untrusted content is the caller's job (it frames the whole result); this file
// only makes the bytes safe to frame.
//
// `redact_for_log` masks the same patterns, and `name=value` / `"name":"value"` pairs of secret
// names, in free text, for log lines.
//
// Pure: no I/O. Invalid JSON is an error value, never passed through.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/errors.hpp"

namespace policy {

/// What replaces a stripped value.
inline constexpr std::string_view stripped_marker = "[stripped: secret]";

/// The redacted document and what was done to it.
struct redaction_result {
  std::string json;  ///< minified, valid JSON
  /// The concrete paths of stripped values, in document order ("data[2].secret", "token"):
  /// names only, never values. Empty when nothing was stripped.
  std::vector<std::string> stripped;
  /// How many hidden or control characters were removed from strings (keys included).
  std::size_t hidden_characters_removed = 0;
};

/// Why a document could not be redacted.
struct redaction_error {
  std::string message;  ///< for a person; never contains the input
};

/// Redacts `upstream_json`. `secret_fields` are the catalog entry's dotted paths from the
/// response root, with `[]` for "every element of this array": "secret", "data[].secret",
/// "oauth_tokens.access_token", "[].token" (a top-level array). A listed field whose value is
/// null stays null (there is nothing to hide); any other value, object or array included, is
/// replaced by the marker.
mcp::result<redaction_result, redaction_error> redact(std::string_view upstream_json,
                                                      std::span<const std::string_view> secret_fields);

/// `text` with every key, token, JWT, PEM block, credential-bearing URL parameter and
/// `secret_name=value` pair masked as "[stripped]". For log lines: the rest is left as it is.
std::string redact_for_log(std::string_view text);

/// Does `value` contain something that looks like a credential (WorkOS key, webhook secret, JWT,
/// PEM block, bearer token, credential-bearing URL parameter)? Ordinary ids never do.
bool looks_like_secret(std::string_view value);

/// `text` (valid UTF-8) without hidden Unicode and without control characters other than \n and
/// \t. `removed`, when given, is increased by the number of characters removed.
std::string strip_hidden(std::string_view text, std::size_t* removed = nullptr);

}  // namespace policy
