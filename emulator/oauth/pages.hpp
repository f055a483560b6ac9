// emulator/oauth/pages.hpp — the HTML of the authorization server: sign-in, consent, and the error
// page shown when a request cannot be sent back to its client. Pure functions from a view to text,
// plus the one place that sets the security headers every HTML answer carries.
//
// The markup is the contract the browser tests drive (see the ids and names below); the look is
// plain inline CSS in the spirit of AuthKit's hosted pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "transport/http.hpp"

namespace emulator::oauth::pages {

/// The sign-in form: POST /oauth2/sign-in with fields `request` (hidden), `email`, `password`,
/// submitted by `<button type="submit" id="sign-in">`.
struct sign_in_view {
  std::string request_id;
  std::string client_name;
  std::string email;    ///< prefilled after a failed attempt
  bool failed = false;  ///< shows "Incorrect email or password." (role=alert, id="sign-in-error")
};
std::string sign_in(const sign_in_view& v);

/// The consent form: POST /oauth2/consent with `request` and `csrf_token` (hidden) and `decision`
/// from `<button … name="decision" value="approve" id="approve">` or `value="deny" id="deny"`.
struct consent_view {
  std::string request_id;
  std::string csrf_token;
  std::string client_name;
  std::string client_id;
  std::string redirect_host;
  bool loopback_redirect = false;  ///< the redirect goes to this computer (a desktop or CLI app)
  std::string member_email;
  std::string member_name;
  std::string team_name;
  std::vector<std::string> scopes;
  std::string resource;
};
std::string consent(const consent_view& v);

/// A page for errors that must not be redirected to the client (RFC 6749 §4.1.2.1).
std::string error(std::string_view title, std::string_view message);

/// An HTML response with the headers every page needs: no framing (X-Frame-Options and CSP
/// frame-ancestors), no caching, no referrer, and a CSP whose form-action allows this server and
/// `redirect_origin` (empty: none) — browsers apply form-action to the redirect that follows a
/// form POST, so the consent form needs the client's origin to be allowed to redirect there.
transport::response html(unsigned status, std::string body, std::string_view redirect_origin = {});

/// `s` escaped for HTML text and attribute values.
std::string escape(std::string_view s);

/// A scope described for a person ("See your email address").
std::string describe_scope(std::string_view scope);

}  // namespace emulator::oauth::pages
