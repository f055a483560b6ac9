// admin/sessions.hpp — the admin page's browser state, in memory: sign-ins in progress (the
// OAuth `state` with its PKCE verifier and browser binding) and signed-in sessions (who, their
// CSRF token, when they end, a one-shot notice for the next page).
//
// Why in memory: a session is worth nothing without the process that serves the page (a restart
// means signing in again, which costs one click while the authorization server's own sign-in
// lasts), and nothing of it ever reaches disk. Ids are 256 random bits (CSPRNG), compared by
// hash-map lookup. Both tables are bounded: expired entries are swept on insert, and beyond the
// cap the oldest sign-in attempts go first, so unauthenticated GET /admin cannot grow memory.
//
// Threading: every method is thread-safe (one mutex; each call is a map operation).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace admin {

using clock_fn = std::function<std::chrono::system_clock::time_point()>;

/// 32 random bytes as base64url (43 characters); empty when the CSPRNG fails.
std::string random_token();

/// A sign-in that went to the authorization server and has not come back yet.
struct login_attempt {
  std::string code_verifier;  ///< PKCE (RFC 7636)
  std::string binding;        ///< the value of the login cookie that must come back with the callback
  std::chrono::system_clock::time_point expires;
};

/// A signed-in browser.
struct session {
  std::string user_id;  ///< the token's `sub`; the role is re-read from the control plane per request
  std::string csrf;     ///< the hidden field every form of this session carries
  std::chrono::system_clock::time_point expires;
  std::string notice;   ///< shown once on the next page ("Allow write access is off.")
  bool notice_is_error = false;
};

/// How much the tables hold at most, and how long a sign-in may take.
struct session_limits {
  std::size_t max_logins = 10000;
  std::size_t max_sessions = 100000;
  std::chrono::seconds login_ttl{600};
};

class session_table {
 public:
  explicit session_table(clock_fn clock = {}, session_limits l = {});

  /// Parks a sign-in; returns its `state` (empty when no randomness).
  std::string begin_login(login_attempt attempt);
  /// Takes (single use) the sign-in with this state, if it is live.
  std::optional<login_attempt> take_login(const std::string& state);

  /// A new session; returns its id (the cookie value), empty when no randomness.
  std::string open(std::string user_id, std::chrono::system_clock::time_point expires);
  /// The live session with this id (a copy); an expired one is removed.
  std::optional<session> find(const std::string& id);
  /// Sets the one-shot notice of a session.
  void set_notice(const std::string& id, std::string notice, bool is_error);
  /// Returns and clears the notice.
  std::pair<std::string, bool> take_notice(const std::string& id);
  /// Signs out.
  void close(const std::string& id);
  std::size_t session_count() const;

  std::chrono::system_clock::time_point now() const;

 private:
  void sweep_locked();
  clock_fn clock_;
  session_limits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, login_attempt> logins_;
  std::unordered_map<std::string, session> sessions_;
};

}  // namespace admin
