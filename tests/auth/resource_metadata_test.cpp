// Tests for auth/resource_metadata.hpp: the RFC 9728 document, its locations, and challenges.
#include "auth/resource_metadata.hpp"

#include <gtest/gtest.h>

#include "mcp/json.hpp"

namespace {

TEST(resource_metadata, names_the_resource_its_issuers_and_scopes) {
  auth::resource_server_config cfg{"https://mcp.example.com/mcp", {"https://auth.example.com"}, {"mcp:tools"}, "WorkOS MCP"};
  auto doc = mcp::json_doc::parse(auth::protected_resource_metadata(cfg));
  ASSERT_TRUE(doc);
  EXPECT_EQ(mcp::get_string(doc->root(), "resource"), "https://mcp.example.com/mcp");
  auto servers = *mcp::get_field(doc->root(), "authorization_servers");
  EXPECT_EQ(mcp::to_json(servers), R"(["https://auth.example.com"])");
  EXPECT_EQ(mcp::to_json(*mcp::get_field(doc->root(), "scopes_supported")), R"(["mcp:tools"])");
  EXPECT_EQ(mcp::to_json(*mcp::get_field(doc->root(), "bearer_methods_supported")), R"(["header"])")
      << "never a token in a query string";
}

TEST(resource_metadata, is_served_path_inserted_first_then_at_the_root) {
  EXPECT_EQ(auth::metadata_paths("https://mcp.example.com/mcp"),
            (std::vector<std::string>{"/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"}));
  EXPECT_EQ(auth::metadata_paths("http://127.0.0.1:8080/a/mcp/"),
            (std::vector<std::string>{"/.well-known/oauth-protected-resource/a/mcp", "/.well-known/oauth-protected-resource"}));
  EXPECT_EQ(auth::metadata_paths("https://mcp.example.com"),
            (std::vector<std::string>{"/.well-known/oauth-protected-resource"}));
  EXPECT_EQ(auth::metadata_url("http://127.0.0.1:8080/mcp?x=1"),
            "http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp");
  EXPECT_EQ(auth::metadata_url("ftp://x/mcp"), "");
  EXPECT_EQ(auth::metadata_url("not a url"), "");
}

TEST(challenge, carries_metadata_scope_and_error_as_quoted_strings) {
  auto h = auth::www_authenticate("https://m.example/.well-known/oauth-protected-resource/mcp",
                                  {"invalid_token", "The token expired", {"mcp:tools", "openid"}});
  EXPECT_EQ(h,
            R"(Bearer resource_metadata="https://m.example/.well-known/oauth-protected-resource/mcp", )"
            R"(scope="mcp:tools openid", error="invalid_token", error_description="The token expired")");
  EXPECT_EQ(auth::www_authenticate("u", {}), R"(Bearer resource_metadata="u")") << "no token at all: no error";
}

TEST(challenge, cannot_be_broken_by_a_description) {
  auto h = auth::www_authenticate("u", {"invalid_token", "bad \"quote\" \\ and\r\nInjected: header", {}});
  EXPECT_EQ(h.find('\r'), std::string::npos);
  EXPECT_EQ(h.find('\n'), std::string::npos);
  EXPECT_NE(h.find(R"(bad \"quote\" \\ and)"), std::string::npos) << h;
}

}  // namespace
