// admin/admin_page.cpp — the admin page's routes: sign-in (login, callback), the gate, the
// dashboard, and the POST actions (see admin_page.hpp).
#include "admin/admin_page.hpp"

#include <algorithm>
#include <cstdio>

#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "admin/sessions.hpp"
#include "admin/views.hpp"
#include "control/crypto.hpp"
#include "emulator/api.hpp"
#include "emulator/oauth/url.hpp"

namespace admin {

namespace {

using emulator::oauth::form;
constexpr std::string_view session_cookie = "wm_admin_session";
constexpr std::string_view login_cookie = "wm_admin_login";

std::optional<std::string> param(const form& f, std::string_view name) {
  for (const auto& [k, v] : f)
    if (k == name) return v;
  return std::nullopt;
}

std::string s256(std::string_view verifier) { return control::crypto::sha256_base64url(verifier); }

transport::response see_other(std::string location) {
  auto r = transport::response::empty(303);
  r.headers.add("Location", std::move(location));
  views::add_security_headers(r);
  return r;
}

transport::response method_not_allowed(std::string_view allow) {
  auto r = views::html(405, views::message("Not allowed", "This address does not take that method.", "/admin", "Go to the admin page"));
  r.headers.add("Allow", std::string{allow});
  return r;
}

// Every switch the control plane knows, in the order it wants them shown: a switch added to
// control/model needs nothing here but its wording.
std::vector<control::team_switch> all_switches() {
  return {std::begin(control::all_team_switches), std::end(control::all_team_switches)};
}

struct wording {
  std::string label, description;
};

// The hosted product's wording for the first three (reference/workos-mcp-product-page.txt).
wording wording_of(control::team_switch s) {
  auto name = control::to_string(s);
  if (name == "mcp_enabled")
    return {"Enable",
            "Allow this team to access the WorkOS dashboard over MCP. Turning this off disables MCP for the team "
            "entirely, which also disables the settings below."};
  if (name == "allow_production")
    return {"Allow production access",
            "Allow agents to access production environments. When off, MCP can only reach sandbox environments. This "
            "never escalates anyone's permissions: agents can still only reach production for members who already "
            "have production access."};
  if (name == "allow_write")
    return {"Allow write access",
            "Allow agents to perform write operations. When off, MCP is restricted to read-only operations."};
  if (name == "confirm_by_person")
    return {"Confirm irreversible operations by a person",
            "Irreversible operations (deletions) also need a yes from the person at the MCP client, asked through "
            "elicitation, not only the agent's second call. Clients that cannot ask are refused them."};
  return {std::string{name}, ""};
}


// "2026-11-26" → epoch ms at 00:00 UTC of that day, or of the next one when `end_of_day` (the
// audit trail's upper bound is exclusive); nullopt when malformed.
std::optional<std::int64_t> day_ms(std::string_view s, bool end_of_day) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (s.size() != 10 || std::sscanf(std::string{s}.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  auto days = std::chrono::sys_days{ymd} + std::chrono::days{end_of_day ? 1 : 0};
  return std::chrono::duration_cast<std::chrono::milliseconds>(days.time_since_epoch()).count();
}

std::string format_ms(std::int64_t ms) {
  std::chrono::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds{ms}};
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

std::string admin_resource(const std::string& base_url) { return base_url + "/admin"; }

struct page::impl : std::enable_shared_from_this<page::impl> {
  page_options opt;
  session_table sessions;
  bool secure;
  std::string redirect_uri;
  std::string origin;  // what a same-origin form POST says in Origin

  explicit impl(page_options o)
      : opt(std::move(o)),
        sessions(opt.clock),
        secure(opt.base_url.rfind("https://", 0) == 0),
        redirect_uri(opt.base_url + "/admin/callback"),
        origin(emulator::oauth::origin_of(opt.base_url)) {}

  std::string cookie(std::string_view name, std::string_view value, std::string_view path, std::string_view same_site,
                     std::optional<std::int64_t> max_age) const {
    std::string c = std::string{name} + "=" + std::string{value} + "; Path=" + std::string{path} +
                    "; HttpOnly; SameSite=" + std::string{same_site};
    if (max_age) c += "; Max-Age=" + std::to_string(*max_age);
    if (secure) c += "; Secure";
    return c;
  }

  static std::optional<std::string> cookie_of(const transport::request& req, std::string_view name) {
    auto header = req.headers.get("Cookie");
    if (!header) return std::nullopt;
    return emulator::oauth::cookie_value(*header, name);
  }

  // ---- sign-in ----

  transport::response start_login() {
    auto verifier = random_token();
    auto binding = random_token();
    if (verifier.empty() || binding.empty()) return unavailable("No randomness is available to start a sign-in.");
    auto state = sessions.begin_login({verifier, binding, {}});
    if (state.empty()) return unavailable("No randomness is available to start a sign-in.");
    auto url = emulator::with_query(opt.as.authorization_endpoint, {{"response_type", "code"},
                                                                    {"client_id", opt.as.client_id},
                                                                    {"redirect_uri", redirect_uri},
                                                                    {"scope", opt.as.scope},
                                                                    {"state", state},
                                                                    {"code_challenge", s256(verifier)},
                                                                    {"code_challenge_method", "S256"},
                                                                    {"resource", admin_resource(opt.base_url)}});
    auto r = transport::response::empty(302);
    r.headers.add("Location", std::move(url));
    // Lax, not Strict: it must come back with the top-level navigation from the authorization server.
    r.headers.add("Set-Cookie", cookie(login_cookie, binding, "/admin/callback", "Lax", 600));
    views::add_security_headers(r);
    return r;
  }

  static transport::response sign_in_problem(unsigned status, std::string_view text) {
    return views::html(status, views::message("Sign-in failed", text, "/admin", "Sign in again"));
  }

  static transport::response unavailable(std::string_view text) {
    auto r = views::html(503, views::message("Temporarily unavailable", text, "/admin", "Try again"));
    r.headers.add("Retry-After", "1");
    return r;
  }

  void callback(const transport::request& req, std::shared_ptr<transport::responder> res) {
    if (req.method != "GET") return res->send(method_not_allowed("GET"));
    auto q = emulator::oauth::parse_form(req.query);
    auto attempt = sessions.take_login(param(q, "state").value_or(""));
    if (!attempt) return res->send(sign_in_problem(400, "This sign-in has expired or was already used."));
    auto binding = cookie_of(req, login_cookie);
    if (!binding || !control::crypto::equal_constant_time(*binding, attempt->binding))
      return res->send(sign_in_problem(403, "This sign-in was started in another browser or tab. Start again here."));
    // RFC 9207: the answer must come from the server we sent the browser to.
    auto iss = param(q, "iss");
    if ((iss && *iss != opt.as.issuer) || (!iss && opt.as.iss_parameter_supported))
      return res->send(sign_in_problem(400, "The sign-in answer did not come from the expected authorization server."));
    if (auto error = param(q, "error"))
      return res->send(sign_in_problem(403, "The sign-in was not completed (" + *error + "). " +
                                                param(q, "error_description").value_or("")));
    auto code = param(q, "code").value_or("");
    if (code.empty()) return res->send(sign_in_problem(400, "The sign-in answer carries no authorization code."));

    auto self = shared_from_this();
    opt.exchange(std::move(code), attempt->code_verifier, redirect_uri,
                 [self, res](mcp::result<signed_in_person, std::string> who) {
                   if (!who) {
                     spdlog::warn("admin: sign-in failed: {}", who.error());
                     return res->send(sign_in_problem(502, "The sign-in could not be completed: " + who.error()));
                   }
                   auto until = std::min(self->sessions.now() + self->opt.session_ttl, who->expires);
                   auto sid = self->sessions.open(who->user_id, until);
                   if (sid.empty()) return res->send(unavailable("Too many sessions are open; try again shortly."));
                   spdlog::info("admin: {} signed in", who->user_id);
                   auto r = views::html(200, views::signed_in());
                   auto max_age = std::chrono::duration_cast<std::chrono::seconds>(until - self->sessions.now()).count();
                   r.headers.add("Set-Cookie", self->cookie(session_cookie, sid, "/admin", "Strict", std::max<std::int64_t>(max_age, 1)));
                   r.headers.add("Set-Cookie", self->cookie(login_cookie, "", "/admin/callback", "Lax", 0));
                   res->send(std::move(r));
                 });
  }

  // ---- the gate ----

  struct context {
    std::string sid;
    session s;
    control::access who;
  };

  // The signed-in admin, or the answer to send instead.
  mcp::result<context, transport::response> gate(const transport::request& req) {
    auto sid = cookie_of(req, session_cookie);
    std::optional<session> s;
    if (sid && !sid->empty()) s = sessions.find(*sid);
    if (!s) {
      if (req.method == "GET" || req.method == "HEAD") return start_login();
      return views::html(403, views::message("Signed out", "Your session has ended. Sign in again.", "/admin", "Sign in"));
    }
    // Re-read on every request: a demoted or removed admin is refused at the next click.
    auto access = opt.store->access_of(s->user_id);
    if (!access) {
      if (access.error().code == control::errc::not_found) {
        // Removed from the control plane: signed out for good, not just refused.
        sessions.close(*sid);
        auto r = views::html(403, views::refused(s->user_id, "", ""));
        r.headers.add("Set-Cookie", cookie(session_cookie, "", "/admin", "Strict", 0));
        return r;
      }
      spdlog::warn("admin: control plane read failed: {}", access.error().message);
      return unavailable("The control plane could not be read.");
    }
    if (access->member.role != control::role::admin)
      return views::html(403, views::refused(access->member.email, access->team.name, s->csrf));
    return context{*sid, std::move(*s), std::move(*access)};
  }

  // A form POST from another site (or a page of another origin) is refused before anything else.
  bool same_origin(const transport::request& req) const {
    if (auto site = req.headers.get("Sec-Fetch-Site"); site && *site != "same-origin" && *site != "none") return false;
    auto o = req.headers.get("Origin");
    // "null": what Chromium sends for form POSTs from a page with Referrer-Policy: no-referrer
    // (which this page has); Sec-Fetch-Site and the CSRF token still stand.
    return !o || *o == "null" || *o == origin;
  }

  // ---- pages ----

  void dashboard(const transport::request& req, std::shared_ptr<transport::responder> res) {
    if (req.method != "GET" && req.method != "HEAD") return res->send(method_not_allowed("GET"));
    auto ctx = gate(req);
    if (!ctx) return res->send(std::move(ctx.error()));
    const auto& team = ctx->who.team;
    views::dashboard_view v;
    v.team_name = team.name;
    v.me_email = ctx->who.member.email;
    v.me_name = ctx->who.member.name;
    v.csrf = ctx->s.csrf;
    std::tie(v.notice, v.notice_is_error) = sessions.take_notice(ctx->sid);
    for (auto s : all_switches()) {
      auto w = wording_of(s);
      bool is_enable = s == control::team_switch::mcp_enabled;
      v.switches.push_back({std::string{control::to_string(s)}, w.label, w.description, team.configured.get(s),
                            !is_enable && !team.configured.mcp_enabled, s == control::team_switch::allow_production});
    }
    auto members = opt.store->members_of(team.id);
    auto envs = opt.store->environments_of(team.id);
    if (!members || !envs) return res->send(unavailable("The control plane could not be read."));
    for (const auto& m : *members)
      v.members.push_back({m.user_id, m.email, m.name, std::string{control::to_string(m.role)}, m.production_access,
                           m.user_id == ctx->who.member.user_id});
    for (const auto& e : *envs)
      v.environments.push_back({e.id, e.name, std::string{control::to_string(e.kind)}, e.api_base_url, e.has_api_key, e.api_key_last4});
    fill_audit(req, team.id, v.audit);
    res->send(views::html(200, views::dashboard(v)));
  }

  void fill_audit(const transport::request& req, const std::string& team_id, views::audit_view& a) {
    if (!opt.audit) return;
    a.available = true;
    auto q = emulator::oauth::parse_form(req.query);
    a.person = param(q, "person").value_or("");
    a.operation = param(q, "operation").value_or("");
    a.decision = param(q, "decision").value_or("");
    a.environment = param(q, "environment").value_or("");
    a.since = param(q, "since").value_or("");
    a.until = param(q, "until").value_or("");
    audit_query aq;
    aq.team_id = team_id;
    aq.person = a.person;
    aq.operation = a.operation;
    aq.decision = a.decision;
    aq.environment = a.environment;
    aq.before_id = param(q, "before").value_or("");
    if (!a.since.empty()) {
      if (auto ms = day_ms(a.since, false)) aq.since_ms = *ms;
      else a.error = "From must be a date (YYYY-MM-DD).";
    }
    if (!a.until.empty()) {
      if (auto ms = day_ms(a.until, true)) aq.until_ms = *ms;
      else a.error = "To must be a date (YYYY-MM-DD).";
    }
    if (!a.error.empty()) return;
    // One more than a page tells whether there is an older page.
    aq.limit = 51;
    auto rows = opt.audit(aq);
    if (!rows) {
      a.error = "The audit trail could not be read: " + rows.error();
      return;
    }
    bool more = rows->size() > 50;
    if (more) rows->resize(50);
    for (const auto& r : *rows) {
      views::audit_row out;
      out.when = format_ms(r.time_ms);
      out.who = r.email.empty() ? r.user_id : r.email;
      out.operation = r.operation;
      out.tool = r.tool;
      out.environment = r.environment_name;
      out.decision = r.decision;
      out.rule = r.rule;
      out.upstream_status = r.upstream_status ? std::to_string(r.upstream_status) : "";
      out.latency = r.latency_us <= 0 ? "" : r.latency_us < 1000 ? "<1 ms" : std::to_string((r.latency_us + 500) / 1000) + " ms";
      a.rows.push_back(std::move(out));
    }
    if (more && !rows->empty())
      a.older_link = emulator::with_query("/admin", {{"person", a.person},
                                                     {"operation", a.operation},
                                                     {"decision", a.decision},
                                                     {"environment", a.environment},
                                                     {"since", a.since},
                                                     {"until", a.until},
                                                     {"before", rows->back().id}});
  }

  // ---- actions ----

  void action(const transport::request& req, std::shared_ptr<transport::responder> res) {
    if (req.method != "POST") return res->send(method_not_allowed("POST"));
    if (!same_origin(req))
      return res->send(views::html(403, views::message("Request refused", "This form was sent from another site.", "/admin",
                                                       "Go to the admin page")));
    auto f = emulator::oauth::parse_form(req.body);
    auto csrf = param(f, "csrf_token").value_or("");
    // Sign-out needs a session and its token, but not an admin: a refused person signs out too.
    if (req.path == "/admin/sign-out") return sign_out(req, f, csrf, std::move(res));
    auto ctx = gate(req);
    if (!ctx) return res->send(std::move(ctx.error()));
    if (csrf.empty() || !control::crypto::equal_constant_time(csrf, ctx->s.csrf))
      return res->send(views::html(403, views::message("Request refused", "This form is not valid any more. Reload the page and try again.",
                                                       "/admin", "Reload the admin page")));
    std::string anchor;
    auto [notice, is_error] = perform(req.path, f, *ctx, anchor);
    sessions.set_notice(ctx->sid, std::move(notice), is_error);
    res->send(see_other("/admin" + anchor));
  }

  void sign_out(const transport::request& req, const form&, const std::string& csrf, std::shared_ptr<transport::responder> res) {
    auto sid = cookie_of(req, session_cookie);
    std::optional<session> s;
    if (sid) s = sessions.find(*sid);
    if (s && (csrf.empty() || !control::crypto::equal_constant_time(csrf, s->csrf)))
      return res->send(views::html(403, views::message("Request refused", "This form is not valid any more.", "/admin", "Go back")));
    if (s) sessions.close(*sid);
    auto r = views::html(200, views::message("Signed out", "You are signed out of the admin page.", "/admin", "Sign in again", false));
    r.headers.add("Set-Cookie", cookie(session_cookie, "", "/admin", "Strict", 0));
    res->send(std::move(r));
  }

  // Runs one change; returns the notice for the next page.
  std::pair<std::string, bool> perform(const std::string& path, const form& f, const context& ctx, std::string& anchor) {
    const auto& team = ctx.who.team;
    const auto& me = ctx.who.member.email;
    auto fail = [](std::string m) { return std::pair<std::string, bool>{std::move(m), true}; };
    auto value = param(f, "value").value_or("");
    if (path == "/admin/switches") {
      anchor = "#switches";
      auto name = param(f, "switch").value_or("");
      auto list = all_switches();
      auto which = control::parse_team_switch(name);
      if (!which || std::find(list.begin(), list.end(), *which) == list.end() || (value != "on" && value != "off"))
        return fail("Unknown switch or value.");
      auto w = wording_of(*which);
      if (*which != control::team_switch::mcp_enabled && !team.configured.mcp_enabled)
        return fail("Turn on Enable first: with MCP off, " + w.label + " is off too.");
      auto r = opt.store->set_switch(team.id, *which, value == "on");
      if (!r) return fail(r.error().message);
      spdlog::info("admin: {} turned {} {} for team {}", me, control::to_string(*which), value, team.name);
      return {w.label + " is now " + value + ".", false};
    }
    if (path == "/admin/members/role" || path == "/admin/members/production") {
      anchor = "#members";
      auto target = opt.store->member_by_user_id(param(f, "user").value_or(""));
      // Another team's member is "not found" here, exactly like a member that does not exist (promise 7).
      if (!target || target->team_id != team.id) return fail("No such member in your team.");
      if (path == "/admin/members/role") {
        auto r = control::parse_role(param(f, "role").value_or(""));
        if (!r) return fail("Unknown role.");
        auto changed = opt.store->set_role(target->user_id, *r);
        if (!changed) return fail(changed.error().message);
        spdlog::info("admin: {} set the role of {} to {}", me, target->email, control::to_string(*r));
        return {target->email + " is now " + std::string{control::to_string(*r)} + ".", false};
      }
      if (value != "on" && value != "off") return fail("Unknown value.");
      auto changed = opt.store->set_production_access(target->user_id, value == "on");
      if (!changed) return fail(changed.error().message);
      spdlog::info("admin: {} turned production access {} for {}", me, value, target->email);
      return {"Production access of " + target->email + " is now " + value + ".", false};
    }
    if (path == "/admin/environments/key") {
      anchor = "#environments";
      auto env = opt.store->environment_by_id(param(f, "environment").value_or(""));
      if (!env || env->team_id != team.id) return fail("No such environment in your team.");
      auto key = std::string{transport::trim(param(f, "api_key").value_or(""))};
      if (key.empty()) return fail("Enter the new API key.");
      auto changed = opt.store->set_api_key(env->id, key);
      control::secret wipe{std::move(key)};  // the clear key leaves memory with this scope
      if (!changed) return fail(changed.error().message);
      spdlog::info("admin: {} replaced the API key of environment {} of team {}", me, env->name, team.name);
      return {"The API key of " + env->name + " was replaced (••••" + changed->api_key_last4 + ").", false};
    }
    return fail("Unknown action.");
  }

  void route(transport::request&& req, std::shared_ptr<transport::responder> res) {
    // Host only: the page's own Origin and Sec-Fetch-Site checks guard its forms (they read
    // `Origin: null` — what Chromium sends under no-referrer — as no Origin).
    if (!opt.origins.allows_host(req))
      return res->send(views::html(403, views::message("Forbidden", "This server does not serve its admin page under this "
                                                                    "host name.", "", "")));
    const auto& p = req.path;
    if (p == "/admin/style.css") {
      if (req.method != "GET" && req.method != "HEAD") return res->send(method_not_allowed("GET"));
      auto r = transport::response::text(200, std::string{views::stylesheet()}, "text/css; charset=utf-8");
      r.headers.add("Cache-Control", "public, max-age=3600");
      views::add_security_headers(r);
      return res->send(std::move(r));
    }
    if (p == "/admin" || p == "/admin/") return dashboard(req, std::move(res));
    if (p == "/admin/callback") return callback(req, std::move(res));
    if (p == "/admin/switches" || p == "/admin/members/role" || p == "/admin/members/production" ||
        p == "/admin/environments/key" || p == "/admin/sign-out")
      return action(req, std::move(res));
    res->send(views::html(404, views::message("Not found", "There is no such admin page.", "/admin", "Go to the admin page")));
  }
};

page::page(page_options options) : impl_(std::make_shared<impl>(std::move(options))) {}
page::~page() = default;

void page::add_routes(transport::router& routes) {
  auto d = impl_;
  auto h = [d](transport::request&& req, std::shared_ptr<transport::responder> res) { d->route(std::move(req), std::move(res)); };
  routes.add("/admin", h);
  routes.add_prefix("/admin/", h);
}

void page::handle(transport::request&& req, std::shared_ptr<transport::responder> res) { impl_->route(std::move(req), std::move(res)); }

std::size_t page::session_count() const { return impl_->sessions.session_count(); }

}  // namespace admin
