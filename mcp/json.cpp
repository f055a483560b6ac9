// mcp/json.cpp — JSON escaping, the streaming writer and the small DOM helpers.
#include "mcp/json.hpp"

#include <charconv>
#include <cmath>
#include <memory>

namespace mcp {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n;
  std::uint32_t cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  if (cp > 0x10FFFF) return 0;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      // Copy the longest plain ASCII run at once.
      std::size_t j = i + 1;
      while (j < s.size()) {
        auto d = static_cast<unsigned char>(s[j]);
        if (d < 0x20 || d == '"' || d == '\\' || d >= 0x80) break;
        ++j;
      }
      out.append(s.data() + i, j - i);
      i = j;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
      ++i;
      continue;
    }
    auto n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  out.push_back('"');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_.push_back(',');
    has_element_.back() = true;
  }
}

json_writer& json_writer::begin_object() {
  before_value();
  out_.push_back('{');
  has_element_.push_back(false);
  return *this;
}

json_writer& json_writer::end_object() {
  out_.push_back('}');
  has_element_.pop_back();
  return *this;
}

json_writer& json_writer::begin_array() {
  before_value();
  out_.push_back('[');
  has_element_.push_back(false);
  return *this;
}

json_writer& json_writer::end_array() {
  out_.push_back(']');
  has_element_.pop_back();
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  before_value();
  append_json_string(out_, k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
  return *this;
}

json_writer& json_writer::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
  return *this;
}

json_writer& json_writer::value(std::int64_t n) {
  before_value();
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, p);
  return *this;
}

json_writer& json_writer::value(std::uint64_t n) {
  before_value();
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, p);
  return *this;
}

json_writer& json_writer::value(double d) {
  before_value();
  if (!std::isfinite(d)) {  // JSON has no NaN or infinity
    out_ += "null";
    return *this;
  }
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out_.append(buf, p);
  return *this;
}

json_writer& json_writer::null() {
  before_value();
  out_ += "null";
  return *this;
}

json_writer& json_writer::raw(std::string_view json) {
  before_value();
  out_.append(json);
  return *this;
}

std::optional<json_doc> json_doc::parse(std::string_view text) {
  json_doc doc;
  doc.parser_ = std::make_unique<simdjson::dom::parser>();
  auto result = doc.parser_->parse(text.data(), text.size(), true);
  if (result.error()) return std::nullopt;
  doc.root_ = result.value_unsafe();
  return doc;
}

std::optional<simdjson::dom::element> get_field(simdjson::dom::element obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  auto r = obj.get_object().value_unsafe()[key];
  if (r.error()) return std::nullopt;
  return r.value_unsafe();
}

std::optional<std::string_view> get_string(simdjson::dom::element obj, std::string_view key) {
  auto f = get_field(obj, key);
  if (!f || !f->is_string()) return std::nullopt;
  return f->get_string().value_unsafe();
}

std::optional<std::int64_t> get_int(simdjson::dom::element obj, std::string_view key) {
  auto f = get_field(obj, key);
  if (!f) return std::nullopt;
  if (f->is_int64()) return f->get_int64().value_unsafe();
  if (f->is_uint64()) return std::nullopt;  // out of range for int64
  return std::nullopt;
}

std::optional<double> get_number(simdjson::dom::element obj, std::string_view key) {
  auto f = get_field(obj, key);
  if (!f || !f->is_number()) return std::nullopt;
  return f->get_double().value_unsafe();
}

std::optional<bool> get_bool(simdjson::dom::element obj, std::string_view key) {
  auto f = get_field(obj, key);
  if (!f || !f->is_bool()) return std::nullopt;
  return f->get_bool().value_unsafe();
}

std::string to_json(simdjson::dom::element e) { return simdjson::minify(e); }

}  // namespace mcp
