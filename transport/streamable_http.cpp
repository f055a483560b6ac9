// transport/streamable_http.cpp — the MCP endpoint and the SSE sink that frames session output.
#include "transport/streamable_http.hpp"

#include <atomic>
#include <cstring>
#include <variant>

#include "mcp/jsonrpc.hpp"
#include "mcp/versions.hpp"

namespace transport {

namespace {

constexpr std::string_view session_header = "Mcp-Session-Id";
constexpr std::string_view version_header = "MCP-Protocol-Version";

// Errors at the HTTP level carry an id-less JSON-RPC error body, as the spec allows and the
// official SDKs do.
response rpc_failure(unsigned status, int code, std::string message, std::string_view id = "null") {
  return response::json(status, mcp::encode_error(id, {code, std::move(message), {}}));
}

response bad_request(std::string message) {
  return rpc_failure(400, mcp::error_code::connection_closed, "Bad Request: " + message);
}

response session_not_found() { return rpc_failure(404, mcp::error_code::request_timeout, "Session not found"); }

bool is_loopback_name(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1";
}

// "host:port" or "[v6]:port" → host.
std::string_view host_without_port(std::string_view hostport) {
  if (!hostport.empty() && hostport.front() == '[') {
    auto close = hostport.find(']');
    return close == std::string_view::npos ? hostport : hostport.substr(0, close + 1);
  }
  auto colon = hostport.rfind(':');
  return colon == std::string_view::npos ? hostport : hostport.substr(0, colon);
}

// Frames session output for one HTTP exchange. Lives as long as the session holds it; if the
// session drops it unanswered (it ended, or the actor was gone), the destructor still ends the
// exchange so no connection waits forever.
class http_sink final : public mcp::outbound_sink {
 public:
  http_sink(std::shared_ptr<responder> r, header_list extra, bool always_sse, std::chrono::milliseconds retry)
      : r_(std::move(r)), extra_(std::move(extra)), always_sse_(always_sse), retry_(retry) {}

  ~http_sink() override {
    if (finished_) return;
    if (!started_) r_->send(session_not_found());
    else r_->end_stream();
  }

  void deliver(std::vector<mcp::outbound_event> events, bool last) override {
    if (finished_) return;
    if (!started_) {
      started_ = true;
      // A request answered at once, with nothing before its answer, is plain JSON: cheaper for
      // both ends and what most clients expect. Anything else is an event stream.
      if (!always_sse_ && last && events.size() == 2 && events[0].data.empty()) {
        auto r = response::json(200, std::move(events[1].data));
        for (const auto& [k, v] : extra_.items()) r.headers.add(k, v);
        finished_ = true;
        r_->send(std::move(r));
        return;
      }
      header_list h = extra_;
      h.add("Content-Type", "text/event-stream");
      h.add("Cache-Control", "no-cache, no-transform");
      h.add("X-Accel-Buffering", "no");
      r_->begin_stream(200, std::move(h));
    }
    std::string chunk;
    for (const auto& ev : events) append_event(chunk, ev);
    if (!chunk.empty()) r_->write(std::move(chunk));
    if (last) {
      finished_ = true;
      r_->end_stream();
    }
  }

  void reject(unsigned status, std::string message) override {
    if (finished_) return;
    finished_ = true;
    if (!started_) {
      started_ = true;
      int code = status == 404 ? mcp::error_code::request_timeout : mcp::error_code::connection_closed;
      r_->send(rpc_failure(status, code, std::move(message)));
    } else {
      r_->end_stream();
    }
  }

  bool closed() const override { return finished_ || r_->closed(); }

 private:
  void append_event(std::string& out, const mcp::outbound_event& ev) const {
    if (ev.data.empty()) {
      // The priming event: an id and an empty data field, with the reconnection delay, so a
      // client can resume even if nothing else was sent (SSE polling, 2025-11-25).
      out += "id: ";
      out += ev.id;
      out += "\nretry: ";
      out += std::to_string(retry_.count());
      out += "\ndata: \n\n";
      return;
    }
    out += "event: message\nid: ";
    out += ev.id;
    out += '\n';
    // Our JSON is single-line, but SSE forbids a raw newline inside a data line: split if any.
    std::string_view data = ev.data;
    while (true) {
      auto nl = data.find('\n');
      out += "data: ";
      out += data.substr(0, nl);
      out += '\n';
      if (nl == std::string_view::npos) break;
      data.remove_prefix(nl + 1);
    }
    out += '\n';
  }

  std::shared_ptr<responder> r_;
  header_list extra_;
  bool always_sse_;
  std::chrono::milliseconds retry_;
  // Touched only by the session's thread (one at a time) and, at the end, the destructor.
  bool started_ = false;
  bool finished_ = false;
};

class endpoint : public std::enable_shared_from_this<endpoint> {
 public:
  endpoint(std::shared_ptr<mcp::session_directory> sessions, streamable_http_options opts)
      : sessions_(std::move(sessions)), opts_(std::move(opts)) {}

  void operator()(request&& req, std::shared_ptr<responder> res) {
    if (!opts_.origins.allows(req)) {
      res->send(rpc_failure(403, mcp::error_code::connection_closed, "Forbidden: Origin or Host not allowed"));
      return;
    }
    if (!opts_.authenticate) return dispatch(std::move(req), std::move(res), caller{});
    // The request is parked on the heap while the authenticator decides: it may answer at once
    // (a cached token) or from another thread once the authorization server's keys arrived.
    auto parked = std::make_shared<request>(std::move(req));
    opts_.authenticate(*parked, [self = shared_from_this(), parked, res = std::move(res)](auth_verdict verdict) mutable {
      if (auto* refusal = std::get_if<response>(&verdict)) return res->send(std::move(*refusal));
      self->dispatch(std::move(*parked), std::move(res), std::get<caller>(verdict));
    });
  }

 private:
  void dispatch(request&& req, std::shared_ptr<responder> res, const caller& who) {
    if (req.method == "POST") return post(std::move(req), std::move(res), who);
    if (req.method == "GET") return get(req, std::move(res), who);
    if (req.method == "DELETE") return del(req, std::move(res), who);
    auto r = rpc_failure(405, mcp::error_code::connection_closed, "Method not allowed");
    r.headers.add("Allow", "GET, POST, DELETE");
    res->send(std::move(r));
  }

  mcp::sink_ptr make_sink(std::shared_ptr<responder> res, header_list extra, bool always_sse) const {
    // When the server drains, end the exchange at once instead of waiting for the session: an
    // open stream is ended cleanly (the client may resume elsewhere), an unanswered request
    // gets 503. The responder ignores whichever of the two does not apply to its state, and
    // everything once the exchange is over, so this cannot race the session's own delivery.
    std::weak_ptr<responder> weak = res;
    res->on_close([weak] {
      if (auto r = weak.lock()) {
        r->end_stream();
        r->send(rpc_failure(503, mcp::error_code::connection_closed, "Server shutting down; retry"));
      }
    });
    return std::make_shared<http_sink>(std::move(res), std::move(extra), always_sse, opts_.sse_retry);
  }

  // Returns the version the request speaks, or a 400 when its header names one we do not speak.
  std::variant<std::string_view, response> protocol_version(const request& req) const {
    auto v = req.headers.get(version_header);
    if (!v) return mcp::version_when_absent;
    auto version = trim(*v);
    if (!mcp::is_supported_version(version))
      return bad_request("Unsupported protocol version: " + std::string{version} + " (supported versions: " +
                         std::string{mcp::supported_versions[0]} + ", " + std::string{mcp::supported_versions[1]} +
                         ", " + std::string{mcp::supported_versions[2]} + ")");
    return version;
  }

  void post(request&& req, std::shared_ptr<responder> res, const caller& who) {
    auto accept = req.headers.get("Accept").value_or("");
    if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
      res->send(rpc_failure(406, mcp::error_code::connection_closed,
                            "Not Acceptable: Client must accept both application/json and text/event-stream"));
      return;
    }
    auto content_type = req.headers.get("Content-Type").value_or("");
    auto media = trim(content_type.substr(0, content_type.find(';')));
    if (!iequals(media, "application/json")) {
      res->send(rpc_failure(415, mcp::error_code::connection_closed,
                            "Unsupported Media Type: Content-Type must be application/json"));
      return;
    }
    auto version = protocol_version(req);
    if (auto* refusal = std::get_if<response>(&version)) return res->send(std::move(*refusal));

    auto decoded = mcp::decode(req.body, req.body.capacity());
    if (!decoded) return res->send(response::json(400, mcp::encode_error("null", decoded.error())));
    auto session_id = req.headers.get(session_header);

    if (decoded->batch) {
      bool has_initialize = false;
      for (const auto& m : decoded->messages) has_initialize |= m.method == "initialize";
      if (has_initialize)
        return res->send(rpc_failure(400, mcp::error_code::invalid_request, "initialize must not be part of a batch"));
      if (!mcp::allows_batches(std::get<std::string_view>(version)))
        return res->send(rpc_failure(400, mcp::error_code::invalid_request,
                                     "JSON-RPC batches are not supported in protocol version " +
                                         std::string{std::get<std::string_view>(version)}));
      if (!session_id) return res->send(bad_request("Mcp-Session-Id header is required"));
      std::string id{trim(*session_id)};
      bool any_request = false;
      for (const auto& m : decoded->messages) any_request |= m.is_request() || m.kind == mcp::message_kind::invalid;
      auto sink = any_request ? make_sink(res, {}, true) : nullptr;
      if (!sessions_->post_batch(id, who.owner, std::move(decoded->messages), sink)) return res->send(session_not_found());
      if (!any_request) res->send(response::empty(202));
      return;
    }

    auto& m = decoded->messages.front();
    if (m.kind == mcp::message_kind::invalid) return res->send(response::json(400, mcp::encode_error(m.id, m.error)));

    if (m.is_request() && m.method == "initialize") {
      if (session_id) return res->send(bad_request("initialize must not carry an Mcp-Session-Id"));
      auto id = sessions_->open(who.owner);
      if (!id) return res->send(rpc_failure(503, mcp::error_code::connection_closed, "Too many sessions; retry later"));
      header_list extra;
      extra.add(std::string{session_header}, *id);
      sessions_->post(*id, who.owner, std::move(m), make_sink(std::move(res), std::move(extra), false));
      return;
    }
    if (!session_id) return res->send(bad_request("Mcp-Session-Id header is required"));
    std::string id{trim(*session_id)};
    if (m.is_request()) {
      // The sink answers 404 itself if the session vanishes before it runs.
      if (!sessions_->post(id, who.owner, std::move(m), make_sink(res, {}, false))) res->send(session_not_found());
      return;
    }
    if (!sessions_->post_other(id, who.owner, std::move(m))) return res->send(session_not_found());
    res->send(response::empty(202));
  }

  void get(const request& req, std::shared_ptr<responder> res, const caller& who) {
    if (!accepts(req.headers.get("Accept").value_or(""), "text/event-stream")) {
      res->send(rpc_failure(406, mcp::error_code::connection_closed, "Not Acceptable: Client must accept text/event-stream"));
      return;
    }
    auto version = protocol_version(req);
    if (auto* refusal = std::get_if<response>(&version)) return res->send(std::move(*refusal));
    auto session_id = req.headers.get(session_header);
    if (!session_id) return res->send(bad_request("Mcp-Session-Id header is required"));
    std::optional<std::string> last;
    if (auto l = req.headers.get("Last-Event-ID")) last = std::string{trim(*l)};
    if (!sessions_->listen(trim(*session_id), who.owner, std::move(last), make_sink(res, {}, true)))
      res->send(session_not_found());
  }

  void del(const request& req, std::shared_ptr<responder> res, const caller& who) {
    auto version = protocol_version(req);
    if (auto* refusal = std::get_if<response>(&version)) return res->send(std::move(*refusal));
    auto session_id = req.headers.get(session_header);
    if (!session_id) return res->send(bad_request("Mcp-Session-Id header is required"));
    if (!sessions_->terminate(trim(*session_id), who.owner)) return res->send(session_not_found());
    res->send(response::empty(200));
  }

  std::shared_ptr<mcp::session_directory> sessions_;
  streamable_http_options opts_;
};

}  // namespace

bool accepts(std::string_view accept_header, std::string_view media_type) {
  auto slash = media_type.find('/');
  auto type = media_type.substr(0, slash);
  while (!accept_header.empty()) {
    auto comma = accept_header.find(',');
    auto item = trim(accept_header.substr(0, comma));
    accept_header = comma == std::string_view::npos ? std::string_view{} : accept_header.substr(comma + 1);
    auto range = trim(item.substr(0, item.find(';')));
    // A range with q=0 explicitly refuses.
    if (auto q = item.find("q="); q != std::string_view::npos) {
      auto value = trim(item.substr(q + 2));
      if (value == "0" || value == "0.0" || value == "0.00" || value == "0.000") continue;
    }
    if (iequals(range, media_type) || range == "*/*") return true;
    if (range.size() == type.size() + 2 && iequals(range.substr(0, type.size()), type) &&
        range.substr(type.size()) == "/*")
      return true;
  }
  return false;
}

namespace {

bool host_allowed(const origin_policy& p, std::string_view host) {
  if (is_loopback_name(host)) return true;
  for (const auto& h : p.allowed_hosts)
    if (iequals(h, host)) return true;
  return false;
}

}  // namespace

bool origin_policy::allows_host(const request& req) const {
  // DNS rebinding: a browser tricked into resolving evil.example to 127.0.0.1 still sends
  // `Host: evil.example`, so the Host must be one we serve under.
  auto host = req.headers.get("Host");
  return host && host_allowed(*this, host_without_port(trim(*host)));
}

bool origin_policy::allows(const request& req) const {
  if (!allows_host(req)) return false;
  auto origin = req.headers.get("Origin");
  if (!origin) return true;  // non-browser clients send none
  auto o = trim(*origin);
  for (const auto& allowed : allowed_origins)
    if (iequals(allowed, o)) return true;
  auto scheme_end = o.find("://");
  if (scheme_end == std::string_view::npos) return false;
  auto scheme = o.substr(0, scheme_end);
  if (!iequals(scheme, "http") && !iequals(scheme, "https")) return false;
  return host_allowed(*this, host_without_port(o.substr(scheme_end + 3)));
}

handler make_mcp_endpoint(std::shared_ptr<mcp::session_directory> sessions, streamable_http_options options) {
  auto ep = std::make_shared<endpoint>(std::move(sessions), std::move(options));
  return [ep](request&& req, std::shared_ptr<responder> res) { (*ep)(std::move(req), std::move(res)); };
}

}  // namespace transport
