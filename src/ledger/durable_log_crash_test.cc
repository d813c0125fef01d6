// Crash tests of the durable log. A child process appends from 16 threads and reports every
// acknowledged append through a pipe; the parent kills it with SIGKILL at a random moment, reopens
// the log and checks that every acknowledged entry is where its index says, that the checkpoint
// covers them, and that its root, tiles and entries agree, for the tiles of every size the log
// had since the previous round too. The log grows across rounds, so each round also recovers from
// the previous round's crash. A second test sets up one such crash exactly: a batch lost after
// its tiles were written, which must not be served once the log has grown past them.
//
// SIGKILL loses what the process had not yet written, never what the kernel holds: these tests
// check the order of writes and recovery, not fsync (a power loss).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "ledger/durable_log.h"
#include "ledger/entry_bundle.h"

namespace gongshu {
namespace {

constexpr int kRounds = 24;
constexpr int kAppenderThreads = 16;
// The parent reads acknowledgements for a random time in this range after the first one...
constexpr int kMinRunMs = 20;
constexpr int kMaxRunMs = 200;
// ...or until it has read this many, which bounds the log (and the checks) per round.
constexpr size_t kMaxAcksPerRound = 6000;
// How long the child may take to open the log and acknowledge its first append.
constexpr int kFirstAckTimeoutMs = 20000;
// A child that is never killed (its parent died) ends itself after this long.
constexpr unsigned kChildLifetimeSeconds = 120;
constexpr uint32_t kSeed = 20261123;

constexpr int kExitOpenFailed = 3;
constexpr int kExitAppendFailed = 4;
constexpr int kExitPipeFailed = 5;

// One acknowledgement, written to the pipe in one write(2) of fewer than PIPE_BUF bytes, which
// the kernel never interleaves with another thread's.
struct AckRecord {
  uint64_t index = 0;
  uint32_t length = 0;
  char entry[52] = {};
};
static_assert(sizeof(AckRecord) == 64 && sizeof(AckRecord) <= PIPE_BUF);

// The number of threads of this process, from /proc/self/status; -1 when it cannot be read.
int ThreadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

NoteSigner TestSigner() {
  return *NoteSigner::Create("test.example/ledger", std::string(32, '\x07'));
}

// Distinct across rounds, threads and appends; at most 46 bytes, so it fits an AckRecord.
std::string CrashEntry(int round, int thread_idx, uint64_t sequence) {
  return "round " + std::to_string(round) + " thread " + std::to_string(thread_idx) + " append " +
         std::to_string(sequence);
}

// The child: opens the log, appends from kAppenderThreads threads as fast as the log allows and
// reports each append only after Append returned ok. Never returns; the parent kills it.
[[noreturn]] void RunAppenderChild(const std::string& directory, DurableLogOptions options,
                                   int round, int ack_fd) {
  alarm(kChildLifetimeSeconds);
  signal(SIGPIPE, SIG_IGN);
  Result<std::unique_ptr<DurableLog>> log = DurableLog::Open(directory, TestSigner(), options);
  if (!log.ok()) {
    std::fprintf(stderr, "child: cannot open the log: %s\n", log.status().message().c_str());
    _exit(kExitOpenFailed);
  }
  DurableLog* shared_log = log->get();
  std::vector<std::thread> appenders;
  for (int thread_idx = 0; thread_idx < kAppenderThreads; ++thread_idx) {
    appenders.emplace_back([shared_log, round, thread_idx, ack_fd] {
      for (uint64_t sequence = 0;; ++sequence) {
        std::string entry = CrashEntry(round, thread_idx, sequence);
        Result<uint64_t> index = shared_log->Append(entry);
        if (!index.ok()) {
          std::fprintf(stderr, "child: append failed: %s\n", index.status().message().c_str());
          _exit(kExitAppendFailed);
        }
        AckRecord record;
        record.index = *index;
        record.length = static_cast<uint32_t>(entry.size());
        std::memcpy(record.entry, entry.data(), entry.size());
        ssize_t written;
        do {
          written = write(ack_fd, &record, sizeof(record));
        } while (written < 0 && errno == EINTR);
        if (written != static_cast<ssize_t>(sizeof(record))) _exit(kExitPipeFailed);
      }
    });
  }
  for (std::thread& appender : appenders) appender.join();
  _exit(0);
}

// Reads the acknowledgements from the child's pipe, keeping a partial record for the next read.
class AckReader {
 public:
  explicit AckReader(int fd) : fd_(fd) {}

  // Waits up to `timeout_ms` for data and reads what is there. False at end of file or on error.
  bool ReadSome(int timeout_ms, std::vector<AckRecord>& acks) {
    pollfd readable{fd_, POLLIN, 0};
    int ready = poll(&readable, 1, std::max(timeout_ms, 0));
    if (ready < 0) return errno == EINTR;
    if (ready == 0) return true;
    char chunk[64 * 256];
    ssize_t got = read(fd_, chunk, sizeof(chunk));
    if (got < 0) return errno == EINTR;
    if (got == 0) return false;
    pending_.append(chunk, static_cast<size_t>(got));
    size_t whole = pending_.size() / sizeof(AckRecord) * sizeof(AckRecord);
    for (size_t offset = 0; offset < whole; offset += sizeof(AckRecord)) {
      AckRecord record;
      std::memcpy(&record, pending_.data() + offset, sizeof(record));
      acks.push_back(record);
    }
    pending_.erase(0, whole);
    return true;
  }

  // Bytes of a record cut off when the child died: a record is written whole or not at all.
  size_t leftover() const { return pending_.size(); }

 private:
  int fd_;
  std::string pending_;
};

class DurableLogCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    root_ = testing::MakeTempDir("gongshu-ledger-crash");
    ASSERT_FALSE(root_.empty());
    directory_ = root_ + "/ledger";
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  std::string root_;
  std::string directory_;
};

TEST_F(DurableLogCrashTest, AcknowledgedAppendsSurviveSigkill) {
  std::mt19937 seeded_random(kSeed);
  std::uniform_int_distribution<int> run_ms(kMinRunMs, kMaxRunMs);
  std::uniform_int_distribution<int> small_batch(1, kAppenderThreads - 1);
  std::map<uint64_t, std::string> acknowledged;  // every round's, by index
  uint64_t previous_size = 0;
  Hash previous_root = EmptyRoot();
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // Every other round on average, batches smaller than the number of appenders, so that batch
    // boundaries, and with them the partial tiles a crash leaves behind, fall anywhere.
    DurableLogOptions options;
    if (seeded_random() % 2 == 0) options.batch_max_entries = small_batch(seeded_random);
    // The parent has no other threads here (the previous round's log was closed, which joined
    // its writer), so the child starts as a copy of a single-threaded process and may use
    // anything, not only async-signal-safe calls.
    ASSERT_EQ(ThreadCount(), 1) << "fork needs a single-threaded parent";
    int pipe_fds[2];
    ASSERT_EQ(pipe2(pipe_fds, O_CLOEXEC), 0) << std::strerror(errno);
    pid_t child = fork();
    ASSERT_GE(child, 0) << std::strerror(errno);
    if (child == 0) {
      close(pipe_fds[0]);
      RunAppenderChild(directory_, options, round, pipe_fds[1]);
    }
    close(pipe_fds[1]);

    AckReader reader(pipe_fds[0]);
    std::vector<AckRecord> acks;
    auto start = std::chrono::steady_clock::now();
    auto first_ack_deadline = start + std::chrono::milliseconds(kFirstAckTimeoutMs);
    bool open = true;
    while (open && acks.empty() && std::chrono::steady_clock::now() < first_ack_deadline) {
      open = reader.ReadSome(100, acks);
    }
    auto kill_at =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(run_ms(seeded_random));
    for (auto now = std::chrono::steady_clock::now();
         open && now < kill_at && acks.size() < kMaxAcksPerRound;
         now = std::chrono::steady_clock::now()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(kill_at - now).count();
      open = reader.ReadSome(static_cast<int>(left) + 1, acks);
    }
    size_t acks_before_kill = acks.size();
    kill(child, SIGKILL);
    int wait_status = 0;
    ASSERT_EQ(waitpid(child, &wait_status, 0), child);
    // Every record in the pipe was written after its Append returned: all are acknowledged.
    while (reader.ReadSome(1000, acks)) {
    }
    close(pipe_fds[0]);
    ASSERT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL)
        << "the child ended by itself, exit status "
        << (WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1) << " (3: open failed, "
        << "4: append failed, 5: pipe failed)";
    ASSERT_FALSE(acks.empty()) << "no acknowledgement within " << kFirstAckTimeoutMs << " ms";
    EXPECT_EQ(reader.leftover(), 0u) << "a torn acknowledgement record";

    uint64_t highest = 0;
    for (const AckRecord& ack : acks) {
      ASSERT_LE(ack.length, sizeof(ack.entry));
      std::string entry(ack.entry, ack.length);
      auto [it, inserted] = acknowledged.emplace(ack.index, entry);
      ASSERT_TRUE(inserted) << "index " << ack.index << " acknowledged for \"" << it->second
                            << "\" and again for \"" << entry << "\"";
      highest = std::max(highest, ack.index);
    }
    std::printf(
        "[ round %2d ] %5zu acks (%zu before the kill), highest index %llu, batches of "
        "up to %d\n",
        round, acks.size(), acks_before_kill, static_cast<unsigned long long>(highest),
        options.batch_max_entries);

    {
      Result<std::unique_ptr<DurableLog>> reopened = DurableLog::Open(directory_, TestSigner());
      ASSERT_TRUE(reopened.ok()) << reopened.status().message();
      const DurableLog& log = **reopened;
      Checkpoint checkpoint = log.LatestCheckpoint();
      ASSERT_GE(checkpoint.size, highest + 1) << "acknowledged appends beyond the checkpoint";
      ASSERT_GE(checkpoint.size, previous_size) << "the log went back";

      MemoryTree tree;
      std::vector<std::string> entries;
      entries.reserve(checkpoint.size);
      std::unordered_set<std::string> distinct;
      for (uint64_t index = 0; index < checkpoint.size; ++index) {
        Result<std::string> entry = log.ReadEntry(index);
        ASSERT_TRUE(entry.ok()) << "entry " << index << ": " << entry.status().message();
        EXPECT_TRUE(distinct.insert(*entry).second) << "entry " << index << " appears twice";
        tree.Append(LeafHash(*entry));
        entries.push_back(std::move(*entry));
      }
      for (const auto& [index, entry] : acknowledged) {
        EXPECT_EQ(entries[index], entry) << "acknowledged entry " << index;
      }
      EXPECT_EQ(checkpoint.root, tree.Root()) << "the checkpoint root is not the entries' root";
      Result<Hash> old_root = TreeHash(previous_size, tree);
      ASSERT_TRUE(old_root.ok());
      EXPECT_EQ(*old_root, previous_root) << "the log does not extend the previous checkpoint";
      for (const TileId& tile : TilesForSize(checkpoint.size)) {
        Result<std::string> served = log.ReadTile(tile);
        ASSERT_TRUE(served.ok()) << TilePath(tile) << ": " << served.status().message();
        EXPECT_TRUE(*served == *ReadTileData(tile, tree))
            << TilePath(tile) << " differs from the tile of the entries";
      }
      // Clients may fetch the tiles of any size the log had. Since the previous round the log
      // recovered from that round's crash and grew past whatever the lost batch had written:
      // every tile of every size in between must hold this log's hashes and entries.
      for (int level = 0; level <= kMaxTileLevel && (checkpoint.size >> (kTileHeight * level)) > 0;
           ++level) {
        uint64_t hashes_before = previous_size >> (kTileHeight * level);
        uint64_t hashes_now = checkpoint.size >> (kTileHeight * level);
        for (uint64_t index = hashes_before / kTileWidth; index <= (hashes_now - 1) / kTileWidth;
             ++index) {
          uint64_t first = index * kTileWidth;
          int widest = static_cast<int>(std::min<uint64_t>(kTileWidth, hashes_now - first));
          for (int width = 1; width <= widest; ++width) {
            TileId hashes{TileKind::kHashes, level, index, width};
            Result<std::string> served = log.ReadTile(hashes);
            ASSERT_TRUE(served.ok()) << TilePath(hashes) << ": " << served.status().message();
            EXPECT_TRUE(*served == *ReadTileData(hashes, tree))
                << TilePath(hashes) << " differs from the tile of the entries";
            if (level > 0) continue;
            TileId bundle{TileKind::kEntries, 0, index, width};
            served = log.ReadTile(bundle);
            ASSERT_TRUE(served.ok()) << TilePath(bundle) << ": " << served.status().message();
            Result<std::vector<std::string>> bundle_entries = DecodeEntryBundle(*served);
            ASSERT_TRUE(bundle_entries.ok()) << TilePath(bundle);
            EXPECT_TRUE(std::equal(bundle_entries->begin(), bundle_entries->end(),
                                   entries.begin() + static_cast<long>(first),
                                   entries.begin() + static_cast<long>(first) + width))
                << TilePath(bundle) << " differs from the entries";
          }
        }
      }
      previous_size = checkpoint.size;
      previous_root = checkpoint.root;
    }  // closes the log and joins its writer before the next fork
    if (HasFatalFailure() || HasNonfatalFailure()) return;
  }
  std::printf("[ crash  ] %d rounds, %zu acknowledged appends, final size %llu\n", kRounds,
              acknowledged.size(), static_cast<unsigned long long>(previous_size));
}

// A batch written but not yet checkpointed when the process died leaves its partial tiles on
// disk. After recovery the log grows past them with other entries; tiles of the sizes between
// must then hold those entries, not the lost batch's.
TEST_F(DurableLogCrashTest, TilesOfALostBatchAreNotServedAfterRecovery) {
  DurableLogOptions one_batch_per_call{.batch_max_entries = 1024, .batch_max_wait_ms = 0};
  auto entries_of = [](const std::string& prefix, int count) {
    std::vector<std::string> entries;
    for (int number = 0; number < count; ++number) {
      entries.push_back(prefix + " " + std::to_string(number));
    }
    return entries;
  };
  auto open_log = [&] {
    Result<std::unique_ptr<DurableLog>> log =
        DurableLog::Open(directory_, TestSigner(), one_batch_per_call);
    EXPECT_TRUE(log.ok()) << log.status().message();
    return log.ok() ? std::move(*log) : nullptr;
  };
  std::vector<std::string> expected = entries_of("kept", 10);
  {
    std::unique_ptr<DurableLog> log = open_log();
    ASSERT_NE(log, nullptr);
    ASSERT_TRUE(log->AppendAll(expected).ok());
  }
  std::string saved = root_ + "/size-10";
  std::filesystem::copy(directory_, saved, std::filesystem::copy_options::recursive);
  {
    // One batch of 15 that the crash below will lose.
    std::unique_ptr<DurableLog> log = open_log();
    ASSERT_NE(log, nullptr);
    ASSERT_TRUE(log->AppendAll(entries_of("lost", 15)).ok());
    ASSERT_EQ(log->LatestCheckpoint().size, 25u);
  }
  // The state of a crash just before the checkpoint of size 25 replaced that of size 10: the
  // batch's hashes, bundle and tiles are on disk beside the old checkpoint and its partial tiles.
  for (const char* path : {"checkpoint", "tile/entries/000.p/10", "tile/0/000.p/10"}) {
    std::filesystem::copy_file(saved + "/" + path, directory_ + "/" + path,
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::unique_ptr<DurableLog> log = open_log();
  ASSERT_NE(log, nullptr);
  ASSERT_EQ(log->LatestCheckpoint().size, 10u);
  for (const char* prefix : {"after a", "after b"}) {
    std::vector<std::string> batch = entries_of(prefix, 10);
    ASSERT_TRUE(log->AppendAll(batch).ok());
    expected.insert(expected.end(), batch.begin(), batch.end());
  }
  ASSERT_EQ(log->LatestCheckpoint().size, 30u);
  MemoryTree tree;
  for (const std::string& entry : expected) tree.Append(LeafHash(entry));
  EXPECT_EQ(log->LatestCheckpoint().root, tree.Root());
  // Sizes 11..30 each existed as a checkpoint or lie under one; clients may fetch their tiles.
  for (int width = 1; width <= 30; ++width) {
    TileId hashes{TileKind::kHashes, 0, 0, width};
    Result<std::string> served = log->ReadTile(hashes);
    ASSERT_TRUE(served.ok()) << TilePath(hashes) << ": " << served.status().message();
    EXPECT_TRUE(*served == *ReadTileData(hashes, tree))
        << TilePath(hashes) << " differs from the tile of the entries";
    TileId bundle{TileKind::kEntries, 0, 0, width};
    served = log->ReadTile(bundle);
    ASSERT_TRUE(served.ok()) << TilePath(bundle) << ": " << served.status().message();
    Result<std::vector<std::string>> entries = DecodeEntryBundle(*served);
    ASSERT_TRUE(entries.ok()) << TilePath(bundle) << ": " << entries.status().message();
    EXPECT_EQ(*entries, std::vector<std::string>(expected.begin(), expected.begin() + width))
        << TilePath(bundle);
  }
}

}  // namespace
}  // namespace gongshu
