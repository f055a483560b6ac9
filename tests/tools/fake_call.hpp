// tests/tools/fake_call.hpp — a tools/call as a tool handler sees it, for the tool tests: fixed
// arguments and owner, a recorded result, and a session state that the test hands to every call
// of one simulated MCP session (share one `session` between calls; make a new one for another).
// The test's thread plays the session's thread: `post` (callable from any thread, like the real
// one) queues, and `wait` runs what was posted on the test's thread until the call finishes or a
// deadline passes — event-based, no sleeps.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "mcp/registry.hpp"

namespace tools_test {

class fake_call final : public mcp::tool_call {
 public:
  fake_call(std::string tool, std::string owner, std::string arguments,
            std::shared_ptr<mcp::session_state> session)
      : tool_(std::move(tool)), owner_(std::move(owner)), arguments_(std::move(arguments)), session_(std::move(session)) {}
  std::string_view tool_name() const override { return tool_; }
  std::string_view arguments() const override { return arguments_; }
  const mcp::client_info& client() const override { return client_; }
  std::string_view owner() const override { return owner_; }
  std::string_view session_id() const override { return "session_test"; }
  bool cancelled() const override { return false; }
  mcp::session_state& session_state() override { return *session_; }
  void progress(double, std::optional<double>, std::string_view) override {}
  void log(mcp::log_level, std::string_view, std::string_view) override {}
  void ask_client(std::string_view, std::string, std::chrono::milliseconds,
                  std::function<void(mcp::expected<std::string>)>) override {}
  void after(std::chrono::milliseconds, std::function<void()>) override {}
  void post(std::function<void()> fn) override {
    {
      std::lock_guard lock(mu_);
      posted_.push_back(std::move(fn));
    }
    cv_.notify_all();
  }
  /// Runs posted functions here until the call has a result (true) or `deadline` passes (false).
  bool wait(std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (!result && !failed) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mu_);
        if (!cv_.wait_until(lock, until, [&] { return !posted_.empty(); })) return false;
        fn = std::move(posted_.front());
        posted_.pop_front();
      }
      fn();
    }
    return true;
  }
  void close_stream() override {}
  void finish(mcp::tool_result r) override { result = std::move(r); }
  void fail(mcp::rpc_error) override { failed = true; }

  std::optional<mcp::tool_result> result;
  bool failed = false;

 private:
  std::string tool_;
  std::string owner_;
  std::string arguments_;
  std::shared_ptr<mcp::session_state> session_;
  mcp::client_info client_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> posted_;
};

/// Runs `t` once as `owner` in the session whose state is `session`; the call, with its result.
inline std::shared_ptr<fake_call> run(const mcp::tool& t, const std::string& owner, std::string arguments,
                                      const std::shared_ptr<mcp::session_state>& session) {
  auto call = std::make_shared<fake_call>(t.name, owner, std::move(arguments), session);
  t.handler(call);
  return call;
}

/// `run`, then waits (bounded) for an asynchronous handler to finish.
inline std::shared_ptr<fake_call> run_async(const mcp::tool& t, const std::string& owner, std::string arguments,
                                            const std::shared_ptr<mcp::session_state>& session) {
  auto call = run(t, owner, std::move(arguments), session);
  call->wait();
  return call;
}

}  // namespace tools_test
