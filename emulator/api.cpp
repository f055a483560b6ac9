// emulator/api.cpp — routing, errors, validation, ids, time, pagination and events.
#include "emulator/api.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <random>

#include <openssl/evp.h>

#include "control/crypto.hpp"

namespace emulator {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(digits[ch >> 4]);
      out.push_back(digits[ch & 15]);
    }
  }
  return out;
}

std::string with_query(std::string url, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string fragment;
  if (auto hash = url.find('#'); hash != std::string::npos) {
    fragment = url.substr(hash);
    url.resize(hash);
  }
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : params) {
    url += sep;
    url += url_encode(k) + "=" + url_encode(v);
    sep = '&';
  }
  return url + fragment;
}

std::optional<std::string> call::q(std::string_view name) const {
  auto it = query.find(std::string{name});
  if (it != query.end()) return it->second;
  it = query.find(std::string{name} + "[]");
  if (it != query.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> call::q_all(std::string_view name) const {
  std::vector<std::string> out;
  for (auto key : {std::string{name}, std::string{name} + "[]"}) {
    auto [b, e] = query.equal_range(key);
    for (auto it = b; it != e; ++it) {
      std::string_view v = it->second;
      while (!v.empty()) {
        auto comma = v.find(',');
        auto item = v.substr(0, comma);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        v.remove_prefix(comma + 1);
      }
    }
  }
  return out;
}

std::optional<std::string> call::header(std::string_view name) const {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  };
  for (const auto& [k, v] : headers)
    if (same(k, name)) return v;
  return std::nullopt;
}

const std::string& call::param(std::string_view name) const {
  static const std::string none;
  auto it = params.find(std::string{name});
  return it == params.end() ? none : it->second;
}

reply not_found(std::string_view what, std::string_view id) {
  std::string message = std::string{what} + " not found: '" + std::string{id} + "'.";
  return error(404, "entity_not_found", message);
}

reply unprocessable(std::vector<field_error> errors, std::string_view message) {
  json body = json::object();
  body.set("code", "invalid_request_parameters");
  body.set("message", message);
  json list = json::array();
  for (auto& e : errors) {
    json item = json::object();
    item.set("code", e.code);
    item.set("field", e.field);
    list.as_array().push_back(std::move(item));
  }
  body.set("errors", std::move(list));
  return {422, std::move(body), false};
}

reply error(unsigned status, std::string_view code, std::string_view message) {
  json body = json::object();
  body.set("code", code);
  body.set("message", message);
  return {status, std::move(body), false};
}

std::optional<reply> validate(const json& body, const std::vector<field_rule>& rules) {
  if (!body.is_object()) return unprocessable({{"body", "invalid"}}, "The request body must be a JSON object.");
  std::vector<field_error> errors;
  for (const auto& r : rules) {
    const json* v = body.find(r.name);
    if (!v || v->is_null()) {
      if (r.required) errors.push_back({r.name, "required"});
      continue;
    }
    bool ok = true;
    switch (r.type) {
      case field_rule::string: ok = v->is_string(); break;
      case field_rule::boolean: ok = v->is_bool(); break;
      case field_rule::number: ok = v->is_number(); break;
      case field_rule::object: ok = v->is_object(); break;
      case field_rule::array: ok = v->is_array(); break;
      case field_rule::any: break;
    }
    if (!ok) errors.push_back({r.name, "invalid_type"});
    else if (r.required && r.type == field_rule::string && v->as_string().empty())
      errors.push_back({r.name, "required"});
  }
  if (errors.empty()) return std::nullopt;
  return unprocessable(std::move(errors));
}

std::string new_id(std::string_view prefix) {
  static constexpr char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  char ulid[26];
  for (int i = 9; i >= 0; --i) {
    ulid[i] = crockford[ms & 31];
    ms >>= 5;
  }
  std::uint64_t hi = rng(), lo = rng();
  for (int i = 10; i < 26; ++i) {
    ulid[i] = crockford[hi & 31];
    hi = (hi >> 5) | (lo << 59);
    lo >>= 5;
  }
  std::string id{prefix};
  id += '_';
  id.append(ulid, 26);
  return id;
}

std::string iso(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];  // generous: GCC cannot prove the fields' ranges
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string now_iso() { return iso(std::chrono::system_clock::now()); }

std::optional<std::chrono::system_clock::time_point> parse_iso(std::string_view s) {
  int y, mo, d, h, mi, sec;
  char tail[32] = {0};
  std::string text{s};
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%31s", &y, &mo, &d, &h, &mi, &sec, tail) < 6) return std::nullopt;
  int millis = 0;
  std::string_view rest = tail;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) millis = millis * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    for (; digits < 3; ++digits) millis *= 10;
  }
  if (rest != "Z" && rest != "+00:00" && !rest.empty()) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  auto t = std::chrono::system_clock::from_time_t(timegm(&tm));
  return t + std::chrono::milliseconds(millis);
}

reply paginate(const call& c, std::vector<json> items) {
  std::int64_t limit = 10;
  if (auto l = c.q("limit")) {
    char* end = nullptr;
    long long v = std::strtoll(l->c_str(), &end, 10);
    if (l->empty() || *end != '\0' || v < 1 || v > 100)
      return unprocessable({{"limit", "invalid"}}, "limit must be a whole number from 1 to 100.");
    limit = v;
  }
  std::string order = c.q("order").value_or("desc");
  if (order != "asc" && order != "desc" && order != "normal")
    return unprocessable({{"order", "invalid"}}, "order must be asc, desc or normal.");
  if (order != "asc") std::reverse(items.begin(), items.end());

  auto index_of = [&](const std::string& id) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i]["id"].as_string() == id) return i;
    return std::nullopt;
  };
  std::size_t begin = 0, end = items.size();
  auto after = c.q("after"), before = c.q("before");
  // "normal" is descending with reversed cursors: `after` fetches newer records, `before` older.
  if (order == "normal") std::swap(after, before);
  if (after && !after->empty()) {
    auto i = index_of(*after);
    // An unknown cursor (a deleted object, say) yields an empty page rather than an error.
    begin = i ? *i + 1 : items.size();
    end = std::min(items.size(), begin + static_cast<std::size_t>(limit));
  } else if (before && !before->empty()) {
    auto i = index_of(*before);
    end = i ? *i : 0;
    begin = end > static_cast<std::size_t>(limit) ? end - static_cast<std::size_t>(limit) : 0;
  } else {
    end = std::min(items.size(), static_cast<std::size_t>(limit));
  }
  json data = json::array();
  for (std::size_t i = begin; i < end; ++i) data.as_array().push_back(std::move(items[i]));
  json meta = json::object();
  meta.set("before", begin > 0 && begin < items.size() + 1 && !data.as_array().empty()
                         ? json{data.as_array().front()["id"].as_string()}
                         : json{});
  meta.set("after", end < items.size() && !data.as_array().empty() ? json{data.as_array().back()["id"].as_string()}
                                                                    : json{});
  json body = json::object();
  body.set("object", "list");
  body.set("data", std::move(data));
  body.set("list_metadata", std::move(meta));
  return reply::ok(std::move(body));
}

namespace {

std::string hex_digest(const EVP_MD* algorithm, std::string_view text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, algorithm, nullptr);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(digits[md[i] >> 4]);
    out.push_back(digits[md[i] & 15]);
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view text) { return control::crypto::sha256_hex(text); }
std::string md5_hex(std::string_view text) { return hex_digest(EVP_md5(), text); }

std::string planted_secret(std::string_view prefix, std::size_t random_chars) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out{prefix};
  out += planted_marker;
  for (std::size_t i = 0; i < random_chars; ++i) out.push_back(alphabet[rng() % 62]);
  return out;
}

void emit(call& c, std::string_view event_type, const json& data) {
  json ev = json::object();
  auto id = new_id("event");
  ev.set("object", "event");
  ev.set("id", id);
  ev.set("event", event_type);
  ev.set("data", data);
  ev.set("created_at", now_iso());
  c.db.put(c.env, "event", id, ev);
  c.emitted.push_back(std::move(ev));
}

void api::add(std::string method, std::string pattern, handler h, bool requires_key) {
  routes_.push_back({std::move(method), split_path(pattern), std::move(h), requires_key});
}

std::optional<std::string> env_of_client(tx& db, std::string_view client_id) {
  for (auto env : {"sandbox", "production"})
    if (client_id_of(db, env) == client_id) return std::string{env};
  return std::nullopt;
}

std::string client_id_of(tx& db, std::string_view env) {
  auto ids = db.setting("_", "client_ids");
  return ids ? (*ids)[env].as_string() : std::string{};
}

api::match api::find(std::string_view method, std::string_view path) const {
  auto segments = split_path(path);
  match best;
  int best_literals = -1;
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = url_decode(segments[i], false);
      } else if (p == segments[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.method != method) {
      best.path_known = true;
      continue;
    }
    // Literal segments beat parameters: /organizations/external_id/{x} over /organizations/{id}/{sub}.
    if (literals > best_literals) {
      best_literals = literals;
      best.h = &r.h;
      best.params = std::move(params);
      best.requires_key = r.requires_key;
    }
  }
  return best;
}

}  // namespace emulator
