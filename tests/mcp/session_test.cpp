// Tests for mcp/session.hpp, driven by hand: a fake clock for timers and recording sinks for
// HTTP exchanges. Covers lifecycle, dispatch, JSON-vs-SSE framing decisions, progress, logs,
// cancellation, server→client requests, stream resumption and replay isolation.
#include "mcp/session.hpp"

#include <gtest/gtest.h>

#include <map>

#include "mcp/json.hpp"

namespace {

using namespace std::chrono_literals;

// Timers fire only when the test advances the clock.
struct fake_host : mcp::session_host {
  std::multimap<std::chrono::milliseconds, std::function<void()>> timers;
  std::chrono::milliseconds now{0};
  void schedule(std::chrono::milliseconds d, std::function<void()> fn) override { timers.emplace(now + d, std::move(fn)); }
  void advance(std::chrono::milliseconds d) {
    now += d;
    while (!timers.empty() && timers.begin()->first <= now) {
      auto fn = std::move(timers.begin()->second);
      timers.erase(timers.begin());
      fn();
    }
  }
};

struct recording_sink : mcp::outbound_sink {
  std::vector<std::vector<mcp::outbound_event>> deliveries;
  std::vector<bool> lasts;
  unsigned rejected = 0;
  bool peer_gone = false;
  void deliver(std::vector<mcp::outbound_event> events, bool last) override {
    deliveries.push_back(std::move(events));
    lasts.push_back(last);
  }
  void reject(unsigned status, std::string) override { rejected = status; }
  bool closed() const override { return peer_gone || (!lasts.empty() && lasts.back()); }

  bool ended() const { return !lasts.empty() && lasts.back(); }
  // Every JSON-RPC message delivered, in order (priming events skipped).
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : deliveries)
      for (const auto& e : d)
        if (!e.data.empty()) out.push_back(e.data);
    return out;
  }
  // What a client would send as Last-Event-ID: the id of the last event it received.
  std::string last_event_id() const {
    for (auto d = deliveries.rbegin(); d != deliveries.rend(); ++d)
      if (!d->empty()) return d->back().id;
    return {};
  }
};

mcp::message parse(std::string_view json) {
  auto r = mcp::decode(json);
  EXPECT_TRUE(r.has_value());
  return r->messages.front();
}

std::string request(int id, std::string_view method, std::string_view params = "{}") {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + std::string{method} +
         R"(","params":)" + std::string{params} + "}";
}

// The tools a test session offers.
std::shared_ptr<mcp::registry> make_registry() {
  auto reg = std::make_shared<mcp::registry>();
  mcp::tool now;
  now.name = "now";
  now.description = "answers at once";
  now.handler = [](std::shared_ptr<mcp::tool_call> c) { c->finish(mcp::tool_result::text(c->arguments())); };
  reg->add(now);

  mcp::tool slow;
  slow.name = "slow";
  slow.description = "progress, a log line, then an answer after 30 ms";
  slow.handler = [](std::shared_ptr<mcp::tool_call> c) {
    c->progress(1, 3);
    c->progress(1, 3);  // not increasing: dropped
    c->log(mcp::log_level::debug, "t", R"("hidden at info")");
    c->log(mcp::log_level::warning, "t", R"("shown")");
    c->after(10ms, [c] { c->progress(2, 3); });
    c->after(30ms, [c] { c->finish(mcp::tool_result::text("done")); });
  };
  reg->add(slow);

  mcp::tool ask;
  ask.name = "ask";
  ask.description = "elicits, then answers with what the client said";
  ask.handler = [](std::shared_ptr<mcp::tool_call> c) {
    c->ask_client("elicitation/create", R"({"message":"ok?","requestedSchema":{"type":"object"}})", 1000ms,
                  [c](mcp::expected<std::string> reply) {
                    if (reply) c->finish(mcp::tool_result::text(*reply));
                    else c->finish(mcp::tool_result::error(reply.error().message));
                  });
  };
  reg->add(ask);

  mcp::tool hangup;
  hangup.name = "hangup";
  hangup.description = "closes its stream, answers 50 ms later";
  hangup.handler = [](std::shared_ptr<mcp::tool_call> c) {
    c->progress(1);
    c->close_stream();
    c->after(20ms, [c] { c->progress(2); });
    c->after(50ms, [c] { c->finish(mcp::tool_result::text("after reconnect")); });
  };
  reg->add(hangup);

  mcp::tool throws;
  throws.name = "throws";
  throws.description = "a buggy handler";
  throws.handler = [](std::shared_ptr<mcp::tool_call>) { throw std::runtime_error("bug"); };
  reg->add(throws);

  // Per-session tool state: counts this session's calls; "late" writes after finishing.
  struct counter_state {
    int calls = 0;
  };
  mcp::tool counter;
  counter.name = "counter";
  counter.description = "answers how many times this session called it";
  counter.handler = [](std::shared_ptr<mcp::tool_call> c) {
    int n = ++c->session_state().get<counter_state>().calls;
    c->finish(mcp::tool_result::text("calls=" + std::to_string(n)));
  };
  reg->add(counter);
  mcp::tool late;
  late.name = "late";
  late.description = "finishes, then writes the counter: the write must not reach the session";
  late.handler = [](std::shared_ptr<mcp::tool_call> c) {
    c->finish(mcp::tool_result::text("finished"));
    c->session_state().get<counter_state>().calls = 100;
  };
  reg->add(late);

  mcp::prompt p;
  p.name = "greet";
  p.description = "greets";
  p.arguments = {{"who", "name", true}};
  p.get = [](const std::map<std::string, std::string>& a) -> mcp::expected<std::string> {
    mcp::json_writer w;
    w.begin_object().key("messages").begin_array().begin_object().field("role", "user");
    w.key("content").begin_object().field("type", "text").field("text", "hi " + a.at("who")).end_object();
    w.end_object().end_array().end_object();
    return std::move(w).str();
  };
  p.complete = [](std::string_view, std::string_view v) {
    std::vector<std::string> out;
    for (auto c : {"ann", "anna", "bob"})
      if (std::string_view{c}.substr(0, v.size()) == v) out.emplace_back(c);
    return out;
  };
  reg->add(p);

  mcp::resource r;
  r.uri = "test://static";
  r.name = "static";
  r.read = []() -> mcp::expected<std::string> { return R"([{"uri":"test://static","text":"s"}])"; };
  reg->add(r);
  mcp::resource_template t;
  t.uri_template = "test://item/{id}";
  t.name = "item";
  t.read = [](std::string_view uri, const std::map<std::string, std::string>& v) -> mcp::expected<std::string> {
    return R"([{"uri":")" + std::string{uri} + R"(","text":")" + v.at("id") + R"("}])";
  };
  reg->add(t);
  reg->page_size = 2;
  reg->freeze();
  return reg;
}

class session_test : public ::testing::Test {
 protected:
  fake_host host;
  mcp::session s{make_registry(), host};

  // Sends a request and returns its sink.
  std::shared_ptr<recording_sink> send(const std::string& json) {
    auto sink = std::make_shared<recording_sink>();
    s.on_request(parse(json), sink);
    return sink;
  }
  void initialize(std::string_view caps = R"({"elicitation":{}})") {
    auto sink = send(request(0, "initialize",
                             R"({"protocolVersion":"2025-11-25","capabilities":)" + std::string{caps} +
                                 R"(,"clientInfo":{"name":"t","version":"1"}})"));
    ASSERT_TRUE(sink->ended());
    s.on_notification(parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  }
  static mcp::json_doc json(const std::string& s) {
    auto d = mcp::json_doc::parse(s);
    EXPECT_TRUE(d.has_value()) << s;
    return std::move(*d);
  }
  static std::optional<std::int64_t> error_code(const std::string& msg) {
    auto d = json(msg);
    auto e = mcp::get_field(d.root(), "error");
    return e ? mcp::get_int(*e, "code") : std::nullopt;
  }
};

TEST_F(session_test, initialize_echoes_a_supported_version_and_offers_the_latest_otherwise) {
  auto sink = send(request(1, "initialize", R"({"protocolVersion":"2025-06-18","capabilities":{}})"));
  auto d = json(sink->messages().at(0));
  auto result = *mcp::get_field(d.root(), "result");
  EXPECT_EQ(mcp::get_string(result, "protocolVersion"), "2025-06-18");
  EXPECT_TRUE(mcp::get_field(*mcp::get_field(result, "capabilities"), "tools"));
  EXPECT_TRUE(mcp::get_field(*mcp::get_field(result, "capabilities"), "completions"));

  fake_host h2;
  mcp::session other{make_registry(), h2};
  auto s2 = std::make_shared<recording_sink>();
  other.on_request(parse(request(1, "initialize", R"({"protocolVersion":"1999-01-01"})")), s2);
  auto r2 = json(s2->messages().at(0));
  EXPECT_EQ(mcp::get_string(*mcp::get_field(r2.root(), "result"), "protocolVersion"), "2025-11-25");
}

TEST_F(session_test, initialize_without_a_version_is_invalid_params_and_a_second_initialize_is_refused) {
  EXPECT_EQ(error_code(send(request(1, "initialize", "{}"))->messages().at(0)), mcp::error_code::invalid_params);
  initialize();
  EXPECT_EQ(error_code(send(request(2, "initialize", R"({"protocolVersion":"2025-11-25"})"))->messages().at(0)),
            mcp::error_code::invalid_request);
}

TEST_F(session_test, only_ping_works_before_initialize) {
  EXPECT_FALSE(error_code(send(request(1, "ping"))->messages().at(0)));
  EXPECT_EQ(error_code(send(request(2, "tools/list"))->messages().at(0)), mcp::error_code::invalid_request);
}

TEST_F(session_test, an_immediate_answer_is_one_delivery_of_priming_event_plus_answer) {
  initialize();
  auto sink = send(request(1, "tools/call", R"({"name":"now","arguments":{"x":1}})"));
  ASSERT_EQ(sink->deliveries.size(), 1u);
  ASSERT_EQ(sink->deliveries[0].size(), 2u) << "lets the transport answer plain JSON";
  EXPECT_TRUE(sink->deliveries[0][0].data.empty());
  EXPECT_TRUE(sink->ended());
  EXPECT_NE(sink->messages()[0].find(R"(\"x\":1)"), std::string::npos);
  EXPECT_TRUE(s.quiescent());
}

TEST_F(session_test, progress_and_logs_stream_before_the_answer) {
  initialize();
  auto sink = send(request(5, "tools/call", R"({"name":"slow","_meta":{"progressToken":"p1"}})"));
  EXPECT_FALSE(sink->ended());
  EXPECT_FALSE(s.quiescent());
  host.advance(30ms);
  ASSERT_TRUE(sink->ended());
  auto msgs = sink->messages();
  ASSERT_EQ(msgs.size(), 4u) << "progress 1, the warning log, progress 2, the answer";
  EXPECT_NE(msgs[0].find(R"("progressToken":"p1","progress":1,"total":3)"), std::string::npos);
  EXPECT_NE(msgs[1].find("notifications/message"), std::string::npos);
  EXPECT_NE(msgs[1].find("shown"), std::string::npos);
  EXPECT_NE(msgs[2].find(R"("progress":2)"), std::string::npos);
  EXPECT_NE(msgs[3].find(R"("id":5)"), std::string::npos);
}

TEST_F(session_test, no_progress_without_a_token_and_debug_logs_after_set_level) {
  initialize();
  EXPECT_FALSE(error_code(send(request(1, "logging/setLevel", R"({"level":"debug"})"))->messages()[0]));
  auto sink = send(request(2, "tools/call", R"({"name":"slow"})"));
  host.advance(30ms);
  auto msgs = sink->messages();
  ASSERT_EQ(msgs.size(), 3u) << "two log lines and the answer, no progress";
  EXPECT_NE(msgs[0].find("hidden at info"), std::string::npos);
}

TEST_F(session_test, set_level_refuses_unknown_levels) {
  initialize();
  EXPECT_EQ(error_code(send(request(1, "logging/setLevel", R"({"level":"loud"})"))->messages()[0]),
            mcp::error_code::invalid_params);
}

TEST_F(session_test, a_cancelled_call_sends_no_answer_and_ends_its_stream) {
  initialize();
  auto sink = send(request(9, "tools/call", R"({"name":"slow","_meta":{"progressToken":1}})"));
  s.on_notification(parse(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9}})"));
  EXPECT_TRUE(sink->ended());
  host.advance(100ms);  // the handler's timers must not answer now
  for (const auto& m : sink->messages()) EXPECT_EQ(m.find(R"("id":9)"), std::string::npos) << m;
  EXPECT_EQ(s.in_flight(), 0u);
  EXPECT_TRUE(s.quiescent());
}

TEST_F(session_test, cancelling_an_unknown_or_finished_request_is_harmless) {
  initialize();
  s.on_notification(parse(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":77}})"));
  auto sink = send(request(1, "ping"));
  EXPECT_TRUE(sink->ended());
}

TEST_F(session_test, server_to_client_requests_correlate_with_the_clients_response) {
  initialize();
  auto sink = send(request(3, "tools/call", R"({"name":"ask"})"));
  auto msgs = sink->messages();
  ASSERT_EQ(msgs.size(), 1u);
  auto req = json(msgs[0]);
  EXPECT_EQ(mcp::get_string(req.root(), "method"), "elicitation/create");
  auto id = mcp::to_json(*mcp::get_field(req.root(), "id"));
  // A response to an id we never sent is ignored.
  s.on_response(parse(R"({"jsonrpc":"2.0","id":999,"result":{}})"));
  EXPECT_FALSE(sink->ended());
  s.on_response(parse(R"({"jsonrpc":"2.0","id":)" + id + R"(,"result":{"action":"accept"}})"));
  ASSERT_TRUE(sink->ended());
  EXPECT_NE(sink->messages().back().find("accept"), std::string::npos);
}

TEST_F(session_test, a_client_that_never_answers_times_out_and_is_told_so) {
  initialize();
  auto sink = send(request(3, "tools/call", R"({"name":"ask"})"));
  host.advance(1000ms);
  ASSERT_TRUE(sink->ended());
  auto msgs = sink->messages();
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_NE(msgs[1].find("notifications/cancelled"), std::string::npos);
  EXPECT_NE(msgs[2].find("isError"), std::string::npos);
}

TEST_F(session_test, no_elicitation_to_a_client_that_did_not_declare_it) {
  initialize("{}");
  auto sink = send(request(3, "tools/call", R"({"name":"ask"})"));
  ASSERT_TRUE(sink->ended());
  auto msgs = sink->messages();
  ASSERT_EQ(msgs.size(), 1u) << "no elicitation/create was sent";
  EXPECT_NE(msgs[0].find("isError"), std::string::npos);
}

TEST_F(session_test, a_closed_stream_resumes_by_last_event_id_with_what_followed) {
  initialize();
  auto post = send(request(4, "tools/call", R"({"name":"hangup","_meta":{"progressToken":"h"}})"));
  ASSERT_TRUE(post->ended()) << "close_stream ends the HTTP exchange";
  auto resume_from = post->last_event_id();
  host.advance(60ms);  // progress 2 and the answer happen while no one listens
  auto get = std::make_shared<recording_sink>();
  s.on_listen(resume_from, get);
  ASSERT_TRUE(get->ended());
  auto msgs = get->messages();
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_NE(msgs[0].find(R"("progress":2)"), std::string::npos);
  EXPECT_NE(msgs[1].find("after reconnect"), std::string::npos);
  // The stream is gone once delivered: resuming again finds nothing.
  auto again = std::make_shared<recording_sink>();
  s.on_listen(resume_from, again);
  EXPECT_EQ(again->rejected, 404u);
}

TEST_F(session_test, a_resumed_stream_receives_what_happens_after_the_reconnection_too) {
  initialize();
  auto post = send(request(4, "tools/call", R"({"name":"hangup"})"));
  auto get = std::make_shared<recording_sink>();
  s.on_listen(post->last_event_id(), get);
  EXPECT_FALSE(get->ended());
  host.advance(60ms);
  ASSERT_TRUE(get->ended());
  EXPECT_NE(get->messages().back().find("after reconnect"), std::string::npos);
}

TEST_F(session_test, replay_never_crosses_streams) {
  initialize();
  auto a = send(request(1, "tools/call", R"({"name":"hangup","_meta":{"progressToken":"a"}})"));
  auto b = send(request(2, "tools/call", R"({"name":"hangup","_meta":{"progressToken":"b"}})"));
  host.advance(60ms);
  auto get = std::make_shared<recording_sink>();
  s.on_listen(a->last_event_id(), get);
  for (const auto& m : get->messages()) {
    EXPECT_EQ(m.find(R"("progressToken":"b")"), std::string::npos) << m;
    EXPECT_EQ(m.find(R"("id":2)"), std::string::npos) << m;
  }
  EXPECT_NE(get->messages().back().find(R"("id":1)"), std::string::npos);
}

TEST_F(session_test, a_peer_that_left_gets_its_events_kept_for_resumption) {
  initialize();
  auto post = send(request(4, "tools/call", R"({"name":"slow","_meta":{"progressToken":"x"}})"));
  auto first_id = post->deliveries[0][0].id;  // the priming event
  post->peer_gone = true;
  host.advance(30ms);
  EXPECT_FALSE(post->ended()) << "nothing more goes to a dead exchange";
  auto get = std::make_shared<recording_sink>();
  s.on_listen(first_id, get);
  ASSERT_TRUE(get->ended());
  EXPECT_NE(get->messages().back().find(R"("id":4)"), std::string::npos);
}

TEST_F(session_test, unknown_or_malformed_last_event_ids_are_refused) {
  initialize();
  for (auto id : {"99-1", "garbage", "1-x", ""}) {
    auto get = std::make_shared<recording_sink>();
    s.on_listen(std::string{id}, get);
    EXPECT_EQ(get->rejected, 404u) << id;
  }
}

TEST_F(session_test, one_standalone_stream_at_a_time_and_notifications_go_there) {
  initialize();
  auto get = std::make_shared<recording_sink>();
  s.on_listen(std::nullopt, get);
  ASSERT_EQ(get->deliveries.size(), 1u) << "the priming event opens the stream";
  auto second = std::make_shared<recording_sink>();
  s.on_listen(std::nullopt, second);
  EXPECT_EQ(second->rejected, 409u);
  s.notify("notifications/resources/updated", R"({"uri":"test://static"})");
  ASSERT_EQ(get->messages().size(), 1u);
  EXPECT_NE(get->messages()[0].find("resources/updated"), std::string::npos);
  get->peer_gone = true;
  auto third = std::make_shared<recording_sink>();
  s.on_listen(std::nullopt, third);
  EXPECT_EQ(third->rejected, 0u) << "a new GET may replace a dead one";
}

TEST_F(session_test, protocol_errors_have_the_right_codes) {
  initialize();
  EXPECT_EQ(error_code(send(request(1, "nope"))->messages()[0]), mcp::error_code::method_not_found);
  EXPECT_EQ(error_code(send(request(2, "tools/call", R"({"name":"missing"})"))->messages()[0]),
            mcp::error_code::invalid_params);
  EXPECT_EQ(error_code(send(request(3, "tools/call", R"({"name":"now","arguments":[1]})"))->messages()[0]),
            mcp::error_code::invalid_params);
  EXPECT_EQ(error_code(send(request(4, "tools/call", "{}"))->messages()[0]), mcp::error_code::invalid_params);
  EXPECT_EQ(error_code(send(request(6, "tools/call", R"({"name":"throws"})"))->messages()[0]),
            mcp::error_code::internal_error);
}

TEST_F(session_test, duplicate_in_flight_ids_are_refused) {
  initialize();
  auto first = send(request(1, "tools/call", R"({"name":"slow"})"));
  auto dup = send(request(1, "tools/call", R"({"name":"now"})"));
  EXPECT_EQ(error_code(dup->messages()[0]), mcp::error_code::invalid_request);
  host.advance(30ms);
  EXPECT_TRUE(first->ended());
}

TEST_F(session_test, lists_paginate) {
  initialize();
  auto page1 = json(send(request(1, "tools/list"))->messages()[0]);
  auto result = *mcp::get_field(page1.root(), "result");
  auto cursor = mcp::get_string(result, "nextCursor");
  ASSERT_TRUE(cursor);
  auto page2 = send(request(2, "tools/list", R"({"cursor":")" + std::string{*cursor} + R"("})"));
  EXPECT_FALSE(error_code(page2->messages()[0]));
  EXPECT_EQ(error_code(send(request(3, "tools/list", R"({"cursor":"bogus"})"))->messages()[0]),
            mcp::error_code::invalid_params);
}

TEST_F(session_test, prompts_resources_templates_and_completion) {
  initialize();
  auto got = send(request(1, "prompts/get", R"({"name":"greet","arguments":{"who":"ann"}})"))->messages()[0];
  EXPECT_NE(got.find("hi ann"), std::string::npos);
  // Several arguments, unicode and quotes: regression for a use-after-free in argument reading.
  auto many = send(request(9, "prompts/get", R"({"name":"greet","arguments":{"a":"1","who":"\"zo\u00e9\"","z":"2"}})"))
                  ->messages()[0];
  EXPECT_NE(many.find(R"(hi \"zo)"), std::string::npos) << many;
  EXPECT_EQ(error_code(send(request(10, "prompts/get", R"({"name":"greet","arguments":{"who":1}})"))->messages()[0]),
            mcp::error_code::invalid_params);
  EXPECT_EQ(error_code(send(request(2, "prompts/get", R"({"name":"greet"})"))->messages()[0]),
            mcp::error_code::invalid_params);
  EXPECT_NE(send(request(3, "resources/read", R"({"uri":"test://static"})"))->messages()[0].find(R"("text":"s")"),
            std::string::npos);
  EXPECT_NE(send(request(4, "resources/read", R"({"uri":"test://item/42"})"))->messages()[0].find(R"("text":"42")"),
            std::string::npos);
  EXPECT_EQ(error_code(send(request(5, "resources/read", R"({"uri":"test://none"})"))->messages()[0]),
            mcp::error_code::resource_not_found);
  auto c = send(request(6, "completion/complete",
                        R"({"ref":{"type":"ref/prompt","name":"greet"},"argument":{"name":"who","value":"an"}})"))
               ->messages()[0];
  EXPECT_NE(c.find(R"("values":["ann","anna"])"), std::string::npos) << c;
  EXPECT_FALSE(error_code(send(request(7, "resources/subscribe", R"({"uri":"test://anything"})"))->messages()[0]));
  EXPECT_EQ(s.subscriptions().count("test://anything"), 1u);
  EXPECT_FALSE(error_code(send(request(8, "resources/unsubscribe", R"({"uri":"test://anything"})"))->messages()[0]));
  EXPECT_TRUE(s.subscriptions().empty());
}

TEST_F(session_test, a_batch_is_answered_as_a_stream_of_every_answer) {
  initialize();
  auto sink = std::make_shared<recording_sink>();
  auto batch = mcp::decode(
      R"([{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"},{"jsonrpc":"2.0","id":2,"method":"nope"}])");
  s.on_batch(std::move(batch->messages), sink);
  ASSERT_TRUE(sink->ended());
  EXPECT_EQ(sink->deliveries[0].size(), 1u) << "the priming event alone commits to SSE";
  EXPECT_EQ(sink->messages().size(), 2u);
}

TEST_F(session_test, tool_state_lasts_across_calls_of_one_session_and_is_not_shared_with_another) {
  initialize();
  auto text_of = [](const std::shared_ptr<recording_sink>& sink) { return sink->messages().at(0); };
  EXPECT_NE(text_of(send(request(1, "tools/call", R"({"name":"counter"})"))).find("calls=1"), std::string::npos);
  EXPECT_NE(text_of(send(request(2, "tools/call", R"({"name":"counter"})"))).find("calls=2"), std::string::npos);
  // A write after the call finished goes to the handle's scratch, not to the session.
  EXPECT_NE(text_of(send(request(3, "tools/call", R"({"name":"late"})"))).find("finished"), std::string::npos);
  EXPECT_NE(text_of(send(request(4, "tools/call", R"({"name":"counter"})"))).find("calls=3"), std::string::npos);

  fake_host h2;
  mcp::session other{make_registry(), h2};
  auto init = std::make_shared<recording_sink>();
  other.on_request(parse(request(0, "initialize", R"({"protocolVersion":"2025-11-25","capabilities":{}})")), init);
  other.on_notification(parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"));
  auto sink = std::make_shared<recording_sink>();
  other.on_request(parse(request(1, "tools/call", R"({"name":"counter"})")), sink);
  EXPECT_NE(text_of(sink).find("calls=1"), std::string::npos) << "another session starts from nothing";
}

TEST_F(session_test, close_ends_open_exchanges_and_refuses_what_comes_after) {
  initialize();
  auto call = send(request(1, "tools/call", R"({"name":"slow"})"));
  auto get = std::make_shared<recording_sink>();
  s.on_listen(std::nullopt, get);
  s.close();
  EXPECT_TRUE(call->ended());
  EXPECT_TRUE(get->ended());
  host.advance(100ms);
  for (const auto& m : call->messages()) EXPECT_EQ(m.find(R"("id":1)"), std::string::npos);
  EXPECT_EQ(send(request(2, "ping"))->rejected, 404u);
}

}  // namespace
