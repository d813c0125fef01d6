// Reading a log directory's files as C2SP tlog-tiles lays them out (durable_log.h): the bytes of
// any tile or entry bundle of any size the log has had, from the file of that width or from a
// wider one. A partial tile is a prefix of every wider version of it, so a log keeps only the
// widest and still serves every width.
#pragma once

#include <string>

#include "common/status.h"
#include "ledger/tile.h"

namespace gongshu {

// The whole file at `path`; NotFound when it cannot be read.
Result<std::string> ReadLedgerFile(const std::string& path);

// The bytes of `tile` under `directory`: the exact file, else the prefix of the full tile or of a
// wider partial one (for entry bundles, the first `width` entries re-encoded). Internal when no
// file holds it or the file is short or malformed, naming the tile.
Result<std::string> ReadTileFromDirectory(const std::string& directory, const TileId& tile);

}  // namespace gongshu
