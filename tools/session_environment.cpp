// tools/session_environment.cpp — the session's environment, re-read and re-checked per call.
#include "tools/session_environment.hpp"

#include "tools/principal.hpp"

namespace tools {

namespace {

refusal unavailable(const control::error& e) {
  // The store's message names no secret (control/result.hpp); the agent may simply retry.
  return {"unavailable", "The team's settings cannot be read right now (" + e.message + ").", "retry in a moment"};
}

environment_ref ref_of(const control::environment& e) { return {e.id, e.name, e.kind}; }

}  // namespace

refusal refusal::from(const policy::decision& d) {
  return {std::string{policy::to_string(d.reason)}, d.message, d.remedy};
}

mcp::tool_result refusal::to_result() const {
  std::string text = message;
  if (!remedy.empty()) text += " To allow it: " + remedy + ".";
  text += " (rule: " + rule + ")";
  return mcp::tool_result::error(text);
}

mcp::result<std::shared_ptr<const control::snapshot>, refusal> state_now(control::live_snapshot& live) {
  auto s = live.current();
  if (!s) return unavailable(s.error());
  return std::move(*s);
}

mcp::result<policy::caller_facts, refusal> caller_of(const control::snapshot& state, const mcp::tool_call& call) {
  auto who = parse_owner_key(call.owner());
  if (!who)
    return refusal{"not_signed_in",
                   "Not signed in: this server runs without sign-in (auth.mode none), so there is no person to act as.",
                   "run the server with sign-in"};
  policy::caller_facts caller;
  caller.session_team_id = who->team_id;
  auto a = state.access_of(who->user_id);
  if (a) caller.access = std::move(*a);
  else if (a.error().code != control::errc::not_found) return unavailable(a.error());
  // The owner key carries no impersonation flag yet; the authenticator refuses tokens with an
  // `act` claim until it does (promise 6), so `false` is what reaches us.
  return caller;
}

std::string describe(const environment_ref& e) {
  if (e.kind == control::environment_kind::production) return "PRODUCTION environment '" + e.name + "'";
  return "sandbox environment '" + e.name + "'";
}

environment_status environment_of(const control::snapshot& state, const policy::caller_facts& caller, mcp::tool_call& call) {
  environment_status out;
  auto& slot = call.session_state().get<session_environment>();
  if (slot.chosen) {
    out.session = *slot.chosen;
    auto e = state.environment_by_id(slot.chosen->id);
    if (!e && e.error().code != control::errc::not_found) {
      out.problem = unavailable(e.error());
      return out;
    }
    // Another team's environment cannot be remembered (use_environment resolves in the caller's
    // team), but a session's team is fixed while an environment row is not: compare anyway.
    if (!e || e->team_id != caller.session_team_id) {
      out.problem = refusal{"no_such_environment",
                            "The " + describe(out.session) + " this session was working in no longer exists.",
                            "call use_environment with one of the environments whoami lists"};
      return out;
    }
    out.current = std::move(*e);
  } else {
    auto e = state.default_environment(caller.session_team_id);
    if (!e) {
      out.problem = e.error().code == control::errc::not_found
                        ? refusal{"no_such_environment", "Your team has no sandbox environment to start in.",
                                  "ask a team admin to add one"}
                        : unavailable(e.error());
      return out;
    }
    out.current = std::move(*e);
  }
  out.session = ref_of(*out.current);

  // Being in an environment is judged like entering it: the same rules, at every call.
  auto d = policy::decide_environment_switch(
      caller, policy::environment_facts{out.current->team_id, out.current->kind, out.current->name});
  if (d.denied()) {
    auto r = refusal::from(d);
    if (d.reason == policy::rule::production_disabled_for_team || d.reason == policy::rule::no_production_access) {
      r.message += " This session is still set to " + describe(out.session) + ": nothing runs there until that changes.";
      r.remedy += ", or call use_environment with your team's sandbox (whoami lists it) to work there instead";
    }
    out.problem = std::move(r);
  }
  return out;
}

mcp::result<control::environment, refusal> current_environment(const control::snapshot& state, const policy::caller_facts& caller,
                                                                mcp::tool_call& call) {
  auto s = environment_of(state, caller, call);
  if (s.problem) return std::move(*s.problem);
  return std::move(*s.current);
}

}  // namespace tools
