// emulator/seed_demo.cpp — the deterministic demo workspace, as a seed script (format: seed.hpp).
//
// Everything comes from fixed tables and a fixed-seed generator, so every machine gets the same
// workspace (ids differ: they are ULIDs). Per environment: a dozen customer organizations with
// domains; SSO connections of several types and states; directories with users and groups;
// users with memberships and sessions; roles and permissions; invitations; webhook endpoints;
// audit events and an audit-log stream; feature flags; organization API keys; a vault secret;
// branding. Secret-bearing values that the emulator makes carry its planted marker; the few
// this script supplies itself (stream credentials, the vault value) carry it too.
#include <random>

#include "emulator/seed.hpp"

namespace emulator::seed {

namespace {

struct company {
  const char* slug;
  const char* name;
  const char* domain;
  const char* idp;        // SSO connection type
  const char* sso_state;  // active | draft | inactive
  const char* directory;  // directory type, or nullptr
};

constexpr company companies[] = {
    {"acme", "Acme Corporation", "acme.example", "OktaSAML", "active", "okta scim v2.0"},
    {"globex", "Globex", "globex.example", "AzureSAML", "active", "azure scim v2.0"},
    {"initech", "Initech", "initech.example", "GoogleOAuth", "active", "gsuite directory"},
    {"umbrella", "Umbrella Health", "umbrella.example", "OneLoginSAML", "draft", nullptr},
    {"hooli", "Hooli", "hooli.example", "GenericOIDC", "active", "generic scim v2.0"},
    {"stark", "Stark Industries", "stark.example", "PingFederateSAML", "inactive", nullptr},
    {"wayne", "Wayne Enterprises", "wayne.example", "OktaSAML", "active", "okta scim v2.0"},
    {"wonka", "Wonka Foods", "wonka.example", "JumpCloudSAML", "draft", nullptr},
    {"cyberdyne", "Cyberdyne Systems", "cyberdyne.example", "GenericSAML", "active", "jump cloud scim v2.0"},
    {"soylent", "Soylent", "soylent.example", "MicrosoftOAuth", "active", nullptr},
    {"tyrell", "Tyrell Corporation", "tyrell.example", "AzureSAML", "inactive", "azure scim v2.0"},
    {"aperture", "Aperture Science", "aperture.example", "OktaOIDC", "active", "rippling scim v2.0"},
};

constexpr const char* first_names[] = {"Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
                                       "Frances", "Edsger", "Radia", "Tim"};
constexpr const char* last_names[] = {"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov",
                                      "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee"};
constexpr const char* departments[] = {"Engineering", "Sales", "Support", "Finance"};

class script_builder {
 public:
  void add(std::string method, std::string path, json body, std::string as = {}) {
    json c = json::object();
    if (!as.empty()) c.set("as", std::move(as));
    c.set("method", std::move(method));
    c.set("path", std::move(path));
    c.set("body", std::move(body));
    calls_.as_array().push_back(std::move(c));
  }
  json done() && {
    json s = json::object();
    s.set("calls", std::move(calls_));
    return s;
  }

 private:
  json calls_ = json::array();
};

json obj(std::initializer_list<std::pair<const char*, json>> fields) {
  json o = json::object();
  for (const auto& [k, v] : fields) o.set(k, v);
  return o;
}

json strings(std::initializer_list<const char*> items) {
  json a = json::array();
  for (auto s : items) a.as_array().emplace_back(s);
  return a;
}

}  // namespace

json demo_script() {
  std::mt19937 rng(20261126);  // fixed: the demo is the same everywhere
  script_builder s;

  // Roles and permissions of the environment.
  for (auto [slug, name] : {std::pair{"organizations:read", "Read organizations"},
                            std::pair{"organizations:manage", "Manage organizations"},
                            std::pair{"users:read", "Read users"}, std::pair{"users:manage", "Manage users"},
                            std::pair{"billing:manage", "Manage billing"}})
    s.add("POST", "/authorization/permissions", obj({{"slug", slug}, {"name", name}}));
  s.add("POST", "/authorization/roles", obj({{"slug", "admin"}, {"name", "Admin"}, {"description", "Full access"}}));
  s.add("PUT", "/authorization/roles/admin/permissions",
        obj({{"permissions", strings({"organizations:read", "organizations:manage", "users:read", "users:manage",
                                      "billing:manage"})}}));
  // `member`, the default role, exists in every environment already.
  s.add("PUT", "/authorization/roles/member/permissions", obj({{"permissions", strings({"organizations:read", "users:read"})}}));

  int person = 0;
  for (const auto& co : companies) {
    std::string slug = co.slug;
    bool verified = rng() % 4 != 0;
    s.add("POST", "/organizations",
          obj({{"name", co.name},
               {"external_id", "crm-" + slug},
               {"domain_data", json{json_array{obj({{"domain", co.domain}, {"state", verified ? "verified" : "pending"}})}}},
               {"metadata", obj({{"plan", rng() % 3 == 0 ? "enterprise" : "growth"}})}}),
          slug);
    std::string org = "{" + slug + ".id}";

    s.add("POST", "/dashboard/connections",
          obj({{"organization_id", org},
               {"connection_type", co.idp},
               {"name", std::string{co.name} + " " + co.idp},
               {"state", co.sso_state},
               {"domains", strings({co.domain})}}));

    // People: 2–4 users per organization with memberships; the first is an admin.
    int people = 2 + static_cast<int>(rng() % 3);
    for (int i = 0; i < people; ++i, ++person) {
      std::string first = first_names[person % 12], last = last_names[(person * 7) % 12];
      std::string email = lower(first + "." + last + "@" + co.domain);
      std::string user = "u" + std::to_string(person);
      s.add("POST", "/user_management/users",
            obj({{"email", email}, {"first_name", first}, {"last_name", last}, {"email_verified", true}}), user);
      s.add("POST", "/user_management/organization_memberships",
            obj({{"user_id", "{" + user + ".id}"}, {"organization_id", org}, {"role_slug", i == 0 ? "admin" : "member"}}));
      if (i == 0) s.add("POST", "/dashboard/users/{" + user + ".id}/sessions", obj({{"organization_id", org}}));
    }
    if (rng() % 2 == 0)
      s.add("POST", "/user_management/invitations",
            obj({{"email", std::string{"new.hire@"} + co.domain}, {"organization_id", org}}));

    // A directory with groups and users for the organizations that sync one.
    if (co.directory) {
      std::string dir = slug + "_dir";
      s.add("POST", "/dashboard/directories",
            obj({{"organization_id", org}, {"type", co.directory}, {"name", std::string{co.name} + " directory"},
                 {"domain", co.domain}}),
            dir);
      std::vector<std::string> groups;
      for (int g = 0; g < 2; ++g) {
        std::string group = dir + "_g" + std::to_string(g);
        s.add("POST", "/dashboard/directories/{" + dir + ".id}/groups", obj({{"name", departments[(g + person) % 4]}}),
              group);
        groups.push_back("{" + group + ".id}");
      }
      int dir_users = 3 + static_cast<int>(rng() % 4);
      for (int u = 0; u < dir_users; ++u) {
        std::string first = first_names[(person + u) % 12], last = last_names[(person + 3 * u + 1) % 12];
        std::string email = lower(first + "." + last + ".dir" + std::to_string(u) + "@" + co.domain);
        s.add("POST", "/dashboard/directories/{" + dir + ".id}/users",
              obj({{"email", email}, {"first_name", first}, {"last_name", last},
                   {"groups", json{json_array{json{groups[u % 2]}}}}}));
      }
    }

    // Audit events over the month, an API key, and for some a log stream.
    s.add("POST", "/audit_logs/events",
          obj({{"organization_id", org},
               {"event", obj({{"action", "user.signed_in"},
                              {"occurred_at", "2026-01-15T12:00:00.000Z"},
                              {"actor", obj({{"id", "user_admin"}, {"type", "user"}, {"name", "Admin"}})},
                              {"targets", json{json_array{obj({{"id", "team_1"}, {"type", "team"}})}}},
                              {"context", obj({{"location", "203.0.113.7"}, {"user_agent", "Mozilla/5.0"}})}})}}));
    s.add("POST", "/organizations/" + org + "/api_keys", obj({{"name", std::string{co.name} + " backend"}}));
    if (rng() % 3 == 0)
      s.add("POST", "/dashboard/organizations/" + org + "/audit_log_streams",
            obj({{"type", "Datadog"}, {"credentials", obj({{"api_key", "dd_EMUSECRET_seeded_datadog_key"}, {"region", "us1"}})}}));
  }

  // Environment-wide configuration.
  s.add("POST", "/webhook_endpoints",
        obj({{"endpoint_url", "https://hooks.demo.example/workos"},
             {"events", strings({"user.created", "organization.created", "dsync.user.created"})}}));
  s.add("POST", "/webhook_endpoints",
        obj({{"endpoint_url", "https://audit.demo.example/events"}, {"events", strings({"connection.activated"})}}));
  for (auto [slug, name] : {std::pair{"new-dashboard", "New dashboard"}, std::pair{"bulk-export", "Bulk export"},
                            std::pair{"passkeys", "Passkeys"}})
    s.add("POST", "/dashboard/feature-flags", obj({{"slug", slug}, {"name", name}}));
  s.add("PUT", "/dashboard/branding",
        obj({{"logo_url", "https://cdn.demo.example/logo.svg"}, {"icon_url", "https://cdn.demo.example/icon.png"},
             {"primary_color_light", "#6363F1"}, {"primary_color_dark", "#8B8BF5"},
             {"background_color_light", "#FFFFFF"}, {"background_color_dark", "#111111"}, {"corner_radius", 8},
             {"font", "Inter"}, {"page_title", "Sign in to Demo"}}));
  s.add("POST", "/vault/v1/kv",
        obj({{"name", "demo-stripe-key"}, {"value", "sk_EMUSECRET_seeded_vault_value"},
             {"key_context", obj({{"environment", "demo"}})}}));
  return std::move(s).done();
}

}  // namespace emulator::seed
