// Tests for mcp/registry.hpp: list pages and cursors, URI templates, content blocks.
#include "mcp/registry.hpp"

#include <gtest/gtest.h>

namespace {

mcp::tool make_tool(std::string name) {
  mcp::tool t;
  t.name = std::move(name);
  t.description = "d";
  t.handler = [](std::shared_ptr<mcp::tool_call> c) { c->finish(mcp::tool_result::text("ok")); };
  return t;
}

TEST(registry, pages_tools_with_opaque_cursors) {
  mcp::registry reg;
  reg.page_size = 2;
  for (auto n : {"a", "b", "c"}) reg.add(make_tool(n));
  reg.freeze();
  auto first = reg.page(mcp::registry::list_kind::tools, "");
  ASSERT_TRUE(first);
  auto doc = mcp::json_doc::parse(*first);
  ASSERT_TRUE(doc);
  auto cursor = mcp::get_string(doc->root(), "nextCursor");
  ASSERT_TRUE(cursor);
  auto second = reg.page(mcp::registry::list_kind::tools, *cursor);
  ASSERT_TRUE(second);
  EXPECT_NE(second->find("\"c\""), std::string::npos);
  EXPECT_EQ(second->find("nextCursor"), std::string::npos) << "the last page has no cursor";
}

TEST(registry, refuses_foreign_and_forged_cursors) {
  mcp::registry reg;
  reg.page_size = 1;
  reg.add(make_tool("a"));
  reg.add(make_tool("b"));
  reg.freeze();
  auto first = mcp::json_doc::parse(*reg.page(mcp::registry::list_kind::tools, ""));
  std::string cursor{*mcp::get_string(first->root(), "nextCursor")};
  auto foreign = reg.page(mcp::registry::list_kind::prompts, cursor);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, mcp::error_code::invalid_params);
  for (auto bad : {"x", "p0.99", "p0.", "p0.1x"}) {
    auto r = reg.page(mcp::registry::list_kind::tools, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, mcp::error_code::invalid_params);
  }
}

TEST(registry, tool_listing_states_every_annotation) {
  mcp::registry reg;
  reg.add(make_tool("a"));
  reg.freeze();
  auto page = *reg.page(mcp::registry::list_kind::tools, "");
  for (auto hint : {"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint", "inputSchema", "description"})
    EXPECT_NE(page.find(hint), std::string::npos) << hint;
}

TEST(uri_template, matches_single_segments_only) {
  auto vars = mcp::match_uri_template("test://template/{id}/data", "test://template/123/data");
  ASSERT_TRUE(vars);
  EXPECT_EQ(vars->at("id"), "123");
  EXPECT_FALSE(mcp::match_uri_template("test://template/{id}/data", "test://template/1/2/data"));
  EXPECT_FALSE(mcp::match_uri_template("test://template/{id}/data", "test://template//data"));
  EXPECT_FALSE(mcp::match_uri_template("test://template/{id}/data", "test://template/1/data/x"));
}

TEST(content_builder, builds_every_block_type) {
  auto content = std::move(mcp::content_builder{}
                               .text("t")
                               .image("aW1n", "image/png")
                               .audio("YXVk", "audio/wav")
                               .resource_text("u://1", "text/plain", "x")
                               .resource_blob("u://2", "application/octet-stream", "Ymxi")
                               .resource_link("u://3", "n"))
                     .done();
  auto doc = mcp::json_doc::parse(content);
  ASSERT_TRUE(doc);
  ASSERT_TRUE(doc->root().is_array());
  EXPECT_EQ(doc->root().get_array().value_unsafe().size(), 6u);
}

TEST(tool_result, marks_errors) {
  EXPECT_EQ(mcp::tool_result::error("bad").to_json(), R"({"content":[{"type":"text","text":"bad"}],"isError":true})");
}

}  // namespace
