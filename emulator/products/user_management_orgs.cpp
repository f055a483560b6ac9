// emulator/products/user_management_orgs.cpp — users in organizations: organization memberships
// (create, list, get, update, delete, deactivate, reactivate) and invitations (send, list, get,
// get by token, accept, revoke, resend).
//
// Inviting an existing user to an organization gives them a `pending` membership, which
// accepting activates and revoking removes. Role slugs are checked against the environment's
// roles when Authorization has any (see um::unknown_role); the default role is "member".
#include <algorithm>
#include <iterator>

#include "emulator/products/user_management.hpp"

namespace emulator::products::um {

namespace {

constexpr std::string_view default_role = "member";

// ----- organization memberships -----------------------------------------------------------------

// The role slugs of a body ({role_slug} or {role_slugs}); an error when malformed.
std::optional<reply> role_slugs_of(const json& body, std::vector<std::string>& out) {
  const json* one = body.find("role_slug");
  const json* many = body.find("role_slugs");
  bool has_one = one && !one->is_null(), has_many = many && !many->is_null();
  if (has_one && has_many)
    return unprocessable({{"role_slug", "invalid"}, {"role_slugs", "invalid"}}, "role_slug and role_slugs are mutually exclusive.");
  if (has_one) {
    if (!one->is_string() || one->as_string().empty()) return unprocessable({{"role_slug", "invalid_type"}});
    out.push_back(one->as_string());
  }
  if (has_many) {
    if (!many->is_array() || many->as_array().empty())
      return unprocessable({{"role_slugs", "invalid"}}, "role_slugs must be a non-empty array of role slugs.");
    for (const auto& s : many->as_array()) {
      if (!s.is_string() || s.as_string().empty()) return unprocessable({{"role_slugs", "invalid"}});
      if (std::find(out.begin(), out.end(), s.as_string()) == out.end()) out.push_back(s.as_string());
    }
  }
  return std::nullopt;
}

std::optional<reply> check_roles(call& c, std::string_view org_id, const std::vector<std::string>& slugs) {
  if (auto bad = unknown_role(c, org_id, slugs))
    return error(422, "invalid_role", "Role not found: '" + *bad + "'.");
  return std::nullopt;
}

void set_roles(json& m, const std::vector<std::string>& slugs) {
  auto fresh = new_membership("", "", "", slugs);
  m.set("role", fresh["role"]);
  m.set("roles", fresh["roles"]);
}

reply create_membership(call& c) {
  if (auto bad = validate(c.body, {{"user_id", field_rule::string, true},
                                   {"organization_id", field_rule::string, true},
                                   {"role_slug", field_rule::string},
                                   {"role_slugs", field_rule::array}}))
    return *bad;
  std::vector<std::string> slugs;
  if (auto bad = role_slugs_of(c.body, slugs)) return *bad;
  const auto& user_id = c.body["user_id"].as_string();
  const auto& org_id = c.body["organization_id"].as_string();
  if (!find_user(c, user_id)) return not_found("User", user_id);
  if (!find_organization(c, org_id)) return not_found("Organization", org_id);
  if (auto bad = check_roles(c, org_id, slugs)) return *bad;
  if (auto existing = membership_of(c, user_id, org_id)) {
    auto status = (*existing)["status"].as_string();
    if (status == "pending")
      return bad_request("cannot_reactivate_pending_organization_membership",
                         "The user has a pending membership in this organization: accept the invitation instead.");
    if (status == "active")
      return error(409, "organization_membership_already_exists",
                   "The user is already a member of this organization: '" + (*existing)["id"].as_string() + "'.");
    // "Calling this API with an organization and user that match an inactive organization
    // membership will activate the membership with the specified role(s)."
    existing->set("status", "active");
    if (!slugs.empty()) set_roles(*existing, slugs);
    existing->set("updated_at", now_iso());
    save_membership(c, *existing);
    emit(c, "organization_membership.updated", membership_event(*existing));
    return reply::created(membership_view(c, *existing));
  }
  if (slugs.empty()) slugs.emplace_back(default_role);
  auto m = new_membership(user_id, org_id, "active", slugs);
  save_membership(c, m);
  emit(c, "organization_membership.created", membership_event(m));
  return reply::created(membership_view(c, m));
}

reply list_memberships(call& c) {
  auto org = c.q("organization_id");
  auto user = c.q("user_id");
  if (!org && !user)
    return bad_request("missing_user_id_or_organization_id", "Provide at least one of user_id or organization_id.");
  if (org && !find_organization(c, *org)) return not_found("Organization", *org);
  if (user && !find_user(c, *user)) return not_found("User", *user);
  auto statuses = c.q_all("statuses");
  for (const auto& s : statuses)
    if (s != "active" && s != "inactive" && s != "pending")
      return unprocessable({{"statuses", "invalid"}}, "statuses may hold active, inactive and pending.");
  // "By default only active memberships are returned."
  if (statuses.empty()) statuses.emplace_back("active");
  std::vector<json> out;
  auto all = user ? c.db.all(c.env, membership_type, *user) : c.db.all(c.env, membership_type);
  for (auto& m : all) {
    if (org && m["organization_id"].as_string() != *org) continue;
    if (std::find(statuses.begin(), statuses.end(), m["status"].as_string()) == statuses.end()) continue;
    out.push_back(membership_view(c, m));
  }
  return paginate(c, std::move(out));
}

reply get_membership(call& c) {
  auto m = c.db.get(c.env, membership_type, c.param("id"));
  if (!m) return not_found("Organization membership", c.param("id"));
  return reply::ok(membership_view(c, *m));
}

reply update_membership(call& c) {
  auto m = c.db.get(c.env, membership_type, c.param("id"));
  if (!m) return not_found("Organization membership", c.param("id"));
  if (auto bad = validate(c.body.is_null() ? json::object() : c.body,
                          {{"role_slug", field_rule::string}, {"role_slugs", field_rule::array}}))
    return *bad;
  std::vector<std::string> slugs;
  if (auto bad = role_slugs_of(c.body, slugs)) return *bad;
  if (auto bad = check_roles(c, (*m)["organization_id"].as_string(), slugs)) return *bad;
  if (!slugs.empty()) set_roles(*m, slugs);
  m->set("updated_at", now_iso());
  save_membership(c, *m);
  emit(c, "organization_membership.updated", membership_event(*m));
  return reply::ok(membership_view(c, *m));
}

reply delete_membership(call& c) {
  auto m = c.db.get(c.env, membership_type, c.param("id"));
  if (!m) return not_found("Organization membership", c.param("id"));
  c.db.remove(c.env, c.param("id"));
  emit(c, "organization_membership.deleted", membership_event(*m));
  return {200, json{}, true};
}

// Deactivate (to inactive) and reactivate (to active): the other state is a no-op without an
// event; a pending membership is an error.
reply set_status(call& c, std::string_view to) {
  auto m = c.db.get(c.env, membership_type, c.param("id"));
  if (!m) return not_found("Organization membership", c.param("id"));
  auto status = (*m)["status"].as_string();
  if (status == "pending")
    return bad_request(to == "active" ? "cannot_reactivate_pending_organization_membership"
                                      : "cannot_deactivate_pending_organization_membership",
                       "A pending membership cannot change status: accept or delete it instead.");
  if (status != to) {
    m->set("status", to);
    m->set("updated_at", now_iso());
    save_membership(c, *m);
    emit(c, "organization_membership.updated", membership_event(*m));
  }
  return reply::ok(membership_view(c, *m));
}

reply deactivate_membership(call& c) { return set_status(c, "inactive"); }
reply reactivate_membership(call& c) { return set_status(c, "active"); }

// ----- invitations ------------------------------------------------------------------------------

constexpr std::string_view locales[] = {
    "af", "am", "ar", "bg", "bn", "bs", "ca", "cs", "da", "de", "de-DE", "el", "en", "en-AU", "en-CA", "en-GB",
    "en-US", "es", "es-419", "es-ES", "es-US", "et", "fa", "fi", "fil", "fr", "fr-BE", "fr-CA", "fr-FR", "fy", "gl",
    "gu", "ha", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "it-IT", "ja", "jv", "ka", "kk", "km", "kn", "ko",
    "lt", "lv", "mk", "ml", "mn", "mr", "ms", "my", "nb", "ne", "nl", "nl-BE", "nl-NL", "nn", "no", "pa", "pl", "pt",
    "pt-BR", "pt-PT", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th", "tr", "uk", "ur", "uz", "vi",
    "zh", "zh-CN", "zh-HK", "zh-TW", "zu"};

std::optional<reply> check_locale(const json& body) {
  const json* l = body.find("locale");
  if (!l || l->is_null()) return std::nullopt;
  if (!l->is_string() || std::find(std::begin(locales), std::end(locales), l->as_string()) == std::end(locales))
    return unprocessable({{"locale", "invalid"}}, "locale is not a supported locale.");
  return std::nullopt;
}

// A pending invitation past its expiry reads as expired.
json invitation_view(json inv) {
  if (inv["state"].as_string() == "pending" && expired(inv)) inv.set("state", "expired");
  return public_view(std::move(inv));
}

json invitation_event(const json& inv) { return without(invitation_view(inv), {"token", "accept_invitation_url"}); }

void save_invitation(call& c, const json& inv) {
  c.db.put(c.env, invitation_type, inv["id"].as_string(), inv, inv["organization_id"].string_or(""));
}

void send_invitation_email(call& c, const json& inv) {
  json details = json::object();
  details.set("invitation_id", inv["id"]);
  details.set("organization_id", inv["organization_id"]);
  details.set("accept_invitation_url", inv["accept_invitation_url"]);
  std::string subject = "You have been invited";
  if (inv["organization_id"].is_string())
    if (auto org = find_organization(c, inv["organization_id"].as_string()))
      subject += " to join " + (*org)["name"].as_string();
  record_email(c, inv["email"].as_string(), "invitation", subject, std::move(details));
}

reply send_invitation(call& c) {
  if (auto bad = validate(c.body, {{"email", field_rule::string, true},
                                   {"organization_id", field_rule::string},
                                   {"role_slug", field_rule::string},
                                   {"expires_in_days", field_rule::number},
                                   {"inviter_user_id", field_rule::string},
                                   {"locale", field_rule::string}}))
    return *bad;
  auto email = lower(c.body["email"].as_string());
  if (!valid_email(email)) return unprocessable({{"email", "invalid"}}, "email must be a valid email address.");
  if (auto bad = check_locale(c.body)) return *bad;
  const json& org_id = c.body["organization_id"];
  if (org_id.is_string() && !find_organization(c, org_id.as_string())) return not_found("Organization", org_id.as_string());
  if (c.body["inviter_user_id"].is_string() && !find_user(c, c.body["inviter_user_id"].as_string()))
    return not_found("User", c.body["inviter_user_id"].as_string());
  std::int64_t days = 7;
  if (const json& d = c.body["expires_in_days"]; d.is_number()) {
    if (!d.is_int()) return unprocessable({{"expires_in_days", "invalid_type"}}, "expires_in_days must be a whole number.");
    days = d.as_int();
    if (days < 1) return error(400, "expires_in_days_too_short", "expires_in_days must be at least 1.");
    if (days > 30) return error(400, "expires_in_days_too_long", "expires_in_days must be at most 30.");
  }
  if (c.body["role_slug"].is_string()) {
    if (!org_id.is_string())
      return unprocessable({{"role_slug", "invalid"}}, "role_slug needs an organization_id.");
    if (auto bad = unknown_role(c, org_id.as_string(), {c.body["role_slug"].as_string()}))
      return error(400, "invalid_role", "Role not found: '" + *bad + "'.");
  }
  for (const auto& inv : c.db.all(c.env, invitation_type)) {
    if (lower(inv["email"].as_string()) != email || inv["state"].as_string() != "pending" || expired(inv)) continue;
    if (org_id.is_string() && inv["organization_id"] == org_id)
      return error(400, "email_already_invited_to_organization", "This email already has a pending invitation to this organization.");
    if (!org_id.is_string() && inv["organization_id"].is_null())
      return error(400, "email_already_invited", "This email already has a pending invitation.");
  }
  auto user = user_by_email(c, email);
  std::optional<json> pending;
  if (user && org_id.is_string()) {
    if (membership_of(c, (*user)["id"].as_string(), org_id.as_string()))
      return error(400, "user_already_organization_member", "The user is already a member of this organization.");
    pending = new_membership((*user)["id"].as_string(), org_id.as_string(), "pending",
                             {c.body["role_slug"].string_or(default_role)});
  } else if (user) {
    return error(400, "user_already_exists", "A user with this email already exists.");
  }

  json inv = json::object();
  auto id = new_id("invitation");
  auto token = planted_secret("", 32);
  auto now = now_iso();
  inv.set("object", "invitation");
  inv.set("id", id);
  inv.set("email", email);
  inv.set("state", "pending");
  inv.set("accepted_at", nullptr);
  inv.set("revoked_at", nullptr);
  inv.set("expires_at", iso_in(std::chrono::seconds(days * 24 * 3600)));
  inv.set("organization_id", org_id.is_string() ? org_id : json{});
  inv.set("inviter_user_id", c.body["inviter_user_id"]);
  inv.set("accepted_user_id", nullptr);
  inv.set("role_slug", c.body["role_slug"]);
  inv.set("created_at", now);
  inv.set("updated_at", now);
  inv.set("token", token);
  inv.set("accept_invitation_url", std::string{authkit_base} + "/invite?invitation_token=" + token);
  save_invitation(c, inv);
  emit(c, "invitation.created", invitation_event(inv));
  if (pending) {
    save_membership(c, *pending);
    emit(c, "organization_membership.created", membership_event(*pending));
  }
  send_invitation_email(c, inv);
  return reply::created(invitation_view(inv));
}

reply list_invitations(call& c) {
  auto org = c.q("organization_id");
  auto email = c.q("email");
  std::vector<json> out;
  for (auto& inv : c.db.all(c.env, invitation_type)) {
    if (org && inv["organization_id"].string_or("") != *org) continue;
    if (email && lower(inv["email"].as_string()) != lower(*email)) continue;
    out.push_back(invitation_view(std::move(inv)));
  }
  return paginate(c, std::move(out));
}

reply get_invitation(call& c) {
  auto inv = c.db.get(c.env, invitation_type, c.param("id"));
  if (!inv) return not_found("Invitation", c.param("id"));
  return reply::ok(invitation_view(std::move(*inv)));
}

reply get_invitation_by_token(call& c) {
  for (auto& inv : c.db.all(c.env, invitation_type))
    if (inv["token"].as_string() == c.param("token")) return reply::ok(invitation_view(std::move(inv)));
  json b = json::object();
  b.set("code", "entity_not_found");
  b.set("message", "Invitation not found for this token.");
  return {404, std::move(b), false};
}

reply accept_invitation(call& c) {
  auto inv = c.db.get(c.env, invitation_type, c.param("id"));
  if (!inv) return not_found("Invitation", c.param("id"));
  if (invitation_view(*inv)["state"].as_string() != "pending")
    return bad_request("invite_not_pending", "The invitation is " + invitation_view(*inv)["state"].as_string() + ", not pending.");
  // The invitee signs up by accepting when they have no user yet (their address is proven).
  auto user = user_by_email(c, (*inv)["email"].as_string());
  if (!user) {
    user = new_user((*inv)["email"].as_string(), true);
    save_user(c, *user);
    emit(c, "user.created", *user);
  }
  const auto& user_id = (*user)["id"].as_string();
  if ((*inv)["organization_id"].is_string()) {
    const auto& org_id = (*inv)["organization_id"].as_string();
    if (find_organization(c, org_id)) {
      std::vector<std::string> slugs{(*inv)["role_slug"].string_or(default_role)};
      if (auto m = membership_of(c, user_id, org_id)) {
        if ((*m)["status"].as_string() != "active") {
          if ((*m)["status"].as_string() == "pending") set_roles(*m, slugs);
          m->set("status", "active");
          m->set("updated_at", now_iso());
          save_membership(c, *m);
          emit(c, "organization_membership.updated", membership_event(*m));
        }
      } else {
        auto fresh = new_membership(user_id, org_id, "active", slugs);
        save_membership(c, fresh);
        emit(c, "organization_membership.created", membership_event(fresh));
      }
    }
  }
  auto now = now_iso();
  inv->set("state", "accepted");
  inv->set("accepted_at", now);
  inv->set("accepted_user_id", user_id);
  inv->set("updated_at", now);
  save_invitation(c, *inv);
  emit(c, "invitation.accepted", invitation_event(*inv));
  return reply::ok(invitation_view(std::move(*inv)));
}

reply revoke_invitation(call& c) {
  auto inv = c.db.get(c.env, invitation_type, c.param("id"));
  if (!inv) return not_found("Invitation", c.param("id"));
  auto state = invitation_view(*inv)["state"].as_string();
  if (state != "pending") return bad_request("invite_not_pending", "The invitation is " + state + ", not pending.");
  auto now = now_iso();
  inv->set("state", "revoked");
  inv->set("revoked_at", now);
  inv->set("updated_at", now);
  save_invitation(c, *inv);
  emit(c, "invitation.revoked", invitation_event(*inv));
  // The pending membership the invitation made goes with it.
  if ((*inv)["organization_id"].is_string())
    if (auto user = user_by_email(c, (*inv)["email"].as_string()))
      if (auto m = membership_of(c, (*user)["id"].as_string(), (*inv)["organization_id"].as_string());
          m && (*m)["status"].as_string() == "pending") {
        c.db.remove(c.env, (*m)["id"].as_string());
        emit(c, "organization_membership.deleted", membership_event(*m));
      }
  return reply::ok(invitation_view(std::move(*inv)));
}

reply resend_invitation(call& c) {
  auto inv = c.db.get(c.env, invitation_type, c.param("id"));
  if (!inv) return not_found("Invitation", c.param("id"));
  if (auto bad = validate(c.body.is_null() ? json::object() : c.body, {{"locale", field_rule::string}})) return *bad;
  if (auto bad = check_locale(c.body)) return *bad;
  auto state = invitation_view(*inv)["state"].as_string();
  if (state == "expired") return error(400, "invite_expired", "The invitation has expired.");
  if (state == "revoked") return error(400, "invite_revoked", "The invitation was revoked.");
  if (state == "accepted") return error(400, "invite_accepted", "The invitation was already accepted.");
  inv->set("updated_at", now_iso());
  save_invitation(c, *inv);
  emit(c, "invitation.resent", invitation_event(*inv));
  send_invitation_email(c, *inv);
  return reply::ok(invitation_view(std::move(*inv)));
}

}  // namespace

void register_memberships(api& a) {
  a.add("GET", "/user_management/organization_memberships", list_memberships);
  a.add("POST", "/user_management/organization_memberships", create_membership);
  a.add("GET", "/user_management/organization_memberships/{id}", get_membership);
  a.add("PUT", "/user_management/organization_memberships/{id}", update_membership);
  a.add("DELETE", "/user_management/organization_memberships/{id}", delete_membership);
  a.add("PUT", "/user_management/organization_memberships/{id}/deactivate", deactivate_membership);
  a.add("PUT", "/user_management/organization_memberships/{id}/reactivate", reactivate_membership);
}

void register_invitations(api& a) {
  a.add("GET", "/user_management/invitations", list_invitations);
  a.add("POST", "/user_management/invitations", send_invitation);
  a.add("GET", "/user_management/invitations/by_token/{token}", get_invitation_by_token);
  a.add("GET", "/user_management/invitations/{id}", get_invitation);
  a.add("POST", "/user_management/invitations/{id}/accept", accept_invitation);
  a.add("POST", "/user_management/invitations/{id}/revoke", revoke_invitation);
  a.add("POST", "/user_management/invitations/{id}/resend", resend_invitation);
}

}  // namespace emulator::products::um
