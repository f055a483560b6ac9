// app/main.cpp — the `workos-mcp` command: `serve` (the default) and `version`.
//
// `serve` with no configuration runs the complete local system on loopback. When it is ready it
// prints exactly one JSON line on stdout — {"ready":true,"mcp_url":…} with one `…_url` key per
// service it runs — so scripts and tests can start it on port 0 and read where it is; every
// log line goes to stderr.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <pthread.h>

#include <spdlog/spdlog.h>

#include "app/service.hpp"
#include "mcp/json.hpp"

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
      "Manage a WorkOS workspace as the signed-in person. Call whoami first to see your role and environment.";
  app::mcp_service service(cfg, tools);
  service.start();
  mcp::json_writer ready;
  ready.begin_object()
      .field("ready", true)
      .field("mcp_url", service.mcp_url())
      .field("healthz_url", service.base_url() + "/healthz")
      .end_object();
  std::cout << ready.str() << std::endl;
  service.run_until_signal();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Block the shutdown signals in every thread (threads inherit the mask); the main thread
  // waits for them with sigwait, so no handler runs in the middle of an I/O or actor thread.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

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
  auto parsed = app::parse_config(args, [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string{v};
    return std::nullopt;
  });
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
