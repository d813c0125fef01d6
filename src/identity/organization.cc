#include "identity/organization.h"

#include <array>
#include <utility>

namespace gongshu {
namespace {

constexpr std::array<std::pair<OrganizationType, std::string_view>, 7> kNames = {{
    {OrganizationType::kDataAdministration, "data_administration"},
    {OrganizationType::kDepartment, "department"},
    {OrganizationType::kPublicInstitution, "public_institution"},
    {OrganizationType::kOperator, "operator"},
    {OrganizationType::kEnterprise, "enterprise"},
    {OrganizationType::kResearchInstitution, "research_institution"},
    {OrganizationType::kSocialOrganization, "social_organization"},
}};

}  // namespace

std::string_view OrganizationTypeName(OrganizationType type) {
  for (const auto& [value, name] : kNames) {
    if (value == type) return name;
  }
  return "department";
}

std::optional<OrganizationType> ParseOrganizationType(std::string_view name) {
  for (const auto& [value, candidate] : kNames) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

std::string OrganizationTypeNames() {
  std::string names;
  for (const auto& [value, name] : kNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

}  // namespace gongshu
