// tools/list_operations.cpp — the `list_operations` tool and the catalog search behind it.
//
// Output is kept small on purpose (it lands in an agent's context): one line of facts per
// operation, 20 per page by default, and parameter schemas only when the page is short enough to
// be the answer (≤ 5 operations) or when the agent asks for them.
#include "tools/list_operations.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

#include "mcp/json.hpp"
#include "policy/decision.hpp"
#include "tools/session_environment.hpp"
#include "workos/catalog.hpp"

namespace tools {

namespace {

constexpr std::int64_t default_limit = 20;
constexpr std::int64_t max_limit = 50;
constexpr std::size_t schemas_up_to = 5;  // pages this short carry their schemas unasked

constexpr const char* input_schema = R"({
  "type": "object",
  "properties": {
    "query": {"type": "string", "description": "Words to look for in operation ids, summaries and products, e.g. \"delete organization\". Every word must match."},
    "product": {"type": "string", "description": "Only this product (the products list of a search without a query names them)."},
    "access": {"type": "string", "enum": ["read", "write", "irreversible"], "description": "Only operations of this access class."},
    "cursor": {"type": "string", "description": "next_cursor of the previous page of the same search."},
    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 20},
    "include_schema": {"type": "boolean", "description": "Include each operation's input schema (always included for 5 results or fewer)."}
  },
  "additionalProperties": false
})";

// The top-level shape only: every byte of tools/list is paid in the agent's context in every
// session (issue 5: the default tool set within 1,500 tokens).
constexpr const char* output_schema = R"({"type":"object","required":["total","operations"],"properties":{"total":{"type":"integer"},"operations":{"type":"array"},"next_cursor":{"type":"string"},"products":{"type":"array"}}})";

// ---- words ----

// Lowercase, and one form for singular and plural ("directories" → "directory",
// "organizations" → "organization"), so that agents need not guess the catalog's number.
std::string normalize(std::string_view w) {
  std::string s;
  s.reserve(w.size());
  for (char c : w) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.size() > 4 && s.ends_with("ies")) s.replace(s.size() - 3, 3, "y");
  else if (s.size() > 3 && s.ends_with('s') && !s.ends_with("ss")) s.pop_back();
  return s;
}

// Splits on anything that is not a letter or a digit ('.', '_', spaces, punctuation).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) out.push_back(normalize(text.substr(start, i - start)));
  }
  return out;
}

// 2 for the same word, 1 when `word` (3 letters or more) begins `token`, 0 otherwise.
int closeness(const std::string& word, const std::string& token) {
  if (word == token) return 2;
  if (word.size() >= 3 && token.starts_with(word)) return 1;
  return 0;
}

int best_closeness(const std::string& word, const std::vector<std::string>& tokens) {
  int best = 0;
  for (const auto& t : tokens) best = std::max(best, closeness(word, t));
  return best;
}

// The score of `op` for `query` (already split), or nullopt when a word matches nowhere. Per
// word: id 100 (exact) / 60 (prefix), summary 20 / 12, product 5 / 3 — each class above the
// sum of what a word can earn below it; then 2 off per id part no word named, so that
// "delete organization" puts organizations.delete before organization_domains.delete.
std::optional<int> score(const workos::operation& op, const std::vector<std::string>& query) {
  auto id = words_of(op.id);
  auto summary = words_of(op.summary);
  auto product = words_of(op.product);
  int total = 0;
  for (const auto& w : query) {
    if (int c = best_closeness(w, id)) total += c == 2 ? 100 : 60;
    else if (int c2 = best_closeness(w, summary)) total += c2 == 2 ? 20 : 12;
    else if (int c3 = best_closeness(w, product)) total += c3 == 2 ? 5 : 3;
    else return std::nullopt;
  }
  for (const auto& part : id)
    if (std::none_of(query.begin(), query.end(), [&](const std::string& w) { return closeness(w, part) > 0; }))
      total -= 2;
  return total;
}

// ---- cursors ----

// A cursor is the offset of the next page and a digest of the search it belongs to, so that a
// cursor replayed with other filters is refused instead of silently skipping results.
std::uint32_t digest(const operation_search& s) {
  std::uint32_t h = 2166136261u;  // FNV-1a: stability matters here, not strength
  auto mix = [&](std::string_view part) {
    for (unsigned char c : part) h = (h ^ c) * 16777619u;
    h = (h ^ 0xffu) * 16777619u;  // separator: ("ab","c") differs from ("a","bc")
  };
  std::string q;
  for (const auto& w : words_of(s.query)) q += w + " ";
  mix(q);
  mix(s.product);
  mix(s.access ? workos::to_string(*s.access) : "");
  return h;
}

std::string make_cursor(std::size_t offset, const operation_search& s) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "o%zu.%08x", offset, static_cast<unsigned>(digest(s)));
  return buf;
}

std::optional<std::size_t> parse_cursor(std::string_view c, const operation_search& s) {
  auto dot = c.find('.');
  if (c.size() < 2 || c[0] != 'o' || dot == std::string_view::npos) return std::nullopt;
  std::size_t offset = 0;
  auto digits = c.substr(1, dot - 1);
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size()) return std::nullopt;
  // Re-making it checks the digest and refuses every other spelling of the same offset.
  if (make_cursor(offset, s) != c) return std::nullopt;
  return offset;
}

// ---- the tool ----

std::optional<workos::access_class> parse_access(std::string_view s) {
  for (auto a : {workos::access_class::read, workos::access_class::write, workos::access_class::irreversible})
    if (workos::to_string(a) == s) return a;
  return std::nullopt;
}

std::string minified(std::string_view schema) {
  auto doc = mcp::json_doc::parse(schema);
  // The catalog test parses every schema; should one ever not parse, say so rather than break
  // the page's JSON.
  return doc ? mcp::to_json(doc->root()) : std::string{R"({"type":"object"})"};
}

void run(control::live_snapshot& live, mcp::tool_call& call) {
  auto bad = [&](std::string message) { call.finish(mcp::tool_result::error(message)); };
  auto args = mcp::json_doc::parse(call.arguments());
  if (!args || !args->root().is_object()) return bad("list_operations takes an object of arguments.");
  auto root = args->root();

  operation_search search;
  std::string cursor;
  std::int64_t limit = default_limit;
  bool include_schema = false;
  simdjson::dom::object obj = root.get_object().value_unsafe();
  for (auto [key, value] : obj) {
    if (key == "query" || key == "product" || key == "access" || key == "cursor") {
      if (!value.is_string()) return bad(std::string{key} + " must be a string.");
      std::string v{value.get_string().value_unsafe()};
      if (key == "query") search.query = std::move(v);
      else if (key == "product") search.product = std::move(v);
      else if (key == "cursor") cursor = std::move(v);
      else if (!(search.access = parse_access(v))) return bad("access must be \"read\", \"write\" or \"irreversible\".");
    } else if (key == "limit") {
      if (!value.is_int64() || value.get_int64().value_unsafe() < 1 || value.get_int64().value_unsafe() > max_limit)
        return bad("limit must be an integer from 1 to 50.");
      limit = value.get_int64().value_unsafe();
    } else if (key == "include_schema") {
      if (!value.is_bool()) return bad("include_schema must be true or false.");
      include_schema = value.get_bool().value_unsafe();
    } else {
      return bad("Unknown argument '" + std::string{key} +
                 "': list_operations takes query, product, access, cursor, limit, include_schema.");
    }
  }
  auto all_products = workos::products();
  if (!search.product.empty() &&
      std::find(all_products.begin(), all_products.end(), search.product) == all_products.end()) {
    std::string names;
    for (auto p : all_products) names += (names.empty() ? "" : ", ") + std::string{p};
    return bad("There is no product '" + search.product + "'. Products: " + names + ".");
  }

  // The role flag is the caller's own, read now (a role change shows at the next call).
  auto state = state_now(live);
  if (!state) return call.finish(state.error().to_result());
  auto caller = caller_of(**state, call);
  if (!caller) return call.finish(caller.error().to_result());
  // Membership and the team's MCP switch, as for every tool (promise 5: MCP off refuses all).
  if (auto d = policy::decide_caller(*caller); d.denied()) return call.finish(refusal::from(d).to_result());
  const auto role = caller->access->member.role;

  auto found = search_operations(search);
  std::size_t offset = 0;
  if (!cursor.empty()) {
    auto parsed = parse_cursor(cursor, search);
    if (!parsed || *parsed >= found.size())
      return bad("This cursor is not one of this search's: pass next_cursor from the previous page with the same "
                 "query, product and access, or leave it out to start again.");
    offset = *parsed;
  }
  std::size_t end = std::min(found.size(), offset + static_cast<std::size_t>(limit));
  bool schemas = include_schema || end - offset <= schemas_up_to;

  mcp::json_writer w(4096);
  w.begin_object();
  w.field("total", static_cast<std::uint64_t>(found.size()));
  w.key("operations").begin_array();
  for (std::size_t i = offset; i < end; ++i) {
    const auto& op = *found[i];
    w.begin_object().field("id", op.id).field("summary", op.summary).field("access", workos::to_string(op.access));
    w.field("method", op.method).field("path", op.path);
    // What the catalog grants the role, within the policy's ceiling and minus what the policy
    // refuses by name; the team's switches and the environment are judged when it is run.
    w.field("role_may_run",
            op.roles.contains(role) && policy::role_ceiling_allows(role, op) && !policy::is_forbidden(op));
    if (schemas) w.raw_field("input_schema", minified(op.input_schema));
    w.end_object();
  }
  w.end_array();
  if (end < found.size()) w.field("next_cursor", make_cursor(end, search));
  if (search.query.empty()) {
    // The facet: which products there are, with how many operations (of the access class asked).
    w.key("products").begin_array();
    for (auto p : all_products) {
      std::uint64_t n = 0;
      for (const auto& op : workos::all_operations())
        if (op.product == p && (!search.access || op.access == *search.access)) ++n;
      if (n) w.begin_object().field("name", p).field("operations", n).end_object();
    }
    w.end_array();
  }
  w.end_object();

  mcp::tool_result r;
  // The same JSON as text, as the spec advises for clients that show the model text only.
  r.content = std::move(mcp::content_builder{}.text(w.str())).done();
  r.structured = std::move(w).str();
  call.finish(std::move(r));
}

}  // namespace

std::vector<const workos::operation*> search_operations(const operation_search& search) {
  auto query = words_of(search.query);
  std::vector<std::pair<int, const workos::operation*>> scored;
  for (const auto& op : workos::all_operations()) {
    if (!search.product.empty() && op.product != search.product) continue;
    if (search.access && op.access != *search.access) continue;
    auto s = score(op, query);
    if (s) scored.emplace_back(*s, &op);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<const workos::operation*> out;
  out.reserve(scored.size());
  for (const auto& [s, op] : scored) out.push_back(op);
  return out;
}

mcp::tool make_list_operations(std::shared_ptr<control::live_snapshot> state) {
  mcp::tool t;
  t.name = "list_operations";
  t.title = "List operations";
  t.description =
      "Search the WorkOS operations this server can run, by words (\"delete organization\"), product and access class "
      "(read, write, irreversible). Returns operation ids with a one-line summary, method and path, whether your role "
      "may run each, and their input schemas when 5 or fewer match (or with include_schema). Without a query it also "
      "lists the products.";
  t.input_schema = input_schema;
  t.output_schema = output_schema;
  t.annotations = {"List operations", /*read_only=*/true, /*destructive=*/false, /*idempotent=*/true,
                   /*open_world=*/false};
  t.handler = [state = std::move(state)](std::shared_ptr<mcp::tool_call> call) { run(*state, *call); };
  return t;
}

}  // namespace tools
