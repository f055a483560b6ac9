// emulator/products/platform.hpp — internal to the platform product files (platform*.cpp,
// webhooks.cpp): their registration functions and the few helpers they share.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "emulator/api.hpp"

namespace emulator::products::platform {

void register_audit_logs(api& a);      // platform.cpp: events, actions, schemas, exports, retention
void register_dashboard(api& a);       // platform.cpp: /dashboard/branding, /dashboard/…/audit_log_streams
void register_feature_flags(api& a);   // platform_config.cpp
void register_authkit_config(api& a);  // platform_config.cpp: redirect URIs, CORS origins, JWT template
void register_api_keys(api& a);        // platform_config.cpp
void register_vault(api& a);           // platform_vault.cpp
void register_webhooks(api& a);        // webhooks.cpp

/// A copy of `object` without the named members (internal fields, credentials, hashes).
json without(json object, std::initializer_list<std::string_view> keys);

/// Removes the named members from every item of a list reply's `data` (after `paginate`).
reply strip_list(reply r, std::initializer_list<std::string_view> keys);

/// True when `v` is a string holding an ISO-8601 UTC timestamp.
bool is_iso(const json& v);


/// The organization or user with this id in the call's environment.
bool organization_exists(call& c, std::string_view id);
bool user_exists(call& c, std::string_view id);

}  // namespace emulator::products::platform
