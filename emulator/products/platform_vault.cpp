// emulator/products/platform_vault.cpp — Vault (11 spec operations): key-value objects with
// versions and optimistic locking, and data keys for the SDK's local AES-GCM encryption.
//
// Vault answers with its own shapes: ids are UUIDs, errors are {"error": text}, lists are
// {data, list_metadata} without "object". Object values are what the caller stored (kept in
// the store as given: the emulator encrypts nothing at rest). A data key is 32 random bytes
// (base64) and its `encrypted_keys` an opaque base64 blob that decrypt and rekey resolve
// through the store, so decrypt returns exactly the key that create gave for that blob.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <variant>

#include "emulator/products.hpp"
#include "emulator/products/platform.hpp"

namespace emulator::products {

namespace {

using namespace platform;

constexpr std::string_view object_type = "vault_object";
constexpr std::string_view data_key_type = "vault_data_key";

reply verror(unsigned status, std::string_view message) {
  json b = json::object();
  b.set("error", message);
  return {status, std::move(b), false};
}

std::string format_uuid(const unsigned char* b) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[b[i] >> 4]);
    out.push_back(digits[b[i] & 15]);
  }
  return out;
}

std::string uuid4() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return format_uuid(b);
}

// A name-based (v5-style) UUID: the same input gives the same id.
std::string uuid_of(std::string_view text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
  md[6] = static_cast<unsigned char>((md[6] & 0x0f) | 0x50);
  md[8] = static_cast<unsigned char>((md[8] & 0x3f) | 0x80);
  return format_uuid(md);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}


constexpr char b64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(const std::string& bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(b64_alphabet[(v >> s) & 63]);
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out.push_back(b64_alphabet[(v >> 18) & 63]);
    out.push_back(b64_alphabet[(v >> 12) & 63]);
    out += "==";
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out.push_back(b64_alphabet[(v >> 18) & 63]);
    out.push_back(b64_alphabet[(v >> 12) & 63]);
    out.push_back(b64_alphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

// Forgiving decode (standard or URL-safe alphabet, padding optional); nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.empty() || text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (char ch : text) {
    int v;
    if (ch >= 'A' && ch <= 'Z') v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z') v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9') v = ch - '0' + 52;
    else if (ch == '+' || ch == '-') v = 62;
    else if (ch == '/' || ch == '_') v = 63;
    else return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

// 32 bytes as canonical base64 whose text carries the planted marker: 42 characters, one
// whose low two bits are zero (the last 6-bit group holds 4 bits of data), and the padding.
std::string new_data_key() {
  static constexpr char last[] = "AEIMQUYcgkosw048";
  unsigned char r = 0;
  RAND_bytes(&r, 1);
  return planted_secret("", 33) + last[r % 16] + "=";
}

// 48 bytes: 64 characters, no padding, canonical as generated.
std::string new_key_blob() { return planted_secret("", 55); }

std::optional<std::string> canonical_blob(std::string_view text) {
  auto bytes = base64_decode(text);
  if (!bytes || bytes->empty()) return std::nullopt;
  return base64_encode(*bytes);
}

std::string environment_id(call& c) {
  auto cid = client_id_of(c.db, c.env);
  if (cid.rfind("client_", 0) == 0) return "environment_" + cid.substr(7);
  return "environment_" + c.env;
}

json actor(call& c) {
  json a = json::object();
  auto env = environment_id(c);
  a.set("id", "key_" + env.substr(env.find('_') + 1));
  a.set("name", c.env == "production" ? "Production API key" : "Sandbox API key");
  return a;
}

json event_base(call& c) {
  auto a = actor(c);
  json d = json::object();
  d.set("actor_id", a["id"]);
  d.set("actor_source", "api_key");
  d.set("actor_name", a["name"]);
  return d;
}

std::string canonical_context(const json& ctx) {
  auto members = ctx.as_object();
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return json{std::move(members)}.dump();
}

// The key-encryption key of a context: one per (environment, context).
std::string key_id_of(call& c, const json& ctx) { return uuid_of(c.env + "\n" + canonical_context(ctx)); }

std::optional<reply> check_context(const json& body, std::string_view field) {
  const json* ctx = body.find(field);
  if (!ctx || ctx->is_null()) return verror(422, std::string{field} + " is required.");
  if (!ctx->is_object()) return verror(422, std::string{field} + " must be an object of strings.");
  if (ctx->as_object().size() > 10) return verror(422, std::string{field} + " has more than 10 entries.");
  for (const auto& [k, v] : ctx->as_object())
    if (!v.is_string() || v.as_string().size() > 500)
      return verror(422, std::string{field} + "." + k + " must be a string of at most 500 characters.");
  return std::nullopt;
}

// ----- key-value objects -------------------------------------------------------------------------

json metadata_of(const json& o) {
  json m = json::object();
  for (auto key : {"context", "environment_id", "id", "key_id", "updated_at", "updated_by", "version_id"}) m.set(key, o[key]);
  return m;
}

json without_value(const json& o) {
  json out = json::object();
  out.set("id", o["id"]);
  out.set("metadata", metadata_of(o));
  out.set("name", o["name"]);
  return out;
}

const json& current_value(const json& o) {
  for (const auto& v : o["versions"].as_array())
    if (v["id"] == o["version_id"]) return v["value"];
  return o["versions"].as_array().back()["value"];
}

json data_event(call& c, const json& o, bool with_key, bool with_context) {
  auto d = event_base(c);
  d.set("kv_name", o["name"]);
  if (with_key) d.set("key_id", o["key_id"]);
  if (with_context) d.set("key_context", o["context"]);
  return d;
}

json new_version(const std::string& value, const std::string& now) {
  json v = json::object();
  v.set("id", uuid4());
  v.set("created_at", now);
  v.set("value", value);
  v.set("etag", md5_hex(value));
  v.set("size", static_cast<std::int64_t>(value.size()));
  return v;
}

std::optional<json> find_by_name(call& c, std::string_view name) {
  for (auto& o : c.db.all(c.env, object_type))
    if (o["name"].as_string() == name) return std::move(o);
  return std::nullopt;
}

reply create_object(call& c) {
  if (!c.body.is_object()) return verror(400, "The request body must be a JSON object.");
  if (!c.body["name"].is_string() || c.body["name"].as_string().empty()) return verror(422, "name is required.");
  if (c.body["name"].as_string().size() > 200) return verror(422, "name must be at most 200 characters.");
  if (!c.body["value"].is_string()) return verror(422, "value is required and must be a string.");
  if (auto bad = check_context(c.body, "key_context")) return *bad;
  const auto& name = c.body["name"].as_string();
  if (find_by_name(c, name)) return verror(409, "An object named '" + name + "' already exists.");
  auto now = now_iso();
  auto version = new_version(c.body["value"].as_string(), now);
  json o = json::object();
  auto id = uuid4();
  o.set("id", id);
  o.set("name", name);
  o.set("context", c.body["key_context"]);
  o.set("environment_id", environment_id(c));
  o.set("key_id", key_id_of(c, c.body["key_context"]));
  o.set("created_at", now);
  o.set("updated_at", now);
  o.set("updated_by", actor(c));
  o.set("version_id", version["id"]);
  o.set("versions", json{json_array{std::move(version)}});
  c.db.put(c.env, object_type, id, o);
  emit(c, "vault.data.created", data_event(c, o, true, true));
  return reply::created(metadata_of(o));
}

std::variant<reply, json> object_by_id(call& c) {
  const auto& id = c.param("id");
  if (!is_uuid(id)) return verror(400, "The object id must be a UUID.");
  auto o = c.db.get(c.env, object_type, id);
  if (!o) return verror(404, "Object not found: '" + id + "'.");
  return std::move(*o);
}

reply read_answer(call& c, const json& o) {
  emit(c, "vault.data.read", data_event(c, o, true, false));
  json out = json::object();
  out.set("id", o["id"]);
  out.set("metadata", metadata_of(o));
  out.set("name", o["name"]);
  out.set("value", current_value(o));
  return reply::ok(std::move(out));
}

reply read_object(call& c) {
  auto r = object_by_id(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  return read_answer(c, std::get<json>(r));
}

reply read_object_by_name(call& c) {
  const auto& name = c.param("name");
  if (name.empty() || name.size() > 200) return verror(400, "The name is not valid.");
  auto o = find_by_name(c, name);
  if (!o) return verror(404, "Object not found: '" + name + "'.");
  return read_answer(c, *o);
}

reply describe_object(call& c) {
  auto r = object_by_id(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  const auto& o = std::get<json>(r);
  emit(c, "vault.metadata.read", data_event(c, o, false, false));
  return reply::ok(without_value(o));
}

reply update_object(call& c) {
  auto r = object_by_id(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  auto& o = std::get<json>(r);
  if (!c.body.is_object() || !c.body["value"].is_string()) return verror(400, "value is required and must be a string.");
  const json& check = c.body["version_check"];
  if (!check.is_null() && !check.is_string()) return verror(400, "version_check must be a string.");
  if (check.is_string() && check.as_string() != o["version_id"].as_string())
    return verror(409, "Version check failed: the object's current version is not '" + check.as_string() + "'.");
  auto now = now_iso();
  auto version = new_version(c.body["value"].as_string(), now);
  o.set("version_id", version["id"]);
  o.set("updated_at", now);
  o.set("updated_by", actor(c));
  o.find("versions")->as_array().push_back(std::move(version));
  c.db.put(c.env, object_type, o["id"].as_string(), o);
  emit(c, "vault.data.updated", data_event(c, o, true, true));
  return reply::created(without_value(o));
}

reply delete_object(call& c) {
  auto r = object_by_id(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  const auto& o = std::get<json>(r);
  if (auto check = c.q("version_check"); check && !check->empty() && *check != o["version_id"].as_string())
    return verror(409, "Version check failed: the object's current version is not '" + *check + "'.");
  c.db.remove(c.env, o["id"].as_string());
  emit(c, "vault.data.deleted", data_event(c, o, false, false));
  json out = json::object();
  out.set("name", o["name"]);
  out.set("success", true);
  return reply::ok(std::move(out));
}

reply list_versions(call& c) {
  auto r = object_by_id(c);
  if (auto* bad = std::get_if<reply>(&r)) return *bad;
  const auto& o = std::get<json>(r);
  json data = json::array();
  const auto& versions = o["versions"].as_array();
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    json v = json::object();
    v.set("id", (*it)["id"]);
    v.set("created_at", (*it)["created_at"]);
    v.set("current_version", (*it)["id"] == o["version_id"]);
    v.set("etag", (*it)["etag"]);
    v.set("size", (*it)["size"]);
    data.as_array().push_back(std::move(v));
  }
  json meta = json::object();
  meta.set("after", nullptr);
  meta.set("before", nullptr);
  json out = json::object();
  out.set("data", std::move(data));
  out.set("list_metadata", std::move(meta));
  return reply::ok(std::move(out));
}

reply list_objects(call& c) {
  auto search = c.q("search");
  auto after_s = c.q("updated_after");
  if (!after_s) after_s = c.q("updatedAfter");
  std::optional<std::chrono::system_clock::time_point> updated_after;
  if (after_s && !after_s->empty()) {
    updated_after = parse_iso(*after_s);
    if (!updated_after) return verror(400, "updated_after must be an ISO-8601 timestamp.");
  }
  std::vector<json> items;
  for (const auto& o : c.db.all(c.env, object_type)) {
    if (search && !search->empty() && o["name"].as_string().find(*search) == std::string::npos) continue;
    if (updated_after) {
      auto at = parse_iso(o["updated_at"].as_string());
      if (at && *at <= *updated_after) continue;
    }
    json s = json::object();
    s.set("id", o["id"]);
    s.set("name", o["name"]);
    s.set("updated_at", o["updated_at"]);
    items.push_back(std::move(s));
  }
  auto out = paginate(c, std::move(items));
  if (out.status != 200) return verror(400, out.body["message"].as_string());
  out.body.erase("object");
  emit(c, "vault.names.listed", event_base(c));
  return out;
}

// ----- data keys -----------------------------------------------------------------------------------

// The data key whose blob (in canonical base64) this is, with the blob's index.
std::optional<json> find_data_key(call& c, const std::string& blob) {
  for (auto& k : c.db.all(c.env, data_key_type))
    for (const auto& b : k["blobs"].as_array())
      if (b["encrypted_keys"].as_string() == blob) return std::move(k);
  return std::nullopt;
}

json data_key_answer(const json& k, const json& context, const std::string& blob) {
  json out = json::object();
  out.set("context", context);
  out.set("data_key", k["data_key"]);
  out.set("encrypted_keys", blob);
  out.set("id", k["id"]);
  return out;
}

json blob_entry(const std::string& blob, const json& context, std::string key_id) {
  json b = json::object();
  b.set("encrypted_keys", blob);
  b.set("context", context);
  b.set("key_id", std::move(key_id));
  return b;
}

reply create_data_key(call& c) {
  if (!c.body.is_object()) return verror(400, "The request body must be a JSON object.");
  if (auto bad = check_context(c.body, "context")) return *bad;
  const json& context = c.body["context"];
  auto id = uuid4();
  auto blob = new_key_blob();
  json k = json::object();
  k.set("id", id);
  k.set("data_key", new_data_key());
  k.set("blobs", json{json_array{blob_entry(blob, context, key_id_of(c, context))}});
  k.set("created_at", now_iso());
  c.db.put(c.env, data_key_type, id, k);
  auto ev = event_base(c);
  ev.set("key_ids", json{json_array{json{key_id_of(c, context)}}});
  ev.set("key_context", context);
  emit(c, "vault.dek.read", ev);
  return reply::ok(data_key_answer(k, context, blob));
}

reply decrypt_data_key(call& c) {
  if (!c.body.is_object() || !c.body["keys"].is_string() || c.body["keys"].as_string().empty())
    return verror(400, "keys is required and must be a base64 string.");
  auto blob = canonical_blob(c.body["keys"].as_string());
  if (!blob) return verror(400, "keys is not valid base64.");
  auto k = find_data_key(c, *blob);
  if (!k) return verror(400, "Unable to decrypt the data key: unknown encrypted keys.");
  auto ev = event_base(c);
  for (const auto& b : (*k)["blobs"].as_array())
    if (b["encrypted_keys"].as_string() == *blob) ev.set("key_id", b["key_id"]);
  emit(c, "vault.dek.decrypted", ev);
  json out = json::object();
  out.set("data_key", (*k)["data_key"]);
  out.set("id", (*k)["id"]);
  return reply::ok(std::move(out));
}

// The same data key, wrapped anew under the given context.
reply rekey_data_key(call& c) {
  if (!c.body.is_object()) return verror(400, "The request body must be a JSON object.");
  if (!c.body["encrypted_keys"].is_string() || c.body["encrypted_keys"].as_string().empty())
    return verror(422, "encrypted_keys is required and must be a base64 string.");
  if (auto bad = check_context(c.body, "context")) return *bad;
  auto blob = canonical_blob(c.body["encrypted_keys"].as_string());
  if (!blob) return verror(400, "encrypted_keys is not valid base64.");
  auto k = find_data_key(c, *blob);
  if (!k) return verror(400, "Unable to decrypt the data key: unknown encrypted keys.");
  const json& context = c.body["context"];
  auto fresh = new_key_blob();
  k->find("blobs")->as_array().push_back(blob_entry(fresh, context, key_id_of(c, context)));
  c.db.put(c.env, data_key_type, (*k)["id"].as_string(), *k);
  auto ev = event_base(c);
  ev.set("key_ids", json{json_array{json{key_id_of(c, context)}}});
  ev.set("key_context", context);
  emit(c, "vault.dek.read", ev);
  return reply::ok(data_key_answer(*k, context, fresh));
}

}  // namespace

namespace platform {

void register_vault(api& a) {
  a.add("POST", "/vault/v1/keys/data-key", create_data_key);
  a.add("POST", "/vault/v1/keys/decrypt", decrypt_data_key);
  a.add("POST", "/vault/v1/keys/rekey", rekey_data_key);
  a.add("GET", "/vault/v1/kv", list_objects);
  a.add("POST", "/vault/v1/kv", create_object);
  a.add("GET", "/vault/v1/kv/name/{name}", read_object_by_name);
  a.add("GET", "/vault/v1/kv/{id}", read_object);
  a.add("PUT", "/vault/v1/kv/{id}", update_object);
  a.add("DELETE", "/vault/v1/kv/{id}", delete_object);
  a.add("GET", "/vault/v1/kv/{id}/metadata", describe_object);
  a.add("GET", "/vault/v1/kv/{id}/versions", list_versions);
}

}  // namespace platform

}  // namespace emulator::products
