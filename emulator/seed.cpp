// emulator/seed.cpp — API keys per data directory and the deterministic demo workspace.
#include "emulator/seed.hpp"

#include <openssl/rand.h>

#include "emulator/api.hpp"

namespace emulator::seed {

namespace {

std::string random_token(std::size_t bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::vector<unsigned char> b(bytes);
  RAND_bytes(b.data(), static_cast<int>(b.size()));
  std::string out;
  for (auto c : b) out.push_back(alphabet[c % 62]);
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ensure_keys(store& db) {
  std::vector<std::pair<std::string, std::string>> keys;
  db.transact([&](tx& t) {
    auto saved = t.setting("_", "api_keys");
    if (!saved) {
      json k = json::object();
      k.set("sandbox", "sk_test_" + random_token(40));
      k.set("production", "sk_live_" + random_token(40));
      t.set_setting("_", "api_keys", k);
      saved = k;
    }
    for (const auto& [env, key] : saved->as_object()) keys.emplace_back(key.as_string(), env);
    // One client id per environment, as WorkOS has (for key-less flows and AuthKit).
    if (!t.setting("_", "client_ids")) {
      json ids = json::object();
      ids.set("sandbox", new_id("client"));
      ids.set("production", new_id("client"));
      t.set_setting("_", "client_ids", ids);
    }
    return true;
  });
  return keys;
}

void demo_if_empty(store& db) {
  if (!db.empty()) return;
  // The demo workspace grows with the products; see products/*.cpp for each seeder.
}

std::vector<std::string> planted_secrets(store&) { return {}; }

}  // namespace emulator::seed
