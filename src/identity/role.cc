#include "identity/role.h"

#include <array>
#include <utility>

namespace gongshu {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kNames = {{
    {Role::kAdmin, "admin"},
    {Role::kProvider, "provider"},
    {Role::kConsumer, "consumer"},
    {Role::kOperator, "operator"},
    {Role::kReviewer, "reviewer"},
    {Role::kAuditor, "auditor"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [value, name] : kNames) {
    if (value == role) return name;
  }
  return "consumer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [value, candidate] : kNames) {
    if (candidate == name) return value;
  }
  return std::nullopt;
}

std::string RoleNames() {
  std::string names;
  for (const auto& [value, name] : kNames) {
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

}  // namespace gongshu
