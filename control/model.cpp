// control/model.cpp — names of roles, kinds and switches; the secret's wiping.
#include "control/model.hpp"

#include <cstdlib>

#include <openssl/crypto.h>

#include "control/result.hpp"

namespace control {

std::string_view to_string(errc e) {
  switch (e) {
    case errc::invalid_argument: return "invalid_argument";
    case errc::not_found: return "not_found";
    case errc::already_exists: return "already_exists";
    case errc::refused: return "refused";
    case errc::crypto: return "crypto";
    case errc::io: return "io";
  }
  return "io";
}

std::string_view to_string(role r) {
  switch (r) {
    case role::admin: return "admin";
    case role::developer: return "developer";
    case role::support: return "support";
    case role::viewer: return "viewer";
  }
  return "viewer";
}

std::optional<role> parse_role(std::string_view s) {
  for (auto r : {role::admin, role::developer, role::support, role::viewer})
    if (s == to_string(r)) return r;
  return std::nullopt;
}

std::string_view to_string(environment_kind k) {
  return k == environment_kind::production ? "production" : "sandbox";
}

std::optional<environment_kind> parse_environment_kind(std::string_view s) {
  if (s == "sandbox") return environment_kind::sandbox;
  if (s == "production") return environment_kind::production;
  return std::nullopt;
}

std::string_view to_string(team_switch s) {
  switch (s) {
    case team_switch::mcp_enabled: return "mcp_enabled";
    case team_switch::allow_production: return "allow_production";
    case team_switch::allow_write: return "allow_write";
    case team_switch::confirm_by_person: return "confirm_by_person";
  }
  return "mcp_enabled";
}

std::optional<team_switch> parse_team_switch(std::string_view s) {
  std::string norm{s};
  for (auto& c : norm)
    if (c == '-') c = '_';
  for (auto t : all_team_switches)
    if (norm == to_string(t)) return t;
  return std::nullopt;
}

bool team_switches::get(team_switch s) const {
  switch (s) {
    case team_switch::mcp_enabled: return mcp_enabled;
    case team_switch::allow_production: return allow_production;
    case team_switch::allow_write: return allow_write;
    case team_switch::confirm_by_person: return confirm_by_person;
  }
  return false;
}

team_switches team_switches::effective() const {
  return {mcp_enabled, mcp_enabled && allow_production, mcp_enabled && allow_write, mcp_enabled && confirm_by_person};
}

secret& secret::operator=(const secret& other) {
  if (this != &other) {
    wipe();
    value_ = other.value_;
  }
  return *this;
}

secret& secret::operator=(secret&& other) noexcept {
  if (this != &other) {
    wipe();
    value_ = std::move(other.value_);
    other.wipe();
  }
  return *this;
}

void secret::wipe() noexcept {
  // Wipe the whole buffer, not just the current size: a moved-from or shortened string keeps
  // old bytes past its size. Growing to the capacity never reallocates.
  value_.resize(value_.capacity());
  OPENSSL_cleanse(value_.data(), value_.size());
  value_.clear();
}

std::optional<std::string> process_env(const std::string& name) {
  if (const char* v = std::getenv(name.c_str())) return std::string{v};
  return std::nullopt;
}

}  // namespace control
