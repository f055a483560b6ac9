// workos/catalog_cli.hpp — `workos-mcp catalog [--json]`: prints the operation catalog, as a
// table for people or as one JSON document for scripts and tests/catalog/spec.test.mjs.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace workos {

/// The whole catalog as one JSON object: {"operations":[…],"exclusions":[…]}, each operation with
/// every field and its input_schema embedded as JSON.
std::string catalog_json();

/// Runs the subcommand with the arguments after `catalog`; returns the exit code.
int catalog_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace workos
