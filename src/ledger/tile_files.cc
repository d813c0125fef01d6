#include "ledger/tile_files.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "ledger/entry_bundle.h"

namespace gongshu {

Result<std::string> ReadLedgerFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound("no file " + path);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

Result<std::string> ReadTileFromDirectory(const std::string& directory, const TileId& tile) {
  Result<std::string> data = ReadLedgerFile(directory + "/" + TilePath(tile));
  if (!data.ok() && tile.partial()) {
    TileId full = tile;
    full.width = kTileWidth;
    data = ReadLedgerFile(directory + "/" + TilePath(full));
    for (int width = tile.width + 1; width < kTileWidth && !data.ok(); ++width) {
      TileId wider = tile;
      wider.width = width;
      data = ReadLedgerFile(directory + "/" + TilePath(wider));
    }
  }
  if (!data.ok()) return Status::Internal("ledger: tile " + TilePath(tile) + " is missing");
  if (tile.kind == TileKind::kHashes) {
    size_t bytes = static_cast<size_t>(tile.width) * sizeof(Hash);
    if (data->size() < bytes) {
      return Status::Internal("ledger: tile " + TilePath(tile) + " is short");
    }
    data->resize(bytes);
    return data;
  }
  Result<std::vector<std::string>> entries = DecodeEntryBundle(*data);
  if (!entries.ok()) {
    return Status::Internal("ledger: bundle " + TilePath(tile) + ": " + entries.status().message());
  }
  if (entries->size() < static_cast<size_t>(tile.width)) {
    return Status::Internal("ledger: bundle " + TilePath(tile) + " is short");
  }
  entries->resize(static_cast<size_t>(tile.width));
  return EncodeEntryBundle(*entries);
}

}  // namespace gongshu
