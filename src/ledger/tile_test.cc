// Tests of ledger/tile.h: C2SP tlog-tiles paths (testdata/tile_paths.tsv), the tile listing of
// reference/tlog.md §2 for 70,000 entries, tile bytes of that log, and locating any stored hash
// in a tile.
#include "ledger/tile.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "ledger/entry_bundle.h"

namespace gongshu {
namespace {

std::string TablePath(const std::string& name) {
  return std::string(GONGSHU_TESTDATA_DIR) + "/" + name;
}

std::string HashBytes(const Hash& hash) {
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::string EvidenceEntry(uint64_t index) {
  return "evidence record " + std::to_string(index) + "\n";
}

// The 70,000-entry log of reference/tlog.md §2.
const MemoryTree& EvidenceLog() {
  static const MemoryTree* tree = [] {
    auto* log = new MemoryTree;
    for (uint64_t index = 0; index < 70000; ++index) log->Append(LeafHash(EvidenceEntry(index)));
    return log;
  }();
  return *tree;
}

// SHA-256 straight from libsodium, for expected values computed without the library.
std::string Sha256(const std::string& data) {
  std::string hash(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(hash.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hash;
}

// The RFC 6962 root of a power-of-two number of hashes, concatenated in `hashes`.
std::string PerfectRoot(const std::string& hashes) {
  std::string level = hashes;
  while (level.size() > 32) {
    std::string parents;
    for (size_t offset = 0; offset < level.size(); offset += 64) {
      parents += Sha256(std::string(1, '\x01') + level.substr(offset, 64));
    }
    level = parents;
  }
  return level;
}

TEST(TileTest, PathTable) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("tile_paths.tsv"));
  ASSERT_GT(rows.size(), 40u);
  for (const testing::TableRow& row : rows) {
    ASSERT_GE(row.cells.size(), 3u) << "tile_paths.tsv line " << row.line;
    const std::string& path = row.cells[0];
    Result<TileId> tile = ParseTilePath(path);
    if (row.cells[1] == "ok") {
      ASSERT_EQ(row.cells.size(), 6u) << "tile_paths.tsv line " << row.line;
      ASSERT_TRUE(tile.ok()) << "line " << row.line << ": " << path << ": "
                             << tile.status().message();
      EXPECT_EQ(tile->kind, row.cells[2] == "entries" ? TileKind::kEntries : TileKind::kHashes)
          << "line " << row.line;
      EXPECT_EQ(tile->level, std::stoi(row.cells[3])) << "line " << row.line;
      EXPECT_EQ(tile->index, std::stoull(row.cells[4])) << "line " << row.line;
      EXPECT_EQ(tile->width, std::stoi(row.cells[5])) << "line " << row.line;
      EXPECT_EQ(TilePath(*tile), path) << "line " << row.line;
    } else {
      ASSERT_EQ(row.cells[1], "error") << "tile_paths.tsv line " << row.line;
      ASSERT_FALSE(tile.ok()) << "line " << row.line << ": " << path << " was accepted";
      EXPECT_EQ(tile.status().code(), StatusCode::kInvalidArgument) << "line " << row.line;
      EXPECT_NE(tile.status().message().find(row.cells[2]), std::string::npos)
          << "line " << row.line << ": " << path << ": message \"" << tile.status().message()
          << "\" lacks \"" << row.cells[2] << "\"";
    }
  }
}

std::vector<std::string> Paths(const std::vector<TileId>& tiles) {
  std::vector<std::string> paths;
  for (const TileId& tile : tiles) paths.push_back(TilePath(tile));
  return paths;
}

// reference/tlog.md §2: "size 70,000 gives 273 full level-0 tiles plus 0/273.p/112, 1/000 plus
// 1/001.p/17, and 2/000.p/1".
TEST(TileTest, TilesOfSeventyThousandEntries) {
  std::vector<std::string> expected;
  for (int index = 0; index < 273; ++index) {
    char path[32];
    std::snprintf(path, sizeof(path), "tile/0/%03d", index);
    expected.push_back(path);
  }
  expected.push_back("tile/0/273.p/112");
  expected.push_back("tile/1/000");
  expected.push_back("tile/1/001.p/17");
  expected.push_back("tile/2/000.p/1");
  EXPECT_EQ(Paths(TilesForSize(70000)), expected);
}

TEST(TileTest, TilesOfSmallAndBoundarySizes) {
  EXPECT_TRUE(TilesForSize(0).empty());
  EXPECT_EQ(Paths(TilesForSize(1)), std::vector<std::string>{"tile/0/000.p/1"});
  EXPECT_EQ(Paths(TilesForSize(255)), std::vector<std::string>{"tile/0/000.p/255"});
  EXPECT_EQ(Paths(TilesForSize(256)), (std::vector<std::string>{"tile/0/000", "tile/1/000.p/1"}));
  EXPECT_EQ(Paths(TilesForSize(257)),
            (std::vector<std::string>{"tile/0/000", "tile/0/001.p/1", "tile/1/000.p/1"}));
  // Growing to 2^64 - 1 leaves: only the last level-0 tile changes. Growing to 255 * 2^56 leaves
  // completes the last tile at every level below 7, where the 255th hash appears.
  EXPECT_EQ(Paths(NewTiles(UINT64_MAX - 1, UINT64_MAX)),
            std::vector<std::string>{"tile/0/x072/x057/x594/x037/x927/935.p/255"});
  EXPECT_EQ(Paths(NewTiles((uint64_t{255} << 56) - 1, uint64_t{255} << 56)),
            (std::vector<std::string>{
                "tile/0/x071/x776/x119/x061/x217/279", "tile/1/x280/x375/x465/x082/879",
                "tile/2/x001/x095/x216/x660/479", "tile/3/x004/x278/x190/079",
                "tile/4/x016/x711/679", "tile/5/x065/279", "tile/6/254", "tile/7/000.p/255"}));
}

TEST(TileTest, NewTilesAfterGrowing) {
  EXPECT_EQ(Paths(NewTiles(70000, 70100)), std::vector<std::string>{"tile/0/273.p/212"});
  EXPECT_EQ(Paths(NewTiles(70000, 70144)),
            (std::vector<std::string>{"tile/0/273", "tile/1/001.p/18"}));
  EXPECT_EQ(Paths(NewTiles(65535, 65536)),
            (std::vector<std::string>{"tile/0/255", "tile/1/000", "tile/2/000.p/1"}));
  EXPECT_TRUE(NewTiles(70000, 70000).empty());
  EXPECT_TRUE(NewTiles(70000, 100).empty());
  EXPECT_EQ(NewTiles(0, 70000), TilesForSize(70000));
}

// Every tile of the new size is either new or unchanged since the old size.
TEST(TileTest, NewTilesAreExactlyTheChangedOnes) {
  std::vector<uint64_t> sizes = {0, 1, 2, 255, 256, 257, 511, 512, 65535, 65536, 65537, 70000};
  for (uint64_t old_size : sizes) {
    for (uint64_t new_size : sizes) {
      if (new_size < old_size) continue;
      std::vector<TileId> old_tiles = TilesForSize(old_size);
      std::vector<TileId> expected;
      for (const TileId& tile : TilesForSize(new_size)) {
        if (std::find(old_tiles.begin(), old_tiles.end(), tile) == old_tiles.end()) {
          expected.push_back(tile);
        }
      }
      EXPECT_EQ(NewTiles(old_size, new_size), expected) << old_size << " -> " << new_size;
    }
  }
}

TEST(TileTest, TileBytesOfTheEvidenceLog) {
  const MemoryTree& log = EvidenceLog();
  // tile/0/000: the leaf hashes of entries 0..255.
  std::string expected_leaves;
  for (uint64_t index = 0; index < 256; ++index) {
    expected_leaves += Sha256(std::string(1, '\x00') + EvidenceEntry(index));
  }
  Result<std::string> level0 = ReadTileData(*ParseTilePath("tile/0/000"), log);
  ASSERT_TRUE(level0.ok()) << level0.status().message();
  EXPECT_EQ(level0->size(), 8192u);
  EXPECT_EQ(*level0, expected_leaves);

  // tile/0/273.p/112: the leaf hashes of entries 69,888..69,999.
  Result<std::string> partial = ReadTileData(*ParseTilePath("tile/0/273.p/112"), log);
  ASSERT_TRUE(partial.ok()) << partial.status().message();
  ASSERT_EQ(partial->size(), 112u * 32);
  EXPECT_EQ(partial->substr(111 * 32), Sha256(std::string(1, '\x00') + EvidenceEntry(69999)));

  // tile/1/001.p/17: hash i is the root of full tile 0/(256 + i).
  Result<std::string> level1 = ReadTileData(*ParseTilePath("tile/1/001.p/17"), log);
  ASSERT_TRUE(level1.ok()) << level1.status().message();
  ASSERT_EQ(level1->size(), 17u * 32);
  for (int position = 0; position < 17; ++position) {
    TileId below{TileKind::kHashes, 0, static_cast<uint64_t>(256 + position), kTileWidth};
    std::string below_data = ReadTileData(below, log).value();
    EXPECT_EQ(level1->substr(position * 32, 32), PerfectRoot(below_data)) << position;
  }

  // tile/2/000.p/1 holds the root of the first 65,536 entries (reference/tlog.md §2).
  Result<std::string> level2 = ReadTileData(*ParseTilePath("tile/2/000.p/1"), log);
  ASSERT_TRUE(level2.ok()) << level2.status().message();
  std::string root_65536(32, '\0');
  size_t length = 0;
  std::string base64 = "N5nnx2X3ZZzDX2rD5yJd1KvmVm1orkPmdrBhCw5wchY=";
  ASSERT_EQ(
      sodium_base642bin(reinterpret_cast<unsigned char*>(root_65536.data()), 32, base64.data(),
                        base64.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
      0);
  EXPECT_EQ(*level2, root_65536);
}

TEST(TileTest, EntryBundleMatchesLevelZeroTile) {
  const MemoryTree& log = EvidenceLog();
  std::vector<std::string> entries;
  for (uint64_t index = 69888; index < 70000; ++index) entries.push_back(EvidenceEntry(index));
  std::string bundle = EncodeEntryBundle(entries).value();
  std::vector<std::string> decoded = DecodeEntryBundle(bundle).value();
  ASSERT_EQ(decoded.size(), 112u);
  std::string hashes;
  for (const std::string& entry : decoded) hashes += HashBytes(LeafHash(entry));
  EXPECT_EQ(hashes, ReadTileData(*ParseTilePath("tile/0/273.p/112"), log).value());
}

TEST(TileTest, ReadTileDataErrors) {
  const MemoryTree& log = EvidenceLog();
  EXPECT_EQ(ReadTileData(*ParseTilePath("tile/entries/000"), log).status().code(),
            StatusCode::kInvalidArgument);
  // Wider than the tree: the reader's NotFound comes back.
  EXPECT_EQ(ReadTileData(*ParseTilePath("tile/0/273.p/113"), log).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ReadTileData(*ParseTilePath("tile/0/274.p/1"), log).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ReadTileData(*ParseTilePath("tile/8/000.p/1"), log).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(TileTest, SpanOfAHash) {
  TileSpan leaf = TileSpanForHash(0, 5);
  EXPECT_EQ(TilePath(leaf.tile), "tile/0/000.p/6");
  EXPECT_EQ(leaf.first, 5);
  EXPECT_EQ(leaf.count, 1);

  TileSpan tile_level = TileSpanForHash(8, 259);
  EXPECT_EQ(TilePath(tile_level.tile), "tile/1/001.p/4");
  EXPECT_EQ(tile_level.first, 3);
  EXPECT_EQ(tile_level.count, 1);

  // Level 3, index 70: leaves 560..567, positions 48..55 of tile 0/002.
  TileSpan inside = TileSpanForHash(3, 70);
  EXPECT_EQ(TilePath(inside.tile), "tile/0/002.p/56");
  EXPECT_EQ(inside.first, 48);
  EXPECT_EQ(inside.count, 8);

  // Level 7, index 1: the right half of tile 0/000, which must be full.
  TileSpan half = TileSpanForHash(7, 1);
  EXPECT_EQ(TilePath(half.tile), "tile/0/000");
  EXPECT_EQ(half.first, 128);
  EXPECT_EQ(half.count, 128);
}

// Every stored hash of the 70,000-entry log, at every level, from the narrowest tile holding it.
TEST(TileTest, HashFromTileDataMatchesStoredHashes) {
  const MemoryTree& log = EvidenceLog();
  int checked = 0;
  for (int level = 0; level <= 16; ++level) {
    uint64_t count = 70000 >> level;
    for (uint64_t index = 0; index < count; index += 1 + count / 50) {
      TileSpan span = TileSpanForHash(level, index);
      Result<std::string> data = ReadTileData(span.tile, log);
      ASSERT_TRUE(data.ok()) << "level " << level << ", index " << index;
      Result<Hash> hash = HashFromTileData(level, index, span.tile, *data);
      ASSERT_TRUE(hash.ok()) << hash.status().message();
      EXPECT_EQ(*hash, log.ReadHash(level, index).value())
          << "level " << level << ", index " << index;
      ++checked;
    }
  }
  EXPECT_GT(checked, 400);
}

TEST(TileTest, HashFromTileDataErrors) {
  const MemoryTree& log = EvidenceLog();
  TileId tile = *ParseTilePath("tile/0/001");
  std::string data = ReadTileData(tile, log).value();
  EXPECT_TRUE(HashFromTileData(4, 17, tile, data).ok());
  // Another tile.
  EXPECT_EQ(HashFromTileData(4, 1, tile, data).status().code(), StatusCode::kInvalidArgument);
  // Too narrow for leaves 272..287, positions 16..31.
  TileId narrow = *ParseTilePath("tile/0/001.p/31");
  std::string narrow_data = ReadTileData(narrow, log).value();
  EXPECT_EQ(HashFromTileData(4, 17, narrow, narrow_data).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(HashFromTileData(4, 16, narrow, narrow_data).ok());
  // Data of the wrong length.
  EXPECT_EQ(HashFromTileData(4, 17, tile, data.substr(32)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(HashFromTileData(64, 0, tile, data).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(HashFromTileData(60, 16, tile, data).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongshu
