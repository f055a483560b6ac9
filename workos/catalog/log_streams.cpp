// workos/catalog/log_streams.cpp — the catalog table for Audit-log streams (dashboard-side).
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
    {"log_streams.list", "log_streams",
     "List an organization's audit-log streams (destination credentials are never returned).",
     "GET", "/dashboard/organizations/{organizationId}/audit_log_streams",
     R"json({"type":"object","properties":{
  "organizationId":{"type":"string","description":"The organization's id."},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["organizationId"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"log_streams.create", "log_streams",
     "Stream an organization's audit log to a SIEM (Datadog, Splunk, S3, …) with its credentials.",
     "POST", "/dashboard/organizations/{organizationId}/audit_log_streams",
     R"json({"type":"object","properties":{
  "organizationId":{"type":"string","description":"The organization's id."},
  "type":{"type":"string","enum":["Datadog","Splunk","S3","GoogleCloudStorage","GenericHttps","Snowflake","AzureSentinel"],"description":"The destination kind."},
  "credentials":{"type":"object","minProperties":1,"additionalProperties":{"type":["string","number","boolean"]},"description":"The destination's settings and credentials (API key, bucket, URL, …), as flat key/value pairs; stored, never returned."}
},"required":["organizationId","type","credentials"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"log_streams.get", "log_streams",
     "Read one audit-log stream: type, state, last sync.",
     "GET", "/dashboard/organizations/{organizationId}/audit_log_streams/{id}",
     R"json({"type":"object","properties":{
  "organizationId":{"type":"string","description":"The organization's id."},
  "id":{"type":"string","description":"The stream's id."}
},"required":["organizationId","id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"log_streams.delete", "log_streams",
     "Delete an audit-log stream; events stop flowing to the destination.",
     "DELETE", "/dashboard/organizations/{organizationId}/audit_log_streams/{id}",
     R"json({"type":"object","properties":{
  "organizationId":{"type":"string","description":"The organization's id."},
  "id":{"type":"string","description":"The stream's id."}
},"required":["organizationId","id"],"additionalProperties":false})json",
     {}, access_class::irreversible, writers, {}, false},
};

}  // namespace

std::span<const operation> log_streams_operations() { return rows; }

}  // namespace workos::catalog
