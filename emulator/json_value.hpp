// emulator/json_value.hpp — a small mutable JSON value, for objects the emulator stores and edits.
//
// simdjson (our parser everywhere else) is read-only; the emulator must create, patch and
// re-serialise API objects, so it converts to this tree at the edge. Objects keep insertion
// order, because the WorkOS API's field order is what its SDKs and users see.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace emulator {

class json;
using json_array = std::vector<json>;
/// An object as an ordered list of members.
using json_object = std::vector<std::pair<std::string, json>>;

class json {
 public:
  using storage = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, json_array, json_object>;

  json() : v_(nullptr) {}
  json(std::nullptr_t) : v_(nullptr) {}  // NOLINT: implicit, as JSON literals read
  json(bool b) : v_(b) {}                // NOLINT
  json(int i) : v_(static_cast<std::int64_t>(i)) {}  // NOLINT
  json(std::int64_t i) : v_(i) {}        // NOLINT
  json(double d) : v_(d) {}              // NOLINT
  json(const char* s) : v_(std::string{s}) {}  // NOLINT
  json(std::string s) : v_(std::move(s)) {}    // NOLINT
  json(std::string_view s) : v_(std::string{s}) {}  // NOLINT
  json(json_array a) : v_(std::move(a)) {}     // NOLINT
  json(json_object o) : v_(std::move(o)) {}    // NOLINT

  static json object() { return json{json_object{}}; }
  static json array() { return json{json_array{}}; }
  /// Parses JSON text; nullopt when it is not valid JSON.
  static std::optional<json> parse(std::string_view text);

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_number() const { return is_int() || std::holds_alternative<double>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_array() const { return std::holds_alternative<json_array>(v_); }
  bool is_object() const { return std::holds_alternative<json_object>(v_); }

  bool as_bool(bool fallback = false) const { return is_bool() ? std::get<bool>(v_) : fallback; }
  std::int64_t as_int(std::int64_t fallback = 0) const;
  double as_double(double fallback = 0) const;
  /// The string, or `fallback` when this is not a string.
  const std::string& as_string() const;
  std::string string_or(std::string_view fallback) const { return is_string() ? as_string() : std::string{fallback}; }
  json_array& as_array() { return std::get<json_array>(v_); }
  const json_array& as_array() const { return std::get<json_array>(v_); }
  json_object& as_object() { return std::get<json_object>(v_); }
  const json_object& as_object() const { return std::get<json_object>(v_); }

  /// Member access on objects: `find` answers nullptr when absent (or not an object).
  const json* find(std::string_view key) const;
  json* find(std::string_view key);
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  /// The member's value, or null.
  const json& operator[](std::string_view key) const;
  /// Sets a member (replacing it in place, or appending it). This must be an object.
  json& set(std::string_view key, json value);
  /// Removes a member; true if it was there.
  bool erase(std::string_view key);

  std::string dump() const;
  void dump_to(std::string& out) const;

  friend bool operator==(const json& a, const json& b) { return a.v_ == b.v_; }

 private:
  storage v_;
};

}  // namespace emulator
