#include "identity/role.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<Role, 6> kNames({{
    {Role::kAdmin, "admin"},
    {Role::kProvider, "provider"},
    {Role::kConsumer, "consumer"},
    {Role::kOperator, "operator"},
    {Role::kReviewer, "reviewer"},
    {Role::kAuditor, "auditor"},
}});

}  // namespace

std::string_view RoleName(Role role) { return kNames.Name(role); }
std::optional<Role> ParseRole(std::string_view name) { return kNames.Parse(name); }
std::string RoleNames() { return kNames.Joined(); }

}  // namespace gongshu
