// workos/catalog/vault.cpp — the catalog table for Vault (key-value objects).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_objects_query[] = {"limit", "before", "after", "order", "search", "updatedAfter"};
constexpr std::string_view secret_value[] = {"value"};
constexpr std::string_view delete_object_query[] = {"version_check"};

constexpr operation rows[] = {
    {"vault.list_objects", "vault",
     "List vault objects (names and metadata, never values).",
     "GET", "/vault/v1/kv",
     R"json({"type":"object","properties":{
  "limit":{"description":"Upper limit on the number of objects to return.","type":"integer","default":10,"minimum":1},
  "before":{"description":"Cursor for the previous page of results.","type":"string"},
  "after":{"description":"Cursor for the next page of results.","type":"string"},
  "order":{"description":"Sort direction for results.","type":"string","enum":["asc","desc"]},
  "search":{"description":"Filter results by name or structured search JSON.","type":"string"},
  "updatedAfter":{"description":"ISO 8601 timestamp to filter by last modified time.","type":"string","format":"date-time"}
},"additionalProperties":false})json",
     list_objects_query, access_class::read, readers, {}, true},
    {"vault.create_object", "vault",
     "Store a new encrypted value in the vault.",
     "POST", "/vault/v1/kv",
     R"json({"type":"object","properties":{
  "key_context":{"description":"Map of values used to determine the encryption key.","type":"object","maxProperties":10,"additionalProperties":{"type":"string","maxLength":500}},
  "name":{"description":"Unique name for the object.","type":"string","maxLength":200},
  "value":{"description":"Plaintext data to encrypt and store.","type":"string"}
},"required":["name","value","key_context"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"vault.get_object", "vault",
     "Read a vault object by id (its value is withheld).",
     "GET", "/vault/v1/kv/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the object.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_value, false},
    {"vault.get_object_by_name", "vault",
     "Read a vault object by name (its value is withheld).",
     "GET", "/vault/v1/kv/name/{name}",
     R"json({"type":"object","properties":{
  "name":{"description":"Unique name of the object.","type":"string"}
},"required":["name"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_value, false},
    {"vault.describe_object", "vault",
     "Show a vault object's metadata: context, key, version, last writer.",
     "GET", "/vault/v1/kv/{id}/metadata",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the object.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"vault.list_object_versions", "vault",
     "List the versions of a vault object.",
     "GET", "/vault/v1/kv/{id}/versions",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the object.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"vault.update_object", "vault",
     "Store a new version of a vault object's value.",
     "PUT", "/vault/v1/kv/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the object.","type":"string"},
  "value":{"description":"New plaintext value.","type":"string"},
  "version_check":{"description":"ID of the expected current version for optimistic locking.","type":["string","null"]}
},"required":["id","value"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"vault.delete_object", "vault",
     "Delete a vault object and its versions.",
     "DELETE", "/vault/v1/kv/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the object.","type":"string"},
  "version_check":{"description":"Expected current version for optimistic locking.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     delete_object_query, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> vault_operations() { return rows; }

}  // namespace workos::catalog
