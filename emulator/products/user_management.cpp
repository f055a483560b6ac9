// emulator/products/user_management.cpp — User Management: users (CRUD, passwords, identities,
// sessions), the shared helpers of user_management.hpp, and the emulator's own additions under
// /dashboard/ (sessions and identities to exist for a user, the outbox of sent emails).
//
// Flows (password reset, email verification, email change, magic auth) live in
// user_management_flows.cpp; memberships and invitations in user_management_orgs.cpp.
#include "emulator/products/user_management.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <openssl/rand.h>
#include <openssl/sha.h>

namespace emulator::products {

namespace um {

// ----- shared helpers ---------------------------------------------------------------------------

json public_view(json o) {
  if (!o.is_object()) return o;
  auto& members = o.as_object();
  members.erase(std::remove_if(members.begin(), members.end(), [](const auto& m) { return !m.first.empty() && m.first[0] == '_'; }),
                members.end());
  return o;
}

json without(json o, std::initializer_list<std::string_view> keys) {
  o = public_view(std::move(o));
  for (auto k : keys) o.erase(k);
  return o;
}

bool valid_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  for (char ch : s)
    if (std::isspace(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) < 0x20) return false;
  return s.size() <= 320;
}

std::string iso_in(std::chrono::seconds d) { return iso(std::chrono::system_clock::now() + d); }

bool expired(const json& o) {
  auto at = parse_iso(o["expires_at"].as_string());
  return at && *at < std::chrono::system_clock::now();
}

std::optional<json> find_user(call& c, std::string_view id) { return c.db.get(c.env, user_type, id); }

std::optional<json> user_by_email(call& c, std::string_view email) {
  auto wanted = lower(std::string{email});
  for (auto& u : c.db.all(c.env, user_type))
    if (lower(u["email"].as_string()) == wanted) return std::move(u);
  return std::nullopt;
}

std::optional<json> find_organization(call& c, std::string_view id) { return c.db.get(c.env, organization_type, id); }

void save_user(call& c, const json& user) { c.db.put(c.env, user_type, user["id"].as_string(), user); }

json new_user(std::string_view email, bool email_verified) {
  json u = json::object();
  u.set("object", "user");
  u.set("id", new_id("user"));
  u.set("first_name", nullptr);
  u.set("last_name", nullptr);
  u.set("name", nullptr);
  u.set("profile_picture_url", nullptr);
  u.set("email", lower(std::string{email}));
  u.set("email_verified", email_verified);
  u.set("external_id", nullptr);
  u.set("metadata", json::object());
  u.set("last_sign_in_at", nullptr);
  u.set("locale", nullptr);
  auto now = now_iso();
  u.set("created_at", now);
  u.set("updated_at", now);
  return u;
}

std::optional<std::string> unknown_role(call& c, std::string_view org_id, const std::vector<std::string>& slugs) {
  auto roles = c.db.all(c.env, "role");
  if (roles.empty()) return std::nullopt;
  for (const auto& slug : slugs) {
    bool known = false;
    for (const auto& r : roles) {
      if (r["slug"].as_string() != slug) continue;
      const json& owner = r["organization_id"];
      if (owner.is_null() || owner.as_string().empty() || owner.as_string() == org_id) known = true;
    }
    if (!known) return slug;
  }
  return std::nullopt;
}

json membership_view(call& c, const json& m) {
  json out = json::object();
  for (auto key : {"object", "id", "user_id", "organization_id"}) out.set(key, m[key]);
  if (auto org = find_organization(c, m["organization_id"].as_string())) out.set("organization_name", (*org)["name"]);
  for (auto key : {"status", "directory_managed", "custom_attributes", "role", "roles"}) out.set(key, m[key]);
  auto user = find_user(c, m["user_id"].as_string());
  out.set("user", user ? public_view(std::move(*user)) : json{});
  out.set("created_at", m["created_at"]);
  out.set("updated_at", m["updated_at"]);
  return out;
}

json membership_event(const json& m) { return without(m, {"user", "organization_name"}); }

json new_membership(std::string_view user_id, std::string_view org_id, std::string_view status,
                    const std::vector<std::string>& role_slugs) {
  json m = json::object();
  m.set("object", "organization_membership");
  m.set("id", new_id("om"));
  m.set("user_id", user_id);
  m.set("organization_id", org_id);
  m.set("status", status);
  m.set("directory_managed", false);
  m.set("custom_attributes", json::object());
  json roles = json::array();
  for (const auto& s : role_slugs) {
    json r = json::object();
    r.set("slug", s);
    roles.as_array().push_back(std::move(r));
  }
  m.set("role", roles.as_array().empty() ? json{} : roles.as_array().front());
  m.set("roles", std::move(roles));
  auto now = now_iso();
  m.set("created_at", now);
  m.set("updated_at", now);
  return m;
}

void save_membership(call& c, const json& m) {
  c.db.put(c.env, membership_type, m["id"].as_string(), m, m["user_id"].as_string());
}

std::optional<json> membership_of(call& c, std::string_view user_id, std::string_view org_id) {
  for (auto& m : c.db.all(c.env, membership_type, user_id))
    if (m["organization_id"].as_string() == org_id) return std::move(m);
  return std::nullopt;
}

void record_email(call& c, std::string_view to, std::string_view template_name, std::string_view subject,
                  json details) {
  json e = json::object();
  auto id = new_id("email");
  e.set("object", "email");
  e.set("id", id);
  e.set("to", to);
  e.set("template", template_name);
  e.set("subject", subject);
  for (auto& [k, v] : details.as_object()) e.set(k, v);
  e.set("created_at", now_iso());
  c.db.put(c.env, "email", id, e);
}

reply bad_request(std::string_view code, std::string_view message, std::vector<std::pair<std::string, std::string>> errors) {
  auto r = error(400, code, message);
  if (!errors.empty()) {
    json list = json::array();
    for (auto& [ecode, emessage] : errors) {
      json item = json::object();
      item.set("code", ecode);
      item.set("message", emessage);
      list.as_array().push_back(std::move(item));
    }
    r.body.set("errors", std::move(list));
  }
  return r;
}

// ----- passwords --------------------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, 7> hash_types = {"bcrypt", "firebase-scrypt", "ssha",   "ssha256",
                                                        "scrypt", "pbkdf2",          "argon2"};

std::string hex(const unsigned char* p, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 15]);
  }
  return out;
}

std::string salted_sha256(std::string_view salt, std::string_view password) {
  std::string text{salt};
  text.append(password);
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), md);
  return hex(md, sizeof md);
}

bool present(const json& body, std::string_view key) {
  const json* v = body.find(key);
  return v && !v->is_null();
}

}  // namespace

std::optional<std::string> weak_password(std::string_view password) {
  if (password.size() < 8) return "Password must be at least 8 characters long.";
  if (password.size() > 256) return "Password must be at most 256 characters long.";
  std::string l = lower(std::string{password});
  for (auto common : {"password", "12345678", "123456789", "qwertyui", "11111111", "letmein1"})
    if (l == common) return "Password is too common.";
  return std::nullopt;
}

std::optional<reply> password_input_error(const json& body) {
  bool plain = present(body, "password"), hashed = present(body, "password_hash"),
       type = present(body, "password_hash_type"), position = present(body, "password_salt_position");
  if (plain && hashed)
    return error(400, "password_and_password_hash_provided", "Provide either password or password_hash, not both.");
  if (plain && type)
    return error(400, "password_and_password_hash_type_provided", "password_hash_type is only valid with password_hash.");
  if (position && !hashed)
    return error(400, "password_salt_position_requires_password_hash", "password_salt_position requires password_hash.");
  if (plain) {
    if (!body["password"].is_string()) return unprocessable({{"password", "invalid_type"}});
    if (auto weak = weak_password(body["password"].as_string()))
      return bad_request("password_strength_error", "Password does not meet strength requirements.",
                         {{"password_strength_error", *weak}});
  }
  if (hashed || type) {
    if (!hashed) return unprocessable({{"password_hash", "required"}});
    if (!type) return unprocessable({{"password_hash_type", "required"}});
    if (!body["password_hash"].is_string()) return unprocessable({{"password_hash", "invalid_type"}});
    auto t = body["password_hash_type"].string_or("");
    if (std::find(hash_types.begin(), hash_types.end(), t) == hash_types.end())
      return unprocessable({{"password_hash_type", "invalid"}},
                           "password_hash_type must be one of bcrypt, firebase-scrypt, ssha, ssha256, scrypt, pbkdf2, argon2.");
    const auto& h = body["password_hash"].as_string();
    bool ok = !h.empty();
    if (t == "bcrypt") ok = h.size() == 60 && h.rfind("$2", 0) == 0;
    if (t == "argon2") ok = h.rfind("$argon2", 0) == 0;
    if (!ok) return error(400, "invalid_password_hash", "The password hash is not a valid " + t + " hash.");
  }
  if (position) {
    auto p = body["password_salt_position"].string_or("");
    if (p != "prefix" && p != "suffix")
      return unprocessable({{"password_salt_position", "invalid"}}, "password_salt_position must be prefix or suffix.");
  }
  return std::nullopt;
}

void store_password(call& c, std::string_view user_id, const json& body) {
  json cred = json::object();
  if (present(body, "password")) {
    unsigned char raw[16];
    RAND_bytes(raw, sizeof raw);
    auto salt = hex(raw, sizeof raw);
    cred.set("kind", "emulator-sha256");
    cred.set("salt", salt);
    cred.set("hash", salted_sha256(salt, body["password"].as_string()));
  } else if (present(body, "password_hash")) {
    cred.set("kind", "imported");
    cred.set("password_hash_type", body["password_hash_type"]);
    cred.set("password_hash", body["password_hash"]);
    cred.set("password_salt_position", body["password_salt_position"]);
  } else {
    return;
  }
  cred.set("user_id", user_id);
  cred.set("updated_at", now_iso());
  for (auto& old : c.db.all(c.env, "user_password", user_id)) c.db.remove(c.env, old["id"].as_string());
  auto id = new_id("user_password");
  cred.set("id", id);
  c.db.put(c.env, "user_password", id, cred, user_id);
}

void remove_user_children(call& c, std::string_view user_id) {
  for (auto& m : c.db.all(c.env, membership_type, user_id)) {
    c.db.remove(c.env, m["id"].as_string());
    emit(c, "organization_membership.deleted", membership_event(m));
  }
  for (auto type : {"session", "user_password", "user_identity", "email_verification", "password_reset", "magic_auth",
                    "email_change"})
    for (auto& o : c.db.all(c.env, type, user_id)) c.db.remove(c.env, o["id"].as_string());
}

}  // namespace um

namespace {

using namespace um;

// ----- users ------------------------------------------------------------------------------------

std::optional<reply> check_metadata(const json& body) {
  const json* md = body.find("metadata");
  if (!md || md->is_null()) return std::nullopt;
  if (!md->is_object()) return unprocessable({{"metadata", "invalid_type"}});
  if (md->as_object().size() > 50) return error(400, "invalid_metadata", "metadata can hold at most 50 keys.");
  for (const auto& [k, v] : md->as_object()) {
    if (k.size() > 40) return error(400, "invalid_metadata", "metadata keys are at most 40 characters: '" + k + "'.");
    if (!v.is_null() && !v.is_string())
      return error(400, "invalid_metadata", "metadata values must be strings: '" + k + "'.");
    if (v.is_string() && v.as_string().size() > 600)
      return error(400, "invalid_metadata", "metadata values are at most 600 characters: '" + k + "'.");
  }
  return std::nullopt;
}

std::optional<reply> check_external_id(const json& body) {
  const json* ext = body.find("external_id");
  if (!ext || ext->is_null()) return std::nullopt;
  const auto& s = ext->as_string();
  bool ascii = std::all_of(s.begin(), s.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  if (s.empty() || s.size() > 128 || !ascii)
    return unprocessable({{"external_id", "invalid"}}, "external_id must be 1 to 128 ASCII characters.");
  return std::nullopt;
}

std::optional<reply> external_id_taken(call& c, const json& body, std::string_view self) {
  const json* ext = body.find("external_id");
  if (!ext || ext->is_null()) return std::nullopt;
  for (const auto& u : c.db.all(c.env, user_type))
    if (u["external_id"] == *ext && u["id"].as_string() != self)
      return error(400, "external_id_already_used", "A user with this external_id already exists.");
  return std::nullopt;
}

// `name` follows first and last name unless one was given explicitly.
void derive_name(json& user) {
  std::string name;
  for (auto key : {"first_name", "last_name"}) {
    const auto& part = user[key];
    if (!part.is_string() || part.as_string().empty()) continue;
    if (!name.empty()) name += ' ';
    name += part.as_string();
  }
  user.set("name", name.empty() ? json{} : json{name});
}

reply list_users(call& c) {
  auto email = c.q("email");
  auto org = c.q("organization_id");
  if (!org) org = c.q("organization");
  std::vector<json> out;
  for (auto& u : c.db.all(c.env, user_type)) {
    if (email && lower(u["email"].as_string()) != lower(*email)) continue;
    if (org && !membership_of(c, u["id"].as_string(), *org)) continue;
    out.push_back(public_view(std::move(u)));
  }
  return paginate(c, std::move(out));
}

reply create_user(call& c) {
  if (auto bad = validate(c.body, {{"email", field_rule::string, true},
                                   {"first_name", field_rule::string},
                                   {"last_name", field_rule::string},
                                   {"name", field_rule::string},
                                   {"email_verified", field_rule::boolean},
                                   {"metadata", field_rule::object},
                                   {"external_id", field_rule::string},
                                   {"ip_address", field_rule::string},
                                   {"user_agent", field_rule::string},
                                   {"signals_id", field_rule::string},
                                   {"password", field_rule::string},
                                   {"password_hash", field_rule::string},
                                   {"password_hash_type", field_rule::string},
                                   {"password_salt_position", field_rule::string}}))
    return *bad;
  const auto& email = c.body["email"].as_string();
  if (!valid_email(email)) return unprocessable({{"email", "invalid"}}, "email must be a valid email address.");
  if (auto bad = check_external_id(c.body)) return *bad;
  if (auto bad = check_metadata(c.body)) return *bad;
  if (auto bad = password_input_error(c.body)) return *bad;
  if (user_by_email(c, email))
    return error(409, "email_not_available", "A user with the email " + lower(email) + " already exists.");
  if (auto taken = external_id_taken(c, c.body, "")) return *taken;

  json user = new_user(email, c.body["email_verified"].as_bool(false));
  user.set("first_name", c.body["first_name"]);
  user.set("last_name", c.body["last_name"]);
  if (c.body["name"].is_string()) user.set("name", c.body["name"]);
  else derive_name(user);
  user.set("external_id", c.body["external_id"]);
  if (c.body["metadata"].is_object()) {
    json md = json::object();
    for (const auto& [k, v] : c.body["metadata"].as_object())
      if (v.is_string()) md.set(k, v);
    user.set("metadata", std::move(md));
  }
  save_user(c, user);
  store_password(c, user["id"].as_string(), c.body);
  emit(c, "user.created", user);
  return reply::created(user);
}

reply get_user(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  return reply::ok(public_view(std::move(*user)));
}

reply get_user_by_external_id(call& c) {
  for (auto& u : c.db.all(c.env, user_type))
    if (u["external_id"].is_string() && u["external_id"].as_string() == c.param("external_id"))
      return reply::ok(public_view(std::move(u)));
  return not_found("User with external_id", c.param("external_id"));
}

reply update_user(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body, {{"email", field_rule::string},
                                   {"first_name", field_rule::string},
                                   {"last_name", field_rule::string},
                                   {"name", field_rule::string},
                                   {"email_verified", field_rule::boolean},
                                   {"metadata", field_rule::object},
                                   {"external_id", field_rule::string},
                                   {"locale", field_rule::string},
                                   {"password", field_rule::string},
                                   {"password_hash", field_rule::string},
                                   {"password_hash_type", field_rule::string},
                                   {"password_salt_position", field_rule::string}}))
    return *bad;
  if (auto bad = check_external_id(c.body)) return *bad;
  if (auto bad = check_metadata(c.body)) return *bad;
  if (auto bad = password_input_error(c.body)) return *bad;
  if (auto taken = external_id_taken(c, c.body, c.param("id"))) return *taken;
  if (c.body["locale"].is_string()) {
    const auto& l = c.body["locale"].as_string();
    bool ok = l.size() >= 2 && l.size() <= 10 &&
              std::all_of(l.begin(), l.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-'; });
    if (!ok) return error(400, "invalid_locale", "locale must be a BCP 47 language tag such as en-US.");
  }
  if (c.body["email"].is_string()) {
    auto email = lower(c.body["email"].as_string());
    if (!valid_email(email)) return error(400, "invalid_email", "email must be a valid email address.");
    if (email != (*user)["email"].as_string()) {
      if (auto other = user_by_email(c, email); other && (*other)["id"].as_string() != c.param("id"))
        return error(400, "email_not_available", "The email " + email + " belongs to another user.");
      user->set("email", email);
      // A new address is unverified unless the caller says otherwise.
      if (!c.body["email_verified"].is_bool()) user->set("email_verified", false);
    }
  }
  // first_name, last_name and email_verified are not nullable on update; external_id and locale clear with null.
  for (auto field : {"first_name", "last_name", "email_verified"})
    if (const json* v = c.body.find(field); v && !v->is_null()) user->set(field, *v);
  for (auto field : {"external_id", "locale"})
    if (const json* v = c.body.find(field)) user->set(field, *v);
  if (c.body["name"].is_string()) user->set("name", c.body["name"]);
  else if (c.body.contains("first_name") || c.body.contains("last_name")) derive_name(*user);
  if (const json* md = c.body.find("metadata"); md && md->is_object()) {
    // Metadata merges; a key set to null is removed (as for organizations).
    json merged = (*user)["metadata"].is_object() ? (*user)["metadata"] : json::object();
    for (const auto& [k, v] : md->as_object()) {
      if (v.is_null()) merged.erase(k);
      else merged.set(k, v);
    }
    user->set("metadata", std::move(merged));
  }
  user->set("updated_at", now_iso());
  save_user(c, *user);
  store_password(c, c.param("id"), c.body);
  auto out = public_view(std::move(*user));
  emit(c, "user.updated", out);
  return reply::ok(out);
}

reply delete_user(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  remove_user_children(c, c.param("id"));
  c.db.remove(c.env, c.param("id"));
  emit(c, "user.deleted", public_view(std::move(*user)));
  return {200, json{}, true};
}

// ----- identities -------------------------------------------------------------------------------

constexpr std::array<std::string_view, 16> oauth_providers = {
    "AppleOAuth",    "BitbucketOAuth",  "DiscordOAuth",    "GithubOAuth",     "GitLabOAuth", "GoogleOAuth",
    "GrokOAuth",     "XOAuth",          "IntuitOAuth",     "LinkedInOAuth",   "MicrosoftOAuth",
    "SalesforceOAuth", "SlackOAuth",    "VercelMarketplaceOAuth", "VercelOAuth", "XeroOAuth"};

json identity_view(const json& i) {
  json out = json::object();
  out.set("idp_id", i["idp_id"]);
  out.set("type", i["type"]);
  out.set("provider", i["provider"]);
  return out;
}

reply get_identities(call& c) {
  if (!find_user(c, c.param("id"))) return not_found("User", c.param("id"));
  json out = json::array();
  for (auto& i : c.db.all(c.env, "user_identity", c.param("id"))) out.as_array().push_back(identity_view(i));
  return reply::ok(std::move(out));
}

// POST /dashboard/users/{id}/identities {provider, idp_id}: links an OAuth identity (what a
// social sign-in would have done).
reply add_identity(call& c) {
  if (!find_user(c, c.param("id"))) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body, {{"provider", field_rule::string, true}, {"idp_id", field_rule::string, true}})) return *bad;
  const auto& provider = c.body["provider"].as_string();
  if (std::find(oauth_providers.begin(), oauth_providers.end(), provider) == oauth_providers.end())
    return unprocessable({{"provider", "invalid"}}, "provider must be an OAuth provider such as GoogleOAuth.");
  for (const auto& i : c.db.all(c.env, "user_identity"))
    if (i["provider"].as_string() == provider && i["idp_id"] == c.body["idp_id"])
      return error(409, "identity_already_linked", "This identity is already linked to a user.");
  json i = json::object();
  auto id = new_id("user_identity");
  i.set("id", id);
  i.set("user_id", c.param("id"));
  i.set("idp_id", c.body["idp_id"]);
  i.set("type", "OAuth");
  i.set("provider", provider);
  i.set("created_at", now_iso());
  c.db.put(c.env, "user_identity", id, i, c.param("id"));
  return reply::created(identity_view(i));
}

// ----- sessions ---------------------------------------------------------------------------------

constexpr std::array<std::string_view, 10> auth_methods = {"cross_app_auth", "external_auth", "impersonation",
                                                           "magic_code",     "migrated_session", "oauth",
                                                           "passkey",        "password",      "sso",
                                                           "unknown"};

// The session as the API shows it: an active session past its expiry reads as expired.
json session_view(json s) {
  if (s["status"].as_string() == "active" && expired(s)) s.set("status", "expired");
  return public_view(std::move(s));
}

reply list_sessions(call& c) {
  if (!find_user(c, c.param("id"))) return not_found("User", c.param("id"));
  std::vector<json> out;
  // "A list of all active sessions for a specific user."
  for (auto& s : c.db.all(c.env, "session", c.param("id"))) {
    auto v = session_view(std::move(s));
    if (v["status"].as_string() == "active") out.push_back(std::move(v));
  }
  return paginate(c, std::move(out));
}

reply revoke_session(call& c) {
  if (auto bad = validate(c.body, {{"session_id", field_rule::string, true}})) return *bad;
  const auto& id = c.body["session_id"].as_string();
  auto s = c.db.get(c.env, "session", id);
  if (!s) {
    json b = json::object();
    b.set("message", "Session not found: '" + id + "'.");
    return {400, std::move(b), false};
  }
  if ((*s)["status"].as_string() == "active" && !expired(*s)) {
    auto now = now_iso();
    s->set("status", "revoked");
    s->set("ended_at", now);
    s->set("updated_at", now);
    c.db.put(c.env, "session", id, *s, (*s)["user_id"].as_string());
    emit(c, "session.revoked", session_view(*s));
  }
  return {200, json{}, true};
}

// POST /dashboard/users/{id}/sessions {organization_id?, ip_address?, user_agent?, auth_method?,
// impersonator?{email, reason}, expires_in_seconds?}: an active session, as a sign-in makes one.
reply create_session(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body.is_null() ? json::object() : c.body,
                          {{"organization_id", field_rule::string},
                           {"ip_address", field_rule::string},
                           {"user_agent", field_rule::string},
                           {"auth_method", field_rule::string},
                           {"impersonator", field_rule::object},
                           {"expires_in_seconds", field_rule::number}}))
    return *bad;
  const json& body = c.body;
  auto method = body["auth_method"].string_or("password");
  if (std::find(auth_methods.begin(), auth_methods.end(), method) == auth_methods.end())
    return unprocessable({{"auth_method", "invalid"}}, "auth_method is not a session authentication method.");
  if (body["organization_id"].is_string() && !find_organization(c, body["organization_id"].as_string()))
    return not_found("Organization", body["organization_id"].as_string());
  if (body["impersonator"].is_object() && !body["impersonator"]["email"].is_string())
    return unprocessable({{"impersonator.email", "required"}});
  auto ttl = body["expires_in_seconds"].is_number() ? body["expires_in_seconds"].as_int(0) : 7 * 24 * 3600;
  if (ttl < 1) return unprocessable({{"expires_in_seconds", "invalid"}}, "expires_in_seconds must be positive.");

  json s = json::object();
  auto id = new_id("session");
  auto now = now_iso();
  s.set("object", "session");
  s.set("id", id);
  if (body["impersonator"].is_object()) {
    json imp = json::object();
    imp.set("email", body["impersonator"]["email"]);
    imp.set("reason", body["impersonator"]["reason"]);
    s.set("impersonator", std::move(imp));
  }
  s.set("ip_address", body["ip_address"]);
  if (body["organization_id"].is_string()) s.set("organization_id", body["organization_id"]);
  s.set("user_agent", body["user_agent"]);
  s.set("user_id", c.param("id"));
  s.set("auth_method", body["impersonator"].is_object() ? std::string{"impersonation"} : method);
  s.set("status", "active");
  s.set("expires_at", iso_in(std::chrono::seconds(ttl)));
  s.set("ended_at", nullptr);
  s.set("created_at", now);
  s.set("updated_at", now);
  c.db.put(c.env, "session", id, s, c.param("id"));
  user->set("last_sign_in_at", now);
  save_user(c, *user);
  emit(c, "session.created", s);
  return reply::created(s);
}

// ----- the outbox -------------------------------------------------------------------------------

// GET /dashboard/emails?to=&template=: what the emulator "sent" (codes and links included, as an
// inbox would show them).
reply list_emails(call& c) {
  auto to = c.q("to");
  auto tmpl = c.q("template");
  std::vector<json> out;
  for (auto& e : c.db.all(c.env, "email")) {
    if (to && lower(e["to"].as_string()) != lower(*to)) continue;
    if (tmpl && e["template"].as_string() != *tmpl) continue;
    out.push_back(std::move(e));
  }
  return paginate(c, std::move(out));
}

}  // namespace

void register_user_management(api& a) {
  a.add("GET", "/user_management/users", list_users);
  a.add("POST", "/user_management/users", create_user);
  a.add("GET", "/user_management/users/external_id/{external_id}", get_user_by_external_id);
  a.add("GET", "/user_management/users/{id}", get_user);
  a.add("PUT", "/user_management/users/{id}", update_user);
  a.add("DELETE", "/user_management/users/{id}", delete_user);
  a.add("GET", "/user_management/users/{id}/identities", get_identities);
  a.add("GET", "/user_management/users/{id}/sessions", list_sessions);
  a.add("POST", "/user_management/sessions/revoke", revoke_session);
  a.add("POST", "/dashboard/users/{id}/sessions", create_session);
  a.add("POST", "/dashboard/users/{id}/identities", add_identity);
  a.add("GET", "/dashboard/emails", list_emails);
  um::register_flows(a);
  um::register_memberships(a);
  um::register_invitations(a);
}

}  // namespace emulator::products
