// mcp/session.hpp — one MCP session's protocol state machine, free of threads and sockets.
//
// Owns everything the protocol remembers between HTTP requests: the negotiated version and the
// client's capabilities, the log level, the tools' per-session state (session_state), the
// requests in flight (for cancellation), the
// server→client requests awaiting an answer (for correlation and timeouts), resource
// subscriptions, and the outbound streams with their event ids and bounded replay buffers.
// It is driven by one thread at a time — the session actor (actors/session_actor.cpp) wraps it —
// and asks its `host` for timers, so tests can drive it by hand with a fake clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "mcp/jsonrpc.hpp"
#include "mcp/outbound.hpp"
#include "mcp/registry.hpp"

namespace mcp {

/// What the session needs from whoever runs it.
class session_host {
 public:
  virtual ~session_host() = default;
  /// Runs `fn` on the session's thread after `delay`. Dropped if the session is gone by then.
  virtual void schedule(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
  /// A function that any thread may call to run a function on the session's thread soon
  /// (tool_call::post). Asked once per tool call, on the session's thread. The default suits a
  /// host driven by one thread only (tests with a fake clock): it schedules with no delay.
  virtual std::function<void(std::function<void()>)> poster() {
    return [this](std::function<void()> fn) { schedule(std::chrono::milliseconds{0}, std::move(fn)); };
  }
};

struct session_options {
  std::size_t replay_events = 256;       ///< per stream, oldest dropped first
  std::size_t max_detached_streams = 32; ///< streams kept for resumption with no connection
  std::size_t max_in_flight = 128;       ///< concurrent client requests
  std::chrono::milliseconds client_request_timeout{60000};
  log_level default_log_level = log_level::info;
  /// Who the session belongs to, as the transport's authenticator named them (empty:
  /// anonymous). Tools read it through tool_call::owner() to act as that person.
  std::string owner;
  /// The session's id (Mcp-Session-Id), for the tools' audit trail; empty in tests.
  std::string id;
};

class session {
 public:
  session(std::shared_ptr<const registry> reg, session_host& host, session_options opts = {});
  ~session();
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  /// A POSTed request; its answer (and anything related) goes to `sink`.
  void on_request(message m, sink_ptr sink);
  /// A POSTed batch (2025-03-26 only; the transport checks the version). Requests are answered
  /// on `sink`; notifications and responses in it are handled as if posted alone.
  void on_batch(std::vector<message> batch, sink_ptr sink);
  /// A POSTed notification or response (the transport has already answered 202).
  void on_notification(const message& m);
  void on_response(const message& m);
  /// A GET: the standalone stream, or with `last_event_id` the resumption of the stream that
  /// event belongs to (replaying what followed it). Refusals go through `sink->reject`.
  void on_listen(std::optional<std::string> last_event_id, sink_ptr sink);
  /// Server-initiated notification, for the standalone stream (buffered while none is open).
  void notify(std::string_view method, std::string_view params_json);
  /// Ends the session: in-flight calls are cancelled, every open exchange is ended.
  void close();

  bool initialized() const { return initialized_; }
  const client_info& client() const { return client_; }
  log_level level() const { return level_; }
  /// No call in flight and no HTTP exchange attached: the session may be expired when idle.
  bool quiescent() const;
  std::size_t in_flight() const { return calls_.size(); }
  const std::set<std::string>& subscriptions() const { return subscriptions_; }

 private:
  struct stream;
  struct call;
  class call_handle;
  friend class call_handle;

  stream& open_stream(sink_ptr sink, std::size_t requests);
  /// Appends one message to a stream and delivers it (or keeps it for replay).
  void push(std::uint64_t stream_id, std::string data, bool answers_request);
  void end_stream_if_done(std::uint64_t stream_id);
  void flush(stream& s, std::vector<outbound_event> batch, bool last);
  void answer(const std::string& id, std::uint64_t stream_id, std::string data);
  void dispatch(message& m, std::uint64_t stream_id);
  void finish_call(const std::string& key);
  void reap_detached();

  // Method handlers: each answers through `answer` (possibly later, for tools/call).
  void handle_initialize(const message& m, std::uint64_t sid);
  void handle_tools_call(const message& m, std::uint64_t sid);
  void handle_prompts_get(const message& m, std::uint64_t sid);
  void handle_resources_read(const message& m, std::uint64_t sid);
  void handle_complete(const message& m, std::uint64_t sid);
  void handle_set_level(const message& m, std::uint64_t sid);
  void handle_subscription(const message& m, std::uint64_t sid, bool subscribe);
  void handle_list(const message& m, std::uint64_t sid, registry::list_kind kind);

  std::shared_ptr<const registry> registry_;
  session_host& host_;
  session_options opts_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // watched by call handles

  bool initialize_seen_ = false;
  bool initialized_ = false;
  bool closed_ = false;
  client_info client_;
  log_level level_;
  std::set<std::string> subscriptions_;
  // What tools keep between calls (tool_call::session_state); only this thread touches it.
  mcp::session_state tool_state_;

  std::uint64_t next_stream_ = 1;
  std::unordered_map<std::uint64_t, std::unique_ptr<stream>> streams_;
  std::optional<std::uint64_t> standalone_;

  std::unordered_map<std::string, std::shared_ptr<call>> calls_;  // by id_key

  struct pending_request {
    std::function<void(expected<std::string>)> on_reply;
    std::string owner_key;  // the call it belongs to
  };
  std::uint64_t next_request_id_ = 1;
  std::unordered_map<std::string, pending_request> pending_;  // by our id
};

}  // namespace mcp
