// The durable log: appends become durable and checkpointed, reopening returns to the last
// checkpoint, tiles and proofs agree with an in-memory tree, and bad state is refused.
#include "ledger/durable_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "ledger/entry_bundle.h"
#include "ledger/verify.h"

namespace gongshu {
namespace {

NoteSigner TestSigner(const std::string& name = "test.example/ledger") {
  return *NoteSigner::Create(name, std::string(32, '\x07'));
}

std::string EntryText(uint64_t index) { return "evidence record " + std::to_string(index) + "\n"; }

class DurableLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    directory_ = testing::MakeTempDir("gongshu-ledger") + "/ledger";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::path(directory_).parent_path(), ignored);
  }
  std::unique_ptr<DurableLog> OpenLog(DurableLogOptions options = {.batch_max_wait_ms = 0}) {
    Result<std::unique_ptr<DurableLog>> log = DurableLog::Open(directory_, TestSigner(), options);
    EXPECT_TRUE(log.ok()) << log.status().message();
    return log.ok() ? std::move(*log) : nullptr;
  }
  std::string directory_;
};

TEST_F(DurableLogTest, StoredHashPositionsFollowCompletionOrder) {
  // Leaf 0 -> 0; leaf 1 -> 1, node (1,0) -> 2; leaf 2 -> 3; leaf 3 -> 4, (1,1) -> 5, (2,0) -> 6.
  EXPECT_EQ(StoredHashIndex(0, 0), 0u);
  EXPECT_EQ(StoredHashIndex(0, 1), 1u);
  EXPECT_EQ(StoredHashIndex(1, 0), 2u);
  EXPECT_EQ(StoredHashIndex(0, 2), 3u);
  EXPECT_EQ(StoredHashIndex(0, 3), 4u);
  EXPECT_EQ(StoredHashIndex(1, 1), 5u);
  EXPECT_EQ(StoredHashIndex(2, 0), 6u);
  EXPECT_EQ(StoredHashCount(4), 7u);
  EXPECT_EQ(StoredHashCount(5), 8u);
}

TEST_F(DurableLogTest, AppendsMatchAnInMemoryTreeAndSurviveReopening) {
  MemoryTree expected;
  {
    std::unique_ptr<DurableLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->LatestCheckpoint().size, 0u);
    EXPECT_EQ(log->LatestCheckpoint().root, EmptyRoot());
    for (uint64_t index = 0; index < 700; ++index) {
      Result<uint64_t> appended = log->Append(EntryText(index));
      ASSERT_TRUE(appended.ok()) << appended.status().message();
      EXPECT_EQ(*appended, index);
      expected.Append(LeafHash(EntryText(index)));
    }
    EXPECT_EQ(log->LatestCheckpoint().size, 700u);
    EXPECT_EQ(log->LatestCheckpoint().root, expected.Root());
  }
  std::unique_ptr<DurableLog> reopened = OpenLog();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->LatestCheckpoint().size, 700u);
  EXPECT_EQ(reopened->LatestCheckpoint().root, expected.Root());
  // Every tile of every size a client may have seen is served and equals the reference tiles.
  for (uint64_t size : {1ull, 255ull, 256ull, 257ull, 512ull, 699ull, 700ull}) {
    for (const TileId& tile : TilesForSize(size)) {
      Result<std::string> served = reopened->ReadTile(tile);
      ASSERT_TRUE(served.ok()) << TilePath(tile) << ": " << served.status().message();
      EXPECT_EQ(*served, *ReadTileData(tile, expected)) << TilePath(tile);
    }
  }
  Result<std::string> entry = reopened->ReadEntry(300);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(*entry, EntryText(300));
  // Appends continue from where the log was.
  Result<uint64_t> next = reopened->Append(EntryText(700));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 700u);
  expected.Append(LeafHash(EntryText(700)));
  EXPECT_EQ(reopened->LatestCheckpoint().root, expected.Root());
}

TEST_F(DurableLogTest, ProofsVerifyAgainstTheCheckpoint) {
  std::unique_ptr<DurableLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  for (uint64_t index = 0; index < 300; ++index) ASSERT_TRUE(log->Append(EntryText(index)).ok());
  Checkpoint checkpoint = log->LatestCheckpoint();
  for (uint64_t index : {0ull, 1ull, 128ull, 255ull, 256ull, 299ull}) {
    Result<std::vector<Hash>> proof = log->ProveInclusion(index, checkpoint.size);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(
        VerifyInclusion(index, checkpoint.size, LeafHash(EntryText(index)), *proof, checkpoint.root)
            .ok());
  }
  Result<Hash> old_root = log->RootAt(100);
  ASSERT_TRUE(old_root.ok());
  Result<std::vector<Hash>> consistency = log->ProveConsistency(100, checkpoint.size);
  ASSERT_TRUE(consistency.ok());
  EXPECT_TRUE(
      VerifyConsistency(100, checkpoint.size, *old_root, checkpoint.root, *consistency).ok());
  EXPECT_FALSE(log->ProveInclusion(0, checkpoint.size + 1).ok()) << "beyond the checkpoint";
  EXPECT_EQ(log->ReadEntry(300).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(log->ReadTile({TileKind::kHashes, 0, 1, 45}).status().code(), StatusCode::kNotFound);
}

TEST_F(DurableLogTest, ConcurrentAppendersGetDistinctGaplessIndices) {
  std::unique_ptr<DurableLog> log = OpenLog({.batch_max_entries = 64, .batch_max_wait_ms = 1});
  ASSERT_NE(log, nullptr);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 50;
  std::vector<std::vector<uint64_t>> indices(kThreads);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int count = 0; count < kPerThread; ++count) {
        Result<uint64_t> index =
            log->Append("thread " + std::to_string(thread_idx) + " #" + std::to_string(count));
        if (index.ok()) indices[thread_idx].push_back(*index);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<bool> seen(kThreads * kPerThread, false);
  for (const auto& list : indices) {
    ASSERT_EQ(list.size(), static_cast<size_t>(kPerThread));
    for (uint64_t index : list) {
      ASSERT_LT(index, seen.size());
      EXPECT_FALSE(seen[index]) << "index " << index << " given twice";
      seen[index] = true;
    }
  }
  EXPECT_EQ(log->LatestCheckpoint().size, static_cast<uint64_t>(kThreads * kPerThread));
  // Each acknowledged entry is where its index says.
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    for (int count = 0; count < kPerThread; ++count) {
      EXPECT_EQ(*log->ReadEntry(indices[thread_idx][count]),
                "thread " + std::to_string(thread_idx) + " #" + std::to_string(count));
    }
  }
}

TEST_F(DurableLogTest, RecoversFromAnUnfinishedBatch) {
  Hash root_before;
  {
    std::unique_ptr<DurableLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (uint64_t index = 0; index < 260; ++index) ASSERT_TRUE(log->Append(EntryText(index)).ok());
    root_before = log->LatestCheckpoint().root;
  }
  // A crash after the hashes and a wider bundle were written but before the checkpoint: extra
  // stored hashes and a bundle with entries nobody was told about.
  {
    std::ofstream hashes(directory_ + "/hashes", std::ios::binary | std::ios::app);
    hashes << std::string(32 * 5, '\x55');
    std::vector<std::string> entries;
    for (uint64_t index = 256; index < 262; ++index) entries.push_back("unacknowledged");
    std::filesystem::create_directories(directory_ + "/tile/entries/001.p");
    std::ofstream(directory_ + "/tile/entries/001.p/6", std::ios::binary)
        << *EncodeEntryBundle(entries);
  }
  std::unique_ptr<DurableLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->LatestCheckpoint().size, 260u);
  EXPECT_EQ(log->LatestCheckpoint().root, root_before);
  Result<uint64_t> next = log->Append(EntryText(260));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, 260u);
  MemoryTree expected;
  for (uint64_t index = 0; index <= 260; ++index) expected.Append(LeafHash(EntryText(index)));
  EXPECT_EQ(log->LatestCheckpoint().root, expected.Root());
  EXPECT_EQ(*log->ReadEntry(257), EntryText(257));
}

TEST_F(DurableLogTest, RefusesStateThatDoesNotMatchTheCheckpoint) {
  {
    std::unique_ptr<DurableLog> log = OpenLog();
    ASSERT_NE(log, nullptr);
    for (uint64_t index = 0; index < 10; ++index) ASSERT_TRUE(log->Append(EntryText(index)).ok());
  }
  {
    // Flip a byte of a stored hash.
    std::fstream hashes(directory_ + "/hashes", std::ios::binary | std::ios::in | std::ios::out);
    hashes.seekp(StoredHashIndex(3, 0) * 32);  // the left child of the root of size 10
    hashes.put('\x01');
  }
  Result<std::unique_ptr<DurableLog>> tampered = DurableLog::Open(directory_, TestSigner());
  EXPECT_EQ(tampered.status().code(), StatusCode::kFailedPrecondition);
  Result<std::unique_ptr<DurableLog>> other_key = DurableLog::Open(
      directory_, *NoteSigner::Create("test.example/ledger", std::string(32, 'k')));
  EXPECT_EQ(other_key.status().code(), StatusCode::kFailedPrecondition)
      << "a checkpoint signed by another key is refused";
}

TEST_F(DurableLogTest, OversizedEntriesAreRefused) {
  std::unique_ptr<DurableLog> log = OpenLog();
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->Append(std::string(65536, 'x')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(log->Append(std::string(65535, 'x')).ok());
  EXPECT_EQ(log->LatestCheckpoint().size, 1u);
}

}  // namespace
}  // namespace gongshu
