// Tests for admin/admin_page.hpp, driven like a browser without a network: the sign-in protocol
// (state, PKCE, login cookie, iss), the admin gate (non-admins refused, a demoted admin refused at
// the next request), CSRF (missing or wrong token, foreign Origin, cross-site fetch), the headers of
// every answer, escaping, and the API key that is never rendered. The code exchange is a fake that
// maps "code-for-<user id>" to that person, so every answer is synchronous.
#include "admin/admin_page.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "admin/audit.hpp"
#include "control/audit_log.hpp"
#include "control/store.hpp"
#include "emulator/api.hpp"
#include "emulator/oauth/url.hpp"
#include "tests/control/fixtures.hpp"

namespace {

using namespace std::chrono_literals;
using control_test::temp_dir;

constexpr const char* base = "http://127.0.0.1:8080";
constexpr const char* issuer = "http://127.0.0.1:9000";
constexpr const char* sandbox_key = "sk_test_SANDBOXSECRETVALUE1234";
constexpr const char* live_key = "sk_live_PRODUCTIONSECRETVALUE9876";

class recording_responder final : public transport::responder {
 public:
  void send(transport::response r) override {
    std::lock_guard lk(m_);
    sent.push_back(std::move(r));
  }
  void begin_stream(unsigned, transport::header_list) override {}
  void write(std::string) override {}
  void end_stream() override {}
  bool closed() const override { return false; }
  void abort() override {}
  void on_close(std::function<void()>) override {}
  std::vector<transport::response> sent;

 private:
  std::mutex m_;
};

struct browser_answer {
  transport::response r;
  std::string header(std::string_view name) const { return std::string{r.headers.get(name).value_or("")}; }
  std::vector<std::string> cookies() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : r.headers.items())
      if (transport::iequals(k, "Set-Cookie")) out.push_back(v);
    return out;
  }
};

std::string csrf_of(const std::string& html) {
  std::smatch m;
  static const std::regex re{R"re(name="csrf_token" value="([^"]+)")re"};
  return std::regex_search(html, m, re) ? m[1].str() : "";
}

std::string cookie_value_of(const std::string& set_cookie) {
  auto eq = set_cookie.find('=');
  auto semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

class AdminPage : public ::testing::Test {
 protected:
  temp_dir dir;
  std::shared_ptr<control::store> store;
  std::shared_ptr<control::audit_log> audit;
  control::team team, other;
  std::unique_ptr<admin::page> page;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  std::string sandbox_id, production_id;

  void SetUp() override {
    store = control::store::open(control_test::options_for(dir));
    auto member = [](std::string email, control::role r, std::string name = {}) {
      control::new_member m;
      m.email = std::move(email);
      m.role = r;
      m.production_access = r != control::role::viewer;
      m.name = std::move(name);
      m.user_id = "user_" + m.email.substr(0, m.email.find('@'));
      return m;
    };
    auto env = [](std::string name, control::environment_kind k, std::string key) {
      control::new_environment e;
      e.name = std::move(name);
      e.kind = k;
      e.api_base_url = "http://127.0.0.1:4010";
      e.api_key = std::move(key);
      return e;
    };
    auto t = store->create_team("Demo <b>&co",
                                {member("admin@example.com", control::role::admin, "Ada <script>alert(1)</script>"),
                                 member("admin2@example.com", control::role::admin),
                                 member("developer@example.com", control::role::developer),
                                 member("viewer@example.com", control::role::viewer)},
                                {env("sandbox", control::environment_kind::sandbox, sandbox_key),
                                 env("production", control::environment_kind::production, live_key)});
    ASSERT_TRUE(t) << t.error().message;
    team = *t;
    auto o = store->create_team("Other", {member("stranger@other.example", control::role::admin)});
    ASSERT_TRUE(o);
    other = *o;
    auto envs = store->environments_of(team.id);
    ASSERT_TRUE(envs);
    sandbox_id = (*envs)[0].id;
    production_id = (*envs)[1].id;

    admin::page_options po;
    po.base_url = base;
    po.as.issuer = issuer;
    po.as.authorization_endpoint = std::string{issuer} + "/oauth2/authorize";
    po.as.client_id = "client_admin";
    po.store = store;
    audit = control::audit_log::open(dir.path);
    po.audit = admin::audit_reader_of(audit);
    po.clock = [this] { return now; };
    po.exchange = [this](std::string code, std::string verifier, std::string redirect_uri,
                         std::function<void(mcp::result<admin::signed_in_person, std::string>)> done) {
      last_verifier = verifier;
      last_redirect_uri = redirect_uri;
      if (code.rfind("code-for-", 0) != 0) return done(std::string{"the authorization server refused the code"});
      done(admin::signed_in_person{code.substr(9), now + 1h});
    };
    page = std::make_unique<admin::page>(std::move(po));
  }

  std::string last_verifier, last_redirect_uri;

  browser_answer request(std::string method, std::string target, std::string cookie = {}, std::string body = {},
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    transport::request req;
    req.method = std::move(method);
    req.target = target;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    if (!cookie.empty()) req.headers.add("Cookie", cookie);
    bool has_host = false;
    for (auto& [k, v] : headers) {
      has_host = has_host || k == "Host";
      req.headers.add(k, v);
    }
    if (!has_host) req.headers.add("Host", "127.0.0.1:8080");
    if (!body.empty()) req.headers.add("Content-Type", "application/x-www-form-urlencoded");
    req.body = std::move(body);
    auto res = std::make_shared<recording_responder>();
    page->handle(std::move(req), res);
    EXPECT_EQ(res->sent.size(), 1u) << target;
    return {res->sent.empty() ? transport::response{} : res->sent.front()};
  }

  // The whole browser dance; returns the Cookie header of the signed-in session.
  std::string sign_in(const std::string& user_id) {
    auto start = request("GET", "/admin");
    EXPECT_EQ(start.r.status, 302u);
    auto location = start.header("Location");
    auto query = emulator::oauth::parse_form(location.substr(location.find('?') + 1));
    std::string state;
    for (auto& [k, v] : query)
      if (k == "state") state = v;
    auto login = start.cookies().at(0);
    auto cb = request("GET", emulator::with_query("/admin/callback", {{"code", "code-for-" + user_id}, {"state", state}, {"iss", issuer}}),
                      "wm_admin_login=" + cookie_value_of(login));
    EXPECT_EQ(cb.r.status, 200u) << cb.r.body;
    for (const auto& c : cb.cookies())
      if (c.rfind("wm_admin_session=", 0) == 0) return "wm_admin_session=" + cookie_value_of(c);
    ADD_FAILURE() << "no session cookie";
    return {};
  }

  std::string post_form(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + emulator::url_encode(v);
    return out;
  }

  void expect_admin_headers(const browser_answer& a) {
    auto csp = a.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(csp.find("form-action 'self'"), std::string::npos);
    EXPECT_NE(csp.find("base-uri 'none'"), std::string::npos);
    EXPECT_NE(csp.find("style-src 'self'"), std::string::npos);
    EXPECT_EQ(a.header("X-Frame-Options"), "DENY");
    EXPECT_EQ(a.header("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff");
  }
};

TEST_F(AdminPage, SignInSendsTheBrowserToTheAuthorizationServerWithPkceStateAndResource) {
  auto a = request("GET", "/admin");
  ASSERT_EQ(a.r.status, 302u);
  expect_admin_headers(a);
  EXPECT_EQ(a.header("Cache-Control"), "no-store");
  auto location = a.header("Location");
  ASSERT_EQ(location.rfind(std::string{issuer} + "/oauth2/authorize?", 0), 0u) << location;
  std::map<std::string, std::string> q;
  for (auto& [k, v] : emulator::oauth::parse_form(location.substr(location.find('?') + 1))) q[k] = v;
  EXPECT_EQ(q["response_type"], "code");
  EXPECT_EQ(q["client_id"], "client_admin");
  EXPECT_EQ(q["redirect_uri"], std::string{base} + "/admin/callback");
  EXPECT_EQ(q["resource"], std::string{base} + "/admin");
  EXPECT_EQ(q["code_challenge_method"], "S256");
  EXPECT_EQ(q["code_challenge"].size(), 43u);
  EXPECT_EQ(q["state"].size(), 43u);
  auto cookies = a.cookies();
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_EQ(cookies[0].rfind("wm_admin_login=", 0), 0u);
  EXPECT_NE(cookies[0].find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookies[0].find("Path=/admin/callback"), std::string::npos);
}

TEST_F(AdminPage, CallbackChecksStateBindingAndIssuerAndSetsAStrictSessionCookie) {
  auto start = request("GET", "/admin");
  auto location = start.header("Location");
  std::string state;
  for (auto& [k, v] : emulator::oauth::parse_form(location.substr(location.find('?') + 1)))
    if (k == "state") state = v;
  auto login = "wm_admin_login=" + cookie_value_of(start.cookies().at(0));
  auto cb = [&](std::vector<std::pair<std::string, std::string>> params, std::string cookie) {
    return request("GET", emulator::with_query("/admin/callback", params), std::move(cookie));
  };
  // Another browser (no login cookie) cannot finish this sign-in, and the state is spent by trying.
  EXPECT_EQ(cb({{"code", "code-for-user_admin"}, {"state", state}, {"iss", issuer}}, "").r.status, 403u);
  EXPECT_EQ(cb({{"code", "code-for-user_admin"}, {"state", state}, {"iss", issuer}}, login).r.status, 400u) << "single use";

  auto fresh = [&] {
    auto s = request("GET", "/admin");
    auto loc = s.header("Location");
    std::string st;
    for (auto& [k, v] : emulator::oauth::parse_form(loc.substr(loc.find('?') + 1)))
      if (k == "state") st = v;
    return std::pair{st, "wm_admin_login=" + cookie_value_of(s.cookies().at(0))};
  };
  {
    auto [st, ck] = fresh();
    EXPECT_EQ(cb({{"code", "code-for-user_admin"}, {"state", st}, {"iss", "http://evil.example"}}, ck).r.status, 400u)
        << "RFC 9207: another issuer's answer";
  }
  {
    auto [st, ck] = fresh();
    EXPECT_EQ(cb({{"code", "code-for-user_admin"}, {"state", st}}, ck).r.status, 400u) << "iss is required when the AS sends it";
  }
  {
    auto [st, ck] = fresh();
    auto a = cb({{"error", "access_denied"}, {"error_description", "<img src=x>"}, {"state", st}, {"iss", issuer}}, ck);
    EXPECT_EQ(a.r.status, 403u);
    EXPECT_EQ(a.r.body.find("<img"), std::string::npos) << "the AS's text is escaped";
  }
  {
    auto [st, ck] = fresh();
    EXPECT_EQ(cb({{"code", "bogus"}, {"state", st}, {"iss", issuer}}, ck).r.status, 502u);
  }
  EXPECT_EQ(request("GET", "/admin/callback?code=x&state=made-up&iss=" + emulator::url_encode(issuer), login).r.status, 400u);

  auto [st, ck] = fresh();
  auto ok = cb({{"code", "code-for-user_admin"}, {"state", st}, {"iss", issuer}}, ck);
  ASSERT_EQ(ok.r.status, 200u);
  expect_admin_headers(ok);
  EXPECT_EQ(last_redirect_uri, std::string{base} + "/admin/callback");
  EXPECT_EQ(last_verifier.size(), 43u);
  bool strict = false;
  for (const auto& c : ok.cookies())
    if (c.rfind("wm_admin_session=", 0) == 0) {
      strict = true;
      EXPECT_NE(c.find("SameSite=Strict"), std::string::npos) << c;
      EXPECT_NE(c.find("HttpOnly"), std::string::npos) << c;
      EXPECT_NE(c.find("Path=/admin"), std::string::npos) << c;
      EXPECT_EQ(c.find("Secure"), std::string::npos) << "plain http here";
    }
  EXPECT_TRUE(strict);
  EXPECT_EQ(page->session_count(), 1u);
}

TEST_F(AdminPage, AnAdminSeesTheSwitchesMembersAndEnvironmentsButNeverAKey) {
  auto cookie = sign_in("user_admin");
  auto a = request("GET", "/admin", cookie);
  ASSERT_EQ(a.r.status, 200u) << a.r.body;
  expect_admin_headers(a);
  EXPECT_EQ(a.header("Cache-Control"), "no-store");
  const auto& html = a.r.body;
  for (auto label : {">Enable<", "Allow production access", "Allow write access", "which also disables the settings below"})
    EXPECT_NE(html.find(label), std::string::npos) << label;
  for (auto id : {"switch-mcp_enabled", "switch-allow_production", "switch-allow_write"}) EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_NE(html.find("developer@example.com"), std::string::npos);
  EXPECT_EQ(html.find("stranger@other.example"), std::string::npos) << "another team's member";
  EXPECT_NE(html.find("••••1234"), std::string::npos);
  EXPECT_NE(html.find("••••9876"), std::string::npos);
  EXPECT_EQ(html.find(sandbox_key), std::string::npos);
  EXPECT_EQ(html.find(live_key), std::string::npos);
  EXPECT_EQ(html.find("SANDBOXSECRET"), std::string::npos);
  EXPECT_FALSE(csrf_of(html).empty());
}

// DNS rebinding: a page at evil.example that resolves to this server sends `Host: evil.example`;
// the admin page answers only under the hosts the MCP endpoint serves, even with a valid session.
TEST_F(AdminPage, AnotherHostNameIsRefusedEvenWithASession) {
  auto cookie = sign_in("user_admin");
  auto evil = request("GET", "/admin", cookie, {}, {{"Host", "evil.example"}});
  EXPECT_EQ(evil.r.status, 403u);
  EXPECT_EQ(evil.r.body.find("developer@example.com"), std::string::npos);
  expect_admin_headers(evil);
  auto post = request("POST", "/admin/switches", cookie, "switch=allow_write&value=off", {{"Host", "evil.example:8080"}});
  EXPECT_EQ(post.r.status, 403u);
  EXPECT_EQ(request("GET", "/admin", cookie, {}, {{"Host", "localhost:8080"}}).r.status, 200u) << "a loopback name is ours";
}

TEST_F(AdminPage, EveryValueIsEscaped) {
  auto cookie = sign_in("user_admin");
  auto html = request("GET", "/admin", cookie).r.body;
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(html.find("Ada &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Demo &lt;b&gt;&amp;co"), std::string::npos);
  EXPECT_EQ(html.find("Demo <b>"), std::string::npos);
}

TEST_F(AdminPage, DevelopersAndViewersAreRefused) {
  for (auto who : {"user_developer", "user_viewer"}) {
    auto cookie = sign_in(who);
    auto a = request("GET", "/admin", cookie);
    EXPECT_EQ(a.r.status, 403u) << who;
    expect_admin_headers(a);
    EXPECT_NE(a.r.body.find("Only the team's admins may use this page"), std::string::npos);
    EXPECT_NE(a.r.body.find(std::string{who}.substr(5) + "@example.com"), std::string::npos) << "says who is signed in";
    EXPECT_EQ(a.r.body.find("switch-allow_write"), std::string::npos);
    // Nor can they change anything by posting directly with their own session's token.
    auto p = request("POST", "/admin/switches", cookie,
                     post_form({{"csrf_token", csrf_of(a.r.body)}, {"switch", "allow_write"}, {"value", "off"}}));
    EXPECT_EQ(p.r.status, 403u);
  }
  EXPECT_TRUE(store->team_by_id(team.id)->configured.allow_write);
}

TEST_F(AdminPage, ADemotedAdminIsRefusedAtTheNextRequest) {
  auto cookie = sign_in("user_admin2");
  auto page1 = request("GET", "/admin", cookie);
  ASSERT_EQ(page1.r.status, 200u);
  ASSERT_TRUE(store->set_role("user_admin2", control::role::developer));
  EXPECT_EQ(request("GET", "/admin", cookie).r.status, 403u);
  auto p = request("POST", "/admin/switches", cookie,
                   post_form({{"csrf_token", csrf_of(page1.r.body)}, {"switch", "allow_write"}, {"value", "off"}}));
  EXPECT_EQ(p.r.status, 403u);
  EXPECT_TRUE(store->team_by_id(team.id)->configured.allow_write);
  ASSERT_TRUE(store->remove_member("user_admin2"));
  EXPECT_EQ(request("GET", "/admin", cookie).r.status, 403u) << "a removed member too";
  EXPECT_EQ(request("GET", "/admin", cookie).r.status, 302u) << "and signed out: the session is gone";
}

TEST_F(AdminPage, PostsWithoutTheRightCsrfTokenOrFromAnotherSiteChangeNothing) {
  auto cookie = sign_in("user_admin");
  auto csrf = csrf_of(request("GET", "/admin", cookie).r.body);
  auto flip = [&](std::string token, std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::vector<std::pair<std::string, std::string>> f = {{"switch", "allow_write"}, {"value", "off"}};
    if (!token.empty()) f.emplace_back("csrf_token", token);
    return request("POST", "/admin/switches", cookie, post_form(f), std::move(headers));
  };
  auto missing = flip("");
  EXPECT_EQ(missing.r.status, 403u);
  expect_admin_headers(missing);
  EXPECT_EQ(flip("wrong" + csrf.substr(5)).r.status, 403u);
  EXPECT_EQ(flip(csrf, {{"Origin", "http://evil.example"}}).r.status, 403u);
  EXPECT_EQ(flip(csrf, {{"Origin", "http://127.0.0.1:9000"}}).r.status, 403u) << "another port is another origin";
  EXPECT_EQ(flip(csrf, {{"Sec-Fetch-Site", "cross-site"}}).r.status, 403u);
  EXPECT_EQ(flip(csrf, {{"Sec-Fetch-Site", "same-site"}}).r.status, 403u);
  // A session cookie alone is not enough: another session's token does not work either.
  auto other_cookie = sign_in("user_admin2");
  auto other_csrf = csrf_of(request("GET", "/admin", other_cookie).r.body);
  EXPECT_EQ(flip(other_csrf).r.status, 403u);
  EXPECT_TRUE(store->team_by_id(team.id)->configured.allow_write) << "nothing changed";

  auto ok = flip(csrf, {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(ok.r.status, 303u);
  EXPECT_EQ(ok.header("Location"), "/admin#switches");
  EXPECT_FALSE(store->team_by_id(team.id)->configured.allow_write);
  auto after = request("GET", "/admin", cookie);
  EXPECT_NE(after.r.body.find("Allow write access is now off."), std::string::npos);
  EXPECT_EQ(request("GET", "/admin", cookie).r.body.find("is now off."), std::string::npos) << "the notice shows once";
}

TEST_F(AdminPage, EnableOffLocksTheOtherSwitches) {
  auto cookie = sign_in("user_admin");
  auto csrf = csrf_of(request("GET", "/admin", cookie).r.body);
  auto post = [&](std::string sw, std::string value) {
    return request("POST", "/admin/switches", cookie, post_form({{"csrf_token", csrf}, {"switch", sw}, {"value", value}}));
  };
  EXPECT_EQ(post("mcp_enabled", "off").r.status, 303u);
  auto t = store->team_by_id(team.id);
  EXPECT_FALSE(t->switches.allow_write) << "effective: off with MCP off";
  auto html = request("GET", "/admin", cookie).r.body;
  EXPECT_NE(html.find("id=\"switch-allow_write\" name=\"value\" value=\"off\" aria-checked=\"false\""), std::string::npos) << html;
  EXPECT_NE(html.find("disabled title=\"Turn on Enable first\""), std::string::npos);
  EXPECT_EQ(post("allow_production", "off").r.status, 303u);
  EXPECT_TRUE(store->team_by_id(team.id)->configured.allow_production) << "refused while MCP is off";
  EXPECT_NE(request("GET", "/admin", cookie).r.body.find("Turn on Enable first"), std::string::npos);
  EXPECT_EQ(post("mcp_enabled", "on").r.status, 303u);
  EXPECT_TRUE(store->team_by_id(team.id)->switches.allow_write);
  EXPECT_EQ(post("no_such_switch", "on").r.status, 303u);
  EXPECT_NE(request("GET", "/admin", cookie).r.body.find("Unknown switch"), std::string::npos);
}

TEST_F(AdminPage, MembersChangeThroughTheStoreWithItsInvariantsAndOnlyInTheTeam) {
  auto cookie = sign_in("user_admin");
  auto csrf = csrf_of(request("GET", "/admin", cookie).r.body);
  auto post = [&](std::string path, std::vector<std::pair<std::string, std::string>> f) {
    f.emplace_back("csrf_token", csrf);
    return request("POST", path, cookie, post_form(f));
  };
  EXPECT_EQ(post("/admin/members/role", {{"user", "user_viewer"}, {"role", "support"}}).r.status, 303u);
  EXPECT_EQ(store->member_by_user_id("user_viewer")->role, control::role::support);
  EXPECT_EQ(post("/admin/members/production", {{"user", "user_developer"}, {"value", "off"}}).r.status, 303u);
  EXPECT_FALSE(store->member_by_user_id("user_developer")->production_access);
  // Another team's member is out of reach (promise 7).
  post("/admin/members/role", {{"user", "user_stranger"}, {"role", "viewer"}});
  EXPECT_EQ(store->member_by_user_id("user_stranger")->role, control::role::admin);
  EXPECT_NE(request("GET", "/admin", cookie).r.body.find("No such member in your team."), std::string::npos);
  // The last-admin invariant is the store's, and its message is shown.
  ASSERT_TRUE(store->set_role("user_admin2", control::role::developer));
  post("/admin/members/role", {{"user", "user_admin"}, {"role", "viewer"}});
  EXPECT_EQ(store->member_by_user_id("user_admin")->role, control::role::admin);
  auto html = request("GET", "/admin", cookie).r.body;
  EXPECT_NE(html.find("id=\"notice\" role=\"alert\""), std::string::npos) << html.substr(0, 3000);
}

TEST_F(AdminPage, AKeyIsReplacedButNeverRenderedBack) {
  auto cookie = sign_in("user_admin");
  auto csrf = csrf_of(request("GET", "/admin", cookie).r.body);
  const std::string fresh = "sk_test_NEWKEYVALUEXYZ5678";
  auto a = request("POST", "/admin/environments/key", cookie,
                   post_form({{"csrf_token", csrf}, {"environment", sandbox_id}, {"api_key", fresh}}));
  EXPECT_EQ(a.r.status, 303u);
  EXPECT_EQ(a.r.body.find("NEWKEYVALUE"), std::string::npos);
  auto env = store->environment_by_id(sandbox_id);
  EXPECT_EQ(env->api_key_last4, "5678");
  EXPECT_EQ(store->decrypt_api_key(team.id, sandbox_id)->reveal(), fresh);
  auto html = request("GET", "/admin", cookie).r.body;
  EXPECT_NE(html.find("••••5678"), std::string::npos);
  EXPECT_EQ(html.find("NEWKEYVALUE"), std::string::npos);
  EXPECT_EQ(html.find(fresh), std::string::npos);
  // Another team's environment id does nothing.
  ASSERT_TRUE(store->add_environment(other.id, {"elsewhere", control::environment_kind::sandbox, "http://127.0.0.1:4010", "sk_test_OTHERTEAMKEY0000", false}));
  auto theirs = store->environment_by_name(other.id, "elsewhere");
  request("POST", "/admin/environments/key", cookie, post_form({{"csrf_token", csrf}, {"environment", theirs->id}, {"api_key", "sk_test_HIJACK1111"}}));
  EXPECT_EQ(store->environment_by_id(theirs->id)->api_key_last4, "0000");
}

TEST_F(AdminPage, SessionsEndAndSignOutNeedsTheToken) {
  auto cookie = sign_in("user_admin");
  auto csrf = csrf_of(request("GET", "/admin", cookie).r.body);
  EXPECT_EQ(request("POST", "/admin/sign-out", cookie, post_form({{"csrf_token", "nope"}})).r.status, 403u);
  auto out = request("POST", "/admin/sign-out", cookie, post_form({{"csrf_token", csrf}}));
  EXPECT_EQ(out.r.status, 200u);
  EXPECT_EQ(request("GET", "/admin", cookie).r.status, 302u) << "signed out: back to sign-in";

  auto again = sign_in("user_admin");
  now += 2h;  // the fake token ends after an hour
  EXPECT_EQ(request("GET", "/admin", again).r.status, 302u);
  EXPECT_EQ(request("POST", "/admin/switches", again, "switch=allow_write&value=off").r.status, 403u);
}

std::size_t audit_rows_in(const std::string& html) {
  std::size_t n = 0;
  for (auto at = html.find("<tr><td>"); at != std::string::npos; at = html.find("<tr><td>", at + 1)) ++n;
  return n;
}

TEST_F(AdminPage, TheAuditTrailShowsTheTeamsCallsFilteredAndPaged) {
  // 2026-11-20 12:00 UTC, then one call a minute.
  const std::int64_t t0 = 1'795'176'000'000;
  std::vector<control::audit_event> batch;
  auto event = [&](std::int64_t minute, std::string email, std::string op, std::string decision, std::string env = "sandbox") {
    control::audit_event e;
    e.time_ms = t0 + minute * 60'000;
    e.team_id = team.id;
    e.user_id = "user_" + email.substr(0, email.find('@'));
    e.email = std::move(email);
    e.tool = decision == "refused" ? "mutate" : "query";
    e.operation = std::move(op);
    e.decision = std::move(decision);
    e.rule = e.decision == "refused" ? "viewer_read_only" : "";
    e.environment_name = std::move(env);
    e.upstream_status = e.decision == "allowed" ? 200 : 0;
    e.latency_us = 1500;
    return e;
  };
  batch.push_back(event(0, "viewer@example.com", "organizations.create", "refused"));
  batch.push_back(event(1, "developer@example.com", "organizations.list", "allowed"));
  batch.push_back(event(2, "developer@example.com", "users.list", "allowed", "production"));
  batch.push_back(event(3, "developer@example.com", "<script>x</script>", "allowed"));
  auto theirs = event(4, "stranger@other.example", "organizations.list", "allowed");
  theirs.team_id = other.id;
  batch.push_back(theirs);
  ASSERT_TRUE(audit->append(batch));

  auto cookie = sign_in("user_admin");
  auto html = request("GET", "/admin", cookie).r.body;
  EXPECT_NE(html.find("id=\"audit-table\""), std::string::npos);
  EXPECT_EQ(audit_rows_in(html), 4u);
  EXPECT_EQ(html.find("stranger@other.example"), std::string::npos) << "another team's calls";
  EXPECT_EQ(html.find("<script>x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x"), std::string::npos);
  EXPECT_LT(html.find("&lt;script&gt;x"), html.find("organizations.create")) << "newest first";
  EXPECT_NE(html.find("2026-11-20 12:00:00"), std::string::npos);
  EXPECT_NE(html.find("viewer_read_only"), std::string::npos);

  auto q = [&](std::vector<std::pair<std::string, std::string>> params) {
    return request("GET", emulator::with_query("/admin", params), cookie).r.body;
  };
  EXPECT_EQ(audit_rows_in(q({{"decision", "refused"}})), 1u);
  EXPECT_EQ(audit_rows_in(q({{"person", "developer@example.com"}})), 3u);
  EXPECT_EQ(audit_rows_in(q({{"operation", "organizations."}})), 2u);
  EXPECT_EQ(audit_rows_in(q({{"environment", "production"}})), 1u);
  EXPECT_EQ(audit_rows_in(q({{"since", "2026-11-20"}, {"until", "2026-11-20"}})), 4u) << "the until day is included";
  EXPECT_EQ(audit_rows_in(q({{"since", "2026-11-21"}})), 0u);
  EXPECT_NE(q({{"since", "2026-11-21"}}).find("No agent calls match."), std::string::npos);
  EXPECT_NE(q({{"since", "yesterday"}}).find("From must be a date"), std::string::npos);
  EXPECT_NE(q({{"before", "1 OR 1=1"}}).find("the page link is malformed"), std::string::npos);
  auto echoed = q({{"person", "\"><b>x"}});
  EXPECT_EQ(echoed.find("\"><b>x"), std::string::npos) << "a filter echoed into the form is escaped";

  // Paging: 60 more calls → 50 on the first page, the rest behind "Older calls".
  batch.clear();
  for (int i = 0; i < 60; ++i) batch.push_back(event(100 + i, "developer@example.com", "organizations.get", "allowed"));
  ASSERT_TRUE(audit->append(batch));
  auto first = request("GET", "/admin", cookie).r.body;
  EXPECT_EQ(audit_rows_in(first), 50u);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(first, m, std::regex{R"re(id="audit-older" href="([^"]+)")re"}));
  std::string link = m[1].str();
  for (std::string::size_type at; (at = link.find("&amp;")) != std::string::npos;) link.replace(at, 5, "&");
  link = link.substr(0, link.find('#'));
  auto second = request("GET", link, cookie).r.body;
  EXPECT_EQ(audit_rows_in(second), 14u);
  EXPECT_EQ(second.find("audit-older"), std::string::npos) << "the last page";
}

TEST_F(AdminPage, TheStylesheetIsCacheableAndEverythingElseIsNot) {
  auto css = request("GET", "/admin/style.css");
  EXPECT_EQ(css.r.status, 200u);
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(css.header("Cache-Control").find("max-age"), std::string::npos);
  expect_admin_headers(css);
  auto missing = request("GET", "/admin/nope");
  EXPECT_EQ(missing.r.status, 404u);
  expect_admin_headers(missing);
  EXPECT_EQ(request("DELETE", "/admin").r.status, 405u);
  EXPECT_EQ(request("GET", "/admin/switches").r.status, 405u);
}

}  // namespace
