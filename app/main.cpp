// app/main.cpp — the `workos-mcp` command: `serve` (the default) and `version`.
//
// `serve` with no configuration runs the complete local system on loopback. When it is ready it
// prints exactly one JSON line on stdout — {"ready":true,"mcp_url":…} with one `…_url` key per
// service it runs — so scripts and tests can start it on port 0 and read where it is; every
// log line goes to stderr.
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/service.hpp"

namespace {

int usage(std::ostream& out, int code) {
  out << "usage: workos-mcp [serve] [options]    run the MCP server\n"
         "       workos-mcp version               print the version\n\n"
      << app::config_help();
  return code;
}

int serve(const app::config& cfg) {
  app::setup_logging(cfg);
  auto tools = std::make_shared<mcp::registry>();
  tools->identity.instructions =
      "Manage a WorkOS workspace as the signed-in person, with that person's role and no more.";
  app::mcp_service service(cfg, tools);
  service.start();
  std::cout << app::ready_line(service, {{"healthz", service.base_url() + "/healthz"}}) << std::endl;
  service.run_until_signal();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  app::prepare_process_signals();

  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = "serve";
  if (!args.empty() && args[0].rfind("--", 0) != 0) {
    command = args[0];
    args.erase(args.begin());
  }
  if (command == "version") {
    std::cout << "workos-mcp 0.1.0\n";
    return 0;
  }
  if (command == "help") return usage(std::cout, 0);
  if (command != "serve") {
    std::cerr << "unknown command " << command << "\n";
    return usage(std::cerr, 2);
  }
  auto parsed = app::parse_config_from_process(args);
  if (parsed.help) return usage(std::cout, 0);
  if (!parsed.error.empty()) {
    std::cerr << "workos-mcp: " << parsed.error << "\n";
    return 2;
  }
  if (!parsed.rest.empty()) {
    std::cerr << "workos-mcp: unexpected argument " << parsed.rest.front() << "\n";
    return 2;
  }
  try {
    return serve(parsed.cfg);
  } catch (const std::exception& e) {
    std::cerr << "workos-mcp: " << e.what() << "\n";
    return 1;
  }
}
