// tools/audit.cpp — the tools' audit records (see audit.hpp).
#include "tools/audit.hpp"

#include "control/crypto.hpp"
#include "tools/principal.hpp"

namespace tools {

audit_record::audit_record(audit_sink sink, const mcp::tool_call& call)
    : sink_(sink && sink->writer ? std::move(sink) : nullptr), started_(std::chrono::steady_clock::now()) {
  if (!sink_) return;
  event_.time_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  event_.tool = std::string{call.tool_name()};
  if (auto who = parse_owner_key(call.owner())) {
    event_.user_id = who->user_id;
    event_.team_id = who->team_id;
    event_.client_id = who->client_id;
  }
  // 16 hex digits tell sessions apart in the trail without handing the id to its readers.
  if (!call.session_id().empty()) event_.session_id = "s_" + control::crypto::sha256_hex(call.session_id()).substr(0, 16);
}

void audit_record::caller(const policy::caller_facts& c) {
  if (sink_ && c.access) event_.email = c.access->member.email;
}

void audit_record::person_from(const control::snapshot& state) {
  if (!sink_ || !event_.email.empty() || event_.user_id.empty()) return;
  if (auto a = state.access_of(event_.user_id)) event_.email = a->member.email;
}

void audit_record::environment(const control::environment& e) {
  if (!sink_) return;
  event_.environment_id = e.id;
  event_.environment_name = e.name;
}

void audit_record::operation(std::string_view id) {
  if (sink_) event_.operation = std::string{id};
}

void audit_record::arguments(std::string_view canonical) {
  if (sink_) event_.arguments_digest = control::crypto::sha256_hex(canonical);
}

void audit_record::upstream(unsigned status, std::string_view request_id) {
  if (!sink_) return;
  event_.upstream_status = static_cast<int>(status);
  event_.upstream_request_id = std::string{request_id};
}

void audit_record::finish(std::string_view decision, std::string_view rule) {
  if (!sink_ || sent_) return;
  sent_ = true;
  event_.decision = std::string{decision};
  event_.rule = std::string{rule};
  event_.latency_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
  sink_->writer->record(std::move(event_));
}

}  // namespace tools
