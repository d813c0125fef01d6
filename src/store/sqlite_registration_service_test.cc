// Tests of registration/registration_service.h on the SQLite stores with a manual clock: what
// each registration type does to its resource, rejections and upheld objections, and that codes
// are unique, valid and never reissued.
#include "registration/registration_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "catalog/catalog_service.h"
#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "registration/registration_code.h"
#include "store/sqlite.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_identity_store.h"
#include "store/sqlite_registration_store.h"

namespace gongshu {
namespace {

// 2026-03-02T01:00:00Z, a Monday (09:00 in Fuzhou).
constexpr int64_t kStart = 1772413200;

class RegistrationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    std::string directory = ::gongshu::testing::MakeTempDir("gongshu_registration_test");
    Result<std::unique_ptr<ConnectionPool>> pool =
        ConnectionPool::Open(directory + "/gongshu.db", 2);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    pool_ = std::move(*pool);
    identity_store_ = std::make_unique<SqliteIdentityStore>(*pool_);
    identity_ = std::make_unique<IdentityService>(*identity_store_, clock_, IdentitySettings());
    catalog_store_ = std::make_unique<SqliteCatalogStore>(*pool_);
    catalog_ = std::make_unique<CatalogService>(*catalog_store_, *identity_, clock_,
                                                ThemeTaxonomy::Default());
    registration_store_ = std::make_unique<SqliteRegistrationStore>(*pool_);
    Result<WorkingCalendar> calendar = WorkingCalendar::Parse(DefaultCalendarFile());
    ASSERT_TRUE(calendar.ok());
    calendar_ = *calendar;
    registrations_ = std::make_unique<RegistrationService>(
        *registration_store_, *catalog_store_, *identity_, clock_, calendar_, RegistrationRules());

    Principal bootstrap;
    bootstrap.user_id = "local-operator";
    bootstrap.memberships.push_back(
        Membership{"", Role::kAdmin, OrganizationType::kDataAdministration});
    OrganizationInput administration{"福州市大数据管理局", "data_administration",
                                     std::nullopt,         "350100",
                                     std::nullopt,         std::nullopt};
    Result<Organization> created = identity_->CreateOrganization(bootstrap, administration);
    ASSERT_TRUE(created.ok()) << created.status().message();
    admin_.user_id = "usr_admin";
    admin_.memberships.push_back(
        Membership{created->id, Role::kAdmin, OrganizationType::kDataAdministration});
    OrganizationInput department{"福州市交通运输局", "department", created->id,
                                 "350100",           std::nullopt, std::nullopt};
    Result<Organization> provider = identity_->CreateOrganization(admin_, department);
    ASSERT_TRUE(provider.ok()) << provider.status().message();
    provider_id_ = provider->id;
    provider_.user_id = "usr_provider";
    provider_.memberships.push_back(Membership{provider_id_, Role::kProvider});
  }

  std::string CreateResource(const std::string& name) {
    // GONGSHU_TESTDATA_DIR is src/store/testdata; the sample resource is the catalog's.
    std::filesystem::path sample =
        std::filesystem::path(GONGSHU_TESTDATA_DIR).parent_path().parent_path() / "catalog" /
        "testdata" / "base_resource.json";
    std::ifstream file(sample);
    std::stringstream text;
    text << file.rdbuf();
    nlohmann::json body = nlohmann::json::parse(text.str());
    body["provider_id"] = provider_id_;
    body["name"] = name;
    Result<ResourceWriteResult> created = catalog_->Create(provider_, body);
    EXPECT_TRUE(created.ok()) << created.status().message();
    return created.ok() ? created->resource.id : "";
  }

  // Takes a new registration of `type` through every step to coding; returns it.
  Registration RegisterThrough(const std::string& resource_id, RegistrationType type) {
    Result<Registration> submitted = registrations_->Submit(provider_, resource_id, type);
    EXPECT_TRUE(submitted.ok()) << submitted.status().message();
    if (!submitted.ok()) return {};
    std::string id = submitted->id;
    EXPECT_TRUE(registrations_->Accept(admin_, id).ok());
    EXPECT_TRUE(registrations_->Review(admin_, id).ok());
    EXPECT_TRUE(registrations_->Publish(admin_, id).ok());
    clock_.Advance(std::chrono::hours(24 * 20));
    Result<Registration> coded = registrations_->Code(admin_, id);
    EXPECT_TRUE(coded.ok()) << coded.status().message();
    return coded.ok() ? *coded : Registration();
  }

  ResourceStatus StatusOf(const std::string& resource_id) {
    Result<Resource> resource = catalog_->Get(admin_, resource_id);
    EXPECT_TRUE(resource.ok());
    return resource.ok() ? resource->status : ResourceStatus::kDraft;
  }

  ManualClock clock_{FromUnixSeconds(kStart)};
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<SqliteIdentityStore> identity_store_;
  std::unique_ptr<IdentityService> identity_;
  std::unique_ptr<SqliteCatalogStore> catalog_store_;
  std::unique_ptr<CatalogService> catalog_;
  std::unique_ptr<SqliteRegistrationStore> registration_store_;
  WorkingCalendar calendar_;
  std::unique_ptr<RegistrationService> registrations_;
  Principal admin_;
  Principal provider_;
  std::string provider_id_;
};

TEST_F(RegistrationServiceTest, EachTypeDoesWhatItSaysToTheResource) {
  std::string id = CreateResource("福州市公交站点信息");
  EXPECT_EQ(StatusOf(id), ResourceStatus::kDraft);
  // Only initial registrations are for drafts.
  EXPECT_EQ(registrations_->Submit(provider_, id, RegistrationType::kChange).status().code(),
            StatusCode::kFailedPrecondition);

  Registration initial = RegisterThrough(id, RegistrationType::kInitial);
  EXPECT_EQ(StatusOf(id), ResourceStatus::kRegistered);
  Result<Resource> registered = catalog_->Get(admin_, id);
  ASSERT_TRUE(registered.ok());
  EXPECT_EQ(registered->registration_code, initial.code);
  EXPECT_TRUE(registered->publish_date.has_value());
  EXPECT_EQ(registrations_->Submit(provider_, id, RegistrationType::kInitial).status().code(),
            StatusCode::kFailedPrecondition);

  Registration change = RegisterThrough(id, RegistrationType::kChange);
  EXPECT_EQ(StatusOf(id), ResourceStatus::kRegistered);
  Registration correction = RegisterThrough(id, RegistrationType::kCorrection);
  EXPECT_EQ(StatusOf(id), ResourceStatus::kRegistered);
  Registration cancellation = RegisterThrough(id, RegistrationType::kCancellation);
  EXPECT_EQ(StatusOf(id), ResourceStatus::kCancelled);
  // A cancelled resource takes no more registrations and no changes.
  EXPECT_FALSE(registrations_->Submit(provider_, id, RegistrationType::kChange).ok());

  // Every code is valid, carries the administration's division, and is used once.
  std::set<std::string> codes;
  for (const Registration& registration : {initial, change, correction, cancellation}) {
    EXPECT_TRUE(ValidateRegistrationCode(registration.code).ok()) << registration.code;
    EXPECT_EQ(registration.code.substr(0, 6), "350100");
    codes.insert(registration.code);
    Result<RegistrationCertificate> certificate = registrations_->Certificate(registration.code);
    ASSERT_TRUE(certificate.ok());
    EXPECT_EQ(certificate->registration.id, registration.id);
    EXPECT_EQ(certificate->registrant_name, "福州市交通运输局");
  }
  EXPECT_EQ(codes.size(), 4u);
}

TEST_F(RegistrationServiceTest, RejectionAndAnUpheldObjectionReturnTheResourceToDraft) {
  std::string rejected = CreateResource("福州市出租车营运信息");
  Result<Registration> first =
      registrations_->Submit(provider_, rejected, RegistrationType::kInitial);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(StatusOf(rejected), ResourceStatus::kRegistering);
  EXPECT_FALSE(registrations_->Reject(provider_, first->id, "不是管理员").ok());
  ASSERT_TRUE(registrations_->Reject(admin_, first->id, "资源目录要素不全").ok());
  EXPECT_EQ(StatusOf(rejected), ResourceStatus::kDraft);
  // A draft again: it may be submitted anew.
  EXPECT_TRUE(registrations_->Submit(provider_, rejected, RegistrationType::kInitial).ok());

  std::string objected = CreateResource("福州市共享单车停放点信息");
  Result<Registration> second =
      registrations_->Submit(provider_, objected, RegistrationType::kInitial);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(registrations_->Accept(admin_, second->id).ok());
  ASSERT_TRUE(registrations_->Review(admin_, second->id).ok());
  ASSERT_TRUE(registrations_->Publish(admin_, second->id).ok());
  Principal anonymous;
  Result<Objection> objection =
      registrations_->FileObjection(anonymous, second->id, "13800000000", "该数据权威来源为省厅");
  ASSERT_TRUE(objection.ok()) << objection.status().message();
  Result<ObjectionResolution> resolution = registrations_->ResolveObjection(
      admin_, objection->id, ObjectionOutcome::kUpheld, "经核实，权威来源为省交通运输厅");
  ASSERT_TRUE(resolution.ok()) << resolution.status().message();
  EXPECT_EQ(resolution->registration.state, RegistrationState::kRejected);
  Result<Registration> stored = registrations_->Get(admin_, second->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->state, RegistrationState::kRejected);
  EXPECT_EQ(StatusOf(objected), ResourceStatus::kDraft);
  // The resolution cannot be made twice.
  EXPECT_FALSE(
      registrations_->ResolveObjection(admin_, objection->id, ObjectionOutcome::kDismissed, "改判")
          .ok());
}

TEST_F(RegistrationServiceTest, OverdueAcceptanceIsListedAfterThreeWorkingDays) {
  std::string id = CreateResource("福州市停车场泊位信息");
  Result<Registration> submitted =
      registrations_->Submit(provider_, id, RegistrationType::kInitial);
  ASSERT_TRUE(submitted.ok());
  // Submitted Monday: due by the end of Thursday (three working days after).
  clock_.Advance(std::chrono::hours(24 * 3));
  EXPECT_FALSE(registrations_->Overdue(*submitted));
  clock_.Advance(std::chrono::hours(24));
  EXPECT_TRUE(registrations_->Overdue(*submitted));
}

}  // namespace
}  // namespace gongshu
