// workos/catalog/agents.cpp — the catalog table for Agents.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {



constexpr operation rows[] = {
    {"agents.get_registration", "agents",
     "Read one agent registration.",
     "GET", "/agents/registrations/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"The unique ID of the agent registration.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"agents.validate_credential", "agents",
     "Tell whether an agent API key or access token is valid.",
     "POST", "/agents/credentials/validate",
     R"json({"type":"object","properties":{
  "type":{"description":"The kind of credential being validated — an agent API key or an agent access token.","type":"string","enum":["api_key","access_token"]},
  "credential":{"description":"The credential value to validate: the API key value for `api_key`, or the access token (JWT) for `access_token`.","type":"string","minLength":1},
  "audience":{"description":"When provided, the access token's `aud` claim is verified against this value.","type":"string","minLength":1}
},"required":["type","credential"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
};

}  // namespace

std::span<const operation> agents_operations() { return rows; }

}  // namespace workos::catalog
