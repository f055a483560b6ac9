// tests/policy/catalog_test.cpp — the policy against the real catalog (workos/): every exclusion
// the catalog names is refused by the policy by its id and by its method and path; no catalog row
// is refused by name by accident; and the catalog's roles never exceed the promise's ceilings.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "policy/decision.hpp"
#include "workos/catalog.hpp"

namespace {

TEST(PolicyAndCatalog, EveryCatalogExclusionIsRefusedByIdAndByPath) {
  ASSERT_FALSE(workos::excluded_operations().empty());
  for (const auto& x : workos::excluded_operations()) {
    workos::operation by_id{};
    by_id.id = x.id;
    by_id.method = "GET";
    by_id.path = "/organizations";
    EXPECT_TRUE(policy::is_forbidden(by_id)) << "id " << x.id << " (" << x.reason << ")";
    if (x.path.empty()) continue;
    workos::operation by_path{};
    by_path.id = "innocent.looking";
    by_path.method = x.method;
    by_path.path = x.path;
    EXPECT_TRUE(policy::is_forbidden(by_path)) << x.method << " " << x.path << " (" << x.reason << ")";
  }
}

TEST(PolicyAndCatalog, NoCatalogOperationIsExcludedByAccident) {
  ASSERT_FALSE(workos::all_operations().empty());
  for (const auto& op : workos::all_operations()) {
    EXPECT_FALSE(policy::is_forbidden(op))
        << op.id << " " << op.method << " " << op.path << ": " << policy::forbidden_reason(op).value_or("");
  }
}

TEST(PolicyAndCatalog, SupportCanChangeSomethingAndViewerNothing) {
  // The ceilings are not vacuous against the real catalog: support has writes (SSO, directories).
  std::size_t support_writes = 0;
  for (const auto& op : workos::all_operations()) {
    if (op.access == workos::access_class::read) continue;
    if (op.roles.contains(control::role::support)) ++support_writes;
    EXPECT_FALSE(op.roles.contains(control::role::viewer)) << op.id;
  }
  EXPECT_GT(support_writes, 0u);
}

TEST(PolicyAndCatalog, CatalogRolesStayWithinTheRoleCeilings) {
  for (const auto& op : workos::all_operations())
    for (auto r : {control::role::admin, control::role::developer, control::role::support, control::role::viewer}) {
      if (!op.roles.contains(r)) continue;
      EXPECT_TRUE(policy::role_ceiling_allows(r, op))
          << op.id << " (" << op.product << ", " << workos::to_string(op.access) << ") lists "
          << control::to_string(r);
    }
}

}  // namespace
