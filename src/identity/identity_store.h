// IdentityStore: what the identity service needs from a metadata store.
//
// Implementations: store/sqlite_identity_store.h (embedded). Every method is safe to call from
// any thread. Writes that carry an Event write it in the same transaction as the change.
// Errors: NotFound for a missing id, Conflict for a uniqueness or revision clash, Internal for a
// failure of the store itself (the message names the operation, never the data).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/event.h"
#include "common/status.h"
#include "identity/organization.h"
#include "identity/role.h"
#include "identity/user.h"

namespace gongshu {

// A page request for list operations: rows strictly after `after_key` in the list's order.
// A limit below 1 is InvalidArgument.
struct PageRequest {
  std::string after_key;  // empty for the first page
  int limit = 50;
};

struct OrganizationFilter {
  std::optional<OrganizationType> type;
  std::optional<std::string> parent_id;
};

struct UserFilter {
  // When set, only users with a membership in one of these organizations.
  std::optional<std::vector<std::string>> organization_ids;
};

// Rows of a page plus the key to continue after (empty when this is the last page).
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_key;
};

struct LoginFailures {
  int count = 0;
  std::optional<TimePoint> oldest;
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;

  // Organizations. Conflict when the USCC is already registered. Page keys sort by creation.
  virtual Status InsertOrganization(const Organization& organization, const Event& event) = 0;
  virtual Result<Organization> GetOrganization(const std::string& id) = 0;
  virtual Result<Page<Organization>> ListOrganizations(const OrganizationFilter& filter,
                                                       const PageRequest& page) = 0;
  // Writes `organization` when the stored revision is `organization.revision - 1`; Conflict when
  // someone changed it in between.
  virtual Status UpdateOrganization(const Organization& organization, const Event& event) = 0;

  // Users. Conflict when the username is taken; NotFound when a membership names no
  // organization.
  virtual Status InsertUser(const User& user, const std::vector<Membership>& memberships,
                            const Event& event) = 0;
  virtual Result<User> GetUser(const std::string& id) = 0;
  virtual Result<User> FindUserByUsername(const std::string& username) = 0;
  virtual Result<Page<User>> ListUsers(const UserFilter& filter, const PageRequest& page) = 0;
  // Memberships with their organization types filled in.
  virtual Result<std::vector<Membership>> ListMemberships(const std::string& user_id) = 0;

  // Sessions, by the SHA-256 of their secret.
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& secret_hash) = 0;
  virtual Status DeleteSession(const std::string& secret_hash) = 0;

  // API tokens.
  virtual Status InsertToken(const ApiToken& token, const Event& event) = 0;
  virtual Result<ApiToken> FindTokenBySecretHash(const std::string& secret_hash) = 0;
  virtual Result<ApiToken> GetToken(const std::string& id) = 0;
  // The tokens of `user_id`, newest first.
  virtual Result<std::vector<ApiToken>> ListTokens(const std::string& user_id) = 0;
  // Conflict when already revoked.
  virtual Status RevokeToken(const std::string& id, TimePoint at, const Event& event) = 0;
  virtual Status TouchToken(const std::string& id, TimePoint at) = 0;

  // Failed logins, for lockout. CountLoginFailures counts those strictly after `since`.
  virtual Status RecordLoginFailure(const std::string& username, TimePoint at) = 0;
  virtual Result<LoginFailures> CountLoginFailures(const std::string& username,
                                                   TimePoint since) = 0;
  virtual Status ClearLoginFailures(const std::string& username) = 0;

  // Changes of state, oldest first, for tests and the ledger.
  virtual Result<std::vector<Event>> ListEvents(int64_t after_sequence, int limit) = 0;
};

}  // namespace gongshu
