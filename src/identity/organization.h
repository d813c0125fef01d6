// Organizations: the bodies that hold, use and supervise public data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace gongshu {

enum class OrganizationType {
  kDataAdministration,   // 数据管理机构: runs the platform
  kDepartment,           // 政务部门
  kPublicInstitution,    // 公共企事业单位
  kOperator,             // 运营机构
  kEnterprise,           // 企业
  kResearchInstitution,  // 科研机构
  kSocialOrganization,   // 社会组织
};

// The snake_case name used in the API and the store ("data_administration", ...).
std::string_view OrganizationTypeName(OrganizationType type);
// Parses a name OrganizationTypeName returns; nullopt for anything else.
std::optional<OrganizationType> ParseOrganizationType(std::string_view name);
// All names, comma-separated, for error messages.
std::string OrganizationTypeNames();

struct Organization {
  std::string id;
  std::string name;
  OrganizationType type = OrganizationType::kDepartment;
  std::optional<std::string> parent_id;
  std::string division_code;        // GB/T 2260, six digits
  std::optional<std::string> uscc;  // GB 32100, for legal persons
  TimePoint created_at;
  TimePoint updated_at;
  int64_t revision = 1;  // increases by one on every change
};

}  // namespace gongshu
