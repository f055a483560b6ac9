// tools/catalog_resources.hpp — the operation catalog as MCP resources (DESIGN §1.2): an index
// at workos://catalog and one markdown page per product at workos://catalog/<product>, for
// clients and people who browse rather than search with list_operations.
//
// The pages are rendered once, when the resources are made (the catalog is constant data), and
// say only what the catalog says: no environment, no role of the reader, no values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mcp/registry.hpp"

namespace tools {

inline constexpr std::string_view catalog_index_uri = "workos://catalog";

/// The URI of `product`'s page: workos://catalog/<product>.
std::string catalog_product_uri(std::string_view product);

/// The index first, then one resource per product in catalog order; all text/markdown.
std::vector<mcp::resource> make_catalog_resources();

}  // namespace tools
