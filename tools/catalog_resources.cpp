// tools/catalog_resources.cpp — renders the catalog index and the per-product pages (see
// catalog_resources.hpp).
//
// Compact on purpose: a page is read into an agent's context whole, so each operation gets a
// heading, its summary and two short lines (method, path, roles; parameters with their types),
// not its whole schema — list_operations gives that. The cursor parameters of paginated lists
// are named once per operation as "paginated" rather than listed with their descriptions.
#include "tools/catalog_resources.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include "mcp/json.hpp"
#include "workos/catalog.hpp"

namespace tools {

namespace {

constexpr std::string_view mime = "text/markdown";
constexpr std::array<std::string_view, 4> cursor_params = {"before", "after", "limit", "order"};
constexpr std::size_t enum_shown = 6;  // longer enums show their first values and a count

constexpr control::role all_roles[] = {control::role::admin, control::role::developer, control::role::support,
                                       control::role::viewer};

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string> strings_of(simdjson::dom::element e) {
  std::vector<std::string> out;
  if (e.is_string()) out.emplace_back(e.get_string().value_unsafe());
  else if (e.is_array())
    for (auto v : simdjson::dom::array{e.get_array().value_unsafe()})
      if (v.is_string()) out.emplace_back(v.get_string().value_unsafe());
  return out;
}

// One property's type, briefly: "string", "string|null", "string[]", "a|b|c", "string (email)".
std::string type_of(simdjson::dom::element prop) {
  if (auto e = mcp::get_field(prop, "enum"); e && e->is_array()) {
    std::vector<std::string> values;
    std::size_t n = 0;
    for (auto v : simdjson::dom::array{e->get_array().value_unsafe()}) {
      if (n++ >= enum_shown) continue;
      values.push_back(v.is_string() ? std::string{v.get_string().value_unsafe()} : mcp::to_json(v));
    }
    auto out = join(values, "|");
    if (n > enum_shown) out += "|… (" + std::to_string(n) + " values)";
    return out;
  }
  std::vector<std::string> types;
  if (auto t = mcp::get_field(prop, "type")) types = strings_of(*t);
  for (auto alt : {"oneOf", "anyOf"})
    if (auto a = mcp::get_field(prop, alt); a && a->is_array())
      for (auto v : simdjson::dom::array{a->get_array().value_unsafe()}) types.push_back(type_of(v));
  if (types.empty()) return "any";
  for (auto& t : types) {
    if (t != "array") continue;
    auto items = mcp::get_field(prop, "items");
    auto item_types = items ? mcp::get_field(*items, "type") : std::nullopt;
    auto it = item_types ? strings_of(*item_types) : std::vector<std::string>{};
    if (it.size() == 1) t = it.front() + "[]";
  }
  auto out = join(types, "|");
  if (auto f = mcp::get_string(prop, "format")) out += " (" + std::string{*f} + ")";
  return out;
}

// "`name`* type · `other` type", required ones starred; the cursor parameters of a paginated
// list left out (the caller says "paginated").
std::string parameters_of(const workos::operation& op) {
  auto doc = mcp::json_doc::parse(op.input_schema);
  if (!doc) return "see list_operations";  // tests/workos/catalog_test.cpp parses every schema
  auto root = doc->root();
  std::vector<std::string> required;
  if (auto r = mcp::get_field(root, "required")) required = strings_of(*r);
  std::vector<std::string> parts;
  auto props = mcp::get_field(root, "properties");
  if (!props || !props->is_object()) return {};
  for (auto [name, prop] : simdjson::dom::object{props->get_object().value_unsafe()}) {
    if (op.paginated && std::find(cursor_params.begin(), cursor_params.end(), name) != cursor_params.end()) continue;
    bool req = std::find(required.begin(), required.end(), name) != required.end();
    parts.push_back("`" + std::string{name} + "`" + (req ? "*" : "") + " " + type_of(prop));
  }
  return join(parts, " · ");
}

std::string roles_of(const workos::operation& op) {
  std::vector<std::string> names;
  for (auto r : all_roles)
    if (op.roles.contains(r)) names.emplace_back(control::to_string(r));
  return join(names, ", ");
}

struct counts {
  std::size_t total = 0, read = 0, write = 0, irreversible = 0;
};

counts count_of(std::string_view product) {
  counts c;
  for (const auto& op : workos::all_operations()) {
    if (op.product != product) continue;
    ++c.total;
    switch (op.access) {
      case workos::access_class::read: ++c.read; break;
      case workos::access_class::write: ++c.write; break;
      case workos::access_class::irreversible: ++c.irreversible; break;
    }
  }
  return c;
}

std::string describe(const counts& c) {
  return std::to_string(c.total) + " operations: " + std::to_string(c.read) + " read, " + std::to_string(c.write) +
         " write, " + std::to_string(c.irreversible) + " irreversible";
}

std::string product_page(std::string_view product) {
  std::string md;
  md += "# WorkOS operations: " + std::string{product} + "\n\n";
  md += describe(count_of(product)) + ". Run a read with `query` and a change with `mutate`: {\"operation\": \"<id>\", "
        "\"arguments\": {…}}; an irreversible one answers what it would destroy and runs only when confirmed. "
        "Parameters marked * are required; full schemas: `list_operations` {\"product\": \"" +
        std::string{product} + "\", \"include_schema\": true}. Index: " + std::string{catalog_index_uri} + "\n";
  for (const auto& op : workos::all_operations()) {
    if (op.product != product) continue;
    md += "\n## " + std::string{op.id} + " (" + std::string{workos::to_string(op.access)} + ")\n";
    md += std::string{op.summary} + "\n";
    md += "`" + std::string{op.method} + " " + std::string{op.path} + "` · roles: " + roles_of(op);
    if (op.paginated) md += " · paginated (before, after, limit, order)";
    md += "\n";
    auto params = parameters_of(op);
    md += "Parameters: " + (params.empty() ? std::string{"none"} : params) + "\n";
    if (!op.secret_fields.empty()) {
      std::vector<std::string> fields;
      for (auto f : op.secret_fields) fields.push_back("`" + std::string{f} + "`");
      md += "Withheld from the response (secret): " + join(fields, ", ") + "\n";
    }
  }
  return md;
}

std::string index_page() {
  std::string md = "# WorkOS operation catalog\n\n";
  md += std::to_string(workos::all_operations().size()) + " operations in " + std::to_string(workos::products().size()) +
        " products. Each product's page lists its operations: id, access class (read, write, irreversible), the "
        "dashboard roles that may run it, method and path, parameters, and the response fields withheld as secrets. "
        "Search across products with `list_operations`.\n\n";
  md += "| product | operations | read | write | irreversible | page |\n|---|---|---|---|---|---|\n";
  for (auto p : workos::products()) {
    auto c = count_of(p);
    md += "| " + std::string{p} + " | " + std::to_string(c.total) + " | " + std::to_string(c.read) + " | " +
          std::to_string(c.write) + " | " + std::to_string(c.irreversible) + " | " + catalog_product_uri(p) + " |\n";
  }
  md += "\n## Never exposed\n\nNot in the catalog, and refused by name even if one were added:\n\n";
  for (const auto& e : workos::excluded_operations()) {
    md += "- " + std::string{e.id};
    if (!e.method.empty()) md += " (`" + std::string{e.method} + " " + std::string{e.path} + "`)";
    md += ": " + std::string{e.reason} + "\n";
  }
  return md;
}

mcp::resource page_resource(std::string uri, std::string name, std::string title, std::string description,
                            std::string text) {
  mcp::resource r;
  r.uri = std::move(uri);
  r.name = std::move(name);
  r.title = std::move(title);
  r.description = std::move(description);
  r.mime_type = mime;
  // The contents array, serialised once: every read answers the same bytes.
  mcp::json_writer w(text.size() + 128);
  w.begin_array().begin_object().field("uri", r.uri).field("mimeType", mime).field("text", text).end_object().end_array();
  auto contents = std::make_shared<const std::string>(std::move(w).str());
  r.read = [contents]() -> mcp::expected<std::string> { return *contents; };
  return r;
}

}  // namespace

std::string catalog_product_uri(std::string_view product) {
  return std::string{catalog_index_uri} + "/" + std::string{product};
}

std::vector<mcp::resource> make_catalog_resources() {
  std::vector<mcp::resource> out;
  out.push_back(page_resource(std::string{catalog_index_uri}, "catalog", "WorkOS operation catalog",
                              "The products of the operation catalog with their operation counts and pages, and "
                              "what is never exposed.",
                              index_page()));
  for (auto p : workos::products())
    out.push_back(page_resource(catalog_product_uri(p), "catalog/" + std::string{p},
                                "WorkOS operations: " + std::string{p}, describe(count_of(p)) + ".", product_page(p)));
  return out;
}

}  // namespace tools
