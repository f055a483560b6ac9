// tools/principal.cpp — the owner key format.
#include "tools/principal.hpp"

namespace tools {

std::string owner_key(std::string_view user_id, std::string_view team_id, std::string_view client_id) {
  std::string key;
  key.reserve(user_id.size() + team_id.size() + client_id.size() + 2);
  key.append(user_id).append(1, ' ').append(team_id);
  if (!client_id.empty()) key.append(1, ' ').append(client_id);
  return key;
}

std::optional<principal> parse_owner_key(std::string_view key) {
  auto first = key.find(' ');
  if (first == std::string_view::npos || first == 0 || first + 1 == key.size()) return std::nullopt;
  auto rest = key.substr(first + 1);
  auto second = rest.find(' ');
  auto team = rest.substr(0, second);
  std::string_view client = second == std::string_view::npos ? std::string_view{} : rest.substr(second + 1);
  if (team.empty() || (second != std::string_view::npos && client.empty()) || client.find(' ') != std::string_view::npos)
    return std::nullopt;
  return principal{std::string{key.substr(0, first)}, std::string{team}, std::string{client}};
}

}  // namespace tools
