// admin/views.cpp — the admin page's markup, stylesheet and headers (see views.hpp).
#include "admin/views.hpp"

#include "emulator/oauth/pages.hpp"

namespace admin::views {

namespace {

// System fonts, one accent, a danger colour for everything production; cards for the sections.
constexpr std::string_view css = R"css(:root{color-scheme:light;--accent:#6363f1;--accent-dark:#4f4fd8;--ink:#1c2024;--muted:#60646c;
--line:#e0e1e6;--bg:#f9f9fb;--on:#30a46c;--danger:#ce2c31;--danger-bg:#fff7f7;--danger-line:#fdd8d8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Inter,Roboto,Helvetica,Arial,sans-serif}
header.top{display:flex;align-items:center;gap:16px;padding:12px 32px;background:#fff;border-bottom:1px solid var(--line)}
.brand{display:flex;align-items:center;gap:8px;font-weight:600}
.mark{width:22px;height:22px;border-radius:6px;background:linear-gradient(135deg,#6363f1,#9b7bf7)}
.brand small{font-weight:500;color:var(--muted)}
.who{margin-left:auto;color:var(--muted);text-align:right}
.who strong{color:var(--ink);font-weight:500}
.who form{display:inline}
main{max-width:1040px;margin:0 auto;padding:24px 32px 48px}
h1{font-size:22px;margin:0 0 4px}
.lead{color:var(--muted);margin:0 0 24px}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;box-shadow:0 1px 2px rgba(0,0,0,.04);margin:0 0 24px;overflow-x:auto}
.card>h2{font-size:16px;margin:0;padding:16px 20px 4px}
.card>p.sub{margin:0;padding:0 20px 12px;color:var(--muted)}
.row{display:flex;align-items:center;gap:24px;padding:16px 20px;border-top:1px solid var(--line)}
.row .text{flex:1}
.row .label{font-weight:500;display:block}
.row .desc{color:var(--muted);display:block;margin-top:2px}
.row.locked .label,.row.locked .desc{opacity:.55}
.row form{margin:0}
.toggle{display:inline-flex;align-items:center;gap:8px;min-width:92px;justify-content:flex-start;padding:6px 12px;
border:1px solid var(--line);border-radius:999px;background:#fff;color:var(--ink);font:inherit;font-weight:500;cursor:pointer}
.toggle::before{content:"";flex:none;width:30px;height:18px;border-radius:999px;
background:radial-gradient(circle at 9px 50%,#fff 6px,transparent 7px),#c8c9ce}
.toggle[aria-checked=true]::before{background:radial-gradient(circle at 21px 50%,#fff 6px,transparent 7px),var(--on)}
.toggle.danger[aria-checked=true]::before{background:radial-gradient(circle at 21px 50%,#fff 6px,transparent 7px),var(--danger)}
.toggle:disabled{cursor:not-allowed;opacity:.5}
.toggle:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:500;background:#f0f0f3;color:var(--muted)}
.badge.danger{background:var(--danger-bg);color:var(--danger);border:1px solid var(--danger-line)}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:10px 20px;border-top:1px solid var(--line);vertical-align:middle}
th{font-size:12px;font-weight:500;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;background:#fcfcfd}
td code{font-size:13px;overflow-wrap:anywhere}
td form{display:flex;gap:8px;align-items:center;margin:0}
select,input[type=text],input[type=password],input[type=date]{padding:6px 10px;font:inherit;border:1px solid var(--line);border-radius:8px;background:#fff;color:var(--ink)}
button.btn{padding:6px 12px;font:inherit;font-weight:500;border-radius:8px;cursor:pointer;border:1px solid var(--accent);background:var(--accent);color:#fff}
button.btn:hover{background:var(--accent-dark)}
button.btn.secondary{background:#fff;color:var(--ink);border-color:var(--line)}
button.btn.secondary:hover{background:#f4f4f6}
.notice{border-radius:8px;padding:10px 14px;margin:0 0 20px;background:#f1fbf5;border:1px solid #c4e8d1}
.notice.error{background:var(--danger-bg);border-color:var(--danger-line);color:var(--danger)}
.filters{display:flex;flex-wrap:wrap;gap:12px;padding:8px 20px 16px;align-items:flex-end}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:4px}
.pager{padding:12px 20px;border-top:1px solid var(--line)}
.empty{color:var(--muted);padding:16px 20px;border-top:1px solid var(--line);margin:0}
#audit-table th,#audit-table td{padding:8px 10px;font-size:13px}
#audit-table td:first-child{white-space:nowrap}
#audit-table code{overflow-wrap:normal;font-size:12px}
#audit-table code.rule{display:block;margin-top:2px;color:var(--muted)}
.key{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.05em}
.visually-hidden{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
.plain{max-width:480px;margin:64px auto;background:#fff;border:1px solid var(--line);border-radius:12px;padding:32px}
.plain h1{margin-bottom:12px}
.plain p{color:var(--muted)}
a{color:var(--accent-dark)}
)css";

std::string page(std::string_view title, std::string_view body) {
  std::string out;
  out.reserve(body.size() + 600);
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape(title);
  out += " · WorkOS MCP admin</title>\n<link rel=\"stylesheet\" href=\"/admin/style.css\">\n</head>\n<body>\n";
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

std::string csrf_field(std::string_view csrf) {
  return "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(csrf) + "\">";
}

std::string top_bar(std::string_view email, std::string_view name, std::string_view csrf) {
  std::string c = "<header class=\"top\">\n<div class=\"brand\"><span class=\"mark\" aria-hidden=\"true\"></span>WorkOS MCP "
                  "<small>Admin</small></div>\n<div class=\"who\">Signed in as <strong id=\"me\">";
  c += escape(name.empty() ? email : name);
  c += "</strong>";
  if (!name.empty()) c += " <span>(" + escape(email) + ")</span>";
  c += " · <form method=\"post\" action=\"/admin/sign-out\">" + csrf_field(csrf) +
       "<button type=\"submit\" class=\"btn secondary\" id=\"sign-out\">Sign out</button></form></div>\n</header>\n";
  return c;
}

std::string switch_html(const switch_row& s, std::string_view csrf) {
  auto id = escape(s.name);
  std::string c = "<div class=\"row";
  if (s.locked) c += " locked";
  // The badge sits outside the labelling span, so the switch's accessible name is the label alone.
  c += "\" id=\"row-" + id + "\">\n<div class=\"text\"><span class=\"label\"><span id=\"label-" + id + "\">" + escape(s.label) +
       "</span>";
  if (s.danger) c += " <span class=\"badge danger\">production</span>";
  c += "</span><span class=\"desc\" id=\"desc-" + id + "\">" + escape(s.description) + "</span></div>\n";
  c += "<form method=\"post\" action=\"/admin/switches\" id=\"form-" + id + "\">" + csrf_field(csrf);
  c += "<input type=\"hidden\" name=\"switch\" value=\"" + id + "\">";
  bool shown_on = s.on && !s.locked;
  c += "<button type=\"submit\" class=\"toggle";
  if (s.danger) c += " danger";
  c += "\" role=\"switch\" id=\"switch-" + id + "\" name=\"value\" value=\"" + std::string{s.on ? "off" : "on"} +
       "\" aria-checked=\"" + (shown_on ? "true" : "false") + "\" aria-labelledby=\"label-" + id +
       "\" aria-describedby=\"desc-" + id + "\"";
  if (s.locked) c += " disabled title=\"Turn on Enable first\"";
  c += ">";
  c += s.locked ? "Off" : (s.on ? "On" : "Off");
  c += "</button></form>\n</div>\n";
  return c;
}

std::string members_html(const std::vector<member_row>& members, std::string_view csrf) {
  std::string c = "<section class=\"card\" id=\"members\" aria-labelledby=\"members-title\">\n"
                  "<h2 id=\"members-title\">Members</h2>\n<p class=\"sub\">Agents act with each member's own role. "
                  "Production access lets a member's agents enter production environments, when the team allows it.</p>\n"
                  "<table>\n<thead><tr><th scope=\"col\">Email</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th>"
                  "<th scope=\"col\">Production access</th></tr></thead>\n<tbody>\n";
  for (const auto& m : members) {
    auto uid = escape(m.user_id);
    c += "<tr id=\"member-" + uid + "\"><td>" + escape(m.email);
    if (m.is_self) c += " <span class=\"badge\">you</span>";
    c += "</td><td>" + escape(m.name) + "</td>\n<td><form method=\"post\" action=\"/admin/members/role\" class=\"role-form\">" +
         csrf_field(csrf) + "<input type=\"hidden\" name=\"user\" value=\"" + uid + "\">";
    c += "<label class=\"visually-hidden\" for=\"role-" + uid + "\">Role of " + escape(m.email) + "</label>";
    c += "<select id=\"role-" + uid + "\" name=\"role\">";
    for (std::string_view r : {"admin", "developer", "support", "viewer"}) {
      c += "<option value=\"" + std::string{r} + "\"";
      if (m.role == r) c += " selected";
      c += ">" + std::string{r} + "</option>";
    }
    c += "</select><button type=\"submit\" class=\"btn secondary\" id=\"save-role-" + uid + "\">Save</button></form></td>\n";
    c += "<td><form method=\"post\" action=\"/admin/members/production\">" + csrf_field(csrf) +
         "<input type=\"hidden\" name=\"user\" value=\"" + uid + "\">";
    c += "<button type=\"submit\" class=\"toggle danger\" role=\"switch\" id=\"production-" + uid + "\" name=\"value\" value=\"" +
         std::string{m.production_access ? "off" : "on"} + "\" aria-checked=\"" + (m.production_access ? "true" : "false") +
         "\" aria-label=\"Production access of " + escape(m.email) + "\">" + (m.production_access ? "On" : "Off") +
         "</button></form></td></tr>\n";
  }
  c += "</tbody>\n</table>\n</section>\n";
  return c;
}

std::string environments_html(const std::vector<environment_row>& envs, std::string_view csrf) {
  std::string c = "<section class=\"card\" id=\"environments\" aria-labelledby=\"environments-title\">\n"
                  "<h2 id=\"environments-title\">Environments</h2>\n<p class=\"sub\">Where agents' calls go, with which API key. "
                  "A key can be replaced, never read back: only its last four characters are kept in clear.</p>\n"
                  "<table>\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Upstream</th>"
                  "<th scope=\"col\">API key</th><th scope=\"col\">Replace key</th></tr></thead>\n<tbody>\n";
  for (const auto& e : envs) {
    auto id = escape(e.id);
    bool prod = e.kind == "production";
    c += "<tr id=\"env-" + id + "\"><td>" + escape(e.name) + "</td><td><span class=\"badge" + std::string{prod ? " danger" : ""} +
         "\">" + escape(e.kind) + "</span></td><td><code>" + escape(e.upstream) + "</code></td><td class=\"key\" id=\"key-shown-" +
         id + "\">";
    if (!e.has_key) c += "<span class=\"badge\">not set</span>";
    else c += "••••" + escape(e.last4);
    c += "</td>\n<td><form method=\"post\" action=\"/admin/environments/key\" id=\"key-form-" + id + "\">" + csrf_field(csrf) +
         "<input type=\"hidden\" name=\"environment\" value=\"" + id + "\">";
    c += "<label class=\"visually-hidden\" for=\"key-" + id + "\">New API key for " + escape(e.name) + "</label>";
    c += "<input type=\"password\" id=\"key-" + id + "\" name=\"api_key\" autocomplete=\"off\" spellcheck=\"false\" required "
         "placeholder=\"" + std::string{prod ? "sk_live_…" : "sk_test_…"} + "\">";
    c += "<button type=\"submit\" class=\"btn secondary\" id=\"replace-key-" + id + "\">Replace</button></form></td></tr>\n";
  }
  c += "</tbody>\n</table>\n</section>\n";
  return c;
}

std::string audit_html(const audit_view& a) {
  std::string c = "<section class=\"card\" id=\"audit\" aria-labelledby=\"audit-title\">\n<h2 id=\"audit-title\">Audit trail</h2>\n"
                  "<p class=\"sub\">Every agent call of the team, newest first.</p>\n";
  if (!a.available) {
    c += "<p class=\"empty\">The audit trail is not available in this build.</p>\n</section>\n";
    return c;
  }
  auto field = [&](std::string_view name, std::string_view label, std::string_view value, std::string_view type = "text") {
    return "<label for=\"f-" + std::string{name} + "\">" + std::string{label} + "<input type=\"" + std::string{type} +
           "\" id=\"f-" + std::string{name} + "\" name=\"" + std::string{name} + "\" value=\"" + escape(value) + "\"></label>";
  };
  c += "<form method=\"get\" action=\"/admin\" class=\"filters\" id=\"audit-filters\">";
  c += field("person", "Person (email or user id)", a.person);
  c += field("operation", "Operation (prefix)", a.operation);
  c += "<label for=\"f-decision\">Decision<select id=\"f-decision\" name=\"decision\">";
  for (std::string_view d : {"", "allowed", "refused", "confirmation_issued", "confirmed", "declined"}) {
    c += "<option value=\"" + std::string{d} + "\"";
    if (a.decision == d) c += " selected";
    c += ">" + std::string{d.empty() ? "any" : d} + "</option>";
  }
  c += "</select></label>";
  c += field("environment", "Environment", a.environment);
  c += field("since", "From", a.since, "date");
  c += field("until", "To", a.until, "date");
  c += "<button type=\"submit\" class=\"btn secondary\" id=\"audit-apply\">Filter</button></form>\n";
  if (!a.error.empty()) c += "<p class=\"empty\" role=\"alert\">" + escape(a.error) + "</p>\n";
  if (a.rows.empty()) {
    c += "<p class=\"empty\" id=\"audit-empty\">No agent calls match.</p>\n</section>\n";
    return c;
  }
  c += "<table id=\"audit-table\">\n<thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Person</th><th scope=\"col\">Operation</th>"
       "<th scope=\"col\">Environment</th><th scope=\"col\">Decision</th><th scope=\"col\">Upstream</th><th scope=\"col\">Latency</th></tr></thead>\n<tbody>\n";
  for (const auto& r : a.rows) {
    bool denied = r.decision == "refused" || r.decision == "declined";
    c += "<tr><td>" + escape(r.when) + "</td><td>" + escape(r.who) + "</td><td><code>" + escape(r.operation.empty() ? r.tool : r.operation) +
         "</code></td><td>" + escape(r.environment) + "</td><td><span class=\"badge" + std::string{denied ? " danger" : ""} + "\">" +
         escape(r.decision) + "</span>";
    if (!r.rule.empty()) c += " <code class=\"rule\">" + escape(r.rule) + "</code>";
    c += "</td><td>" + escape(r.upstream_status) + "</td><td>" + escape(r.latency) + "</td></tr>\n";
  }
  c += "</tbody>\n</table>\n";
  if (!a.older_link.empty())
    c += "<div class=\"pager\"><a id=\"audit-older\" href=\"" + escape(a.older_link) + "#audit\">Older calls →</a></div>\n";
  c += "</section>\n";
  return c;
}

}  // namespace

std::string escape(std::string_view s) { return emulator::oauth::pages::escape(s); }

std::string dashboard(const dashboard_view& v) {
  std::string c = top_bar(v.me_email, v.me_name, v.csrf);
  c += "<main>\n<h1 id=\"team-name\">" + escape(v.team_name) + "</h1>\n"
       "<p class=\"lead\">MCP access for this team. Changes apply to live agent sessions at their next call.</p>\n";
  if (!v.notice.empty())
    c += "<p class=\"notice" + std::string{v.notice_is_error ? " error" : ""} + "\" id=\"notice\" role=\"" +
         (v.notice_is_error ? "alert" : "status") + "\">" + escape(v.notice) + "</p>\n";
  c += "<section class=\"card\" id=\"switches\" aria-labelledby=\"switches-title\">\n<h2 id=\"switches-title\">MCP access</h2>\n"
       "<p class=\"sub\">Only team admins can change these, and never through MCP.</p>\n";
  for (const auto& s : v.switches) c += switch_html(s, v.csrf);
  c += "</section>\n";
  c += members_html(v.members, v.csrf);
  c += environments_html(v.environments, v.csrf);
  c += audit_html(v.audit);
  c += "</main>\n";
  return page(v.team_name, c);
}

std::string refused(std::string_view email, std::string_view team_name, std::string_view csrf) {
  std::string c = "<main class=\"plain\" id=\"refused\">\n<h1>Admins only</h1>\n<p role=\"alert\" id=\"message\">You are signed in as <strong>" +
                  escape(email) + "</strong>";
  if (!team_name.empty()) c += " of team <strong>" + escape(team_name) + "</strong>";
  c += ". Only the team's admins may use this page.</p>\n";
  if (!csrf.empty())
    c += "<form method=\"post\" action=\"/admin/sign-out\">" + csrf_field(csrf) +
         "<button type=\"submit\" class=\"btn secondary\" id=\"sign-out\">Sign out</button></form>\n";
  c += "</main>\n";
  return page("Admins only", c);
}

std::string message(std::string_view title, std::string_view text, std::string_view link_href, std::string_view link_text,
                    bool alert) {
  std::string c = "<main class=\"plain\">\n<h1 id=\"title\">" + escape(title) + "</h1>\n<p id=\"message\"";
  if (alert) c += " role=\"alert\"";
  c += ">" + escape(text) + "</p>\n";
  if (!link_href.empty()) c += "<p><a href=\"" + escape(link_href) + "\" id=\"next\">" + escape(link_text) + "</a></p>\n";
  c += "</main>\n";
  return page(title, c);
}

std::string signed_in() {
  std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"refresh\" content=\"0;url=/admin\">\n<title>Signed in · WorkOS MCP admin</title>\n"
                    "<link rel=\"stylesheet\" href=\"/admin/style.css\">\n</head>\n<body>\n<main class=\"plain\">\n<h1>Signed in</h1>\n"
                    "<p><a href=\"/admin\" id=\"next\">Continue to the admin page</a></p>\n</main>\n</body>\n</html>\n";
  return out;
}

std::string_view stylesheet() { return css; }

void add_security_headers(transport::response& r) {
  r.headers.set("Content-Security-Policy",
                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  r.headers.set("X-Frame-Options", "DENY");
  r.headers.set("Referrer-Policy", "no-referrer");
  r.headers.set("X-Content-Type-Options", "nosniff");
  if (!r.headers.contains("Cache-Control")) r.headers.set("Cache-Control", "no-store");
}

transport::response html(unsigned status, std::string body) {
  auto r = transport::response::text(status, std::move(body), "text/html; charset=utf-8");
  add_security_headers(r);
  return r;
}

}  // namespace admin::views
