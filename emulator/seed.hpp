// emulator/seed.hpp — what a fresh emulator starts with.
//
// `ensure_keys` gives every data directory its own API keys (one per environment, random,
// kept in the store so they survive restarts). `demo_if_empty` fills a fresh store with the
// demo workspace from a deterministic generator: the same data on every machine, spread over
// the last 30 days, with a recognisable value in every secret-bearing field so tests can prove
// those values never leak further (see seed.cpp for the format and the planted values).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "emulator/store.hpp"

namespace emulator::seed {

/// The store's API keys, created on first use: {key, environment}.
std::vector<std::pair<std::string, std::string>> ensure_keys(store& db);

/// Seeds the demo workspace into both environments when the store holds no object yet.
void demo_if_empty(store& db);

/// Every secret value the demo seed planted (for leak scans).
std::vector<std::string> planted_secrets(store& db);

}  // namespace emulator::seed
