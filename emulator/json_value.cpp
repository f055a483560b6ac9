// emulator/json_value.cpp — parsing (through simdjson's DOM) and serialisation of json.
#include "emulator/json_value.hpp"

#include <charconv>
#include <cmath>

#include <simdjson.h>

#include "mcp/json.hpp"

namespace emulator {

namespace {

json from_dom(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      json_object o;
      for (auto [k, v] : simdjson::dom::object(e)) o.emplace_back(std::string{k}, from_dom(v));
      return json{std::move(o)};
    }
    case simdjson::dom::element_type::ARRAY: {
      json_array a;
      for (auto v : simdjson::dom::array(e)) a.push_back(from_dom(v));
      return json{std::move(a)};
    }
    case simdjson::dom::element_type::STRING: return json{std::string{std::string_view(e)}};
    case simdjson::dom::element_type::INT64: return json{std::int64_t(e)};
    case simdjson::dom::element_type::UINT64: return json{static_cast<double>(std::uint64_t(e))};
    case simdjson::dom::element_type::DOUBLE: return json{double(e)};
    case simdjson::dom::element_type::BOOL: return json{bool(e)};
    case simdjson::dom::element_type::NULL_VALUE: return json{};
  }
  return json{};
}

const json null_value;
const std::string empty_string;

}  // namespace

std::optional<json> json::parse(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), true).get(root)) return std::nullopt;
  return from_dom(root);
}

std::int64_t json::as_int(std::int64_t fallback) const {
  if (is_int()) return std::get<std::int64_t>(v_);
  if (std::holds_alternative<double>(v_)) {
    double d = std::get<double>(v_);
    if (std::floor(d) == d && std::abs(d) < 9.0e18) return static_cast<std::int64_t>(d);
  }
  return fallback;
}

double json::as_double(double fallback) const {
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
  if (std::holds_alternative<double>(v_)) return std::get<double>(v_);
  return fallback;
}

const std::string& json::as_string() const { return is_string() ? std::get<std::string>(v_) : empty_string; }

const json* json::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : as_object())
    if (k == key) return &v;
  return nullptr;
}

json* json::find(std::string_view key) {
  if (!is_object()) return nullptr;
  for (auto& [k, v] : as_object())
    if (k == key) return &v;
  return nullptr;
}

const json& json::operator[](std::string_view key) const {
  const json* v = find(key);
  return v ? *v : null_value;
}

json& json::set(std::string_view key, json value) {
  if (json* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  auto& o = as_object();
  o.emplace_back(std::string{key}, std::move(value));
  return o.back().second;
}

bool json::erase(std::string_view key) {
  if (!is_object()) return false;
  auto& o = as_object();
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it->first == key) {
      o.erase(it);
      return true;
    }
  return false;
}

void json::dump_to(std::string& out) const {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          char buf[24];
          auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
          out.append(buf, p);
        } else if constexpr (std::is_same_v<T, double>) {
          if (!std::isfinite(v)) {
            out += "null";
          } else {
            char buf[32];
            auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
            out.append(buf, p);
          }
        } else if constexpr (std::is_same_v<T, std::string>) {
          mcp::append_json_string(out, v);
        } else if constexpr (std::is_same_v<T, json_array>) {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            v[i].dump_to(out);
          }
          out += ']';
        } else {
          out += '{';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            mcp::append_json_string(out, v[i].first);
            out += ':';
            v[i].second.dump_to(out);
          }
          out += '}';
        }
      },
      v_);
}

std::string json::dump() const {
  std::string out;
  out.reserve(256);
  dump_to(out);
  return out;
}

}  // namespace emulator
