// tools/use_environment.cpp — the `use_environment` tool.
//
// By name only: a name is what a person says ("switch to production") and what whoami lists,
// and refusing ids keeps one path to an environment, resolved in the caller's own team, so that
// another team's environment reads exactly like one that does not exist (promise 7).
#include "tools/use_environment.hpp"

#include "mcp/json.hpp"
#include "policy/decision.hpp"
#include "tools/operations.hpp"
#include "tools/session_environment.hpp"

namespace tools {

namespace {

constexpr const char* input_schema = R"({
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": {"type": "string", "minLength": 1,
             "description": "The environment's name, as whoami lists it (e.g. \"sandbox\", \"production\"). Not its id."}
  },
  "additionalProperties": false
})";

// The top-level shape only: every byte of tools/list is paid in the agent's context in every
// session (issue 5: the default tool set within 1,500 tokens).
constexpr const char* output_schema = R"({"type":"object","required":["environment","previous"],"properties":{"environment":{"type":"object"},"previous":{"type":"object"}}})";

// Ids are "environment_" + ULID (control/model.hpp).
bool looks_like_an_id(std::string_view s) { return s.starts_with("environment_"); }

void write_ref(mcp::json_writer& w, std::string_view key, const environment_ref& e) {
  w.key(key).begin_object().field("name", e.name).field("kind", control::to_string(e.kind)).end_object();
}

void run(control::live_snapshot& live, const audit_sink& audit, mcp::tool_call& call) {
  // Entering an environment is an agent action: recorded like an operation, named by the
  // environment (never with arguments: the name is in the record already).
  audit_record rec(audit, call);
  auto refuse = [&](const refusal& r) {
    rec.finish("refused", r.rule);
    call.finish(r.to_result());
  };
  auto args = mcp::json_doc::parse(call.arguments());
  if (!args || !args->root().is_object())
    return call.finish(mcp::tool_result::error("use_environment takes {\"name\": \"<environment name>\"}."));
  auto root = args->root();
  if (mcp::get_field(root, "id") || mcp::get_field(root, "environment_id"))
    return call.finish(mcp::tool_result::error(
        "use_environment takes an environment's name, not its id: call whoami for the names, then pass {\"name\": …}."));
  auto name_field = mcp::get_field(root, "name");
  if (!name_field || !name_field->is_string() || name_field->get_string().value_unsafe().empty())
    return call.finish(mcp::tool_result::error("use_environment needs {\"name\": \"<environment name>\"} (whoami lists them)."));
  std::string name{name_field->get_string().value_unsafe()};

  auto state = state_now(live);
  if (!state) return refuse(state.error());
  const auto& snap = **state;
  auto caller = caller_of(snap, call);
  if (!caller) return refuse(caller.error());
  rec.caller(*caller);

  // Resolve in the caller's team only: a name of another team's environment is "not found" here
  // and is then refused with the very words an unknown name gets.
  auto target = snap.environment_by_name(caller->session_team_id, name);
  if (!target && target.error().code != control::errc::not_found)
    return refuse(refusal{"unavailable", "The team's environments cannot be read right now.", "retry in a moment"});
  policy::decision d;
  if (target) {
    d = policy::decide_environment_switch(*caller, policy::environment_facts{target->team_id, target->kind, target->name});
  } else {
    // Asked about an environment of no team, the policy runs its caller checks first (a
    // non-member or a team with MCP off learns nothing about names) and then answers exactly as
    // for another team's environment: unknown_environment.
    d = policy::decide_environment_switch(*caller, policy::environment_facts{"", control::environment_kind::sandbox, name});
    if (!d.denied() || d.reason == policy::rule::no_such_environment) {
      // Said whether or not such an id exists anywhere: ids are never looked up.
      if (looks_like_an_id(name))
        return call.finish(mcp::tool_result::error(
            "'" + name + "' looks like an environment id; use_environment takes the environment's name "
            "(call whoami for the names)."));
      d = policy::unknown_environment(name);
    }
  }
  if (target) rec.environment(*target);
  if (d.denied()) return refuse(refusal::from(d));  // the session stays where it was

  auto previous = environment_of(snap, *caller, call).session;
  environment_ref next{target->id, target->name, target->kind};
  if (previous.id != next.id) {
    // Promise 3: the pending confirmations of the previous environment die here, so that a
    // confirmation id obtained in one environment can never execute in another (mutate checks
    // the environment id too; this makes the id unknown at once, whatever happens next).
    forget_confirmations(call.session_state());
  }
  call.session_state().get<session_environment>().chosen = next;
  rec.finish("allowed");

  const auto& team = caller->access->team.name;
  std::string text = "Now working in " + describe(next) + " of team " + team + ".";
  if (next.kind == control::environment_kind::production)
    text += " Every call from now on reads and changes production data.";
  else
    text += " Calls from now on read and change this sandbox only.";
  if (!previous.id.empty() && previous.id != next.id) text += " (Was: " + describe(previous) + ".)";

  mcp::json_writer w(256);
  w.begin_object();
  write_ref(w, "environment", next);
  write_ref(w, "previous", previous);
  w.end_object();
  mcp::tool_result r;
  r.content = std::move(mcp::content_builder{}.text(text)).done();
  r.structured = std::move(w).str();
  call.finish(std::move(r));
}

}  // namespace

mcp::tool make_use_environment(std::shared_ptr<control::live_snapshot> state, audit_sink audit) {
  mcp::tool t;
  t.name = "use_environment";
  t.title = "Use environment";
  t.description =
      "Switch this session to another environment of your team, by name (whoami lists them). Sessions start in the "
      "sandbox; production is entered only this way, and only if you have production access and the team allows it. "
      "Every call after a switch runs in the new environment.";
  t.input_schema = input_schema;
  t.output_schema = output_schema;
  t.annotations = {"Use environment", /*read_only=*/false, /*destructive=*/false, /*idempotent=*/true,
                   /*open_world=*/false};
  t.handler = [state = std::move(state), audit = std::move(audit)](std::shared_ptr<mcp::tool_call> call) {
    run(*state, audit, *call);
  };
  return t;
}

}  // namespace tools
