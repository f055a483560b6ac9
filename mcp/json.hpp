// mcp/json.hpp — the JSON we write and the JSON we read back, in one small vocabulary.
//
// Writing: `json_writer` appends to a std::string with correct escaping and commas, no DOM, so
// building a response costs one allocation that grows. Reading: `json_doc` owns a padded copy of
// some JSON text and a simdjson DOM over it, for handlers that need random access to small params.
// The hot path (the JSON-RPC envelope) does not use json_doc: see jsonrpc.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace mcp {

/// Appends `s` to `out` as a JSON string literal (quotes included). Invalid UTF-8 is replaced by
/// U+FFFD so that what we emit is always valid JSON, whatever an upstream or a client gave us.
void append_json_string(std::string& out, std::string_view s);

/// Streaming JSON writer. Commas are inserted automatically; the caller nests correctly.
class json_writer {
 public:
  json_writer() { out_.reserve(256); }
  explicit json_writer(std::size_t reserve) { out_.reserve(reserve); }

  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  /// Writes an object key; the next call writes its value.
  json_writer& key(std::string_view k);

  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view{s}); }
  json_writer& value(const std::string& s) { return value(std::string_view{s}); }
  json_writer& value(bool b);
  json_writer& value(std::int64_t n);
  json_writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
  json_writer& value(std::uint64_t n);
  json_writer& value(double d);
  json_writer& null();
  /// Inserts already-serialised JSON (must be valid: it is not checked here).
  json_writer& raw(std::string_view json);

  /// Shorthands for `key(k).value(v)`.
  template <class T>
  json_writer& field(std::string_view k, T&& v) {
    key(k);
    return value(std::forward<T>(v));
  }
  json_writer& raw_field(std::string_view k, std::string_view json) {
    key(k);
    return raw(json);
  }

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  // One flag per open container: whether it already holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

/// An owned, parsed JSON document for random access. Parse failures are values, not exceptions.
class json_doc {
 public:
  /// Parses `text`; returns nullopt when it is not valid JSON.
  static std::optional<json_doc> parse(std::string_view text);

  simdjson::dom::element root() const { return root_; }

  json_doc(json_doc&&) noexcept = default;
  json_doc& operator=(json_doc&&) noexcept = default;

 private:
  json_doc() = default;
  std::unique_ptr<simdjson::dom::parser> parser_;
  simdjson::dom::element root_;
};

/// Small accessors over a DOM element that answer "absent" instead of throwing.
std::optional<std::string_view> get_string(simdjson::dom::element obj, std::string_view key);
std::optional<std::int64_t> get_int(simdjson::dom::element obj, std::string_view key);
std::optional<double> get_number(simdjson::dom::element obj, std::string_view key);
std::optional<bool> get_bool(simdjson::dom::element obj, std::string_view key);
std::optional<simdjson::dom::element> get_field(simdjson::dom::element obj, std::string_view key);
/// Serialises a DOM element back to minified JSON.
std::string to_json(simdjson::dom::element e);

}  // namespace mcp
