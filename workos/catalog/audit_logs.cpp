// workos/catalog/audit_logs.cpp — the catalog table for Audit Logs (events, schemas, exports, retention).
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
constexpr std::string_view secret_url[] = {"url"};

constexpr operation rows[] = {
    {"audit_logs.create_event", "audit_logs",
     "Record an audit-log event for an organization.",
     "POST", "/audit_logs/events",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The unique ID of the Organization.","type":"string"},
  "event":{"type":"object","properties":{"action":{"type":"string"},"occurred_at":{"type":"string","format":"date-time"},"actor":{"type":"object","properties":{"id":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"metadata":{"type":"object","maxProperties":50,"additionalProperties":false}},"required":["id","type"]},"targets":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"type":{"type":"string"},"name":{"type":"string"},"metadata":{"type":"object","maxProperties":50,"additionalProperties":false}},"required":["id","type"]}},"context":{"type":"object","properties":{"location":{"type":"string"},"user_agent":{"type":"string"}},"required":["location"]},"metadata":{"type":"object","maxProperties":50,"additionalProperties":false},"version":{"type":"integer"}},"required":["action","occurred_at","actor","targets","context"]}
},"required":["organization_id","event"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"audit_logs.list_actions", "audit_logs",
     "List the audit-log actions that have a schema.",
     "GET", "/audit_logs/actions",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"audit_logs.list_schemas", "audit_logs",
     "List the schema versions of an audit-log action.",
     "GET", "/audit_logs/actions/{actionName}/schemas",
     R"json({"type":"object","properties":{
  "actionName":{"description":"The name of the Audit Log action.","type":"string"},
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"}
},"required":["actionName"],"additionalProperties":false})json",
     page_query, access_class::read, readers, {}, true},
    {"audit_logs.create_schema", "audit_logs",
     "Define a new schema version for an audit-log action.",
     "POST", "/audit_logs/actions/{actionName}/schemas",
     R"json({"type":"object","properties":{
  "actionName":{"description":"The name of the Audit Log action.","type":"string"},
  "actor":{"type":"object","properties":{"metadata":{"type":"object"}},"required":["metadata"]},
  "targets":{"description":"The list of targets for the schema.","type":"array","minItems":1,"items":{"type":"object","properties":{"type":{"type":"string"},"metadata":{"type":"object"}},"required":["type"]}},
  "metadata":{"description":"Optional JSON schema for event metadata.","type":"object"}
},"required":["actionName","targets"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
    {"audit_logs.create_export", "audit_logs",
     "Start a CSV export of an organization's audit log over a time range.",
     "POST", "/audit_logs/exports",
     R"json({"type":"object","properties":{
  "organization_id":{"description":"The unique ID of the Organization.","type":"string"},
  "range_start":{"description":"ISO-8601 value for start of the export range.","type":"string","format":"date-time"},
  "range_end":{"description":"ISO-8601 value for end of the export range.","type":"string","format":"date-time"},
  "actions":{"description":"List of actions to filter against.","type":"array","items":{"type":"string"}},
  "actors":{"description":"Deprecated.","type":"array","deprecated":true,"items":{"type":"string"}},
  "actor_names":{"description":"List of actor names to filter against.","type":"array","items":{"type":"string"}},
  "actor_ids":{"description":"List of actor IDs to filter against.","type":"array","items":{"type":"string"}},
  "targets":{"description":"List of target types to filter against.","type":"array","items":{"type":"string"}}
},"required":["organization_id","range_start","range_end"],"additionalProperties":false})json",
     {}, access_class::write, writers, secret_url, false},
    {"audit_logs.get_export", "audit_logs",
     "Check an audit-log export's state (its download URL is withheld).",
     "GET", "/audit_logs/exports/{auditLogExportId}",
     R"json({"type":"object","properties":{
  "auditLogExportId":{"description":"The unique ID of the Audit Log Export.","type":"string"}
},"required":["auditLogExportId"],"additionalProperties":false})json",
     {}, access_class::read, readers, secret_url, false},
    {"audit_logs.get_retention", "audit_logs",
     "Show how many days an organization's audit log is kept.",
     "GET", "/organizations/{id}/audit_logs_retention",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"}
},"required":["id"],"additionalProperties":false})json",
     {}, access_class::read, readers, {}, false},
    {"audit_logs.set_retention", "audit_logs",
     "Change how many days an organization's audit log is kept.",
     "PUT", "/organizations/{id}/audit_logs_retention",
     R"json({"type":"object","properties":{
  "id":{"description":"Unique identifier of the Organization.","type":"string"},
  "retention_period_in_days":{"description":"The number of days Audit Log events will be retained.","type":"integer"}
},"required":["id","retention_period_in_days"],"additionalProperties":false})json",
     {}, access_class::write, writers, {}, false},
};

}  // namespace

std::span<const operation> audit_logs_operations() { return rows; }

}  // namespace workos::catalog
