// The checks every reader applies to the column names of a file (TableSource::ColumnNames).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu::tabular {

// `raw` without leading and trailing white space: ASCII space, tab, CR, LF, VT, FF, and
// U+00A0 (no-break space), U+3000 (ideographic space) and U+FEFF (a stray byte order mark).
std::string_view TrimColumnName(std::string_view raw);

// How a message names the column at an index: "column 3" (CSV), "column C" (XLSX, as the
// spreadsheet shows it) or by the key itself (JSON: "key \"a\"").
enum class ColumnLabel { kNumber, kLetters, kKey };

// The spreadsheet letters of a 0-based column index: 0 "A", 25 "Z", 26 "AA", 16383 "XFD".
std::string ColumnLetters(std::size_t index);

// The trimmed names, or InvalidArgument "<where>: column 3 has no name" when a trimmed name is
// empty, or "<where>: column 5 repeats the name \"id\" of column 2" when two are equal. `where`
// locates the header ("line 1", "row 3"); `first_column` is the index of raw[0] in the file (an
// XLSX table may start right of column A).
Result<std::vector<std::string>> CheckedColumnNames(const std::vector<std::string_view>& raw,
                                                    std::string_view where, ColumnLabel label,
                                                    std::size_t first_column = 0);

}  // namespace gongshu::tabular
