// The recorder over the real metadata store and a real durable log: every event goes on the
// ledger once, in order, with its index noted; after a crash between the append and the note,
// nothing is appended twice.
#include "store/sqlite_event_source.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "identity/identity_service.h"
#include "ledger/evidence_entry.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

class RecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    directory_ = testing::MakeTempDir("gongshu-recorder");
    pool_ = ConnectionPool::Open(directory_ + "/gongshu.db", 2).value();
    store_ = std::make_unique<SqliteIdentityStore>(*pool_);
    events_ = std::make_unique<SqliteEventSource>(*pool_);
    identity_ = std::make_unique<IdentityService>(*store_, clock_, IdentitySettings());
    OpenLog();
  }
  void TearDown() override {
    log_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  void OpenLog() {
    log_.reset();
    Result<std::unique_ptr<DurableLog>> log = DurableLog::Open(
        directory_ + "/ledger", *NoteSigner::Create("test/ledger", std::string(32, 's')),
        {.batch_max_wait_ms = 0});
    ASSERT_TRUE(log.ok()) << log.status().message();
    log_ = std::move(*log);
  }
  Principal Admin() {
    Principal admin;
    admin.user_id = "usr_admin";
    admin.memberships.push_back({"", Role::kAdmin, OrganizationType::kDataAdministration});
    return admin;
  }
  void CreateOrganizations(int count) {
    for (int index = 0; index < count; ++index) {
      OrganizationInput input;
      input.name = "机构" + std::to_string(index);
      input.type = "department";
      input.division_code = "350100";
      ASSERT_TRUE(identity_->CreateOrganization(Admin(), input).ok());
    }
  }

  ManualClock clock_{FromUnixSeconds(1795430287)};
  std::string directory_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<SqliteIdentityStore> store_;
  std::unique_ptr<SqliteEventSource> events_;
  std::unique_ptr<IdentityService> identity_;
  std::unique_ptr<DurableLog> log_;
};

TEST_F(RecorderTest, EveryEventGoesOnTheLedgerOnceInOrder) {
  CreateOrganizations(5);
  Recorder recorder(*events_, *log_);
  ASSERT_TRUE(recorder.Start().ok());
  EXPECT_EQ(log_->LatestCheckpoint().size, 5u);
  for (uint64_t index = 0; index < 5; ++index) {
    Result<EvidenceEntry> entry = ParseEvidenceEntry(*log_->ReadEntry(index));
    ASSERT_TRUE(entry.ok());
    EXPECT_EQ(entry->sequence, static_cast<int64_t>(index + 1));
    EXPECT_EQ(entry->type, "organization.created");
    EXPECT_EQ(entry->actor, "usr_admin");
    // The entry commits to the stored record.
    Result<StoredEvent> stored = events_->EventAt(entry->sequence);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(entry->record_sha256, Sha256Hex(EventRecord(*stored)));
    Result<StoredEvent> by_index = events_->EventAtLedgerIndex(index);
    ASSERT_TRUE(by_index.ok());
    EXPECT_EQ(by_index->sequence, entry->sequence);
  }
  CreateOrganizations(3);
  ASSERT_TRUE(recorder.RecordPending().ok());
  EXPECT_EQ(log_->LatestCheckpoint().size, 8u);
  ASSERT_TRUE(recorder.RecordPending().ok());
  EXPECT_EQ(log_->LatestCheckpoint().size, 8u) << "nothing is recorded twice";
  Result<std::vector<StoredEvent>> pending = events_->UnrecordedEvents(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

TEST_F(RecorderTest, AfterACrashBetweenAppendAndNoteNothingIsAppendedTwice) {
  CreateOrganizations(4);
  // The crash: the entries reached the ledger but the store never noted their indices.
  Result<std::vector<StoredEvent>> unrecorded = events_->UnrecordedEvents(10);
  ASSERT_TRUE(unrecorded.ok());
  ASSERT_EQ(unrecorded->size(), 4u);
  std::vector<std::string> entries;
  for (const StoredEvent& stored : *unrecorded) entries.push_back(EvidenceEntryFor(stored));
  ASSERT_TRUE(log_->AppendAll(entries).ok());
  OpenLog();
  Recorder recorder(*events_, *log_);
  ASSERT_TRUE(recorder.Start().ok());
  EXPECT_EQ(log_->LatestCheckpoint().size, 4u);
  Result<int64_t> highest = events_->HighestRecordedIndex();
  ASSERT_TRUE(highest.ok());
  EXPECT_EQ(*highest, 3);
  Result<std::vector<EvidenceReference>> evidence =
      events_->EvidenceFor(ParseEvidenceEntry(*log_->ReadEntry(2))->subject);
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ(evidence->at(0).ledger_index, 2u);
}

}  // namespace
}  // namespace gongshu
