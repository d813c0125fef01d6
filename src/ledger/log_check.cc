#include "ledger/log_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "ledger/checkpoint.h"
#include "ledger/durable_log.h"
#include "ledger/entry_bundle.h"
#include "ledger/tile.h"
#include "ledger/tile_files.h"

namespace gongshu {

Result<LogCheckReport> CheckLogDirectory(const std::string& directory,
                                         const NoteVerifier& verifier) {
  Result<std::string> note = ReadLedgerFile(directory + "/checkpoint");
  if (!note.ok()) return Status::FailedPrecondition("no checkpoint in " + directory);
  Result<std::string> text = OpenNote(*note, verifier);
  if (!text.ok()) return text.status();
  Result<Checkpoint> checkpoint = ParseCheckpoint(*text);
  if (!checkpoint.ok()) return checkpoint.status();

  LogCheckReport report;
  report.size = checkpoint->size;
  MemoryTree tree;
  for (uint64_t first = 0; first < checkpoint->size; first += kTileWidth) {
    int width = static_cast<int>(std::min<uint64_t>(kTileWidth, checkpoint->size - first));
    TileId bundle{TileKind::kEntries, 0, first / kTileWidth, width};
    Result<std::string> data = ReadTileFromDirectory(directory, bundle);
    if (!data.ok()) return Status::FailedPrecondition(data.status().message());
    Result<std::vector<std::string>> entries = DecodeEntryBundle(*data);
    if (!entries.ok()) {
      return Status::FailedPrecondition("bundle " + TilePath(bundle) + ": " +
                                        entries.status().message());
    }
    for (const std::string& entry : *entries) tree.Append(LeafHash(entry));
  }
  report.root = tree.Root();
  if (report.root != checkpoint->root) {
    return Status::FailedPrecondition("the entries give another root than the checkpoint's");
  }
  for (const TileId& tile : TilesForSize(checkpoint->size)) {
    Result<std::string> stored = ReadTileFromDirectory(directory, tile);
    if (!stored.ok()) return Status::FailedPrecondition(stored.status().message());
    Result<std::string> expected = ReadTileData(tile, tree);
    if (!expected.ok()) return expected.status();
    if (*stored != *expected) {
      return Status::FailedPrecondition("tile " + TilePath(tile) +
                                        " does not match the tile computed from the entries");
    }
    ++report.tiles_checked;
  }
  int descriptor = open((directory + "/hashes").c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return Status::FailedPrecondition("no hashes file in " + directory);
  Status status = Status::Ok();
  for (uint64_t leaf = 0; leaf < checkpoint->size && status.ok(); ++leaf) {
    // Leaf `leaf` stored its hash and the hash of every level it completed.
    for (int level = 0; status.ok(); ++level) {
      if (level > 0 && ((leaf + 1) & ((uint64_t{1} << level) - 1)) != 0) break;
      uint64_t index = ((leaf + 1) >> level) - 1;
      uint64_t position = StoredHashIndex(level, index);
      Hash stored;
      if (pread(descriptor, stored.data(), stored.size(),
                static_cast<off_t>(position * sizeof(Hash))) !=
              static_cast<ssize_t>(sizeof(Hash)) ||
          stored != *tree.ReadHash(level, index)) {
        status = Status::FailedPrecondition("stored hash " + std::to_string(position) + " (level " +
                                            std::to_string(level) + ", index " +
                                            std::to_string(index) + ") is wrong or missing");
      }
      ++report.hashes_checked;
    }
  }
  close(descriptor);
  if (!status.ok()) return status;
  return report;
}

}  // namespace gongshu
