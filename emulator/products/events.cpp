// emulator/products/events.cpp — the Events API (GET /events): every mutation's event, filtered
// by type, time range and organization, with the usual cursor pagination.
#include <algorithm>

#include "emulator/products.hpp"

namespace emulator::products {

namespace {

// The organization an event concerns: its data's organization_id, or the organization itself.
std::string organization_of(const json& ev) {
  const json& data = ev["data"];
  if (data["organization_id"].is_string()) return data["organization_id"].as_string();
  if (data["object"].as_string() == "organization") return data["id"].as_string();
  return {};
}

reply list(call& c) {
  auto types = c.q_all("events");
  std::optional<std::chrono::system_clock::time_point> start, end;
  if (auto s = c.q("range_start")) {
    start = parse_iso(*s);
    if (!start) return unprocessable({{"range_start", "invalid"}}, "range_start must be an ISO-8601 timestamp.");
  }
  if (auto e = c.q("range_end")) {
    end = parse_iso(*e);
    if (!end) return unprocessable({{"range_end", "invalid"}}, "range_end must be an ISO-8601 timestamp.");
  }
  auto org = c.q("organization_id");
  std::vector<json> out;
  for (auto& ev : c.db.all(c.env, "event")) {
    if (!types.empty() && std::find(types.begin(), types.end(), ev["event"].as_string()) == types.end()) continue;
    auto at = parse_iso(ev["created_at"].as_string());
    if (start && at && *at < *start) continue;
    if (end && at && *at > *end) continue;
    if (org && organization_of(ev) != *org) continue;
    out.push_back(std::move(ev));
  }
  return paginate(c, std::move(out));
}

}  // namespace

void register_events(api& a) { a.add("GET", "/events", list); }

}  // namespace emulator::products
