// control/seed.cpp — the demo team and the demo password.
#include "control/seed.hpp"

#include <filesystem>

#include <openssl/crypto.h>

#include "control/crypto.hpp"
#include "control/files.hpp"

namespace control {

namespace {

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

result<demo_password> load_demo_password(const std::string& data_dir, const env_lookup& env) {
  auto lookup = env ? env : process_env;
  if (auto v = lookup("WORKOS_MCP_DEMO_PASSWORD"); v && !v->empty())
    return demo_password{*v, false, "WORKOS_MCP_DEMO_PASSWORD"};
  auto path = (std::filesystem::path{data_dir.empty() ? "." : data_dir} / demo_password_file_name).string();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path{path}.parent_path(), ec);
  unsigned char raw[18];
  if (!crypto::random_bytes(raw, sizeof raw)) return fail(errc::crypto, "the random generator failed");
  std::string fresh = crypto::to_base64url({reinterpret_cast<const char*>(raw), sizeof raw});
  OPENSSL_cleanse(raw, sizeof raw);
  auto made = files::create_private(path, fresh + "\n");
  if (!made) return made.error();
  if (*made) return demo_password{std::move(fresh), true, path};
  OPENSSL_cleanse(fresh.data(), fresh.size());
  auto text = files::read(path, 4096);
  if (!text) return text.error();
  std::string value{trim(*text)};
  if (value.empty()) return fail(errc::invalid_argument, path + " is empty: delete it to get a new demo password");
  return demo_password{std::move(value), false, path};
}

result<seed_outcome> seed_demo(store& s, const demo_setup& setup) {
  auto empty = s.empty();
  if (!empty) return empty.error();
  seed_outcome out;
  if (*empty) {
    auto password = load_demo_password(setup.data_dir, setup.env);
    if (!password) return password.error();
    std::vector<new_member> members;
    auto person = [&](const char* email, const char* name, role r, bool production) {
      new_member m;
      m.email = email;
      m.name = name;
      m.role = r;
      m.production_access = production;
      m.password = password->value;
      members.push_back(std::move(m));
    };
    person("admin@example.com", "Demo Admin", role::admin, true);
    person("developer@example.com", "Demo Developer", role::developer, true);
    person("support@example.com", "Demo Support", role::support, true);
    person("viewer@example.com", "Demo Viewer", role::viewer, false);
    std::vector<new_environment> environments{
        {"sandbox", environment_kind::sandbox, setup.sandbox.api_base_url, setup.sandbox.api_key, true},
        {"production", environment_kind::production, setup.production.api_base_url, setup.production.api_key, true},
    };
    auto t = s.create_team(demo_team_name, members, environments);
    if (t) {
      out.created = true;
      out.team_id = t->id;
      out.password = std::move(*password);
      return out;
    }
    // Another process seeded at the same moment: fall through to the refresh.
    if (t.error().code != errc::already_exists) return t.error();
  }
  auto teams = s.teams();
  if (!teams) return teams.error();
  for (const auto& t : *teams) {
    if (t.name == demo_team_name) out.team_id = t.id;
    auto envs = s.environments_of(t.id);
    if (!envs) return envs.error();
    for (const auto& e : *envs) {
      if (!e.embedded) continue;
      const auto& now = e.kind == environment_kind::production ? setup.production : setup.sandbox;
      auto changed = s.refresh_embedded(e.id, now.api_base_url, now.api_key);
      if (!changed) return changed.error();
      if (*changed) ++out.refreshed;
    }
  }
  return out;
}

}  // namespace control
