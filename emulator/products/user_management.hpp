// emulator/products/user_management.hpp — what the User Management files share (users, memberships,
// invitations): wire views, lookups, validation helpers and the outbox of "sent" emails.
//
// Internal state that the API never shows (a reset token's use, a code's consumption) is kept in
// stored objects under keys starting with '_'; `public_view` strips them from every answer.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/products.hpp"

namespace emulator::products::um {

// Stored types (parent in brackets): user; organization_membership [user]; session [user];
// user_password [user]; user_identity [user]; email_verification [user]; password_reset [user];
// magic_auth [user]; email_change [user]; invitation [organization or ""]; email (the outbox).
inline constexpr std::string_view user_type = "user";
inline constexpr std::string_view membership_type = "organization_membership";
inline constexpr std::string_view invitation_type = "invitation";
inline constexpr std::string_view organization_type = "organization";

/// Where emulated AuthKit pages live (password reset and invitation links point there).
inline constexpr std::string_view authkit_base = "https://authkit.emulator.workos.invalid";

/// The object without its '_'-prefixed internal members.
json public_view(json o);
/// The same without the given members too (events omit codes and tokens).
json without(json o, std::initializer_list<std::string_view> keys);

/// A plausible address: one '@', something before it, a dot after it, no spaces.
bool valid_email(std::string_view s);
/// Now plus `d`, as the API's timestamps.
std::string iso_in(std::chrono::seconds d);
/// True when the object's `expires_at` lies in the past.
bool expired(const json& o);

std::optional<json> find_user(call& c, std::string_view id);
std::optional<json> user_by_email(call& c, std::string_view email);
std::optional<json> find_organization(call& c, std::string_view id);
/// Stores a user (kept under no parent).
void save_user(call& c, const json& user);
/// A new user with defaults, as POST /user_management/users makes it (not stored).
json new_user(std::string_view email, bool email_verified);

/// Roles referenced by slug: with no role objects in the environment any slug is accepted;
/// otherwise each must be an environment role or a role of `org_id`. The unknown slug, if any.
std::optional<std::string> unknown_role(call& c, std::string_view org_id, const std::vector<std::string>& slugs);

/// The membership as the API answers it (organization_name and the user embedded).
json membership_view(call& c, const json& m);
/// The membership as events carry it (no user, no organization_name).
json membership_event(const json& m);
/// A new membership (not stored).
json new_membership(std::string_view user_id, std::string_view org_id, std::string_view status,
                    const std::vector<std::string>& role_slugs);
void save_membership(call& c, const json& m);
std::optional<json> membership_of(call& c, std::string_view user_id, std::string_view org_id);

/// Records a "sent" email in the outbox (GET /dashboard/emails), for tests and demos.
void record_email(call& c, std::string_view to, std::string_view template_name, std::string_view subject,
                  json details);

/// A 400 with the spec's `{code, message, errors:[{code, message}]}` shape.
reply bad_request(std::string_view code, std::string_view message, std::vector<std::pair<std::string, std::string>> errors = {});

/// Checks the password members of a create/update body (plaintext xor hash); the error, if any.
std::optional<reply> password_input_error(const json& body);
/// Replaces the user's stored credential from a body that passed `password_input_error`.
void store_password(call& c, std::string_view user_id, const json& body);
/// A plaintext password's weakness, if any (the spec's password_strength_error cases).
std::optional<std::string> weak_password(std::string_view password);
/// Removes every object of the user's (memberships, sessions, credentials, codes), emitting
/// organization_membership.deleted for each membership.
void remove_user_children(call& c, std::string_view user_id);

void register_flows(api& a);        // user_management_flows.cpp: password reset, email
                                    //   verification, email change, magic auth
void register_memberships(api& a);  // user_management_orgs.cpp
void register_invitations(api& a);  // user_management_orgs.cpp

}  // namespace emulator::products::um
