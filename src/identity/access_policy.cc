#include "identity/access_policy.h"

#include <algorithm>

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<Action, 24> kNames({{
    {Action::kPublicRead, "public.read"},
    {Action::kWitnessSubmit, "ledger.add_checkpoint"},
    {Action::kLogin, "auth.login"},
    {Action::kLogout, "auth.logout"},
    {Action::kMeRead, "me.read"},
    {Action::kOrganizationRead, "organization.read"},
    {Action::kOrganizationCreate, "organization.create"},
    {Action::kOrganizationUpdate, "organization.update"},
    {Action::kUserRead, "user.read"},
    {Action::kUserCreate, "user.create"},
    {Action::kTokenCreate, "token.create"},
    {Action::kTokenRead, "token.read"},
    {Action::kTokenRevoke, "token.revoke"},
    {Action::kCatalogRead, "catalog.read"},
    {Action::kResourceDraftRead, "resource.read_draft"},
    {Action::kResourceWrite, "resource.write"},
    {Action::kRegistrationSubmit, "registration.submit"},
    {Action::kRegistrationRead, "registration.read"},
    {Action::kRegistrationDecide, "registration.decide"},
    {Action::kObjectionFile, "objection.file"},
    {Action::kObjectionResolve, "objection.resolve"},
    {Action::kDatasetRead, "dataset.read"},
    {Action::kDatasetWrite, "dataset.write"},
    {Action::kApplicationSubmit, "application.submit"},
}});

bool IsPublic(Action action) {
  return action == Action::kPublicRead || action == Action::kLogin ||
         action == Action::kOrganizationRead || action == Action::kWitnessSubmit ||
         action == Action::kCatalogRead || action == Action::kObjectionFile ||
         action == Action::kDatasetRead;
}

Status Deny(Action action, const std::string& needed) {
  return Status::PermissionDenied("not allowed to " + std::string(ActionName(action)) + ": " +
                                  needed);
}

// The role rules, ignoring token scopes.
Status DecideByRole(const Principal& principal, Action action, const AccessTarget& target) {
  switch (action) {
    case Action::kPublicRead:
    case Action::kWitnessSubmit:
    case Action::kLogin:
    case Action::kOrganizationRead:
    case Action::kCatalogRead:
    case Action::kObjectionFile:
    case Action::kDatasetRead:
      return Status::Ok();
    case Action::kLogout:
    case Action::kMeRead:
    case Action::kTokenCreate:
    case Action::kApplicationSubmit:
      return Status::Ok();  // any signed-in principal (checked by the caller)
    case Action::kOrganizationCreate:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      return Deny(action, "needs the admin role in a data administration");
    case Action::kOrganizationUpdate:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      if (target.organization_id) {
        if (principal.HasRoleIn(*target.organization_id, Role::kAdmin)) return Status::Ok();
      } else if (principal.HasRole(Role::kAdmin)) {
        return Status::Ok();  // the organization is checked once it is known
      }
      return Deny(action, "needs the admin role in this organization");
    case Action::kUserRead:
      if (principal.IsPlatformAdmin() || principal.HasRole(Role::kAuditor)) return Status::Ok();
      if (target.organization_id) {
        if (principal.HasRoleIn(*target.organization_id, Role::kAdmin)) return Status::Ok();
      } else if (principal.HasRole(Role::kAdmin)) {
        return Status::Ok();  // the listing is narrowed to the organizations they administer
      }
      return Deny(action, "needs the admin or auditor role");
    case Action::kUserCreate:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      if (target.organization_id) {
        if (principal.HasRoleIn(*target.organization_id, Role::kAdmin)) return Status::Ok();
      } else if (principal.HasRole(Role::kAdmin)) {
        return Status::Ok();  // each membership is checked against its organization
      }
      return Deny(action, "needs the admin role in the user's organizations");
    case Action::kTokenRead:
    case Action::kTokenRevoke:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      if (!target.owner_user_id || *target.owner_user_id == principal.user_id) return Status::Ok();
      return Deny(action, "only the token's owner or a platform admin may see or revoke it");
    case Action::kResourceDraftRead:
    case Action::kRegistrationRead:
      if (principal.IsPlatformAdmin() || principal.HasRole(Role::kAuditor)) return Status::Ok();
      if (target.organization_id) {
        if (principal.HasRoleIn(*target.organization_id, Role::kProvider) ||
            principal.HasRoleIn(*target.organization_id, Role::kAdmin)) {
          return Status::Ok();
        }
      } else if (principal.HasRole(Role::kProvider) || principal.HasRole(Role::kAdmin)) {
        return Status::Ok();  // narrowed to their organizations once known
      }
      return Deny(action, "needs the provider role in the providing organization, or admin");
    case Action::kResourceWrite:
    case Action::kRegistrationSubmit:
    case Action::kDatasetWrite:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      if (target.organization_id) {
        if (principal.HasRoleIn(*target.organization_id, Role::kProvider)) return Status::Ok();
      } else if (principal.HasRole(Role::kProvider)) {
        return Status::Ok();  // the organization is checked once it is known
      }
      return Deny(action, "needs the provider role in the providing organization");
    case Action::kRegistrationDecide:
    case Action::kObjectionResolve:
      if (principal.IsPlatformAdmin()) return Status::Ok();
      return Deny(action, "needs the admin role in a data administration");
  }
  return Deny(action, "no rule allows it");
}

}  // namespace

std::string_view ActionName(Action action) { return kNames.Name(action); }

std::optional<Action> ParseActionName(std::string_view name) { return kNames.Parse(name); }

std::vector<std::string> TokenScopeNames() {
  std::vector<std::string> names;
  // Public actions need no scope, except dataset.read: what it returns depends on who asks
  // (an approved data application), so a credential limited to it is useful.
  for (const auto& [value, name] : kNames.entries()) {
    if (!IsPublic(value) || value == Action::kDatasetRead) names.emplace_back(name);
  }
  return names;
}

bool Principal::IsPlatformAdmin() const {
  return std::any_of(memberships.begin(), memberships.end(), [](const Membership& membership) {
    return membership.role == Role::kAdmin &&
           membership.organization_type == OrganizationType::kDataAdministration;
  });
}

bool Principal::HasRole(Role role) const {
  return std::any_of(memberships.begin(), memberships.end(),
                     [role](const Membership& membership) { return membership.role == role; });
}

bool Principal::HasRoleIn(const std::string& organization_id, Role role) const {
  return std::any_of(memberships.begin(), memberships.end(), [&](const Membership& membership) {
    return membership.role == role && membership.organization_id == organization_id;
  });
}

Status Decide(const Principal& principal, Action action, const AccessTarget& target) {
  if (IsPublic(action)) return Status::Ok();
  if (principal.anonymous()) {
    return Status::Unauthenticated("sign in or send an API token to " +
                                   std::string(ActionName(action)));
  }
  if (principal.token_id) {
    const auto& scopes = principal.token_scopes;
    bool in_scope = std::any_of(scopes.begin(), scopes.end(), [action](const std::string& scope) {
      return scope == "*" || scope == ActionName(action);
    });
    if (!in_scope) {
      return Status::PermissionDenied("this API token is not scoped to " +
                                      std::string(ActionName(action)));
    }
  }
  return DecideByRole(principal, action, target);
}

}  // namespace gongshu
