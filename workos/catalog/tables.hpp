// workos/catalog/tables.hpp — what the per-product catalog tables share: the role sets every row
// picks from, and the functions catalog.cpp joins into one catalog. Internal to workos/catalog.
#pragma once

#include <span>

#include "workos/catalog.hpp"
#include "workos/operation.hpp"

namespace workos::catalog {

using control::role;

// DESIGN §1.1 promise 1, the only three role sets a row may use:
/// Reads: every dashboard role.
inline constexpr role_set readers{role::admin, role::developer, role::support, role::viewer};
/// Writes and irreversible operations: admins and developers.
inline constexpr role_set writers{role::admin, role::developer};
/// Writes on SSO connections and directories, which the support role may also change.
inline constexpr role_set writers_and_support{role::admin, role::developer, role::support};

// One function per table file, in workos/catalog/<file>.cpp.
std::span<const operation> organizations_operations();
std::span<const operation> organization_domains_operations();
std::span<const operation> sso_operations();
std::span<const operation> directory_sync_operations();
std::span<const operation> users_operations();
std::span<const operation> organization_memberships_operations();
std::span<const operation> invitations_operations();
std::span<const operation> magic_auth_operations();
std::span<const operation> mfa_operations();
std::span<const operation> authkit_config_operations();
std::span<const operation> authorization_operations();
std::span<const operation> groups_operations();
std::span<const operation> audit_logs_operations();
std::span<const operation> admin_portal_operations();
std::span<const operation> events_operations();
std::span<const operation> webhooks_operations();
std::span<const operation> feature_flags_operations();
std::span<const operation> api_keys_operations();
std::span<const operation> connect_operations();
std::span<const operation> pipes_operations();
std::span<const operation> vault_operations();
std::span<const operation> radar_operations();
std::span<const operation> agents_operations();
std::span<const operation> branding_operations();
std::span<const operation> log_streams_operations();

std::span<const exclusion> exclusion_rows();

}  // namespace workos::catalog
