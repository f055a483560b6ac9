// emulator/products/environment.cpp — GET /dashboard/environment: which environment a key opens
// and its client id (dashboard facts the public API does not return, needed by clients of the
// key-less flows and by the MCP control plane).
#include "emulator/products.hpp"

namespace emulator::products {

namespace {

reply get(call& c) {
  json env = json::object();
  env.set("object", "environment");
  env.set("name", c.env);
  env.set("kind", c.env == "production" ? "production" : "sandbox");
  env.set("client_id", client_id_of(c.db, c.env));
  return reply::ok(std::move(env));
}

}  // namespace

void register_environment(api& a) { a.add("GET", "/dashboard/environment", get); }

}  // namespace emulator::products
