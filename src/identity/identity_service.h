// IdentityService: organizations, users, sessions and API tokens, with their rules.
//
// Takes already-parsed inputs (the HTTP layer turns JSON into the structs below) and checks every
// domain rule, collecting all field errors of one input into one InvalidArgument. Access is
// decided by access_policy.h; the service asks it for target-specific decisions. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "identity/access_policy.h"
#include "identity/identity_store.h"

namespace gongshu {

struct IdentitySettings {
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  int lockout_threshold = 10;  // failed logins within lockout_window that lock the account
  std::chrono::seconds lockout_window{std::chrono::minutes(15)};
  std::chrono::seconds token_default_ttl{std::chrono::hours(24 * 90)};
  std::chrono::seconds token_max_ttl{std::chrono::hours(24 * 366)};
};

// Fields of an organization to create (all of name, type, division_code needed) or to change
// (only the fields present). `parent_id` holding an empty string clears the parent.
struct OrganizationInput {
  std::optional<std::string> name;
  std::optional<std::string> type;
  std::optional<std::string> parent_id;
  std::optional<std::string> division_code;
  std::optional<std::string> uscc;  // an empty string clears it
  std::optional<int64_t> revision;  // on change: the revision the caller last read
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<std::string> email;
  std::string password;
  std::vector<std::pair<std::string, std::string>> memberships;  // (organization id, role name)
};

struct NewToken {
  std::string name;
  std::vector<std::string> scopes;
  std::optional<TimePoint> expires_at;
};

struct LoginResult {
  std::string session_secret;  // goes into the cookie; never stored
  Session session;
  User user;
};

struct IssuedToken {
  ApiToken token;
  std::string secret;  // shown once
};

class IdentityService {
 public:
  // `store` and `clock` must outlive the service.
  IdentityService(IdentityStore& store, const Clock& clock, IdentitySettings settings)
      : store_(store), clock_(clock), settings_(settings) {}

  // Unauthenticated for a wrong username or password (one message for both);
  // ResourceExhausted with a retry time while the account is locked.
  Result<LoginResult> Login(const std::string& username, const std::string& password);
  Status Logout(const Principal& principal);

  // The principal behind a session cookie or bearer token secret; Unauthenticated when unknown,
  // expired, revoked or the user is disabled.
  Result<Principal> AuthenticateSession(const std::string& secret);
  Result<Principal> AuthenticateToken(const std::string& secret);

  Result<Organization> CreateOrganization(const Principal& actor, const OrganizationInput& input);
  // The field errors CreateOrganization (`existing` null) or UpdateOrganization would report for
  // `input`, so that a caller can report them together with its own.
  std::vector<FieldError> OrganizationErrors(const OrganizationInput& input,
                                             const Organization* existing);
  Result<Organization> GetOrganization(const std::string& id);
  Result<Page<Organization>> ListOrganizations(const OrganizationFilter& filter,
                                               const PageRequest& page);
  Result<Organization> UpdateOrganization(const Principal& actor, const std::string& id,
                                          const OrganizationInput& input);

  Result<User> CreateUser(const Principal& actor, const NewUser& input);
  // Users the actor may see: all for platform admins and auditors, members of the organizations
  // they administer for organization admins.
  Result<Page<User>> ListUsers(const Principal& actor, const PageRequest& page);
  Result<std::vector<Membership>> Memberships(const std::string& user_id);

  Result<IssuedToken> CreateToken(const Principal& actor, const NewToken& input);

  // The principal of a user by name, for the local command line, which is trusted as the
  // operator of the data directory. NotFound when there is no such user.
  Result<Principal> PrincipalForUsername(const std::string& username);
  Status RevokeToken(const Principal& actor, const std::string& id);
  // The tokens of `user_id` (the actor's own when empty), secrets never included.
  Result<std::vector<ApiToken>> ListTokens(const Principal& actor, const std::string& user_id);

 private:
  Result<Principal> PrincipalOf(const std::string& user_id);

  IdentityStore& store_;
  const Clock& clock_;
  const IdentitySettings settings_;
};

// Ok when `text` is valid UTF-8 with no control characters and at most `max_bytes` bytes.
Status CheckDisplayText(const std::string& text, size_t max_bytes);

}  // namespace gongshu
