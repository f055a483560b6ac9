// admin/sessions.cpp — sign-ins in progress and signed-in sessions (see sessions.hpp).
#include "admin/sessions.hpp"

#include <algorithm>

#include "control/crypto.hpp"

namespace admin {

std::string random_token() {
  unsigned char bytes[32];
  if (!control::crypto::random_bytes(bytes, sizeof bytes)) return {};
  return control::crypto::to_base64url({reinterpret_cast<const char*>(bytes), sizeof bytes});
}

session_table::session_table(clock_fn clock, session_limits l) : clock_(std::move(clock)), limits_(l) {}

std::chrono::system_clock::time_point session_table::now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

void session_table::sweep_locked() {
  auto t = now();
  std::erase_if(logins_, [t](const auto& kv) { return kv.second.expires <= t; });
  std::erase_if(sessions_, [t](const auto& kv) { return kv.second.expires <= t; });
  // Still full: drop the sign-ins closest to expiry (the oldest), the only ones anyone can make
  // without signing in.
  while (logins_.size() >= limits_.max_logins && !logins_.empty()) {
    auto oldest = std::min_element(logins_.begin(), logins_.end(),
                                   [](const auto& a, const auto& b) { return a.second.expires < b.second.expires; });
    logins_.erase(oldest);
  }
}

std::string session_table::begin_login(login_attempt attempt) {
  auto state = random_token();
  if (state.empty()) return {};
  attempt.expires = now() + limits_.login_ttl;
  std::lock_guard lk(mutex_);
  if (logins_.size() >= limits_.max_logins) sweep_locked();
  logins_.emplace(state, std::move(attempt));
  return state;
}

std::optional<login_attempt> session_table::take_login(const std::string& state) {
  std::lock_guard lk(mutex_);
  auto it = logins_.find(state);
  if (it == logins_.end()) return std::nullopt;
  auto attempt = std::move(it->second);
  logins_.erase(it);
  if (attempt.expires <= now()) return std::nullopt;
  return attempt;
}

std::string session_table::open(std::string user_id, std::chrono::system_clock::time_point expires) {
  auto id = random_token();
  auto csrf = random_token();
  if (id.empty() || csrf.empty()) return {};
  std::lock_guard lk(mutex_);
  if (sessions_.size() >= limits_.max_sessions) sweep_locked();
  if (sessions_.size() >= limits_.max_sessions) return {};
  sessions_.emplace(id, session{std::move(user_id), std::move(csrf), expires, {}, false});
  return id;
}

std::optional<session> session_table::find(const std::string& id) {
  std::lock_guard lk(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires <= now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void session_table::set_notice(const std::string& id, std::string notice, bool is_error) {
  std::lock_guard lk(mutex_);
  if (auto it = sessions_.find(id); it != sessions_.end()) {
    it->second.notice = std::move(notice);
    it->second.notice_is_error = is_error;
  }
}

std::pair<std::string, bool> session_table::take_notice(const std::string& id) {
  std::lock_guard lk(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return {};
  std::pair<std::string, bool> out{std::move(it->second.notice), it->second.notice_is_error};
  it->second.notice.clear();
  return out;
}

void session_table::close(const std::string& id) {
  std::lock_guard lk(mutex_);
  sessions_.erase(id);
}

std::size_t session_table::session_count() const {
  std::lock_guard lk(mutex_);
  return sessions_.size();
}

}  // namespace admin
