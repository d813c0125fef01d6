// The sizes the table readers work with: how much they read at a time and what they refuse.
//
// Internal to tabular/: OpenTableSource uses the defaults; tests pass tiny chunk sizes so that
// quotes, line ends and multi-byte characters straddle the chunks a reader sees.
#pragma once

#include <cstddef>
#include <string>

namespace gongshu::tabular {

struct ReadLimits {
  // Bytes read from the file (or decompressed from an XLSX part) per read call. REQUIRES: > 0.
  std::size_t chunk_bytes = std::size_t{1} << 20;
  // Bytes examined to detect the encoding and, for CSV, to sniff the delimiter.
  std::size_t sample_bytes = std::size_t{64} << 10;
  // A CSV field, JSON value or XLSX cell longer than this (in UTF-8 bytes) stops the reading.
  std::size_t max_field_bytes = std::size_t{16} << 20;
  // A CSV record, JSON element or NDJSON line longer than this stops the reading, so that a
  // file of one huge line cannot take unbounded memory.
  std::size_t max_record_bytes = std::size_t{64} << 20;
  // The decompressed text of an XLSX workbook's shared strings, which is held in memory.
  std::size_t max_shared_strings_bytes = std::size_t{1} << 30;
};

// A limit as error messages state it: "16 MiB" for whole mebibytes, otherwise "N bytes".
inline std::string ByteSizeText(std::size_t bytes) {
  constexpr std::size_t kMebibyte = std::size_t{1} << 20;
  if (bytes >= kMebibyte && bytes % kMebibyte == 0)
    return std::to_string(bytes / kMebibyte) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace gongshu::tabular
