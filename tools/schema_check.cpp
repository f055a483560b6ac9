// tools/schema_check.cpp — the JSON Schema subset of schema_check.hpp.
#include "tools/schema_check.hpp"

#include <cmath>
#include <vector>

#include "mcp/json.hpp"

namespace tools {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string_view type_name(element v) {
  switch (v.type()) {
    case element_type::ARRAY: return "array";
    case element_type::OBJECT: return "object";
    case element_type::INT64:
    case element_type::UINT64: return "integer";
    case element_type::DOUBLE: return "number";
    case element_type::STRING: return "string";
    case element_type::BOOL: return "boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "value";
}

bool is_whole(element v) {
  if (v.is_int64() || v.is_uint64()) return true;
  if (v.type() != element_type::DOUBLE) return false;
  double d = v.get_double().value_unsafe();
  return std::isfinite(d) && std::floor(d) == d;
}

bool has_type(element v, std::string_view t) {
  if (t == "integer") return is_whole(v);
  if (t == "number") return v.is_number();
  return type_name(v) == t;
}

double number_of(element v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64().value_unsafe());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64().value_unsafe());
  return v.get_double().value_unsafe();
}

// Code points, not bytes: maxLength counts characters.
std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string format_problem(std::string_view format, std::string_view s) {
  if (format == "email" && (s.find('@') == std::string_view::npos || s.front() == '@' || s.back() == '@'))
    return "must be an email address";
  if (format == "date-time" || format == "date") {
    // YYYY-MM-DD at least; the rest is WorkOS's to judge.
    bool ok = s.size() >= 10 && s[4] == '-' && s[7] == '-';
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && s.size() > static_cast<std::size_t>(i) && std::isdigit(static_cast<unsigned char>(s[i]));
    if (!ok) return format == "date" ? "must be a date (YYYY-MM-DD)" : "must be an ISO 8601 date-time (YYYY-MM-DDThh:mm:ssZ)";
  }
  if ((format == "uri" || format == "url") && s.find("://") == std::string_view::npos)
    return "must be an absolute URI (scheme://…)";
  return {};
}

std::string join_enum(element list) {
  std::string out;
  for (auto e : simdjson::dom::array{list.get_array().value_unsafe()}) {
    if (!out.empty()) out += ", ";
    out += mcp::to_json(e);
  }
  return out;
}

std::optional<std::string> check(element schema, element v, const std::string& path) {
  if (!schema.is_object()) return std::nullopt;  // `true`/`{}`-like: anything goes

  // type: one name or a list of names.
  if (auto t = mcp::get_field(schema, "type")) {
    std::vector<std::string_view> allowed;
    if (t->is_string()) allowed.push_back(t->get_string().value_unsafe());
    else if (t->is_array())
      for (auto x : simdjson::dom::array{t->get_array().value_unsafe()})
        if (x.is_string()) allowed.push_back(x.get_string().value_unsafe());
    bool ok = allowed.empty();
    for (auto a : allowed) ok = ok || has_type(v, a);
    if (!ok) {
      std::string want;
      for (auto a : allowed) want += (want.empty() ? "" : " or ") + std::string{a};
      return path + ": must be " + (want == "integer" || want == "array" || want == "object" ? "an " : "a ") + want +
             ", not " + std::string{type_name(v)};
    }
  }

  if (auto e = mcp::get_field(schema, "enum"); e && e->is_array()) {
    auto mine = mcp::to_json(v);
    bool found = false;
    for (auto x : simdjson::dom::array{e->get_array().value_unsafe()}) found = found || mcp::to_json(x) == mine;
    if (!found) return path + ": must be one of " + join_enum(*e);
  }

  if (v.is_number()) {
    double n = number_of(v);
    if (auto m = mcp::get_field(schema, "minimum"); m && m->is_number() && n < number_of(*m))
      return path + ": must be at least " + mcp::to_json(*m);
    if (auto m = mcp::get_field(schema, "maximum"); m && m->is_number() && n > number_of(*m))
      return path + ": must be at most " + mcp::to_json(*m);
  }

  if (v.is_string()) {
    auto s = v.get_string().value_unsafe();
    auto len = utf8_length(s);
    if (auto m = mcp::get_int(schema, "minLength"); m && len < static_cast<std::size_t>(*m))
      return path + ": must be at least " + std::to_string(*m) + (*m == 1 ? " character" : " characters") +
             (len == 0 ? " (it is empty)" : "");
    if (auto m = mcp::get_int(schema, "maxLength"); m && len > static_cast<std::size_t>(*m))
      return path + ": must be at most " + std::to_string(*m) + " characters (it has " + std::to_string(len) + ")";
    if (auto f = mcp::get_string(schema, "format"); f && !s.empty()) {
      auto p = format_problem(*f, s);
      if (!p.empty()) return path + ": " + p;
    }
  }

  if (v.is_array()) {
    auto arr = v.get_array().value_unsafe();
    if (auto m = mcp::get_int(schema, "minItems"); m && arr.size() < static_cast<std::size_t>(*m))
      return path + ": must have at least " + std::to_string(*m) + " items";
    if (auto m = mcp::get_int(schema, "maxItems"); m && arr.size() > static_cast<std::size_t>(*m))
      return path + ": must have at most " + std::to_string(*m) + " items";
    if (auto items = mcp::get_field(schema, "items")) {
      std::size_t i = 0;
      for (auto x : arr) {
        if (auto err = check(*items, x, path + "[" + std::to_string(i) + "]")) return err;
        ++i;
      }
    }
  }

  if (v.is_object()) {
    auto obj = v.get_object().value_unsafe();
    auto props = mcp::get_field(schema, "properties");
    if (auto req = mcp::get_field(schema, "required"); req && req->is_array())
      for (auto r : simdjson::dom::array{req->get_array().value_unsafe()}) {
        if (!r.is_string()) continue;
        auto name = r.get_string().value_unsafe();
        if (!mcp::get_field(v, name)) return path + ": missing required property '" + std::string{name} + "'";
      }
    if (auto m = mcp::get_int(schema, "maxProperties"); m && obj.size() > static_cast<std::size_t>(*m))
      return path + ": must have at most " + std::to_string(*m) + " properties";
    auto extra = mcp::get_field(schema, "additionalProperties");
    for (auto [k, x] : obj) {
      std::string key{k};
      std::optional<element> sub;
      if (props && props->is_object()) sub = mcp::get_field(*props, key);
      if (sub) {
        if (auto err = check(*sub, x, path + "." + key)) return err;
      } else if (extra && extra->is_bool() && !extra->get_bool().value_unsafe()) {
        std::string known;
        if (props && props->is_object())
          for (auto [pk, pv] : simdjson::dom::object{props->get_object().value_unsafe()}) known += (known.empty() ? "" : ", ") + std::string{pk};
        return path + ": unknown property '" + key + "'" +
               (known.empty() ? " (it takes none)" : " (known: " + known + ")");
      } else if (extra && extra->is_object()) {
        if (auto err = check(*extra, x, path + "." + key)) return err;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_schema(element schema, element value, const std::string& path) {
  return check(schema, value, path);
}

std::optional<std::string> check_schema(std::string_view schema_json, element value, const std::string& path) {
  auto doc = mcp::json_doc::parse(schema_json);
  if (!doc) return path + ": the operation's schema is not valid JSON (a catalog bug)";
  return check(doc->root(), value, path);
}

}  // namespace tools
