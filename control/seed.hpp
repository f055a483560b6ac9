// control/seed.hpp — the embedded default's demo team and its password.
//
// A fresh data directory gets one team, "Demo", with one member of each role
// (admin@, developer@, support@, viewer@example.com; all with production access except the
// viewer) and two environments, "sandbox" and "production", that point at the embedded
// emulator with its keys. Every member signs in with the demo password.
//
// The emulator listens on a new port at each start, so its environments are marked `embedded`
// and every later `seed_demo` call refreshes their URL and key, and touches nothing else: what
// admins changed stays changed. An environment whose URL or key an admin set (say, to point
// "production" at the real WorkOS API) is no longer embedded and is left alone. The demo password is fixed when the team is created; setting
// WORKOS_MCP_DEMO_PASSWORD later does not change it (`admin members set-password` does).
#pragma once

#include <string>

#include "control/model.hpp"
#include "control/result.hpp"
#include "control/store.hpp"

namespace control {

/// The demo password and where it came from.
struct demo_password {
  std::string value;
  /// True when this call generated it (and stored it in the data directory): the caller
  /// prints it once, on stderr. False when it came from the environment or the file.
  bool generated = false;
  std::string origin;  ///< "WORKOS_MCP_DEMO_PASSWORD" or the file's path
};

/// WORKOS_MCP_DEMO_PASSWORD when set; else `<data-dir>/demo-password`; else a new random one
/// (24 characters, 144 bits), stored there with mode 0600.
result<demo_password> load_demo_password(const std::string& data_dir, const env_lookup& env = process_env);

/// Where one embedded environment is and its key.
struct demo_environment {
  std::string api_base_url;
  std::string api_key;
};

/// What `seed_demo` needs from the caller: the embedded emulator's URL and keys, and where the
/// demo password comes from.
struct demo_setup {
  demo_environment sandbox;
  demo_environment production;
  std::string data_dir;          ///< where demo-password lives
  env_lookup env = process_env;  ///< WORKOS_MCP_DEMO_PASSWORD comes from here
};

/// What `seed_demo` did.
struct seed_outcome {
  bool created = false;       ///< the demo team was created by this call
  std::string team_id;        ///< the demo team (when created, or when it exists)
  std::size_t refreshed = 0;  ///< embedded environments whose URL or key changed
  /// When `created`: the members' password. If `password.generated`, print it once (stderr).
  demo_password password;
};

/// The demo team's name and emails.
inline constexpr const char* demo_team_name = "Demo";
inline constexpr const char* demo_password_file_name = "demo-password";

/// Creates the demo team when the store holds no team (all or nothing), with the password of
/// `load_demo_password` (looked up only then, so that no password is generated for nothing);
/// otherwise refreshes the embedded environments. Safe to call at every start.
result<seed_outcome> seed_demo(store& s, const demo_setup& setup);

}  // namespace control
