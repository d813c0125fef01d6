// Roles a user holds in an organization. A public user holds none.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "identity/organization.h"

namespace gongshu {

enum class Role {
  kAdmin,     // 平台管理 (in a data administration) or the organization's own administrator
  kProvider,  // 提供单位: registers resources, publishes versions
  kConsumer,  // 使用部门: applies for and uses shared data
  kOperator,  // 运营机构: works in the controlled analysis environment
  kReviewer,  // 审核: checks outputs before release
  kAuditor,   // 审计监督: reads everything, verifies the ledger
};

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
std::string RoleNames();

// One role of one user in one organization.
struct Membership {
  std::string organization_id;
  Role role = Role::kConsumer;
  // The type of the organization; filled when memberships are read from the store.
  OrganizationType organization_type = OrganizationType::kDepartment;
};

}  // namespace gongshu
