// workos/catalog.hpp — the operation catalog (DESIGN §1.2): every operation an agent may ask for,
// and the explicit list of what is left out. The rows live in workos/catalog/<product>.cpp, one
// table per WorkOS product; this header is how everything else reads them.
#pragma once

#include <span>
#include <string_view>

#include "workos/operation.hpp"

namespace workos {

/// Every operation of the catalog, products in a fixed order, rows in table order.
std::span<const operation> all_operations();

/// The products (each operation's `product`), in catalog order, each once.
std::span<const std::string_view> products();

/// The operation with this id, or nullptr.
const operation* find_operation(std::string_view id);

/// An operation that is deliberately not in the catalog (DESIGN §1.1 promise 6).
struct exclusion {
  std::string_view method;  ///< empty for a dashboard action the API has no endpoint for
  std::string_view path;    ///< empty likewise
  std::string_view id;      ///< the id it would have: the policy refuses it by this name
  std::string_view reason;
};

/// The commented list in workos/catalog/exclusions.cpp.
std::span<const exclusion> excluded_operations();

/// Whether `id` names an excluded operation.
bool is_excluded_id(std::string_view id);

}  // namespace workos
