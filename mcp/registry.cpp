// mcp/registry.cpp — registry storage, list pagination, content building, URI templates.
#include "mcp/registry.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace mcp {

namespace {

constexpr std::array<std::string_view, 8> level_names = {"debug",    "info",  "notice", "warning",
                                                         "error",    "critical", "alert", "emergency"};

// Cursors are opaque to clients; ours name the list and the page so a cursor of one list is
// refused by another.
std::string make_cursor(registry::list_kind kind, std::size_t page) {
  return "p" + std::to_string(static_cast<int>(kind)) + "." + std::to_string(page);
}

std::optional<std::size_t> parse_cursor(registry::list_kind kind, std::string_view cursor) {
  auto prefix = "p" + std::to_string(static_cast<int>(kind)) + ".";
  if (cursor.substr(0, prefix.size()) != prefix) return std::nullopt;
  auto digits = cursor.substr(prefix.size());
  std::size_t page = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), page);
  if (ec != std::errc{} || p != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return page;
}

void write_tool(json_writer& w, const tool& t) {
  w.begin_object().field("name", t.name);
  if (!t.title.empty()) w.field("title", t.title);
  w.field("description", t.description).raw_field("inputSchema", t.input_schema);
  if (!t.output_schema.empty()) w.raw_field("outputSchema", t.output_schema);
  w.key("annotations").begin_object();
  if (!t.annotations.title.empty()) w.field("title", t.annotations.title);
  w.field("readOnlyHint", t.annotations.read_only)
      .field("destructiveHint", t.annotations.destructive)
      .field("idempotentHint", t.annotations.idempotent)
      .field("openWorldHint", t.annotations.open_world)
      .end_object();
  w.end_object();
}

void write_prompt(json_writer& w, const prompt& p) {
  w.begin_object().field("name", p.name);
  if (!p.title.empty()) w.field("title", p.title);
  w.field("description", p.description);
  if (!p.arguments.empty()) {
    w.key("arguments").begin_array();
    for (const auto& a : p.arguments) {
      w.begin_object().field("name", a.name);
      if (!a.description.empty()) w.field("description", a.description);
      w.field("required", a.required).end_object();
    }
    w.end_array();
  }
  w.end_object();
}

void write_resource(json_writer& w, const resource& r) {
  w.begin_object().field("uri", r.uri).field("name", r.name);
  if (!r.title.empty()) w.field("title", r.title);
  if (!r.description.empty()) w.field("description", r.description);
  if (!r.mime_type.empty()) w.field("mimeType", r.mime_type);
  w.end_object();
}

void write_template(json_writer& w, const resource_template& t) {
  w.begin_object().field("uriTemplate", t.uri_template).field("name", t.name);
  if (!t.title.empty()) w.field("title", t.title);
  if (!t.description.empty()) w.field("description", t.description);
  if (!t.mime_type.empty()) w.field("mimeType", t.mime_type);
  w.end_object();
}

template <class T, class Write>
std::vector<std::string> paginate(const std::vector<T>& items, std::size_t page_size, registry::list_kind kind,
                                  std::string_view array_key, Write write) {
  std::vector<std::string> pages;
  std::size_t count = std::max<std::size_t>(1, (items.size() + page_size - 1) / page_size);
  for (std::size_t page = 0; page < count; ++page) {
    json_writer w(1024);
    w.begin_object().key(array_key).begin_array();
    for (std::size_t i = page * page_size; i < std::min(items.size(), (page + 1) * page_size); ++i) write(w, items[i]);
    w.end_array();
    if (page + 1 < count) w.field("nextCursor", make_cursor(kind, page + 1));
    w.end_object();
    pages.push_back(std::move(w).str());
  }
  return pages;
}

}  // namespace

std::optional<log_level> parse_log_level(std::string_view s) {
  for (std::size_t i = 0; i < level_names.size(); ++i)
    if (level_names[i] == s) return static_cast<log_level>(i);
  return std::nullopt;
}

std::string_view to_string(log_level l) { return level_names[static_cast<std::size_t>(l)]; }

content_builder& content_builder::text(std::string_view s) {
  w_.begin_object().field("type", "text").field("text", s).end_object();
  return *this;
}

content_builder& content_builder::image(std::string_view base64, std::string_view mime_type) {
  w_.begin_object().field("type", "image").field("data", base64).field("mimeType", mime_type).end_object();
  return *this;
}

content_builder& content_builder::audio(std::string_view base64, std::string_view mime_type) {
  w_.begin_object().field("type", "audio").field("data", base64).field("mimeType", mime_type).end_object();
  return *this;
}

content_builder& content_builder::resource_text(std::string_view uri, std::string_view mime_type,
                                                std::string_view text) {
  w_.begin_object().field("type", "resource").key("resource").begin_object().field("uri", uri);
  if (!mime_type.empty()) w_.field("mimeType", mime_type);
  w_.field("text", text).end_object().end_object();
  return *this;
}

content_builder& content_builder::resource_blob(std::string_view uri, std::string_view mime_type,
                                                std::string_view base64) {
  w_.begin_object().field("type", "resource").key("resource").begin_object().field("uri", uri);
  if (!mime_type.empty()) w_.field("mimeType", mime_type);
  w_.field("blob", base64).end_object().end_object();
  return *this;
}

content_builder& content_builder::resource_link(std::string_view uri, std::string_view name,
                                                std::string_view mime_type) {
  w_.begin_object().field("type", "resource_link").field("uri", uri).field("name", name);
  if (!mime_type.empty()) w_.field("mimeType", mime_type);
  w_.end_object();
  return *this;
}

std::string content_builder::done() && {
  w_.end_array();
  return std::move(w_).str();
}

tool_result tool_result::text(std::string_view s, bool is_error) {
  tool_result r;
  r.content = std::move(content_builder{}.text(s)).done();
  r.is_error = is_error;
  return r;
}

std::string tool_result::to_json() const {
  std::string out;
  out.reserve(content.size() + structured.size() + 48);
  out += R"({"content":)";
  out += content;
  if (!structured.empty()) {
    out += R"(,"structuredContent":)";
    out += structured;
  }
  if (is_error) out += R"(,"isError":true)";
  out += '}';
  return out;
}

std::optional<std::map<std::string, std::string>> match_uri_template(std::string_view tmpl, std::string_view uri) {
  std::map<std::string, std::string> vars;
  std::size_t ti = 0, ui = 0;
  while (ti < tmpl.size()) {
    if (tmpl[ti] == '{') {
      auto close = tmpl.find('}', ti);
      if (close == std::string_view::npos) return std::nullopt;
      std::string name{tmpl.substr(ti + 1, close - ti - 1)};
      ti = close + 1;
      // A variable runs to the next literal character of the template (or the end); it never
      // spans a '/', so `{id}` matches one path segment as RFC 6570 simple expansion does.
      char stop = ti < tmpl.size() ? tmpl[ti] : '\0';
      std::size_t start = ui;
      while (ui < uri.size() && uri[ui] != '/' && (stop == '\0' || uri[ui] != stop)) ++ui;
      if (ui == start) return std::nullopt;
      vars[name] = std::string{uri.substr(start, ui - start)};
    } else {
      if (ui >= uri.size() || uri[ui] != tmpl[ti]) return std::nullopt;
      ++ti;
      ++ui;
    }
  }
  if (ui != uri.size()) return std::nullopt;
  return vars;
}

void registry::add(tool t) { tools_.push_back(std::move(t)); }
void registry::add(prompt p) { prompts_.push_back(std::move(p)); }
void registry::add(resource r) { resources_.push_back(std::move(r)); }
void registry::add(resource_template t) { templates_.push_back(std::move(t)); }

void registry::freeze() {
  pages_[list_kind::tools] = paginate(tools_, page_size, list_kind::tools, "tools", write_tool);
  pages_[list_kind::prompts] = paginate(prompts_, page_size, list_kind::prompts, "prompts", write_prompt);
  pages_[list_kind::resources] = paginate(resources_, page_size, list_kind::resources, "resources", write_resource);
  pages_[list_kind::resource_templates] =
      paginate(templates_, page_size, list_kind::resource_templates, "resourceTemplates", write_template);
}

const tool* registry::find_tool(std::string_view name) const {
  for (const auto& t : tools_)
    if (t.name == name) return &t;
  return nullptr;
}

const prompt* registry::find_prompt(std::string_view name) const {
  for (const auto& p : prompts_)
    if (p.name == name) return &p;
  return nullptr;
}

const resource* registry::find_resource(std::string_view uri) const {
  for (const auto& r : resources_)
    if (r.uri == uri) return &r;
  return nullptr;
}

const resource_template* registry::find_template(std::string_view uri_template) const {
  for (const auto& t : templates_)
    if (t.uri_template == uri_template) return &t;
  return nullptr;
}

std::optional<std::pair<const resource_template*, std::map<std::string, std::string>>> registry::match_template(
    std::string_view uri) const {
  for (const auto& t : templates_)
    if (auto vars = match_uri_template(t.uri_template, uri)) return std::make_pair(&t, std::move(*vars));
  return std::nullopt;
}

expected<std::string> registry::page(list_kind kind, std::string_view cursor) const {
  auto it = pages_.find(kind);
  if (it == pages_.end()) return rpc_error::internal("registry used before freeze()");
  std::size_t page = 0;
  if (!cursor.empty()) {
    auto parsed = parse_cursor(kind, cursor);
    if (!parsed || *parsed >= it->second.size()) return rpc_error::invalid_params("Invalid cursor");
    page = *parsed;
  }
  return it->second[page];
}

bool registry::has_completions() const {
  return std::any_of(prompts_.begin(), prompts_.end(), [](const prompt& p) { return bool(p.complete); }) ||
         std::any_of(templates_.begin(), templates_.end(), [](const resource_template& t) { return bool(t.complete); });
}

}  // namespace mcp
