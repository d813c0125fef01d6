// Tests of identity/access_policy.h: who may do which action, from a decision table.
#include "identity/access_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// Builds a Principal from the table's description (see the header of access_policy.tsv).
// Returns false on a description it cannot read.
bool ParsePrincipal(const std::string& description, Principal* principal) {
  std::istringstream items(description);
  std::string item;
  items >> item;
  if (item == "anonymous") return !(items >> item);
  if (item.rfind("user:", 0) != 0 || item.size() == 5) return false;
  principal->user_id = item.substr(5);
  principal->username = principal->user_id;
  while (items >> item) {
    if (item.rfind("token:", 0) == 0) {
      principal->token_id = "tok_" + principal->user_id;
      std::istringstream scopes(item.substr(6));
      for (std::string scope; std::getline(scopes, scope, ',');) {
        principal->token_scopes.push_back(scope);
      }
      continue;
    }
    size_t at = item.find('@');
    size_t open = item.find('(');
    if (at == std::string::npos || open == std::string::npos || item.back() != ')') return false;
    std::optional<Role> role = ParseRole(item.substr(0, at));
    std::optional<OrganizationType> type =
        ParseOrganizationType(item.substr(open + 1, item.size() - open - 2));
    if (!role || !type) return false;
    principal->memberships.push_back(Membership{item.substr(at + 1, open - at - 1), *role, *type});
  }
  return true;
}

TEST(AccessPolicyTest, FollowsDecisionTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/access_policy.tsv");
  ASSERT_GE(rows.size(), 40u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 6u) << "access_policy.tsv line " << row.line;
    Principal principal;
    ASSERT_TRUE(ParsePrincipal(row.cells[0], &principal))
        << "access_policy.tsv line " << row.line << ": cannot read the principal";
    std::optional<Action> action = ParseActionName(row.cells[1]);
    ASSERT_TRUE(action.has_value()) << "line " << row.line << ": unknown action " << row.cells[1];
    AccessTarget target;
    if (row.cells[2] != "-") target.organization_id = row.cells[2];
    if (row.cells[3] != "-") target.owner_user_id = row.cells[3];
    const std::string& expected = row.cells[4];

    Status status = Decide(principal, *action, target);
    std::string where = "line " + std::to_string(row.line) + ": " + row.cells[0] + " / " +
                        row.cells[1] + ": \"" + status.message() + "\"";
    if (expected == "ok") {
      EXPECT_TRUE(status.ok()) << where;
      continue;
    }
    ASSERT_TRUE(expected == "401" || expected == "403") << "line " << row.line;
    EXPECT_EQ(status.code(),
              expected == "401" ? StatusCode::kUnauthenticated : StatusCode::kPermissionDenied)
        << where;
    EXPECT_NE(status.message().find(row.cells[5]), std::string::npos) << where;
  }
}

TEST(AccessPolicyTest, PlatformAdminNeedsAdminRoleInDataAdministration) {
  Principal principal;
  principal.user_id = "u";
  EXPECT_FALSE(principal.IsPlatformAdmin());
  principal.memberships.push_back({"org_a", Role::kAdmin, OrganizationType::kDepartment});
  principal.memberships.push_back(
      {"org_plat", Role::kAuditor, OrganizationType::kDataAdministration});
  EXPECT_FALSE(principal.IsPlatformAdmin());
  principal.memberships.push_back(
      {"org_plat", Role::kAdmin, OrganizationType::kDataAdministration});
  EXPECT_TRUE(principal.IsPlatformAdmin());
}

TEST(AccessPolicyTest, ActionNamesRoundTripAndUnknownNamesAreRefused) {
  for (const std::string& name : TokenScopeNames()) {
    std::optional<Action> action = ParseActionName(name);
    ASSERT_TRUE(action.has_value()) << name;
    EXPECT_EQ(ActionName(*action), name);
  }
  EXPECT_FALSE(ParseActionName("organization.delete").has_value());
  EXPECT_FALSE(ParseActionName("").has_value());
  EXPECT_FALSE(ParseActionName("*").has_value());
  EXPECT_FALSE(ParseActionName("Organization.Create").has_value());
}

TEST(AccessPolicyTest, TokenScopesOfferEveryActionThatNeedsAPrincipal) {
  std::vector<std::string> names = TokenScopeNames();
  for (const char* name : {"auth.logout", "me.read", "organization.create", "organization.update",
                           "user.read", "user.create", "token.create", "token.revoke"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

}  // namespace
}  // namespace gongshu
