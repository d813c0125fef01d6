#include "ledger/durable_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "ledger/entry_bundle.h"
#include "ledger/tile_files.h"

namespace gongshu {
namespace {

constexpr size_t kMaxEntryBytes = 65535;

Status Errno(const std::string& what) {
  return Status::Internal("ledger: " + what + ": " + std::strerror(errno));
}

}  // namespace

uint64_t StoredHashCount(uint64_t size) {
  return 2 * size - static_cast<uint64_t>(std::popcount(size));
}

uint64_t StoredHashIndex(int level, uint64_t index) {
  // The hash (level, index) is completed by leaf m = (index + 1) * 2^level - 1, right after that
  // leaf's hash and the hashes of the levels below it.
  uint64_t last_leaf = ((index + 1) << level) - 1;
  return StoredHashCount(last_leaf) + static_cast<uint64_t>(level);
}

// The `hashes` file: stored hashes at 32-byte slots in StoredHashIndex order. Reads use pread and
// may run concurrently with the writer's appends beyond them.
class DurableLog::StoredHashes final : public HashReader {
 public:
  ~StoredHashes() override {
    if (descriptor_ >= 0) close(descriptor_);
  }

  static Result<std::unique_ptr<StoredHashes>> Open(const std::string& path) {
    auto hashes = std::unique_ptr<StoredHashes>(new StoredHashes());
    hashes->descriptor_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (hashes->descriptor_ < 0) return Errno("cannot open " + path);
    return hashes;
  }

  Result<uint64_t> Count() const {
    struct stat info {};
    if (fstat(descriptor_, &info) != 0) return Errno("cannot stat the hashes file");
    return static_cast<uint64_t>(info.st_size) / sizeof(Hash);
  }

  Status Truncate(uint64_t count) {
    if (ftruncate(descriptor_, static_cast<off_t>(count * sizeof(Hash))) != 0 ||
        fdatasync(descriptor_) != 0) {
      return Errno("cannot truncate the hashes file");
    }
    return Status::Ok();
  }

  Status Write(uint64_t first, const std::vector<Hash>& hashes) {
    const char* data = reinterpret_cast<const char*>(hashes.data());
    size_t remaining = hashes.size() * sizeof(Hash);
    off_t offset = static_cast<off_t>(first * sizeof(Hash));
    while (remaining > 0) {
      ssize_t written = pwrite(descriptor_, data, remaining, offset);
      if (written < 0) {
        if (errno == EINTR) continue;
        return Errno("cannot write the hashes file");
      }
      data += written;
      offset += written;
      remaining -= static_cast<size_t>(written);
    }
    if (fdatasync(descriptor_) != 0) return Errno("cannot sync the hashes file");
    return Status::Ok();
  }

  Result<Hash> ReadAt(uint64_t position) const {
    Hash hash;
    ssize_t read =
        pread(descriptor_, hash.data(), hash.size(), static_cast<off_t>(position * sizeof(Hash)));
    if (read != static_cast<ssize_t>(hash.size())) {
      return Status::Internal("ledger: stored hash " + std::to_string(position) + " is missing");
    }
    return hash;
  }

  Result<Hash> ReadHash(int level, uint64_t index) const override {
    return ReadAt(StoredHashIndex(level, index));
  }

 private:
  StoredHashes() = default;
  int descriptor_ = -1;
};

namespace {

// Reads stored hashes from the file, or from `pending` for positions at or after `first_pending`
// (the hashes of the batch being written).
class BatchReader final : public HashReader {
 public:
  BatchReader(const HashReader& file, uint64_t first_pending, const std::vector<Hash>& pending)
      : file_(file), first_pending_(first_pending), pending_(pending) {}
  Result<Hash> ReadHash(int level, uint64_t index) const override {
    uint64_t position = StoredHashIndex(level, index);
    if (position >= first_pending_) {
      if (position - first_pending_ >= pending_.size()) {
        return Status::Internal("ledger: hash beyond the batch");
      }
      return pending_[position - first_pending_];
    }
    return file_.ReadHash(level, index);
  }

 private:
  const HashReader& file_;
  uint64_t first_pending_;
  const std::vector<Hash>& pending_;
};

}  // namespace

DurableLog::DurableLog(std::string directory, NoteSigner signer, DurableLogOptions options)
    : directory_(std::move(directory)), signer_(std::move(signer)), options_(options) {}

DurableLog::~DurableLog() { Close(); }

Result<std::unique_ptr<DurableLog>> DurableLog::Open(const std::string& directory,
                                                     NoteSigner signer, DurableLogOptions options) {
  std::error_code error;
  std::filesystem::create_directories(directory + "/tile/entries", error);
  if (error) return Status::Internal("ledger: cannot create " + directory + ": " + error.message());
  std::unique_ptr<DurableLog> log(new DurableLog(directory, std::move(signer), options));
  Result<std::unique_ptr<StoredHashes>> hashes = StoredHashes::Open(directory + "/hashes");
  if (!hashes.ok()) return hashes.status();
  log->hashes_ = std::move(*hashes);
  GONGSHU_RETURN_IF_ERROR(log->Recover());
  log->writer_ = std::thread([raw = log.get()] { raw->WriterLoop(); });
  return log;
}

Status DurableLog::Recover() {
  Checkpoint checkpoint;
  checkpoint.origin = signer_.name();
  checkpoint.root = EmptyRoot();
  Result<std::string> note = ReadLedgerFile(directory_ + "/checkpoint");
  if (note.ok()) {
    Result<NoteVerifier> verifier = ParseVerifierKey(signer_.VerifierKey());
    if (!verifier.ok()) return verifier.status();
    Result<std::string> text = OpenNote(*note, *verifier);
    if (!text.ok()) {
      return Status::FailedPrecondition(
          "ledger: the checkpoint is not signed by this node's key (" + text.status().message() +
          ")");
    }
    Result<Checkpoint> parsed = ParseCheckpoint(*text);
    if (!parsed.ok()) return parsed.status();
    if (parsed->origin != signer_.name()) {
      return Status::FailedPrecondition("ledger: the checkpoint is for origin " + parsed->origin +
                                        ", this node signs as " + signer_.name());
    }
    checkpoint = *parsed;
  }
  Result<uint64_t> count = hashes_->Count();
  if (!count.ok()) return count.status();
  uint64_t needed = StoredHashCount(checkpoint.size);
  if (*count < needed) {
    return Status::FailedPrecondition("ledger: " + std::to_string(*count) +
                                      " stored hashes, the checkpoint needs " +
                                      std::to_string(needed) + "; run `gongshu ledger verify`");
  }
  if (*count > needed) {
    // The removals are made durable before the hashes that reveal them are truncated away.
    RemoveTilesOfLostBatch(checkpoint.size, *count);
    GONGSHU_RETURN_IF_ERROR(SyncDirectories());
    GONGSHU_RETURN_IF_ERROR(hashes_->Truncate(needed));
  }
  Result<Hash> root = TreeHash(checkpoint.size, *hashes_);
  if (!root.ok()) return root.status();
  if (*root != checkpoint.root) {
    return Status::FailedPrecondition(
        "ledger: the stored hashes do not give the checkpoint's root; run `gongshu ledger verify`");
  }
  uint64_t open_entries = checkpoint.size % kTileWidth;
  if (open_entries > 0) {
    TileId bundle{TileKind::kEntries, 0, checkpoint.size / kTileWidth,
                  static_cast<int>(open_entries)};
    Result<std::string> data = ReadTileFile(bundle);
    if (!data.ok()) return data.status();
    Result<std::vector<std::string>> entries = DecodeEntryBundle(*data);
    if (!entries.ok()) return entries.status();
    open_bundle_ = std::move(*entries);
  }
  std::string signed_note = note.ok() ? *note : signer_.Sign(FormatCheckpoint(checkpoint));
  if (!note.ok()) GONGSHU_RETURN_IF_ERROR(WriteFileDurably("checkpoint", signed_note));
  GONGSHU_RETURN_IF_ERROR(SyncDirectories());
  std::lock_guard<std::mutex> lock(mutex_);
  checkpoint_ = checkpoint;
  signed_checkpoint_ = signed_note;
  return Status::Ok();
}

void DurableLog::RemoveTilesOfLostBatch(uint64_t size, uint64_t stored_hashes) {
  // The batch that was lost had written its hashes (they come first); the largest size they
  // cover bounds every tile and bundle it may have written.
  uint64_t lost_size = size;
  uint64_t high = stored_hashes;
  while (lost_size < high) {
    uint64_t middle = lost_size + (high - lost_size + 1) / 2;
    if (StoredHashCount(middle) <= stored_hashes) {
      lost_size = middle;
    } else {
      high = middle - 1;
    }
  }
  // Every tile (and bundle) from the one holding the log's edge to the lost batch's edge: its
  // full file and every partial file wider than the log's own are the lost batch's.
  auto remove_beyond = [this](TileKind kind, int level, uint64_t hashes_now, uint64_t hashes_lost) {
    for (uint64_t index = hashes_now / kTileWidth; index <= hashes_lost / kTileWidth; ++index) {
      int current =
          index == hashes_now / kTileWidth ? static_cast<int>(hashes_now % kTileWidth) : 0;
      for (int width = current + 1; width <= kTileWidth; ++width) {
        std::string path = directory_ + "/" + TilePath({kind, level, index, width});
        if (unlink(path.c_str()) == 0) {
          std::string parent = path.substr(0, path.rfind('/'));
          MarkDirectoryDirty(parent);
        }
      }
    }
  };
  remove_beyond(TileKind::kEntries, 0, size, lost_size);
  for (int level = 0; level < 8 && (lost_size >> (kTileHeight * level)) > 0; ++level) {
    remove_beyond(TileKind::kHashes, level, size >> (kTileHeight * level),
                  lost_size >> (kTileHeight * level));
  }
}

Result<uint64_t> DurableLog::Append(std::string entry) {
  if (entry.size() > kMaxEntryBytes) {
    return Status::InvalidArgument("a ledger entry has at most 65,535 bytes, got " +
                                   std::to_string(entry.size()));
  }
  auto pending = std::make_shared<Pending>();
  pending->entry = std::move(entry);
  std::unique_lock<std::mutex> lock(mutex_);
  if (closing_) return Status::Unavailable("the ledger is closed");
  if (!failure_.ok()) return failure_;
  queue_.push_back(pending);
  work_available_.notify_one();
  batch_done_.wait(lock, [&pending] { return pending->done; });
  if (!pending->status.ok()) return pending->status;
  return pending->index;
}

Result<std::vector<uint64_t>> DurableLog::AppendAll(std::vector<std::string> entries) {
  std::vector<std::shared_ptr<Pending>> pendings;
  for (std::string& entry : entries) {
    if (entry.size() > kMaxEntryBytes) {
      return Status::InvalidArgument("a ledger entry has at most 65,535 bytes, got " +
                                     std::to_string(entry.size()));
    }
    auto pending = std::make_shared<Pending>();
    pending->entry = std::move(entry);
    pendings.push_back(std::move(pending));
  }
  std::unique_lock<std::mutex> lock(mutex_);
  if (closing_) return Status::Unavailable("the ledger is closed");
  if (!failure_.ok()) return failure_;
  queue_.insert(queue_.end(), pendings.begin(), pendings.end());
  work_available_.notify_one();
  batch_done_.wait(lock, [&pendings] {
    return std::all_of(pendings.begin(), pendings.end(),
                       [](const std::shared_ptr<Pending>& pending) { return pending->done; });
  });
  std::vector<uint64_t> indices;
  for (const auto& pending : pendings) {
    if (!pending->status.ok()) return pending->status;
    indices.push_back(pending->index);
  }
  return indices;
}

void DurableLog::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  work_available_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void DurableLog::WriterLoop() {
  for (;;) {
    std::vector<std::shared_ptr<Pending>> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_available_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, nothing left
      // Group commit: wait a little for more appenders, unless the batch is already full.
      auto deadline =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.batch_max_wait_ms);
      work_available_.wait_until(lock, deadline, [this] {
        return closing_ || static_cast<int>(queue_.size()) >= options_.batch_max_entries;
      });
      size_t take = std::min(queue_.size(), static_cast<size_t>(options_.batch_max_entries));
      batch.assign(queue_.begin(), queue_.begin() + static_cast<long>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(take));
    }
    Status status = failure_.ok() ? WriteBatch(batch) : failure_;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!status.ok()) failure_ = status;
      for (const auto& pending : batch) {
        pending->status = status;
        pending->done = true;
      }
    }
    batch_done_.notify_all();
  }
}

Status DurableLog::WriteBatch(const std::vector<std::shared_ptr<Pending>>& batch) {
  uint64_t old_size = LatestCheckpoint().size;
  uint64_t new_size = old_size + batch.size();
  uint64_t first_position = StoredHashCount(old_size);

  // 1. The stored hashes of the new leaves and of the nodes they complete.
  std::vector<Hash> pending_hashes;
  pending_hashes.reserve(batch.size() * 2);
  BatchReader reader(*hashes_, first_position, pending_hashes);
  for (size_t offset = 0; offset < batch.size(); ++offset) {
    uint64_t leaf = old_size + offset;
    batch[offset]->index = leaf;
    pending_hashes.push_back(LeafHash(batch[offset]->entry));
    for (int level = 1; ((leaf + 1) & ((uint64_t{1} << level) - 1)) == 0; ++level) {
      uint64_t index = ((leaf + 1) >> level) - 1;
      Result<Hash> left = reader.ReadHash(level - 1, 2 * index);
      if (!left.ok()) return left.status();
      pending_hashes.push_back(NodeHash(*left, pending_hashes.back()));
    }
  }
  GONGSHU_RETURN_IF_ERROR(hashes_->Write(first_position, pending_hashes));

  // 2. Entry bundles: every bundle this batch filled, and the open one.
  for (const auto& pending : batch) {
    open_bundle_.push_back(pending->entry);
    if (open_bundle_.size() == kTileWidth) {
      uint64_t bundle_index = (pending->index + 1) / kTileWidth - 1;
      Result<std::string> data = EncodeEntryBundle(open_bundle_);
      if (!data.ok()) return data.status();
      GONGSHU_RETURN_IF_ERROR(
          WriteFileDurably(TilePath({TileKind::kEntries, 0, bundle_index, kTileWidth}), *data));
      open_bundle_.clear();
    }
  }
  if (!open_bundle_.empty()) {
    Result<std::string> data = EncodeEntryBundle(open_bundle_);
    if (!data.ok()) return data.status();
    GONGSHU_RETURN_IF_ERROR(WriteFileDurably(TilePath({TileKind::kEntries, 0, new_size / kTileWidth,
                                                       static_cast<int>(open_bundle_.size())}),
                                             *data));
  }

  // 3. Hash tiles that are new or grew.
  for (const TileId& tile : NewTiles(old_size, new_size)) {
    Result<std::string> data = ReadTileData(tile, *hashes_);
    if (!data.ok()) return data.status();
    GONGSHU_RETURN_IF_ERROR(WriteFileDurably(TilePath(tile), *data));
  }
  GONGSHU_RETURN_IF_ERROR(SyncDirectories());

  // 4. The checkpoint, last: until it is in place the batch does not exist.
  Checkpoint checkpoint;
  checkpoint.origin = signer_.name();
  checkpoint.size = new_size;
  Result<Hash> root = TreeHash(new_size, *hashes_);
  if (!root.ok()) return root.status();
  checkpoint.root = *root;
  std::string signed_note = signer_.Sign(FormatCheckpoint(checkpoint));
  GONGSHU_RETURN_IF_ERROR(WriteFileDurably("checkpoint", signed_note));
  GONGSHU_RETURN_IF_ERROR(SyncDirectories());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    checkpoint_ = checkpoint;
    signed_checkpoint_ = std::move(signed_note);
  }
  // Partial tiles the new size superseded: each is a prefix of a wider or full tile now on disk,
  // and ReadTile serves it from there. Removed only after the checkpoint, so recovery to the old
  // size always finds its data.
  std::vector<TileId> current = TilesForSize(new_size);
  std::vector<TileId> superseded;
  for (const TileId& tile : TilesForSize(old_size)) {
    if (tile.partial() && std::find(current.begin(), current.end(), tile) == current.end()) {
      superseded.push_back(tile);
    }
  }
  if (old_size % kTileWidth != 0) {
    superseded.push_back(
        {TileKind::kEntries, 0, old_size / kTileWidth, static_cast<int>(old_size % kTileWidth)});
  }
  for (const TileId& tile : superseded) unlink((directory_ + "/" + TilePath(tile)).c_str());
  return Status::Ok();
}

void DurableLog::MarkDirectoryDirty(const std::string& directory) {
  if (std::find(dirty_directories_.begin(), dirty_directories_.end(), directory) ==
      dirty_directories_.end()) {
    dirty_directories_.push_back(directory);
  }
}

Status DurableLog::WriteFileDurably(const std::string& relative_path, const std::string& contents) {
  std::string path = directory_ + "/" + relative_path;
  std::string parent = path.substr(0, path.rfind('/'));
  std::error_code error;
  if (std::filesystem::create_directories(parent, error)) {
    // New directories must be made durable in their own parents too, up to the log directory.
    for (std::string directory = parent; directory.size() > directory_.size();) {
      directory = directory.substr(0, directory.rfind('/'));
      MarkDirectoryDirty(directory);
    }
  }
  if (error) return Status::Internal("ledger: cannot create " + parent + ": " + error.message());
  std::string temporary = path + ".tmp";
  int descriptor = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor < 0) return Errno("cannot create " + temporary);
  const char* data = contents.data();
  size_t remaining = contents.size();
  while (remaining > 0) {
    ssize_t written = write(descriptor, data, remaining);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) {
      close(descriptor);
      return Errno("cannot write " + temporary);
    }
    data += written;
    remaining -= static_cast<size_t>(written);
  }
  bool synced = fdatasync(descriptor) == 0;
  close(descriptor);
  if (!synced) return Errno("cannot sync " + temporary);
  if (rename(temporary.c_str(), path.c_str()) != 0) return Errno("cannot rename " + temporary);
  MarkDirectoryDirty(parent);
  return Status::Ok();
}

Status DurableLog::SyncDirectories() {
  for (const std::string& directory : dirty_directories_) {
    int descriptor = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor < 0) return Errno("cannot open " + directory);
    bool synced = fsync(descriptor) == 0;
    close(descriptor);
    if (!synced) return Errno("cannot sync " + directory);
  }
  dirty_directories_.clear();
  return Status::Ok();
}

std::string DurableLog::SignedCheckpoint() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return signed_checkpoint_;
}

Checkpoint DurableLog::LatestCheckpoint() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoint_;
}

Result<std::string> DurableLog::ReadTile(const TileId& tile) const {
  // A tile exists for a checkpointed size when all its hashes (or entries) do.
  uint64_t size = LatestCheckpoint().size;
  uint64_t per_hash = uint64_t{1} << (kTileHeight * tile.level);
  uint64_t hashes_at_level = tile.level >= 8 ? 0 : size / per_hash;
  if (tile.index * kTileWidth + static_cast<uint64_t>(tile.width) > hashes_at_level) {
    return Status::NotFound("no such tile in the log yet: " + TilePath(tile));
  }
  return ReadTileFile(tile);
}

Result<std::string> DurableLog::ReadTileFile(const TileId& tile) const {
  return ReadTileFromDirectory(directory_, tile);
}

Result<std::string> DurableLog::ReadEntry(uint64_t index) const {
  uint64_t size = LatestCheckpoint().size;
  if (index >= size) return Status::NotFound("no entry " + std::to_string(index) + " yet");
  uint64_t bundle_index = index / kTileWidth;
  uint64_t in_bundle = std::min<uint64_t>(kTileWidth, size - bundle_index * kTileWidth);
  Result<std::string> data =
      ReadTile({TileKind::kEntries, 0, bundle_index, static_cast<int>(in_bundle)});
  if (!data.ok()) return data.status();
  Result<std::vector<std::string>> entries = DecodeEntryBundle(*data);
  if (!entries.ok()) return entries.status();
  return (*entries)[index % kTileWidth];
}

Result<std::vector<Hash>> DurableLog::ProveInclusion(uint64_t index, uint64_t size) const {
  if (size > LatestCheckpoint().size) {
    return Status::InvalidArgument("the tree size is beyond the latest checkpoint");
  }
  return InclusionProof(index, size, *hashes_);
}

Result<std::vector<Hash>> DurableLog::ProveConsistency(uint64_t old_size, uint64_t new_size) const {
  if (new_size > LatestCheckpoint().size) {
    return Status::InvalidArgument("the tree size is beyond the latest checkpoint");
  }
  return ConsistencyProof(old_size, new_size, *hashes_);
}

Result<Hash> DurableLog::RootAt(uint64_t size) const {
  if (size > LatestCheckpoint().size) {
    return Status::InvalidArgument("the tree size is beyond the latest checkpoint");
  }
  return TreeHash(size, *hashes_);
}

}  // namespace gongshu
