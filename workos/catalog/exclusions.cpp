// workos/catalog/exclusions.cpp — what the catalog deliberately leaves out, and why (DESIGN §1.1
// promise 6). The policy refuses these ids by name even if a row for one is added to a table, and
// tests/catalog/spec.test.mjs checks that every spec operation is either in a table or here.
//
// Rows with a method and path are public API (or emulator dashboard) operations; rows without one
// are dashboard actions the API has no endpoint for, named so that nobody adds them later.
#include "workos/catalog/tables.hpp"

namespace workos::catalog {
namespace {

constexpr exclusion rows[] = {
    // --- Impersonation: never exposed, and no mutation while a session impersonates.
    {"", "", "users.impersonate", "impersonating a user is a dashboard action an agent may never take"},

    // --- MCP access settings: only team admins change them, never through MCP.
    {"", "", "mcp_access.update", "the team's MCP switches (enable, production, write) are changed by team admins only"},

    // --- Team deletion.
    {"", "", "team.delete", "deleting the WorkOS team is never exposed"},

    // --- Minting or rotating credentials. Listing, expiring and deleting keys stay in the catalog:
    // they reveal nothing and take power away rather than hand it out.
    {"POST", "/organizations/{organizationId}/api_keys", "api_keys.create_for_organization",
     "mints an organization API key"},
    {"POST", "/user_management/users/{userId}/api_keys", "api_keys.create_for_user", "mints a user API key"},
    {"POST", "/connect/applications/{id}/client_secrets", "connect.create_client_secret",
     "mints a Connect application client secret"},
    {"POST", "/dashboard/oauth/rotate-signing-key", "authkit_config.rotate_signing_key",
     "rotates the authorization server's token-signing key (dashboard-side)"},
    // Vault data keys: each hands out (or re-wraps) a plaintext encryption key; the key-value
    // objects, whose values are stripped, stay in the catalog.
    {"POST", "/vault/v1/keys/data-key", "vault.create_data_key", "mints a Vault data key"},
    {"POST", "/vault/v1/keys/decrypt", "vault.decrypt_data_key", "returns a plaintext Vault data key"},
    {"POST", "/vault/v1/keys/rekey", "vault.rekey_data_key", "rotates a Vault data key"},

    // --- End-user authentication flows: they sign a person in or out, run with the person's own
    // credentials or codes, and answer tokens; an agent managing the workspace has no part in them.
    {"POST", "/user_management/authenticate", "users.authenticate", "end-user authentication (every grant type)"},
    {"GET", "/user_management/authorize", "users.authorize", "end-user authorization redirect"},
    {"POST", "/user_management/authorize/device", "users.authorize_device", "end-user device authorization"},
    {"GET", "/user_management/sessions/logout", "users.logout", "end-user logout redirect"},
    {"POST", "/user_management/radar_challenges", "users.send_radar_challenge",
     "a step of end-user authentication (needs the pending authentication token)"},
    {"GET", "/sso/authorize", "sso.authorize", "end-user SSO authorization redirect"},
    {"POST", "/sso/token", "sso.token", "end-user SSO code exchange (answers access tokens)"},
    {"GET", "/sso/profile", "sso.get_profile", "needs the end user's SSO access token, not the environment's key"},
    {"GET", "/sso/logout", "sso.logout", "end-user SSO logout redirect"},
    {"POST", "/sso/logout/authorize", "sso.logout_authorize", "starts an end-user SSO logout (answers a logout token)"},
    {"POST", "/authkit/oauth2/complete", "connect.complete_external_login",
     "completes an end user's sign-in through an external login page"},
    {"PATCH", "/agents/claims/attempts", "agents.link_claim_attempt",
     "completes an agent's claim sign-in for a user (needs the claim attempt token)"},
    // Steps a person takes with the one-time code or token they received: an agent never holds
    // those (they are stripped from every response), and an admin reaches the same end through
    // users.update (email_verified, password).
    {"POST", "/user_management/users/{id}/email_verification/confirm", "users.verify_email",
     "an end user's own email verification, with the code they received"},
    {"POST", "/user_management/users/{id}/email_change/confirm", "users.confirm_email_change",
     "an end user's own email change, with the code sent to the new address"},
    {"POST", "/user_management/password_reset/confirm", "users.reset_password",
     "an end user's own password reset, with the reset token they received"},
    // MFA enrolment and challenges: the factor's secret (TOTP seed, QR code) and the challenge
    // codes are stripped, so these could only ever half-work; they belong to the person's sign-in.
    {"POST", "/auth/factors/enroll", "mfa.enroll_factor", "an end user's MFA enrolment (answers the TOTP secret)"},
    {"POST", "/auth/factors/{id}/challenge", "mfa.challenge_factor", "a step of an end user's MFA sign-in"},
    {"POST", "/auth/challenges/{id}/verify", "mfa.verify_challenge", "a step of an end user's MFA sign-in (needs their code)"},
    {"POST", "/user_management/users/{userlandUserId}/auth_factors", "mfa.enroll_user_factor",
     "an end user's MFA enrolment (answers the TOTP secret)"},

    // --- Minting tokens for someone else: browser tokens that act as a user.
    {"POST", "/widgets/token", "widgets.create_token", "mints a widget session token that acts as a user"},
    {"POST", "/client/token", "widgets.create_client_api_token", "mints a Client API token that acts as a user"},
};

}  // namespace

std::span<const exclusion> exclusion_rows() { return rows; }

}  // namespace workos::catalog
