// Tests for tools/list_operations: the catalog search ranks id matches above summary matches and
// needs every word to match; filters by product and access class; pages cover every match
// exactly once and refuse a cursor that is not this search's; each row says whether the caller's
// role (read at this call) may run it; schemas come only on short pages or when asked.
#include "tools/list_operations.hpp"

#include <gtest/gtest.h>

#include <set>

#include "mcp/json.hpp"
#include "tests/control/fixtures.hpp"
#include "tests/tools/fake_call.hpp"
#include "tools/principal.hpp"
#include "workos/catalog.hpp"

namespace {

using control::role;

control::new_member person(std::string email, role r) {
  control::new_member m;
  m.email = std::move(email);
  m.role = r;
  return m;
}

// One page, parsed.
struct page {
  std::uint64_t total = 0;
  std::vector<std::string> ids;
  std::map<std::string, bool> may_run;
  std::size_t schemas = 0;
  std::optional<std::string> next_cursor;
  std::vector<std::string> products;
  std::set<std::string> products_of_rows, access_of_rows;
};

struct list_operations_test : ::testing::Test {
  control_test::temp_dir dir;
  std::shared_ptr<control::store> db = control::store::open(control_test::options_for(dir));
  std::shared_ptr<control::live_snapshot> live = std::make_shared<control::live_snapshot>(db);
  control::team team;
  std::string admin, viewer;
  mcp::tool tool = tools::make_list_operations(live);
  std::shared_ptr<mcp::session_state> session = std::make_shared<mcp::session_state>();

  void SetUp() override {
    auto t = db->create_team("Demo", {person("admin@demo.test", role::admin), person("viewer@demo.test", role::viewer)});
    ASSERT_TRUE(t) << t.error().message;
    team = *t;
    admin = tools::owner_key(db->member_by_email("admin@demo.test")->user_id, team.id);
    viewer = tools::owner_key(db->member_by_email("viewer@demo.test")->user_id, team.id);
  }

  std::shared_ptr<tools_test::fake_call> call(const std::string& owner, const std::string& args) {
    auto c = tools_test::run(tool, owner, args, session);
    EXPECT_TRUE(c->result) << "every call finishes";
    return c;
  }

  page list(const std::string& args, const std::string& owner = {}) {
    auto c = call(owner.empty() ? admin : owner, args);
    page p;
    if (!c->result) return p;
    EXPECT_FALSE(c->result->is_error) << args << ": " << c->result->content;
    auto doc = mcp::json_doc::parse(c->result->structured);
    EXPECT_TRUE(doc) << c->result->structured;
    if (!doc) return p;
    auto root = doc->root();
    p.total = static_cast<std::uint64_t>(mcp::get_int(root, "total").value_or(-1));
    for (auto op : simdjson::dom::array{mcp::get_field(root, "operations")->get_array().value_unsafe()}) {
      std::string id{*mcp::get_string(op, "id")};
      p.ids.push_back(id);
      p.may_run[id] = *mcp::get_bool(op, "role_may_run");
      if (auto s = mcp::get_field(op, "input_schema"); s && s->is_object()) ++p.schemas;
      auto found = workos::find_operation(id);
      EXPECT_TRUE(found) << id;
      if (found) {
        p.products_of_rows.insert(std::string{found->product});
        p.access_of_rows.insert(std::string{*mcp::get_string(op, "access")});
      }
    }
    if (auto n = mcp::get_string(root, "next_cursor")) p.next_cursor = std::string{*n};
    if (auto ps = mcp::get_field(root, "products"))
      for (auto e : simdjson::dom::array{ps->get_array().value_unsafe()}) p.products.emplace_back(*mcp::get_string(e, "name"));
    return p;
  }

  std::string error_of(const std::string& args, const std::string& owner = {}) {
    auto c = call(owner.empty() ? admin : owner, args);
    if (!c->result || !c->result->is_error) return "(not an error)";
    return c->result->content;
  }
};

TEST_F(list_operations_test, ranking_puts_the_operation_named_by_the_words_first) {
  auto p = list(R"({"query":"delete organization"})");
  ASSERT_FALSE(p.ids.empty());
  EXPECT_EQ(p.ids.front(), "organizations.delete");
  // The id outranks a summary that merely mentions the words; case and number do not matter.
  EXPECT_EQ(list(R"({"query":"Organizations DELETE"})").ids.front(), "organizations.delete");
  EXPECT_EQ(list(R"({"query":"org delete"})").ids.front(), "organizations.delete") << "prefixes of 3+ letters match";
  // Fewer id parts left unnamed first: organizations.get_by_external_id comes earlier in the
  // catalog, yet "get organization" names all of organizations.get.
  EXPECT_EQ(list(R"({"query":"get organization"})").ids.front(), "organizations.get");
  // A word in the id outranks the same word in a summary: organizations.list (first in the
  // catalog) mentions domains in its summary only, so it comes after every organization_domains row.
  auto domain = list(R"({"query":"domain","limit":50})").ids;
  auto list_at = std::find(domain.begin(), domain.end(), "organizations.list");
  ASSERT_NE(list_at, domain.end());
  for (auto it = list_at; it != domain.end(); ++it) EXPECT_FALSE(it->starts_with("organization_domains.")) << *it;
  EXPECT_TRUE(domain.front().starts_with("organization_domains.")) << domain.front();
  // Stable: the same search gives the same order.
  EXPECT_EQ(list(R"({"query":"delete organization","limit":50})").ids, list(R"({"query":"delete organization","limit":50})").ids);
}

TEST_F(list_operations_test, every_word_must_match_somewhere) {
  auto p = list(R"({"query":"organization zzyzx"})");
  EXPECT_EQ(p.total, 0u);
  EXPECT_TRUE(p.ids.empty());
  EXPECT_FALSE(p.next_cursor);
  for (const auto& id : list(R"({"query":"directory user","limit":50})").ids) {
    auto op = workos::find_operation(id);
    std::string all = std::string{op->id} + " " + std::string{op->summary} + " " + std::string{op->product};
    for (auto& c : all) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(all.find("director"), std::string::npos) << id;
    EXPECT_NE(all.find("user"), std::string::npos) << id;
  }
}

TEST_F(list_operations_test, filters_by_product_and_access_class) {
  auto sso = list(R"({"product":"sso","limit":50})");
  ASSERT_GT(sso.total, 0u);
  EXPECT_EQ(sso.products_of_rows, std::set<std::string>{"sso"});
  auto gone = list(R"({"access":"irreversible","limit":50})");
  ASSERT_GT(gone.total, 0u);
  EXPECT_EQ(gone.access_of_rows, std::set<std::string>{"irreversible"});
  auto both = list(R"({"product":"organizations","access":"irreversible","query":"organization"})");
  EXPECT_EQ(both.ids, std::vector<std::string>{"organizations.delete"});
  EXPECT_EQ(both.schemas, 1u) << "a short page carries its schemas";
  // The totals add up: every operation is in exactly one access class.
  EXPECT_EQ(list(R"({"access":"read"})").total + list(R"({"access":"write"})").total + gone.total,
            workos::all_operations().size());
}

TEST_F(list_operations_test, pages_cover_every_match_exactly_once) {
  for (std::string search : {std::string{R"("limit":7)"}, std::string{R"("query":"user","limit":3)"},
                             std::string{R"("access":"read","limit":50)"}}) {
    std::vector<std::string> seen;
    std::uint64_t total = 0;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
      std::string args = "{" + search + (cursor ? R"(,"cursor":")" + *cursor + "\"" : std::string{}) + "}";
      auto p = list(args);
      total = p.total;
      EXPECT_LE(p.ids.size(), 50u);
      seen.insert(seen.end(), p.ids.begin(), p.ids.end());
      cursor = p.next_cursor;
      ASSERT_LT(++pages, 300) << "pagination ends";
    } while (cursor);
    EXPECT_EQ(seen.size(), total) << search;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size()) << "no operation twice: " << search;
    EXPECT_GT(pages, 1) << search;
  }
  // Without filters, the pages are the whole catalog.
  std::set<std::string> all;
  std::optional<std::string> cursor;
  do {
    auto p = list(cursor ? R"({"limit":50,"cursor":")" + *cursor + "\"}" : std::string{R"({"limit":50})"});
    all.insert(p.ids.begin(), p.ids.end());
    cursor = p.next_cursor;
  } while (cursor);
  EXPECT_EQ(all.size(), workos::all_operations().size());
}

TEST_F(list_operations_test, a_cursor_not_of_this_search_is_a_tool_error) {
  auto first = list(R"({"query":"user","limit":2})");
  ASSERT_TRUE(first.next_cursor);
  EXPECT_NE(error_of(R"({"query":"organization","limit":2,"cursor":")" + *first.next_cursor + "\"}").find("cursor"),
            std::string::npos)
      << "a cursor of another search";
  // The last one is the right offset spelled with a leading zero: only our own spelling passes.
  for (const std::string& bad : std::vector<std::string>{"garbage", "o", "o99999.00000000", "o2", "o0" + first.next_cursor->substr(1)}) {
    EXPECT_NE(error_of(R"({"query":"user","limit":2,"cursor":")" + bad + "\"}").find("cursor"), std::string::npos) << bad;
  }
  EXPECT_EQ(list(R"({"query":"user","limit":2,"cursor":")" + *first.next_cursor + "\"}").ids.size(), 2u)
      << "the right cursor works";
}

TEST_F(list_operations_test, each_row_says_whether_the_callers_role_may_run_it_read_at_this_call) {
  auto q = R"({"query":"organization","product":"organizations","limit":50})";
  auto as_viewer = list(q, viewer);
  ASSERT_TRUE(as_viewer.may_run.count("organizations.delete"));
  EXPECT_FALSE(as_viewer.may_run["organizations.delete"]);
  EXPECT_TRUE(as_viewer.may_run["organizations.list"]);
  auto as_admin = list(q, admin);
  EXPECT_TRUE(as_admin.may_run["organizations.delete"]);
  // A promotion shows at the next call of the same session.
  ASSERT_TRUE(db->set_role("viewer@demo.test", role::admin));
  EXPECT_TRUE(list(q, viewer).may_run["organizations.delete"]);
  // A removed member gets nothing.
  ASSERT_TRUE(db->remove_member("viewer@demo.test"));
  EXPECT_NE(error_of(q, viewer).find("not a member"), std::string::npos);
}

TEST_F(list_operations_test, schemas_only_on_short_pages_or_when_asked_and_products_only_without_a_query) {
  auto browse = list("{}");
  EXPECT_EQ(browse.ids.size(), 20u) << "default page size";
  EXPECT_EQ(browse.schemas, 0u);
  EXPECT_TRUE(browse.next_cursor);
  EXPECT_NE(std::find(browse.products.begin(), browse.products.end(), "organizations"), browse.products.end());
  EXPECT_NE(std::find(browse.products.begin(), browse.products.end(), "sso"), browse.products.end());
  auto asked = list(R"({"limit":10,"include_schema":true})");
  EXPECT_EQ(asked.schemas, 10u);
  auto short_page = list(R"({"query":"organization","limit":5})");
  EXPECT_EQ(short_page.schemas, 5u);
  EXPECT_TRUE(short_page.products.empty()) << "a search names operations, not products";
  EXPECT_TRUE(tool.annotations.read_only);
  EXPECT_TRUE(tool.annotations.idempotent);
  EXPECT_FALSE(tool.annotations.open_world);
}

TEST_F(list_operations_test, malformed_arguments_are_tool_errors) {
  EXPECT_NE(error_of(R"({"limit":0})").find("limit"), std::string::npos);
  EXPECT_NE(error_of(R"({"limit":51})").find("limit"), std::string::npos);
  EXPECT_NE(error_of(R"({"limit":"5"})").find("limit"), std::string::npos);
  EXPECT_NE(error_of(R"({"access":"delete"})").find("access"), std::string::npos);
  EXPECT_NE(error_of(R"({"product":"nope"})").find("Products: "), std::string::npos);
  EXPECT_NE(error_of(R"({"query":3})").find("query"), std::string::npos);
  EXPECT_NE(error_of(R"({"search":"x"})").find("Unknown argument"), std::string::npos);
  EXPECT_NE(error_of("{}", "user_nobody team_nowhere").find("not a member"), std::string::npos);
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::mcp_enabled, false));
  EXPECT_NE(error_of("{}", admin).find("MCP access is turned off"), std::string::npos) << "promise 5: every request";
  ASSERT_TRUE(db->set_switch(team.id, control::team_switch::mcp_enabled, true));
  auto anonymous = call("", "{}");
  ASSERT_TRUE(anonymous->result && anonymous->result->is_error);
  EXPECT_NE(anonymous->result->content.find("Not signed in"), std::string::npos);
}

}  // namespace
