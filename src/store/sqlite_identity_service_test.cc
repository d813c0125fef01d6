// Tests of identity/identity_service.h on SqliteIdentityStore with a manual clock.
#include "identity/identity_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "identity/password.h"
#include "store/sqlite.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

using ::gongshu::testing::MakeTempDir;

// 2026-03-01T08:00:00Z.
constexpr int64_t kStart = 1772352000;
constexpr char kPassword[] = "correct horse battery staple";

// Hashing costs tens of milliseconds, so every stored user shares one hash of kPassword.
const std::string& PasswordHash() {
  static const std::string kHash = [] {
    Result<std::string> result = HashPassword(kPassword);
    return result.ok() ? *result : std::string();
  }();
  return kHash;
}

std::set<std::string> FieldsOf(const Status& status) {
  std::set<std::string> fields;
  for (const FieldError& error : status.field_errors()) fields.insert(error.field);
  return fields;
}

std::string ReasonFor(const Status& status, const std::string& field) {
  for (const FieldError& error : status.field_errors()) {
    if (error.field == field) return error.reason;
  }
  return "";
}

class IdentityServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(InitSecrets());
    ASSERT_FALSE(PasswordHash().empty());
  }

  void SetUp() override {
    directory_ = MakeTempDir("gongshu_identity_test");
    ASSERT_FALSE(directory_.empty());
    Result<std::unique_ptr<ConnectionPool>> pool =
        ConnectionPool::Open(directory_ + "/metadata.db", 2);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    pool_ = std::move(*pool);
    store_ = std::make_unique<SqliteIdentityStore>(*pool_);
    service_ = std::make_unique<IdentityService>(*store_, clock_, IdentitySettings{});

    AddOrganization("org_plat", OrganizationType::kDataAdministration);
    AddOrganization("org_a", OrganizationType::kDepartment);
    AddOrganization("org_b", OrganizationType::kEnterprise);
    AddUser("usr_admin", "admin", {{"org_plat", Role::kAdmin, {}}});
    AddUser("usr_ada", "ada", {{"org_a", Role::kAdmin, {}}});
    AddUser("usr_pia", "pia", {{"org_a", Role::kProvider, {}}});
    AddUser("usr_bea", "bea", {{"org_b", Role::kConsumer, {}}});
  }

  void TearDown() override {
    service_.reset();
    store_.reset();
    pool_.reset();
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }

  void AddOrganization(const std::string& id, OrganizationType type) {
    Organization organization;
    organization.id = id;
    organization.name = "Organization " + id;
    organization.type = type;
    organization.division_code = "350100";
    organization.created_at = organization.updated_at = clock_.Now();
    ASSERT_TRUE(store_
                    ->InsertOrganization(organization,
                                         Event{"organization.created", "", id, clock_.Now(), "{}"})
                    .ok());
  }

  void AddUser(const std::string& id, const std::string& username,
               const std::vector<Membership>& memberships, bool disabled = false) {
    User user;
    user.id = id;
    user.username = username;
    user.display_name = username;
    user.password_hash = PasswordHash();
    user.disabled = disabled;
    user.created_at = clock_.Now();
    ASSERT_TRUE(
        store_->InsertUser(user, memberships, Event{"user.created", "", id, clock_.Now(), "{}"})
            .ok());
  }

  // The principal of a signed-in user, with the memberships the store holds.
  Principal PrincipalOf(const std::string& user_id) {
    Principal principal;
    principal.user_id = user_id;
    Result<User> user = store_->GetUser(user_id);
    EXPECT_TRUE(user.ok()) << user_id;
    if (user.ok()) principal.username = user->username;
    Result<std::vector<Membership>> memberships = store_->ListMemberships(user_id);
    EXPECT_TRUE(memberships.ok());
    if (memberships.ok()) principal.memberships = *memberships;
    return principal;
  }

  // `user_id` authenticated with an API token holding `scopes`.
  Principal TokenPrincipalOf(const std::string& user_id, std::vector<std::string> scopes) {
    Principal principal = PrincipalOf(user_id);
    principal.token_id = "tok_test";
    principal.token_scopes = std::move(scopes);
    return principal;
  }

  static OrganizationInput ValidOrganization() {
    OrganizationInput input;
    input.name = "福州市大数据发展管理委员会";
    input.type = "public_institution";
    input.division_code = "350100";
    input.parent_id = "org_plat";
    input.uscc = "91110000600037341L";
    return input;
  }

  int CountOrganizations() {
    Result<Page<Organization>> page =
        store_->ListOrganizations({}, {.after_key = "", .limit = 500});
    EXPECT_TRUE(page.ok());
    return page.ok() ? static_cast<int>(page->items.size()) : -1;
  }

  std::vector<Event> EventsOfType(const std::string& type) {
    Result<std::vector<Event>> events = store_->ListEvents(0, 1000);
    EXPECT_TRUE(events.ok());
    std::vector<Event> matching;
    if (events.ok()) {
      for (const Event& event : *events) {
        if (event.type == type) matching.push_back(event);
      }
    }
    return matching;
  }

  ManualClock clock_{FromUnixSeconds(kStart)};
  std::string directory_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<SqliteIdentityStore> store_;
  std::unique_ptr<IdentityService> service_;
};

// Organizations.

TEST_F(IdentityServiceTest, PlatformAdminCreatesOrganization) {
  Result<Organization> created =
      service_->CreateOrganization(PrincipalOf("usr_admin"), ValidOrganization());
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->id.rfind("org_", 0), 0u) << created->id;
  EXPECT_EQ(created->revision, 1);
  EXPECT_EQ(created->created_at, clock_.Now());

  Result<Organization> read = service_->GetOrganization(created->id);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->name, "福州市大数据发展管理委员会");
  EXPECT_EQ(read->type, OrganizationType::kPublicInstitution);
  EXPECT_EQ(read->division_code, "350100");
  EXPECT_EQ(read->parent_id, std::optional<std::string>("org_plat"));
  EXPECT_EQ(read->uscc, std::optional<std::string>("91110000600037341L"));

  std::vector<Event> events = EventsOfType("organization.created");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().subject_id, created->id);
  EXPECT_EQ(events.back().actor_user_id, "usr_admin");
  EXPECT_EQ(events.back().at, clock_.Now());
}

TEST_F(IdentityServiceTest, CreateOrganizationReportsEveryFieldErrorAtOnce) {
  OrganizationInput input;
  input.name = "bad\x01name";
  input.type = "ministry";
  input.division_code = "990000";
  input.uscc = "91110000600037341M";
  input.parent_id = "org_missing";
  int before = CountOrganizations();
  Result<Organization> created = service_->CreateOrganization(PrincipalOf("usr_admin"), input);
  ASSERT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(created.status()),
            (std::set<std::string>{"name", "type", "division_code", "uscc", "parent_id"}));
  EXPECT_NE(ReasonFor(created.status(), "uscc").find("should be L"), std::string::npos);
  EXPECT_NE(ReasonFor(created.status(), "parent_id").find("org_missing"), std::string::npos);
  EXPECT_EQ(CountOrganizations(), before);
}

TEST_F(IdentityServiceTest, CreateOrganizationRequiresNameTypeAndDivision) {
  OrganizationInput input;
  input.revision = 3;
  Result<Organization> created = service_->CreateOrganization(PrincipalOf("usr_admin"), input);
  ASSERT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(created.status()),
            (std::set<std::string>{"name", "type", "division_code", "revision"}));
}

TEST_F(IdentityServiceTest, OrganizationUsccIsUnique) {
  ASSERT_TRUE(service_->CreateOrganization(PrincipalOf("usr_admin"), ValidOrganization()).ok());
  OrganizationInput twin = ValidOrganization();
  twin.name = "Another name";
  Result<Organization> created = service_->CreateOrganization(PrincipalOf("usr_admin"), twin);
  EXPECT_EQ(created.status().code(), StatusCode::kConflict);
}

TEST_F(IdentityServiceTest, OnlyPlatformAdminsCreateOrganizations) {
  int before = CountOrganizations();
  EXPECT_EQ(service_->CreateOrganization(Principal{}, ValidOrganization()).status().code(),
            StatusCode::kUnauthenticated);
  for (const char* user_id : {"usr_ada", "usr_pia", "usr_bea"}) {
    EXPECT_EQ(
        service_->CreateOrganization(PrincipalOf(user_id), ValidOrganization()).status().code(),
        StatusCode::kPermissionDenied)
        << user_id;
  }
  // A platform admin's token needs the organization.create scope.
  Principal token_admin = TokenPrincipalOf("usr_admin", {"me.read", "token.create"});
  EXPECT_EQ(service_->CreateOrganization(token_admin, ValidOrganization()).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(CountOrganizations(), before);
  Principal scoped_admin = TokenPrincipalOf("usr_admin", {"organization.create"});
  EXPECT_TRUE(service_->CreateOrganization(scoped_admin, ValidOrganization()).ok());
}

TEST_F(IdentityServiceTest, ParentCyclesAreRefused) {
  Principal admin = PrincipalOf("usr_admin");
  OrganizationInput top_input;
  top_input.name = "Top";
  top_input.type = "department";
  top_input.division_code = "350000";
  Result<Organization> top = service_->CreateOrganization(admin, top_input);
  ASSERT_TRUE(top.ok()) << top.status().message();
  OrganizationInput middle_input = top_input;
  middle_input.name = "Middle";
  middle_input.parent_id = top->id;
  Result<Organization> middle = service_->CreateOrganization(admin, middle_input);
  ASSERT_TRUE(middle.ok()) << middle.status().message();
  OrganizationInput bottom_input = top_input;
  bottom_input.name = "Bottom";
  bottom_input.parent_id = middle->id;
  Result<Organization> bottom = service_->CreateOrganization(admin, bottom_input);
  ASSERT_TRUE(bottom.ok()) << bottom.status().message();

  OrganizationInput under_grandchild;
  under_grandchild.parent_id = bottom->id;
  Result<Organization> cycle = service_->UpdateOrganization(admin, top->id, under_grandchild);
  ASSERT_EQ(cycle.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(cycle.status()), std::set<std::string>{"parent_id"});

  OrganizationInput under_itself;
  under_itself.parent_id = middle->id;
  Result<Organization> self = service_->UpdateOrganization(admin, middle->id, under_itself);
  ASSERT_EQ(self.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(self.status()), std::set<std::string>{"parent_id"});

  Result<Organization> unchanged = service_->GetOrganization(top->id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(unchanged->parent_id.has_value());
  EXPECT_EQ(unchanged->revision, 1);

  // Moving the bottom under the top is not a cycle.
  OrganizationInput up;
  up.parent_id = top->id;
  Result<Organization> moved = service_->UpdateOrganization(admin, bottom->id, up);
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(moved->parent_id, std::optional<std::string>(top->id));
}

TEST_F(IdentityServiceTest, OrganizationAdminRenamesOwnOrganizationOnly) {
  Principal ada = PrincipalOf("usr_ada");
  clock_.Advance(std::chrono::minutes(5));
  OrganizationInput rename;
  rename.name = "Renamed department";
  rename.revision = 1;
  Result<Organization> renamed = service_->UpdateOrganization(ada, "org_a", rename);
  ASSERT_TRUE(renamed.ok()) << renamed.status().message();
  EXPECT_EQ(renamed->name, "Renamed department");
  EXPECT_EQ(renamed->revision, 2);
  EXPECT_EQ(renamed->updated_at, clock_.Now());
  Result<Organization> read = service_->GetOrganization("org_a");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Renamed department");
  EXPECT_EQ(read->revision, 2);
  std::vector<Event> updates = EventsOfType("organization.updated");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].subject_id, "org_a");
  EXPECT_EQ(updates[0].actor_user_id, "usr_ada");

  // The caller read revision 1, which is no longer current.
  OrganizationInput stale;
  stale.name = "Stale";
  stale.revision = 1;
  EXPECT_EQ(service_->UpdateOrganization(ada, "org_a", stale).status().code(),
            StatusCode::kConflict);

  OrganizationInput retype;
  retype.type = "enterprise";
  EXPECT_EQ(service_->UpdateOrganization(ada, "org_a", retype).status().code(),
            StatusCode::kPermissionDenied);
  OrganizationInput reparent;
  reparent.parent_id = "org_plat";
  EXPECT_EQ(service_->UpdateOrganization(ada, "org_a", reparent).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->UpdateOrganization(ada, "org_b", rename).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->UpdateOrganization(ada, "org_missing", rename).status().code(),
            StatusCode::kNotFound);

  Result<Organization> after = service_->GetOrganization("org_a");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->name, "Renamed department");
  EXPECT_EQ(after->type, OrganizationType::kDepartment);
  EXPECT_FALSE(after->parent_id.has_value());
  EXPECT_EQ(after->revision, 2);
}

// Login, lockout and sessions.

TEST_F(IdentityServiceTest, LoginOpensASessionWhoseSecretIsNotStored) {
  Result<LoginResult> login = service_->Login("admin", kPassword);
  ASSERT_TRUE(login.ok()) << login.status().message();
  EXPECT_EQ(login->user.id, "usr_admin");
  EXPECT_FALSE(login->session_secret.empty());
  EXPECT_EQ(login->session.secret_hash, Sha256Hex(login->session_secret));
  EXPECT_NE(login->session.secret_hash, login->session_secret);
  EXPECT_EQ(login->session.expires_at, clock_.Now() + std::chrono::hours(12));
  EXPECT_EQ(store_->FindSession(login->session_secret).status().code(), StatusCode::kNotFound);

  Result<Principal> principal = service_->AuthenticateSession(login->session_secret);
  ASSERT_TRUE(principal.ok()) << principal.status().message();
  EXPECT_EQ(principal->user_id, "usr_admin");
  EXPECT_EQ(principal->username, "admin");
  EXPECT_TRUE(principal->via_session);
  EXPECT_FALSE(principal->token_id.has_value());
  EXPECT_EQ(principal->csrf_token, login->session.csrf_token);
  EXPECT_FALSE(principal->csrf_token.empty());
  EXPECT_TRUE(principal->IsPlatformAdmin());
}

TEST_F(IdentityServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Result<LoginResult> wrong_password = service_->Login("admin", "not the password at all");
  Result<LoginResult> unknown_user = service_->Login("nobody", kPassword);
  ASSERT_EQ(wrong_password.status().code(), StatusCode::kUnauthenticated);
  ASSERT_EQ(unknown_user.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong_password.status().message(), unknown_user.status().message());

  Result<LoginFailures> admin_failures = store_->CountLoginFailures("admin", FromUnixSeconds(0));
  Result<LoginFailures> nobody_failures = store_->CountLoginFailures("nobody", FromUnixSeconds(0));
  ASSERT_TRUE(admin_failures.ok() && nobody_failures.ok());
  EXPECT_EQ(admin_failures->count, 1);
  EXPECT_EQ(nobody_failures->count, 1);
}

TEST_F(IdentityServiceTest, DisabledUserCannotLogIn) {
  AddUser("usr_gone", "gone", {}, /*disabled=*/true);
  EXPECT_EQ(service_->Login("gone", kPassword).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, TenFailuresWithinFifteenMinutesLockTheAccount) {
  TimePoint first_failure = clock_.Now();
  for (int attempt = 0; attempt < 10; ++attempt) {
    Result<LoginResult> login = service_->Login("pia", "wrong password " + std::to_string(attempt));
    ASSERT_EQ(login.status().code(), StatusCode::kUnauthenticated) << attempt;
    clock_.Advance(std::chrono::seconds(10));
  }
  // Now 100 s after the first failure: even the right password is refused until the first
  // failure leaves the 15-minute window, 800 s from now.
  Result<LoginResult> locked = service_->Login("pia", kPassword);
  ASSERT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_GE(locked.status().retry_after_seconds(), 800);
  EXPECT_LE(locked.status().retry_after_seconds(), 801);

  // The lock is on this account only.
  EXPECT_TRUE(service_->Login("ada", kPassword).ok());

  // 901 s after the first failure only nine remain within the window.
  clock_.Advance(std::chrono::seconds(801));
  Result<LoginResult> after = service_->Login("pia", kPassword);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->user.id, "usr_pia");
  // Success forgets the failures.
  Result<LoginFailures> left = store_->CountLoginFailures("pia", first_failure);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->count, 0);
}

TEST_F(IdentityServiceTest, RetryingAfterTheAdvisedWaitIsNotLocked) {
  for (int failure = 0; failure < 10; ++failure) {
    ASSERT_TRUE(store_->RecordLoginFailure("pia", clock_.Now()).ok());
  }
  clock_.Advance(std::chrono::seconds(100));
  Result<LoginResult> locked = service_->Login("pia", kPassword);
  ASSERT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  clock_.Advance(std::chrono::seconds(locked.status().retry_after_seconds()));
  Result<LoginResult> retried = service_->Login("pia", kPassword);
  EXPECT_TRUE(retried.ok()) << retried.status().message() << " (retry after "
                            << retried.status().retry_after_seconds() << " s)";
}

TEST_F(IdentityServiceTest, NineFailuresDoNotLock) {
  for (int failure = 0; failure < 9; ++failure) {
    ASSERT_TRUE(store_->RecordLoginFailure("pia", clock_.Now()).ok());
  }
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(service_->Login("pia", kPassword).ok());
}

TEST_F(IdentityServiceTest, FailuresOutsideTheWindowDoNotCount) {
  for (int failure = 0; failure < 10; ++failure) {
    ASSERT_TRUE(store_->RecordLoginFailure("pia", clock_.Now()).ok());
  }
  clock_.Advance(std::chrono::minutes(15) + std::chrono::seconds(1));
  EXPECT_TRUE(service_->Login("pia", kPassword).ok());
}

TEST_F(IdentityServiceTest, SessionsExpireAfterTwelveHours) {
  Result<LoginResult> login = service_->Login("ada", kPassword);
  ASSERT_TRUE(login.ok()) << login.status().message();
  clock_.Advance(std::chrono::hours(12) - std::chrono::seconds(1));
  EXPECT_TRUE(service_->AuthenticateSession(login->session_secret).ok());
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(service_->AuthenticateSession(login->session_secret).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, LogoutEndsTheSession) {
  Result<LoginResult> login = service_->Login("ada", kPassword);
  ASSERT_TRUE(login.ok()) << login.status().message();
  Result<Principal> principal = service_->AuthenticateSession(login->session_secret);
  ASSERT_TRUE(principal.ok());
  ASSERT_TRUE(service_->Logout(*principal).ok());
  EXPECT_EQ(service_->AuthenticateSession(login->session_secret).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->AuthenticateSession("never issued").status().code(),
            StatusCode::kUnauthenticated);
}

// API tokens.

TEST_F(IdentityServiceTest, TokenSecretIsShownOnceAndOnlyItsHashIsStored) {
  Result<IssuedToken> issued =
      service_->CreateToken(PrincipalOf("usr_ada"), {.name = "export", .scopes = {"user.read"}});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  const std::string& secret = issued->secret;
  ASSERT_EQ(secret.rfind("gs_", 0), 0u) << secret;
  EXPECT_EQ(secret.size(), 3u + 43u);
  for (char symbol : secret.substr(3)) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(symbol)) || symbol == '-' || symbol == '_')
        << secret;
  }
  EXPECT_EQ(issued->token.user_id, "usr_ada");
  EXPECT_EQ(issued->token.expires_at, clock_.Now() + std::chrono::hours(24 * 90));

  Result<ApiToken> stored = store_->GetToken(issued->token.id);
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  EXPECT_NE(stored->secret_hash, secret);
  EXPECT_EQ(stored->secret_hash, Sha256Hex(secret));
  EXPECT_EQ(stored->scopes, std::vector<std::string>{"user.read"});
  std::vector<Event> events = EventsOfType("token.issued");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].subject_id, issued->token.id);
  EXPECT_EQ(events[0].detail_json.find(secret.substr(3)), std::string::npos);

  Result<IssuedToken> second =
      service_->CreateToken(PrincipalOf("usr_ada"), {.name = "export", .scopes = {"user.read"}});
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->secret, secret);
}

TEST_F(IdentityServiceTest, TokenAuthenticatesItsOwnerWithItsScopes) {
  Result<IssuedToken> issued = service_->CreateToken(
      PrincipalOf("usr_ada"), {.name = "ops", .scopes = {"organization.update", "me.read"}});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  Result<Principal> principal = service_->AuthenticateToken(issued->secret);
  ASSERT_TRUE(principal.ok()) << principal.status().message();
  EXPECT_EQ(principal->user_id, "usr_ada");
  EXPECT_EQ(principal->token_id, std::optional<std::string>(issued->token.id));
  EXPECT_EQ(principal->token_scopes, (std::vector<std::string>{"organization.update", "me.read"}));
  EXPECT_FALSE(principal->via_session);
  EXPECT_TRUE(principal->HasRoleIn("org_a", Role::kAdmin));

  EXPECT_EQ(service_->AuthenticateToken("gs_" + std::string(43, 'A')).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->AuthenticateToken(issued->secret.substr(3)).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->AuthenticateToken("").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, RevokedTokenNoLongerAuthenticates) {
  Principal ada = PrincipalOf("usr_ada");
  Result<IssuedToken> issued = service_->CreateToken(ada, {.name = "ci", .scopes = {"*"}});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  ASSERT_TRUE(service_->AuthenticateToken(issued->secret).ok());

  // Another signed-in user who is not a platform admin may not revoke it.
  EXPECT_EQ(service_->RevokeToken(PrincipalOf("usr_pia"), issued->token.id).code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(service_->AuthenticateToken(issued->secret).ok());

  ASSERT_TRUE(service_->RevokeToken(ada, issued->token.id).ok());
  EXPECT_EQ(service_->AuthenticateToken(issued->secret).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->RevokeToken(ada, issued->token.id).code(), StatusCode::kConflict);
  EXPECT_EQ(service_->RevokeToken(ada, "tok_missing").code(), StatusCode::kNotFound);
  EXPECT_EQ(EventsOfType("token.revoked").size(), 1u);
}

TEST_F(IdentityServiceTest, PlatformAdminRevokesAnyonesToken) {
  Result<IssuedToken> issued =
      service_->CreateToken(PrincipalOf("usr_bea"), {.name = "mine", .scopes = {"me.read"}});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  ASSERT_TRUE(service_->RevokeToken(PrincipalOf("usr_admin"), issued->token.id).ok());
  EXPECT_EQ(service_->AuthenticateToken(issued->secret).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, ExpiredTokenNoLongerAuthenticates) {
  Result<IssuedToken> issued = service_->CreateToken(
      PrincipalOf("usr_ada"),
      {.name = "short", .scopes = {"me.read"}, .expires_at = clock_.Now() + std::chrono::hours(1)});
  ASSERT_TRUE(issued.ok()) << issued.status().message();
  clock_.Advance(std::chrono::hours(1) - std::chrono::seconds(1));
  EXPECT_TRUE(service_->AuthenticateToken(issued->secret).ok());
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(service_->AuthenticateToken(issued->secret).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, TokenRequestIsValidated) {
  Principal ada = PrincipalOf("usr_ada");
  Result<IssuedToken> bad = service_->CreateToken(
      ada, {.name = "", .scopes = {"me.read", "dataset.delete"}, .expires_at = clock_.Now()});
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(bad.status()), (std::set<std::string>{"name", "scopes[1]", "expires_at"}));

  Result<IssuedToken> no_scopes = service_->CreateToken(ada, {.name = "none", .scopes = {}});
  EXPECT_EQ(FieldsOf(no_scopes.status()), std::set<std::string>{"scopes"});

  Result<IssuedToken> too_long =
      service_->CreateToken(ada, {.name = "long",
                                  .scopes = {"me.read"},
                                  .expires_at = clock_.Now() + std::chrono::hours(24 * 367)});
  EXPECT_EQ(FieldsOf(too_long.status()), std::set<std::string>{"expires_at"});

  Result<IssuedToken> longest =
      service_->CreateToken(ada, {.name = "long",
                                  .scopes = {"me.read"},
                                  .expires_at = clock_.Now() + std::chrono::hours(24 * 366)});
  EXPECT_TRUE(longest.ok()) << longest.status().message();
  EXPECT_EQ(service_->CreateToken(Principal{}, {.name = "anon", .scopes = {"*"}}).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, TokenCanOnlyPassOnScopesItHolds) {
  Principal narrow = TokenPrincipalOf("usr_ada", {"token.create", "me.read"});
  Result<IssuedToken> same = service_->CreateToken(narrow, {.name = "same", .scopes = {"me.read"}});
  EXPECT_TRUE(same.ok()) << same.status().message();

  Result<IssuedToken> wider =
      service_->CreateToken(narrow, {.name = "wider", .scopes = {"me.read", "user.read"}});
  ASSERT_EQ(wider.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(wider.status()), std::set<std::string>{"scopes[1]"});

  Result<IssuedToken> star = service_->CreateToken(narrow, {.name = "star", .scopes = {"*"}});
  ASSERT_EQ(star.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(star.status()), std::set<std::string>{"scopes[0]"});

  Principal full = TokenPrincipalOf("usr_ada", {"*"});
  EXPECT_TRUE(service_->CreateToken(full, {.name = "any", .scopes = {"user.create"}}).ok());

  // A token without token.create cannot make tokens at all.
  Principal no_create = TokenPrincipalOf("usr_ada", {"me.read"});
  EXPECT_EQ(service_->CreateToken(no_create, {.name = "x", .scopes = {"me.read"}}).status().code(),
            StatusCode::kPermissionDenied);
}

// Users.

TEST_F(IdentityServiceTest, OrganizationAdminCreatesUsersInOwnOrganization) {
  NewUser input{.username = "carl.chen",
                .display_name = "陈卡尔",
                .email = "carl@example.org",
                .password = "a long enough password",
                .memberships = {{"org_a", "provider"}}};
  Result<User> created = service_->CreateUser(PrincipalOf("usr_ada"), input);
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->username, "carl.chen");
  EXPECT_NE(created->password_hash, input.password);
  Result<std::vector<Membership>> memberships = service_->Memberships(created->id);
  ASSERT_TRUE(memberships.ok());
  ASSERT_EQ(memberships->size(), 1u);
  EXPECT_EQ((*memberships)[0].organization_id, "org_a");
  EXPECT_EQ((*memberships)[0].role, Role::kProvider);
  EXPECT_EQ((*memberships)[0].organization_type, OrganizationType::kDepartment);
  ASSERT_EQ(EventsOfType("user.created").back().subject_id, created->id);
  EXPECT_EQ(EventsOfType("user.created").back().actor_user_id, "usr_ada");

  EXPECT_EQ(service_->CreateUser(PrincipalOf("usr_admin"), input).status().code(),
            StatusCode::kConflict);
}

TEST_F(IdentityServiceTest, OrganizationAdminCannotCreateUsersInAnotherOrganization) {
  NewUser input{.username = "mallory",
                .display_name = "Mallory",
                .email = std::nullopt,
                .password = "a long enough password",
                .memberships = {{"org_a", "consumer"}, {"org_b", "admin"}}};
  Result<User> created = service_->CreateUser(PrincipalOf("usr_ada"), input);
  EXPECT_EQ(created.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->FindUserByUsername("mallory").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->CreateUser(PrincipalOf("usr_pia"), input).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->CreateUser(Principal{}, input).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(IdentityServiceTest, OrganizationAdminCannotCreateUsersOutsideAnyOrganization) {
  NewUser input{.username = "drifter",
                .display_name = "Drifter",
                .email = std::nullopt,
                .password = "a long enough password",
                .memberships = {}};
  Result<User> created = service_->CreateUser(PrincipalOf("usr_ada"), input);
  EXPECT_EQ(created.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->FindUserByUsername("drifter").status().code(), StatusCode::kNotFound);
}

TEST_F(IdentityServiceTest, NewUserValidationReportsEveryFieldAtOnce) {
  NewUser input{.username = "Bad Name",
                .display_name = "",
                .email = "not-an-address",
                .password = "short",
                .memberships = {{"org_a", "overlord"}, {"org_missing", "consumer"}}};
  Result<User> created = service_->CreateUser(PrincipalOf("usr_admin"), input);
  ASSERT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(created.status()),
            (std::set<std::string>{"username", "display_name", "email", "password",
                                   "memberships[0].role", "memberships[1].organization_id"}));
}

TEST_F(IdentityServiceTest, OrganizationAdminListsOnlyTheirMembers) {
  Result<Page<User>> listed = service_->ListUsers(PrincipalOf("usr_ada"), {});
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  std::vector<std::string> names;
  for (const User& user : listed->items) names.push_back(user.username);
  EXPECT_EQ(names, (std::vector<std::string>{"ada", "pia"}));

  Result<Page<User>> everyone = service_->ListUsers(PrincipalOf("usr_admin"), {});
  ASSERT_TRUE(everyone.ok());
  EXPECT_EQ(everyone->items.size(), 4u);
  EXPECT_EQ(service_->ListUsers(PrincipalOf("usr_pia"), {}).status().code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace gongshu
