// C2SP tlog-tiles paths, listings and tile bytes.
#include "ledger/tile.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace gongshu {
namespace {

constexpr std::string_view kTilePrefix = "tile/";
constexpr std::string_view kEntriesElement = "entries";
constexpr std::string_view kPartialMarker = ".p/";

// The number of hashes at tile level `tile_level` in a tree of `size` leaves: floor(size/256^L).
uint64_t HashesAtTileLevel(uint64_t size, int tile_level) {
  int shift = kTileHeight * tile_level;
  return shift >= 64 ? 0 : size >> shift;
}

// "x001/x234/067" for 1234067.
std::string IndexPath(uint64_t index) {
  std::string digits = std::to_string(index);
  digits.insert(0, (3 - digits.size() % 3) % 3, '0');
  std::string path;
  for (size_t group = 0; group < digits.size(); group += 3) {
    if (group + 3 < digits.size()) {
      path += 'x';
      path.append(digits, group, 3);
      path += '/';
    } else {
      path.append(digits, group, 3);
    }
  }
  return path;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char symbol) { return symbol >= '0' && symbol <= '9'; });
}

// A decimal number without leading zeros, at most `max`.
Result<uint64_t> ParseDecimal(std::string_view text, std::string_view what, uint64_t min,
                              uint64_t max) {
  if (!AllDigits(text)) {
    return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) +
                                   "\" is not a decimal number");
  }
  if (text.size() > 1 && text[0] == '0') {
    return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) +
                                   "\" has leading zeros");
  }
  uint64_t value = 0;
  for (char digit : text) {
    uint64_t digit_value = static_cast<uint64_t>(digit - '0');
    if (value > (max - digit_value) / 10) {
      return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) +
                                     "\" is above " + std::to_string(max));
    }
    value = value * 10 + digit_value;
  }
  if (value < min) {
    return Status::InvalidArgument(std::string(what) + " \"" + std::string(text) + "\" is below " +
                                   std::to_string(min));
  }
  return value;
}

// The tile index from "x001/x234/067".
Result<uint64_t> ParseIndexPath(std::string_view text) {
  uint64_t value = 0;
  bool first_group = true;
  while (true) {
    size_t slash = text.find('/');
    std::string_view element = text.substr(0, slash);
    bool last = slash == std::string_view::npos;
    std::string_view digits = element;
    if (!last) {
      if (element.empty() || element[0] != 'x') {
        return Status::InvalidArgument("tile index element \"" + std::string(element) +
                                       "\" lacks the \"x\" prefix of all but the last element");
      }
      digits.remove_prefix(1);
    }
    if (digits.size() != 3 || !AllDigits(digits)) {
      return Status::InvalidArgument("tile index element \"" + std::string(element) +
                                     "\" is not three digits" + (last ? "" : " after \"x\""));
    }
    if (first_group && !last && digits == "000") {
      return Status::InvalidArgument("tile index starts with a zero group \"" +
                                     std::string(element) + "\"");
    }
    uint64_t group = static_cast<uint64_t>(digits[0] - '0') * 100 +
                     static_cast<uint64_t>(digits[1] - '0') * 10 +
                     static_cast<uint64_t>(digits[2] - '0');
    if (value > (UINT64_MAX - group) / 1000) {
      return Status::InvalidArgument("tile index is above 2^64 - 1");
    }
    value = value * 1000 + group;
    if (last) return value;
    text.remove_prefix(slash + 1);
    first_group = false;
  }
}

// Appends the tiles of tile level `tile_level` that a tree of `new_size` has and one of
// `old_size` lacks.
void AppendNewTilesAtLevel(int tile_level, uint64_t old_size, uint64_t new_size,
                           std::vector<TileId>& tiles) {
  uint64_t old_count = HashesAtTileLevel(old_size, tile_level);
  uint64_t new_count = HashesAtTileLevel(new_size, tile_level);
  if (new_count <= old_count) return;
  // The tile holding the old tree's last partial tile (or the next one) is the first to change.
  // Written with division so that index * 256 cannot overflow near 2^64.
  uint64_t last_index = (new_count - 1) / kTileWidth;
  for (uint64_t index = old_count / kTileWidth; index <= last_index; ++index) {
    uint64_t remaining = new_count - index * kTileWidth;
    int width = remaining >= kTileWidth ? kTileWidth : static_cast<int>(remaining);
    tiles.push_back(TileId{TileKind::kHashes, tile_level, index, width});
  }
}

}  // namespace

std::string TilePath(const TileId& tile) {
  std::string path(kTilePrefix);
  if (tile.kind == TileKind::kEntries) {
    path += kEntriesElement;
  } else {
    path += std::to_string(tile.level);
  }
  path += '/';
  path += IndexPath(tile.index);
  if (tile.partial()) {
    path += kPartialMarker;
    path += std::to_string(tile.width);
  }
  return path;
}

Result<TileId> ParseTilePath(std::string_view path) {
  if (path.substr(0, kTilePrefix.size()) != kTilePrefix) {
    return Status::InvalidArgument("tile path \"" + std::string(path) +
                                   "\" does not start with \"tile/\"");
  }
  std::string_view rest = path.substr(kTilePrefix.size());
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) {
    return Status::InvalidArgument("tile path \"" + std::string(path) + "\" has no tile index");
  }
  TileId tile;
  std::string_view level = rest.substr(0, slash);
  if (level == kEntriesElement) {
    tile.kind = TileKind::kEntries;
  } else {
    Result<uint64_t> parsed = ParseDecimal(level, "tile level", 0, kMaxTileLevel);
    if (!parsed.ok()) return parsed.status();
    tile.level = static_cast<int>(*parsed);
  }
  rest.remove_prefix(slash + 1);
  size_t marker = rest.find(kPartialMarker);
  if (marker != std::string_view::npos) {
    Result<uint64_t> width = ParseDecimal(rest.substr(marker + kPartialMarker.size()),
                                          "partial tile width", 1, kTileWidth - 1);
    if (!width.ok()) return width.status();
    tile.width = static_cast<int>(*width);
    rest = rest.substr(0, marker);
  }
  Result<uint64_t> index = ParseIndexPath(rest);
  if (!index.ok()) return index.status();
  tile.index = *index;
  return tile;
}

std::vector<TileId> TilesForSize(uint64_t size) { return NewTiles(0, size); }

std::vector<TileId> NewTiles(uint64_t old_size, uint64_t new_size) {
  std::vector<TileId> tiles;
  for (int tile_level = 0; HashesAtTileLevel(new_size, tile_level) > 0; ++tile_level) {
    AppendNewTilesAtLevel(tile_level, old_size, new_size, tiles);
  }
  return tiles;
}

Result<std::string> ReadTileData(const TileId& tile, const HashReader& reader) {
  if (tile.kind != TileKind::kHashes) {
    return Status::InvalidArgument("\"" + TilePath(tile) + "\" is an entry bundle, not hashes");
  }
  if (tile.level < 0 || kTileHeight * tile.level > 63 || tile.width < 1 ||
      tile.width > kTileWidth) {
    return Status::InvalidArgument("no tree of up to 2^64 - 1 leaves has a tile at level " +
                                   std::to_string(tile.level) + " of width " +
                                   std::to_string(tile.width));
  }
  std::string data;
  data.reserve(static_cast<size_t>(tile.width) * sizeof(Hash));
  for (int position = 0; position < tile.width; ++position) {
    Result<Hash> hash = reader.ReadHash(kTileHeight * tile.level,
                                        tile.index * kTileWidth + static_cast<uint64_t>(position));
    if (!hash.ok()) return hash.status();
    data.append(reinterpret_cast<const char*>(hash->data()), hash->size());
  }
  return data;
}

TileSpan TileSpanForHash(int level, uint64_t index) {
  int tile_level = level / kTileHeight;
  int height_in_tile = level % kTileHeight;
  // The hash covers 2^height_in_tile consecutive hashes at the tile's level.
  uint64_t first_below = index << height_in_tile;
  TileSpan span;
  span.count = 1 << height_in_tile;
  span.first = static_cast<int>(first_below % kTileWidth);
  span.tile =
      TileId{TileKind::kHashes, tile_level, first_below / kTileWidth, span.first + span.count};
  return span;
}

Result<Hash> HashFromTileData(int level, uint64_t index, const TileId& tile,
                              std::string_view data) {
  if (level < 0 || level > 63 || (level > 0 && (index >> (64 - level)) != 0)) {
    return Status::InvalidArgument("no tree of up to 2^64 - 1 leaves has a hash at level " +
                                   std::to_string(level) + ", index " + std::to_string(index));
  }
  TileSpan span = TileSpanForHash(level, index);
  if (tile.kind != TileKind::kHashes || tile.level != span.tile.level ||
      tile.index != span.tile.index) {
    return Status::InvalidArgument("the hash at level " + std::to_string(level) + ", index " +
                                   std::to_string(index) + " is in " + TilePath(span.tile) +
                                   ", not in " + TilePath(tile));
  }
  if (tile.width < span.tile.width) {
    return Status::InvalidArgument(TilePath(tile) + " is too narrow for the hash at level " +
                                   std::to_string(level) + ", index " + std::to_string(index) +
                                   ", which needs width " + std::to_string(span.tile.width));
  }
  size_t expected_bytes = static_cast<size_t>(tile.width) * sizeof(Hash);
  if (data.size() != expected_bytes) {
    return Status::InvalidArgument(TilePath(tile) + " must be " + std::to_string(expected_bytes) +
                                   " bytes, got " + std::to_string(data.size()));
  }
  // Fold the span pairwise, level by level, in place: it is a perfect subtree.
  std::array<Hash, kTileWidth / 2> hashes;
  for (int position = 0; position < span.count; ++position) {
    std::memcpy(hashes[position].data(),
                data.data() + static_cast<size_t>(span.first + position) * sizeof(Hash),
                sizeof(Hash));
  }
  for (int width = span.count; width > 1; width /= 2) {
    for (int pair = 0; pair < width / 2; ++pair) {
      hashes[pair] = NodeHash(hashes[2 * pair], hashes[2 * pair + 1]);
    }
  }
  return hashes[0];
}

}  // namespace gongshu
