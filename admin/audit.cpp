// admin/audit.cpp — the page's audit queries mapped onto control::audit_log (see audit.hpp).
#include "admin/audit.hpp"

#include <charconv>

#include "control/audit_log.hpp"

namespace admin {

audit_reader audit_reader_of(std::shared_ptr<control::audit_log> log) {
  return [log = std::move(log)](const audit_query& q) -> mcp::result<std::vector<audit_entry>, std::string> {
    control::audit_filter f;
    // The team comes from the signed-in admin, never from the request: promise 7.
    f.team_id = q.team_id;
    f.user = q.person;
    f.operation = q.operation;
    f.decision = q.decision;
    f.environment = q.environment;
    f.since_ms = q.since_ms;
    f.until_ms = q.until_ms;
    f.limit = q.limit;
    if (!q.before_id.empty()) {
      auto [end, ec] = std::from_chars(q.before_id.data(), q.before_id.data() + q.before_id.size(), f.before_id);
      if (ec != std::errc{} || end != q.before_id.data() + q.before_id.size() || f.before_id <= 0)
        return std::string{"the page link is malformed"};
    }
    auto rows = log->query(f);
    if (!rows) return rows.error().message;
    std::vector<audit_entry> out;
    out.reserve(rows->size());
    for (const auto& r : *rows)
      out.push_back({r.time_ms, std::to_string(r.id), r.email, r.user_id, r.tool, r.operation, r.environment_name, r.decision,
                     r.rule, r.upstream_status, r.latency_us});
    return out;
  };
}

}  // namespace admin
