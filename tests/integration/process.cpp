// tests/integration/process.cpp — child processes and the raw HTTP client for integration tests.
#include "tests/integration/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <stdexcept>

extern char** environ;

namespace it {

namespace {

std::vector<char*> c_args(const std::string& binary, std::vector<std::string>& args) {
  std::vector<char*> v;
  v.push_back(const_cast<char*>(binary.c_str()));
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto name = kv.substr(0, kv.find('='));
    if (!extra.count(name) && name.rfind("WORKOS_MCP_", 0) != 0) out.push_back(kv);
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> c_env(std::vector<std::string>& env) {
  std::vector<char*> v;
  for (auto& e : env) v.push_back(e.data());
  v.push_back(nullptr);
  return v;
}

// Reads from `fd` until a newline or the deadline.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (line.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[512];
    auto n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  return line.substr(0, line.find('\n'));
}

}  // namespace

server_process::server_process(const std::string& binary, std::vector<std::string> args,
                               std::map<std::string, std::string> env) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  auto argv = c_args(binary, args);
  auto envs = merged_env(env);
  auto envp = c_env(envs);
  if (posix_spawn(&pid_, binary.c_str(), &fa, nullptr, argv.data(), envp.data()) != 0)
    throw std::runtime_error("cannot start " + binary);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  ready_ = read_line(out[0], std::chrono::seconds(20));
  ::close(out[0]);  // later stdout writes would get EPIPE; the servers print only the ready line
  auto pos = ready_.find("\"mcp_url\":\"http");
  auto host = ready_.find("://127.0.0.1:", pos == std::string::npos ? 0 : pos);
  if (pos == std::string::npos || host == std::string::npos)
    throw std::runtime_error("no ready line from " + binary + ": " + ready_);
  port_ = static_cast<std::uint16_t>(std::stoi(ready_.substr(host + 13)));
}

server_process::~server_process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int st;
    ::waitpid(pid_, &st, 0);
  }
}

std::string server_process::mcp_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/mcp"; }

std::optional<int> server_process::terminate(std::chrono::milliseconds within) {
  ::kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    int st = 0;
    auto r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    // Polling the child's exit, not timing anything: the bound is the deadline above.
    ::usleep(10000);
  }
  return std::nullopt;
}

std::pair<int, std::string> server_process::run(const std::string& binary, std::vector<std::string> args,
                                                std::map<std::string, std::string> env) {
  int err[2];
  if (pipe(err) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&fa, err[0]);
  auto argv = c_args(binary, args);
  auto envs = merged_env(env);
  auto envp = c_env(envs);
  pid_t pid;
  if (posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), envp.data()) != 0)
    throw std::runtime_error("cannot start " + binary);
  posix_spawn_file_actions_destroy(&fa);
  ::close(err[1]);
  std::string text;
  char buf[512];
  ssize_t n;
  while ((n = ::read(err[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  ::close(err[0]);
  int st = 0;
  ::waitpid(pid, &st, 0);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), text};
}

http_reply http(std::uint16_t port, const std::string& method, const std::string& target,
                std::map<std::string, std::string> headers, const std::string& body,
                std::chrono::milliseconds timeout) {
  namespace beast = boost::beast;
  namespace bhttp = beast::http;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code ec;
  bhttp::read(stream, buf, parser, ec);
  http_reply r;
  // Any error means no complete answer (end_of_stream: the peer closed before answering; a body
  // delimited by the close is read without error). Status 0 then, never a default 200.
  if (ec || !parser.is_done()) return r;
  auto& res = parser.get();
  r.status = res.result_int();
  for (const auto& f : res) {
    std::string name{f.name_string()};
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string{f.value()};
  }
  r.body = res.body();
  return r;
}

http_reply https(std::uint16_t port, const std::string& host, const std::string& ca_file, const std::string& method,
                 const std::string& target, std::map<std::string, std::string> headers, const std::string& body) {
  namespace beast = boost::beast;
  namespace bhttp = beast::http;
  namespace ssl = boost::asio::ssl;
  http_reply r;
  boost::asio::io_context ioc;
  ssl::context ctx(ssl::context::tls_client);
  ctx.load_verify_file(ca_file);
  ctx.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  stream.set_verify_callback(ssl::host_name_verification(host));
  SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::error_code ec;
  beast::get_lowest_layer(stream).connect(
      boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return r;
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) return r;
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, host + ":" + std::to_string(port));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req, ec);
  if (ec) return r;
  beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buf, res, ec);
  if (ec) return r;
  r.status = res.result_int();
  r.body = res.body();
  for (const auto& f : res) {
    std::string name{f.name_string()};
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = std::string{f.value()};
  }
  return r;
}

struct open_stream::impl {
  boost::asio::io_context ioc;
  boost::beast::tcp_stream stream{ioc};
  boost::beast::flat_buffer buf;
  boost::beast::http::response_parser<boost::beast::http::string_body> parser;
  bool ended = false;
};

open_stream::open_stream(std::uint16_t port, const std::string& method, const std::string& target,
                         std::map<std::string, std::string> headers, const std::string& body)
    : impl_(std::make_unique<impl>()) {
  namespace bhttp = boost::beast::http;
  impl_->stream.expires_after(std::chrono::seconds(10));
  impl_->stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(impl_->stream, req);
  impl_->parser.body_limit(64 * 1024 * 1024);
  boost::beast::error_code ec;
  bhttp::read_header(impl_->stream, impl_->buf, impl_->parser, ec);
  if (ec) impl_->ended = true;
}

open_stream::~open_stream() = default;

unsigned open_stream::status() const { return impl_->parser.get().result_int(); }

std::string open_stream::header(const std::string& name) const {
  auto it = impl_->parser.get().find(name);
  return it == impl_->parser.get().end() ? std::string{} : std::string{it->value()};
}

const std::string& open_stream::body() const { return impl_->parser.get().body(); }

bool open_stream::read_until(const std::function<bool(const std::string&)>& until, std::chrono::milliseconds timeout) {
  namespace bhttp = boost::beast::http;
  impl_->stream.expires_after(timeout);
  while (!until(body())) {
    if (impl_->ended || impl_->parser.is_done()) return false;
    boost::beast::error_code ec;
    bhttp::read_some(impl_->stream, impl_->buf, impl_->parser, ec);
    if (ec) {
      impl_->ended = true;
      return until(body());
    }
  }
  return true;
}

bool open_stream::read_to_end(std::chrono::milliseconds timeout) {
  read_until([](const std::string&) { return false; }, timeout);
  return impl_->parser.is_done();
}

void open_stream::close() {
  boost::beast::error_code ec;
  impl_->stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  impl_->stream.close();
}

std::vector<std::pair<std::string, std::string>> sse_events(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string id, data;
  bool any = false;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto nl = body.find('\n', pos);
    auto line = body.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? body.size() : nl + 1;
    if (line.empty()) {
      if (any) out.emplace_back(id, data);
      id.clear();
      data.clear();
      any = false;
    } else if (line.rfind("id: ", 0) == 0) {
      id = line.substr(4);
      any = true;
    } else if (line.rfind("data: ", 0) == 0) {
      data += line.substr(6);
      any = true;
    } else if (line.rfind("data:", 0) == 0) {
      any = true;
    }
  }
  return out;
}

}  // namespace it
