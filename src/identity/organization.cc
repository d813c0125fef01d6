#include "identity/organization.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<OrganizationType, 7> kNames({{
    {OrganizationType::kDataAdministration, "data_administration"},
    {OrganizationType::kDepartment, "department"},
    {OrganizationType::kPublicInstitution, "public_institution"},
    {OrganizationType::kOperator, "operator"},
    {OrganizationType::kEnterprise, "enterprise"},
    {OrganizationType::kResearchInstitution, "research_institution"},
    {OrganizationType::kSocialOrganization, "social_organization"},
}});

}  // namespace

std::string_view OrganizationTypeName(OrganizationType type) { return kNames.Name(type); }

std::optional<OrganizationType> ParseOrganizationType(std::string_view name) {
  return kNames.Parse(name);
}

std::string OrganizationTypeNames() { return kNames.Joined(); }

}  // namespace gongshu
