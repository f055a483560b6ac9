// workos/catalog/feature_flags.cpp — the catalog table for Feature flags.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view page_query[] = {"before", "after", "limit", "order"};

constexpr operation rows[] = {
    {"feature_flags.list", "feature_flags",
     "List feature flags.",
     "GET", "/feature-flags",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"feature_flags.get", "feature_flags",
     "Read one feature flag.",
     "GET", "/feature-flags/{slug}",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the Feature Flag.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"feature_flags.enable", "feature_flags",
     "Turn a feature flag on.",
     "PUT", "/feature-flags/{slug}/enable",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the Feature Flag.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"feature_flags.disable", "feature_flags",
     "Turn a feature flag off.",
     "PUT", "/feature-flags/{slug}/disable",
     R"json({"type":"object","properties":{
  "slug":{"description":"A unique key to reference the Feature Flag.","type":"string"}
},"required":["slug"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"feature_flags.add_target", "feature_flags",
     "Turn a flag on for one organization or user.",
     "POST", "/feature-flags/{slug}/targets/{resourceId}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The unique slug identifier of the feature flag.","type":"string"},
  "resourceId":{"description":"The resource ID in format \"user_<id>\" or \"org_<id>\".","type":"string"}
},"required":["slug","resourceId"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"feature_flags.remove_target", "feature_flags",
     "Stop targeting a flag at one organization or user.",
     "DELETE", "/feature-flags/{slug}/targets/{resourceId}",
     R"json({"type":"object","properties":{
  "slug":{"description":"The unique slug identifier of the feature flag.","type":"string"},
  "resourceId":{"description":"The resource ID in format \"user_<id>\" or \"org_<id>\".","type":"string"}
},"required":["slug","resourceId"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
    {"feature_flags.list_for_organization", "feature_flags",
     "List the feature flags that are on for an organization.",
     "GET", "/organizations/{organizationId}/feature-flags",
     R"json({"type":"object","properties":{
  "organizationId":{"description":"Unique identifier of the Organization.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organizationId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
};

}  // namespace

std::span<const operation> feature_flags_operations() { return rows; }

}  // namespace workos::catalog
