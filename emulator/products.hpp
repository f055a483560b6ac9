// emulator/products.hpp — one registration function per WorkOS product (emulator/products/).
//
// Adding a product is adding a file with its routes and one line in register_all. Products that
// the dashboard owns rather than the public API (creating SSO connections and directories,
// branding, audit-log streams) live under the documented `/dashboard/` path prefix.
#pragma once

#include "emulator/api.hpp"

namespace emulator::products {

void register_organizations(api& a);   // organizations.cpp
void register_events(api& a);          // events.cpp
void register_environment(api& a);     // environment.cpp: GET /dashboard/environment
void register_directory_sso(api& a);   // directory_sso.cpp: organization domains, SSO, directory sync,
                                       //   admin portal, widgets, client token, radar, /dashboard/ connections+directories
void register_user_management(api& a); // user_management.cpp: users, identities, sessions, memberships,
                                       //   invitations, magic auth, password reset, email verification
void register_authorization(api& a);   // authorization.cpp: roles, permissions, assignments, resources, groups
void register_platform(api& a);        // platform.cpp: audit logs, webhooks, feature flags, redirect URIs,
                                       //   CORS origins, JWT template, API keys, vault, /dashboard/ branding+log streams

/// An organization_domain object (organizations.cpp), shared by Organizations (domains given at
/// creation) and Organization Domains (created alone). Its verification token is a planted secret.
json make_organization_domain(std::string_view organization_id, std::string_view domain, std::string_view state);

/// Hands committed events to webhook delivery (platform.cpp): every enabled endpoint of `env`
/// subscribed to an event gets it POSTed with a WorkOS-Signature header, in the background.
/// Never blocks the caller.
void deliver_webhooks(store& db, const std::string& env, std::vector<json> events);

/// Every product, in one place.
inline void register_all(api& a) {
  register_organizations(a);
  register_events(a);
  register_environment(a);
  register_directory_sso(a);
  register_user_management(a);
  register_authorization(a);
  register_platform(a);
}

}  // namespace emulator::products
