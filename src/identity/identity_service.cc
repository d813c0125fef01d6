#include "identity/identity_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "common/utf8.h"
#include "identity/division_code.h"
#include "identity/password.h"
#include "identity/uscc.h"

namespace gongshu {
namespace {

constexpr char kTokenPrefix[] = "gs_";

Event MakeEvent(std::string type, const Principal& actor, std::string subject, TimePoint at,
                const nlohmann::json& detail) {
  return Event{std::move(type), actor.user_id, std::move(subject), at, detail.dump()};
}

Status CheckUsername(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) {
    return Status::InvalidArgument("must be 3 to 64 characters");
  }
  for (char symbol : username) {
    bool allowed = (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') ||
                   symbol == '.' || symbol == '_' || symbol == '-';
    if (!allowed) {
      return Status::InvalidArgument("may contain only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return Status::Ok();
}

void AddError(std::vector<FieldError>* errors, const std::string& field, const Status& status) {
  if (!status.ok()) errors->push_back(FieldError{field, status.message()});
}

}  // namespace

Status CheckDisplayText(const std::string& text, size_t max_bytes) {
  if (text.empty()) return Status::InvalidArgument("must not be empty");
  if (text.size() > max_bytes) {
    return Status::InvalidArgument("must be at most " + std::to_string(max_bytes) + " bytes");
  }
  if (!IsValidUtf8(text)) return Status::InvalidArgument("must be valid UTF-8");
  for (unsigned char symbol : text) {
    if (symbol < 0x20 || symbol == 0x7f) {
      return Status::InvalidArgument("must not contain control characters");
    }
  }
  return Status::Ok();
}

Result<Principal> IdentityService::PrincipalOf(const std::string& user_id) {
  Result<User> user = store_.GetUser(user_id);
  if (!user.ok()) return Status::Unauthenticated("the account no longer exists");
  if (user->disabled) return Status::Unauthenticated("the account is disabled");
  Result<std::vector<Membership>> memberships = store_.ListMemberships(user_id);
  if (!memberships.ok()) return memberships.status();
  Principal principal;
  principal.user_id = user->id;
  principal.username = user->username;
  principal.memberships = std::move(*memberships);
  return principal;
}

Result<Principal> IdentityService::PrincipalForUsername(const std::string& username) {
  Result<User> user = store_.FindUserByUsername(username);
  if (!user.ok()) return user.status();
  return PrincipalOf(user->id);
}

Result<LoginResult> IdentityService::Login(const std::string& username,
                                           const std::string& password) {
  TimePoint now = clock_.Now();
  Result<LoginFailures> failures =
      store_.CountLoginFailures(username, now - settings_.lockout_window);
  if (!failures.ok()) return failures.status();
  if (failures->count >= settings_.lockout_threshold && failures->oldest) {
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(*failures->oldest +
                                                                 settings_.lockout_window - now);
    return Status::ResourceExhausted("too many failed logins for this account; try again later",
                                     std::max<int>(1, static_cast<int>(wait.count())));
  }
  Result<User> user = store_.FindUserByUsername(username);
  std::string hash = user.ok() ? user->password_hash : std::string();
  bool matches = VerifyPassword(password, hash);
  if (!matches || !user.ok() || user->disabled) {
    GONGSHU_RETURN_IF_ERROR(store_.RecordLoginFailure(username, now));
    return Status::Unauthenticated("wrong username or password");
  }
  GONGSHU_RETURN_IF_ERROR(store_.ClearLoginFailures(username));
  LoginResult result;
  result.session_secret = Base64UrlEncode(RandomBytes(32));
  result.session.secret_hash = Sha256Hex(result.session_secret);
  result.session.user_id = user->id;
  result.session.csrf_token = Base64UrlEncode(RandomBytes(24));
  result.session.created_at = now;
  result.session.expires_at = now + settings_.session_ttl;
  GONGSHU_RETURN_IF_ERROR(store_.InsertSession(result.session));
  result.user = std::move(*user);
  return result;
}

Status IdentityService::Logout(const Principal& principal) {
  if (!principal.via_session) return Status::Ok();
  return store_.DeleteSession(principal.session_hash);
}

Result<Principal> IdentityService::AuthenticateSession(const std::string& secret) {
  std::string hash = Sha256Hex(secret);
  Result<Session> session = store_.FindSession(hash);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("the session has ended; sign in again");
    }
    return session.status();
  }
  if (session->expires_at <= clock_.Now()) {
    store_.DeleteSession(hash);
    return Status::Unauthenticated("the session has expired; sign in again");
  }
  Result<Principal> principal = PrincipalOf(session->user_id);
  if (!principal.ok()) return principal;
  principal->via_session = true;
  principal->session_hash = hash;
  principal->csrf_token = session->csrf_token;
  return principal;
}

Result<Principal> IdentityService::AuthenticateToken(const std::string& secret) {
  if (secret.rfind(kTokenPrefix, 0) != 0) {
    return Status::Unauthenticated("the bearer token is not a Gongshu API token");
  }
  Result<ApiToken> token = store_.FindTokenBySecretHash(Sha256Hex(secret));
  if (!token.ok()) {
    if (token.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("unknown API token");
    }
    return token.status();
  }
  TimePoint now = clock_.Now();
  if (token->revoked_at) return Status::Unauthenticated("the API token has been revoked");
  if (token->expires_at <= now) return Status::Unauthenticated("the API token has expired");
  Result<Principal> principal = PrincipalOf(token->user_id);
  if (!principal.ok()) return principal;
  // last_used_at is kept to the minute so that a busy token does not write on every request.
  if (!token->last_used_at || now - *token->last_used_at >= std::chrono::minutes(1)) {
    store_.TouchToken(token->id, now);
  }
  principal->token_id = token->id;
  principal->token_scopes = token->scopes;
  return principal;
}

std::vector<FieldError> IdentityService::OrganizationErrors(const OrganizationInput& input,
                                                            const Organization* existing) {
  std::vector<FieldError> list;
  std::vector<FieldError>* errors = &list;
  bool creating = existing == nullptr;
  if (input.name) {
    AddError(errors, "name", CheckDisplayText(*input.name, 300));
  } else if (creating) {
    errors->push_back({"name", "is required"});
  }
  if (input.type) {
    if (!ParseOrganizationType(*input.type)) {
      errors->push_back({"type", "must be one of " + OrganizationTypeNames()});
    }
  } else if (creating) {
    errors->push_back({"type", "is required"});
  }
  if (input.division_code) {
    AddError(errors, "division_code", CheckDivisionCode(*input.division_code));
  } else if (creating) {
    errors->push_back({"division_code", "is required"});
  }
  if (input.uscc && !input.uscc->empty()) AddError(errors, "uscc", CheckUscc(*input.uscc));
  if (input.parent_id && !input.parent_id->empty()) {
    // The parent must exist and must not be the organization itself or one of its descendants.
    std::string cursor = *input.parent_id;
    for (int depth = 0; depth < 64 && !cursor.empty(); ++depth) {
      if (existing && cursor == existing->id) {
        errors->push_back({"parent_id", "would make the organization its own ancestor"});
        break;
      }
      Result<Organization> ancestor = store_.GetOrganization(cursor);
      if (!ancestor.ok()) {
        if (depth == 0) errors->push_back({"parent_id", "no organization with id " + cursor});
        break;
      }
      cursor = ancestor->parent_id.value_or("");
    }
  }
  return list;
}

Result<Organization> IdentityService::CreateOrganization(const Principal& actor,
                                                         const OrganizationInput& input) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kOrganizationCreate));
  std::vector<FieldError> errors = OrganizationErrors(input, nullptr);
  if (input.revision) errors.push_back({"revision", "is only for changes"});
  if (!errors.empty()) return Status::InvalidArgument("the organization is not valid", errors);
  Organization organization;
  organization.id = NewId("org");
  organization.name = *input.name;
  organization.type = *ParseOrganizationType(*input.type);
  if (input.parent_id && !input.parent_id->empty()) organization.parent_id = input.parent_id;
  organization.division_code = *input.division_code;
  if (input.uscc && !input.uscc->empty()) organization.uscc = input.uscc;
  organization.created_at = organization.updated_at = clock_.Now();
  organization.revision = 1;
  nlohmann::json detail = {{"name", organization.name},
                           {"type", OrganizationTypeName(organization.type)}};
  GONGSHU_RETURN_IF_ERROR(store_.InsertOrganization(
      organization,
      MakeEvent("organization.created", actor, organization.id, organization.created_at, detail)));
  return organization;
}

Result<Organization> IdentityService::GetOrganization(const std::string& id) {
  return store_.GetOrganization(id);
}

Result<Page<Organization>> IdentityService::ListOrganizations(const OrganizationFilter& filter,
                                                              const PageRequest& page) {
  return store_.ListOrganizations(filter, page);
}

Result<Organization> IdentityService::UpdateOrganization(const Principal& actor,
                                                         const std::string& id,
                                                         const OrganizationInput& input) {
  Result<Organization> existing = store_.GetOrganization(id);
  if (!existing.ok()) return existing;
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kOrganizationUpdate, {.organization_id = id}));
  std::vector<FieldError> errors = OrganizationErrors(input, &*existing);
  // Changing the hierarchy or the type is the platform's decision, not the organization's.
  if (!actor.IsPlatformAdmin() && (input.parent_id || input.type)) {
    return Status::PermissionDenied(
        "only a platform admin may change an organization's type or parent");
  }
  if (!errors.empty()) return Status::InvalidArgument("the change is not valid", errors);
  if (input.revision && *input.revision != existing->revision) {
    return Status::Conflict("organization " + id + " is at revision " +
                            std::to_string(existing->revision) + ", not " +
                            std::to_string(*input.revision) + "; read it again and retry");
  }
  Organization updated = *existing;
  nlohmann::json changed = nlohmann::json::object();
  if (input.name) updated.name = *input.name, changed["name"] = *input.name;
  if (input.type) updated.type = *ParseOrganizationType(*input.type), changed["type"] = *input.type;
  if (input.parent_id) {
    updated.parent_id = input.parent_id->empty() ? std::nullopt : input.parent_id;
    changed["parent_id"] = *input.parent_id;
  }
  if (input.division_code) {
    updated.division_code = *input.division_code;
    changed["division_code"] = *input.division_code;
  }
  if (input.uscc) {
    updated.uscc = input.uscc->empty() ? std::nullopt : input.uscc;
    changed["uscc"] = *input.uscc;
  }
  updated.updated_at = clock_.Now();
  updated.revision = existing->revision + 1;
  GONGSHU_RETURN_IF_ERROR(store_.UpdateOrganization(
      updated, MakeEvent("organization.updated", actor, id, updated.updated_at, changed)));
  return updated;
}

Result<User> IdentityService::CreateUser(const Principal& actor, const NewUser& input) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kUserCreate));
  std::vector<FieldError> errors;
  AddError(&errors, "username", CheckUsername(input.username));
  AddError(&errors, "display_name", CheckDisplayText(input.display_name, 200));
  if (input.email) {
    size_t at = input.email->find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= input.email->size() ||
        input.email->size() > 254 || !CheckDisplayText(*input.email, 254).ok() ||
        input.email->find(' ') != std::string::npos) {
      errors.push_back({"email", "must be an email address such as name@example.org"});
    }
  }
  AddError(&errors, "password", CheckPasswordPolicy(input.password));
  std::vector<Membership> memberships;
  for (size_t index = 0; index < input.memberships.size(); ++index) {
    const auto& [organization_id, role_name] = input.memberships[index];
    std::string field = "memberships[" + std::to_string(index) + "]";
    std::optional<Role> role = ParseRole(role_name);
    if (!role) {
      errors.push_back({field + ".role", "must be one of " + RoleNames()});
      continue;
    }
    Result<Organization> organization = store_.GetOrganization(organization_id);
    if (!organization.ok()) {
      errors.push_back({field + ".organization_id", "no organization with id " + organization_id});
      continue;
    }
    Status allowed = Decide(actor, Action::kUserCreate, {.organization_id = organization_id});
    if (!allowed.ok()) return allowed;
    memberships.push_back(Membership{organization_id, *role, organization->type});
  }
  if (!errors.empty()) return Status::InvalidArgument("the user is not valid", errors);
  if (input.memberships.empty() && !actor.IsPlatformAdmin()) {
    return Status::PermissionDenied(
        "not allowed to user.create: only a platform admin may create a user outside any "
        "organization; give a membership in an organization you administer");
  }
  Result<std::string> hash = HashPassword(input.password);
  if (!hash.ok()) return hash.status();
  User user;
  user.id = NewId("usr");
  user.username = input.username;
  user.display_name = input.display_name;
  user.email = input.email;
  user.password_hash = std::move(*hash);
  user.created_at = clock_.Now();
  nlohmann::json roles = nlohmann::json::array();
  for (const Membership& membership : memberships) {
    roles.push_back(
        {{"organization_id", membership.organization_id}, {"role", RoleName(membership.role)}});
  }
  GONGSHU_RETURN_IF_ERROR(
      store_.InsertUser(user, memberships,
                        MakeEvent("user.created", actor, user.id, user.created_at,
                                  {{"username", user.username}, {"memberships", roles}})));
  return user;
}

Result<Page<User>> IdentityService::ListUsers(const Principal& actor, const PageRequest& page) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kUserRead));
  UserFilter filter;
  if (!actor.IsPlatformAdmin() && !actor.HasRole(Role::kAuditor)) {
    std::vector<std::string> administered;
    for (const Membership& membership : actor.memberships) {
      if (membership.role == Role::kAdmin) administered.push_back(membership.organization_id);
    }
    filter.organization_ids = administered;
  }
  return store_.ListUsers(filter, page);
}

Result<std::vector<Membership>> IdentityService::Memberships(const std::string& user_id) {
  return store_.ListMemberships(user_id);
}

Result<IssuedToken> IdentityService::CreateToken(const Principal& actor, const NewToken& input) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kTokenCreate));
  std::vector<FieldError> errors;
  AddError(&errors, "name", CheckDisplayText(input.name, 200));
  std::vector<std::string> known = TokenScopeNames();
  if (input.scopes.empty()) errors.push_back({"scopes", "must name at least one action or \"*\""});
  for (size_t index = 0; index < input.scopes.size(); ++index) {
    const std::string& scope = input.scopes[index];
    if (scope != "*" && std::find(known.begin(), known.end(), scope) == known.end()) {
      std::string names;
      for (const std::string& name : known) names += (names.empty() ? "" : ", ") + name;
      errors.push_back(
          {"scopes[" + std::to_string(index) + "]", "must be \"*\" or one of " + names});
    } else if (actor.token_id) {
      // A token can only pass on what it holds itself.
      const auto& held = actor.token_scopes;
      bool holds = std::find(held.begin(), held.end(), "*") != held.end() ||
                   std::find(held.begin(), held.end(), scope) != held.end();
      if (!holds) {
        errors.push_back({"scopes[" + std::to_string(index) + "]",
                          "is wider than the scopes of the token making this request"});
      }
    }
  }
  TimePoint now = clock_.Now();
  TimePoint expires_at = input.expires_at.value_or(now + settings_.token_default_ttl);
  if (expires_at <= now) errors.push_back({"expires_at", "must be in the future"});
  if (expires_at > now + settings_.token_max_ttl) {
    errors.push_back(
        {"expires_at",
         "must be within " + std::to_string(settings_.token_max_ttl.count() / 86400) + " days"});
  }
  if (!errors.empty()) return Status::InvalidArgument("the token request is not valid", errors);
  IssuedToken issued;
  issued.secret = kTokenPrefix + Base64UrlEncode(RandomBytes(32));
  issued.token.id = NewId("tok");
  issued.token.user_id = actor.user_id;
  issued.token.name = input.name;
  issued.token.secret_hash = Sha256Hex(issued.secret);
  issued.token.scopes = input.scopes;
  issued.token.created_at = now;
  issued.token.expires_at = expires_at;
  GONGSHU_RETURN_IF_ERROR(
      store_.InsertToken(issued.token, MakeEvent("token.issued", actor, issued.token.id, now,
                                                 {{"user_id", actor.user_id},
                                                  {"scopes", input.scopes},
                                                  {"expires_at", FormatIsoTime(expires_at)}})));
  return issued;
}

Result<std::vector<ApiToken>> IdentityService::ListTokens(const Principal& actor,
                                                          const std::string& user_id) {
  std::string owner = user_id.empty() ? actor.user_id : user_id;
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kTokenRead, {.owner_user_id = owner}));
  return store_.ListTokens(owner);
}

Status IdentityService::RevokeToken(const Principal& actor, const std::string& id) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kTokenRevoke));
  Result<ApiToken> token = store_.GetToken(id);
  if (!token.ok()) return token.status();
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kTokenRevoke, {.owner_user_id = token->user_id}));
  TimePoint now = clock_.Now();
  return store_.RevokeToken(
      id, now, MakeEvent("token.revoked", actor, id, now, {{"user_id", token->user_id}}));
}

}  // namespace gongshu
