// Writing a released table as an XLSX workbook (libxlsxwriter, constant-memory mode: rows go
// straight to disk, so memory stays bounded whatever the row count).
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "dataset/dataset_version.h"
#include "tabular/table_source.h"

namespace gongshu {

// The most data rows one worksheet holds (Excel's limit less the header row).
inline constexpr uint64_t kMaxXlsxRows = 1048575;

// Writes a workbook with one sheet "data" to `path`: a header row of column names, then the
// rows `next_row` yields (it fills the span's cells and returns false at the end). Cells of
// integer and decimal columns that hold a number are written as numbers, the rest as text.
// Internal when the file cannot be written.
Status WriteXlsx(const std::string& path, const std::vector<DatasetColumn>& columns,
                 const std::function<Result<bool>(std::vector<tabular::Cell>& cells)>& next_row);

}  // namespace gongshu
