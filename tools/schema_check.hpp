// tools/schema_check.hpp — checks a tool's `arguments` against an operation's input schema before
// anything is sent upstream, so that an agent gets one precise sentence ("arguments.limit: must
// be at most 100") instead of a WorkOS 422 or, worse, a request that means something else.
//
// A subset of JSON Schema, exactly what the catalog's schemas use: type (one or a list, with
// "integer" meaning a whole number), required, properties, additionalProperties (false or a
// schema), enum, minimum/maximum, minLength/maxLength, maxProperties, items, and formats checked
// loosely (email has an @, date-time starts with a date, uri has a scheme). Keywords outside the
// subset (pattern, description, default, deprecated, …) are ignored rather than guessed at:
// WorkOS still has the last word on anything looser than this.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace tools {

/// The first way `value` breaks `schema`, as "<path>: <what is wrong>" (path from `path`, e.g.
/// "arguments.domains[1]"), or nullopt when it conforms. Never quotes a string value (it may be a
/// secret the person gave); quotes names, types, bounds and enum members only.
std::optional<std::string> check_schema(simdjson::dom::element schema, simdjson::dom::element value,
                                        const std::string& path = "arguments");

/// The same, with the schema as JSON text; a schema that does not parse is reported as an error.
std::optional<std::string> check_schema(std::string_view schema_json, simdjson::dom::element value,
                                        const std::string& path = "arguments");

}  // namespace tools
