// Tests for admin/sessions.hpp: single-use sign-in states, session expiry, the bounds.
#include "admin/sessions.hpp"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;

struct fake_clock {
  std::chrono::system_clock::time_point t{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
  admin::clock_fn fn() {
    return [this] { return t; };
  }
};

TEST(AdminSessions, SignInStateIsSingleUseAndExpires) {
  fake_clock c;
  admin::session_table table(c.fn());
  auto state = table.begin_login({"verifier", "binding", {}});
  ASSERT_EQ(state.size(), 43u);
  auto taken = table.take_login(state);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->code_verifier, "verifier");
  EXPECT_FALSE(table.take_login(state)) << "a state works once";

  auto late = table.begin_login({"v", "b", {}});
  c.t += 601s;
  EXPECT_FALSE(table.take_login(late)) << "a sign-in older than ten minutes is gone";
}

TEST(AdminSessions, SessionsEndAtTheirExpiryAndOnClose) {
  fake_clock c;
  admin::session_table table(c.fn());
  auto id = table.open("user_1", c.t + 1h);
  ASSERT_EQ(id.size(), 43u);
  auto s = table.find(id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, "user_1");
  EXPECT_EQ(s->csrf.size(), 43u);
  EXPECT_NE(s->csrf, id);
  c.t += 1h;
  EXPECT_FALSE(table.find(id)) << "expired";
  EXPECT_EQ(table.session_count(), 0u);

  auto other = table.open("user_2", c.t + 1h);
  table.close(other);
  EXPECT_FALSE(table.find(other));
}

TEST(AdminSessions, UnauthenticatedSignInsAreBounded) {
  admin::session_table table({}, {.max_logins = 8, .max_sessions = 4, .login_ttl = std::chrono::seconds{600}});
  std::string first = table.begin_login({"v0", "b0", {}});
  for (int i = 1; i < 100; ++i) table.begin_login({"v", "b", {}});
  // The oldest went first: a flood of sign-ins cannot grow memory.
  EXPECT_FALSE(table.take_login(first));
  auto now = std::chrono::system_clock::now();
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(table.open("u", now + 1h).empty());
  EXPECT_TRUE(table.open("u", now + 1h).empty()) << "beyond the cap a sign-in is refused, not grown";
}

TEST(AdminSessions, NoticesAreShownOnce) {
  admin::session_table table;
  auto id = table.open("u", std::chrono::system_clock::now() + 1h);
  table.set_notice(id, "Allow write access is now off.", false);
  auto [text, error] = table.take_notice(id);
  EXPECT_EQ(text, "Allow write access is now off.");
  EXPECT_FALSE(error);
  EXPECT_EQ(table.take_notice(id).first, "");
}

}  // namespace
