// tools/principal.cpp — the owner key format.
#include "tools/principal.hpp"

namespace tools {

std::string owner_key(std::string_view user_id, std::string_view team_id) {
  std::string key;
  key.reserve(user_id.size() + 1 + team_id.size());
  key.append(user_id).append(1, ' ').append(team_id);
  return key;
}

std::optional<principal> parse_owner_key(std::string_view key) {
  auto space = key.find(' ');
  if (space == std::string_view::npos || space == 0 || space + 1 == key.size()) return std::nullopt;
  auto team = key.substr(space + 1);
  if (team.find(' ') != std::string_view::npos) return std::nullopt;
  return principal{std::string{key.substr(0, space)}, std::string{team}};
}

}  // namespace tools
