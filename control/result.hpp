// control/result.hpp — the control plane's errors as values: one error enum, `result<T>`, `status`.
//
// Every store function answers with a value or an `error`; nothing on the request path throws
// (only `store::open` does, at start-up). The admin CLI maps `errc` to exit codes and the policy
// maps it to refusals, each in one place.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "mcp/errors.hpp"

namespace control {

/// Why a control-plane operation did not happen.
enum class errc {
  invalid_argument,  ///< malformed input (bad email, empty name, unknown role, …)
  not_found,         ///< no such team, member or environment (or not in that team)
  already_exists,    ///< duplicate email, environment name, team name, user id
  refused,           ///< valid input that breaks an invariant (removing the last admin, …)
  crypto,            ///< a sealed value does not open (tampered, wrong key, wrong owner)
  io,                ///< the database or a file failed
};

/// A short stable name for `e` ("not_found", …), for JSON output and logs.
std::string_view to_string(errc e);

/// An error: what kind, and a sentence for a person (never containing a secret).
struct error {
  errc code = errc::io;
  std::string message;
};

/// Shorthand for building an error.
inline error fail(errc code, std::string message) { return error{code, std::move(message)}; }

/// A value or an error: the project's generic value-or-error type with this module's error.
template <class T>
using result = mcp::result<T, control::error>;

/// Success or an error, for operations without a value.
class status {
 public:
  status() = default;
  status(control::error e) : ok_(false), error_(std::move(e)) {}  // NOLINT: implicit, like result
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const control::error& error() const { return error_; }

 private:
  bool ok_ = true;
  control::error error_;
};

}  // namespace control
