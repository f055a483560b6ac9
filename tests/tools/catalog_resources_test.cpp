// Tests for tools/catalog_resources: the index links every product and names every exclusion;
// each product page lists exactly the catalog's operations of that product, with their access
// class, method and path, roles, required parameters and withheld fields; no page (nor any
// prompt) carries a secret-looking value; pages stay compact.
#include "tools/catalog_resources.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "mcp/json.hpp"
#include "tools/prompts.hpp"
#include "workos/catalog.hpp"

namespace {

struct read_result {
  std::string uri, mime, text;
};

read_result read(const mcp::resource& r) {
  auto contents = r.read();
  EXPECT_TRUE(contents) << r.uri;
  if (!contents) return {};
  auto doc = mcp::json_doc::parse(*contents);
  EXPECT_TRUE(doc && doc->root().is_array()) << *contents;
  if (!doc || !doc->root().is_array()) return {};
  auto array = doc->root().get_array().value_unsafe();
  EXPECT_EQ(array.size(), 1u);
  auto c = array.at(0).value_unsafe();
  return {std::string{mcp::get_string(c, "uri").value_or("")}, std::string{mcp::get_string(c, "mimeType").value_or("")},
          std::string{mcp::get_string(c, "text").value_or("")}};
}

// The page's sections: "## id (access)" heading → the section text up to the next heading.
std::map<std::string, std::pair<std::string, std::string>> sections(const std::string& page) {
  static const std::regex heading("\n## ([a-z_]+\\.[a-z_]+) \\((read|write|irreversible)\\)\n");
  std::map<std::string, std::pair<std::string, std::string>> out;
  std::vector<std::smatch> all;
  for (std::sregex_iterator it(page.begin(), page.end(), heading), end; it != end; ++it) all.push_back(*it);
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto from = static_cast<std::size_t>(all[i].position(0) + all[i].length(0));
    auto to = i + 1 < all.size() ? static_cast<std::size_t>(all[i + 1].position(0)) : page.size();
    EXPECT_TRUE(out.emplace(all[i][1], std::make_pair(all[i][2].str(), page.substr(from, to - from))).second)
        << "twice: " << all[i][1];
  }
  return out;
}

std::vector<std::string> required_of(const workos::operation& op) {
  std::vector<std::string> out;
  auto doc = mcp::json_doc::parse(op.input_schema);
  if (auto r = mcp::get_field(doc->root(), "required"))
    for (auto v : simdjson::dom::array{r->get_array().value_unsafe()}) out.emplace_back(v.get_string().value_unsafe());
  return out;
}

// Something that looks like a credential: a key prefix, a PEM block, a JWT, or a long run of
// token characters that mixes digits, upper- and lower-case letters (identifiers like
// list_membership_resource_permissions_by_external_id do not).
std::optional<std::string> secret_looking(const std::string& text) {
  static const std::regex prefixed("(sk_(test|live)_|-----BEGIN|eyJ[A-Za-z0-9_-]{8,}|Bearer [A-Za-z0-9])");
  std::smatch m;
  if (std::regex_search(text, m, prefixed)) return m.str();
  static const std::regex run("[A-Za-z0-9+/=_-]{32,}");
  for (std::sregex_iterator it(text.begin(), text.end(), run), end; it != end; ++it) {
    auto s = it->str();
    bool digit = false, upper = false, lower = false;
    for (char c : s) {
      digit |= std::isdigit(static_cast<unsigned char>(c)) != 0;
      upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
      lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    }
    if (digit && upper && lower) return s;
  }
  return std::nullopt;
}

TEST(catalog_resources, index_first_then_one_page_per_product_all_markdown) {
  auto all = tools::make_catalog_resources();
  ASSERT_EQ(all.size(), workos::products().size() + 1);
  EXPECT_EQ(all[0].uri, tools::catalog_index_uri);
  for (std::size_t i = 0; i < workos::products().size(); ++i)
    EXPECT_EQ(all[i + 1].uri, "workos://catalog/" + std::string{workos::products()[i]});
  for (const auto& r : all) {
    EXPECT_EQ(r.mime_type, "text/markdown") << r.uri;
    EXPECT_FALSE(r.name.empty()) << r.uri;
    EXPECT_FALSE(r.title.empty()) << r.uri;
    auto got = read(r);
    EXPECT_EQ(got.uri, r.uri);
    EXPECT_EQ(got.mime, "text/markdown");
    EXPECT_FALSE(got.text.empty());
  }
}

TEST(catalog_resources, the_index_links_every_product_and_names_every_exclusion) {
  auto all = tools::make_catalog_resources();
  auto index = read(all[0]).text;
  for (auto p : workos::products()) {
    std::size_t n = 0;
    for (const auto& op : workos::all_operations()) n += op.product == p;
    EXPECT_NE(index.find("| " + std::string{p} + " | " + std::to_string(n) + " |"), std::string::npos) << p;
    EXPECT_NE(index.find(tools::catalog_product_uri(p) + " |"), std::string::npos) << p;
  }
  ASSERT_FALSE(workos::excluded_operations().empty());
  for (const auto& e : workos::excluded_operations())
    EXPECT_NE(index.find("- " + std::string{e.id} + (e.method.empty() ? ":" : " (")), std::string::npos) << e.id;
  EXPECT_NE(index.find(std::to_string(workos::all_operations().size()) + " operations"), std::string::npos);
}

TEST(catalog_resources, each_product_page_lists_exactly_that_products_operations) {
  auto all = tools::make_catalog_resources();
  std::size_t total = 0;
  for (std::size_t i = 1; i < all.size(); ++i) {
    auto product = std::string{workos::products()[i - 1]};
    auto page = read(all[i]).text;
    auto got = sections(page);
    std::set<std::string> expected;
    for (const auto& op : workos::all_operations()) {
      if (op.product != product) continue;
      expected.insert(std::string{op.id});
      auto s = got.find(std::string{op.id});
      ASSERT_NE(s, got.end()) << product << " page lacks " << op.id;
      const auto& [access, body] = s->second;
      EXPECT_EQ(access, workos::to_string(op.access)) << op.id;
      EXPECT_NE(body.find(std::string{op.summary}), std::string::npos) << op.id;
      EXPECT_NE(body.find("`" + std::string{op.method} + " " + std::string{op.path} + "`"), std::string::npos) << op.id;
      std::string roles;
      for (auto r : {control::role::admin, control::role::developer, control::role::support, control::role::viewer})
        if (op.roles.contains(r)) roles += (roles.empty() ? "" : ", ") + std::string{control::to_string(r)};
      EXPECT_NE(body.find("roles: " + roles + (op.paginated ? " · paginated" : "\n")), std::string::npos) << op.id << " (" << roles << ")";
      for (const auto& r : required_of(op)) EXPECT_NE(body.find("`" + r + "`*"), std::string::npos) << op.id << " " << r;
      EXPECT_EQ(body.find("paginated") != std::string::npos, op.paginated) << op.id;
      for (auto f : op.secret_fields) EXPECT_NE(body.find("`" + std::string{f} + "`"), std::string::npos) << op.id;
      EXPECT_EQ(body.find("Withheld") != std::string::npos, !op.secret_fields.empty()) << op.id;
    }
    std::set<std::string> listed;
    for (const auto& [id, s] : got) listed.insert(id);
    EXPECT_EQ(listed, expected) << product;
    total += listed.size();
  }
  EXPECT_EQ(total, workos::all_operations().size());
}

TEST(catalog_resources, parameter_types_come_from_the_schema) {
  auto all = tools::make_catalog_resources();
  auto page_of = [&](std::string_view product) {
    for (const auto& r : all)
      if (r.uri == tools::catalog_product_uri(product)) return read(r).text;
    return std::string{};
  };
  auto streams = sections(page_of("log_streams"));
  // An enum shows its values; an object its type; a nullable string both types.
  EXPECT_NE(streams["log_streams.create"].second.find("`type`* Datadog|Splunk|"), std::string::npos)
      << streams["log_streams.create"].second;
  EXPECT_NE(streams["log_streams.create"].second.find("`credentials`* object"), std::string::npos);
  auto branding = sections(page_of("branding"));
  EXPECT_NE(branding["branding.update"].second.find("`logo_url` string|null (uri)"), std::string::npos)
      << branding["branding.update"].second;
  EXPECT_NE(branding["branding.get"].second.find("Parameters: none"), std::string::npos);
  // Paginated lists do not repeat the cursor parameters.
  auto orgs = sections(page_of("organizations"));
  EXPECT_EQ(orgs["organizations.list"].second.find("`before`"), std::string::npos);
  EXPECT_NE(orgs["organizations.list"].second.find("`domains` string[]"), std::string::npos)
      << orgs["organizations.list"].second;
}

TEST(catalog_resources, nothing_secret_looking_in_any_page_or_plan_and_the_detector_works) {
  ASSERT_TRUE(secret_looking("key: sk_test_abc"));
  ASSERT_TRUE(secret_looking("token=Zx9kQ2mP7rT4vW8yB1nC5dF3gH6jK0lL"));
  ASSERT_FALSE(secret_looking("authorization.list_membership_resource_permissions_by_external_id"));
  for (const auto& r : tools::make_catalog_resources()) {
    auto text = read(r).text;
    auto hit = secret_looking(text);
    EXPECT_FALSE(hit) << r.uri << ": " << hit.value_or("");
  }
  for (const auto& p : tools::make_prompts()) {
    std::map<std::string, std::string> args;
    for (const auto& a : p.arguments)
      if (a.required) args[a.name] = a.name == "provider" ? "S3" : a.name == "domain" ? "example.com"
                                     : a.name.find("email") != std::string::npos ? "a@example.com" : "Example";
    auto r = p.get(args);
    ASSERT_TRUE(r) << p.name << ": " << r.error().message;
    auto hit = secret_looking(*r);
    EXPECT_FALSE(hit) << p.name << ": " << hit.value_or("");
  }
}

TEST(catalog_resources, pages_stay_compact) {
  // A page is read whole into an agent's context: ~6k tokens at most for the largest product
  // (authorization, ~50 operations), far less for the rest.
  for (const auto& r : tools::make_catalog_resources()) {
    auto text = read(r).text;
    EXPECT_LT(text.size(), 24u * 1024) << r.uri;
  }
}

}  // namespace
