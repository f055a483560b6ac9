// workos/request.cpp — build_request(): arguments JSON → method, path?query, body (see request.hpp).
//
// The operation's input schema is parsed per call (simdjson DOM, a few microseconds for the
// catalog's schemas) rather than cached: the catalog is constant data and a cache would need
// synchronisation for a cost that is noise next to an upstream round trip.
#include "workos/request.hpp"

#include <algorithm>
#include <vector>

#include "mcp/json.hpp"

namespace workos {

namespace {

using el = simdjson::dom::element;
using et = simdjson::dom::element_type;
using R = mcp::result<built_request, request_error>;

R fail(std::string_view arg, std::string msg) { return R{request_error{std::string(arg), std::move(msg)}}; }

bool is_scalar(const el& e) {
  auto t = e.type();
  return t == et::STRING || t == et::INT64 || t == et::UINT64 || t == et::DOUBLE || t == et::BOOL;
}

/// A scalar as query/path text: a string's characters, a number's or boolean's JSON text.
std::string scalar_text(const el& e) {
  if (e.type() == et::STRING) return std::string(std::string_view(e.get_string().value()));
  return mcp::to_json(e);
}

/// The `{names}` of a path template, in order.
std::vector<std::string_view> path_params(std::string_view tpl) {
  std::vector<std::string_view> out;
  for (std::size_t i = tpl.find('{'); i != std::string_view::npos; i = tpl.find('{', i + 1)) {
    auto close = tpl.find('}', i);
    if (close == std::string_view::npos) break;
    out.push_back(tpl.substr(i + 1, close - i - 1));
  }
  return out;
}

bool method_is(std::string_view m, std::string_view want) { return m == want; }

}  // namespace

std::string percent_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    }
  }
  return out;
}

mcp::result<built_request, request_error> build_request(const operation& op, std::string_view arguments_json) {
  auto args_doc = mcp::json_doc::parse(arguments_json.empty() ? std::string_view{"{}"} : arguments_json);
  if (!args_doc || args_doc->root().type() != et::OBJECT) return fail("", "the arguments must be a JSON object");
  auto args = args_doc->root().get_object().value();

  auto schema_doc = mcp::json_doc::parse(op.input_schema);
  if (!schema_doc) return fail("", "the operation's input schema is not valid JSON");  // a catalog bug
  auto schema = schema_doc->root();
  auto props = mcp::get_field(schema, "properties");
  bool closed = false;
  if (auto ap = mcp::get_bool(schema, "additionalProperties")) closed = !*ap;

  // Required arguments first, so the error names the first missing one in schema order.
  if (auto req = mcp::get_field(schema, "required"); req && req->type() == et::ARRAY) {
    for (el name : simdjson::dom::array{req->get_array().value()}) {
      if (name.type() != et::STRING) continue;
      std::string_view n = name.get_string().value();
      auto v = mcp::get_field(args_doc->root(), n);
      if (!v || v->type() == et::NULL_VALUE) return fail(n, "missing required argument '" + std::string(n) + "'");
    }
  }
  if (closed && props && props->type() == et::OBJECT) {
    for (auto field : args) {
      if (!mcp::get_field(*props, field.key))
        return fail(field.key, "unknown argument '" + std::string(field.key) + "' for " + std::string(op.id));
    }
  }

  built_request out;
  out.method = std::string(op.method);

  // Path: substitute every {name}.
  auto pnames = path_params(op.path);
  std::string path;
  path.reserve(op.path.size() + 32);
  for (std::size_t i = 0; i < op.path.size();) {
    if (op.path[i] != '{') {
      path.push_back(op.path[i++]);
      continue;
    }
    auto close = op.path.find('}', i);
    auto name = op.path.substr(i + 1, close - i - 1);
    auto v = mcp::get_field(args_doc->root(), name);
    if (!v || v->type() == et::NULL_VALUE) return fail(name, "missing required argument '" + std::string(name) + "'");
    if (v->type() != et::STRING && v->type() != et::INT64 && v->type() != et::UINT64)
      return fail(name, "argument '" + std::string(name) + "' must be a string");
    auto text = scalar_text(*v);
    // "." and ".." survive percent-encoding and would be resolved as path segments by servers
    // and proxies: "/organizations/.." must never become "/".
    if (text.empty() || text == "." || text == "..")
      return fail(name, "argument '" + std::string(name) + "' must be a non-empty identifier");
    path += percent_encode(text);
    i = close + 1;
  }

  // Query: the listed names present in the arguments, in catalog order (stable URLs for logs and
  // tests). null means "not given".
  std::string query;
  for (auto qname : op.query_params) {
    auto v = mcp::get_field(args_doc->root(), qname);
    if (!v || v->type() == et::NULL_VALUE) continue;
    std::string value;
    if (v->type() == et::ARRAY) {
      bool first = true;
      for (el item : simdjson::dom::array{v->get_array().value()}) {
        if (!is_scalar(item))
          return fail(qname, "argument '" + std::string(qname) + "' must be an array of strings, numbers or booleans");
        if (!first) value.push_back(',');
        first = false;
        value += percent_encode(scalar_text(item));
      }
    } else if (is_scalar(*v)) {
      value = percent_encode(scalar_text(*v));
    } else {
      return fail(qname, "argument '" + std::string(qname) + "' must be a string, number, boolean or array");
    }
    query += query.empty() ? '?' : '&';
    query += percent_encode(qname);
    query += '=';
    query += value;
  }
  out.path_and_query = path + query;

  // Body: everything that is neither a path nor a query parameter, in the caller's order.
  mcp::json_writer body;
  body.begin_object();
  bool any = false;
  for (auto field : args) {
    if (std::find(pnames.begin(), pnames.end(), field.key) != pnames.end()) continue;
    if (std::find(op.query_params.begin(), op.query_params.end(), field.key) != op.query_params.end()) continue;
    if (method_is(op.method, "GET") || method_is(op.method, "HEAD"))
      return fail(field.key, "argument '" + std::string(field.key) + "' is not a parameter of " + std::string(op.id));
    body.raw_field(field.key, mcp::to_json(field.value));
    any = true;
  }
  body.end_object();
  bool body_method = method_is(op.method, "POST") || method_is(op.method, "PUT") || method_is(op.method, "PATCH");
  if (any || body_method) out.body_json = std::move(body).str();
  return out;
}

}  // namespace workos
