// DurableLog: the evidence ledger on disk. Appends are batched (group commit), made durable, then
// covered by a new signed checkpoint; only then is an append acknowledged.
//
// Layout under the log directory (docs/ledger-format.md):
//   checkpoint                 the latest signed checkpoint (C2SP signed note)
//   tile/<L>/<N>[.p/<W>]       hash tiles (C2SP tlog-tiles)
//   tile/entries/<N>[.p/<W>]   entry bundles
//   hashes                     every stored hash (merkle.h) in append order, 32 bytes each, so
//                              that proofs read O(log n) hashes at fixed offsets
// A batch writes, each synced before the next step: the new stored hashes, the new and grown
// tiles and entry bundles (each to a temporary file, synced and renamed), then the checkpoint.
// A crash at any point leaves the previous checkpoint in force; at open the log returns to it
// (anything written beyond it is ignored and later overwritten), after checking that the stored
// hashes give the checkpoint's root. The log never signs a checkpoint that does not extend the
// one before.
//
// Thread-safe: Append may be called from any number of threads; readers (proofs, tiles,
// entries) may run concurrently with appends and see the state of the latest checkpoint.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/status.h"
#include "ledger/checkpoint.h"
#include "ledger/merkle.h"
#include "ledger/note.h"
#include "ledger/tile.h"

namespace gongshu {

struct DurableLogOptions {
  int batch_max_entries = 1024;  // a batch closes at this many entries...
  int batch_max_wait_ms = 2;     // ...or this long after its first entry arrived
};

class DurableLog {
 public:
  ~DurableLog();
  DurableLog(const DurableLog&) = delete;
  DurableLog& operator=(const DurableLog&) = delete;

  // Opens (creating if needed) the log in `directory`, signing checkpoints with `signer` (whose
  // name is the origin). FailedPrecondition when the stored state does not match the signed
  // checkpoint or the checkpoint is another log's; Internal for file errors.
  static Result<std::unique_ptr<DurableLog>> Open(const std::string& directory, NoteSigner signer,
                                                  DurableLogOptions options = {});

  // Appends `entry` and returns its index once it is durable and covered by a signed checkpoint.
  // InvalidArgument for an entry over 65,535 bytes; Unavailable after Close(); Internal when
  // writing failed (the log then refuses further appends).
  Result<uint64_t> Append(std::string entry);

  // Appends `entries` in order (consecutive indices) and returns their indices once all are
  // durable. Errors as for Append; on an error none of the indices is returned.
  Result<std::vector<uint64_t>> AppendAll(std::vector<std::string> entries);

  // Stops accepting appends, finishes the batch in progress and stops the writer thread.
  void Close();

  // The latest signed checkpoint note and its parsed body.
  std::string SignedCheckpoint() const;
  Checkpoint LatestCheckpoint() const;
  const NoteSigner& signer() const { return signer_; }

  // The bytes of a tile (hash tile or entry bundle) that exists for the latest checkpoint or an
  // earlier size. NotFound for a tile beyond the latest checkpoint.
  Result<std::string> ReadTile(const TileId& tile) const;
  // The entry at `index`. NotFound beyond the latest checkpoint.
  Result<std::string> ReadEntry(uint64_t index) const;
  // Proofs within trees no larger than the latest checkpoint (InvalidArgument otherwise).
  Result<std::vector<Hash>> ProveInclusion(uint64_t index, uint64_t size) const;
  Result<std::vector<Hash>> ProveConsistency(uint64_t old_size, uint64_t new_size) const;
  Result<Hash> RootAt(uint64_t size) const;

 private:
  class StoredHashes;
  struct Pending {
    std::string entry;
    uint64_t index = 0;
    bool done = false;
    Status status;
  };

  DurableLog(std::string directory, NoteSigner signer, DurableLogOptions options);
  Status Recover();
  // Removes the tiles and bundles a batch lost in a crash may have left beyond `size`, so that
  // no wider file of theirs is taken for a tile of the log. `stored_hashes` is the length of the
  // hashes file before recovery truncates it.
  void RemoveTilesOfLostBatch(uint64_t size, uint64_t stored_hashes);
  void WriterLoop();
  // Writes `batch` as leaves size_ .. size_ + batch.size() - 1. REQUIRES: writer thread.
  Status WriteBatch(const std::vector<std::shared_ptr<Pending>>& batch);
  Status WriteFileDurably(const std::string& relative_path, const std::string& contents);
  Status SyncDirectories();
  // Notes that `directory` must be synced before the next checkpoint. REQUIRES: writer thread.
  void MarkDirectoryDirty(const std::string& directory);
  // The bytes of `tile` from disk, without checking it against the checkpoint: the exact file,
  // else the prefix of the full tile or of a wider partial one.
  Result<std::string> ReadTileFile(const TileId& tile) const;

  const std::string directory_;
  const NoteSigner signer_;
  const DurableLogOptions options_;
  std::unique_ptr<StoredHashes> hashes_;

  mutable std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable batch_done_;
  std::deque<std::shared_ptr<Pending>> queue_;  // guarded by mutex_
  bool closing_ = false;                        // guarded by mutex_
  Status failure_;                              // guarded by mutex_
  std::string signed_checkpoint_;               // guarded by mutex_
  Checkpoint checkpoint_;                       // guarded by mutex_

  // Writer-thread state: the entries of the current partial bundle, directories to sync.
  std::vector<std::string> open_bundle_;
  std::vector<std::string> dirty_directories_;
  std::thread writer_;
};

// The number of stored hashes of a tree of `size` leaves: 2 * size - popcount(size).
uint64_t StoredHashCount(uint64_t size);
// The position of the hash (level, index) in the stored-hash order: hashes are stored in the
// order a log completes them, each leaf hash followed by the node hashes it completes.
uint64_t StoredHashIndex(int level, uint64_t index);

}  // namespace gongshu
