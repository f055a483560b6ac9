// emulator/products/user_management_flows.cpp — the one-time-code flows of User Management:
// password reset (send, get, confirm), email verification (send, get, confirm), email change
// (send, confirm) and Magic Auth (create, get).
//
// Every code and token is a planted secret; the events of these flows carry none of them (as
// the real API's do not), and each "sent" email lands in the outbox (GET /dashboard/emails).
#include "emulator/products/user_management.hpp"

namespace emulator::products::um {

namespace {

constexpr auto ten_minutes = std::chrono::seconds(10 * 60);
constexpr auto one_hour = std::chrono::seconds(60 * 60);
constexpr auto one_day = std::chrono::seconds(24 * 60 * 60);

bool used(const json& o) { return o["_used_at"].is_string(); }

void mark_used(call& c, json& o) {
  o.set("_used_at", now_iso());
  c.db.put(c.env, o["object"].as_string(), o["id"].as_string(), o, o["user_id"].as_string());
}

// ----- password reset ---------------------------------------------------------------------------

reply create_password_reset(call& c) {
  if (auto bad = validate(c.body, {{"email", field_rule::string, true}})) return *bad;
  const auto& email = c.body["email"].as_string();
  if (!valid_email(email)) return unprocessable({{"email", "invalid"}}, "email must be a valid email address.");
  auto user = user_by_email(c, email);
  if (!user) return not_found("User with email", lower(email));
  auto token = planted_secret("", 32);
  json r = json::object();
  auto id = new_id("password_reset");
  r.set("object", "password_reset");
  r.set("id", id);
  r.set("user_id", (*user)["id"]);
  r.set("email", (*user)["email"]);
  r.set("expires_at", iso_in(one_hour));
  r.set("created_at", now_iso());
  r.set("password_reset_token", token);
  r.set("password_reset_url", std::string{authkit_base} + "/reset-password?token=" + token);
  c.db.put(c.env, "password_reset", id, r, (*user)["id"].as_string());
  emit(c, "password_reset.created", without(r, {"password_reset_token", "password_reset_url"}));
  json details = json::object();
  details.set("user_id", (*user)["id"]);
  details.set("password_reset_url", r["password_reset_url"]);
  record_email(c, (*user)["email"].as_string(), "password_reset", "Reset your password", std::move(details));
  return reply::created(r);
}

reply get_password_reset(call& c) {
  auto r = c.db.get(c.env, "password_reset", c.param("id"));
  if (!r) return not_found("Password reset", c.param("id"));
  return reply::ok(public_view(std::move(*r)));
}

reply confirm_password_reset(call& c) {
  if (auto bad = validate(c.body, {{"token", field_rule::string, true}, {"new_password", field_rule::string, true}}))
    return *bad;
  const auto& token = c.body["token"].as_string();
  std::optional<json> reset;
  for (auto& r : c.db.all(c.env, "password_reset"))
    if (r["password_reset_token"].as_string() == token) reset = std::move(r);
  if (!reset)
    return bad_request("password_reset_error", "The password reset token is invalid.",
                       {{"invalid_password_reset_token", "The password reset token is invalid."}});
  if (used(*reset))
    return bad_request("password_reset_error", "The password reset token was already used.",
                       {{"password_reset_token_used", "The password reset token was already used."}});
  if (expired(*reset))
    return bad_request("password_reset_error", "The password reset token has expired.",
                       {{"password_reset_token_expired", "The password reset token has expired."}});
  if (auto weak = weak_password(c.body["new_password"].as_string()))
    return bad_request("password_reset_error", "The new password does not meet strength requirements.",
                       {{"password_strength_error", *weak}});
  auto user = find_user(c, (*reset)["user_id"].as_string());
  if (!user) return not_found("User", (*reset)["user_id"].as_string());
  json pw = json::object();
  pw.set("password", c.body["new_password"]);
  store_password(c, (*user)["id"].as_string(), pw);
  mark_used(c, *reset);
  // "Successfully resetting the password will verify a user's email, if it hasn't been verified yet."
  user->set("email_verified", true);
  user->set("updated_at", now_iso());
  save_user(c, *user);
  emit(c, "password_reset.succeeded", without(*reset, {"password_reset_token", "password_reset_url"}));
  emit(c, "user.updated", *user);
  json out = json::object();
  out.set("user", public_view(std::move(*user)));
  return reply::ok(out);
}

// ----- email verification -----------------------------------------------------------------------

reply send_verification(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if ((*user)["email_verified"].as_bool()) return error(400, "email_already_verified", "The user's email is already verified.");
  json v = json::object();
  auto id = new_id("email_verification");
  auto now = now_iso();
  v.set("object", "email_verification");
  v.set("id", id);
  v.set("user_id", c.param("id"));
  v.set("email", (*user)["email"]);
  v.set("expires_at", iso_in(one_day));
  v.set("created_at", now);
  v.set("updated_at", now);
  v.set("code", planted_secret("", 6));
  c.db.put(c.env, "email_verification", id, v, c.param("id"));
  emit(c, "email_verification.created", without(v, {"code"}));
  json details = json::object();
  details.set("user_id", c.param("id"));
  details.set("code", v["code"]);
  record_email(c, (*user)["email"].as_string(), "email_verification", "Verify your email address", std::move(details));
  json out = json::object();
  out.set("user", public_view(std::move(*user)));
  return reply::ok(out);
}

reply get_verification(call& c) {
  auto v = c.db.get(c.env, "email_verification", c.param("id"));
  if (!v) return not_found("Email verification", c.param("id"));
  return reply::ok(public_view(std::move(*v)));
}

reply confirm_verification(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body, {{"code", field_rule::string, true}})) return *bad;
  if ((*user)["email_verified"].as_bool())
    return error(400, "email_previously_verified", "The user's email was already verified.");
  std::optional<json> match;
  for (auto& v : c.db.all(c.env, "email_verification", c.param("id")))
    if (v["code"].as_string() == c.body["code"].as_string()) match = std::move(v);
  if (!match) return error(400, "email_verification_code_incorrect", "The email verification code is incorrect.");
  if (used(*match))
    return error(400, "email_verification_code_previously_used", "The email verification code was already used.");
  if (expired(*match)) return error(400, "email_verification_code_expired", "The email verification code has expired.");
  mark_used(c, *match);
  user->set("email_verified", true);
  user->set("updated_at", now_iso());
  save_user(c, *user);
  json ev = json::object();
  ev.set("type", "email_verification");
  ev.set("status", "succeeded");
  ev.set("ip_address", nullptr);
  ev.set("user_agent", nullptr);
  ev.set("user_id", c.param("id"));
  ev.set("email", (*user)["email"]);
  emit(c, "authentication.email_verification_succeeded", ev);
  emit(c, "user.updated", *user);
  json out = json::object();
  out.set("user", public_view(std::move(*user)));
  return reply::ok(out);
}

// ----- email change -----------------------------------------------------------------------------

std::optional<reply> email_unavailable(call& c, std::string_view email, std::string_view self) {
  if (auto other = user_by_email(c, email); other && (*other)["id"].as_string() != self)
    return error(409, "email_not_available", "The email " + lower(std::string{email}) + " belongs to another user.");
  return std::nullopt;
}

reply send_email_change(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body, {{"new_email", field_rule::string, true}})) return *bad;
  auto new_email = lower(c.body["new_email"].as_string());
  if (!valid_email(new_email)) return error(422, "invalid_email", "new_email must be a valid email address.");
  if (new_email == lower((*user)["email"].as_string()))
    return error(409, "email_change_not_needed", "new_email is already the user's email.");
  if (auto taken = email_unavailable(c, new_email, c.param("id"))) return *taken;
  // One pending change per user: a new request replaces the previous one.
  for (auto& old : c.db.all(c.env, "email_change", c.param("id"))) c.db.remove(c.env, old["id"].as_string());
  json change = json::object();
  auto id = new_id("email_change");
  change.set("object", "email_change");
  change.set("id", id);
  change.set("user_id", c.param("id"));
  change.set("new_email", new_email);
  change.set("expires_at", iso_in(ten_minutes));
  change.set("created_at", now_iso());
  change.set("_code", planted_secret("", 6));
  c.db.put(c.env, "email_change", id, change, c.param("id"));
  json details = json::object();
  details.set("user_id", c.param("id"));
  details.set("code", change["_code"]);
  record_email(c, new_email, "email_change", "Confirm your new email address", std::move(details));
  json out = json::object();
  out.set("object", "email_change");
  out.set("user", public_view(std::move(*user)));
  out.set("new_email", new_email);
  out.set("expires_at", change["expires_at"]);
  out.set("created_at", change["created_at"]);
  return reply::ok(out);
}

reply confirm_email_change(call& c) {
  auto user = find_user(c, c.param("id"));
  if (!user) return not_found("User", c.param("id"));
  if (auto bad = validate(c.body, {{"code", field_rule::string, true}})) return *bad;
  auto changes = c.db.all(c.env, "email_change", c.param("id"));
  if (changes.empty()) return error(409, "no_pending_email_change", "The user has no pending email change.");
  auto& change = changes.back();
  if (used(change)) return error(409, "email_change_code_previously_used", "The email change code was already used.");
  if (change["_code"].as_string() != c.body["code"].as_string())
    return error(400, "email_change_code_incorrect", "The email change code is incorrect.");
  if (expired(change)) return error(400, "email_change_code_expired", "The email change code has expired.");
  const auto& new_email = change["new_email"].as_string();
  if (auto taken = email_unavailable(c, new_email, c.param("id"))) return *taken;
  mark_used(c, change);
  user->set("email", new_email);
  user->set("email_verified", true);
  user->set("updated_at", now_iso());
  save_user(c, *user);
  emit(c, "user.updated", *user);
  json out = json::object();
  out.set("object", "email_change_confirmation");
  out.set("user", public_view(std::move(*user)));
  return reply::ok(out);
}

// ----- magic auth -------------------------------------------------------------------------------

reply create_magic_auth(call& c) {
  if (auto bad = validate(c.body, {{"email", field_rule::string, true},
                                   {"invitation_token", field_rule::string},
                                   {"ip_address", field_rule::string},
                                   {"user_agent", field_rule::string},
                                   {"radar_auth_attempt_id", field_rule::string},
                                   {"signals_id", field_rule::string}}))
    return *bad;
  const auto& email = c.body["email"].as_string();
  if (!valid_email(email)) return unprocessable({{"email", "invalid"}}, "email must be a valid email address.");
  if (c.body["invitation_token"].is_string()) {
    bool valid = false;
    for (const auto& inv : c.db.all(c.env, invitation_type))
      if (inv["token"].as_string() == c.body["invitation_token"].as_string() && inv["state"].as_string() == "pending" &&
          !expired(inv) && lower(inv["email"].as_string()) == lower(email))
        valid = true;
    if (!valid) {
      json b = json::object();
      b.set("error", "invitation_invalid");
      b.set("error_description", "The invitation token is invalid, expired, or for another email address.");
      return {400, std::move(b), false};
    }
  }
  // A code for an unknown address signs the user up: the user exists from now on.
  auto user = user_by_email(c, email);
  if (!user) {
    user = new_user(email, false);
    save_user(c, *user);
    emit(c, "user.created", *user);
  }
  json m = json::object();
  auto id = new_id("magic_auth");
  auto now = now_iso();
  m.set("object", "magic_auth");
  m.set("id", id);
  m.set("user_id", (*user)["id"]);
  m.set("email", (*user)["email"]);
  m.set("expires_at", iso_in(ten_minutes));
  m.set("created_at", now);
  m.set("updated_at", now);
  m.set("code", planted_secret("", 6));
  c.db.put(c.env, "magic_auth", id, m, (*user)["id"].as_string());
  emit(c, "magic_auth.created", without(m, {"code"}));
  json details = json::object();
  details.set("user_id", (*user)["id"]);
  details.set("code", m["code"]);
  record_email(c, (*user)["email"].as_string(), "magic_auth", "Your sign-in code", std::move(details));
  return reply::created(m);
}

reply get_magic_auth(call& c) {
  auto m = c.db.get(c.env, "magic_auth", c.param("id"));
  if (!m) return not_found("Magic Auth", c.param("id"));
  return reply::ok(public_view(std::move(*m)));
}

}  // namespace

void register_flows(api& a) {
  a.add("POST", "/user_management/password_reset", create_password_reset);
  a.add("POST", "/user_management/password_reset/confirm", confirm_password_reset);
  a.add("GET", "/user_management/password_reset/{id}", get_password_reset);
  a.add("POST", "/user_management/users/{id}/email_verification/send", send_verification);
  a.add("POST", "/user_management/users/{id}/email_verification/confirm", confirm_verification);
  a.add("GET", "/user_management/email_verification/{id}", get_verification);
  a.add("POST", "/user_management/users/{id}/email_change/send", send_email_change);
  a.add("POST", "/user_management/users/{id}/email_change/confirm", confirm_email_change);
  a.add("POST", "/user_management/magic_auth", create_magic_auth);
  a.add("GET", "/user_management/magic_auth/{id}", get_magic_auth);
}

}  // namespace emulator::products::um
