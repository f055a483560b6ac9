// auth/result.hpp — the auth module's parsers return mcp::result<T, E> (errors as values, one
// error type per concern: jwks_error, verify_failure); this names it in the auth namespace.
#pragma once

#include "mcp/errors.hpp"

namespace auth {

template <class T, class E>
using result = mcp::result<T, E>;

}  // namespace auth
