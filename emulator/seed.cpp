// emulator/seed.cpp — API keys per data directory, the seed runner and the demo generator.
#include "emulator/seed.hpp"

#include <chrono>
#include <stdexcept>

#include <openssl/rand.h>

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

// Resolves `name.field.0.x` against the named results.
const json* lookup(const std::map<std::string, json>& results, std::string_view ref) {
  auto dot = ref.find('.');
  auto it = results.find(std::string{ref.substr(0, dot)});
  if (it == results.end()) return nullptr;
  const json* cur = &it->second;
  while (dot != std::string_view::npos) {
    ref.remove_prefix(dot + 1);
    dot = ref.find('.');
    auto part = ref.substr(0, dot);
    if (cur->is_array()) {
      std::size_t i = 0;
      for (char ch : part) i = i * 10 + static_cast<std::size_t>(ch - '0');
      if (i >= cur->as_array().size()) return nullptr;
      cur = &cur->as_array()[i];
    } else {
      cur = cur->find(part);
      if (!cur) return nullptr;
    }
  }
  return cur;
}

std::string substitute(const std::string& s, const std::map<std::string, json>& results) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto open = s.find('{', i);
    auto close = open == std::string::npos ? std::string::npos : s.find('}', open);
    if (close == std::string::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, open - i);
    auto ref = std::string_view{s}.substr(open + 1, close - open - 1);
    const json* v = ref.find('.') != std::string_view::npos ? lookup(results, ref) : nullptr;
    if (v && v->is_string()) out += v->as_string();
    else if (v) out += v->dump();
    else out += s.substr(open, close - open + 1);  // not a reference: keep the braces
    i = close + 1;
  }
  return out;
}

json substitute(const json& v, const std::map<std::string, json>& results) {
  if (v.is_string()) return json{substitute(v.as_string(), results)};
  if (v.is_array()) {
    json out = json::array();
    for (const auto& e : v.as_array()) out.as_array().push_back(substitute(e, results));
    return out;
  }
  if (v.is_object()) {
    json out = json::object();
    for (const auto& [k, e] : v.as_object()) out.set(k, substitute(e, results));
    return out;
  }
  return v;
}

void run(tx& t, const api& routes, const std::string& env, const json& script) {
  const auto& calls = script["calls"];
  if (!calls.is_array()) throw std::runtime_error("a seed needs a \"calls\" array");
  std::map<std::string, json> results;
  std::vector<std::string> created;  // ids, in creation order
  for (std::size_t n = 0; n < calls.as_array().size(); ++n) {
    const auto& spec = calls.as_array()[n];
    auto method = spec["method"].string_or("GET");
    auto path = substitute(spec["path"].as_string(), results);
    auto qmark = path.find('?');
    std::multimap<std::string, std::string> query;
    if (qmark != std::string::npos) {
      std::string_view qs = std::string_view{path}.substr(qmark + 1);
      while (!qs.empty()) {
        auto amp = qs.find('&');
        auto pair = qs.substr(0, amp);
        auto eq = pair.find('=');
        query.emplace(std::string{pair.substr(0, eq)}, eq == std::string_view::npos ? "" : std::string{pair.substr(eq + 1)});
        qs = amp == std::string_view::npos ? std::string_view{} : qs.substr(amp + 1);
      }
      path.resize(qmark);
    }
    auto m = routes.find(method, path);
    if (!m.h) throw std::runtime_error("seed call " + std::to_string(n) + ": no route for " + method + " " + path);
    call c{env, method, path, std::move(m.params), std::move(query), substitute(spec["body"], results), t, {}};
    auto r = (*m.h)(c);
    if (r.status >= 400)
      throw std::runtime_error("seed call " + std::to_string(n) + " (" + method + " " + path + ") failed with " +
                               std::to_string(r.status) + ": " + r.body.dump());
    if (auto as = spec["as"]; as.is_string()) results[as.as_string()] = r.body;
    if (r.body["id"].is_string()) created.push_back(r.body["id"].as_string());
    for (const auto& ev : c.emitted) created.push_back(ev["id"].as_string());
  }
  // Spread what was made over the last 30 days, oldest first, keeping creation order.
  if (created.empty()) return;
  auto now = std::chrono::system_clock::now();
  auto start = now - std::chrono::hours(24 * 30);
  auto step = (now - start) / static_cast<long>(created.size() + 1);
  for (std::size_t i = 0; i < created.size(); ++i) {
    auto obj = t.get(env, created[i]);
    if (!obj) continue;
    auto when = iso(start + step * static_cast<long>(i + 1));
    if (obj->contains("created_at")) obj->set("created_at", when);
    if (obj->contains("updated_at")) obj->set("updated_at", when);
    t.replace_body(env, created[i], *obj);
  }
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

void run_if_empty(store& db, const api& routes, const json& script) {
  if (!db.empty()) return;
  db.transact([&](tx& t) {
    for (auto env : {"sandbox", "production"}) run(t, routes, env, script);
    return true;
  });
}

}  // namespace emulator::seed
