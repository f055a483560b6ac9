// tests/conformance/fixtures.hpp — the conformance suite's fixture tools, resources, prompts.
//
// The official suite (@modelcontextprotocol/conformance) calls tools, resources and prompts
// with fixed names (test_simple_text, test://static-text, test_prompt_with_arguments, …) whose
// reference implementation is the suite's TypeScript "everything server". These are ours,
// registered on the same mcp::registry the product uses, so the suite exercises the real
// transport, protocol and session code. Test-only: never linked into workos-mcp.
#pragma once

#include "mcp/registry.hpp"

namespace fixtures {

/// Registers every fixture of the suite's server scenarios.
void add_conformance_fixtures(mcp::registry& reg);

/// The benchmark tool: returns bench/payload_1k.json as text and structuredContent.
void add_bench_tool(mcp::registry& reg);

}  // namespace fixtures
