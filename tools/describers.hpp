// tools/describers.hpp — what an irreversible operation would destroy, read from the upstream
// before anything is destroyed (promise 3: "organization Acme (org_…): 2 domains, 1 SSO
// connection (Okta SAML, active), 1 directory with 240 users, 37 memberships").
//
// Data first: a table keyed by operation id lists, per operation, which read operations of the
// catalog to run (their arguments made from the delete's arguments) and how to summarise what
// comes back. Operations without a row get the generic describer: the catalog's GET on the same
// path, showing the object's name and id. Every read goes through the same client, key and
// environment as the operation itself, and every response is redacted before it is looked at.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "actors/workos_client.hpp"
#include "mcp/errors.hpp"
#include "mcp/registry.hpp"
#include "workos/operation.hpp"

namespace tools {

/// What will be destroyed: one sentence, and a JSON object of the particulars.
struct destruction {
  std::string summary;
  std::string details_json = "{}";
};

/// Why a describer's read failed, in a sentence (an upstream status, the request id).
struct read_failure {
  std::string why;
};

/// How a describer reads the upstream: runs the catalog's read operation `op_id` with
/// `arguments_json` and calls back *on the session's thread* with the redacted JSON body, or a
/// sentence saying why not (an upstream status, the request id).
using upstream_reader =
    std::function<void(std::string op_id, std::string arguments_json, std::function<void(mcp::result<std::string, read_failure>)>)>;

/// Describes what `op` with `arguments_json` would destroy; `done` runs on the session's thread,
/// with an error sentence when the object cannot be read (it does not exist, say).
void describe_destruction(const workos::operation& op, const std::string& arguments_json, upstream_reader read,
                          std::function<void(mcp::result<destruction, std::string>)> done);

/// The catalog's GET operation for the object `op` acts on (same path), or nullptr.
const workos::operation* matching_get(const workos::operation& op);

}  // namespace tools
