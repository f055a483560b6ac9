// mcp/jsonrpc.cpp — on-demand decoding of JSON-RPC envelopes and the reply encoders.
#include "mcp/jsonrpc.hpp"

#include <simdjson.h>

#include "mcp/json.hpp"

namespace mcp {

namespace od = simdjson::ondemand;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  return s;
}

message invalid(std::string id, std::string why) {
  message m;
  m.kind = message_kind::invalid;
  m.id = id.empty() ? "null" : std::move(id);
  m.error = {error_code::invalid_request, std::move(why), {}};
  return m;
}

// Copies the raw JSON of a nested object or array value. Scalars are refused: JSON-RPC params
// are structured, and a result must be an object in MCP.
bool take_structured(od::value v, std::string& out) {
  od::json_type t;
  if (v.type().get(t)) return false;
  std::string_view raw;
  if (t == od::json_type::object) {
    od::object o;
    if (v.get_object().get(o) || o.raw_json().get(raw)) return false;
  } else if (t == od::json_type::array) {
    od::array a;
    if (v.get_array().get(a) || a.raw_json().get(raw)) return false;
  } else {
    return false;
  }
  out.assign(raw);
  return true;
}

// Decodes one envelope object. Field order is free, so we walk the fields once and classify
// after. Unknown members are ignored, as JSON-RPC allows. `broken` is set when the walk met
// malformed JSON: the whole body is then a parse error, not an invalid request.
message decode_object(od::object obj, bool& broken) {
  message m;
  bool have_version = false, have_id = false, have_method = false, have_result = false, have_error = false;
  bool bad_version = false, bad_id = false, bad_params = false, bad_method = false;
  std::string error_raw;
  for (auto field : obj) {
    std::string_view key;
    od::value v;
    if (field.unescaped_key().get(key) || field.value().get(v)) {
      broken = true;
      return {};
    }
    if (key == "jsonrpc") {
      std::string_view s;
      have_version = true;
      bad_version = v.get_string().get(s) || s != "2.0";
    } else if (key == "id") {
      have_id = true;
      od::json_type t;
      if (v.type().get(t)) return invalid({}, "Malformed id");
      if (t == od::json_type::string || t == od::json_type::number) {
        std::string_view raw = v.raw_json_token();
        m.id.assign(trim(raw));
        if (t == od::json_type::string) {  // consume it to keep the iterator honest
          std::string_view ignored;
          if (v.get_string().get(ignored)) return invalid({}, "Malformed id");
        } else {
          double ignored;
          if (v.get_double().get(ignored)) return invalid({}, "Malformed id");
        }
      } else {
        // null ids are forbidden in MCP; objects/arrays/bools are never ids.
        bad_id = true;
        if (t == od::json_type::object || t == od::json_type::array) {
          std::string ignored;
          if (!take_structured(v, ignored)) return invalid({}, "Malformed id");
        } else {
          std::string_view ignored = v.raw_json_token();  // null, true, false: consume the token
          (void)ignored;
        }
      }
    } else if (key == "method") {
      have_method = true;
      std::string_view s;
      if (v.get_string().get(s)) bad_method = true;
      else m.method.assign(s);
    } else if (key == "params") {
      if (!take_structured(v, m.params)) bad_params = true;
    } else if (key == "result") {
      have_result = true;
      if (!take_structured(v, m.result)) {
        // A scalar result is not valid MCP, but skip it cleanly.
        std::string_view raw = v.raw_json_token();
        m.result.assign(trim(raw));
      }
    } else if (key == "error") {
      have_error = true;
      if (!take_structured(v, error_raw)) return invalid(m.id, "error must be an object");
    }
    // Other members: on-demand skips them when the loop advances.
  }
  if (!have_version || bad_version) return invalid(m.id, "jsonrpc must be \"2.0\"");
  if (bad_id) return invalid({}, "id must be a string or a number");
  if (have_method) {
    if (bad_method || m.method.empty()) return invalid(m.id, "method must be a non-empty string");
    if (bad_params) return invalid(m.id, "params must be an object or an array");
    m.kind = have_id ? message_kind::request : message_kind::notification;
    return m;
  }
  if (have_id && have_result && !have_error) {
    m.kind = message_kind::response;
    return m;
  }
  if (have_id && have_error && !have_result) {
    m.kind = message_kind::error_response;
    auto doc = json_doc::parse(error_raw);
    if (doc) {
      m.error.code = static_cast<int>(get_int(doc->root(), "code").value_or(error_code::internal_error));
      m.error.message = std::string{get_string(doc->root(), "message").value_or("")};
      if (auto d = get_field(doc->root(), "data")) m.error.data = to_json(*d);
    }
    return m;
  }
  return invalid(m.id, "not a JSON-RPC request, notification or response");
}

expected<decoded_body> decode_padded(od::parser& parser, simdjson::padded_string_view input) {
  const rpc_error parse_failed{error_code::parse_error, "Parse error: the body is not valid JSON", {}};
  od::document doc;
  if (parser.iterate(input).get(doc)) return parse_failed;
  od::json_type t;
  if (doc.type().get(t)) return parse_failed;
  decoded_body out;
  // On-demand validates only what it walks, and simdjson 3.0.1 has no document::at_end(): we
  // take the top-level value's raw extent first (which checks nesting), insist that only white
  // space follows it, then rewind and walk it.
  auto only_space_after = [&](std::string_view raw) {
    auto end = static_cast<std::size_t>(raw.data() + raw.size() - input.data());
    for (std::size_t i = end; i < input.length(); ++i)
      if (input.data()[i] != ' ' && input.data()[i] != '\n' && input.data()[i] != '\r' && input.data()[i] != '\t') return false;
    return true;
  };
  if (t == od::json_type::object) {
    od::object obj;
    std::string_view raw;
    if (doc.get_object().get(obj) || obj.raw_json().get(raw) || !only_space_after(raw)) return parse_failed;
    if (obj.reset().error()) return parse_failed;
    bool broken = false;
    out.messages.push_back(decode_object(obj, broken));
    if (broken) return parse_failed;
  } else if (t == od::json_type::array) {
    out.batch = true;
    od::array arr;
    std::string_view raw;
    if (doc.get_array().get(arr) || arr.raw_json().get(raw) || !only_space_after(raw)) return parse_failed;
    if (arr.reset().error()) return parse_failed;
    for (auto elem : arr) {
      od::value v;
      if (elem.get(v)) return parse_failed;
      od::json_type et;
      if (v.type().get(et)) return parse_failed;
      od::object obj;
      if (et != od::json_type::object || v.get_object().get(obj)) {
        std::string skipped;
        (void)take_structured(v, skipped);
        out.messages.push_back(invalid({}, "a batch element must be an object"));
        continue;
      }
      bool broken = false;
      out.messages.push_back(decode_object(obj, broken));
      if (broken) return parse_failed;
    }
    if (out.messages.empty()) return rpc_error{error_code::invalid_request, "empty batch", {}};
  } else {
    // A scalar: valid JSON but no message; malformed scalars ("nul", "1x") are parse errors.
    bool valid = false;
    switch (t) {
      case od::json_type::null: { bool n = false; valid = !doc.is_null().get(n) && n; break; }
      case od::json_type::boolean: { bool b; valid = !doc.get_bool().get(b); break; }
      case od::json_type::number: { double d; valid = !doc.get_double().get(d); break; }
      case od::json_type::string: { std::string_view sv; valid = !doc.get_string().get(sv); break; }
      default: break;
    }
    if (!valid) return parse_failed;
    return rpc_error{error_code::invalid_request, "a JSON-RPC message must be an object", {}};
  }
  return out;
}

}  // namespace

expected<decoded_body> decode(std::string_view json, std::size_t capacity) {
  thread_local od::parser parser;
  if (capacity >= json.size() + simdjson::SIMDJSON_PADDING)
    return decode_padded(parser, simdjson::padded_string_view(json.data(), json.size(), capacity));
  simdjson::padded_string copy(json);
  return decode_padded(parser, copy);
}

std::string encode_result(std::string_view id, std::string_view result_json) {
  std::string out;
  out.reserve(40 + id.size() + result_json.size());
  out += R"({"jsonrpc":"2.0","id":)";
  out += id;
  out += R"(,"result":)";
  out += result_json.empty() ? std::string_view{"{}"} : result_json;
  out += '}';
  return out;
}

std::string encode_error(std::string_view id, const rpc_error& e) {
  json_writer w(96 + e.message.size() + e.data.size());
  w.begin_object().field("jsonrpc", "2.0").raw_field("id", id.empty() ? std::string_view{"null"} : id);
  w.key("error").begin_object().field("code", e.code).field("message", e.message);
  if (!e.data.empty()) w.raw_field("data", e.data);
  w.end_object().end_object();
  return std::move(w).str();
}

std::string encode_notification(std::string_view method, std::string_view params_json) {
  json_writer w(48 + method.size() + params_json.size());
  w.begin_object().field("jsonrpc", "2.0").field("method", method);
  if (!params_json.empty()) w.raw_field("params", params_json);
  w.end_object();
  return std::move(w).str();
}

std::string encode_request(std::string_view id, std::string_view method, std::string_view params_json) {
  json_writer w(56 + method.size() + params_json.size());
  w.begin_object().field("jsonrpc", "2.0").raw_field("id", id).field("method", method);
  if (!params_json.empty()) w.raw_field("params", params_json);
  w.end_object();
  return std::move(w).str();
}

std::string id_key(std::string_view raw_id) {
  raw_id = trim(raw_id);
  if (raw_id.empty() || raw_id.front() != '"') return std::string{raw_id};
  if (raw_id.find('\\') == std::string_view::npos) return std::string{raw_id};
  // Escaped string id: compare by value.
  auto doc = json_doc::parse(raw_id);
  if (!doc || !doc->root().is_string()) return std::string{raw_id};
  std::string key;
  append_json_string(key, doc->root().get_string().value_unsafe());
  return key;
}

}  // namespace mcp
