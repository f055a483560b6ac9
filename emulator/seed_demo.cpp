// emulator/seed_demo.cpp — the deterministic demo workspace, as a seed script.
//
// Everything is derived from fixed tables and a fixed-seed generator, so every machine gets
// the same workspace (ids differ: they are ULIDs). The script grows with the products.
#include <random>

#include "emulator/seed.hpp"

namespace emulator::seed {

namespace {

json call_spec(std::string method, std::string path, json body, std::string as = {}) {
  json c = json::object();
  if (!as.empty()) c.set("as", std::move(as));
  c.set("method", std::move(method));
  c.set("path", std::move(path));
  c.set("body", std::move(body));
  return c;
}

struct company {
  const char* slug;
  const char* name;
  const char* domain;
};

// A dozen customer organizations.
constexpr company companies[] = {
    {"acme", "Acme Corporation", "acme.example"},       {"globex", "Globex", "globex.example"},
    {"initech", "Initech", "initech.example"},          {"umbrella", "Umbrella Health", "umbrella.example"},
    {"hooli", "Hooli", "hooli.example"},                {"stark", "Stark Industries", "stark.example"},
    {"wayne", "Wayne Enterprises", "wayne.example"},    {"wonka", "Wonka Foods", "wonka.example"},
    {"cyberdyne", "Cyberdyne Systems", "cyberdyne.example"}, {"soylent", "Soylent", "soylent.example"},
    {"tyrell", "Tyrell Corporation", "tyrell.example"}, {"aperture", "Aperture Science", "aperture.example"},
};

}  // namespace

json demo_script() {
  std::mt19937 rng(20261126);  // fixed: the demo is the same everywhere
  json calls = json::array();
  auto add = [&](json c) { calls.as_array().push_back(std::move(c)); };
  for (const auto& co : companies) {
    json domain = json::object();
    domain.set("domain", co.domain);
    domain.set("state", rng() % 4 == 0 ? "pending" : "verified");
    json body = json::object();
    body.set("name", co.name);
    body.set("external_id", std::string{"crm-"} + co.slug);
    body.set("domain_data", json{json_array{domain}});
    json md = json::object();
    md.set("plan", rng() % 3 == 0 ? "enterprise" : "growth");
    body.set("metadata", std::move(md));
    add(call_spec("POST", "/organizations", std::move(body), co.slug));
  }
  json script = json::object();
  script.set("calls", std::move(calls));
  return script;
}

}  // namespace emulator::seed
