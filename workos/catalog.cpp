// workos/catalog.cpp — joins the per-product tables into one catalog and indexes it by id.
#include "workos/catalog.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "workos/catalog/tables.hpp"

namespace workos {
namespace {

// The tables, in the order `list_operations` and `catalog` show them: the customer-facing
// objects first, then identity, authorization, logging, integration, and the dashboard-side.
using table_fn = std::span<const operation> (*)();
constexpr table_fn tables[] = {
    catalog::organizations_operations,     catalog::organization_domains_operations,
    catalog::sso_operations,               catalog::directory_sync_operations,
    catalog::users_operations,             catalog::organization_memberships_operations,
    catalog::invitations_operations,       catalog::magic_auth_operations,
    catalog::mfa_operations,               catalog::authkit_config_operations,
    catalog::authorization_operations,     catalog::groups_operations,
    catalog::audit_logs_operations,        catalog::admin_portal_operations,
    catalog::events_operations,            catalog::webhooks_operations,
    catalog::feature_flags_operations,     catalog::api_keys_operations,
    catalog::connect_operations,           catalog::pipes_operations,
    catalog::vault_operations,
    catalog::radar_operations,             catalog::agents_operations,
    catalog::branding_operations,          catalog::log_streams_operations,
};

// The rows are constant data in each table; what is built here, once and on first use (a
// function-local static, so thread-safe), is one contiguous copy of the row headers and an index.
struct joined {
  std::vector<operation> rows;
  std::unordered_map<std::string_view, const operation*> by_id;
  std::vector<std::string_view> products;

  joined() {
    for (auto table : tables) {
      auto t = table();
      rows.insert(rows.end(), t.begin(), t.end());
    }
    for (const auto& op : rows)
      if (std::find(products.begin(), products.end(), op.product) == products.end()) products.push_back(op.product);
    by_id.reserve(rows.size());
    for (const auto& op : rows) by_id.emplace(op.id, &op);
  }
};

const joined& catalog_data() {
  static const joined j;
  return j;
}

}  // namespace

std::span<const operation> all_operations() { return catalog_data().rows; }

std::span<const std::string_view> products() { return catalog_data().products; }

const operation* find_operation(std::string_view id) {
  const auto& index = catalog_data().by_id;
  auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

std::span<const exclusion> excluded_operations() { return catalog::exclusion_rows(); }

bool is_excluded_id(std::string_view id) {
  auto rows = excluded_operations();
  return std::any_of(rows.begin(), rows.end(), [&](const exclusion& e) { return e.id == id; });
}

}  // namespace workos
