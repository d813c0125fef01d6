// Tests of store/sqlite_identity_store.h on a temporary database file.
#include "store/sqlite_identity_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/testing/temp_dir.h"
#include "store/sqlite.h"

namespace gongshu {
namespace {

using ::gongshu::testing::MakeTempDir;

// 2026-03-01T08:00:00Z.
constexpr int64_t kStart = 1772352000;

TimePoint At(int64_t seconds_after_start) { return FromUnixSeconds(kStart + seconds_after_start); }

class SqliteIdentityStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = MakeTempDir("gongshu_store_test");
    ASSERT_FALSE(directory_.empty());
    Result<std::unique_ptr<ConnectionPool>> pool =
        ConnectionPool::Open(directory_ + "/metadata.db", 2);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    pool_ = std::move(*pool);
    store_ = std::make_unique<SqliteIdentityStore>(*pool_);
  }

  void TearDown() override {
    store_.reset();
    pool_.reset();
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  static Organization MakeOrganization(const std::string& id, int64_t created,
                                       OrganizationType type = OrganizationType::kDepartment) {
    Organization organization;
    organization.id = id;
    organization.name = "Organization " + id;
    organization.type = type;
    organization.division_code = "350100";
    organization.created_at = organization.updated_at = At(created);
    organization.revision = 1;
    return organization;
  }

  static User MakeUser(const std::string& id, const std::string& username) {
    User user;
    user.id = id;
    user.username = username;
    user.display_name = "User " + username;
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$placeholder";
    user.created_at = At(0);
    return user;
  }

  static Event MakeEvent(const std::string& type, const std::string& subject, int64_t at,
                         const std::string& detail = "{}") {
    return Event{type, "usr_actor", subject, At(at), detail};
  }

  // Inserts `organization`, failing the test on error.
  void Insert(const Organization& organization) {
    Status status = store_->InsertOrganization(
        organization, MakeEvent("organization.created", organization.id, 0));
    ASSERT_TRUE(status.ok()) << status.message();
  }

  std::vector<Event> AllEvents() {
    Result<std::vector<Event>> events = store_->ListEvents(0, 1000);
    EXPECT_TRUE(events.ok()) << events.status().message();
    return events.ok() ? *events : std::vector<Event>{};
  }

  std::string directory_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<SqliteIdentityStore> store_;
};

TEST_F(SqliteIdentityStoreTest, OrganizationRoundTrips) {
  Insert(MakeOrganization("org_parent", 0, OrganizationType::kDataAdministration));
  Organization child = MakeOrganization("org_child", 5, OrganizationType::kEnterprise);
  child.name = "福州市数据管理局";
  child.parent_id = "org_parent";
  child.uscc = "91110000600037341L";
  child.updated_at = At(7);
  child.revision = 3;
  Insert(child);

  Result<Organization> read = store_->GetOrganization("org_child");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->id, "org_child");
  EXPECT_EQ(read->name, "福州市数据管理局");
  EXPECT_EQ(read->type, OrganizationType::kEnterprise);
  EXPECT_EQ(read->parent_id, std::optional<std::string>("org_parent"));
  EXPECT_EQ(read->division_code, "350100");
  EXPECT_EQ(read->uscc, std::optional<std::string>("91110000600037341L"));
  EXPECT_EQ(read->created_at, At(5));
  EXPECT_EQ(read->updated_at, At(7));
  EXPECT_EQ(read->revision, 3);

  Result<Organization> parent = store_->GetOrganization("org_parent");
  ASSERT_TRUE(parent.ok());
  EXPECT_FALSE(parent->parent_id.has_value());
  EXPECT_FALSE(parent->uscc.has_value());
  EXPECT_EQ(parent->type, OrganizationType::kDataAdministration);
}

TEST_F(SqliteIdentityStoreTest, MissingOrganizationIsNotFound) {
  Result<Organization> read = store_->GetOrganization("org_missing");
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteIdentityStoreTest, ListOrganizationsPagesInCreationOrder) {
  // Two share a creation second: their ids order them.
  Insert(MakeOrganization("org_e", 40));
  Insert(MakeOrganization("org_b", 10));
  Insert(MakeOrganization("org_d", 20));
  Insert(MakeOrganization("org_c", 20));
  Insert(MakeOrganization("org_a", 0));

  std::vector<std::string> seen;
  PageRequest request{.after_key = "", .limit = 2};
  std::vector<size_t> page_sizes;
  for (int round = 0; round < 10; ++round) {
    Result<Page<Organization>> page = store_->ListOrganizations({}, request);
    ASSERT_TRUE(page.ok()) << page.status().message();
    page_sizes.push_back(page->items.size());
    for (const Organization& organization : page->items) seen.push_back(organization.id);
    if (page->next_key.empty()) break;
    request.after_key = page->next_key;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"org_a", "org_b", "org_c", "org_d", "org_e"}));
  EXPECT_EQ(page_sizes, (std::vector<size_t>{2, 2, 1}));
}

TEST_F(SqliteIdentityStoreTest, ExactlyFullLastPageHasNoNextKey) {
  Insert(MakeOrganization("org_a", 0));
  Insert(MakeOrganization("org_b", 1));
  Result<Page<Organization>> first = store_->ListOrganizations({}, {.after_key = "", .limit = 2});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->items.size(), 2u);
  EXPECT_TRUE(first->next_key.empty()) << first->next_key;

  Result<Page<Organization>> one = store_->ListOrganizations({}, {.after_key = "", .limit = 1});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->items.size(), 1u);
  EXPECT_EQ(one->items[0].id, "org_a");
  EXPECT_FALSE(one->next_key.empty());
}

TEST_F(SqliteIdentityStoreTest, ListOrganizationsFiltersByTypeAndParent) {
  Insert(MakeOrganization("org_plat", 0, OrganizationType::kDataAdministration));
  Organization child = MakeOrganization("org_child", 1);
  child.parent_id = "org_plat";
  Insert(child);
  Insert(MakeOrganization("org_other", 2));

  Result<Page<Organization>> departments =
      store_->ListOrganizations({.type = OrganizationType::kDepartment, .parent_id = {}}, {});
  ASSERT_TRUE(departments.ok());
  ASSERT_EQ(departments->items.size(), 2u);
  EXPECT_EQ(departments->items[0].id, "org_child");
  EXPECT_EQ(departments->items[1].id, "org_other");

  Result<Page<Organization>> children =
      store_->ListOrganizations({.type = {}, .parent_id = "org_plat"}, {});
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children->items.size(), 1u);
  EXPECT_EQ(children->items[0].id, "org_child");
  EXPECT_TRUE(children->next_key.empty());
}

TEST_F(SqliteIdentityStoreTest, UpdateNeedsTheRevisionBefore) {
  Insert(MakeOrganization("org_a", 0));
  Organization change = MakeOrganization("org_a", 0);
  change.name = "Renamed";
  change.updated_at = At(60);
  change.revision = 2;
  Status updated =
      store_->UpdateOrganization(change, MakeEvent("organization.updated", "org_a", 60));
  ASSERT_TRUE(updated.ok()) << updated.message();

  // A second writer that also read revision 1 loses.
  Organization stale = MakeOrganization("org_a", 0);
  stale.name = "Stale";
  stale.revision = 2;
  Status conflict =
      store_->UpdateOrganization(stale, MakeEvent("organization.updated", "org_a", 61));
  EXPECT_EQ(conflict.code(), StatusCode::kConflict) << conflict.message();

  Result<Organization> read = store_->GetOrganization("org_a");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Renamed");
  EXPECT_EQ(read->revision, 2);
  EXPECT_EQ(read->updated_at, At(60));

  std::vector<Event> events = AllEvents();
  ASSERT_EQ(events.size(), 2u);  // created, updated once; the refused write left none
  EXPECT_EQ(events[1].type, "organization.updated");
}

TEST_F(SqliteIdentityStoreTest, DuplicateUsccIsAConflictAndWritesNothing) {
  Organization first = MakeOrganization("org_a", 0);
  first.uscc = "91110000600037341L";
  Insert(first);
  Organization second = MakeOrganization("org_b", 1);
  second.uscc = "91110000600037341L";
  Status status = store_->InsertOrganization(second, MakeEvent("organization.created", "org_b", 1));
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_NE(status.message().find("91110000600037341L"), std::string::npos) << status.message();
  EXPECT_EQ(store_->GetOrganization("org_b").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AllEvents().size(), 1u);
}

TEST_F(SqliteIdentityStoreTest, UpdateToAnotherOrganizationsUsccIsAConflict) {
  Organization first = MakeOrganization("org_a", 0);
  first.uscc = "91110000600037341L";
  Insert(first);
  Insert(MakeOrganization("org_b", 1));
  Organization change = MakeOrganization("org_b", 1);
  change.uscc = "91110000600037341L";
  change.revision = 2;
  Status status = store_->UpdateOrganization(change, MakeEvent("organization.updated", "org_b", 2));
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  Result<Organization> read = store_->GetOrganization("org_b");
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->uscc.has_value());
  EXPECT_EQ(read->revision, 1);
}

TEST_F(SqliteIdentityStoreTest, UserWithMembershipsRoundTrips) {
  Insert(MakeOrganization("org_plat", 0, OrganizationType::kDataAdministration));
  Insert(MakeOrganization("org_a", 1, OrganizationType::kDepartment));
  User user = MakeUser("usr_alice", "alice");
  user.email = "alice@example.org";
  std::vector<Membership> memberships = {{"org_plat", Role::kAdmin, {}},
                                         {"org_a", Role::kProvider, {}},
                                         {"org_a", Role::kReviewer, {}}};
  Status status = store_->InsertUser(user, memberships, MakeEvent("user.created", "usr_alice", 2));
  ASSERT_TRUE(status.ok()) << status.message();

  Result<User> by_id = store_->GetUser("usr_alice");
  ASSERT_TRUE(by_id.ok()) << by_id.status().message();
  EXPECT_EQ(by_id->username, "alice");
  EXPECT_EQ(by_id->display_name, "User alice");
  EXPECT_EQ(by_id->email, std::optional<std::string>("alice@example.org"));
  EXPECT_EQ(by_id->password_hash, user.password_hash);
  EXPECT_FALSE(by_id->disabled);
  EXPECT_EQ(by_id->created_at, At(0));
  Result<User> by_name = store_->FindUserByUsername("alice");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, "usr_alice");

  Result<std::vector<Membership>> read = store_->ListMemberships("usr_alice");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 3u);
  int platform_admin = 0, department_roles = 0;
  for (const Membership& membership : *read) {
    if (membership.organization_id == "org_plat") {
      EXPECT_EQ(membership.role, Role::kAdmin);
      EXPECT_EQ(membership.organization_type, OrganizationType::kDataAdministration);
      ++platform_admin;
    } else {
      EXPECT_EQ(membership.organization_id, "org_a");
      EXPECT_TRUE(membership.role == Role::kProvider || membership.role == Role::kReviewer);
      EXPECT_EQ(membership.organization_type, OrganizationType::kDepartment);
      ++department_roles;
    }
  }
  EXPECT_EQ(platform_admin, 1);
  EXPECT_EQ(department_roles, 2);
}

TEST_F(SqliteIdentityStoreTest, MissingUserIsNotFound) {
  EXPECT_EQ(store_->GetUser("usr_missing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindUserByUsername("nobody").status().code(), StatusCode::kNotFound);
  Result<std::vector<Membership>> memberships = store_->ListMemberships("usr_missing");
  ASSERT_TRUE(memberships.ok());
  EXPECT_TRUE(memberships->empty());
}

TEST_F(SqliteIdentityStoreTest, DuplicateUsernameIsAConflict) {
  ASSERT_TRUE(
      store_->InsertUser(MakeUser("usr_1", "alice"), {}, MakeEvent("user.created", "usr_1", 0))
          .ok());
  Status status =
      store_->InsertUser(MakeUser("usr_2", "alice"), {}, MakeEvent("user.created", "usr_2", 1));
  EXPECT_EQ(status.code(), StatusCode::kConflict);
  EXPECT_EQ(store_->GetUser("usr_2").status().code(), StatusCode::kNotFound);
  Result<User> holder = store_->FindUserByUsername("alice");
  ASSERT_TRUE(holder.ok());
  EXPECT_EQ(holder->id, "usr_1");
  EXPECT_EQ(AllEvents().size(), 1u);
}

TEST_F(SqliteIdentityStoreTest, MembershipInUnknownOrganizationWritesNothing) {
  Insert(MakeOrganization("org_a", 0));
  std::vector<Membership> memberships = {{"org_a", Role::kProvider, {}},
                                         {"org_missing", Role::kAdmin, {}}};
  Status status = store_->InsertUser(MakeUser("usr_bob", "bob"), memberships,
                                     MakeEvent("user.created", "usr_bob", 1));
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("org_missing"), std::string::npos) << status.message();
  EXPECT_EQ(store_->GetUser("usr_bob").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindUserByUsername("bob").status().code(), StatusCode::kNotFound);
  Result<std::vector<Membership>> left = store_->ListMemberships("usr_bob");
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  std::vector<Event> events = AllEvents();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "organization.created");
}

TEST_F(SqliteIdentityStoreTest, ListUsersPagesByUsernameAndFiltersByOrganization) {
  Insert(MakeOrganization("org_a", 0));
  Insert(MakeOrganization("org_b", 1));
  Insert(MakeOrganization("org_c", 2));
  struct Entry {
    const char* id;
    const char* username;
    std::vector<Membership> memberships;
  };
  std::vector<Entry> entries = {
      {"usr_4", "dora", {{"org_b", Role::kConsumer, {}}}},
      {"usr_1", "anna", {{"org_a", Role::kProvider, {}}, {"org_b", Role::kAdmin, {}}}},
      {"usr_3", "carl", {}},
      {"usr_2", "bert", {{"org_a", Role::kConsumer, {}}}},
      {"usr_5", "emil", {{"org_c", Role::kAuditor, {}}}},
  };
  for (const Entry& entry : entries) {
    ASSERT_TRUE(store_
                    ->InsertUser(MakeUser(entry.id, entry.username), entry.memberships,
                                 MakeEvent("user.created", entry.id, 3))
                    .ok());
  }

  std::vector<std::string> names;
  PageRequest request{.after_key = "", .limit = 2};
  for (int round = 0; round < 10; ++round) {
    Result<Page<User>> page = store_->ListUsers({}, request);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_LE(page->items.size(), 2u);
    for (const User& user : page->items) names.push_back(user.username);
    if (page->next_key.empty()) break;
    request.after_key = page->next_key;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"anna", "bert", "carl", "dora", "emil"}));

  UserFilter in_a_or_b{.organization_ids = std::vector<std::string>{"org_a", "org_b"}};
  Result<Page<User>> members = store_->ListUsers(in_a_or_b, {});
  ASSERT_TRUE(members.ok());
  std::vector<std::string> member_names;
  for (const User& user : members->items) member_names.push_back(user.username);
  EXPECT_EQ(member_names, (std::vector<std::string>{"anna", "bert", "dora"}));

  UserFilter in_nothing{.organization_ids = std::vector<std::string>{}};
  Result<Page<User>> none = store_->ListUsers(in_nothing, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->items.empty());
}

TEST_F(SqliteIdentityStoreTest, OrganizationFilterMatchesWholeIds) {
  Insert(MakeOrganization("org_a", 0));
  Insert(MakeOrganization("org_ab", 1));
  ASSERT_TRUE(store_
                  ->InsertUser(MakeUser("usr_1", "anna"), {{"org_ab", Role::kConsumer, {}}},
                               MakeEvent("user.created", "usr_1", 2))
                  .ok());
  Result<Page<User>> members =
      store_->ListUsers({.organization_ids = std::vector<std::string>{"org_a"}}, {});
  ASSERT_TRUE(members.ok());
  EXPECT_TRUE(members->items.empty());
}

TEST_F(SqliteIdentityStoreTest, SessionsAreFoundByHashUntilDeleted) {
  ASSERT_TRUE(
      store_->InsertUser(MakeUser("usr_1", "anna"), {}, MakeEvent("user.created", "usr_1", 0))
          .ok());
  Session session{"hash_of_secret", "usr_1", "csrf", At(10), At(10 + 12 * 3600)};
  ASSERT_TRUE(store_->InsertSession(session).ok());
  Result<Session> found = store_->FindSession("hash_of_secret");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->user_id, "usr_1");
  EXPECT_EQ(found->csrf_token, "csrf");
  EXPECT_EQ(found->created_at, At(10));
  EXPECT_EQ(found->expires_at, At(10 + 12 * 3600));
  EXPECT_EQ(store_->FindSession("other_hash").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteSession("hash_of_secret").ok());
  EXPECT_EQ(store_->FindSession("hash_of_secret").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteIdentityStoreTest, TokensAreFoundAndRevokedOnce) {
  ASSERT_TRUE(
      store_->InsertUser(MakeUser("usr_1", "anna"), {}, MakeEvent("user.created", "usr_1", 0))
          .ok());
  ApiToken token;
  token.id = "tok_1";
  token.user_id = "usr_1";
  token.name = "nightly export";
  token.secret_hash = "hash_of_token_secret";
  token.scopes = {"organization.update", "user.read"};
  token.created_at = At(100);
  token.expires_at = At(100 + 90 * 86400);
  ASSERT_TRUE(store_->InsertToken(token, MakeEvent("token.issued", "tok_1", 100)).ok());

  Result<ApiToken> found = store_->FindTokenBySecretHash("hash_of_token_secret");
  ASSERT_TRUE(found.ok()) << found.status().message();
  EXPECT_EQ(found->id, "tok_1");
  EXPECT_EQ(found->user_id, "usr_1");
  EXPECT_EQ(found->name, "nightly export");
  EXPECT_EQ(found->scopes, (std::vector<std::string>{"organization.update", "user.read"}));
  EXPECT_EQ(found->created_at, At(100));
  EXPECT_EQ(found->expires_at, At(100 + 90 * 86400));
  EXPECT_FALSE(found->revoked_at.has_value());
  EXPECT_FALSE(found->last_used_at.has_value());
  EXPECT_EQ(store_->FindTokenBySecretHash("other").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetToken("tok_missing").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->TouchToken("tok_1", At(200)).ok());
  Result<ApiToken> touched = store_->GetToken("tok_1");
  ASSERT_TRUE(touched.ok());
  EXPECT_EQ(touched->last_used_at, std::optional<TimePoint>(At(200)));

  Status revoked = store_->RevokeToken("tok_1", At(300), MakeEvent("token.revoked", "tok_1", 300));
  ASSERT_TRUE(revoked.ok()) << revoked.message();
  Status again = store_->RevokeToken("tok_1", At(400), MakeEvent("token.revoked", "tok_1", 400));
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  Result<ApiToken> read = store_->GetToken("tok_1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->revoked_at, std::optional<TimePoint>(At(300)));

  std::vector<Event> events = AllEvents();
  ASSERT_EQ(events.size(), 3u);  // user.created, token.issued, token.revoked once
  EXPECT_EQ(events[2].type, "token.revoked");
  EXPECT_EQ(events[2].at, At(300));
}

TEST_F(SqliteIdentityStoreTest, TokenForUnknownUserIsRefused) {
  ApiToken token;
  token.id = "tok_1";
  token.user_id = "usr_missing";
  token.name = "orphan";
  token.secret_hash = "hash";
  token.scopes = {"*"};
  token.created_at = At(0);
  token.expires_at = At(60);
  EXPECT_FALSE(store_->InsertToken(token, MakeEvent("token.issued", "tok_1", 0)).ok());
  EXPECT_EQ(store_->GetToken("tok_1").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(AllEvents().empty());
}

TEST_F(SqliteIdentityStoreTest, LoginFailuresAreCountedPerUsernameWithinAWindow) {
  ASSERT_TRUE(store_->RecordLoginFailure("alice", At(0)).ok());
  ASSERT_TRUE(store_->RecordLoginFailure("alice", At(60)).ok());
  ASSERT_TRUE(store_->RecordLoginFailure("alice", At(120)).ok());
  ASSERT_TRUE(store_->RecordLoginFailure("bob", At(90)).ok());

  Result<LoginFailures> all = store_->CountLoginFailures("alice", At(-3600));
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->count, 3);
  EXPECT_EQ(all->oldest, std::optional<TimePoint>(At(0)));

  Result<LoginFailures> recent = store_->CountLoginFailures("alice", At(30));
  ASSERT_TRUE(recent.ok());
  EXPECT_EQ(recent->count, 2);
  EXPECT_EQ(recent->oldest, std::optional<TimePoint>(At(60)));

  Result<LoginFailures> none = store_->CountLoginFailures("carol", At(-3600));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->count, 0);
  EXPECT_FALSE(none->oldest.has_value());

  ASSERT_TRUE(store_->ClearLoginFailures("alice").ok());
  Result<LoginFailures> cleared = store_->CountLoginFailures("alice", At(-3600));
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->count, 0);
  EXPECT_FALSE(cleared->oldest.has_value());
  Result<LoginFailures> bob = store_->CountLoginFailures("bob", At(-3600));
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(bob->count, 1);
}

TEST_F(SqliteIdentityStoreTest, EachChangeWritesItsEventInOrder) {
  Insert(MakeOrganization("org_a", 0));
  Organization change = MakeOrganization("org_a", 0);
  change.name = "Renamed";
  change.revision = 2;
  ASSERT_TRUE(store_
                  ->UpdateOrganization(change, MakeEvent("organization.updated", "org_a", 5,
                                                         R"({"name":"Renamed"})"))
                  .ok());
  ASSERT_TRUE(store_
                  ->InsertUser(MakeUser("usr_1", "anna"), {{"org_a", Role::kAdmin, {}}},
                               Event{"user.created", "", "usr_1", At(9), ""})
                  .ok());

  std::vector<Event> events = AllEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, "organization.created");
  EXPECT_EQ(events[0].actor_user_id, "usr_actor");
  EXPECT_EQ(events[0].subject_id, "org_a");
  EXPECT_EQ(events[1].type, "organization.updated");
  EXPECT_EQ(events[1].at, At(5));
  EXPECT_EQ(events[1].detail_json, R"({"name":"Renamed"})");
  EXPECT_EQ(events[2].type, "user.created");
  EXPECT_EQ(events[2].actor_user_id, "");  // the system itself
  EXPECT_EQ(events[2].detail_json, "{}");  // no facts recorded as an empty object

  Result<std::vector<Event>> first_two = store_->ListEvents(0, 2);
  ASSERT_TRUE(first_two.ok());
  ASSERT_EQ(first_two->size(), 2u);
  EXPECT_EQ((*first_two)[1].type, "organization.updated");
}

}  // namespace
}  // namespace gongshu
