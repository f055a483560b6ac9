// workos/catalog_cli.cpp — the `workos-mcp catalog` subcommand (see catalog_cli.hpp).
#include "workos/catalog_cli.hpp"

#include <iomanip>

#include "control/model.hpp"
#include "mcp/json.hpp"
#include "workos/catalog.hpp"

namespace workos {
namespace {

constexpr control::role all_roles[] = {control::role::admin, control::role::developer, control::role::support,
                                       control::role::viewer};

void write_strings(mcp::json_writer& w, std::span<const std::string_view> values) {
  w.begin_array();
  for (auto v : values) w.value(v);
  w.end_array();
}

}  // namespace

std::string catalog_json() {
  mcp::json_writer w(1 << 20);
  w.begin_object().key("operations").begin_array();
  for (const auto& op : all_operations()) {
    w.begin_object()
        .field("id", op.id)
        .field("product", op.product)
        .field("summary", op.summary)
        .field("method", op.method)
        .field("path", op.path)
        .raw_field("input_schema", op.input_schema);
    w.key("query_params");
    write_strings(w, op.query_params);
    w.field("access", to_string(op.access));
    w.key("roles").begin_array();
    for (auto r : all_roles)
      if (op.roles.contains(r)) w.value(control::to_string(r));
    w.end_array();
    w.key("secret_fields");
    write_strings(w, op.secret_fields);
    w.field("paginated", op.paginated).end_object();
  }
  w.end_array().key("exclusions").begin_array();
  for (const auto& e : excluded_operations()) {
    w.begin_object().field("id", e.id);
    // A dashboard action with no endpoint has no method or path: null, not "".
    if (e.method.empty()) w.key("method").null().key("path").null();
    else w.field("method", e.method).field("path", e.path);
    w.field("reason", e.reason).end_object();
  }
  w.end_array().end_object();
  return std::move(w).str();
}

int catalog_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  bool json = false;
  for (const auto& a : args) {
    if (a == "--json") json = true;
    else if (a == "--help" || a == "-h") {
      out << "usage: workos-mcp catalog [--json]   print the operation catalog and the exclusions\n";
      return 0;
    } else {
      err << "workos-mcp catalog: unknown argument " << a << "\n";
      return 2;
    }
  }
  if (json) {
    out << catalog_json() << "\n";
    return 0;
  }
  for (const auto& op : all_operations())
    out << std::left << std::setw(64) << op.id << ' ' << std::setw(13) << to_string(op.access) << ' ' << op.method
        << ' ' << op.path << "\n    " << op.summary << "\n";
  out << "\nexcluded:\n";
  for (const auto& e : excluded_operations())
    out << "  " << std::left << std::setw(40) << e.id << ' ' << e.reason << "\n";
  out << all_operations().size() << " operations, " << excluded_operations().size() << " exclusions\n";
  return 0;
}

}  // namespace workos
