// tests/conformance/fixture_server.cpp — the conformance fixture server (a test binary).
//
// The product's server (app::mcp_service: same transport, actors and protocol code) with the
// suite's fixtures and the benchmark tool registered instead of the WorkOS tools. Takes the same
// options as `workos-mcp serve` and prints the same ready line.
#include <csignal>
#include <iostream>
#include <pthread.h>

#include "app/service.hpp"
#include "mcp/json.hpp"
#include "tests/conformance/fixtures.hpp"

int main(int argc, char** argv) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = app::parse_config(args, [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string{v};
    return std::nullopt;
  });
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
    mcp::json_writer ready;
    ready.begin_object().field("ready", true).field("mcp_url", service.mcp_url()).end_object();
    std::cout << ready.str() << std::endl;
    service.run_until_signal();
  } catch (const std::exception& e) {
    std::cerr << "fixture_server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
