// emulator/oauth/pages.cpp — the sign-in, consent and error pages, and their headers (see pages.hpp).
#include "emulator/oauth/pages.hpp"

namespace emulator::oauth::pages {

namespace {

// One stylesheet for every page, inline because the CSP allows nothing else (default-src 'none').
constexpr std::string_view style = R"css(
:root{color-scheme:light;--accent:#6363f1;--accent-dark:#4f4fd8;--ink:#1c2024;--muted:#60646c;--line:#e0e1e6}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
background:#f9f9fb;color:var(--ink);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Inter,Roboto,Helvetica,Arial,sans-serif}
main{width:100%;max-width:400px;background:#fff;border:1px solid var(--line);border-radius:12px;
box-shadow:0 1px 2px rgba(0,0,0,.04),0 8px 24px rgba(0,0,0,.06);padding:32px}
.brand{display:flex;align-items:center;gap:8px;font-weight:600;margin-bottom:24px}
.mark{width:24px;height:24px;border-radius:6px;background:linear-gradient(135deg,#6363f1,#9b7bf7)}
.brand small{font-weight:500;color:var(--muted)}
h1{font-size:20px;line-height:1.3;margin:0 0 4px}
h2{font-size:14px;margin:20px 0 8px}
p{margin:0 0 16px;color:var(--muted)}
label{display:block;font-size:13px;font-weight:500;margin:16px 0 6px}
input[type=email],input[type=password]{width:100%;padding:9px 12px;font:inherit;border:1px solid var(--line);border-radius:8px;background:#fff;color:var(--ink)}
input:focus,button:focus{outline:2px solid var(--accent);outline-offset:1px}
button{width:100%;padding:10px 16px;margin-top:20px;font:inherit;font-weight:500;border-radius:8px;cursor:pointer;
border:1px solid var(--accent);background:var(--accent);color:#fff}
button:hover{background:var(--accent-dark)}
button.secondary{background:#fff;color:var(--ink);border-color:var(--line);margin-top:8px}
button.secondary:hover{background:#f4f4f6}
.error{color:#ce2c31;background:#fff7f7;border:1px solid #fdd8d8;border-radius:8px;padding:8px 12px;margin:16px 0 0}
dl{margin:16px 0;display:grid;grid-template-columns:auto 1fr;gap:6px 12px;font-size:14px}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
ul{margin:0;padding-left:20px;font-size:14px}
li{margin:4px 0}
code{font-size:13px;overflow-wrap:anywhere}
.note{font-size:13px;background:#f4f4f6;border-radius:8px;padding:8px 12px;margin-top:16px}
footer{margin-top:24px;font-size:12px;color:var(--muted);text-align:center}
)css";

std::string page(std::string_view title, std::string_view content) {
  std::string out;
  out.reserve(style.size() + content.size() + 600);
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += escape(title);
  out += " · WorkOS Emulator</title>\n<style>";
  out += style;
  out += "</style>\n</head>\n<body>\n<main>\n"
         "<div class=\"brand\" aria-hidden=\"true\"><span class=\"mark\"></span>WorkOS <small>Emulator</small></div>\n";
  out += content;
  out += "<footer>Local WorkOS emulator — not a real WorkOS sign-in.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string describe_scope(std::string_view scope) {
  if (scope == "openid") return "Confirm who you are";
  if (scope == "profile") return "See your name";
  if (scope == "email") return "See your email address";
  if (scope == "offline_access") return "Keep access while you are away (stay signed in)";
  if (scope == "mcp") return "Use the WorkOS MCP server as you, with your dashboard role";
  return std::string{scope};
}

std::string sign_in(const sign_in_view& v) {
  std::string c;
  c += "<h1>Sign in</h1>\n<p>to continue to <strong>" + escape(v.client_name) + "</strong></p>\n";
  if (v.failed) c += "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">Incorrect email or password.</p>\n";
  c += "<form method=\"post\" action=\"/oauth2/sign-in\">\n";
  c += "<input type=\"hidden\" name=\"request\" value=\"" + escape(v.request_id) + "\">\n";
  c += "<label for=\"email\">Email</label>\n";
  c += "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required";
  c += v.email.empty() ? " autofocus" : "";
  c += " value=\"" + escape(v.email) + "\">\n";
  c += "<label for=\"password\">Password</label>\n";
  c += "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required";
  c += v.email.empty() ? "" : " autofocus";
  c += ">\n<button type=\"submit\" id=\"sign-in\">Sign in</button>\n</form>\n";
  return page("Sign in", c);
}

std::string consent(const consent_view& v) {
  std::string c;
  c += "<h1>Allow <strong>" + escape(v.client_name) + "</strong> to access your WorkOS account?</h1>\n";
  c += "<p>Only allow applications you trust.</p>\n<dl>\n";
  c += "<dt>Application</dt><dd id=\"client-name\">" + escape(v.client_name) + "</dd>\n";
  if (v.client_id != v.client_name) c += "<dt>Client ID</dt><dd><code>" + escape(v.client_id) + "</code></dd>\n";
  c += "<dt>Sends you back to</dt><dd id=\"redirect-host\">" + escape(v.redirect_host) + "</dd>\n";
  c += "<dt>Signed in as</dt><dd>";
  if (!v.member_name.empty()) c += "<span id=\"member-name\">" + escape(v.member_name) + "</span><br>";
  c += "<span id=\"member-email\">" + escape(v.member_email) + "</span></dd>\n";
  c += "<dt>Team</dt><dd id=\"team-name\">" + escape(v.team_name) + "</dd>\n</dl>\n";
  c += "<h2>It will be able to</h2>\n<ul id=\"scopes\">\n";
  for (const auto& s : v.scopes) c += "<li>" + escape(describe_scope(s)) + "</li>\n";
  c += "</ul>\n<h2>On</h2>\n<p><code id=\"resource\">" + escape(v.resource) + "</code></p>\n";
  if (v.loopback_redirect)
    c += "<p class=\"note\">This application runs on your own computer: the authorization is handed to a program "
         "listening on " + escape(v.redirect_host) + ".</p>\n";
  c += "<form method=\"post\" action=\"/oauth2/consent\">\n";
  c += "<input type=\"hidden\" name=\"request\" value=\"" + escape(v.request_id) + "\">\n";
  c += "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(v.csrf_token) + "\">\n";
  c += "<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Allow access</button>\n";
  c += "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"secondary\">Deny</button>\n";
  c += "</form>\n";
  return page("Allow access", c);
}

std::string error(std::string_view title, std::string_view message) {
  std::string c;
  c += "<h1 id=\"error-title\">" + escape(title) + "</h1>\n";
  c += "<p id=\"error-message\" role=\"alert\">" + escape(message) + "</p>\n";
  c += "<p>Return to the application and start again.</p>\n";
  return page(title, c);
}

transport::response html(unsigned status, std::string body, std::string_view redirect_origin) {
  auto r = transport::response::text(status, std::move(body), "text/html; charset=utf-8");
  std::string csp = "frame-ancestors 'none'; default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
  if (!redirect_origin.empty()) {
    csp += ' ';
    csp += redirect_origin;
  }
  r.headers.add("Content-Security-Policy", std::move(csp));
  r.headers.add("X-Frame-Options", "DENY");
  r.headers.add("Cache-Control", "no-store");
  r.headers.add("Pragma", "no-cache");
  r.headers.add("Referrer-Policy", "no-referrer");
  r.headers.add("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace emulator::oauth::pages
