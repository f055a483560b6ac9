// app/main.cpp — the `workos-mcp` command: `serve` (the default), `emulator`, `admin`, `catalog`
// and `version`.
//
// `serve` with no configuration runs the complete local system on loopback. When it is ready it
// prints exactly one JSON line on stdout — {"ready":true,"mcp_url":…} with one `…_url` key per
// service it runs — so scripts and tests can start it on port 0 and read where it is; every
// log line goes to stderr.
#include <algorithm>
#include <iostream>

#include <spdlog/spdlog.h>

#include "actors/audit_writer.hpp"
#include "actors/policy.hpp"
#include "actors/token_verifier.hpp"
#include "admin/admin_page.hpp"
#include "admin/audit.hpp"
#include "admin/oauth_client.hpp"
#include "actors/workos_client.hpp"
#include "app/resource_server.hpp"
#include "app/service.hpp"
#include "control/admin_cli.hpp"
#include "control/audit_log.hpp"
#include "control/seed.hpp"
#include "control/store.hpp"
#include "emulator/oauth/url.hpp"
#include "emulator/service.hpp"
#include "mcp/json.hpp"
#include "tools/catalog_resources.hpp"
#include "tools/list_operations.hpp"
#include "tools/operations.hpp"
#include "tools/prompts.hpp"
#include "tools/use_environment.hpp"
#include "tools/whoami.hpp"
#include "workos/catalog.hpp"
#include "workos/catalog_cli.hpp"

namespace {

int usage(std::ostream& out, int code) {
  out << "usage: workos-mcp [serve] [options]    run the MCP server (with the embedded WorkOS emulator)\n"
         "       workos-mcp emulator [options]    run the WorkOS emulator alone (see emulator --help)\n"
         "       workos-mcp admin VERB …          manage teams, members, environments, switches (see admin --help)\n"
         "       workos-mcp catalog [--json]      print the WorkOS operation catalog and its exclusions\n"
         "       workos-mcp version               print the version\n\n"
      << app::config_help();
  return code;
}

constexpr const char* emulator_usage =
    "usage: workos-mcp emulator [--data-dir D] [--listen HOST:PORT] [--seed demo|none]\n"
    "                           [--api-key sk_test_…|sk_live_…]… [--fault PATTERN:key=value,…]…\n"
    "                           [--oauth-resource URL]… [--loopback-client-metadata true|false]\n"
    "                           [--client-metadata-ca-file PEM] [--log-level L] [--log-format text|json]\n\n"
    "  --api-key   adds a key to the environment its prefix names (sk_test_ sandbox, sk_live_ production)\n"
    "  --fault     fault injection for tests, e.g. '/organizations*:status=503,rate=0.5',\n"
    "              '/users/*:latency_ms=200', '/events:drop', '*:status=429,retry_after=2'\n"
    "  --oauth-resource            a resource (MCP server URL) its authorization server issues tokens for\n"
    "  --loopback-client-metadata  fetch client metadata documents from loopback URLs, http or https (development)\n"
    "  --client-metadata-ca-file   PEM CA bundle trusted for https client metadata documents (default: system store)\n";

// `workos-mcp emulator`: the WorkOS emulator alone, on its own port.
int emulator_main(const std::vector<std::string>& args) {
  emulator::options opts;
  app::config log_cfg;
  opts.listen = "127.0.0.1:0";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << emulator_usage;
      return 0;
    }
    if (i + 1 >= args.size()) {
      std::cerr << "workos-mcp emulator: " << a << " needs a value\n" << emulator_usage;
      return 2;
    }
    const auto& v = args[++i];
    if (a == "--data-dir") opts.data_dir = v;
    else if (a == "--listen") opts.listen = v;
    else if (a == "--seed") opts.seed = v;
    else if (a == "--api-key") opts.api_keys.push_back(v);
    else if (a == "--oauth-resource") opts.oauth.resources.push_back(v);
    else if (a == "--loopback-client-metadata" && (v == "true" || v == "false"))
      opts.oauth.allow_loopback_client_metadata = v == "true";
    else if (a == "--client-metadata-ca-file") opts.oauth.client_metadata_ca_file = v;
    else if (a == "--log-level") log_cfg.log_level = v;
    else if (a == "--log-format") log_cfg.log_format = v;
    else if (a == "--fault") {
      std::string err;
      auto rule = emulator::fault_rule::parse(v, err);
      if (!rule) {
        std::cerr << "workos-mcp emulator: --fault " << v << ": " << err << "\n";
        return 2;
      }
      opts.faults.push_back(*rule);
    } else {
      std::cerr << "workos-mcp emulator: unknown option " << a << "\n" << emulator_usage;
      return 2;
    }
  }
  if (!app::split_host_port(opts.listen)) {
    std::cerr << "workos-mcp emulator: --listen must be host:port\n";
    return 2;
  }
  try {
    app::setup_logging(log_cfg);
    emulator::service emu(opts);
    emu.start();
    mcp::json_writer ready;
    ready.begin_object().field("ready", true).field("emulator_url", emu.base_url()).end_object();
    std::cout << ready.str() << std::endl;
    app::wait_for_shutdown_signal();
    emu.stop();
  } catch (const std::exception& e) {
    std::cerr << "workos-mcp emulator: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

// The embedded authorization server signs in the control plane's members: it gets their ids,
// emails, team names and password hashes (never a password) at every start.
void share_members_with(emulator::service& emu, control::store& team_store) {
  auto records = team_store.sign_in_records();
  if (!records) throw std::runtime_error("control plane: " + records.error().message);
  std::vector<emulator::dashboard_member> members;
  for (auto& r : *records)
    members.push_back({r.member.user_id, r.member.email, r.member.name, r.team_name, std::move(r.password_hash)});
  emu.set_dashboard_members(std::move(members));
}

// How tokens of `issuer` for `resource` (the MCP endpoint, or the admin page) are checked.
actors::token_verifier::options verifier_options(const app::config& cfg, const std::string& issuer,
                                                 const std::string& resource) {
  actors::token_verifier::options vo;
  vo.issuer = issuer;
  vo.jwks_url = cfg.auth_jwks_url;
  vo.verify.issuer = issuer;
  vo.verify.audience = resource;
  vo.verify.leeway = cfg.auth_leeway;
  return vo;
}

// The team admin page (DESIGN §2.2) under <base>/admin: an OAuth client of the same issuer,
// registered at start unless admin.client_id names one, whose tokens (audience <base>/admin) a
// token verifier of its own checks. Off, with a log line saying why, when no client can be had.
void install_admin(app::mcp_service& service, transport::router& routes, const app::config& cfg, emulator::service* emu,
                   const std::string& issuer, const std::string& base, std::shared_ptr<control::store> team_store,
                   std::shared_ptr<control::audit_log> audit) {
  if (!cfg.admin_enabled) return;
  auto resource = admin::admin_resource(base);
  auto redirect_uri = base + "/admin/callback";
  if (emu && issuer == emu->issuer()) emu->allow_resource(resource);
  auto meta = admin::discover(issuer);
  if (!meta) {
    spdlog::warn("admin page off: the issuer's metadata is not available ({})", meta.error());
    return;
  }
  std::string client_id = cfg.admin_client_id;
  if (client_id.empty()) {
    if (meta->registration_endpoint.empty()) {
      spdlog::warn("admin page off: set admin.client_id (the issuer {} offers no dynamic registration)", issuer);
      return;
    }
    auto registered = admin::register_client(meta->registration_endpoint, redirect_uri);
    if (!registered) {
      spdlog::warn("admin page off: {} (set admin.client_id with redirect URI {})", registered.error(), redirect_uri);
      return;
    }
    client_id = registered->client_id;
  }

  auto verifier = actors::token_verifier::make(service.actors(), verifier_options(cfg, issuer, resource));
  auto exchanger = std::make_shared<admin::token_exchanger>(
      admin::token_exchanger::options{meta->token_endpoint, client_id, cfg.admin_client_secret, resource, {}}, verifier);
  service.at_stop([verifier, exchanger] {
    exchanger->stop();
    verifier->stop();
  });

  admin::page_options po;
  po.base_url = base;
  po.origins.allowed_hosts = cfg.allowed_hosts;
  po.origins.allowed_origins = cfg.allowed_origins;
  po.as.issuer = issuer;
  po.as.authorization_endpoint = meta->authorization_endpoint;
  po.as.client_id = client_id;
  po.as.iss_parameter_supported = meta->iss_parameter_supported;
  po.exchange = admin::token_exchanger::function_of(exchanger);
  po.store = std::move(team_store);
  po.audit = admin::audit_reader_of(std::move(audit));
  admin::page(std::move(po)).add_routes(routes);
  spdlog::info("admin page on {}", resource);
}

// Bearer-token authentication against the configured issuer (the embedded emulator unless
// auth.issuer names another): the code path is the same for both (DESIGN §2.1).
void install_oauth(app::mcp_service& service, const app::config& cfg, emulator::service* emu,
                   std::shared_ptr<control::live_snapshot> team_state, std::shared_ptr<control::store> team_store,
                   std::shared_ptr<control::audit_log> audit) {
  service.set_auth([&service, &cfg, emu, team_state, team_store, audit](transport::router& routes,
                                                                          const std::string& mcp_url) {
    std::string resource = cfg.auth_resource.empty() ? mcp_url : cfg.auth_resource;
    std::string issuer = cfg.auth_issuer.empty() ? emu->issuer() : cfg.auth_issuer;
    // The embedded AS issues tokens only for resources it was told about (RFC 8707).
    if (emu && issuer == emu->issuer()) emu->allow_resource(resource);

    app::resource_server_options rs;
    rs.metadata.resource = resource;
    rs.metadata.authorization_servers = {issuer};
    rs.metadata.scopes_supported = cfg.auth_scopes;
    rs.metadata.resource_name = "WorkOS MCP";
    rs.required_scopes = cfg.auth_scopes;
    app::add_metadata_routes(routes, rs.metadata);

    auto verifier = actors::token_verifier::make(service.actors(), verifier_options(cfg, issuer, resource));
    service.at_stop([verifier] { verifier->stop(); });
    spdlog::info("accepting tokens of {} for {}", issuer, resource);

    // The admin page lives on the same origin as the MCP endpoint (the public one when
    // auth.resource names it).
    std::string base = cfg.auth_resource.empty() ? service.base_url() : emulator::oauth::origin_of(cfg.auth_resource);
    install_admin(service, routes, cfg, emu, issuer, base, team_store, audit);
    return app::make_bearer_authenticator(verifier, team_state, rs);
  });
}

int serve(const app::config& cfg) {
  app::setup_logging(cfg);
  // The embedded emulator is a separate service that happens to share the process: it starts
  // first (the MCP server will call it) and stops last.
  std::unique_ptr<emulator::service> emu;
  std::vector<std::pair<std::string, std::string>> urls;
  if (cfg.emulator_enabled) {
    emulator::options eo;
    eo.data_dir = cfg.data_dir;
    eo.listen = cfg.emulator_listen;
    eo.oauth.allow_loopback_client_metadata = cfg.emulator_loopback_client_metadata;
    eo.oauth.client_metadata_ca_file = cfg.emulator_client_metadata_ca_file;
    emu = std::make_unique<emulator::service>(eo);
    emu->start();
    urls.emplace_back("emulator", emu->base_url());
  }
  // The control plane, with the demo team (one member of each role) whose sandbox and
  // production environments point at the embedded emulator with its keys.
  control::store_options store_opts;
  store_opts.data_dir = cfg.data_dir;
  std::shared_ptr<control::store> team_store = control::store::open(store_opts);
  if (emu) {
    control::demo_setup demo;
    demo.data_dir = cfg.data_dir;
    for (const auto& [key, env] : emu->keys()) {
      if (key.rfind("sk_test_", 0) == 0 && demo.sandbox.api_key.empty()) demo.sandbox = {emu->base_url(), key};
      if (key.rfind("sk_live_", 0) == 0 && demo.production.api_key.empty()) demo.production = {emu->base_url(), key};
    }
    auto seeded = control::seed_demo(*team_store, demo);
    if (!seeded) throw std::runtime_error("control plane seed: " + seeded.error().message);
    if (seeded->created && seeded->password.generated)
      std::cerr << "workos-mcp: demo members (admin@, developer@, support@, viewer@example.com) sign in with the "
                   "password "
                << seeded->password.value << " (kept in " << cfg.data_dir << "/demo-password)\n";
    share_members_with(*emu, *team_store);
  }

  // The one WorkOS client of the process, for query and mutate. Declared before the MCP service
  // so that it is destroyed after it: no session can start an upstream call on a dead client.
  // Plain http is allowed to loopback only (the embedded emulator), TLS everywhere else.
  auto workos_client = std::make_shared<actors::workos_client>();

  auto tools = std::make_shared<mcp::registry>();
  tools->identity.instructions =
      "Manage a WorkOS workspace as the signed-in person, with that person's role and no more. Call whoami first.";
  // What every call decides on: the control plane's current snapshot (control/snapshot.hpp).
  auto team_state = std::make_shared<control::live_snapshot>(team_store);
  // The audit trail of every agent action (control/audit_log.hpp), which the admin page reads. Its
  // writer actor needs the actor system, which the service makes: the tools get the channel now,
  // the writer below.
  std::shared_ptr<control::audit_log> audit_log = control::audit_log::open(cfg.data_dir);
  auto audit = std::make_shared<tools::audit_channel>();
  tools::operation_tool_options op_opts;
  op_opts.audit = audit;
  tools->add(tools::make_whoami(team_state));
  tools->add(tools::make_use_environment(team_state, audit));
  tools->add(tools::make_list_operations(team_state));
  tools->add(tools::make_query(team_state, workos_client, op_opts));
  tools->add(tools::make_mutate(team_state, workos_client, op_opts));
  if (!cfg.tools_per_operation.empty()) {
    for (const auto& p : cfg.tools_per_operation) {
      auto known = workos::products();
      if (p != "all" && std::find(known.begin(), known.end(), p) == known.end())
        throw std::runtime_error("tools.per_operation: no product named '" + p + "' (see `workos-mcp catalog`)");
    }
    auto per_op = tools::make_operation_tools(team_state, workos_client, op_opts, cfg.tools_per_operation);
    spdlog::info("exposing {} operations as tools of their own", per_op.size());
    for (auto& t : per_op) tools->add(std::move(t));
  }
  for (auto& p : tools::make_prompts()) tools->add(std::move(p));
  for (auto& r : tools::make_catalog_resources()) tools->add(std::move(r));

  app::mcp_service service(cfg, tools);
  actors::audit_writer::options ao;
  ao.retention_days = cfg.audit_retention_days;
  auto writer = actors::audit_writer::make(service.actors(), audit_log, ao);
  audit->writer = writer;  // before start(): no call can be running yet
  auto policy = actors::policy::make(service.actors(), team_state);
  // Stop hooks run after the listener closed: the last calls' records are queued by then, and
  // stop() writes them before the actor system goes.
  service.at_stop([policy, writer] {
    policy->stop();
    writer->stop();
  });
  if (cfg.auth_mode == "oauth") {
    install_oauth(service, cfg, emu.get(), team_state, team_store, audit_log);
    urls.emplace_back("issuer", cfg.auth_issuer.empty() ? emu->issuer() : cfg.auth_issuer);
  } else {
    spdlog::warn("auth.mode none: MCP requests are anonymous (loopback only; for development and tests); the admin page is off");
  }
  service.start();
  urls.emplace_back("healthz", service.base_url() + "/healthz");
  std::cout << app::ready_line(service, urls) << std::endl;
  service.run_until_signal();
  if (emu) emu->stop();
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
  if (command == "emulator") return emulator_main(args);
  if (command == "admin") return control::admin_main(args, std::cout, std::cerr);
  if (command == "catalog") return workos::catalog_main(args, std::cout, std::cerr);
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
