// The TableSource of one sheet of an XLSX workbook (docs/dataset-formats.md, "XLSX").
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/table_source.h"

namespace gongshu::tabular {

// Opens the workbook at `path`, reads its workbook part, shared strings and styles, and the
// sheet named `sheet` ("" for the first sheet that is not hidden) up to its header: the first
// row with a value. The columns run from the header's first to its last non-empty cell.
// Memory: the shared strings (up to ReadLimits::max_shared_strings_bytes) and one row; the sheet
// is decompressed and parsed chunk by chunk.
// Errors (InvalidArgument): not a zip archive, not a workbook, an unknown sheet (the message
// lists the sheet names), a sheet without any value, an empty or repeated header name or a
// header cell holding an error, damaged zip data or XML that is not well-formed.
Result<std::unique_ptr<TableSource>> OpenXlsxSource(const std::string& path, std::string_view sheet,
                                                    const ReadLimits& limits);

}  // namespace gongshu::tabular
