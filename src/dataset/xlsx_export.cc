#include "dataset/xlsx_export.h"

#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <filesystem>

namespace gongshu {

Status WriteXlsx(const std::string& path, const std::vector<DatasetColumn>& columns,
                 const std::function<Result<bool>(std::vector<tabular::Cell>& cells)>& next_row) {
  std::string directory = std::filesystem::path(path).parent_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = directory.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) return Status::Internal("cannot create " + path);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "data");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (size_t column = 0; column < columns.size(); ++column) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column), columns[column].name.c_str(),
                           bold);
  }
  std::vector<tabular::Cell> cells(columns.size());
  std::string text;
  lxw_row_t row = 1;
  Status status = Status::Ok();
  while (true) {
    Result<bool> more = next_row(cells);
    if (!more.ok()) {
      status = more.status();
      break;
    }
    if (!*more) break;
    if (row > kMaxXlsxRows) {
      status = Status::FailedPrecondition("more rows than an XLSX sheet holds: use CSV");
      break;
    }
    for (size_t column = 0; column < columns.size(); ++column) {
      const tabular::Cell& cell = cells[column];
      if (cell.is_null) continue;
      auto col = static_cast<lxw_col_t>(column);
      tabular::ColumnType type = columns[column].type;
      if (type == tabular::ColumnType::kInteger || type == tabular::ColumnType::kDecimal) {
        double number = 0;
        auto [end, error] =
            std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), number);
        if (error == std::errc() && end == cell.text.data() + cell.text.size() &&
            std::isfinite(number) && std::fabs(number) < 1e15) {
          worksheet_write_number(sheet, row, col, number, nullptr);
          continue;
        }
      }
      text.assign(cell.text);
      worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
    }
    ++row;
  }
  lxw_error closed = workbook_close(workbook);
  if (status.ok() && closed != LXW_NO_ERROR) {
    status = Status::Internal(std::string("cannot write the workbook: ") + lxw_strerror(closed));
  }
  if (!status.ok()) std::filesystem::remove(path);
  return status;
}

}  // namespace gongshu
