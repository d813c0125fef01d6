// SqliteIdentityStore: IdentityStore on the embedded SQLite metadata database.
#pragma once

#include <memory>

#include "identity/identity_store.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteIdentityStore final : public IdentityStore {
 public:
  // `pool` must outlive the store.
  explicit SqliteIdentityStore(ConnectionPool& pool) : pool_(pool) {}

  Status InsertOrganization(const Organization& organization, const Event& event) override;
  Result<Organization> GetOrganization(const std::string& id) override;
  Result<Page<Organization>> ListOrganizations(const OrganizationFilter& filter,
                                               const PageRequest& page) override;
  Status UpdateOrganization(const Organization& organization, const Event& event) override;

  Status InsertUser(const User& user, const std::vector<Membership>& memberships,
                    const Event& event) override;
  Result<User> GetUser(const std::string& id) override;
  Result<User> FindUserByUsername(const std::string& username) override;
  Result<Page<User>> ListUsers(const UserFilter& filter, const PageRequest& page) override;
  Result<std::vector<Membership>> ListMemberships(const std::string& user_id) override;

  Status InsertSession(const Session& session) override;
  Result<Session> FindSession(const std::string& secret_hash) override;
  Status DeleteSession(const std::string& secret_hash) override;

  Status InsertToken(const ApiToken& token, const Event& event) override;
  Result<ApiToken> FindTokenBySecretHash(const std::string& secret_hash) override;
  Result<ApiToken> GetToken(const std::string& id) override;
  Result<std::vector<ApiToken>> ListTokens(const std::string& user_id) override;
  Status RevokeToken(const std::string& id, TimePoint at, const Event& event) override;
  Status TouchToken(const std::string& id, TimePoint at) override;

  Status RecordLoginFailure(const std::string& username, TimePoint at) override;
  Result<LoginFailures> CountLoginFailures(const std::string& username, TimePoint since) override;
  Status ClearLoginFailures(const std::string& username) override;

  Result<std::vector<Event>> ListEvents(int64_t after_sequence, int limit) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace gongshu
