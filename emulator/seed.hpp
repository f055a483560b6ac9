// emulator/seed.hpp — what a fresh emulator starts with.
//
// `ensure_keys` gives every data directory its own API keys and client ids (one per
// environment, random, kept in the store so they survive restarts).
//
// A seed is a script of API calls, run through the products' own handlers so that seeded
// objects (and their events) are exactly what the API would have made. Format (JSON):
//
//   {"calls": [
//     {"as": "acme", "method": "POST", "path": "/organizations",
//      "body": {"name": "Acme", "domain_data": [{"domain": "acme.example", "state": "verified"}]}},
//     {"method": "POST", "path": "/dashboard/connections",
//      "body": {"organization_id": "{acme.id}", "connection_type": "OktaSAML", "name": "Acme Okta"}}
//   ]}
//
// `as` names the call's result; `{name.field}` anywhere in a later path or string value is
// replaced by that field of that result (`{name.data.0.id}` walks into arrays). A call that
// fails stops the seed with an error. The same script runs in every environment. Afterwards
// the created objects' timestamps are spread over the last 30 days in creation order.
// `--seed demo` runs the deterministic generator (`demo_script`); `--seed FILE` a file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/store.hpp"

namespace emulator::seed {

/// The store's API keys, created on first use: {key, environment}.
std::vector<std::pair<std::string, std::string>> ensure_keys(store& db);

/// The demo workspace as a seed script (deterministic: same content on every machine).
json demo_script();

/// Runs `script` in `env` when the store holds no object yet for any environment; throws
/// std::runtime_error naming the failing call.
void run_if_empty(store& db, const api& routes, const json& script);

}  // namespace emulator::seed
