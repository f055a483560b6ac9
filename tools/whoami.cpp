// tools/whoami.cpp — the `whoami` tool.
#include "tools/whoami.hpp"

#include "mcp/json.hpp"
#include "tools/principal.hpp"
#include "tools/session_environment.hpp"

namespace tools {

namespace {

// The top-level shape only: every byte of tools/list is paid in the agent's context in every
// session (issue 5: the default tool set within 1,500 tokens).
constexpr const char* output_schema = R"({"type":"object","required":["user","team","role","production_access","environment","environments","switches","never_exposed"],"properties":{"user":{"type":"object"},"team":{"type":"object"},"role":{"type":"string","enum":["admin","developer","support","viewer"]},"production_access":{"type":"boolean"},"environment":{"type":["object","null"]},"environments":{"type":"array"},"switches":{"type":"object"},"never_exposed":{"type":"array"}}})";

// Why this person cannot enter `e` from this team; empty when they can. Production needs the
// team's switch and the person's own access (promise 2); a sandbox is always reachable.
std::string unreachable_because(const control::access& a, const control::environment& e) {
  if (e.kind != control::environment_kind::production) return {};
  if (!a.team.switches.allow_production) return "the team's \"Allow production access\" switch is off";
  if (!a.member.production_access) return "you have no production access (a team admin can grant it)";
  return {};
}

void run(control::live_snapshot& live, mcp::tool_call& call) {
  auto who = parse_owner_key(call.owner());
  if (!who) return call.finish(mcp::tool_result::error("Not signed in: this server runs without sign-in (auth.mode none), "
                                                       "so there is no person to report."));
  auto state = state_now(live);
  if (!state) return call.finish(state.error().to_result());
  const auto& snap = **state;
  auto a = snap.access_of(who->user_id);
  if (!a || a->team.id != who->team_id)
    return call.finish(mcp::tool_result::error("You are no longer a member of this team; sign in again."));
  // With MCP off, every request is refused (promise 5), this one included.
  if (auto d = policy::decide_caller(policy::caller_facts{who->team_id, *a, false}); d.denied())
    return call.finish(refusal::from(d).to_result());
  auto envs = snap.environments_of(a->team.id);
  // The session's environment: the team's sandbox until use_environment (promise 2). When the
  // session may no longer work there, whoami still answers, and says why.
  auto env = environment_of(snap, policy::caller_facts{who->team_id, *a, false}, call);
  std::optional<environment_ref> current;
  if (!env.session.id.empty()) current = env.session;

  mcp::json_writer w(1024);
  w.begin_object();
  w.key("user").begin_object().field("id", a->member.user_id).field("email", a->member.email);
  if (!a->member.name.empty()) w.field("name", a->member.name);
  w.end_object();
  w.key("team").begin_object().field("id", a->team.id).field("name", a->team.name).end_object();
  w.field("role", control::to_string(a->member.role));
  w.field("production_access", a->member.production_access);
  w.key("environment");
  if (current) {
    w.begin_object().field("name", current->name).field("kind", control::to_string(current->kind));
    w.field("usable", !env.problem);
    if (env.problem) w.field("why_not", env.problem->message);
    w.end_object();
  } else {
    w.null();
  }
  w.key("environments").begin_array();
  for (const auto& e : envs) {
    auto why = unreachable_because(*a, e);
    w.begin_object().field("name", e.name).field("kind", control::to_string(e.kind)).field("reachable", why.empty());
    if (!why.empty()) w.field("why_not", why);
    w.end_object();
  }
  w.end_array();
  const auto& sw = a->team.switches;
  w.key("switches").begin_object().field("mcp_enabled", sw.mcp_enabled).field("allow_production", sw.allow_production)
      .field("allow_write", sw.allow_write).field("confirm_by_person", sw.confirm_by_person).end_object();
  w.key("never_exposed").begin_array();
  for (const char* item : never_exposed) w.value(item);
  w.end_array();
  w.end_object();

  std::string text = "You are " + a->member.email + " (" + std::string{control::to_string(a->member.role)} + ") in team " +
                     a->team.name + ". Current environment: " +
                     (current ? describe(*current) : std::string{"none"}) +
                     (env.problem ? " — unusable now: " + env.problem->message : std::string{}) + ". Writes " + (sw.allow_write ? "allowed by the team" : "switched off by the team") +
                     "; production " + (sw.allow_production && a->member.production_access ? "reachable by name" : "not reachable") +
                     (sw.confirm_by_person ? "; irreversible operations also need the person's own yes (elicitation)" : "") + ".";
  mcp::tool_result r;
  r.content = std::move(mcp::content_builder{}.text(text)).done();
  r.structured = std::move(w).str();
  call.finish(std::move(r));
}

}  // namespace

mcp::tool make_whoami(std::shared_ptr<control::live_snapshot> state) {
  mcp::tool t;
  t.name = "whoami";
  t.title = "Who am I";
  t.description =
      "Who this session acts as: the signed-in person, their team and role, the current WorkOS environment, the "
      "environments they can reach, the team's MCP switches, and what this server never exposes. Call it first.";
  t.input_schema = R"({"type":"object","properties":{},"additionalProperties":false})";
  t.output_schema = output_schema;
  t.annotations = {"Who am I", /*read_only=*/true, /*destructive=*/false, /*idempotent=*/true, /*open_world=*/false};
  t.handler = [state = std::move(state)](std::shared_ptr<mcp::tool_call> call) { run(*state, *call); };
  return t;
}

}  // namespace tools
