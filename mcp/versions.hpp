// mcp/versions.hpp — the protocol versions we speak and what differs between them.
//
// Negotiation (basic/lifecycle.mdx): answer the client's version when we support it, otherwise
// our latest. Feature differences are asked here by name so that adding 2026-07-28 is a matter
// of one more row and a few predicates, not a hunt through the code.
#pragma once

#include <array>
#include <string_view>

namespace mcp {

inline constexpr std::string_view latest_version = "2025-11-25";
/// Newest first.
inline constexpr std::array<std::string_view, 3> supported_versions = {"2025-11-25", "2025-06-18", "2025-03-26"};
/// Streamable HTTP: a request without MCP-Protocol-Version is taken to speak this version.
inline constexpr std::string_view version_when_absent = "2025-03-26";

inline bool is_supported_version(std::string_view v) {
  for (auto s : supported_versions)
    if (s == v) return true;
  return false;
}

/// The version to answer an initialize that asked for `requested`.
inline std::string_view negotiate_version(std::string_view requested) {
  return is_supported_version(requested) ? requested : latest_version;
}

/// JSON-RPC batches were allowed in 2025-03-26 only (removed in 2025-06-18, PR #416).
inline bool allows_batches(std::string_view v) { return v == "2025-03-26"; }
/// Structured tool output and elicitation came with 2025-06-18.
inline bool has_structured_output(std::string_view v) { return v != "2025-03-26"; }
inline bool has_elicitation(std::string_view v) { return v != "2025-03-26"; }

}  // namespace mcp
