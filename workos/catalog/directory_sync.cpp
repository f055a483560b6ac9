// workos/catalog/directory_sync.cpp — the catalog table for Directory Sync (directories, synced users and groups).
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_directories_query[] = {"before", "after", "limit", "order", "organization_id", "search", "domain"};
constexpr std::string_view list_groups_query[] = {"before", "after", "limit", "order", "directory", "user"};
constexpr std::string_view list_users_query[] = {"before", "after", "limit", "order", "directory", "group", "idp_id", "email"};

constexpr operation rows[] = {
    {"directory_sync.list_directories", "directory_sync",
     "List directories (SCIM, Google Workspace, …), filtered by organization, domain or search.",
     "GET", "/directories",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "organization_id":{"description":"Filter Directories by their associated organization.","type":"string"},
  "search":{"description":"Searchable text to match against Directory names.","type":"string"},
  "domain":{"description":"Filter Directories by their associated domain.","type":"string"}
},"additionalProperties":false})json",
     list_directories_query, access_class::read, readers, {}, true},
    {"directory_sync.get_directory", "directory_sync",
     "Read one directory: type, state, organization and domain.",
     "GET", "/directories/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Directory.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"directory_sync.delete_directory", "directory_sync",
     "Delete a directory with all the users and groups it synced.",
     "DELETE", "/directories/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Directory.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers_and_support, {}, false},
    {"directory_sync.list_groups", "directory_sync",
     "List the groups a directory synced, or the groups of one directory user.",
     "GET", "/directory_groups",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "directory":{"description":"Unique identifier of the WorkOS Directory.","type":"string"},
  "user":{"description":"Unique identifier of the WorkOS Directory User.","type":"string"}
},"additionalProperties":false})json",
     list_groups_query, access_class::read, readers, {}, true},
    {"directory_sync.get_group", "directory_sync",
     "Read one synced directory group.",
     "GET", "/directory_groups/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Directory Group.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"directory_sync.list_users", "directory_sync",
     "List synced directory users, by directory or group, optionally by email or IdP id.",
     "GET", "/directory_users",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "directory":{"description":"Unique identifier of the WorkOS Directory.","type":"string"},
  "group":{"description":"Unique identifier of the WorkOS Directory Group.","type":"string"},
  "idp_id":{"description":"Filter Directory Users by the identity provider's unique identifier (`idp_id`).","type":"string"},
  "email":{"description":"Filter Directory Users by their primary email address.","type":"string"}
},"additionalProperties":false})json",
     list_users_query, access_class::read, readers, {}, true},
    {"directory_sync.get_user", "directory_sync",
     "Read one synced directory user with their groups.",
     "GET", "/directory_users/{id}",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier for the Directory User.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
};

}  // namespace

std::span<const operation> directory_sync_operations() { return rows; }

}  // namespace workos::catalog
