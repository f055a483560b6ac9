// app/service.cpp — wiring and lifecycle of one MCP server process.
#include "app/service.hpp"

#include <csignal>
#include <cstdlib>
#include <pthread.h>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "actors/session_registry.hpp"
#include "mcp/json.hpp"
#include "policy/redaction.hpp"
#include "transport/http_server.hpp"
#include "transport/streamable_http.hpp"

namespace app {

namespace {

// Every log line of the process (MCP server and embedded emulator alike) passes through one of
// these two flags, so a key, token or PEM block that some message would carry is masked before it
// reaches stderr (promise 4: secrets never appear in logs), whoever wrote the message.

// `%&` in the text log pattern: the message, secrets masked.
class text_message_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    auto safe = policy::redact_for_log(std::string_view{msg.payload.data(), msg.payload.size()});
    dest.append(safe.data(), safe.data() + safe.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<text_message_flag>(); }
};

// `%*` in the JSON log pattern: the message as a JSON string, secrets masked, escaped.
class json_message_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string escaped;
    mcp::append_json_string(escaped, policy::redact_for_log(std::string_view{msg.payload.data(), msg.payload.size()}));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<json_message_flag>(); }
};

void configure_actors(caf::actor_system_config& c, const config& cfg) {
  // CAF 0.17 defaults to max(cores, 4) threads; on a small machine that oversubscribes the
  // cores the I/O threads need.
  c.set("scheduler.max-threads", static_cast<std::size_t>(cfg.actor_threads));
  // CAF 0.17's work-stealing workers poll and then sleep 50 µs at a time when idle, which on a
  // request path that hops between I/O and actor threads shows up as latency and as CPU burnt
  // in context switches; the work-sharing queue wakes a worker the moment work arrives.
  c.set("scheduler.policy", cfg.actor_scheduler == "stealing" ? caf::atom("stealing") : caf::atom("sharing"));
}

}  // namespace

void setup_logging(const config& cfg) {
  auto logger = std::make_shared<spdlog::logger>("workos-mcp", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (cfg.log_format == "json") {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<json_message_flag>('*').set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","msg":%*})");
    logger->set_formatter(std::move(f));
  } else {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<text_message_flag>('&').set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %&");
    logger->set_formatter(std::move(f));
  }
  logger->set_level(spdlog::level::from_str(cfg.log_level));
  spdlog::set_default_logger(logger);
}

void prepare_process_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

parse_outcome parse_config_from_process(const std::vector<std::string>& args) {
  return parse_config(args, [](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string{v};
    return std::nullopt;
  });
}

std::string ready_line(const mcp_service& service, const std::vector<std::pair<std::string, std::string>>& urls) {
  mcp::json_writer w;
  w.begin_object().field("ready", true).field("mcp_url", service.mcp_url());
  for (const auto& [name, url] : urls) w.field(name + "_url", url);
  w.end_object();
  return std::move(w).str();
}

struct mcp_service::impl {
  config cfg;
  std::shared_ptr<mcp::registry> tools;
  caf::actor_system_config actor_cfg;
  std::unique_ptr<caf::actor_system> system;
  std::shared_ptr<actors::session_registry> sessions;
  transport::router routes;
  transport::streamable_http_options endpoint;
  auth_installer install_auth;
  std::vector<std::function<void()>> stop_hooks;
  std::unique_ptr<transport::http_server> http;
  std::string host;
  std::uint16_t port = 0;
  bool stopped = false;

  impl(const config& c, std::shared_ptr<mcp::registry> t) : cfg(c), tools(std::move(t)) {
    resolve_threads(cfg, std::thread::hardware_concurrency());
    configure_actors(actor_cfg, cfg);
  }
};

mcp_service::mcp_service(const config& cfg, std::shared_ptr<mcp::registry> tools)
    : impl_(std::make_unique<impl>(cfg, std::move(tools))) {
  auto& d = *impl_;
  std::error_code ec;
  std::filesystem::create_directories(cfg.data_dir, ec);
  if (ec) throw std::runtime_error("cannot create data directory " + cfg.data_dir + ": " + ec.message());

  d.tools->freeze();
  d.system = std::make_unique<caf::actor_system>(d.actor_cfg);
  actors::session_registry::options ro;
  ro.max_sessions = cfg.max_sessions;
  ro.session.idle_timeout = cfg.session_idle_timeout;
  ro.session.idle_check_interval =
      std::min<std::chrono::milliseconds>(std::chrono::seconds(30), cfg.session_idle_timeout / 2 + std::chrono::milliseconds(1));
  ro.session.protocol.replay_events = cfg.replay_events;
  d.sessions = actors::session_registry::make(*d.system, d.tools, ro);

  d.endpoint.origins.allowed_hosts = cfg.allowed_hosts;
  d.endpoint.origins.allowed_origins = cfg.allowed_origins;
  d.endpoint.sse_retry = cfg.sse_retry;
  d.routes.add("/healthz", [](transport::request&&, std::shared_ptr<transport::responder> r) {
    r->send(transport::response::json(200, R"({"status":"ok"})"));
  });

  transport::server_limits limits;
  limits.max_body_bytes = cfg.max_body_bytes;
  limits.max_header_bytes = cfg.max_header_bytes;
  limits.read_timeout = cfg.read_timeout;
  limits.idle_timeout = cfg.idle_timeout;
  d.http = std::make_unique<transport::http_server>(d.routes, limits, d.cfg.io_threads);
  spdlog::debug("threads: {} I/O, {} actor ({})", d.cfg.io_threads, d.cfg.actor_threads, d.cfg.actor_scheduler);
}

mcp_service::~mcp_service() { stop(); }

transport::router& mcp_service::routes() { return impl_->routes; }

void mcp_service::set_auth(auth_installer install) { impl_->install_auth = std::move(install); }

caf::actor_system& mcp_service::actors() { return *impl_->system; }

void mcp_service::at_stop(std::function<void()> fn) { impl_->stop_hooks.push_back(std::move(fn)); }

std::uint16_t mcp_service::start() {
  auto& d = *impl_;
  auto hp = split_host_port(d.cfg.listen);
  if (!hp) throw std::runtime_error("listen must be host:port, got " + d.cfg.listen);
  transport::listen_spec spec;
  spec.host = hp->first;
  spec.port = hp->second;
  if (!d.cfg.tls_cert.empty()) spec.tls = transport::tls_files{d.cfg.tls_cert, d.cfg.tls_key};
  auto bound = d.http->listen(spec);
  if (!bound.error.empty()) throw std::runtime_error("cannot listen on " + d.cfg.listen + ": " + bound.error);
  d.host = hp->first;
  d.port = bound.port;
  // The endpoint is built now: its authenticator may need the URL the listener got.
  if (d.install_auth) d.endpoint.authenticate = d.install_auth(d.routes, mcp_url());
  d.routes.add("/mcp", transport::make_mcp_endpoint(d.sessions, d.endpoint));
  d.http->start();
  spdlog::info("serving MCP on {}", mcp_url());
  return d.port;
}

std::string mcp_service::base_url() const {
  const auto& d = *impl_;
  std::string host = d.host.find(':') != std::string::npos ? "[" + d.host + "]" : d.host;
  return std::string{d.cfg.tls_cert.empty() ? "http" : "https"} + "://" + host + ":" + std::to_string(d.port);
}

void wait_for_shutdown_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("received {}, draining", sig == SIGINT ? "SIGINT" : "SIGTERM");
}

void mcp_service::run_until_signal() {
  wait_for_shutdown_signal();
  stop();
}

void mcp_service::stop() {
  auto& d = *impl_;
  if (d.stopped) return;
  d.stopped = true;
  // Order matters (cpp-stack-notes.md): the HTTP server first, so that no new work reaches
  // the sessions and connection objects release their sinks; then the sessions; then CAF.
  if (d.http) d.http->stop();
  for (auto& hook : d.stop_hooks) hook();
  if (d.sessions) d.sessions->terminate_all();
  d.http.reset();
  d.sessions.reset();
  // Whatever the hooks, the authenticator and the routes captured (the token verifier, the
  // policy…) holds handles to detached actors; CAF's shutdown waits for those actors to be
  // destroyed, so the handles must go before the system does, or SIGTERM never returns.
  d.stop_hooks.clear();
  d.endpoint.authenticate = nullptr;
  d.routes = transport::router{};
  if (d.system) {
    d.system->await_all_actors_done();
    d.system.reset();
  }
  spdlog::info("stopped");
}

}  // namespace app
