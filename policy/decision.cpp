// policy/decision.cpp — the checks of decision.hpp, in the documented order, the exclusion list
// (promise 6) and the role ceilings (promise 1). Every refusal is built here, with its message and
// remedy, so the wording of a rule lives in one place.
#include "policy/decision.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace policy {

std::string_view to_string(rule r) {
  switch (r) {
    case rule::none: return "none";
    case rule::not_a_member: return "not_a_member";
    case rule::mcp_disabled: return "mcp_disabled";
    case rule::excluded_operation: return "excluded_operation";
    case rule::no_such_environment: return "no_such_environment";
    case rule::production_disabled_for_team: return "production_disabled_for_team";
    case rule::no_production_access: return "no_production_access";
    case rule::viewer_read_only: return "viewer_read_only";
    case rule::support_scope: return "support_scope";
    case rule::role_not_allowed: return "role_not_allowed";
    case rule::impersonating: return "impersonating";
    case rule::writes_disabled: return "writes_disabled";
  }
  return "none";
}

std::string_view to_string(decision::verdict v) {
  switch (v) {
    case decision::verdict::allow: return "allow";
    case decision::verdict::deny: return "deny";
    case decision::verdict::confirm: return "confirm";
  }
  return "deny";
}

namespace {

using std::string_view_literals::operator""sv;

decision deny(rule r, std::string message, std::string remedy) {
  return decision{decision::verdict::deny, r, std::move(message), std::move(remedy)};
}

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

// ---- exclusions (promise 6) -------------------------------------------------------------------

// Path segments of a lowercased path, query string dropped, empty segments skipped.
std::vector<std::string_view> segments(std::string_view path) {
  if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  std::vector<std::string_view> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto seg = path.substr(0, slash);
    if (!seg.empty()) out.push_back(seg);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Glob over segments: "*" is one segment (a `{param}` of a catalog path is just a segment),
// "**" is any number of segments, zero included.
bool glob(std::span<const std::string_view> pat, std::span<const std::string_view> path) {
  if (pat.empty()) return path.empty();
  if (pat.front() == "**") {
    for (std::size_t skip = 0; skip <= path.size(); ++skip)
      if (glob(pat.subspan(1), path.subspan(skip))) return true;
    return false;
  }
  if (path.empty()) return false;
  if (pat.front() != "*" && pat.front() != path.front()) return false;
  return glob(pat.subspan(1), path.subspan(1));
}

bool changes(std::string_view method) { return method != "GET" && method != "HEAD"; }

struct path_rule {
  std::string_view method;  // "*": any method; otherwise exact, uppercase
  std::string_view pattern;
  std::string_view why;
};

// The known endpoints of the excluded kinds, by method and path. Paths are matched lowercased.
constexpr std::array path_rules{
    // Minting credentials: the response carries a new key or secret an agent must never see, and
    // creating one is a standing grant of access beyond the person's session.
    path_rule{"POST", "/organizations/*/api_keys", "credential minting: organization API keys"},
    path_rule{"POST", "/user_management/users/*/api_keys", "credential minting: user API keys"},
    path_rule{"POST", "/api_keys", "credential minting: API keys"},
    path_rule{"POST", "/connect/applications/*/client_secrets", "credential minting: OAuth client secrets"},
    path_rule{"POST", "/widgets/token", "credential minting: widget tokens"},
    path_rule{"POST", "/client/token", "credential minting: client API tokens"},
    path_rule{"*", "/agents/**/tokens", "credential minting: agent tokens"},
    path_rule{"POST", "/agents/credentials", "credential minting: agent credentials"},
    path_rule{"*", "/agents/claims/**", "agent credential claims"},
    // Vault data keys: create and decrypt both answer with a plaintext data-encryption key.
    path_rule{"*", "/vault/v1/keys/**", "vault data keys"},
    // End-user authentication flows: completing them yields a user's tokens or acts as the user.
    path_rule{"*", "/user_management/authenticate/**", "end-user authentication"},
    path_rule{"*", "/user_management/authorize/**", "end-user authentication"},
    path_rule{"*", "/user_management/sessions/logout", "end-user authentication"},
    path_rule{"*", "/user_management/password_reset/confirm", "end-user authentication: password reset"},
    path_rule{"*", "/user_management/**/email_verification/confirm", "end-user authentication: email verification"},
    path_rule{"*", "/user_management/**/email_change/confirm", "end-user authentication: email change"},
    path_rule{"POST", "/user_management/radar_challenges", "end-user authentication: Radar challenge"},
    path_rule{"*", "/authkit/oauth2/complete", "end-user authentication: external login"},
    path_rule{"POST", "/user_management/users/*/auth_factors", "end-user authentication: MFA enrolment"},
    path_rule{"*", "/auth/factors/enroll", "end-user authentication: MFA enrolment"},
    path_rule{"*", "/auth/factors/*/challenge", "end-user authentication: MFA challenge"},
    path_rule{"*", "/auth/challenges/**", "end-user authentication: MFA challenge"},
    path_rule{"*", "/sso/token/**", "end-user authentication: SSO token exchange"},
    path_rule{"*", "/sso/profile/**", "end-user authentication: SSO profile"},
    path_rule{"*", "/sso/authorize/**", "end-user authentication: SSO authorization"},
    path_rule{"*", "/sso/logout/**", "end-user authentication: SSO logout"},
    // Deleting the team (dashboard-only, and never an agent's to do).
    path_rule{"DELETE", "/team", "team deletion"},
    path_rule{"DELETE", "/teams/*", "team deletion"},
    path_rule{"DELETE", "/platform/teams/*", "team deletion"},
};

// Words that, in an operation id next to a credential word, mean "make a new one".
constexpr std::array mint_words{"create"sv, "mint"sv,  "rotate"sv, "roll"sv,  "regenerate"sv,
                                "renew"sv,  "generate"sv, "issue"sv, "upload"sv, "reset"sv};

bool has_mint_word(std::string_view id) {
  return std::any_of(mint_words.begin(), mint_words.end(), [&](auto w) { return contains(id, w); });
}

std::optional<std::string_view> forbidden_by_id(std::string_view raw_id) {
  auto id = lower(raw_id);
  if (contains(id, "impersonat")) return "user impersonation";
  if (contains(id, "mcp")) return "the MCP access settings";
  if ((id.starts_with("team.") || id.starts_with("teams.")) &&
      (contains(id, "delete") || contains(id, "destroy") || contains(id, "remove")))
    return "team deletion";
  if (contains(id, "api_key") && has_mint_word(id)) return "credential minting: API keys";
  if (contains(id, "client_secret") && has_mint_word(id)) return "credential minting: OAuth client secrets";
  if (contains(id, "certificate") && has_mint_word(id)) return "credential minting: signing certificates";
  if (contains(id, "signing_key") && has_mint_word(id)) return "credential rotation: signing keys";
  // Any token minted for someone (widget, client API, SCIM, agent tokens).
  if (id.ends_with(".token") || (contains(id, "token") && has_mint_word(id))) return "credential minting: tokens";
  if (contains(id, "data_key") || contains(id, "vault.keys") || contains(id, "decrypt")) return "vault data keys";
  // Steps of an end user's own sign-in, reset or enrolment: completing them acts as that user.
  for (auto w : {"authenticate"sv, "profile_and_token"sv, "sso.token"sv, "sso.get_token"sv, "sso.profile"sv,
                 "sso.get_profile"sv, "authorization_url"sv, "device_authorization"sv, "authorize_device"sv,
                 "password_reset.confirm"sv, "reset_password"sv, "email_verification.confirm"sv, "verify_email"sv,
                 "email_change.confirm"sv, "confirm_email_change"sv, "enroll"sv, "verify_challenge"sv,
                 "challenges.verify"sv, "challenge_factor"sv, "factors.challenge"sv, "send_radar_challenge"sv,
                 "external_login"sv, "claim_attempt"sv})
    if (contains(id, w)) return "end-user authentication";
  // Sign-in and sign-out redirects of end users (users.authorize, sso.logout_authorize, …).
  if (id.ends_with(".authorize") || id.ends_with("_authorize") || contains(id, "logout"))
    return "end-user authentication";
  return std::nullopt;
}

std::optional<std::string_view> forbidden_by_path(std::string_view method, std::string_view raw_path) {
  auto path = lower(raw_path);
  auto segs = segments(path);
  // Anything about impersonation or the MCP settings, whatever the path looks like otherwise.
  for (auto s : segs) {
    if (contains(s, "impersonat")) return "user impersonation";
    if (s.starts_with("mcp")) return "the MCP access settings";
  }
  if (changes(method) && !segs.empty()) {
    // Generic forms of minting and rotation, for endpoints that do not exist yet.
    auto last = segs.back();
    for (auto w : {"rotate"sv, "roll"sv, "regenerate"sv, "renew"sv})
      if (last.starts_with(w)) return "credential rotation";
    if (method == "POST" && (last == "api_keys" || last == "client_secrets" || last == "secrets"))
      return "credential minting";
    for (auto s : segs)
      if (contains(s, "certificate")) return "credential minting: signing certificates";
  }
  for (const auto& r : path_rules) {
    if (r.method != "*" && r.method != method) continue;
    auto pat = segments(r.pattern);
    if (glob(pat, segs)) return r.why;
  }
  return std::nullopt;
}

// ---- roles (promise 1) --------------------------------------------------------------------------

// What support may change: SSO connections and directories (DESIGN §1.1, workos-api.md §8.2).
// Judged by the first path segment and by the catalog's product name, so a catalog table named
// either way works; anything else fails closed (support is refused).
constexpr std::array support_paths{"connections"sv, "directories"sv, "directory_users"sv, "directory_groups"sv};
constexpr std::array support_products{"sso"sv, "connections"sv, "directory_sync"sv, "directories"sv,
                                      "directory-sync"sv};

bool support_may_change(const workos::operation& op) {
  auto segs = segments(op.path);
  if (!segs.empty() && std::find(support_paths.begin(), support_paths.end(), segs.front()) != support_paths.end())
    return true;
  return std::find(support_products.begin(), support_products.end(), op.product) != support_products.end();
}

std::string role_list(workos::role_set roles) {
  std::string out;
  for (auto r : {control::role::admin, control::role::developer, control::role::support, control::role::viewer}) {
    if (!roles.contains(r)) continue;
    if (!out.empty()) out += ", ";
    out += control::to_string(r);
  }
  return out;
}

std::string quoted(std::string_view s) { return "'" + std::string{s} + "'"; }

// " and to turn on 'Allow write access'" when the write switch would also be needed.
std::string also_write_switch(const control::team_switches& sw, const workos::operation& op) {
  if (op.access == workos::access_class::read || sw.allow_write) return {};
  return " (and to turn on 'Allow write access', which is off for the team)";
}

}  // namespace

std::optional<std::string_view> forbidden_reason(const workos::operation& op) {
  if (auto why = forbidden_by_id(op.id)) return why;
  std::string method = lower(op.method);
  for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return forbidden_by_path(method, op.path);
}

bool is_forbidden(const workos::operation& op) { return forbidden_reason(op).has_value(); }

bool role_ceiling_allows(control::role r, const workos::operation& op) {
  if (op.access == workos::access_class::read) return true;
  switch (r) {
    case control::role::admin:
    case control::role::developer: return true;
    case control::role::support: return support_may_change(op);
    case control::role::viewer: return false;
  }
  return false;
}

decision unknown_environment(std::string_view name) {
  return deny(rule::no_such_environment, "There is no environment named " + quoted(name) + ".",
              "call whoami to see the environments you can use, and name one of those");
}

namespace {

// Checks 1 and 2 (membership, then the team's kill switch); nullopt when both pass.
std::optional<decision> check_caller(const caller_facts& caller) {
  if (!caller.access || caller.access->member.team_id != caller.session_team_id ||
      caller.access->team.id != caller.session_team_id)
    return deny(rule::not_a_member, "You are not a member of this session's team (any more).",
                "ask a team admin to add you to the team, then sign in again");
  const auto& team = caller.access->team;
  if (!team.switches.effective().mcp_enabled)
    return deny(rule::mcp_disabled, "MCP access is turned off for team " + quoted(team.name) + ".",
                "ask a team admin to turn on 'Enable' (MCP access) in the team settings");
  return std::nullopt;
}

// Checks 4 and 5: the environment is the caller's team's, and production is open to them.
std::optional<decision> check_environment(const caller_facts& caller, const environment_facts& env) {
  const auto& [member, team] = *caller.access;
  if (env.team_id != caller.session_team_id) return unknown_environment(env.name);
  if (env.kind != control::environment_kind::production) return std::nullopt;
  bool team_allows = team.switches.effective().allow_production;
  if (!team_allows) {
    std::string remedy = "ask a team admin to turn on 'Allow production access'";
    if (!member.production_access) remedy += ", and to give you production access";
    return deny(rule::production_disabled_for_team,
                "Production environments are closed to MCP for team " + quoted(team.name) + ".", remedy);
  }
  if (!member.production_access)
    return deny(rule::no_production_access,
                "You do not have access to production environments (" + quoted(env.name) + " is one).",
                "ask a team admin to give you production access");
  return std::nullopt;
}

}  // namespace

decision decide_caller(const caller_facts& caller) {
  if (auto d = check_caller(caller)) return std::move(*d);
  return decision{decision::verdict::allow, rule::none, {}, {}};
}

decision decide_operation(const workos::operation& op, const caller_facts& caller, const environment_facts& env) {
  if (auto d = check_caller(caller)) return std::move(*d);
  const auto& [member, team] = *caller.access;
  const auto sw = team.switches.effective();
  const std::string id{op.id};

  if (auto why = forbidden_reason(op))
    return deny(rule::excluded_operation,
                id + " is not available through MCP (" + std::string{*why} + ").",
                "nothing in this server allows it: do it yourself in the WorkOS dashboard, if your role allows");

  if (auto d = check_environment(caller, env)) return std::move(*d);

  const auto role_name = std::string{control::to_string(member.role)};
  const bool changes_something = op.access != workos::access_class::read;
  if (!role_ceiling_allows(member.role, op)) {
    if (member.role == control::role::viewer)
      return deny(rule::viewer_read_only,
                  "Your role is viewer, which may only read; " + id + " is a " +
                      std::string{workos::to_string(op.access)} + " operation.",
                  "ask a team admin to give you the developer or admin role" + also_write_switch(sw, op));
    return deny(rule::support_scope,
                "Your role is support, which may change only SSO connections and directories; " + id +
                    " changes something else.",
                "ask an admin or developer of the team to run it, or a team admin to give you the developer role" +
                    also_write_switch(sw, op));
  }
  if (!op.roles.contains(member.role)) {
    auto allowed = role_list(op.roles);
    return deny(rule::role_not_allowed,
                allowed.empty() ? "No role may run " + id + " through MCP; your role is " + role_name + "."
                                : "Only " + allowed + " may run " + id + "; your role is " + role_name + ".",
                allowed.empty() ? std::string{"nothing in this server allows it: use the WorkOS dashboard"}
                                : "ask a team admin to give you one of these roles: " + allowed +
                                      also_write_switch(sw, op));
  }
  if (changes_something && caller.impersonating)
    return deny(rule::impersonating, "This session acts for an impersonated user, so " + id + " may not change anything.",
                "end the impersonation and sign in as yourself");
  if (changes_something && !sw.allow_write)
    return deny(rule::writes_disabled,
                "MCP is read-only for team " + quoted(team.name) + " ('Allow write access' is off), and " + id +
                    " is a " + std::string{workos::to_string(op.access)} + " operation.",
                "ask a team admin to turn on 'Allow write access'");

  if (op.access == workos::access_class::irreversible) return decision{decision::verdict::confirm, rule::none, {}, {}};
  return decision{decision::verdict::allow, rule::none, {}, {}};
}

decision decide_environment_switch(const caller_facts& caller, const environment_facts& target) {
  if (auto d = check_caller(caller)) return std::move(*d);
  if (auto d = check_environment(caller, target)) return std::move(*d);
  return decision{decision::verdict::allow, rule::none, {}, {}};
}

}  // namespace policy
