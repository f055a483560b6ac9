// The prompts and catalog resources as a client meets them: registered in a registry the way
// app/main.cpp does, behind a real mcp::session (driven in-process, no HTTP): prompts/list and
// resources/list return them, prompts/get enforces required arguments with -32602 and renders
// otherwise, resources/read serves the pages, and completion/complete offers the choices.
#include <gtest/gtest.h>

#include "mcp/json.hpp"
#include "mcp/session.hpp"
#include "tools/catalog_resources.hpp"
#include "tools/prompts.hpp"
#include "workos/catalog.hpp"

namespace {

// Nothing here waits: timers are kept, never fired.
struct idle_host : mcp::session_host {
  void schedule(std::chrono::milliseconds, std::function<void()>) override {}
};

struct recording_sink : mcp::outbound_sink {
  std::vector<std::string> messages;
  void deliver(std::vector<mcp::outbound_event> events, bool) override {
    for (auto& e : events)
      if (!e.data.empty()) messages.push_back(std::move(e.data));
  }
  void reject(unsigned, std::string) override {}
  bool closed() const override { return false; }
};

std::shared_ptr<mcp::registry> product_registry() {
  auto reg = std::make_shared<mcp::registry>();
  for (auto& p : tools::make_prompts()) reg->add(std::move(p));
  for (auto& r : tools::make_catalog_resources()) reg->add(std::move(r));
  reg->freeze();
  return reg;
}

class prompts_session_test : public ::testing::Test {
 protected:
  idle_host host;
  mcp::session s{product_registry(), host};

  void SetUp() override {
    call("initialize", R"({"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}})");
    auto n = mcp::decode(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    s.on_notification(n->messages.front());
  }

  // The one answer to a request, parsed.
  mcp::json_doc call(std::string_view method, std::string_view params) {
    static int id = 0;
    auto text = R"({"jsonrpc":"2.0","id":)" + std::to_string(++id) + R"(,"method":")" + std::string{method} +
                R"(","params":)" + std::string{params} + "}";
    auto m = mcp::decode(text);
    EXPECT_TRUE(m);
    auto sink = std::make_shared<recording_sink>();
    s.on_request(m->messages.front(), sink);
    EXPECT_EQ(sink->messages.size(), 1u) << method;
    auto doc = mcp::json_doc::parse(sink->messages.empty() ? "null" : sink->messages.front());
    EXPECT_TRUE(doc);
    return std::move(*doc);
  }

  static std::optional<std::int64_t> error_code(const mcp::json_doc& d) {
    auto e = mcp::get_field(d.root(), "error");
    return e ? mcp::get_int(*e, "code") : std::nullopt;
  }

  static std::set<std::string> names_in(const mcp::json_doc& d, std::string_view list, std::string_view key) {
    std::set<std::string> out;
    auto result = mcp::get_field(d.root(), "result");
    auto items = result ? mcp::get_field(*result, list) : std::nullopt;
    if (!items || !items->is_array()) return out;
    for (auto i : simdjson::dom::array{items->get_array().value_unsafe()}) out.emplace(mcp::get_string(i, key).value_or(""));
    return out;
  }
};

TEST_F(prompts_session_test, prompts_list_and_get_through_the_session) {
  auto list = call("prompts/list", "{}");
  std::set<std::string> expected;
  for (const auto& p : tools::make_prompts()) expected.insert(p.name);
  EXPECT_EQ(names_in(list, "prompts", "name"), expected);

  // Required arguments, each missing in turn: invalid params from the registry's path.
  for (const auto& p : tools::make_prompts())
    for (const auto& a : p.arguments)
      if (a.required) {
        mcp::json_writer args;
        args.begin_object().field("name", p.name).key("arguments").begin_object();
        for (const auto& other : p.arguments)
          if (other.required && other.name != a.name)
            args.field(other.name, other.name == "provider" ? "Splunk" : other.name == "domain" ? "example.com"
                                   : other.name == "email" ? "a@example.com" : "Example");
        args.end_object().end_object();
        EXPECT_EQ(error_code(call("prompts/get", args.str())), mcp::error_code::invalid_params) << p.name << " " << a.name;
      }

  auto got = call("prompts/get", R"({"name":"debug_sign_in","arguments":{"email":"Ann@Example.com"}})");
  ASSERT_FALSE(error_code(got));
  auto result = *mcp::get_field(got.root(), "result");
  auto message = mcp::get_field(result, "messages")->get_array().value_unsafe().at(0).value_unsafe();
  auto text = std::string{*mcp::get_string(*mcp::get_field(message, "content"), "text")};
  EXPECT_NE(text.find("{\"email\": \"ann@example.com\"}"), std::string::npos) << text;

  auto complete = call("completion/complete",
                       R"({"ref":{"type":"ref/prompt","name":"onboard_customer"},"argument":{"name":"setup","value":"b"}})");
  EXPECT_NE(mcp::to_json(complete.root()).find(R"("values":["both"])"), std::string::npos) << mcp::to_json(complete.root());
}

TEST_F(prompts_session_test, resources_list_and_read_through_the_session) {
  auto list = call("resources/list", "{}");
  std::set<std::string> expected{std::string{tools::catalog_index_uri}};
  for (auto p : workos::products()) expected.insert(tools::catalog_product_uri(p));
  EXPECT_EQ(names_in(list, "resources", "uri"), expected);

  auto page = call("resources/read", R"({"uri":"workos://catalog/organizations"})");
  ASSERT_FALSE(error_code(page));
  auto contents = mcp::get_field(*mcp::get_field(page.root(), "result"), "contents");
  auto first = contents->get_array().value_unsafe().at(0).value_unsafe();
  EXPECT_EQ(mcp::get_string(first, "mimeType"), "text/markdown");
  EXPECT_NE(std::string{*mcp::get_string(first, "text")}.find("## organizations.delete (irreversible)"),
            std::string::npos);
  EXPECT_EQ(error_code(call("resources/read", R"({"uri":"workos://catalog/no_such_product"})")),
            mcp::error_code::resource_not_found);
}

}  // namespace
