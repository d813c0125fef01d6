// Entry bundles of C2SP tlog-tiles (c2sp.org/tlog-tiles, "Log Entries"): the entries of up to
// 256 consecutive leaves, served at tile/entries/<N>[.p/<W>] (tile.h).
//
// Bytes: for each entry in leaf order, its length as a big-endian uint16, then its bytes:
//   [len_hi len_lo] entry 0 bytes [len_hi len_lo] entry 1 bytes ...
// No header, no count, no padding. So an entry is at most 65,535 bytes. The leaf hash of each
// entry, LeafHash(entry) (merkle.h), is the matching hash of level-0 tile N.
// Pure functions: no I/O, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

// The largest entry a bundle can hold.
inline constexpr size_t kMaxEntrySize = 65535;
// The most entries one bundle holds: a full tile.
inline constexpr size_t kMaxBundleEntries = 256;

// The bundle of `entries`. InvalidArgument when there are none or more than 256 entries, or when
// an entry is over 65,535 bytes (the message names its position).
Result<std::string> EncodeEntryBundle(const std::vector<std::string>& entries);

// The entries of bundle `data`, in order. InvalidArgument when it is empty, when a length prefix
// or an entry is cut off at the end, or when it holds more than 256 entries. The caller checks
// that the count is the bundle's width.
Result<std::vector<std::string>> DecodeEntryBundle(std::string_view data);

}  // namespace gongshu
