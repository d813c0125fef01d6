// CheckLogDirectory finds every kind of damage in a log directory, naming where it is.
#include "ledger/log_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "ledger/durable_log.h"

namespace gongshu {
namespace {

class LogCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    root_ = testing::MakeTempDir("gongshu-log-check");
    directory_ = root_ + "/ledger";
    NoteSigner signer = *NoteSigner::Create("check.example/ledger", std::string(32, 'c'));
    verifier_ = *ParseVerifierKey(signer.VerifierKey());
    Result<std::unique_ptr<DurableLog>> log =
        DurableLog::Open(directory_, std::move(signer), {.batch_max_entries = 100});
    ASSERT_TRUE(log.ok());
    std::vector<std::string> entries;
    for (int index = 0; index < 600; ++index) entries.push_back("entry " + std::to_string(index));
    ASSERT_TRUE((*log)->AppendAll(entries).ok());
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  void FlipByte(const std::string& relative_path, std::streamoff offset) {
    std::fstream file(directory_ + "/" + relative_path,
                      std::ios::binary | std::ios::in | std::ios::out);
    ASSERT_TRUE(file.is_open()) << relative_path;
    file.seekg(offset);
    char byte = 0;
    file.get(byte);
    file.seekp(offset);
    file.put(static_cast<char>(byte ^ 0x01));
  }
  std::string root_;
  std::string directory_;
  NoteVerifier verifier_;
};

TEST_F(LogCheckTest, AnIntactLogChecksOut) {
  Result<LogCheckReport> report = CheckLogDirectory(directory_, verifier_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->size, 600u);
  EXPECT_EQ(report->tiles_checked, TilesForSize(600).size());
  EXPECT_EQ(report->hashes_checked, StoredHashCount(600));
}

TEST_F(LogCheckTest, ADamagedHashTileIsNamed) {
  FlipByte("tile/0/001", 100);
  Status status = CheckLogDirectory(directory_, verifier_).status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("tile/0/001"), std::string::npos) << status.message();
}

TEST_F(LogCheckTest, ADamagedEntryChangesTheRoot) {
  FlipByte("tile/entries/000", 4);  // inside the text of entry 0
  Status status = CheckLogDirectory(directory_, verifier_).status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("root"), std::string::npos) << status.message();
}

TEST_F(LogCheckTest, ADamagedStoredHashIsNamed) {
  FlipByte("hashes", static_cast<std::streamoff>(StoredHashIndex(0, 7) * 32));
  Status status = CheckLogDirectory(directory_, verifier_).status();
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("level 0, index 7"), std::string::npos) << status.message();
}

TEST_F(LogCheckTest, AForgedCheckpointIsRefused) {
  std::ifstream in(directory_ + "/checkpoint");
  std::string note((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  note.replace(note.find("\n600\n"), 5, "\n601\n");
  std::ofstream(directory_ + "/checkpoint") << note;
  EXPECT_EQ(CheckLogDirectory(directory_, verifier_).status().code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace gongshu
