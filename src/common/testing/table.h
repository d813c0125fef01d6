// Tab-separated test tables: the one reader behind every table-driven test (STYLE.md §13).
//
// A table file is UTF-8 text, one row per line:
//   - Lines that are empty, or whose first character is '#', are skipped (comments, headers).
//     Nothing else is trimmed: a line of spaces is a row, and a '\r' stays in the last cell.
//   - A row's cells are the text between tab characters: a line with N tabs has N + 1 cells.
//   - A cell that is exactly "(empty)" is the empty string.
//   - "\xNN" (backslash, 'x', two hexadecimal digits of either case) anywhere in a cell is the
//     single byte 0xNN; this is how tables write spaces at the ends of a cell, tabs, control
//     characters and bytes that are not UTF-8. Any other backslash stays as written, so JSON
//     escapes such as \n or \u0000 inside a cell reach the test literally. Decoding is one pass
//     from left to right: a decoded byte never starts another escape.
// Every other convention ("-" for none, placeholders, {repeat:TEXT:N}, ...) belongs to the test
// that reads the table.
//
// Test-only: records failures with GoogleTest, so include it only from test binaries.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongshu::testing {

struct TableRow {
  int line = 0;                    // 1-based line number in the file, for failure messages
  std::vector<std::string> cells;  // with the escapes above already decoded
};

namespace table_internal {

inline std::optional<int> HexDigitValue(char symbol) {
  if (symbol >= '0' && symbol <= '9') return symbol - '0';
  if (symbol >= 'a' && symbol <= 'f') return symbol - 'a' + 10;
  if (symbol >= 'A' && symbol <= 'F') return symbol - 'A' + 10;
  return std::nullopt;
}

// One raw cell with "(empty)" and "\xNN" decoded, as the file comment describes.
inline std::string DecodeCell(std::string_view raw) {
  if (raw == "(empty)") return "";
  std::string decoded;
  decoded.reserve(raw.size());
  for (size_t index = 0; index < raw.size(); ++index) {
    if (raw[index] == '\\' && index + 3 < raw.size() && raw[index + 1] == 'x') {
      std::optional<int> high = HexDigitValue(raw[index + 2]);
      std::optional<int> low = HexDigitValue(raw[index + 3]);
      if (high && low) {
        decoded.push_back(static_cast<char>(*high * 16 + *low));
        index += 3;
        continue;
      }
    }
    decoded.push_back(raw[index]);
  }
  return decoded;
}

}  // namespace table_internal

// The rows of the table file at `path`, in file order, skipping blank and '#' lines, with every
// cell decoded as described at the top of this file. Cell counts are not checked: each test
// asserts the number of columns it expects.
//
// When the file cannot be opened, records a non-fatal GoogleTest failure naming `path` (so the
// calling test fails rather than passing over zero rows) and returns no rows.
inline std::vector<TableRow> ReadTable(const std::string& path) {
  std::ifstream file(path);
  if (!file.is_open()) {
    ADD_FAILURE() << "cannot open table " << path;
    return {};
  }
  std::vector<TableRow> rows;
  int line_number = 0;
  for (std::string line; std::getline(file, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    TableRow row{line_number, {}};
    size_t cell_begin = 0;
    while (true) {
      size_t tab = line.find('\t', cell_begin);
      std::string_view raw = std::string_view(line).substr(
          cell_begin, tab == std::string::npos ? std::string::npos : tab - cell_begin);
      row.cells.push_back(table_internal::DecodeCell(raw));
      if (tab == std::string::npos) break;
      cell_begin = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace gongshu::testing
