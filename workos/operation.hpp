// workos/operation.hpp — what the catalog says about one WorkOS operation: the vocabulary shared
// by the catalog (workos/catalog/), the policy (policy/), and the tools that run operations.
//
// An operation is data: every field is a literal in a catalog table, so the whole catalog is
// constant-initialised, costs nothing at start-up, and is safe to read from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "control/model.hpp"

namespace workos {

/// How much an operation can change (DESIGN §1.1 promise 3).
enum class access_class {
  read,          ///< changes nothing
  write,         ///< creates or changes; can be undone by another write
  irreversible,  ///< destroys (delete, revoke, …): needs a confirmation
};

/// "read", "write", "irreversible".
constexpr std::string_view to_string(access_class a) {
  switch (a) {
    case access_class::read: return "read";
    case access_class::write: return "write";
    case access_class::irreversible: return "irreversible";
  }
  return "read";
}

/// A set of dashboard roles, as bits (one per control::role).
class role_set {
 public:
  constexpr role_set() = default;
  constexpr role_set(std::initializer_list<control::role> roles) {
    for (auto r : roles) bits_ |= bit(r);
  }
  constexpr bool contains(control::role r) const { return (bits_ & bit(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool operator==(const role_set&) const = default;

 private:
  static constexpr std::uint8_t bit(control::role r) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r)); }
  std::uint8_t bits_ = 0;
};

/// One operation of the catalog.
struct operation {
  std::string_view id;       ///< stable, `product.verb` style: "organizations.delete"
  std::string_view product;  ///< the catalog table it belongs to: "organizations", "sso", …
  std::string_view summary;  ///< one line, in our words
  std::string_view method;   ///< "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string_view path;     ///< upstream path template: "/organizations/{id}"
  /// One JSON Schema object for all the inputs: path, query and body parameters together
  /// (required fields, enums, formats). Path parameters are the `{names}` of `path`; query
  /// parameters are listed in `query_params`; every other property goes in the JSON body.
  std::string_view input_schema;
  std::span<const std::string_view> query_params;
  access_class access = access_class::read;
  role_set roles;  ///< the dashboard roles that may run it
  /// Response fields that carry secrets (workos-api.md §7), as dotted paths from the response
  /// root, with `[]` for "every element": "secret", "data[].secret", "oauth_tokens.access_token".
  std::span<const std::string_view> secret_fields;
  bool paginated = false;  ///< a list with `before`/`after`/`limit`/`order` cursors
};

}  // namespace workos
