// admin/views.hpp — the admin page's HTML: pure functions from a view to text, the stylesheet, and
// the one place that sets the headers every admin answer carries (no framing, no caching, no
// referrer, a CSP that allows only this origin's stylesheet and forms).
//
// Every value that reaches the markup goes through `escape` (emulator/oauth/pages.hpp's, the one
// HTML escaper of the project). No view takes a secret: environments carry only the last four
// characters of their key, and the replace-key field is always rendered empty.
//
// The ids and names below are the contract the browser tests drive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "transport/http.hpp"

namespace admin::views {

/// One team switch as the page shows it: `form#form-<name>` posting `switch=<name>` and
/// `value=on|off` (the new value) from `button#switch-<name>` (role=switch, aria-checked).
struct switch_row {
  std::string name;  ///< "mcp_enabled", …
  std::string label;
  std::string description;
  bool on = false;      ///< as configured
  bool locked = false;  ///< greyed out: Enable is off, which turns this one off too
  bool danger = false;  ///< production: shown in the danger colour
};

/// A member: role `select#role-<user_id>` in `form.role-form`, production access
/// `button#production-<user_id>` (role=switch).
struct member_row {
  std::string user_id, email, name, role;
  bool production_access = false;
  bool is_self = false;
};

/// An environment: the key shown as •••• plus its last four characters, replaced through
/// `input#key-<id>` (type=password, always empty) in `form#key-form-<id>`.
struct environment_row {
  std::string id, name, kind, upstream;
  bool has_key = false;
  std::string last4;
};

/// One line of the audit trail.
struct audit_row {
  std::string when, who, operation, tool, environment, decision, rule, upstream_status, latency;
};

/// The audit trail's filters as given (echoed into the form) and its paging.
struct audit_view {
  bool available = false;  ///< false: this build has no audit trail to show
  std::string person, operation, decision, environment, since, until;  ///< the filters, as typed
  std::vector<audit_row> rows;
  std::string older_link;  ///< "" when there is no older page
  std::string error;
};

struct dashboard_view {
  std::string team_name;
  std::string me_email, me_name;
  std::string csrf;
  std::string notice;
  bool notice_is_error = false;
  std::vector<switch_row> switches;
  std::vector<member_row> members;
  std::vector<environment_row> environments;
  audit_view audit;
};

/// The admin page.
std::string dashboard(const dashboard_view& v);

/// The 403 page for a signed-in person who is not an admin of their team (`#refused`).
std::string refused(std::string_view email, std::string_view team_name, std::string_view csrf);

/// A short page with a title, a message (`#message`, role=alert when `alert`) and a link.
std::string message(std::string_view title, std::string_view text, std::string_view link_href,
                    std::string_view link_text, bool alert = true);

/// The page the sign-in callback answers with: it moves on to /admin by itself. A same-origin
/// refresh rather than a redirect, because a redirect chain that began at the authorization
/// server is cross-site, and the browser would not send the SameSite=Strict session cookie with
/// the /admin request that ends it.
std::string signed_in();

/// The stylesheet served at /admin/style.css.
std::string_view stylesheet();

/// An HTML response with the admin headers (see the file comment).
transport::response html(unsigned status, std::string body);
/// Adds the admin headers to any response.
void add_security_headers(transport::response& r);

/// `s` escaped for HTML text and attribute values.
std::string escape(std::string_view s);

}  // namespace admin::views
