// mcp/session.cpp — the MCP session state machine: dispatch, calls, streams, replay.
#include "mcp/session.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "mcp/versions.hpp"

namespace mcp {

// ---------------------------------------------------------------------------------------------
// Streams and calls

struct session::stream {
  std::uint64_t id = 0;
  std::uint64_t next_seq = 1;  // 0 is the priming event
  bool primed = false;
  bool ended = false;
  bool standalone = false;
  std::size_t open_requests = 0;  // requests still to be answered on this stream
  std::deque<std::pair<std::uint64_t, outbound_event>> replay;
  sink_ptr sink;

  bool attached() const { return sink && !sink->closed(); }
};

struct session::call {
  std::string key;  // id_key of the request id
  std::string id;   // raw id, echoed in the response
  std::uint64_t stream = 0;
  std::string tool_name;
  std::string arguments;
  std::string progress_token;  // raw JSON; empty when the client asked for no progress
  double last_progress = -std::numeric_limits<double>::infinity();
  bool done = false;
};

namespace {

std::string event_id(std::uint64_t stream, std::uint64_t seq) {
  return std::to_string(stream) + "-" + std::to_string(seq);
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_event_id(std::string_view id) {
  auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::uint64_t stream = 0, seq = 0;
  auto a = id.substr(0, dash), b = id.substr(dash + 1);
  auto r1 = std::from_chars(a.data(), a.data() + a.size(), stream);
  auto r2 = std::from_chars(b.data(), b.data() + b.size(), seq);
  if (a.empty() || b.empty() || r1.ec != std::errc{} || r2.ec != std::errc{} || r1.ptr != a.data() + a.size() ||
      r2.ptr != b.data() + b.size())
    return std::nullopt;
  return std::make_pair(stream, seq);
}

// Parses a request's params; absent params are an empty object.
expected<json_doc> parse_params(const message& m) {
  auto doc = json_doc::parse(m.params.empty() ? std::string_view{"{}"} : std::string_view{m.params});
  if (!doc) return rpc_error{error_code::parse_error, "Parse error: params are not valid JSON", {}};
  if (!doc->root().is_object()) return rpc_error::invalid_params("params must be an object");
  return std::move(*doc);
}

std::string error_json(const std::string& id, const rpc_error& e) { return encode_error(id, e); }

}  // namespace

// The handle a tool handler holds. Every method is a no-op once the call ended (finished or
// cancelled) or the session is gone, so late callbacks can never answer twice or touch freed
// state.
class session::call_handle final : public tool_call {
 public:
  // The owner is copied: a handler may outlive the session and still ask who it acted for.
  call_handle(session* s, std::shared_ptr<call> c)
      : session_(s),
        alive_(s->alive_),
        call_(std::move(c)),
        owner_(s->opts_.owner),
        session_id_(s->opts_.id),
        poster_(s->host_.poster()) {}

  std::string_view tool_name() const override { return call_->tool_name; }
  std::string_view arguments() const override { return call_->arguments; }
  const client_info& client() const override { return client_copy(); }
  std::string_view owner() const override { return owner_; }
  std::string_view session_id() const override { return session_id_; }
  bool cancelled() const override { return !live(); }
  // The session's slot while the call runs; afterwards the handle's own scratch, because the
  // session may be gone (see the contract in registry.hpp).
  mcp::session_state& session_state() override {
    if (!live()) {
      if (!scratch_) scratch_ = std::make_unique<mcp::session_state>();
      return *scratch_;
    }
    return session_->tool_state_;
  }

  void progress(double value, std::optional<double> total, std::string_view msg) override {
    if (!live() || call_->progress_token.empty() || !(value > call_->last_progress)) return;
    call_->last_progress = value;
    json_writer w;
    w.begin_object().raw_field("progressToken", call_->progress_token).field("progress", value);
    if (total) w.field("total", *total);
    if (!msg.empty()) w.field("message", msg);
    w.end_object();
    session_->push(call_->stream, encode_notification("notifications/progress", w.str()), false);
  }

  void log(log_level level, std::string_view logger, std::string_view data_json) override {
    if (!live() || level < session_->level_) return;
    json_writer w;
    w.begin_object().field("level", to_string(level));
    if (!logger.empty()) w.field("logger", logger);
    w.raw_field("data", data_json).end_object();
    session_->push(call_->stream, encode_notification("notifications/message", w.str()), false);
  }

  void ask_client(std::string_view method, std::string params_json, std::chrono::milliseconds timeout,
                  std::function<void(expected<std::string>)> on_reply) override {
    if (!live()) return;
    const auto& c = session_->client_;
    bool allowed = method == "elicitation/create" ? (c.elicitation_form || c.elicitation_url)
                   : method == "sampling/createMessage" ? c.sampling
                   : method == "roots/list"             ? c.roots
                                                        : true;
    if (!allowed) {
      on_reply(rpc_error{error_code::invalid_request,
                         "The client did not declare the capability " + std::string{method} + " needs", {}});
      return;
    }
    auto id = std::to_string(session_->next_request_id_++);
    session_->pending_[id] = {std::move(on_reply), call_->key};
    session_->push(call_->stream, encode_request(id, method, params_json), false);
    std::weak_ptr<int> alive = alive_;
    session* s = session_;
    auto stream = call_->stream;
    session_->host_.schedule(timeout, [alive, s, id, stream] {
      if (alive.expired()) return;
      auto it = s->pending_.find(id);
      if (it == s->pending_.end()) return;
      auto cb = std::move(it->second.on_reply);
      s->pending_.erase(it);
      // Tell the client we gave up, so it can drop the question (cancellation.mdx).
      json_writer w;
      w.begin_object().raw_field("requestId", id).field("reason", "timed out").end_object();
      s->push(stream, encode_notification("notifications/cancelled", w.str()), false);
      cb(rpc_error{error_code::request_timeout, "The client did not answer in time", {}});
    });
  }

  void after(std::chrono::milliseconds delay, std::function<void()> fn) override {
    if (!live()) return;
    std::weak_ptr<int> alive = alive_;
    std::weak_ptr<call> c = call_;
    session_->host_.schedule(delay, [alive, c, fn = std::move(fn)] {
      auto cc = c.lock();
      if (alive.expired() || !cc || cc->done) return;
      fn();
    });
  }

  // Called from any thread: reads only members fixed at construction (poster_, alive_, call_),
  // and the liveness check runs on the session's thread, where `done` and `alive_` change.
  void post(std::function<void()> fn) override {
    if (!poster_) return;
    std::weak_ptr<int> alive = alive_;
    std::weak_ptr<call> c = call_;
    poster_([alive, c, fn = std::move(fn)] {
      auto cc = c.lock();
      if (alive.expired() || !cc || cc->done) return;
      fn();
    });
  }

  void close_stream() override {
    if (!live()) return;
    auto it = session_->streams_.find(call_->stream);
    if (it == session_->streams_.end() || !it->second->attached()) return;
    auto& s = *it->second;
    std::vector<outbound_event> batch;
    if (!s.primed) {
      s.primed = true;
      batch.push_back({event_id(s.id, 0), {}});
    }
    s.sink->deliver(std::move(batch), true);
    s.sink.reset();
    session_->reap_detached();
  }

  void finish(tool_result r) override {
    if (!live()) return;
    auto id = call_->id;
    auto stream = call_->stream;
    session_->finish_call(call_->key);
    session_->answer(id, stream, encode_result(id, r.to_json()));
  }

  void fail(rpc_error e) override {
    if (!live()) return;
    auto id = call_->id;
    auto stream = call_->stream;
    session_->finish_call(call_->key);
    session_->answer(id, stream, error_json(id, e));
  }

 private:
  bool live() const { return !alive_.expired() && !call_->done; }
  const client_info& client_copy() const {
    static const client_info none;
    return alive_.expired() ? none : session_->client_;
  }

  session* session_;
  std::weak_ptr<int> alive_;
  std::shared_ptr<call> call_;
  std::string owner_;
  std::string session_id_;
  const std::function<void(std::function<void()>)> poster_;
  std::unique_ptr<mcp::session_state> scratch_;
};

// ---------------------------------------------------------------------------------------------

session::session(std::shared_ptr<const registry> reg, session_host& host, session_options opts)
    : registry_(std::move(reg)), host_(host), opts_(std::move(opts)), level_(opts_.default_log_level) {}

session::~session() { close(); }

bool session::quiescent() const {
  if (!calls_.empty()) return false;
  return std::none_of(streams_.begin(), streams_.end(), [](const auto& kv) { return kv.second->attached(); });
}

session::stream& session::open_stream(sink_ptr sink, std::size_t requests) {
  auto s = std::make_unique<stream>();
  s->id = next_stream_++;
  s->sink = std::move(sink);
  s->open_requests = requests;
  auto& ref = *s;
  streams_.emplace(ref.id, std::move(s));
  return ref;
}

void session::flush(stream& s, std::vector<outbound_event> batch, bool last) {
  if (s.attached()) {
    s.sink->deliver(std::move(batch), last);
    if (last) s.sink.reset();
  } else if (s.sink) {
    s.sink.reset();  // the peer left: keep the events for a resumption
  }
  if (last && !s.sink && s.ended) {
    // Delivered in full, or abandoned: a resumption may still want it while it is recent.
    if (s.replay.empty()) {
      streams_.erase(s.id);
      return;
    }
  }
  reap_detached();
}

void session::push(std::uint64_t stream_id, std::string data, bool answers_request) {
  auto it = streams_.find(stream_id);
  if (it == streams_.end()) return;
  auto& s = *it->second;
  std::vector<outbound_event> batch;
  batch.reserve(2);
  if (!s.primed) {
    s.primed = true;
    batch.push_back({event_id(s.id, 0), {}});
  }
  auto seq = s.next_seq++;
  if (answers_request && s.open_requests > 0) --s.open_requests;
  bool last = !s.standalone && s.open_requests == 0;
  outbound_event ev{event_id(s.id, seq), std::move(data)};
  // The hot path (a request answered at once on a live exchange) keeps no replay copy: the
  // stream ends with this event and is dropped.
  if (!(last && s.attached())) {
    s.replay.emplace_back(seq, ev);
    if (s.replay.size() > opts_.replay_events) s.replay.pop_front();
  }
  batch.push_back(std::move(ev));
  if (last) s.ended = true;
  flush(s, std::move(batch), last);
}

void session::end_stream_if_done(std::uint64_t stream_id) {
  auto it = streams_.find(stream_id);
  if (it == streams_.end()) return;
  auto& s = *it->second;
  if (s.open_requests > 0) --s.open_requests;
  if (s.standalone || s.open_requests > 0) return;
  s.ended = true;
  std::vector<outbound_event> batch;
  if (!s.primed) {
    s.primed = true;
    batch.push_back({event_id(s.id, 0), {}});
  }
  flush(s, std::move(batch), true);
}

void session::answer(const std::string&, std::uint64_t stream_id, std::string data) {
  push(stream_id, std::move(data), true);
}

void session::reap_detached() {
  std::vector<std::uint64_t> detached;
  for (const auto& [id, s] : streams_)
    if (!s->attached() && !s->standalone) detached.push_back(id);
  if (detached.size() <= opts_.max_detached_streams) return;
  std::sort(detached.begin(), detached.end());
  for (std::size_t i = 0; i + opts_.max_detached_streams < detached.size(); ++i) {
    auto& s = *streams_[detached[i]];
    if (s.ended) streams_.erase(detached[i]);
  }
}

void session::finish_call(const std::string& key) {
  auto it = calls_.find(key);
  if (it == calls_.end()) return;
  it->second->done = true;
  calls_.erase(it);
  std::erase_if(pending_, [&](const auto& kv) { return kv.second.owner_key == key; });
}

// ---------------------------------------------------------------------------------------------
// Entry points

void session::on_request(message m, sink_ptr sink) {
  if (closed_) {
    sink->reject(404, "Session terminated");
    return;
  }
  auto sid = open_stream(std::move(sink), 1).id;
  dispatch(m, sid);
}

void session::on_batch(std::vector<message> batch, sink_ptr sink) {
  if (closed_) {
    sink->reject(404, "Session terminated");
    return;
  }
  std::size_t requests = 0;
  for (const auto& m : batch)
    if (m.is_request() || m.kind == message_kind::invalid) ++requests;
  if (requests == 0) {
    for (const auto& m : batch) m.is_response() ? on_response(m) : on_notification(m);
    sink->deliver({}, true);
    return;
  }
  auto& s = open_stream(std::move(sink), requests);
  auto sid = s.id;
  // A batch is always answered as SSE: send the priming event alone so the transport commits
  // to a stream before the first answer.
  s.primed = true;
  flush(s, {{event_id(sid, 0), {}}}, false);
  for (auto& m : batch) {
    if (m.is_request() || m.kind == message_kind::invalid) dispatch(m, sid);
    else if (m.is_response()) on_response(m);
    else on_notification(m);
  }
}

void session::dispatch(message& m, std::uint64_t sid) {
  if (m.kind == message_kind::invalid) {
    answer(m.id, sid, error_json(m.id, m.error));
    return;
  }
  const auto& method = m.method;
  if (method == "ping") return answer(m.id, sid, encode_result(m.id, "{}"));
  if (method == "initialize") return handle_initialize(m, sid);
  if (!initialize_seen_)
    return answer(m.id, sid, error_json(m.id, {error_code::invalid_request, "Session not initialized", {}}));
  if (method == "tools/call") return handle_tools_call(m, sid);
  if (method == "tools/list") return handle_list(m, sid, registry::list_kind::tools);
  if (method == "prompts/list") return handle_list(m, sid, registry::list_kind::prompts);
  if (method == "prompts/get") return handle_prompts_get(m, sid);
  if (method == "resources/list") return handle_list(m, sid, registry::list_kind::resources);
  if (method == "resources/templates/list") return handle_list(m, sid, registry::list_kind::resource_templates);
  if (method == "resources/read") return handle_resources_read(m, sid);
  if (method == "resources/subscribe") return handle_subscription(m, sid, true);
  if (method == "resources/unsubscribe") return handle_subscription(m, sid, false);
  if (method == "logging/setLevel") return handle_set_level(m, sid);
  if (method == "completion/complete") return handle_complete(m, sid);
  answer(m.id, sid, error_json(m.id, rpc_error::not_found(method)));
}

void session::on_notification(const message& m) {
  if (closed_ || m.kind != message_kind::notification) return;
  if (m.method == "notifications/initialized") {
    initialized_ = true;
  } else if (m.method == "notifications/cancelled") {
    auto params = parse_params(m);
    if (!params) return;
    auto rid = get_field(params->root(), "requestId");
    if (!rid) return;
    auto it = calls_.find(id_key(to_json(*rid)));
    if (it == calls_.end()) return;  // finished already, or unknown: both are fine (races)
    auto stream = it->second->stream;
    finish_call(it->first);
    end_stream_if_done(stream);  // no response is sent for a cancelled request
  }
  // Other notifications (roots/list_changed, progress of ours, …) need no action here.
}

void session::on_response(const message& m) {
  if (closed_) return;
  auto it = pending_.find(id_key(m.id));
  if (it == pending_.end()) return;  // late, or after a timeout: ignore
  auto cb = std::move(it->second.on_reply);
  pending_.erase(it);
  if (m.kind == message_kind::error_response) cb(m.error);
  else cb(m.result.empty() ? std::string{"{}"} : m.result);
}

void session::on_listen(std::optional<std::string> last_event_id, sink_ptr sink) {
  if (closed_) {
    sink->reject(404, "Session terminated");
    return;
  }
  if (!last_event_id) {
    if (standalone_) {
      auto it = streams_.find(*standalone_);
      if (it != streams_.end() && it->second->attached()) {
        sink->reject(409, "Conflict: only one standalone SSE stream is allowed per session");
        return;
      }
      if (it != streams_.end()) streams_.erase(it);
    }
    auto& s = open_stream(std::move(sink), 0);
    s.standalone = true;
    s.primed = true;
    standalone_ = s.id;
    flush(s, {{event_id(s.id, 0), {}}}, false);
    return;
  }
  auto parsed = parse_event_id(*last_event_id);
  auto it = parsed ? streams_.find(parsed->first) : streams_.end();
  if (it == streams_.end()) {
    sink->reject(404, "Last-Event-ID does not name a stream of this session that can be resumed");
    return;
  }
  auto& s = *it->second;
  if (s.attached()) {
    sink->reject(409, "Conflict: that stream is already being delivered");
    return;
  }
  s.sink = std::move(sink);
  std::vector<outbound_event> batch;
  for (const auto& [seq, ev] : s.replay)
    if (seq > parsed->second) batch.push_back(ev);
  if (s.standalone) standalone_ = s.id;
  bool last = s.ended;
  if (last) s.replay.clear();
  flush(s, std::move(batch), last);
}

void session::notify(std::string_view method, std::string_view params_json) {
  if (closed_ || !standalone_) return;
  push(*standalone_, encode_notification(method, params_json), false);
}

void session::close() {
  if (closed_) return;
  closed_ = true;
  for (auto& [key, c] : calls_) c->done = true;
  calls_.clear();
  pending_.clear();
  for (auto& [id, s] : streams_) {
    if (!s->attached()) continue;
    std::vector<outbound_event> batch;
    if (!s->primed) batch.push_back({event_id(s->id, 0), {}});
    s->sink->deliver(std::move(batch), true);
    s->sink.reset();
  }
  streams_.clear();
  standalone_.reset();
  alive_.reset();
}

// ---------------------------------------------------------------------------------------------
// Methods

void session::handle_initialize(const message& m, std::uint64_t sid) {
  if (initialize_seen_)
    return answer(m.id, sid, error_json(m.id, {error_code::invalid_request, "Session already initialized", {}}));
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto root = params->root();
  auto requested = get_string(root, "protocolVersion");
  if (!requested) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("protocolVersion is required")));
  client_.protocol_version = std::string{negotiate_version(*requested)};
  if (auto caps = get_field(root, "capabilities"); caps && caps->is_object()) {
    if (auto e = get_field(*caps, "elicitation"); e && e->is_object()) {
      auto obj = e->get_object().value_unsafe();
      bool has_form = get_field(*e, "form").has_value(), has_url = get_field(*e, "url").has_value();
      client_.elicitation_form = has_form || obj.size() == 0 || !has_url;
      client_.elicitation_url = has_url;
    }
    client_.sampling = get_field(*caps, "sampling").has_value();
    client_.roots = get_field(*caps, "roots").has_value();
  }
  if (auto info = get_field(root, "clientInfo")) {
    client_.name = std::string{get_string(*info, "name").value_or("")};
    client_.version = std::string{get_string(*info, "version").value_or("")};
  }
  initialize_seen_ = true;

  const auto& id = registry_->identity;
  json_writer w(512);
  w.begin_object().field("protocolVersion", client_.protocol_version);
  w.key("capabilities").begin_object();
  w.key("tools").begin_object().field("listChanged", false).end_object();
  w.key("prompts").begin_object().field("listChanged", false).end_object();
  w.key("resources").begin_object().field("subscribe", true).field("listChanged", false).end_object();
  w.key("logging").begin_object().end_object();
  if (registry_->has_completions()) w.key("completions").begin_object().end_object();
  w.end_object();
  w.key("serverInfo").begin_object().field("name", id.name).field("title", id.title).field("version", id.version);
  w.end_object();
  if (!id.instructions.empty()) w.field("instructions", id.instructions);
  w.end_object();
  answer(m.id, sid, encode_result(m.id, w.str()));
}

void session::handle_list(const message& m, std::uint64_t sid, registry::list_kind kind) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  std::string_view cursor;
  if (auto c = get_field(params->root(), "cursor")) {
    if (!c->is_string()) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("cursor must be a string")));
    cursor = c->get_string().value_unsafe();
  }
  auto page = registry_->page(kind, cursor);
  if (!page) return answer(m.id, sid, error_json(m.id, page.error()));
  answer(m.id, sid, encode_result(m.id, *page));
}

void session::handle_tools_call(const message& m, std::uint64_t sid) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto root = params->root();
  auto name = get_string(root, "name");
  if (!name) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("name is required")));
  const tool* t = registry_->find_tool(*name);
  if (!t) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("Unknown tool: " + std::string{*name})));
  auto c = std::make_shared<call>();
  if (auto args = get_field(root, "arguments")) {
    if (!args->is_object())
      return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("arguments must be an object")));
    c->arguments = to_json(*args);
  } else {
    c->arguments = "{}";
  }
  if (auto meta = get_field(root, "_meta")) {
    if (auto token = get_field(*meta, "progressToken"); token && (token->is_string() || token->is_number()))
      c->progress_token = to_json(*token);
  }
  c->key = id_key(m.id);
  if (calls_.count(c->key))
    return answer(m.id, sid, error_json(m.id, {error_code::invalid_request, "A request with this id is in flight", {}}));
  if (calls_.size() >= opts_.max_in_flight)
    return answer(m.id, sid, error_json(m.id, {error_code::connection_closed, "Too many requests in flight", {}}));
  c->id = m.id;
  c->stream = sid;
  c->tool_name = t->name;
  calls_.emplace(c->key, c);
  auto handle = std::make_shared<call_handle>(this, c);
  try {
    t->handler(handle);
  } catch (const std::exception& e) {
    // A handler bug must not take the session down; the client gets an internal error.
    handle->fail(rpc_error::internal("The tool failed unexpectedly"));
  }
}

void session::handle_prompts_get(const message& m, std::uint64_t sid) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto root = params->root();
  auto name = get_string(root, "name");
  if (!name) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("name is required")));
  const prompt* p = registry_->find_prompt(*name);
  if (!p) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("Unknown prompt: " + std::string{*name})));
  std::map<std::string, std::string> args;
  if (auto a = get_field(root, "arguments"); a && a->is_object()) {
    // Hold the object in a named variable: a range-for over `get_object().value_unsafe()` would
    // iterate a reference into a temporary that dies before the loop body runs (C++20).
    simdjson::dom::object obj = a->get_object().value_unsafe();
    for (auto [k, v] : obj) {
      if (!v.is_string())
        return answer(m.id, sid,
                      error_json(m.id, rpc_error::invalid_params("argument " + std::string{k} + " must be a string")));
      args.emplace(std::string{k}, std::string{v.get_string().value_unsafe()});
    }
  }
  for (const auto& arg : p->arguments)
    if (arg.required && !args.count(arg.name))
      return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("Missing required argument: " + arg.name)));
  auto result = p->get(args);
  if (!result) return answer(m.id, sid, error_json(m.id, result.error()));
  answer(m.id, sid, encode_result(m.id, *result));
}

void session::handle_resources_read(const message& m, std::uint64_t sid) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto uri = get_string(params->root(), "uri");
  if (!uri) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("uri is required")));
  expected<std::string> contents = rpc_error::internal("unset");
  if (const resource* r = registry_->find_resource(*uri)) {
    contents = r->read();
  } else if (auto match = registry_->match_template(*uri)) {
    contents = match->first->read(*uri, match->second);
  } else {
    json_writer data;
    data.begin_object().field("uri", *uri).end_object();
    return answer(m.id, sid,
                  error_json(m.id, {error_code::resource_not_found, "Resource not found", std::move(data).str()}));
  }
  if (!contents) return answer(m.id, sid, error_json(m.id, contents.error()));
  std::string result = R"({"contents":)" + *contents + "}";
  answer(m.id, sid, encode_result(m.id, result));
}

void session::handle_complete(const message& m, std::uint64_t sid) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto root = params->root();
  auto ref = get_field(root, "ref");
  auto arg = get_field(root, "argument");
  if (!ref || !arg) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("ref and argument are required")));
  auto type = get_string(*ref, "type").value_or("");
  auto arg_name = get_string(*arg, "name").value_or("");
  auto arg_value = get_string(*arg, "value").value_or("");
  const completer* complete = nullptr;
  if (type == "ref/prompt") {
    const prompt* p = registry_->find_prompt(get_string(*ref, "name").value_or(""));
    if (!p) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("Unknown prompt in ref")));
    complete = &p->complete;
  } else if (type == "ref/resource") {
    auto uri = get_string(*ref, "uri").value_or("");
    // The ref names the template itself ("test://template/{id}/data"), or a URI it matches.
    const resource_template* t = registry_->find_template(uri);
    if (!t) {
      auto match = registry_->match_template(uri);
      t = match ? match->first : nullptr;
    }
    if (!t) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("Unknown resource template in ref")));
    complete = &t->complete;
  } else {
    return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("ref.type must be ref/prompt or ref/resource")));
  }
  std::vector<std::string> values;
  if (complete && *complete) values = (*complete)(arg_name, arg_value);
  const std::size_t total = values.size();
  if (values.size() > 100) values.resize(100);  // the spec's maximum per response
  json_writer w;
  w.begin_object().key("completion").begin_object().key("values").begin_array();
  for (const auto& v : values) w.value(v);
  w.end_array().field("total", static_cast<std::uint64_t>(total)).field("hasMore", total > values.size());
  w.end_object().end_object();
  answer(m.id, sid, encode_result(m.id, w.str()));
}

void session::handle_set_level(const message& m, std::uint64_t sid) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto name = get_string(params->root(), "level");
  auto level = name ? parse_log_level(*name) : std::nullopt;
  if (!level)
    return answer(m.id, sid,
                  error_json(m.id, rpc_error::invalid_params(
                                       "level must be one of debug, info, notice, warning, error, critical, alert, "
                                       "emergency")));
  level_ = *level;
  answer(m.id, sid, encode_result(m.id, "{}"));
}

void session::handle_subscription(const message& m, std::uint64_t sid, bool subscribe) {
  auto params = parse_params(m);
  if (!params) return answer(m.id, sid, error_json(m.id, params.error()));
  auto uri = get_string(params->root(), "uri");
  if (!uri) return answer(m.id, sid, error_json(m.id, rpc_error::invalid_params("uri is required")));
  if (subscribe) subscriptions_.emplace(*uri);
  else subscriptions_.erase(std::string{*uri});
  answer(m.id, sid, encode_result(m.id, "{}"));
}

}  // namespace mcp
