// mcp/errors.hpp — JSON-RPC and MCP error codes, the error value, and a small `expected`.
//
// Errors on the request path are values: handlers return `mcp::expected<T>` and the session
// maps an `rpc_error` to a JSON-RPC error response in one place (session.cpp). Tool failures
// are not protocol errors: they are results with `isError: true` (see registry.hpp).
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace mcp {

namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
/// Implementation-defined server errors (JSON-RPC reserves -32000..-32099).
inline constexpr int connection_closed = -32000;
inline constexpr int request_timeout = -32001;
/// MCP: resource not found (resources/read of an unknown URI).
inline constexpr int resource_not_found = -32002;
/// MCP 2025-11-25: URL-mode elicitation required.
inline constexpr int url_elicitation_required = -32042;
}  // namespace error_code

struct rpc_error {
  int code = error_code::internal_error;
  std::string message;
  std::string data;  ///< raw JSON, or empty for none

  static rpc_error invalid_params(std::string msg) { return {error_code::invalid_params, std::move(msg), {}}; }
  static rpc_error internal(std::string msg) { return {error_code::internal_error, std::move(msg), {}}; }
  static rpc_error not_found(std::string method) {
    return {error_code::method_not_found, "Method not found: " + method, {}};
  }
};

/// A value or a typed error: the project's errors-as-values type (GCC 12 in C++20 mode has no
/// std::expected). Each concern has its own error type (rpc_error here; jwks_error and
/// verify_failure in auth/; control's status), so callers can switch on what went wrong.
template <class T, class E>
class result {
  static_assert(!std::is_same_v<T, E>, "result<T, E> needs distinct types");

 public:
  result(T v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT: implicit, like std::expected
  result(E e) : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT
  /// Anything a T can be made from (e.g. a string literal for result<std::string, …>).
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                              !std::is_same_v<std::decay_t<U>, T> &&
                                              !std::is_same_v<std::decay_t<U>, E>>>
  result(U&& u) : v_(std::in_place_index<0>, T(std::forward<U>(u))) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const& { return std::get<1>(v_); }
  E&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

/// A value or a JSON-RPC error: what protocol handlers return.
template <class T>
using expected = result<T, rpc_error>;

}  // namespace mcp
