// Ledger benchmark: acknowledged durable appends per second with 1, 16 and 256 concurrent
// appenders, and the latency of inclusion proofs in a tree of 10,000,000 entries.
//
// Workloads:
//   appends   N threads call DurableLog::Append with 100-byte entries for BENCH_SECONDS
//             (default 5), each on a new log with the default DurableLogOptions; an append counts
//             once it returned, that is once it is durable and under a signed checkpoint.
//   tree      a log of BENCH_TREE_SIZE (default 10,000,000) 100-byte entries, built through
//             DurableLog::AppendAll in chunks as large as the batches; the build is timed and
//             stops after BENCH_BUILD_SECONDS (default 300), the proofs then use the size reached.
//   proofs    DurableLog::ProveInclusion at 100,000 random indices of that tree, one thread,
//             each call timed, twice: first with the page cache as the build left it (the share
//             of the hashes file it holds is printed: some machines evict idle file pages, and
//             then proofs wait for the disk), then with the whole hashes file read into the page
//             cache first, as on a node that serves proofs all the time. The target applies to
//             the second.
// Results are checked so that speed is never bought with wrong answers: after each append run no
// index may have been acknowledged twice, the checkpoint must cover exactly the acknowledged
// appends, its root must be the root of the entries the appenders sent in the order of the
// indices they were given, and 1,000 entries read back must be those entries; the tree's root is
// recomputed from its entries; 1 in 100 proofs is verified with VerifyInclusion and a tampered
// one must fail. A failed check ends the run with exit status 1. Checkpoint roots are printed: the
// tree's is the same in every run of a given size, so a change in results is visible.
//
// Other logs are printed beside the append figures as published figures, clearly labelled: they
// were measured elsewhere on other hardware, never in this run, so no ratio is printed for them.
//
// usage: ledger_bench [DIRECTORY]   (bench/run.sh runs it after the HTTP benchmark)
// The logs are written below DIRECTORY, default a new directory under $TMPDIR or /tmp, and
// removed at the end. The tree needs about 2.1 GB of disk.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "ledger/durable_log.h"
#include "ledger/merkle.h"
#include "ledger/verify.h"

namespace gongshu {
namespace {

constexpr size_t kEntryBytes = 100;
constexpr int kAppenderCounts[] = {1, 16, 256};
constexpr int kDefaultSeconds = 5;
constexpr uint64_t kDefaultTreeSize = 10'000'000;
constexpr int kDefaultBuildSeconds = 300;
constexpr int kTreeBatchEntries = 65536;
constexpr int kProofSamples = 100'000;
constexpr int kVerifyEvery = 100;  // 1 in 100 proofs is verified
constexpr int kEntrySamplesPerRun = 1000;
constexpr uint64_t kSeed = 20261123;
constexpr double kTargetAppendsPerSecond = 20'000;
constexpr double kTargetProofP99Micros = 100;
constexpr const char* kPublishedAppends =
    "Tessera POSIX ~2,900/s (mirrored HDD), ~10,000/s (NVMe, 7 cores); Trillian+MySQL 400-500/s";

NoteSigner BenchSigner() {
  return *NoteSigner::Create("bench.example/ledger", std::string(32, '\x2a'));
}

// `head` padded with 'x' to a JSON object of exactly kEntryBytes bytes.
std::string PaddedEntry(const char* head) {
  std::string entry(head);
  entry.append(kEntryBytes - entry.size() - 2, 'x');
  entry += "\"}";
  return entry;
}

std::string AppendEntry(int appender, uint64_t sequence) {
  char head[80];
  std::snprintf(head, sizeof(head),
                "{\"bench\":\"append\",\"appender\":%d,\"seq\":%" PRIu64 ",\"pad\":\"", appender,
                sequence);
  return PaddedEntry(head);
}

std::string TreeEntry(uint64_t index) {
  char head[80];
  std::snprintf(head, sizeof(head), "{\"bench\":\"tree\",\"index\":%" PRIu64 ",\"pad\":\"", index);
  return PaddedEntry(head);
}

// The RFC 6962 root of leaves added one at a time, keeping only the roots of the perfect
// subtrees of the leaves so far (at most 64 hashes).
class StreamingRoot {
 public:
  void Add(const Hash& leaf_hash) {
    Hash node = leaf_hash;
    for (uint64_t count = count_; (count & 1) != 0; count >>= 1) {
      node = NodeHash(subtrees_.back(), node);
      subtrees_.pop_back();
    }
    subtrees_.push_back(node);
    ++count_;
  }
  Hash Root() const {
    if (subtrees_.empty()) return EmptyRoot();
    Hash root = subtrees_.back();
    for (auto subtree = subtrees_.rbegin() + 1; subtree != subtrees_.rend(); ++subtree) {
      root = NodeHash(*subtree, root);
    }
    return root;
  }

 private:
  uint64_t count_ = 0;
  std::vector<Hash> subtrees_;
};

std::string Hex(const Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t byte : hash) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The value at quantile `q` of `sorted`. REQUIRES: not empty.
template <typename T>
T Quantile(const std::vector<T>& sorted, double q) {
  size_t position = static_cast<size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(position, sorted.size() - 1)];
}

uint64_t EnvNumber(const char* name, uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (*end != '\0' || value == 0) {
    std::fprintf(stderr, "ledger bench: %s must be a positive integer, got \"%s\"\n", name, text);
    std::exit(2);
  }
  return value;
}

// "ext4 on /dev/vda (mounted at /)": the filesystem holding `path`, from /proc/self/mounts.
std::string FilesystemOf(const std::string& path) {
  std::error_code error;
  std::string canonical = std::filesystem::canonical(path, error).string();
  std::ifstream mounts("/proc/self/mounts");
  std::string line;
  std::string best_mount_point;
  std::string description = "unknown filesystem";
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string source, mount_point, type;
    fields >> source >> mount_point >> type;
    bool holds = mount_point == "/" || canonical == mount_point ||
                 canonical.compare(0, mount_point.size() + 1, mount_point + "/") == 0;
    if (holds && mount_point.size() >= best_mount_point.size()) {
      best_mount_point = mount_point;
      description = type + " on " + source + " (mounted at " + mount_point + ")";
    }
  }
  return description;
}

// The share of the pages of the file at `path` that are in the page cache (mincore); -1 when
// that cannot be told.
double CachedShare(const std::string& path) {
  int descriptor = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return -1;
  struct stat info {};
  double share = -1;
  if (fstat(descriptor, &info) == 0 && info.st_size > 0) {
    size_t length = static_cast<size_t>(info.st_size);
    void* mapping = mmap(nullptr, length, PROT_READ, MAP_SHARED, descriptor, 0);
    if (mapping != MAP_FAILED) {
      size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
      std::vector<unsigned char> resident((length + page - 1) / page);
      if (mincore(mapping, length, resident.data()) == 0) {
        size_t cached = 0;
        for (unsigned char flags : resident) cached += flags & 1;
        share = static_cast<double>(cached) / static_cast<double>(resident.size());
      }
      munmap(mapping, length);
    }
  }
  close(descriptor);
  return share;
}

// Reads the file at `path` from start to end, which leaves its pages in the page cache.
void ReadThrough(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (file.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
         file.gcount() > 0) {
  }
}

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "ledger bench: FAILED: %s\n", message.c_str());
  std::exit(1);
}

std::unique_ptr<DurableLog> OpenLog(const std::string& directory, DurableLogOptions options) {
  Result<std::unique_ptr<DurableLog>> log = DurableLog::Open(directory, BenchSigner(), options);
  if (!log.ok()) Fail("cannot open a log in " + directory + ": " + log.status().message());
  return std::move(*log);
}

struct AppendRun {
  int appenders = 0;
  uint64_t acknowledged = 0;
  double seconds = 0;
  double latency_p50_ms = 0;
  double latency_p99_ms = 0;
  Hash root{};
};

// `appenders` threads append for `seconds` to a new log in `directory`, then the log is checked
// against what the appenders were told.
AppendRun RunAppends(const std::string& directory, int appenders, int seconds) {
  std::unique_ptr<DurableLog> log = OpenLog(directory, DurableLogOptions{});
  std::atomic<bool> stop{false};
  std::atomic<bool> failed{false};
  std::vector<std::vector<uint64_t>> indices(appenders);  // [appender][sequence]
  std::vector<std::vector<uint32_t>> latencies_us(appenders);
  std::latch started(appenders + 1);
  std::vector<std::thread> threads;
  for (int appender = 0; appender < appenders; ++appender) {
    threads.emplace_back([&, appender] {
      started.arrive_and_wait();
      for (uint64_t sequence = 0; !stop.load(std::memory_order_relaxed); ++sequence) {
        auto begin = std::chrono::steady_clock::now();
        Result<uint64_t> index = log->Append(AppendEntry(appender, sequence));
        auto end = std::chrono::steady_clock::now();
        if (!index.ok()) {
          std::fprintf(stderr, "ledger bench: append failed: %s\n",
                       index.status().message().c_str());
          failed = true;
          return;
        }
        indices[appender].push_back(*index);
        latencies_us[appender].push_back(static_cast<uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(end - begin).count()));
      }
    });
  }
  started.arrive_and_wait();
  auto start = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (std::thread& thread : threads) thread.join();
  AppendRun run;
  run.appenders = appenders;
  run.seconds = SecondsSince(start);
  if (failed) Fail("an append failed");

  // Every index acknowledged once, the checkpoint exactly as large, and its root the root of the
  // entries the appenders sent, in the order of their indices.
  Checkpoint checkpoint = log->LatestCheckpoint();
  std::vector<std::pair<int, uint64_t>> sender(checkpoint.size, {-1, 0});
  std::vector<uint32_t> all_latencies;
  for (int appender = 0; appender < appenders; ++appender) {
    run.acknowledged += indices[appender].size();
    for (uint64_t sequence = 0; sequence < indices[appender].size(); ++sequence) {
      uint64_t index = indices[appender][sequence];
      if (index >= checkpoint.size || sender[index].first != -1) {
        Fail("index " + std::to_string(index) + " acknowledged twice or beyond the checkpoint");
      }
      sender[index] = {appender, sequence};
    }
    all_latencies.insert(all_latencies.end(), latencies_us[appender].begin(),
                         latencies_us[appender].end());
  }
  if (run.acknowledged != checkpoint.size) {
    Fail(std::to_string(run.acknowledged) + " appends acknowledged, checkpoint size " +
         std::to_string(checkpoint.size));
  }
  StreamingRoot expected;
  for (const auto& [appender, sequence] : sender) {
    expected.Add(LeafHash(AppendEntry(appender, sequence)));
  }
  if (expected.Root() != checkpoint.root) Fail("the checkpoint root is not the entries' root");
  std::mt19937_64 random(kSeed);
  for (int sample = 0; sample < kEntrySamplesPerRun && checkpoint.size > 0; ++sample) {
    uint64_t index = random() % checkpoint.size;
    Result<std::string> entry = log->ReadEntry(index);
    if (!entry.ok() || *entry != AppendEntry(sender[index].first, sender[index].second)) {
      Fail("entry " + std::to_string(index) + " is not what its appender sent");
    }
  }
  std::sort(all_latencies.begin(), all_latencies.end());
  if (!all_latencies.empty()) {
    run.latency_p50_ms = Quantile(all_latencies, 0.50) / 1000.0;
    run.latency_p99_ms = Quantile(all_latencies, 0.99) / 1000.0;
  }
  run.root = checkpoint.root;
  return run;
}

struct TreeBuild {
  uint64_t size = 0;
  double seconds = 0;
  double verify_seconds = 0;
  Hash root{};
};

// Appends TreeEntry(0 .. target - 1) in order through AppendAll, each call one batch, until the
// tree has `target` entries or `budget_seconds` have passed; then recomputes the root from the
// entries. One caller keeps the order, and so the root, the same in every run: the writer works
// on a batch while nothing else needs doing, so more callers would only reorder the entries.
TreeBuild BuildTree(DurableLog& log, uint64_t target, int budget_seconds) {
  TreeBuild build;
  auto start = std::chrono::steady_clock::now();
  uint64_t next_report = target / 10;
  while (build.size < target && SecondsSince(start) < budget_seconds) {
    uint64_t count = std::min<uint64_t>(kTreeBatchEntries, target - build.size);
    std::vector<std::string> chunk;
    chunk.reserve(count);
    for (uint64_t index = build.size; index < build.size + count; ++index) {
      chunk.push_back(TreeEntry(index));
    }
    Result<std::vector<uint64_t>> indices = log.AppendAll(std::move(chunk));
    if (!indices.ok()) Fail("append failed: " + indices.status().message());
    if (indices->front() != build.size || indices->back() != build.size + count - 1) {
      Fail("AppendAll returned indices out of order");
    }
    build.size += count;
    if (build.size >= next_report) {
      std::fprintf(stderr, "ledger bench: tree at %" PRIu64 " entries after %.1f s\n", build.size,
                   SecondsSince(start));
      next_report += target / 10;
    }
  }
  build.seconds = SecondsSince(start);
  Checkpoint checkpoint = log.LatestCheckpoint();
  if (checkpoint.size != build.size) Fail("the checkpoint does not cover the tree");
  auto verify_start = std::chrono::steady_clock::now();
  StreamingRoot expected;
  for (uint64_t index = 0; index < build.size; ++index) expected.Add(LeafHash(TreeEntry(index)));
  if (expected.Root() != checkpoint.root) Fail("the tree's root is not the entries' root");
  build.verify_seconds = SecondsSince(verify_start);
  build.root = checkpoint.root;
  return build;
}

struct ProofLatency {
  double p50_us = 0;
  double p99_us = 0;
  double max_us = 0;
  double mean_us = 0;
  double cached_share = 0;  // of the hashes file, before the pass
  int verified = 0;
};

// kProofSamples proofs at random indices (the same ones in every pass), each timed.
ProofLatency MeasureProofs(const DurableLog& log, const Checkpoint& checkpoint,
                           const std::string& hashes_path) {
  ProofLatency result;
  result.cached_share = CachedShare(hashes_path);
  std::mt19937_64 random(kSeed);
  std::vector<double> latencies_us;
  latencies_us.reserve(kProofSamples);
  std::vector<std::pair<uint64_t, std::vector<Hash>>> to_verify;
  for (int sample = 0; sample < kProofSamples; ++sample) {
    uint64_t index = random() % checkpoint.size;
    auto begin = std::chrono::steady_clock::now();
    Result<std::vector<Hash>> proof = log.ProveInclusion(index, checkpoint.size);
    auto end = std::chrono::steady_clock::now();
    if (!proof.ok())
      Fail("no proof for " + std::to_string(index) + ": " + proof.status().message());
    latencies_us.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
    if (sample % kVerifyEvery == 0) to_verify.emplace_back(index, std::move(*proof));
  }
  for (const auto& [index, proof] : to_verify) {
    Status verified =
        VerifyInclusion(index, checkpoint.size, LeafHash(TreeEntry(index)), proof, checkpoint.root);
    if (!verified.ok()) {
      Fail("the proof for " + std::to_string(index) + " does not verify: " + verified.message());
    }
    ++result.verified;
  }
  if (!to_verify.empty() && !to_verify[0].second.empty()) {
    std::vector<Hash> tampered = to_verify[0].second;
    tampered[0][0] ^= 1;
    if (VerifyInclusion(to_verify[0].first, checkpoint.size,
                        LeafHash(TreeEntry(to_verify[0].first)), tampered, checkpoint.root)
            .ok()) {
      Fail("a tampered proof verifies");
    }
  }
  double total = 0;
  for (double latency : latencies_us) total += latency;
  std::sort(latencies_us.begin(), latencies_us.end());
  result.p50_us = Quantile(latencies_us, 0.50);
  result.p99_us = Quantile(latencies_us, 0.99);
  result.max_us = latencies_us.back();
  result.mean_us = total / static_cast<double>(latencies_us.size());
  return result;
}

void Row(const std::string& workload, const std::string& measured, const std::string& target,
         const std::string& published) {
  std::printf("%-50s %-14s %-22s %s\n", workload.c_str(), measured.c_str(), target.c_str(),
              published.c_str());
}

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

// "1,234,567".
std::string Grouped(uint64_t value) {
  std::string digits = std::to_string(value);
  std::string grouped;
  for (size_t position = 0; position < digits.size(); ++position) {
    if (position > 0 && (digits.size() - position) % 3 == 0) grouped += ',';
    grouped += digits[position];
  }
  return grouped;
}

int Run(int argc, char** argv) {
  if (!InitSecrets()) Fail("cannot initialize libsodium");
  int seconds = static_cast<int>(EnvNumber("BENCH_SECONDS", kDefaultSeconds));
  uint64_t tree_size = EnvNumber("BENCH_TREE_SIZE", kDefaultTreeSize);
  int build_budget = static_cast<int>(EnvNumber("BENCH_BUILD_SECONDS", kDefaultBuildSeconds));
  bool own_directory = argc < 2;
  std::string directory = own_directory ? testing::MakeTempDir("gongshu-ledger-bench") : argv[1];
  if (directory.empty()) Fail("cannot create a temporary directory");
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) Fail("cannot create " + directory + ": " + error.message());

  DurableLogOptions defaults;
  DurableLogOptions tree_options{.batch_max_entries = kTreeBatchEntries};
  std::printf("ledger bench: %u cores; logs in %s, %s; %zu-byte entries\n",
              std::thread::hardware_concurrency(), directory.c_str(),
              FilesystemOf(directory).c_str(), kEntryBytes);
  std::printf(
      "appends: %d s per run, a new log per run, default DurableLogOptions "
      "{batch_max_entries %d, batch_max_wait_ms %d}\n",
      seconds, defaults.batch_max_entries, defaults.batch_max_wait_ms);
  std::printf(
      "tree: AppendAll of %d entries per call from 1 thread, DurableLogOptions "
      "{batch_max_entries %d, batch_max_wait_ms %d}\n",
      kTreeBatchEntries, tree_options.batch_max_entries, tree_options.batch_max_wait_ms);
  std::fflush(stdout);

  std::vector<AppendRun> runs;
  for (int appenders : kAppenderCounts) {
    std::fprintf(stderr, "ledger bench: %d s of appends, %d appender threads\n", seconds,
                 appenders);
    std::string run_directory = directory + "/appends-" + std::to_string(appenders);
    runs.push_back(RunAppends(run_directory, appenders, seconds));
    std::filesystem::remove_all(run_directory, error);
  }

  std::string tree_directory = directory + "/tree";
  std::unique_ptr<DurableLog> tree_log = OpenLog(tree_directory, tree_options);
  TreeBuild build = BuildTree(*tree_log, tree_size, build_budget);
  std::string hashes_path = tree_directory + "/hashes";  // durable_log.h: the stored hashes
  std::fprintf(stderr, "ledger bench: proofs\n");
  ProofLatency as_built = MeasureProofs(*tree_log, tree_log->LatestCheckpoint(), hashes_path);
  ReadThrough(hashes_path);
  ProofLatency proofs = MeasureProofs(*tree_log, tree_log->LatestCheckpoint(), hashes_path);
  tree_log.reset();
  std::filesystem::remove_all(tree_directory, error);
  if (own_directory) std::filesystem::remove_all(directory, error);

  std::printf("\n");
  Row("workload", "measured", "target", "published figures (NOT measured here)");
  for (const AppendRun& run : runs) {
    double rate = static_cast<double>(run.acknowledged) / run.seconds;
    std::string target;
    if (run.appenders == 256) {
      target = ">= 20,000/s";
      if (rate < kTargetAppendsPerSecond) target += " BELOW";
    }
    Row("acknowledged appends/s, " + std::to_string(run.appenders) +
            (run.appenders == 1 ? " appender" : " appenders"),
        Grouped(static_cast<uint64_t>(rate + 0.5)), target, kPublishedAppends);
    Row("  append latency p50 / p99, ms",
        Format("%.2f", run.latency_p50_ms) + " / " + Format("%.2f", run.latency_p99_ms), "", "");
  }
  std::string tree_label = Grouped(build.size) + " leaves";
  if (build.size < tree_size) tree_label += " (NOT " + Grouped(tree_size) + ": build budget hit)";
  std::printf("inclusion proofs in a tree of %s; hashes file %s in the page cache:\n",
              tree_label.c_str(), Format("%.0f%%", 100 * proofs.cached_share).c_str());
  Row("inclusion proof p50", Format("%.1f us", proofs.p50_us), "", "none given");
  std::string proof_target = "<= 100 us";
  if (proofs.p99_us > kTargetProofP99Micros) proof_target += " ABOVE";
  Row("inclusion proof p99", Format("%.1f us", proofs.p99_us), proof_target, "none given");
  Row("  proof mean / max",
      Format("%.1f us", proofs.mean_us) + " / " + Format("%.0f us", proofs.max_us), "", "");
  Row("  p50 / p99 with the cache as built (" + Format("%.0f%%", 100 * as_built.cached_share) +
          " cached)",
      Format("%.1f", as_built.p50_us) + " / " + Format("%.1f us", as_built.p99_us), "", "");
  std::printf(
      "tree build: %s entries in %.1f s (%s entries/s), root recomputed from the entries "
      "in %.1f s\n",
      Grouped(build.size).c_str(), build.seconds,
      Grouped(static_cast<uint64_t>(static_cast<double>(build.size) / build.seconds)).c_str(),
      build.verify_seconds);
  std::printf(
      "checked: every acknowledged append at its index, checkpoint roots recomputed, "
      "%d of %d proofs verified in each pass, a tampered proof refused\n",
      proofs.verified, kProofSamples);
  for (const AppendRun& run : runs) {
    std::printf("root after %d-appender run (size %s): %s\n", run.appenders,
                Grouped(run.acknowledged).c_str(), Hex(run.root).c_str());
  }
  std::printf("root of the %s-leaf tree (the same in every run): %s\n", Grouped(build.size).c_str(),
              Hex(build.root).c_str());
  return 0;
}

}  // namespace
}  // namespace gongshu

int main(int argc, char** argv) { return gongshu::Run(argc, argv); }
