// mcp/jsonrpc.hpp — the JSON-RPC 2.0 envelope: decoding on the hot path, encoding replies.
//
// Decoding uses simdjson on-demand: `jsonrpc`, `id` and `method` are extracted without building
// a DOM, and `params`/`result` travel on as raw JSON slices (owned copies), parsed later only by
// the handler that needs them (which then reports malformed params as a parse error for that
// request). When the caller's buffer carries simdjson's padding the input is parsed in place.
// Everything here is pure: no I/O, no session state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcp/errors.hpp"

namespace mcp {

enum class message_kind {
  request,       ///< method + id
  notification,  ///< method, no id
  response,      ///< id + result
  error_response,///< id + error
  invalid,       ///< a batch element that is not a valid message (`error` says why)
};

/// One decoded JSON-RPC message. Strings are owned: a message outlives the request buffer.
struct message {
  message_kind kind = message_kind::invalid;
  std::string id;      ///< the id's raw JSON text (e.g. `7` or `"abc"`); "null" when unknown
  std::string method;  ///< requests and notifications
  std::string params;  ///< raw JSON object/array; empty when absent
  std::string result;  ///< raw JSON (responses)
  rpc_error error;     ///< error responses, and the reason a message is `invalid`

  bool is_request() const { return kind == message_kind::request; }
  bool is_notification() const { return kind == message_kind::notification; }
  bool is_response() const { return kind == message_kind::response || kind == message_kind::error_response; }
};

struct decoded_body {
  std::vector<message> messages;
  bool batch = false;  ///< the body was a JSON array
};

/// Decodes an HTTP body. `capacity` is the readable size of the buffer at `json.data()`; when it
/// is at least json.size() + 64 the parse reads in place, otherwise the input is copied once.
/// A body that is not JSON at all, or not an object/array, is an error value (-32700/-32600);
/// invalid elements of a batch come back as `message_kind::invalid` entries.
expected<decoded_body> decode(std::string_view json, std::size_t capacity = 0);

/// Reply encoders. `id` is raw JSON text as stored in `message::id`.
std::string encode_result(std::string_view id, std::string_view result_json);
std::string encode_error(std::string_view id, const rpc_error& e);
std::string encode_notification(std::string_view method, std::string_view params_json);
std::string encode_request(std::string_view id, std::string_view method, std::string_view params_json);

/// A canonical key for an id, equal for ids that JSON-RPC considers equal (e.g. `"a"` and
/// `"\u0061"`), used to match cancellations and responses to requests.
std::string id_key(std::string_view raw_id);

}  // namespace mcp
