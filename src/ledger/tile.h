// The tile layout of C2SP tlog-tiles (c2sp.org/tlog-tiles): which tiles a tree has, their paths,
// their bytes, and where a stored hash (merkle.h) lives among them.
//
// Tiles have height 8 and width 256. Hash tile N at tile level L holds the merkle.h hashes at
// level 8 * L, indices N * 256 + i for i in 0..W-1:
//   tile/<L>/<N>            full tile, W = 256: 256 * 32 = 8,192 bytes
//   tile/<L>/<N>.p/<W>      partial tile, 1 <= W <= 255: W * 32 bytes
// Bytes: the W 32-byte SHA-256 hashes concatenated in index order; no header, no padding.
// Level 0 holds the leaf hashes, level L >= 1 the roots of full tiles of level L - 1. The entry
// bundle holding leaves N * 256 .. N * 256 + W - 1 (entry_bundle.h) is
//   tile/entries/<N>[.p/<W>]
// L is decimal without leading zeros, 0..63. N is written as groups of three digits, all but the
// last prefixed with "x" (1234067 -> x001/x234/067, 5 -> 005). W is decimal without leading
// zeros. A tree of size s has, at every level L, floor(s / 256^L) hashes: the full tiles, and a
// partial tile of floor(s / 256^L) mod 256 hashes when that is not 0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ledger/merkle.h"

namespace gongshu {

inline constexpr int kTileHeight = 8;
inline constexpr int kTileWidth = 256;
inline constexpr int kMaxTileLevel = 63;

enum class TileKind {
  kHashes,   // tile/<L>/<N>[.p/<W>]
  kEntries,  // tile/entries/<N>[.p/<W>]
};

// One tile, full (width 256) or partial.
struct TileId {
  TileKind kind = TileKind::kHashes;
  int level = 0;           // L, 0..63; always 0 for entry bundles
  uint64_t index = 0;      // N
  int width = kTileWidth;  // W, 1..256; below 256 for a partial tile

  bool partial() const { return width < kTileWidth; }
  bool operator==(const TileId& other) const = default;
};

// The tile's path relative to the log's prefix, e.g. "tile/0/x001/x234/067.p/112".
// REQUIRES: the fields are in the ranges above.
std::string TilePath(const TileId& tile);

// The tile named by `path` (relative to the prefix, as TilePath writes it). InvalidArgument for
// anything else, naming what is wrong: a missing "tile/" element, a level with leading zeros or
// above 63, an index group that is not three digits (with "x" before all but the last), a
// leading "x000" group, an index above 2^64 - 1, a width outside 1..255 or with leading zeros.
Result<TileId> ParseTilePath(std::string_view path);

// The hash tiles of a tree of `size` leaves, full and partial, by level and then index: about
// size / 255 of them, so callers list only trees they hold. Size 70,000: tile/0/000 ..
// tile/0/272, tile/0/273.p/112, tile/1/000, tile/1/001.p/17, tile/2/000.p/1.
std::vector<TileId> TilesForSize(uint64_t size);

// The hash tiles of a tree of `new_size` leaves that a tree of `old_size` leaves lacks: the new
// tiles and those that grew wider, by level and then index: what a log writes after growing,
// about (new_size - old_size) / 255 + 8 tiles. Empty when new_size <= old_size.
std::vector<TileId> NewTiles(uint64_t old_size, uint64_t new_size);

// The bytes of hash tile `tile`, read hash by hash from `reader`. InvalidArgument for an entry
// bundle; reader errors unchanged (so NotFound from a MemoryTree that lacks the tile's hashes).
Result<std::string> ReadTileData(const TileId& tile, const HashReader& reader);

// Where the hash (level, index) can be computed from: it is the MTH of the `count` consecutive
// hashes starting at position `first` of hash tile `tile`. `count` is 2^(level mod 8) (1 when the
// level is a tile level) and `tile.width` is the least width that holds them, first + count.
struct TileSpan {
  TileId tile;
  int first = 0;
  int count = 1;
};

// REQUIRES: 0 <= level <= 63 and the hash exists in some tree: index < 2^(64 - level).
TileSpan TileSpanForHash(int level, uint64_t index);

// The hash (level, index) computed from `data`, the bytes of hash tile `tile`, which must be the
// tile of TileSpanForHash(level, index) at that width or wider. InvalidArgument when it is
// another tile, too narrow, or `data` is not tile.width * 32 bytes.
Result<Hash> HashFromTileData(int level, uint64_t index, const TileId& tile, std::string_view data);

}  // namespace gongshu
