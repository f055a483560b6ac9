// policy/redaction.cpp — the pattern scanner shared by JSON and log redaction, the hidden-Unicode
// filter, and the JSON walk that rewrites an upstream document (simdjson DOM in, json_writer out).
#include "policy/redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>

#include "mcp/json.hpp"

namespace policy {

namespace {

using std::string_view_literals::operator""sv;

struct span {
  std::size_t begin;
  std::size_t end;
};

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_b64url(char c) { return is_alnum(c) || c == '-' || c == '_'; }
bool is_token_char(char c) {
  return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=';
}

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

std::size_t run(std::string_view s, std::size_t i, bool (*pred)(char)) {
  std::size_t j = i;
  while (j < s.size() && pred(s[j])) ++j;
  return j;
}

// Does a URL query parameter of this (lowercased) name carry a credential? Portal links,
// invitation and password-reset URLs carry `token=`, pre-signed export URLs a signature.
bool credential_param(std::string_view name) {
  for (auto w : {"token"sv, "secret"sv, "signature"sv, "password"sv, "credential"sv})
    if (contains(name, w)) return true;
  for (auto w : {"code"sv, "key"sv, "sig"sv, "api_key"sv, "auth"sv})
    if (name == w) return true;
  return false;
}

// Every span of `s` that is a credential by its shape alone. `in_log`: spans cover only the
// secret part (the log keeps "Bearer ", "token=", the PEM's length), for JSON any span strips
// the whole value anyway.
void find_pattern_spans(std::string_view s, std::vector<span>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto rest = s.substr(i);
    const bool boundary = i == 0 || !is_alnum(s[i - 1]);
    // WorkOS secret keys: sk_test_…, sk_live_…, and any long sk_… run.
    if (boundary && (rest.starts_with("sk_test_") || rest.starts_with("sk_live_"))) {
      auto j = run(s, i + 8, is_alnum);
      if (j - (i + 8) >= 8) { out.push_back({i, j}); i = j; continue; }
    }
    if (boundary && rest.starts_with("sk_")) {
      auto j = run(s, i + 3, is_alnum);
      if (j - (i + 3) >= 24) { out.push_back({i, j}); i = j; continue; }
    }
    // Webhook signing secrets.
    if (boundary && rest.starts_with("whsec_")) {
      auto j = run(s, i + 6, is_token_char);
      if (j - (i + 6) >= 8) { out.push_back({i, j}); i = j; continue; }
    }
    // JWTs: base64url JSON header "eyJ…", a payload, a signature (possibly empty: alg none).
    if (boundary && rest.starts_with("eyJ")) {
      auto h = run(s, i, is_b64url);
      if (h - i >= 10 && h < s.size() && s[h] == '.') {
        auto p = run(s, h + 1, is_b64url);
        if (p - (h + 1) >= 10 && p < s.size() && s[p] == '.') {
          auto sig = run(s, p + 1, is_b64url);
          out.push_back({i, sig});
          i = sig;
          continue;
        }
      }
    }
    // PEM blocks, to their END line (or the end of the text when it is cut).
    if (rest.starts_with("-----BEGIN ")) {
      auto end = s.size();
      if (auto e = s.find("-----END ", i + 11); e != std::string_view::npos) {
        auto close = s.find("-----", e + 9);
        end = close == std::string_view::npos ? s.size() : close + 5;
      }
      out.push_back({i, end});
      i = end;
      continue;
    }
    // Bearer tokens in header-like text.
    if (rest.size() > 7 && (rest.starts_with("Bearer ") || rest.starts_with("bearer "))) {
      auto j = run(s, i + 7, is_token_char);
      if (j - (i + 7) >= 16) { out.push_back({i + 7, j}); i = j; continue; }
    }
    // Credential-bearing URL query parameters: ?token=…, &X-Amz-Signature=…
    if (s[i] == '?' || s[i] == '&') {
      auto n = run(s, i + 1, [](char c) { return is_alnum(c) || c == '_' || c == '-' || c == '.'; });
      if (n > i + 1 && n < s.size() && s[n] == '=' && credential_param(lower(s.substr(i + 1, n - i - 1)))) {
        auto v = n + 1;
        while (v < s.size() && s[v] != '&' && s[v] != '#' && s[v] != '"' && s[v] != '\'' &&
               !std::isspace(static_cast<unsigned char>(s[v])))
          ++v;
        if (v - (n + 1) >= 6) { out.push_back({n + 1, v}); i = v; continue; }
      }
    }
    ++i;
  }
}

// A WorkOS id: lowercase prefix words joined by '_', then '_' and a 26-character Crockford ULID
// ("org_01H…", "user_01…", "conn_…", "directory_grp_…"). Never a secret.
bool is_workos_id(std::string_view v) {
  auto us = v.rfind('_');
  if (us == std::string_view::npos || us == 0 || v.size() - us - 1 != 26) return false;
  for (std::size_t k = 0; k < us; ++k)
    if (!(std::islower(static_cast<unsigned char>(v[k])) || v[k] == '_')) return false;
  for (auto c : v.substr(us + 1))
    if (!(std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U')))
      return false;
  return true;
}

bool is_uuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t k = 0; k < v.size(); ++k) {
    bool dash = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash ? v[k] != '-' : !std::isxdigit(static_cast<unsigned char>(v[k]))) return false;
  }
  return true;
}

// A value that could be a credential nobody listed: long, token alphabet only, letters and
// digits mixed, and not an id. Used only under secret-sounding names.
bool high_entropy(std::string_view v) {
  if (v.size() < 16) return false;
  if (!std::all_of(v.begin(), v.end(), is_token_char)) return false;
  bool letter = std::any_of(v.begin(), v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  bool digit = std::any_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  return letter && digit && !is_workos_id(v) && !is_uuid(v);
}

// Names of fields that hold a partial or an identifier, never the credential itself (§7 lists
// obfuscated_value, secret_hint, *_last_4, token_suffix, redacted_client_secret, external_key).
bool safe_name(std::string_view n) {
  for (auto suf : {"_id"sv, "_ids"sv, "_at"sv, "_type"sv, "_hint"sv, "_suffix"sv, "_last_4"sv, "_last4"sv,
                   "_last_four"sv, "_count"sv, "_name"sv, "_expires_in"sv})
    if (n.ends_with(suf)) return true;
  return n.starts_with("obfuscated_") || n.starts_with("redacted_") || n == "external_key" || n == "id";
}

// Does a field of this name probably hold a credential (when its value also looks like one)?
bool secret_sounding(std::string_view raw) {
  auto n = lower(raw);
  if (safe_name(n)) return false;
  for (auto w : {"token"sv, "secret"sv, "password"sv, "passwd"sv, "passphrase"sv, "credential"sv, "private"sv,
                 "code"sv, "key"sv, "otp"sv, "signature"sv, "cookie"sv})
    if (contains(n, w)) return true;
  return false;
}

// One-time codes are short digit strings: only caught under a code-like name.
bool one_time_code(std::string_view raw_name, std::string_view v) {
  auto n = lower(raw_name);
  if (!(n == "code" || n == "otp" || n.ends_with("_code") || n.ends_with("_otp"))) return false;
  return v.size() >= 4 && v.size() <= 12 &&
         std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// ---- hidden Unicode --------------------------------------------------------------------------

bool hidden_code_point(std::uint32_t cp) {
  if (cp < 0x20) return cp != '\n' && cp != '\t';
  if (cp >= 0x7F && cp <= 0x9F) return true;  // DEL and the C1 controls
  switch (cp) {
    case 0x00AD:  // soft hyphen
    case 0x034F:  // combining grapheme joiner
    case 0x061C:  // Arabic letter mark (bidi)
    case 0x115F: case 0x1160: case 0x3164: case 0xFFA0:  // Hangul fillers (render as nothing)
    case 0x180E:  // Mongolian vowel separator
    case 0xFEFF:  // zero-width no-break space / BOM
      return true;
    default: break;
  }
  if (cp >= 0x200B && cp <= 0x200F) return true;  // zero-width space/joiners, LRM, RLM
  if (cp >= 0x202A && cp <= 0x202E) return true;  // bidi embeddings and overrides
  if (cp >= 0x2060 && cp <= 0x206F) return true;  // word joiner, invisible operators, bidi isolates
  if (cp >= 0xFFF9 && cp <= 0xFFFB) return true;  // interlinear annotation
  if (cp >= 0xE0000 && cp <= 0xE007F) return true;  // tag characters
  return false;
}

}  // namespace

std::string strip_hidden(std::string_view s, std::size_t* removed) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    std::uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    // Bytes that are not valid UTF-8 are left to the JSON writer, which replaces them by U+FFFD.
    if (hidden_code_point(cp)) {
      if (removed) ++*removed;
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
  return out;
}

bool looks_like_secret(std::string_view value) {
  std::vector<span> spans;
  find_pattern_spans(value, spans);
  return !spans.empty();
}

// ---- logs -----------------------------------------------------------------------------------------

namespace {

// Names whose value is a secret in any log line (§7 request and response fields).
bool log_secret_name(std::string_view n) {
  static constexpr std::array names{
      "secret"sv, "client_secret"sv, "access_token"sv, "refresh_token"sv, "id_token"sv, "token"sv,
      "password"sv, "new_password"sv, "code"sv, "code_verifier"sv, "device_code"sv, "user_code"sv,
      "pending_authentication_token"sv, "authkit_authorization_code"sv, "password_reset_token"sv,
      "verification_token"sv, "data_key"sv, "totp_secret"sv, "api_key"sv, "logout_token"sv, "credential"sv,
      "claim_attempt_token"sv, "user_access_token"sv, "private_key"sv, "authorization"sv};
  return std::find(names.begin(), names.end(), n) != names.end();
}

// `name=value`, `name: value`, `"name":"value"` and the same with JSON-escaped quotes, for the
// names above. An error code ("code":"invalid_grant") is kept: letters and '_' only.
void find_pair_spans(std::string_view s, std::vector<span>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!(std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_') || (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '_'))) {
      ++i;
      continue;
    }
    auto n = run(s, i, [](char c) { return is_alnum(c) || c == '_'; });
    auto name = lower(s.substr(i, n - i));
    auto j = n;
    while (j < s.size() && (s[j] == '"' || s[j] == '\\' || s[j] == ' ')) ++j;
    if (!log_secret_name(name) || j >= s.size() || (s[j] != '=' && s[j] != ':')) {
      i = n;
      continue;
    }
    ++j;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\\')) ++j;
    bool quoted = j < s.size() && s[j] == '"';
    if (quoted) ++j;
    auto v = j;
    while (v < s.size() && s[v] != '"' && s[v] != '\\' && s[v] != '&' && s[v] != ',' && s[v] != '}' &&
           !(!quoted && std::isspace(static_cast<unsigned char>(s[v]))))
      ++v;
    auto value = s.substr(j, v - j);
    bool error_code = name == "code" && std::all_of(value.begin(), value.end(), [](char c) {
                        return std::islower(static_cast<unsigned char>(c)) || c == '_';
                      });
    // "Bearer xyz": the scheme stays, the token goes.
    if (name == "authorization" && (value == "Bearer" || value == "bearer")) value = {};
    if (!value.empty() && !error_code && value != stripped_marker) out.push_back({j, v});
    i = v;
  }
}

}  // namespace

std::string redact_for_log(std::string_view text) {
  std::vector<span> spans;
  find_pattern_spans(text, spans);
  find_pair_spans(text, spans);
  if (spans.empty()) return std::string{text};
  std::sort(spans.begin(), spans.end(), [](const span& a, const span& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const auto& sp : spans) {
    if (sp.end <= at) continue;  // inside one already masked
    auto from = std::max(sp.begin, at);
    out.append(text.substr(at, from - at));
    out += "[stripped]";
    at = sp.end;
  }
  out.append(text.substr(at));
  return out;
}

// ---- JSON ---------------------------------------------------------------------------------------

namespace {

// A secret-field path split into tokens: "data[].secret" → {"data", "[]", "secret"}.
std::vector<std::string_view> path_tokens(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') { ++i; continue; }
    if (path.substr(i).starts_with("[]")) { out.push_back("[]"); i += 2; continue; }
    auto j = i;
    while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

class walker {
 public:
  explicit walker(std::span<const std::string_view> fields) {
    for (auto f : fields) patterns_.push_back(path_tokens(f));
  }

  void value(simdjson::dom::element e, std::string_view key_name) {
    using t = simdjson::dom::element_type;
    switch (e.type()) {
      case t::OBJECT: {
        w_.begin_object();
        for (auto field : simdjson::dom::object{e.get_object().value_unsafe()}) {
          auto clean_key = strip_hidden(field.key, &result_.hidden_characters_removed);
          w_.key(clean_key);
          push_key(clean_key);
          if (listed() && !field.value.is_null()) strip();
          else value(field.value, clean_key);
          pop();
        }
        w_.end_object();
        return;
      }
      case t::ARRAY: {
        w_.begin_array();
        std::size_t index = 0;
        for (auto item : simdjson::dom::array{e.get_array().value_unsafe()}) {
          push_index(index++);
          if (listed() && !item.is_null()) strip();
          else value(item, key_name);  // elements of "tokens": [...] are judged under that name
          pop();
        }
        w_.end_array();
        return;
      }
      case t::STRING: {
        auto clean = strip_hidden(e.get_string().value_unsafe(), &result_.hidden_characters_removed);
        if (looks_like_secret(clean) || (secret_sounding(key_name) && high_entropy(clean)) ||
            one_time_code(key_name, clean))
          strip();
        else
          w_.value(clean);
        return;
      }
      case t::INT64: w_.value(e.get_int64().value_unsafe()); return;
      case t::UINT64: w_.value(e.get_uint64().value_unsafe()); return;
      case t::DOUBLE: w_.value(e.get_double().value_unsafe()); return;
      case t::BOOL: w_.value(e.get_bool().value_unsafe()); return;
      case t::NULL_VALUE: w_.null(); return;
    }
    w_.null();
  }

  redaction_result finish() && {
    result_.json = std::move(w_).str();
    return std::move(result_);
  }

 private:
  struct step {
    std::string key;  // empty for an array element
    std::size_t index = 0;
    bool is_index = false;
  };

  void push_key(std::string k) { path_.push_back(step{std::move(k), 0, false}); }
  void push_index(std::size_t i) { path_.push_back(step{{}, i, true}); }
  void pop() { path_.pop_back(); }

  bool listed() const {
    for (const auto& p : patterns_) {
      if (p.size() != path_.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < p.size() && match; ++k)
        match = path_[k].is_index ? p[k] == "[]" : p[k] == path_[k].key;
      if (match) return true;
    }
    return false;
  }

  void strip() {
    w_.value(stripped_marker);
    std::string where;
    for (const auto& s : path_) {
      if (s.is_index) {
        where += '[' + std::to_string(s.index) + ']';
      } else {
        if (!where.empty()) where += '.';
        where += s.key;
      }
    }
    result_.stripped.push_back(std::move(where));
  }

  std::vector<std::vector<std::string_view>> patterns_;
  std::vector<step> path_;
  mcp::json_writer w_;
  redaction_result result_;
};

}  // namespace

mcp::result<redaction_result, redaction_error> redact(std::string_view upstream_json,
                                                      std::span<const std::string_view> secret_fields) {
  auto doc = mcp::json_doc::parse(upstream_json);
  if (!doc) return redaction_error{"the upstream response is not valid JSON"};
  walker w{secret_fields};
  w.value(doc->root(), {});
  return std::move(w).finish();
}

}  // namespace policy
