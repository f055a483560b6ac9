// tests/conformance/fixtures.cpp — the conformance suite's fixtures, on our registry.
//
// Each fixture does what the suite's server scenarios of @modelcontextprotocol/conformance
// 0.1.16 check (names, content block shapes, notifications during the call, server→client
// requests, exact elicitation schemas), with the texts of the suite's reference "everything
// server" where a scenario documents one. Timed steps go through `tool_call::after`, so a
// fixture never blocks the session's thread.
#include "tests/conformance/fixtures.hpp"

#include <chrono>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench_payload.hpp"
#include "mcp/json.hpp"

namespace fixtures {

namespace {

using namespace std::chrono_literals;
using mcp::content_builder;
using mcp::json_doc;
using mcp::json_writer;
using mcp::tool_result;
using call_ptr = std::shared_ptr<mcp::tool_call>;

// A 1x1 red pixel PNG (RGB, 8 bit), CRCs included: a real image a client can decode.
constexpr std::string_view png_base64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
// A RIFF/WAVE file: PCM, mono, 8 kHz, 8 bit, 16 samples of a 440 Hz sine (60 bytes).
constexpr std::string_view wav_base64 =
    "UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YRAAAACAob/W4uLXwqSDYUIrHhwm";

constexpr std::string_view no_arguments = R"({"type":"object","properties":{},"additionalProperties":false})";
constexpr auto client_answer_timeout = 60s;
constexpr auto step_delay = 50ms;
constexpr std::string_view logger_name = "conformance-fixtures";

// The suite's fixtures only read and talk to the client: nothing is modified, nothing external
// is reached.
mcp::tool_annotations read_only(std::string title, bool idempotent = true) {
  mcp::tool_annotations a;
  a.title = std::move(title);
  a.read_only = true;
  a.destructive = false;
  a.idempotent = idempotent;
  a.open_world = false;
  return a;
}

mcp::tool make_tool(std::string name, std::string title, std::string description, std::string_view schema,
                    mcp::tool_annotations annotations, mcp::tool_handler handler) {
  mcp::tool t;
  t.name = std::move(name);
  t.title = title;
  t.description = std::move(description);
  t.input_schema = std::string{schema};
  t.annotations = std::move(annotations);
  if (t.annotations.title.empty()) t.annotations.title = std::move(title);
  t.handler = std::move(handler);
  return t;
}

// A tool whose result never changes: built once, copied per call.
mcp::tool constant_tool(std::string name, std::string title, std::string description, tool_result result) {
  return make_tool(std::move(name), title, std::move(description), no_arguments, read_only(title),
                   [result = std::move(result)](call_ptr call) { call->finish(result); });
}

// A required, non-empty string argument, or the message telling the model how to fix the call.
struct string_arg {
  std::string value;
  std::string error;
};

string_arg required_string(const call_ptr& call, std::string_view name) {
  auto doc = json_doc::parse(call->arguments());
  if (!doc || !doc->root().is_object())
    return {{}, "The arguments must be a JSON object, e.g. {\"" + std::string{name} + "\": \"...\"}."};
  auto field = mcp::get_field(doc->root(), name);
  if (!field)
    return {{}, "Missing required argument '" + std::string{name} + "' (a string). Call " +
                    std::string{call->tool_name()} + " again with it."};
  if (!field->is_string())
    return {{}, "Argument '" + std::string{name} + "' must be a string, got " + mcp::to_json(*field) + "."};
  return {std::string{field->get_string().value_unsafe()}, {}};
}

std::string json_string(std::string_view s) {
  std::string out;
  mcp::append_json_string(out, s);
  return out;
}

std::string text_block_message(std::string_view role, std::string_view text) {
  json_writer w;
  w.begin_object().field("role", role).key("content").begin_object().field("type", "text").field("text", text);
  w.end_object().end_object();
  return std::move(w).str();
}

// Elicitation params: `mode` exists from 2025-11-25 on; older clients get the form without it.
std::string elicitation_params(const call_ptr& call, std::string_view message, std::string_view schema) {
  json_writer w;
  w.begin_object();
  if (call->client().protocol_version >= "2025-11-25") w.field("mode", "form");
  w.field("message", message).raw_field("requestedSchema", schema).end_object();
  return std::move(w).str();
}

// Asks the client for a form and finishes the call with what it answered, prefixed by `label`.
void elicit_and_report(const call_ptr& call, std::string_view message, std::string_view schema, std::string label) {
  call->ask_client(
      "elicitation/create", elicitation_params(call, message, schema), client_answer_timeout,
      [call, label = std::move(label)](mcp::expected<std::string> reply) {
        if (!reply) {
          call->finish(tool_result::error("Elicitation failed (" + std::to_string(reply.error().code) +
                                          "): " + reply.error().message +
                                          ". The client must declare the elicitation capability and answer "
                                          "elicitation/create."));
          return;
        }
        auto doc = json_doc::parse(*reply);
        auto action = doc ? mcp::get_string(doc->root(), "action") : std::nullopt;
        if (!action) {
          call->finish(tool_result::error("The client's elicitation result has no 'action' (accept, decline or cancel)."));
          return;
        }
        auto content = mcp::get_field(doc->root(), "content");
        std::string content_json = content ? mcp::to_json(*content) : "{}";
        tool_result r;
        r.content = std::move(content_builder{}.text(label + "action=" + std::string{*action} +
                                                     ", content=" + content_json))
                        .done();
        json_writer s;
        s.begin_object().field("action", *action).raw_field("content", content_json).end_object();
        r.structured = std::move(s).str();
        call->finish(std::move(r));
      });
}

// ---------------------------------------------------------------------------------------------
// Tools

void add_content_tools(mcp::registry& reg) {
  reg.add(constant_tool("test_simple_text", "Simple text", "Tests simple text content response",
                        tool_result::text("This is a simple text response for testing.")));

  tool_result image;
  image.content = std::move(content_builder{}.image(png_base64, "image/png")).done();
  reg.add(constant_tool("test_image_content", "Image content", "Tests image content response (a 1x1 PNG)",
                        std::move(image)));

  tool_result audio;
  audio.content = std::move(content_builder{}.audio(wav_base64, "audio/wav")).done();
  reg.add(constant_tool("test_audio_content", "Audio content", "Tests audio content response (a short WAV)",
                        std::move(audio)));

  tool_result embedded;
  embedded.content = std::move(content_builder{}.resource_text("test://embedded-resource", "text/plain",
                                                               "This is an embedded resource content."))
                         .done();
  reg.add(constant_tool("test_embedded_resource", "Embedded resource", "Tests embedded resource content response",
                        std::move(embedded)));

  tool_result mixed;
  mixed.content = std::move(content_builder{}
                                .text("Multiple content types test:")
                                .image(png_base64, "image/png")
                                .resource_text("test://mixed-content-resource", "application/json",
                                               R"({"test":"data","value":123})"))
                      .done();
  reg.add(constant_tool("test_multiple_content_types", "Multiple content types",
                        "Tests response with multiple content types (text, image, resource)", std::move(mixed)));

  reg.add(constant_tool("test_error_handling", "Error handling",
                        "Tests error response handling: always returns a result with isError true",
                        tool_result::error("This tool intentionally returns an error for testing")));
}

void add_notification_tools(mcp::registry& reg) {
  // Three info logs ~50 ms apart, then the result.
  reg.add(make_tool(
      "test_tool_with_logging", "Tool with logging", "Tests tool that emits log messages during execution",
      no_arguments, read_only("Tool with logging"), [](call_ptr call) {
        call->log(mcp::log_level::info, logger_name, json_string("Tool execution started"));
        call->after(step_delay, [call] {
          call->log(mcp::log_level::info, logger_name, json_string("Tool processing data"));
          call->after(step_delay, [call] {
            call->log(mcp::log_level::info, logger_name, json_string("Tool execution completed"));
            call->finish(tool_result::text("Tool with logging executed successfully"));
          });
        });
      }));

  // Progress 0, 50, 100 of 100, ~50 ms apart (sent only when the request had a progress token).
  reg.add(make_tool("test_tool_with_progress", "Tool with progress",
                    "Tests tool that reports progress notifications (0, 50, 100 of 100)", no_arguments,
                    read_only("Tool with progress"), [](call_ptr call) {
                      call->progress(0, 100, "Completed step 0 of 100");
                      call->after(step_delay, [call] {
                        call->progress(50, 100, "Completed step 50 of 100");
                        call->after(step_delay, [call] {
                          call->progress(100, 100, "Completed step 100 of 100");
                          call->finish(tool_result::text("Tool with progress executed successfully"));
                        });
                      });
                    }));

  // SSE polling (SEP-1699): end the HTTP exchange mid-call; the result follows a little later
  // and reaches the client when it resumes with GET + Last-Event-ID.
  reg.add(make_tool("test_reconnection", "Reconnection",
                    "Tests SSE stream disconnection and client reconnection (SEP-1699): the server closes the "
                    "stream mid-call and sends the result after the client reconnects",
                    no_arguments, read_only("Reconnection"), [](call_ptr call) {
                      call->close_stream();
                      call->after(100ms, [call] {
                        call->finish(tool_result::text(
                            "Reconnection test completed successfully. If you received this, the client properly "
                            "reconnected after stream closure."));
                      });
                    }));
}

void add_client_request_tools(mcp::registry& reg) {
  reg.add(make_tool(
      "test_sampling", "Sampling", "Tests server-initiated sampling (LLM completion request)",
      R"({"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send to the LLM"}},"required":["prompt"],"additionalProperties":false})",
      read_only("Sampling", false), [](call_ptr call) {
        auto prompt = required_string(call, "prompt");
        if (!prompt.error.empty()) return call->finish(tool_result::error(prompt.error));
        json_writer p;
        p.begin_object().key("messages").begin_array().raw(text_block_message("user", prompt.value)).end_array();
        p.field("maxTokens", 100).end_object();
        call->ask_client("sampling/createMessage", std::move(p).str(), client_answer_timeout,
                         [call](mcp::expected<std::string> reply) {
                           if (!reply)
                             return call->finish(tool_result::error(
                                 "Sampling failed (" + std::to_string(reply.error().code) + "): " +
                                 reply.error().message +
                                 ". The client must declare the sampling capability and answer "
                                 "sampling/createMessage."));
                           auto doc = json_doc::parse(*reply);
                           std::string text;
                           if (doc) {
                             auto content = mcp::get_field(doc->root(), "content");
                             // A single block, or (2025-11-25) an array of blocks: the first text.
                             if (content && content->is_object()) {
                               text = std::string{mcp::get_string(*content, "text").value_or("")};
                             } else if (content && content->is_array()) {
                               // Held by value: iterating value_unsafe() of the temporary
                               // simdjson_result directly would dangle.
                               simdjson::dom::array blocks = content->get_array().value_unsafe();
                               for (auto block : blocks)
                                 if (auto t = mcp::get_string(block, "text")) {
                                   text = std::string{*t};
                                   break;
                                 }
                             }
                           }
                           if (text.empty())
                             return call->finish(
                                 tool_result::error("The client's sampling result has no text content."));
                           call->finish(tool_result::text("LLM response: " + text));
                         });
      }));

  reg.add(make_tool(
      "test_elicitation", "Elicitation", "Tests server-initiated elicitation (user input request)",
      R"({"type":"object","properties":{"message":{"type":"string","description":"The message to show the user"}},"required":["message"],"additionalProperties":false})",
      read_only("Elicitation", false), [](call_ptr call) {
        auto message = required_string(call, "message");
        if (!message.error.empty()) return call->finish(tool_result::error(message.error));
        elicit_and_report(
            call, message.value,
            R"({"type":"object","properties":{"username":{"type":"string","description":"User's response"},"email":{"type":"string","description":"User's email address"}},"required":["username","email"]})",
            "User response: ");
      }));

  reg.add(make_tool(
      "test_elicitation_sep1034_defaults", "Elicitation with defaults",
      "Tests elicitation with default values for every primitive type (SEP-1034)", no_arguments,
      read_only("Elicitation with defaults", false), [](call_ptr call) {
        elicit_and_report(
            call, "Please review and update the form fields with defaults",
            R"({"type":"object","properties":{)"
            R"("name":{"type":"string","description":"User name","default":"John Doe"},)"
            R"("age":{"type":"integer","description":"User age","default":30},)"
            R"("score":{"type":"number","description":"User score","default":95.5},)"
            R"("status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},)"
            R"("verified":{"type":"boolean","description":"Verification status","default":true})"
            R"(},"required":[]})",
            "Elicitation completed: ");
      }));

  reg.add(make_tool(
      "test_elicitation_sep1330_enums", "Elicitation with enums",
      "Tests elicitation with the five enum schema variants (SEP-1330)", no_arguments,
      read_only("Elicitation with enums", false), [](call_ptr call) {
        elicit_and_report(
            call, "Please select options from the enum fields",
            R"({"type":"object","properties":{)"
            R"("untitledSingle":{"type":"string","description":"Select one option","enum":["option1","option2","option3"]},)"
            R"("titledSingle":{"type":"string","description":"Select one option with titles","oneOf":[)"
            R"({"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},{"const":"value3","title":"Third Option"}]},)"
            R"("legacyEnum":{"type":"string","description":"Select one option, legacy enumNames titles","enum":["opt1","opt2","opt3"],)"
            R"("enumNames":["Option One","Option Two","Option Three"]},)"
            R"("untitledMulti":{"type":"array","description":"Select multiple options",)"
            R"("items":{"type":"string","enum":["option1","option2","option3"]}},)"
            R"("titledMulti":{"type":"array","description":"Select multiple options with titles","items":{"anyOf":[)"
            R"({"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},{"const":"value3","title":"Third Choice"}]}})"
            R"(},"required":[]})",
            "Elicitation completed: ");
      }));
}

void add_schema_tool(mcp::registry& reg) {
  // SEP-1613: a JSON Schema 2020-12 input schema, listed exactly as written.
  reg.add(make_tool(
      "json_schema_2020_12_tool", "JSON Schema 2020-12", "Tool with JSON Schema 2020-12 features",
      R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",)"
      R"("$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},)"
      R"("properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},"additionalProperties":false})",
      read_only("JSON Schema 2020-12"), [](call_ptr call) {
        auto doc = json_doc::parse(call->arguments());
        if (!doc || !doc->root().is_object())
          return call->finish(tool_result::error("The arguments must be a JSON object with optional 'name' (string) "
                                                 "and 'address' ({street, city})."));
        call->finish(tool_result::text("Received arguments: " + mcp::to_json(doc->root())));
      }));
}

// ---------------------------------------------------------------------------------------------
// Resources

std::string text_contents(std::string_view uri, std::string_view mime, std::string_view text) {
  json_writer w;
  w.begin_array().begin_object().field("uri", uri).field("mimeType", mime).field("text", text).end_object();
  w.end_array();
  return std::move(w).str();
}

void add_resources(mcp::registry& reg) {
  {
    mcp::resource r;
    r.uri = "test://static-text";
    r.name = "static-text";
    r.title = "Static text resource";
    r.description = "A static text resource for testing";
    r.mime_type = "text/plain";
    auto contents = text_contents(r.uri, r.mime_type, "This is the content of the static text resource.");
    r.read = [contents]() -> mcp::expected<std::string> { return contents; };
    reg.add(std::move(r));
  }
  {
    mcp::resource r;
    r.uri = "test://static-binary";
    r.name = "static-binary";
    r.title = "Static binary resource";
    r.description = "A static binary resource (a 1x1 PNG) for testing";
    r.mime_type = "image/png";
    json_writer w;
    w.begin_array().begin_object().field("uri", r.uri).field("mimeType", r.mime_type).field("blob", png_base64);
    w.end_object().end_array();
    r.read = [contents = std::move(w).str()]() -> mcp::expected<std::string> { return contents; };
    reg.add(std::move(r));
  }
  {
    mcp::resource r;
    r.uri = "test://watched-resource";
    r.name = "watched-resource";
    r.title = "Watched resource";
    r.description = "A resource clients can subscribe to";
    r.mime_type = "text/plain";
    auto contents = text_contents(r.uri, r.mime_type, "Watched resource content");
    r.read = [contents]() -> mcp::expected<std::string> { return contents; };
    reg.add(std::move(r));
  }
  {
    mcp::resource_template t;
    t.uri_template = "test://template/{id}/data";
    t.name = "template";
    t.title = "Resource template";
    t.description = "A resource template with an {id} parameter";
    t.mime_type = "application/json";
    t.read = [](std::string_view uri,
                const std::map<std::string, std::string>& vars) -> mcp::expected<std::string> {
      auto it = vars.find("id");
      if (it == vars.end()) return mcp::rpc_error::invalid_params("The URI must name an id: test://template/{id}/data");
      json_writer data;
      data.begin_object().field("id", it->second).field("templateTest", true).field("data", "Data for ID: " + it->second);
      data.end_object();
      return text_contents(uri, "application/json", data.str());
    };
    t.complete = [](std::string_view arg, std::string_view value) {
      std::vector<std::string> out;
      if (arg != "id") return out;
      for (std::string_view id : {"123", "456", "789"})
        if (id.substr(0, value.size()) == value) out.emplace_back(id);
      return out;
    };
    reg.add(std::move(t));
  }
}

// ---------------------------------------------------------------------------------------------
// Prompts

std::string prompt_result(std::string_view description, std::initializer_list<std::string_view> messages) {
  json_writer w;
  w.begin_object().field("description", description).key("messages").begin_array();
  for (auto m : messages) w.raw(m);
  w.end_array().end_object();
  return std::move(w).str();
}

void add_prompts(mcp::registry& reg) {
  {
    mcp::prompt p;
    p.name = "test_simple_prompt";
    p.title = "Simple prompt";
    p.description = "A simple prompt without arguments";
    auto result = prompt_result(p.description, {text_block_message("user", "This is a simple prompt for testing.")});
    p.get = [result](const std::map<std::string, std::string>&) -> mcp::expected<std::string> { return result; };
    reg.add(std::move(p));
  }
  {
    mcp::prompt p;
    p.name = "test_prompt_with_arguments";
    p.title = "Prompt with arguments";
    p.description = "A prompt with two required arguments";
    p.arguments = {{"arg1", "First test argument", true}, {"arg2", "Second test argument", true}};
    p.get = [](const std::map<std::string, std::string>& args) -> mcp::expected<std::string> {
      auto a1 = args.find("arg1"), a2 = args.find("arg2");
      if (a1 == args.end() || a2 == args.end())
        return mcp::rpc_error::invalid_params("Missing required arguments: arg1 and arg2 (strings)");
      auto text = "Prompt with arguments: arg1='" + a1->second + "', arg2='" + a2->second + "'";
      return prompt_result("A prompt with two required arguments", {text_block_message("user", text)});
    };
    p.complete = [](std::string_view arg, std::string_view value) {
      std::vector<std::string> out;
      static constexpr std::string_view arg1[] = {"paris", "park", "party"};
      static constexpr std::string_view arg2[] = {"hello", "help", "world"};
      std::span<const std::string_view> pool;
      if (arg == "arg1") pool = arg1;
      else if (arg == "arg2") pool = arg2;
      for (auto candidate : pool)
        if (candidate.substr(0, value.size()) == value) out.emplace_back(candidate);
      return out;
    };
    reg.add(std::move(p));
  }
  {
    mcp::prompt p;
    p.name = "test_prompt_with_embedded_resource";
    p.title = "Prompt with embedded resource";
    p.description = "A prompt that embeds the resource named by resourceUri";
    p.arguments = {{"resourceUri", "URI of the resource to embed", true}};
    p.get = [](const std::map<std::string, std::string>& args) -> mcp::expected<std::string> {
      auto uri = args.find("resourceUri");
      if (uri == args.end() || uri->second.empty())
        return mcp::rpc_error::invalid_params("Missing required argument: resourceUri (a resource URI string)");
      json_writer res;
      res.begin_object().field("role", "user").key("content").begin_object().field("type", "resource");
      res.key("resource").begin_object().field("uri", uri->second).field("mimeType", "text/plain");
      res.field("text", "Embedded resource content for testing.").end_object().end_object().end_object();
      return prompt_result("A prompt that embeds the resource named by resourceUri",
                           {res.str(), text_block_message("user", "Please process the embedded resource above.")});
    };
    reg.add(std::move(p));
  }
  {
    mcp::prompt p;
    p.name = "test_prompt_with_image";
    p.title = "Prompt with image";
    p.description = "A prompt with image content";
    json_writer img;
    img.begin_object().field("role", "user").key("content").begin_object().field("type", "image");
    img.field("data", png_base64).field("mimeType", "image/png").end_object().end_object();
    auto result =
        prompt_result(p.description, {img.str(), text_block_message("user", "Please analyze the image above.")});
    p.get = [result](const std::map<std::string, std::string>&) -> mcp::expected<std::string> { return result; };
    reg.add(std::move(p));
  }
}

}  // namespace

void add_conformance_fixtures(mcp::registry& reg) {
  add_content_tools(reg);
  add_notification_tools(reg);
  add_client_request_tools(reg);
  add_schema_tool(reg);
  add_resources(reg);
  add_prompts(reg);
}

void add_bench_tool(mcp::registry& reg) {
  // The hot path of the benchmark: the result is built once here and copied per call.
  tool_result result;
  result.content = std::move(content_builder{}.text(bench_payload)).done();
  result.structured = std::string{bench_payload};
  mcp::tool t;
  t.name = "bench_1k";
  t.title = "Benchmark 1 KB";
  t.description = "Returns a fixed ~1 KB JSON object (benchmark payload) as text and structuredContent.";
  t.input_schema = no_arguments;
  t.annotations = read_only("Benchmark 1 KB");
  t.handler = [result = std::move(result)](call_ptr call) { call->finish(result); };
  reg.add(std::move(t));
}

}  // namespace fixtures
