// tools/list_operations.hpp — the `list_operations` tool: searches the operation catalog
// (DESIGN §1.2) so an agent finds the one operation it needs without hundreds of tool schemas in
// its context; and the search itself, as a pure function over the catalog.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "control/snapshot.hpp"
#include "mcp/registry.hpp"
#include "workos/operation.hpp"

namespace tools {

/// What to look for; empty fields match everything.
struct operation_search {
  std::string query;    ///< words; every word must match the id, the summary or the product
  std::string product;  ///< exact product name ("organizations")
  std::optional<workos::access_class> access;
};

/// The matching catalog operations, best first: a word matching the id outranks one matching the
/// summary, which outranks one matching only the product; among equals, fewer id parts left
/// unmatched first, then catalog order (so the order is stable). Words are compared
/// case-insensitively, singular and plural alike ("organization" matches "organizations"), and
/// a word of three letters or more also matches as a prefix ("org").
std::vector<const workos::operation*> search_operations(const operation_search& search);

/// The tool, bound to the control plane it reads the caller's role from.
mcp::tool make_list_operations(std::shared_ptr<control::live_snapshot> state);

}  // namespace tools
