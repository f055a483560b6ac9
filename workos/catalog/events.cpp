// workos/catalog/events.cpp — the catalog table for Events API.
//
// Generated once by workos/catalog/generate/generate.mjs from the OpenAPI spec (parameters, enums,
// formats, secret response fields) and operations.mjs (ids and summaries, ours), then owned here:
// adding an operation is adding a row. Row fields, in order: id, product, summary, method, path,
// input schema (path, query and body parameters together), query parameters, access class, roles,
// secret response fields, paginated.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr std::string_view list_query[] = {"before", "after", "limit", "order", "events", "range_start", "range_end", "organization_id"};
constexpr std::string_view secret_data_data_domains_verification_token[] = {"data[].data.domains[].verification_token", "data[].data.verification_token", "data[].data.organization_domain.verification_token"};

constexpr operation rows[] = {
    {"events.list", "events",
     "List recent events, by type, time range or organization.",
     "GET", "/events",
     R"json({"type":"object","properties":{
  "before":{"description":"An object ID that defines your place in the list.","type":"string"},
  "after":{"description":"An object ID that defines your place in the list.","type":"string"},
  "limit":{"description":"Upper limit on the number of objects to return, between `1` and `100`.","type":"integer","default":10,"minimum":1,"maximum":100},
  "order":{"description":"Order the results by the creation time.","type":"string","enum":["normal","desc","asc"],"default":"desc"},
  "events":{"description":"Filter events by one or more event types (e.g.","type":"array","items":{"type":"string"}},
  "range_start":{"description":"ISO-8601 date string to filter events created after this date.","type":"string"},
  "range_end":{"description":"ISO-8601 date string to filter events created before this date.","type":"string"},
  "organization_id":{"description":"Filter events by the Organization that the event is associated with.","type":"string"}
},"additionalProperties":false})json",
     list_query, access_class::read, readers, secret_data_data_domains_verification_token, true},
};

}  // namespace

std::span<const operation> events_operations() { return rows; }

}  // namespace workos::catalog
