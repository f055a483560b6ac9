// transport/http_server.cpp — the Beast HTTP/1.1 server (plain and TLS), async on strands.
//
// Shape:
//   core        shared state: the io_context, the router, the limits, the registry of live
//               connections. Owned by http_server and by every responder, so a responder that
//               outlives the server (held by an actor, say) never touches a dead io_context.
//   listener    one acceptor (on its own strand) plus, for HTTPS, its ssl::context.
//   connection  template over the stream (beast::tcp_stream or ssl_stream<tcp_stream>), one strand
//               each. Reads requests ahead (pipelining, at most max_pipelined outstanding), keeps one
//               "slot" per exchange in request order, writes only the head slot, one write in flight.
//   responder   handed to the handler; thread-safe; every call is posted onto the connection strand.
//
// Timeouts: the read/idle deadline and the write deadline are two steady_timers of our own rather
// than beast::tcp_stream's built-in ones. tcp_stream can only arm the timeout of an operation
// when it starts, but here a read stays posted for as long as the connection lives (it reads the
// next pipelined request and notices a peer that goes away during a long stream) and its deadline
// must change while it is pending: idle timeout when nothing is outstanding, none while responses
// or streams are open, read timeout once a request's first bytes came. tcp_stream's timer is
// used for the TLS handshake only and is otherwise kept at "never".
#include "transport/http_server.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace transport {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using strand_t = net::strand<net::io_context::executor_type>;
using steady = std::chrono::steady_clock;

constexpr std::size_t first_read_size = 4 * 1024;        // read while waiting for a request
constexpr std::size_t idle_buffer_keep = 16 * 1024;      // larger read buffers are freed when idle
constexpr std::size_t linger_discard_limit = 1024 * 1024;  // bytes drained before a graceful close
constexpr std::chrono::milliseconds linger_timeout{1000};  // ... and for how long at most
constexpr std::chrono::milliseconds accept_backoff{50};    // after EMFILE and friends

class conn_base;

// Shared by the server and every responder; see the file comment.
struct core : std::enable_shared_from_this<core> {
  core(const router& r, server_limits l, unsigned threads)
      : routes(r), limits(l), ioc(static_cast<int>(threads)) {}

  bool add(const std::shared_ptr<conn_base>& c);
  void remove(conn_base* c);
  std::vector<std::weak_ptr<conn_base>> snapshot();

  // Declared before `ioc`: connections destroyed together with the io_context's pending handlers
  // deregister into these.
  std::mutex reg_mu;
  std::condition_variable reg_cv;
  std::unordered_map<conn_base*, std::weak_ptr<conn_base>> conns;
  std::atomic<std::size_t> conn_count{0};
  bool stopping = false;                    // guarded by reg_mu: no new connections
  std::atomic<bool> draining{false};        // stop() began
  std::atomic<bool> alive{true};            // false after stop(): responder calls become no-ops

  const router& routes;
  const server_limits limits;
  net::io_context ioc;
};

/// What a responder and its slot share: `closed()` must be answerable from any thread.
struct exchange_state {
  std::atomic<bool> closed{false};   // peer gone, write failed, or exchange over
  std::atomic<bool> aborted{false};  // ended by disconnect/close before the handler finished
};

/// The strand-side entry points a responder posts to.
class conn_base : public std::enable_shared_from_this<conn_base> {
 public:
  explicit conn_base(strand_t s) : strand_(std::move(s)) {}
  virtual ~conn_base() = default;
  const strand_t& strand() const { return strand_; }

  virtual void on_send(std::uint64_t id, response r) = 0;
  virtual void on_begin(std::uint64_t id, unsigned status, header_list h) = 0;
  virtual void on_write(std::uint64_t id, std::string chunk) = 0;
  virtual void on_end(std::uint64_t id) = 0;
  virtual void on_register_close(std::uint64_t id, const std::shared_ptr<exchange_state>& st,
                                 std::function<void()> fn) = 0;
  virtual void on_abandoned(std::uint64_t id, bool streaming) = 0;
  virtual void drain() = 0;
  virtual void force_close() = 0;

 protected:
  strand_t strand_;
};

bool core::add(const std::shared_ptr<conn_base>& c) {
  std::lock_guard lk(reg_mu);
  if (stopping) return false;
  conns.emplace(c.get(), c);
  conn_count.store(conns.size(), std::memory_order_relaxed);
  return true;
}

void core::remove(conn_base* c) {
  {
    std::lock_guard lk(reg_mu);
    conns.erase(c);
    conn_count.store(conns.size(), std::memory_order_relaxed);
  }
  reg_cv.notify_all();
}

std::vector<std::weak_ptr<conn_base>> core::snapshot() {
  std::lock_guard lk(reg_mu);
  std::vector<std::weak_ptr<conn_base>> out;
  out.reserve(conns.size());
  for (auto& [p, w] : conns) out.push_back(w);
  return out;
}

void run_guarded(const std::function<void()>& fn, const char* what) {
  try {
    fn();
  } catch (const std::exception& e) {
    spdlog::warn("http: {} threw: {}", what, e.what());
  } catch (...) {
    spdlog::warn("http: {} threw", what);
  }
}

// ------------------------------------------------------------------------------------------------
// responder

class responder_impl final : public responder {
 public:
  responder_impl(std::shared_ptr<core> c, std::shared_ptr<conn_base> conn, std::uint64_t id,
                 std::shared_ptr<exchange_state> st)
      : core_(std::move(c)), conn_(std::move(conn)), st_(std::move(st)), id_(id) {}

  ~responder_impl() override {
    int p = phase_.load(std::memory_order_acquire);
    if (p == done) return;
    bool streaming = p == streaming_phase;
    post([c = conn_, id = id_, streaming] { c->on_abandoned(id, streaming); });
  }

  void send(response r) override {
    int expected = fresh;
    if (!phase_.compare_exchange_strong(expected, done, std::memory_order_acq_rel)) return;
    if (st_->closed.load(std::memory_order_acquire)) return;
    post([c = conn_, id = id_, r = std::move(r)]() mutable { c->on_send(id, std::move(r)); });
  }

  void begin_stream(unsigned status, header_list headers) override {
    int expected = fresh;
    if (!phase_.compare_exchange_strong(expected, streaming_phase, std::memory_order_acq_rel)) return;
    if (st_->closed.load(std::memory_order_acquire)) return;
    post([c = conn_, id = id_, status, h = std::move(headers)]() mutable {
      c->on_begin(id, status, std::move(h));
    });
  }

  void write(std::string chunk) override {
    if (chunk.empty() || phase_.load(std::memory_order_acquire) != streaming_phase) return;
    if (st_->closed.load(std::memory_order_acquire)) return;
    post([c = conn_, id = id_, ch = std::move(chunk)]() mutable { c->on_write(id, std::move(ch)); });
  }

  void end_stream() override {
    int expected = streaming_phase;
    if (!phase_.compare_exchange_strong(expected, done, std::memory_order_acq_rel)) return;
    if (st_->closed.load(std::memory_order_acquire)) return;
    post([c = conn_, id = id_] { c->on_end(id); });
  }

  bool closed() const override {
    return st_->closed.load(std::memory_order_acquire) || phase_.load(std::memory_order_acquire) == done;
  }

  void abort() override {
    if (phase_.exchange(done, std::memory_order_acq_rel) == done) return;
    post([c = conn_] { c->force_close(); });
  }

  void on_close(std::function<void()> fn) override {
    if (!fn) return;
    post([c = conn_, id = id_, st = st_, fn = std::move(fn)]() mutable {
      c->on_register_close(id, st, std::move(fn));
    });
  }

 private:
  enum : int { fresh = 0, streaming_phase = 1, done = 2 };

  template <class F>
  void post(F&& f) {
    // After stop() nothing runs the io_context any more: drop the call (it would only queue).
    if (!core_->alive.load(std::memory_order_acquire)) return;
    net::post(conn_->strand(), std::forward<F>(f));
  }

  // Order matters: conn_ must die before core_ (the connection's socket needs the io_context).
  std::shared_ptr<core> core_;
  std::shared_ptr<conn_base> conn_;
  std::shared_ptr<exchange_state> st_;
  std::uint64_t id_;
  std::atomic<int> phase_{fresh};
};

// ------------------------------------------------------------------------------------------------
// helpers

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool bodyless_status(unsigned status) { return status < 200 || status == 204 || status == 304; }

bool token_list_has(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (iequals(item, token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

/// Copies the caller's headers onto a Beast message, leaving framing to us. Returns false if the
/// caller asked for `Connection: close`.
template <class Fields>
bool apply_headers(Fields& f, const header_list& headers) {
  bool keep = true;
  for (const auto& [name, value] : headers.items()) {
    if (name.empty() || has_crlf(name) || has_crlf(value)) {
      spdlog::warn("http: dropping response header with an invalid name or value");
      continue;
    }
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;
    if (iequals(name, "Connection")) {
      if (token_list_has(value, "close")) keep = false;
      continue;
    }
    f.insert(std::string_view{name}, std::string_view{value});
  }
  return keep;
}

unsigned checked_status(unsigned status) {
  if (status < 100 || status > 999) {
    spdlog::warn("http: handler answered with invalid status {}, sending 500", status);
    return 500;
  }
  return status;
}

void split_target(request& r) {
  std::string_view t = r.target;
  // absolute-form (a proxy-style request line): keep only the path and query
  if (t.size() > 7 && (t.substr(0, 7) == "http://" || t.substr(0, 8) == "https://")) {
    auto slash = t.find('/', t.find("//") + 2);
    t = slash == std::string_view::npos ? std::string_view{"/"} : t.substr(slash);
  }
  auto q = t.find('?');
  if (q == std::string_view::npos) {
    r.path.assign(t);
  } else {
    r.path.assign(t.substr(0, q));
    r.query.assign(t.substr(q + 1));
  }
}

bool is_disconnect(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::connection_aborted ||
         ec == net::error::broken_pipe || ec == ssl::error::stream_truncated ||
         ec == net::error::operation_aborted || ec == net::error::bad_descriptor ||
         ec == net::error::not_connected || ec == net::error::shut_down;
}

// ------------------------------------------------------------------------------------------------
// connection

using full_message = http::response<http::string_body>;
using head_message = http::response<http::empty_body>;

struct slot {
  enum class kind : std::uint8_t { waiting, full, stream };

  std::uint64_t id = 0;
  std::shared_ptr<exchange_state> st = std::make_shared<exchange_state>();
  unsigned version = 11;
  bool keep_alive = true;
  bool head_request = false;  // HEAD: never any body bytes
  kind k = kind::waiting;
  bool finished = false;      // the responder is done (sent, ended or abandoned)
  bool close_fired = false;   // on_close callbacks ran (drain): later ones run at once

  std::unique_ptr<full_message> full;
  // streaming
  std::unique_ptr<head_message> head;
  std::unique_ptr<http::response_serializer<http::empty_body>> sr;
  bool head_written = false;
  bool raw = false;           // HTTP/1.0 peer: no chunked encoding, the body ends with the connection
  bool last_written = false;
  std::string pending;        // stream bytes not yet handed to a write

  std::vector<std::function<void()>> close_fns;
};

template <class Stream>
class connection final : public conn_base {
 public:
  static constexpr bool is_tls = !std::is_same_v<Stream, beast::tcp_stream>;

  connection(core& c, strand_t s, tcp::socket&& sock, std::string remote, std::shared_ptr<ssl::context> ctx)
      : conn_base(s),
        core_(c),
        ctx_(std::move(ctx)),
        stream_(make_stream(std::move(sock), ctx_.get())),
        read_timer_(s),
        write_timer_(s),
        remote_(std::move(remote)) {}

  ~connection() override {
    if (registered_) core_.remove(this);
  }

  void set_registered() { registered_ = true; }

  /// Starts the connection on its strand.
  void run() {
    net::post(strand_, [self = self()] { self->start(); });
  }

  // ---- responder entry points (on the strand) ----

  void on_send(std::uint64_t id, response r) override {
    slot* s = find_slot(id);
    if (!s || s->k != slot::kind::waiting || s->finished) return;
    set_full(*s, std::move(r));
    pump();
  }

  void on_begin(std::uint64_t id, unsigned status, header_list h) override {
    slot* s = find_slot(id);
    if (!s || s->k != slot::kind::waiting || s->finished) return;
    s->k = slot::kind::stream;
    auto m = std::make_unique<head_message>();
    m->version(s->version);
    m->result(checked_status(status));
    bool keep = apply_headers(*m, h) && s->keep_alive && !draining_;
    if (s->version >= 11) {
      m->chunked(true);
    } else {
      s->raw = true;  // HTTP/1.0 has no chunked coding: the body runs until we close
      keep = false;
    }
    m->keep_alive(keep);
    s->keep_alive = keep;
    s->head = std::move(m);
    pump();
  }

  void on_write(std::uint64_t id, std::string chunk) override {
    slot* s = find_slot(id);
    if (!s || s->k != slot::kind::stream || s->finished || s->head_request) return;
    if (s->pending.size() + chunk.size() > core_.limits.max_stream_backlog) {
      spdlog::warn("http: {}: stream backlog above {} bytes, closing the connection", remote_,
                   core_.limits.max_stream_backlog);
      hard_close();
      return;
    }
    if (s->pending.empty())
      s->pending = std::move(chunk);
    else
      s->pending.append(chunk);
    pump();
  }

  void on_end(std::uint64_t id) override {
    slot* s = find_slot(id);
    if (!s || s->k != slot::kind::stream || s->finished) return;
    s->finished = true;
    s->st->closed.store(true, std::memory_order_release);
    s->close_fns.clear();
    pump();
  }

  void on_register_close(std::uint64_t id, const std::shared_ptr<exchange_state>& st,
                         std::function<void()> fn) override {
    if (st->aborted.load(std::memory_order_acquire)) {  // already gone: tell at once
      run_guarded(fn, "on_close callback");
      return;
    }
    slot* s = find_slot(id);
    if (!s || s->finished) return;  // completed normally: never fires
    if (s->close_fired)
      run_guarded(fn, "on_close callback");
    else
      s->close_fns.push_back(std::move(fn));
  }

  void on_abandoned(std::uint64_t id, bool streaming) override {
    slot* s = find_slot(id);
    if (!s || s->finished) return;
    if (s->k == slot::kind::waiting) {
      spdlog::warn("http: {}: handler dropped its responder without answering, sending 500", remote_);
      set_full(*s, response::text(500, "internal error: no response\n"));
    } else if (s->k == slot::kind::stream) {
      if (streaming) spdlog::warn("http: {}: handler dropped a stream without ending it", remote_);
      s->finished = true;
      s->st->closed.store(true, std::memory_order_release);
      s->close_fns.clear();
    }
    pump();
  }

  void drain() override {
    if (state_ == state::closed || state_ == state::closing) return;
    if (state_ == state::handshake) {
      hard_close();
      return;
    }
    draining_ = true;
    for (auto& s : slots_) {
      if (s.finished || s.close_fired) continue;
      s.close_fired = true;
      auto fns = std::move(s.close_fns);
      s.close_fns.clear();
      for (auto& fn : fns) run_guarded(fn, "on_close callback");
    }
    if (state_ == state::open && slots_.empty() && !writing_) hard_close();
  }

  void force_close() override { hard_close(); }

 private:
  enum class state : std::uint8_t { handshake, open, closing, closed };

  static Stream make_stream(tcp::socket&& sock, ssl::context* ctx) {
    if constexpr (is_tls)
      return Stream(std::move(sock), *ctx);
    else
      return Stream(std::move(sock));
  }

  std::shared_ptr<connection> self() { return std::static_pointer_cast<connection>(shared_from_this()); }
  auto& lowest() { return beast::get_lowest_layer(stream_); }

  void start() {
    if (state_ != state::handshake) return;  // drained before it began
    if constexpr (is_tls) {
      lowest().expires_after(core_.limits.handshake_timeout);
      stream_.async_handshake(ssl::stream_base::server, [self = self()](error_code ec) { self->on_handshake(ec); });
    } else {
      state_ = state::open;
      start_read();
    }
  }

  void on_handshake(error_code ec) {
    if (state_ != state::handshake) return;
    lowest().expires_never();
    if (ec) {
      spdlog::debug("http: {}: TLS handshake failed: {}", remote_, ec.message());
      hard_close();
      return;
    }
    state_ = state::open;
    start_read();
  }

  // ---- reading ----

  void start_read() {
    if (reading_ || state_ != state::open || read_stopped_ || draining_) return;
    // at max_pipelined outstanding exchanges, reading resumes when the head one completes
    if (slots_.size() >= std::max<std::size_t>(core_.limits.max_pipelined, 1)) return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(core_.limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser_->body_limit(static_cast<std::uint64_t>(core_.limits.max_body_bytes));
    if (buffer_.size() > 0) {  // pipelined bytes already here
      read_request();
      return;
    }
    // After a large request the buffer has grown: don't keep that memory on an idle connection.
    if (buffer_.capacity() > idle_buffer_keep) buffer_.shrink_to_fit();
    reading_ = true;
    awaiting_first_ = true;
    if (slots_.empty())
      arm_idle_timer();
    else
      disarm_read_timer();  // responses pending: the peer may legitimately wait (e.g. a stream)
    stream_.async_read_some(buffer_.prepare(first_read_size),
                            [self = self()](error_code ec, std::size_t n) { self->on_first_bytes(ec, n); });
  }

  void on_first_bytes(error_code ec, std::size_t n) {
    reading_ = false;
    awaiting_first_ = false;
    if (state_ == state::closing) {
      linger_step(ec, n);
      return;
    }
    if (state_ != state::open) return;
    if (ec) {
      on_read_error(ec);
      return;
    }
    buffer_.commit(n);
    read_request();  // during a drain the request is answered 503 (see on_request)
  }

  void read_request() {
    reading_ = true;
    arm_read_timer(core_.limits.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = self()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    reading_ = false;
    if (state_ == state::closing) {
      linger_step(ec, 0);
      return;
    }
    if (state_ != state::open) return;
    disarm_read_timer();
    if (ec) {
      on_read_error(ec);
      return;
    }
    on_request();
  }

  void on_read_error(const error_code& ec) {
    if (ec == http::error::body_limit) {
      spdlog::debug("http: {}: request body above {} bytes", remote_, core_.limits.max_body_bytes);
      error_response(413, "payload too large\n");
    } else if (ec == http::error::header_limit) {
      spdlog::debug("http: {}: request header above {} bytes", remote_, core_.limits.max_header_bytes);
      error_response(431, "request header fields too large\n");
    } else if (!is_disconnect(ec) && ec.category() == http::make_error_code(http::error::bad_method).category()) {
      spdlog::debug("http: {}: bad request: {}", remote_, ec.message());
      error_response(400, "bad request\n");
    } else {
      spdlog::debug("http: {}: connection ended: {}", remote_, ec.message());
      hard_close();
    }
  }

  /// Answers a request we could not read, in order after the responses still pending, then closes.
  void error_response(unsigned status, std::string text) {
    read_stopped_ = true;
    slot& s = add_slot(11, false, false);
    set_full(s, response::text(status, std::move(text)));
    pump();
  }

  void on_request() {
    bool keep = parser_->keep_alive();
    auto msg = parser_->release();
    parser_.reset();
    if (!keep) read_stopped_ = true;
    const bool head = msg.method() == http::verb::head;

    if (draining_) {
      read_stopped_ = true;
      slot& s = add_slot(msg.version(), false, head);
      set_full(s, response::text(503, "server shutting down\n"));
      pump();
      return;
    }

    request r;
    r.method.assign(msg.method_string());
    r.target.assign(msg.target());
    split_target(r);
    for (const auto& f : msg) r.headers.add(std::string(f.name_string()), std::string(f.value()));
    r.body = std::move(msg.body());
    if (r.body.capacity() < r.body.size() + body_padding) r.body.reserve(r.body.size() + body_padding);
    r.tls = is_tls;
    r.remote_address = remote_;

    slot& s = add_slot(msg.version(), keep, head);
    const handler* h = core_.routes.find(r.path);
    if (!h) {
      set_full(s, response::text(404, "not found\n"));
      pump();
      start_read();
      return;
    }
    auto resp = std::make_shared<responder_impl>(core_.shared_from_this(), shared_from_this(), s.id, s.st);
    try {
      (*h)(std::move(r), std::move(resp));
    } catch (const std::exception& e) {
      spdlog::warn("http: {}: handler threw: {}", remote_, e.what());
    } catch (...) {
      spdlog::warn("http: {}: handler threw", remote_);
    }
    start_read();  // read the next pipelined request while this one is answered
  }

  slot& add_slot(unsigned version, bool keep, bool head) {
    slot& s = slots_.emplace_back();
    s.id = next_id_++;
    s.version = version;
    s.keep_alive = keep;
    s.head_request = head;
    return s;
  }

  slot* find_slot(std::uint64_t id) {
    if (state_ != state::open || slots_.empty()) return nullptr;
    std::uint64_t first = slots_.front().id;
    if (id < first || id - first >= slots_.size()) return nullptr;
    return &slots_[static_cast<std::size_t>(id - first)];
  }

  void set_full(slot& s, response r) {
    auto m = std::make_unique<full_message>();
    unsigned status = checked_status(r.status);
    m->version(s.version);
    m->result(status);
    bool keep = apply_headers(*m, r.headers) && s.keep_alive && !draining_;
    if (bodyless_status(status)) {
      m->body().clear();
    } else {
      m->content_length(r.body.size());
      if (!s.head_request) m->body() = std::move(r.body);
    }
    m->keep_alive(keep);
    s.keep_alive = keep;
    s.k = slot::kind::full;
    s.full = std::move(m);
    s.finished = true;
    s.st->closed.store(true, std::memory_order_release);
    s.close_fns.clear();
  }

  // ---- writing ----

  void pump() {
    while (!writing_ && state_ == state::open && !slots_.empty()) {
      slot& s = slots_.front();
      if (s.k == slot::kind::waiting) return;
      if (s.k == slot::kind::full) {
        begin_write();
        http::async_write(stream_, *s.full, [self = self()](error_code ec, std::size_t) {
          self->on_written(ec, true);
        });
        return;
      }
      // stream
      if (!s.head_written) {
        s.sr = std::make_unique<http::response_serializer<http::empty_body>>(*s.head);
        begin_write();
        http::async_write_header(stream_, *s.sr, [self = self()](error_code ec, std::size_t) {
          self->on_written(ec, false);
        });
        s.head_written = true;
        return;
      }
      if (s.head_request) s.pending.clear();
      if (!s.pending.empty()) {
        wbuf_ = std::move(s.pending);
        s.pending.clear();
        begin_write();
        auto done = [self = self()](error_code ec, std::size_t) { self->on_written(ec, false); };
        if (s.raw) {
          net::async_write(stream_, net::buffer(wbuf_), std::move(done));
        } else if (s.finished) {
          s.last_written = true;
          net::async_write(stream_, beast::buffers_cat(http::make_chunk(net::buffer(wbuf_)), http::make_chunk_last()),
                           std::move(done));
        } else {
          net::async_write(stream_, http::make_chunk(net::buffer(wbuf_)), std::move(done));
        }
        return;
      }
      if (!s.finished) return;  // waiting for more stream data
      if (!s.raw && !s.head_request && !s.last_written) {
        s.last_written = true;
        begin_write();
        net::async_write(stream_, http::make_chunk_last(), [self = self()](error_code ec, std::size_t) {
          self->on_written(ec, false);
        });
        return;
      }
      if (!complete_head()) return;
    }
    if (slots_.empty() && state_ == state::open) {
      if (draining_) {
        hard_close();
        return;
      }
      start_read();
      if (awaiting_first_ && !idle_armed_) arm_idle_timer();
    }
  }

  void begin_write() {
    writing_ = true;
    arm_write_timer();
  }

  void on_written(error_code ec, bool whole_response) {
    writing_ = false;
    disarm_write_timer();
    wbuf_.clear();
    in_flight_.reset();
    if (state_ != state::open) return;
    if (ec) {
      spdlog::debug("http: {}: write failed: {}", remote_, ec.message());
      hard_close();
      return;
    }
    if (whole_response && !complete_head()) return;
    pump();
  }

  /// The head exchange is fully written: retire it. Returns false if the connection is closing.
  bool complete_head() {
    bool keep = slots_.front().keep_alive && !slots_.front().raw;
    slots_.pop_front();
    if (!keep) {
      begin_linger();
      return false;
    }
    start_read();  // max_pipelined may have paused reading
    return true;
  }

  // ---- timers ----

  void arm_idle_timer() {
    arm_read_timer(core_.limits.idle_timeout);
    idle_armed_ = true;
  }
  void arm_read_timer(std::chrono::milliseconds d) {
    idle_armed_ = false;
    auto gen = ++read_gen_;
    read_timer_.expires_after(d);
    read_timer_.async_wait([self = self(), gen](error_code ec) {
      if (ec || gen != self->read_gen_) return;
      self->on_read_timeout();
    });
  }
  void disarm_read_timer() {
    idle_armed_ = false;
    ++read_gen_;
    read_timer_.cancel();
  }
  void arm_write_timer() {
    auto gen = ++write_gen_;
    write_timer_.expires_after(core_.limits.write_timeout);
    write_timer_.async_wait([self = self(), gen](error_code ec) {
      if (ec || gen != self->write_gen_) return;
      spdlog::debug("http: {}: write timeout", self->remote_);
      self->hard_close();
    });
  }
  void disarm_write_timer() {
    ++write_gen_;
    write_timer_.cancel();
  }

  void on_read_timeout() {
    if (state_ == state::closing) {
      hard_close();
      return;
    }
    if (state_ != state::open) return;
    spdlog::debug("http: {}: {} timeout", remote_, awaiting_first_ ? "idle" : "read");
    hard_close();
  }

  // ---- closing ----

  /// A response that ends the connection is written: close gracefully. Plain TCP: half-close and
  /// read what the peer still sends (e.g. the rest of a rejected body) so that the close does not
  /// turn into a reset that destroys our last response. TLS: send close_notify.
  void begin_linger() {
    abort_slots();
    state_ = state::closing;
    disarm_read_timer();
    arm_read_timer(std::min<std::chrono::milliseconds>(linger_timeout, core_.limits.read_timeout));
    if constexpr (is_tls) {
      if (reading_) {  // a read is posted: no close_notify exchange beside it
        hard_close();
        return;
      }
      reading_ = true;
      stream_.async_shutdown([self = self()](error_code) {
        self->reading_ = false;
        self->hard_close();
      });
    } else {
      error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) {
        hard_close();
        return;
      }
      if (!reading_) linger_read();
    }
  }

  void linger_read() {
    reading_ = true;
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(first_read_size),
                            [self = self()](error_code ec, std::size_t n) { self->linger_step(ec, n); });
  }

  void linger_step(error_code ec, std::size_t n) {
    reading_ = false;
    if (state_ != state::closing) return;
    linger_bytes_ += n;
    if (ec || linger_bytes_ > linger_discard_limit) {
      hard_close();
      return;
    }
    linger_read();
  }

  /// Ends every exchange still open: the peer will not see it.
  void abort_slots() {
    auto dead = std::move(slots_);
    slots_.clear();
    for (auto& s : dead) {
      if (!s.finished) s.st->aborted.store(true, std::memory_order_release);
      s.st->closed.store(true, std::memory_order_release);
    }
    for (auto& s : dead) {
      if (s.finished || s.close_fired) continue;
      s.close_fired = true;
      auto fns = std::move(s.close_fns);
      s.close_fns.clear();
      for (auto& fn : fns) run_guarded(fn, "on_close callback");
    }
    // A write still in flight refers to the head slot's message: keep it until the write ends.
    if (writing_ && !dead.empty()) in_flight_.emplace(std::move(dead.front()));
  }

  void hard_close() {
    if (state_ == state::closed) return;
    bool was_open = state_ == state::open;
    state_ = state::closed;
    if (was_open)
      abort_slots();
    else
      slots_.clear();
    disarm_read_timer();
    disarm_write_timer();
    error_code ec;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest().close();
    // parser_, buffer_ and wbuf_ stay: aborted operations may still refer to them until they end.
    if (registered_) {
      registered_ = false;
      core_.remove(this);
    }
    spdlog::debug("http: {}: connection closed", remote_);
  }

  core& core_;
  std::shared_ptr<ssl::context> ctx_;  // before stream_: the SSL stream refers to it
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  net::steady_timer read_timer_;
  net::steady_timer write_timer_;
  std::uint64_t read_gen_ = 0;
  std::uint64_t write_gen_ = 0;
  std::deque<slot> slots_;
  std::optional<slot> in_flight_;  // the aborted head slot whose write has not completed yet
  std::uint64_t next_id_ = 0;
  std::string wbuf_;
  std::string remote_;
  std::size_t linger_bytes_ = 0;
  state state_ = state::handshake;
  bool reading_ = false;         // a read is posted on the stream
  bool awaiting_first_ = false;  // ... and it waits for the first bytes of a request
  bool writing_ = false;         // a write is posted on the stream
  bool read_stopped_ = false;    // no further request will be read (close requested, bad input)
  bool draining_ = false;
  bool registered_ = false;
  bool idle_armed_ = false;      // the read timer runs the idle timeout
};

using plain_connection = connection<beast::tcp_stream>;
using tls_connection = connection<beast::ssl_stream<beast::tcp_stream>>;

// ------------------------------------------------------------------------------------------------
// listener

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(core& c, std::shared_ptr<ssl::context> ctx)
      : core_(c), ctx_(std::move(ctx)), acceptor_(net::make_strand(c.ioc)), backoff_(acceptor_.get_executor()) {}

  tcp::acceptor& acceptor() { return acceptor_; }

  void start() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] { self->do_accept(); });
  }

  /// Closes the acceptor on its strand.
  void close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] { self->close_now(); });
  }

  void close_now() {
    error_code ec;
    acceptor_.close(ec);
    backoff_.cancel();
  }

 private:
  void do_accept() {
    if (!acceptor_.is_open()) return;
    auto strand = net::make_strand(core_.ioc);
    acceptor_.async_accept(strand, [self = shared_from_this(), strand](error_code ec, tcp::socket sock) {
      self->on_accept(ec, std::move(sock), strand);
    });
  }

  void on_accept(error_code ec, tcp::socket sock, strand_t strand) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      spdlog::warn("http: accept failed: {}", ec.message());
      backoff_.expires_after(accept_backoff);
      backoff_.async_wait([self = shared_from_this()](error_code e) {
        if (!e) self->do_accept();
      });
      return;
    }
    accept_one(std::move(sock), std::move(strand));
    do_accept();
  }

  void accept_one(tcp::socket sock, strand_t strand) {
    error_code ec;
    if (core_.draining.load(std::memory_order_acquire) ||
        core_.conn_count.load(std::memory_order_relaxed) >= core_.limits.max_connections) {
      spdlog::debug("http: refusing a connection ({})",
                    core_.draining.load() ? "shutting down" : "connection limit");
      sock.shutdown(tcp::socket::shutdown_both, ec);
      sock.close(ec);
      return;
    }
    auto ep = sock.remote_endpoint(ec);
    if (ec) {  // gone already
      sock.close(ec);
      return;
    }
    sock.set_option(tcp::no_delay(true), ec);
    std::string remote = ep.address().to_string();
    spdlog::debug("http: {}: connection accepted{}", remote, ctx_ ? " (TLS)" : "");
    if (ctx_)
      launch(std::make_shared<tls_connection>(core_, std::move(strand), std::move(sock), std::move(remote), ctx_));
    else
      launch(std::make_shared<plain_connection>(core_, std::move(strand), std::move(sock), std::move(remote), nullptr));
  }

  template <class C>
  void launch(std::shared_ptr<C> c) {
    if (!core_.add(c)) return;  // stop() began: the socket closes with c
    c->set_registered();
    c->run();
  }

  core& core_;
  std::shared_ptr<ssl::context> ctx_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
};

std::shared_ptr<ssl::context> make_tls_context(const tls_files& files, std::string& error) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                   ec);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);  // idle keep-alive connections hold less
  ctx->use_certificate_chain_file(files.cert_chain_file, ec);
  if (ec) {
    error = "cannot load certificate chain '" + files.cert_chain_file + "': " + ec.message();
    return nullptr;
  }
  ctx->use_private_key_file(files.private_key_file, ssl::context::pem, ec);
  if (ec) {
    error = "cannot load private key '" + files.private_key_file + "': " + ec.message();
    return nullptr;
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    error = "private key '" + files.private_key_file + "' does not match the certificate";
    return nullptr;
  }
  return ctx;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// http_server

struct http_server::impl {
  impl(const router& routes, server_limits limits, unsigned threads)
      : threads(threads == 0 ? 1 : threads), c(std::make_shared<core>(routes, limits, this->threads)) {}

  unsigned threads;
  std::shared_ptr<core> c;  // before listeners: they hold an acceptor of c->ioc
  std::mutex life_mu;       // listen / start / stop
  bool started = false;
  bool stopped = false;
  std::vector<std::shared_ptr<listener>> listeners;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::vector<std::thread> pool;

  void post_to_all(void (conn_base::*fn)()) {
    for (auto& w : c->snapshot())
      if (auto conn = w.lock()) net::post(conn->strand(), [conn, fn] { ((*conn).*fn)(); });
  }

  bool wait_empty(steady::time_point deadline) {
    std::unique_lock lk(c->reg_mu);
    return c->reg_cv.wait_until(lk, deadline, [&] { return c->conns.empty(); });
  }
};

http_server::http_server(const router& routes, server_limits limits, unsigned threads)
    : impl_(std::make_unique<impl>(routes, limits, threads)) {}

http_server::~http_server() { stop(); }

http_server::bound http_server::listen(const listen_spec& spec) {
  try {
    std::lock_guard lk(impl_->life_mu);
    if (impl_->stopped) return {0, "server is stopped"};
    std::shared_ptr<ssl::context> ctx;
    if (spec.tls) {
      std::string err;
      ctx = make_tls_context(*spec.tls, err);
      if (!ctx) return {0, err};
    }
    error_code ec;
    std::string host = spec.host.empty() || spec.host == "*" ? std::string{"0.0.0.0"} : spec.host;
    tcp::resolver resolver(impl_->c->ioc);
    auto results = resolver.resolve(host, std::to_string(spec.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec || results.empty())
      return {0, "cannot resolve '" + host + "': " + (ec ? ec.message() : std::string{"no address"})};
    tcp::endpoint ep = results.begin()->endpoint();

    auto l = std::make_shared<listener>(*impl_->c, ctx);
    auto& acc = l->acceptor();
    auto fail = [&](const char* what) {
      return bound{0, std::string{what} + " " + host + ":" + std::to_string(spec.port) + ": " + ec.message()};
    };
    acc.open(ep.protocol(), ec);
    if (ec) return fail("cannot open a socket for");
    acc.set_option(net::socket_base::reuse_address(true), ec);
    if (ec) return fail("cannot set SO_REUSEADDR on");
    acc.bind(ep, ec);
    if (ec) return fail("cannot bind");
    acc.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("cannot listen on");
    auto port = acc.local_endpoint(ec).port();
    if (ec) return fail("cannot read the bound port of");
    impl_->listeners.push_back(l);
    if (impl_->started) l->start();
    spdlog::debug("http: listening on {}:{}{}", host, port, ctx ? " (TLS)" : "");
    return {port, {}};
  } catch (const std::exception& e) {
    return {0, e.what()};
  }
}

void http_server::start() {
  std::lock_guard lk(impl_->life_mu);
  if (impl_->started || impl_->stopped) return;
  impl_->started = true;
  impl_->work.emplace(net::make_work_guard(impl_->c->ioc));
  for (auto& l : impl_->listeners) l->start();
  for (unsigned i = 0; i < impl_->threads; ++i) {
    impl_->pool.emplace_back([c = impl_->c] {
      for (;;) {
        try {
          c->ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("http: I/O thread caught: {}", e.what());
        } catch (...) {
          spdlog::error("http: I/O thread caught an unknown exception");
        }
      }
    });
  }
}

void http_server::stop() {
  if (!impl_) return;
  auto& m = *impl_;
  std::lock_guard lk(m.life_mu);
  if (m.stopped) return;
  m.stopped = true;
  auto& c = *m.c;
  {
    std::lock_guard rl(c.reg_mu);
    c.stopping = true;
  }
  c.draining.store(true, std::memory_order_release);

  if (!m.started) {  // nothing ran: no connection exists
    for (auto& l : m.listeners) l->close_now();
    c.alive.store(false, std::memory_order_release);
    return;
  }
  for (auto& l : m.listeners) l->close();

  // Drain: open exchanges are told (on_close), idle connections close, the rest finish.
  m.post_to_all(&conn_base::drain);
  if (!m.wait_empty(steady::now() + c.limits.drain_timeout)) {
    spdlog::warn("http: drain timeout: closing {} connection(s)", c.conn_count.load());
    m.post_to_all(&conn_base::force_close);
    m.wait_empty(steady::now() + std::chrono::seconds(2));
  }

  m.work.reset();
  c.ioc.stop();
  for (auto& t : m.pool) {
    if (t.get_id() == std::this_thread::get_id()) {
      spdlog::error("http: stop() called from an I/O thread; not joining it");
      t.detach();
    } else {
      t.join();
    }
  }
  m.pool.clear();

  // No thread runs the io_context now. Close whatever is left (a strand that was busy past the
  // deadline) and run the aborted completions, so connections and their callbacks are released
  // while the io_context is still alive.
  for (auto& w : c.snapshot())
    if (auto conn = w.lock()) conn->force_close();
  for (auto& l : m.listeners) l->close_now();
  try {
    c.ioc.restart();
    c.ioc.poll();
  } catch (const std::exception& e) {
    spdlog::warn("http: while flushing after stop: {}", e.what());
  }
  c.alive.store(false, std::memory_order_release);
  spdlog::debug("http: server stopped");
}

std::size_t http_server::connection_count() const {
  return impl_->c->conn_count.load(std::memory_order_relaxed);
}

}  // namespace transport
