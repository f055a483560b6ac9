// tests/conformance/fixture_server.cpp — the conformance fixture server (a test binary).
//
// The product's server (app::mcp_service: same transport, actors and protocol code) with the
// suite's fixtures and the benchmark tool registered instead of the WorkOS tools. Takes the same
// options as `workos-mcp serve` and prints the same ready line.
#include <iostream>

#include "app/service.hpp"
#include "tests/conformance/fixtures.hpp"

int main(int argc, char** argv) {
  app::prepare_process_signals();
  auto parsed = app::parse_config_from_process({argv + 1, argv + argc});
  if (parsed.help) {
    std::cout << "usage: fixture_server [options]\n\n" << app::config_help();
    return 0;
  }
  if (!parsed.error.empty()) {
    std::cerr << "fixture_server: " << parsed.error << "\n";
    return 2;
  }
  try {
    app::setup_logging(parsed.cfg);
    auto reg = std::make_shared<mcp::registry>();
    reg->identity.name = "workos-mcp-conformance-fixtures";
    reg->identity.title = "workos-mcp conformance fixtures";
    fixtures::add_conformance_fixtures(*reg);
    fixtures::add_bench_tool(*reg);
    app::mcp_service service(parsed.cfg, reg);
    service.start();
    std::cout << app::ready_line(service) << std::endl;
    service.run_until_signal();
  } catch (const std::exception& e) {
    std::cerr << "fixture_server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
