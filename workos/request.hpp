// workos/request.hpp — request building: a catalog operation plus the caller's JSON arguments
// become the method, the path with its query, and the JSON body to send upstream. Pure: no I/O,
// no allocation beyond the result, safe from any thread.
//
// Where each argument goes follows operation.hpp: the `{names}` of the path template are path
// parameters (percent-encoded, required), names listed in `query_params` go into the query string
// (arrays comma-joined, booleans and numbers as their JSON text), every other argument goes into a
// JSON object body. GET, HEAD and DELETE send no body when nothing is left for it; POST, PUT and
// PATCH always send one ("{}" at least), because WorkOS answers 400/415 to a body-less JSON write.
#pragma once

#include <string>
#include <string_view>

#include "mcp/errors.hpp"
#include "workos/operation.hpp"

namespace workos {

/// What to send upstream for one operation call.
struct built_request {
  std::string method;          ///< "GET", "POST", …
  std::string path_and_query;  ///< "/organizations/org_1?limit=5&domains=a.com,b.com"
  std::string body_json;       ///< empty: no body
};

/// Why the arguments cannot make a request. `argument` names the culprit ("" for the whole
/// arguments value), `message` says what is wrong in words fit for the caller (no secrets: only
/// argument names and types are quoted, never values).
struct request_error {
  std::string argument;
  std::string message;
};

/// Builds the upstream request of `op` from `arguments_json` (a JSON object; empty text counts as
/// `{}`). Errors: arguments that are not a JSON object; a missing path parameter or a required
/// argument listed by the schema; a path parameter that is not a non-empty string or integer, or
/// is "." or ".." (it would change the path); a query value that is an object or an array of
/// non-scalars; an argument that is not in the schema when it has `additionalProperties: false`;
/// an argument left for the body of a GET/HEAD.
mcp::result<built_request, request_error> build_request(const operation& op, std::string_view arguments_json);

/// RFC 3986 percent-encoding of everything but the unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view s);

}  // namespace workos
