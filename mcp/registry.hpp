// mcp/registry.hpp — what a server offers: tools, prompts, resources, and their handlers.
//
// The registry is filled once at start-up (the fixture server registers the conformance suite's
// fixtures; the product registers its WorkOS tools) and then frozen and shared read-only by all
// sessions, which is why list pages are serialised once, at `freeze()`. Tool handlers are
// asynchronous: they get a `tool_call` and finish it whenever they are done, possibly after
// talking to the client (progress, logs, elicitation, sampling) or to other actors. Every
// callback a handler registers through its `tool_call` runs on the session's thread, and not
// at all once the call was cancelled or finished.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "mcp/errors.hpp"
#include "mcp/json.hpp"

namespace mcp {

/// RFC 5424 levels, as MCP's logging uses them, in increasing severity.
enum class log_level { debug, info, notice, warning, error, critical, alert, emergency };
std::optional<log_level> parse_log_level(std::string_view s);
std::string_view to_string(log_level l);

/// What the client told us about itself at initialize.
struct client_info {
  std::string protocol_version;
  std::string name;
  std::string version;
  bool elicitation_form = false;
  bool elicitation_url = false;
  bool sampling = false;
  bool roots = false;
};

/// Builds a tool result's content array.
class content_builder {
 public:
  content_builder() { w_.begin_array(); }
  content_builder& text(std::string_view s);
  content_builder& image(std::string_view base64, std::string_view mime_type);
  content_builder& audio(std::string_view base64, std::string_view mime_type);
  content_builder& resource_text(std::string_view uri, std::string_view mime_type, std::string_view text);
  content_builder& resource_blob(std::string_view uri, std::string_view mime_type, std::string_view base64);
  content_builder& resource_link(std::string_view uri, std::string_view name, std::string_view mime_type = {});
  std::string done() &&;

 private:
  json_writer w_;
};

struct tool_result {
  std::string content = "[]";  ///< JSON array of content blocks
  std::string structured;      ///< JSON object, or empty
  bool is_error = false;

  static tool_result text(std::string_view s, bool is_error = false);
  /// A failure the model should see and act on (bad input, upstream refused, …).
  static tool_result error(std::string_view message) { return text(message, true); }
  std::string to_json() const;
};

/// What tools remember between the calls of one MCP session: the current environment, later the
/// pending confirmations. One slot per C++ type, so each tool module owns its own struct and no
/// two can collide on a name; a slot is default-constructed at first use and lives as long as
/// the session. Plain values only (ids and names, never a decrypted key): DESIGN §4 moves
/// session state to Redis when nodes share sessions, and then each slot type gets serialised.
///
/// Not thread-safe, on purpose: the session owns it and only the session's thread touches it
/// (see tool_call::session_state).
class session_state {
 public:
  /// The session's T, default-constructed the first time any call asks for it.
  template <class T>
  T& get() {
    auto& slot = slots_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }
  /// The session's T when some call has created it; nullptr otherwise.
  template <class T>
  T* find() {
    auto it = slots_.find(std::type_index(typeid(T)));
    return it == slots_.end() ? nullptr : static_cast<T*>(it->second.get());
  }

 private:
  // shared_ptr<void> keeps the right deleter for each T without a base class.
  std::unordered_map<std::type_index, std::shared_ptr<void>> slots_;
};

/// One running tools/call, as its handler sees it.
class tool_call {
 public:
  virtual ~tool_call() = default;
  virtual std::string_view tool_name() const = 0;
  /// The `arguments` object as raw JSON; "{}" when the client sent none.
  virtual std::string_view arguments() const = 0;
  virtual const client_info& client() const = 0;
  /// The owner key of the session (see session_options::owner): who the call acts for.
  virtual std::string_view owner() const = 0;
  /// The MCP session's id (session_options::id), for audit records.
  virtual std::string_view session_id() const = 0;
  virtual bool cancelled() const = 0;
  /// The state tools keep for this MCP session (shared by every call of the session, never by
  /// two sessions). Touch it only on the session's thread — in the handler itself or in a
  /// callback registered through this tool_call — and only while the call is live: a handler
  /// that finishes later from another thread (an actor's reply) must hop back first or not
  /// touch it. Once the call ended or the session is gone this returns a scratch state of the
  /// handle's own, so a late write is lost rather than touching freed memory; write before
  /// `finish`.
  virtual mcp::session_state& session_state() = 0;  // qualified: the member hides the type
  /// Sends notifications/progress when the request carried a progress token; values that do not
  /// increase are dropped (the spec requires progress to increase).
  virtual void progress(double progress, std::optional<double> total = std::nullopt,
                        std::string_view message = {}) = 0;
  /// Sends notifications/message when `level` reaches the session's log level.
  virtual void log(log_level level, std::string_view logger, std::string_view data_json) = 0;
  /// A server→client request (elicitation/create, sampling/createMessage) related to this call.
  /// `on_reply` gets the result JSON or an error (the client's, or a timeout).
  virtual void ask_client(std::string_view method, std::string params_json, std::chrono::milliseconds timeout,
                          std::function<void(expected<std::string>)> on_reply) = 0;
  /// Runs `fn` on the session's thread after `delay`, unless the call ended by then.
  virtual void after(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
  /// Runs `fn` on the session's thread as soon as it is free, unless the call ended by then.
  /// Unlike every other member, callable from any thread: it is how a handler that waits for
  /// another thread (the WorkOS client's I/O thread) hops back to the session before touching
  /// `session_state` or finishing. Drop-safe: a call or session gone by then just drops `fn`.
  virtual void post(std::function<void()> fn) = 0;
  /// Ends the HTTP exchange carrying this call without ending the call: the client resumes
  /// with GET + Last-Event-ID (SSE polling, 2025-11-25).
  virtual void close_stream() = 0;
  virtual void finish(tool_result r) = 0;
  /// A protocol error instead of a result (rare: use tool_result::error for tool failures).
  virtual void fail(rpc_error e) = 0;
};

using tool_handler = std::function<void(std::shared_ptr<tool_call>)>;

/// Hints for clients; all four are always emitted so that no spec default applies silently.
struct tool_annotations {
  std::string title;
  bool read_only = false;
  bool destructive = false;
  bool idempotent = false;
  bool open_world = false;
};

struct tool {
  std::string name;
  std::string title;
  std::string description;
  std::string input_schema = R"({"type":"object","additionalProperties":false})";
  std::string output_schema;  ///< empty: none
  tool_annotations annotations;
  tool_handler handler;
};

struct prompt_argument {
  std::string name;
  std::string description;
  bool required = false;
};

/// Completion values for one argument: (argument name, partial value) → candidates.
using completer = std::function<std::vector<std::string>(std::string_view arg, std::string_view value)>;

struct prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<prompt_argument> arguments;
  /// Returns the GetPromptResult JSON. `arguments` maps names to the client's string values.
  std::function<expected<std::string>(const std::map<std::string, std::string>& arguments)> get;
  completer complete;
};

struct resource {
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  /// Returns the `contents` array JSON.
  std::function<expected<std::string>()> read;
};

struct resource_template {
  std::string uri_template;  ///< RFC 6570 level 1: `{var}` placeholders only
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::function<expected<std::string>(std::string_view uri, const std::map<std::string, std::string>& vars)> read;
  completer complete;
};

/// Matches `uri` against a level-1 template; the captured variables, or nullopt.
std::optional<std::map<std::string, std::string>> match_uri_template(std::string_view tmpl, std::string_view uri);

struct server_identity {
  std::string name = "workos-mcp";
  std::string title = "WorkOS MCP";
  std::string version = "0.1.0";
  std::string instructions;
};

class registry {
 public:
  server_identity identity;
  std::size_t page_size = 100;

  void add(tool t);
  void add(prompt p);
  void add(resource r);
  void add(resource_template t);

  /// Serialises the list pages. Call once, after the last add and before sessions use it.
  void freeze();

  const tool* find_tool(std::string_view name) const;
  const prompt* find_prompt(std::string_view name) const;
  const resource* find_resource(std::string_view uri) const;
  const resource_template* find_template(std::string_view uri_template) const;
  /// The first template that matches, with its variables.
  std::optional<std::pair<const resource_template*, std::map<std::string, std::string>>> match_template(
      std::string_view uri) const;

  enum class list_kind { tools, prompts, resources, resource_templates };
  /// The result JSON of a list call at `cursor` (empty = first page); -32602 for a bad cursor.
  expected<std::string> page(list_kind kind, std::string_view cursor) const;

  bool has_tools() const { return !tools_.empty(); }
  bool has_prompts() const { return !prompts_.empty(); }
  bool has_resources() const { return !resources_.empty() || !templates_.empty(); }
  bool has_completions() const;

 private:
  std::vector<tool> tools_;
  std::vector<prompt> prompts_;
  std::vector<resource> resources_;
  std::vector<resource_template> templates_;
  std::map<list_kind, std::vector<std::string>> pages_;
};

}  // namespace mcp
