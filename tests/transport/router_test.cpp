// tests/transport/router_test.cpp — the router, header lists and canned responses.
#include <gtest/gtest.h>

#include "transport/http.hpp"

namespace transport {
namespace {

handler tagged(int& hit, int tag) {
  return [&hit, tag](request&&, std::shared_ptr<responder>) { hit = tag; };
}

int route(const router& r, std::string_view path, int& hit) {
  hit = 0;
  const handler* h = r.find(path);
  if (!h) return -1;
  (*h)(request{}, nullptr);
  return hit;
}

TEST(Router, ExactMatchOnly) {
  int hit = 0;
  router r;
  r.add("/mcp", tagged(hit, 1));
  EXPECT_EQ(route(r, "/mcp", hit), 1);
  EXPECT_EQ(route(r, "/mcp/", hit), -1);
  EXPECT_EQ(route(r, "/mc", hit), -1);
  EXPECT_EQ(route(r, "/mcpx", hit), -1);
  EXPECT_EQ(route(r, "", hit), -1);
}

TEST(Router, PrefixMatches) {
  int hit = 0;
  router r;
  r.add_prefix("/.well-known/", tagged(hit, 2));
  EXPECT_EQ(route(r, "/.well-known/oauth-protected-resource", hit), 2);
  EXPECT_EQ(route(r, "/.well-known/", hit), 2);
  EXPECT_EQ(route(r, "/.well-known", hit), -1);
  EXPECT_EQ(route(r, "/other", hit), -1);
}

TEST(Router, LongestMatchWins) {
  int hit = 0;
  router r;
  r.add_prefix("/", tagged(hit, 1));
  r.add_prefix("/admin/", tagged(hit, 2));
  r.add_prefix("/admin/api/", tagged(hit, 3));
  r.add("/admin/api/health", tagged(hit, 4));
  EXPECT_EQ(route(r, "/x", hit), 1);
  EXPECT_EQ(route(r, "/admin/page", hit), 2);
  EXPECT_EQ(route(r, "/admin/api/users", hit), 3);
  EXPECT_EQ(route(r, "/admin/api/health", hit), 4);
  EXPECT_EQ(route(r, "/admin/api/healthz", hit), 3);
}

TEST(Router, RegistrationOrderDoesNotMatter) {
  int hit = 0;
  router r;
  r.add_prefix("/a/b/", tagged(hit, 2));
  r.add_prefix("/a/", tagged(hit, 1));
  EXPECT_EQ(route(r, "/a/b/c", hit), 2);
  EXPECT_EQ(route(r, "/a/c", hit), 1);
}

TEST(Router, ExactBeatsPrefixOfSameLength) {
  int hit = 0;
  router r;
  r.add_prefix("/mcp", tagged(hit, 1));
  r.add("/mcp", tagged(hit, 2));
  EXPECT_EQ(route(r, "/mcp", hit), 2);
  EXPECT_EQ(route(r, "/mcp/x", hit), 1);

  router r2;  // and the other way round
  r2.add("/mcp", tagged(hit, 2));
  r2.add_prefix("/mcp", tagged(hit, 1));
  EXPECT_EQ(route(r2, "/mcp", hit), 2);
}

TEST(Router, EmptyRouterFindsNothing) {
  router r;
  EXPECT_EQ(r.find("/"), nullptr);
}

TEST(Iequals, ComparesAsciiCaseInsensitively) {
  EXPECT_TRUE(iequals("Content-Type", "content-type"));
  EXPECT_TRUE(iequals("MCP-SESSION-ID", "Mcp-Session-Id"));
  EXPECT_TRUE(iequals("", ""));
  EXPECT_FALSE(iequals("Content-Type", "Content-Typ"));
  EXPECT_FALSE(iequals("abc", "abd"));
  EXPECT_FALSE(iequals("a", ""));
}

TEST(HeaderList, GetIsCaseInsensitiveAndReturnsFirst) {
  header_list h;
  h.add("Accept", "application/json");
  h.add("accept", "text/event-stream");
  h.add("X-Other", "1");
  ASSERT_TRUE(h.get("ACCEPT").has_value());
  EXPECT_EQ(*h.get("ACCEPT"), "application/json");
  EXPECT_TRUE(h.contains("x-other"));
  EXPECT_FALSE(h.contains("Authorization"));
  EXPECT_EQ(h.items().size(), 3u);
}

TEST(HeaderList, SetReplacesAllValues) {
  header_list h;
  h.add("Vary", "a");
  h.add("vary", "b");
  h.add("Keep", "k");
  h.set("VARY", "c");
  EXPECT_EQ(h.items().size(), 2u);
  EXPECT_EQ(*h.get("vary"), "c");
  EXPECT_EQ(*h.get("keep"), "k");
  h.set("New", "n");
  EXPECT_EQ(*h.get("new"), "n");
}

TEST(Response, CannedResponses) {
  auto t = response::text(404, "nope");
  EXPECT_EQ(t.status, 404u);
  EXPECT_EQ(t.body, "nope");
  EXPECT_EQ(*t.headers.get("content-type"), "text/plain; charset=utf-8");
  auto j = response::json(200, "{}");
  EXPECT_EQ(*j.headers.get("Content-Type"), "application/json");
  auto e = response::empty(204);
  EXPECT_EQ(e.status, 204u);
  EXPECT_TRUE(e.body.empty());
  EXPECT_TRUE(e.headers.items().empty());
}

}  // namespace
}  // namespace transport
