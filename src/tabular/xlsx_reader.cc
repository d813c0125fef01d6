#include "tabular/xlsx_reader.h"

#include <charconv>
#include <string>
#include <utility>
#include <vector>

#include "tabular/column_names.h"
#include "tabular/xlsx_dates.h"
#include "tabular/xlsx_package.h"
#include "tabular/xlsx_workbook.h"

namespace gongshu::tabular {
namespace {

// Excel's last column, XFD.
constexpr std::size_t kMaxColumns = 16384;

// The 0-based column of a cell reference ("C5" -> 2), or kMaxColumns when it has no letters or
// too many.
std::size_t ColumnOfReference(std::string_view reference) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (char symbol : reference) {
    if (symbol >= 'a' && symbol <= 'z') symbol = static_cast<char>(symbol - 'a' + 'A');
    if (symbol < 'A' || symbol > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(symbol - 'A' + 1);
    if (++letters > 3) return kMaxColumns;
  }
  return letters == 0 ? kMaxColumns : column - 1;
}

// One cell of the row being read: its text is a shared string or a slice of the row's text.
struct SheetCell {
  std::size_t column = 0;
  bool is_null = true;
  std::string_view shared;     // when the text is a shared string
  std::size_t text_begin = 0;  // otherwise text_[text_begin, text_end)
  std::size_t text_end = 0;
  bool in_row_text = false;
};

// The sheet's XML events, turned into one row at a time; pauses the parser after each row.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const XlsxWorkbook& workbook, const ReadLimits& limits)
      : workbook_(&workbook), max_field_bytes_(limits.max_field_bytes) {}

  void StartElement(std::string_view name, const char** attributes) override;
  void EndElement(std::string_view name) override;
  void Text(std::string_view text) override {
    if (!in_value_ && !in_inline_text_) return;
    value_ += text;
    if (value_.size() > max_field_bytes_) {
      Abort(Status::InvalidArgument("row " + std::to_string(row_number_) + ": cell " + CellName() +
                                    " is longer than " + ByteSizeText(max_field_bytes_)));
    }
  }

  // The row completed by the last pause (when row_done()).
  bool row_done() const { return row_done_; }
  void ClearRowDone() { row_done_ = false; }
  std::uint64_t row_number() const { return row_number_; }
  const std::vector<SheetCell>& cells() const { return cells_; }
  const std::string& row_problem() const { return row_problem_; }
  std::string_view CellText(const SheetCell& cell) const {
    if (!cell.in_row_text) return cell.shared;
    return std::string_view(text_).substr(cell.text_begin, cell.text_end - cell.text_begin);
  }

 private:
  enum class CellType {
    kNumber,
    kSharedString,
    kInlineString,
    kFormulaString,
    kBoolean,
    kError,
    kDate
  };

  std::string CellName() const { return ColumnLetters(cell_column_) + std::to_string(row_number_); }
  void FinishCell();
  // `problem` continues "cell C5": " holds the error #N/A", ": \"x\" is not a number".
  void CellProblem(std::string_view problem) {
    if (row_problem_.empty()) row_problem_ = "cell " + CellName() + std::string(problem);
  }
  void SetRowText(SheetCell& cell, std::string_view text) {
    cell.in_row_text = true;
    cell.text_begin = text_.size();
    text_ += text;
    cell.text_end = text_.size();
  }

  const XlsxWorkbook* workbook_;
  std::size_t max_field_bytes_;
  bool in_sheet_data_ = false;
  bool row_done_ = false;
  std::uint64_t row_number_ = 0;
  std::vector<SheetCell> cells_;
  std::string text_;  // the row's cell texts that are not shared strings
  std::string row_problem_;
  // The cell being read.
  std::size_t next_column_ = 0;
  std::size_t cell_column_ = 0;
  std::size_t cell_style_ = 0;
  CellType cell_type_ = CellType::kNumber;
  std::string value_;
  bool has_value_ = false;
  bool in_value_ = false;
  bool in_inline_string_ = false;
  bool in_inline_text_ = false;
  int phonetic_depth_ = 0;
};

void SheetHandler::StartElement(std::string_view name, const char** attributes) {
  if (name == "sheetData") {
    in_sheet_data_ = true;
  } else if (!in_sheet_data_) {
    return;
  } else if (name == "row") {
    const char* number = XmlAttribute(attributes, "r");
    std::uint64_t parsed = 0;
    std::string_view text = number != nullptr ? number : "";
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    row_number_ = error == std::errc() && end == text.data() + text.size() && parsed > 0
                      ? parsed
                      : row_number_ + 1;
    cells_.clear();
    text_.clear();
    row_problem_.clear();
    next_column_ = 0;
  } else if (name == "c") {
    const char* reference = XmlAttribute(attributes, "r");
    cell_column_ = reference != nullptr ? ColumnOfReference(reference) : next_column_;
    if (cell_column_ >= kMaxColumns) {
      Abort(Status::InvalidArgument(
          "row " + std::to_string(row_number_) + ": the XLSX file is damaged: cell reference \"" +
          (reference != nullptr ? reference : "") + "\" is not a column from A to XFD"));
      return;
    }
    next_column_ = cell_column_ + 1;
    const char* style = XmlAttribute(attributes, "s");
    cell_style_ = 0;
    if (style != nullptr) {
      std::string_view text(style);
      std::from_chars(text.data(), text.data() + text.size(), cell_style_);
    }
    const char* type = XmlAttribute(attributes, "t");
    std::string_view type_name = type != nullptr ? type : "n";
    cell_type_ = type_name == "s"           ? CellType::kSharedString
                 : type_name == "inlineStr" ? CellType::kInlineString
                 : type_name == "str"       ? CellType::kFormulaString
                 : type_name == "b"         ? CellType::kBoolean
                 : type_name == "e"         ? CellType::kError
                 : type_name == "d"         ? CellType::kDate
                                            : CellType::kNumber;
    value_.clear();
    has_value_ = false;
  } else if (name == "v") {
    in_value_ = true;
  } else if (name == "is") {
    in_inline_string_ = true;
  } else if (name == "rPh") {
    ++phonetic_depth_;
  } else if (name == "t" && in_inline_string_ && phonetic_depth_ == 0) {
    in_inline_text_ = true;
  }
}

void SheetHandler::EndElement(std::string_view name) {
  if (!in_sheet_data_) return;
  if (name == "v") {
    in_value_ = false;
    has_value_ = true;
  } else if (name == "t") {
    if (in_inline_text_) has_value_ = true;
    in_inline_text_ = false;
  } else if (name == "is") {
    in_inline_string_ = false;
  } else if (name == "rPh") {
    --phonetic_depth_;
  } else if (name == "c") {
    FinishCell();
  } else if (name == "row") {
    row_done_ = true;
    Pause();
  } else if (name == "sheetData") {
    in_sheet_data_ = false;
  }
}

void SheetHandler::FinishCell() {
  SheetCell cell;
  cell.column = cell_column_;
  if (!has_value_ || value_.empty()) {
    cells_.push_back(cell);  // an empty cell is null
    return;
  }
  cell.is_null = false;
  switch (cell_type_) {
    case CellType::kSharedString: {
      std::size_t index = 0;
      auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      const SharedStrings& strings = workbook_->shared_strings;
      if (error != std::errc() || end != value_.data() + value_.size() || index >= strings.size()) {
        Abort(Status::InvalidArgument("row " + std::to_string(row_number_) +
                                      ": the XLSX file is damaged: cell " + CellName() +
                                      " refers to shared string \"" + value_ + "\" but there are " +
                                      std::to_string(strings.size())));
        return;
      }
      cell.shared = strings.at(index);
      cell.is_null = cell.shared.empty();
      break;
    }
    case CellType::kInlineString:
    case CellType::kFormulaString:
      if (value_.find("_x") != std::string::npos) {
        SetRowText(cell, DecodeOoxmlEscapes(value_));
      } else {
        SetRowText(cell, value_);
      }
      break;
    case CellType::kBoolean:
      if (value_ == "1" || value_ == "0") {
        cell.shared = value_ == "1" ? "true" : "false";
      } else {
        SetRowText(cell, value_);
        CellProblem(": \"" + value_ + "\" is not a boolean");
      }
      break;
    case CellType::kError:
      SetRowText(cell, value_);
      CellProblem(" holds the error " + value_);
      break;
    case CellType::kDate:
      SetRowText(cell, value_);
      break;
    case CellType::kNumber: {
      double number = 0;
      auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
      if (error != std::errc() || end != value_.data() + value_.size()) {
        SetRowText(cell, value_);
        CellProblem(": \"" + value_ + "\" is not a number");
        break;
      }
      const std::vector<NumberFormatKind>& kinds = workbook_->style_kinds;
      NumberFormatKind kind =
          cell_style_ < kinds.size() ? kinds[cell_style_] : NumberFormatKind::kNumber;
      if (kind == NumberFormatKind::kNumber) {
        char text[32];
        auto [text_end, ignored] = std::to_chars(text, text + sizeof text, number);
        SetRowText(cell, std::string_view(text, static_cast<std::size_t>(text_end - text)));
        break;
      }
      Result<std::string> date = ExcelSerialText(number, workbook_->date1904, kind);
      if (date.ok()) {
        SetRowText(cell, *date);
      } else {
        SetRowText(cell, value_);
        CellProblem(" has a date format, but " + date.status().message());
      }
      break;
    }
  }
  cells_.push_back(cell);
}

class XlsxSource final : public TableSource {
 public:
  XlsxSource(std::unique_ptr<XlsxPackage> package, XlsxWorkbook workbook, const ReadLimits& limits)
      : package_(std::move(package)),
        workbook_(std::move(workbook)),
        limits_(limits),
        handler_(workbook_, limits_) {
    description_.format = "xlsx";
  }

  Status Start(std::string_view sheet_name);

  const std::vector<std::string>& ColumnNames() const override { return columns_; }
  const SourceDescription& Description() const override { return description_; }
  std::uint64_t BytesRead() const override {
    if (parser_ == nullptr || parser_->size() == 0) return 0;
    // zip_fread reports decompressed bytes: scale them to the compressed size.
    const double share =
        static_cast<double>(parser_->bytes_read()) / static_cast<double>(parser_->size());
    return static_cast<std::uint64_t>(share * static_cast<double>(parser_->compressed_size()));
  }

  Result<bool> Next(Record& record) override {
    if (!failure_.ok()) return failure_;
    while (true) {
      Result<bool> row = NextRow();
      if (!row.ok()) {
        failure_ = row.status();
        return failure_;
      }
      if (!*row) return false;
      if (FillRecord(record)) return true;
    }
  }

 private:
  // Parses on to the end of the next row; false at the end of the sheet.
  Result<bool> NextRow() {
    handler_.ClearRowDone();
    while (!handler_.row_done()) {
      Result<bool> more = parser_->Parse();
      if (!more.ok()) return more.status();
      if (!*more && !handler_.row_done()) return false;
    }
    return true;
  }
  // The record of the row just read; false when the row has no value (it is skipped).
  bool FillRecord(Record& record);

  std::unique_ptr<XlsxPackage> package_;
  XlsxWorkbook workbook_;
  ReadLimits limits_;
  SheetHandler handler_;
  std::unique_ptr<XmlPartParser> parser_;
  std::size_t first_column_ = 0;  // the sheet column of ColumnNames()[0]
  std::vector<std::string> columns_;
  SourceDescription description_;
  Status failure_;
};

bool XlsxSource::FillRecord(Record& record) {
  bool any_value = false;
  for (const SheetCell& cell : handler_.cells()) any_value = any_value || !cell.is_null;
  if (!any_value) return false;
  record.line = handler_.row_number();
  record.cells.assign(columns_.size(), Cell{std::string_view(), true});
  record.problem = handler_.row_problem();
  for (const SheetCell& cell : handler_.cells()) {
    if (cell.is_null) continue;
    if (cell.column < first_column_ || cell.column >= first_column_ + columns_.size()) {
      if (record.problem.empty()) {
        record.problem = "cell " + ColumnLetters(cell.column) +
                         std::to_string(handler_.row_number()) +
                         " lies outside the header's columns (" + ColumnLetters(first_column_) +
                         " to " + ColumnLetters(first_column_ + columns_.size() - 1) + ")";
      }
      continue;
    }
    record.cells[cell.column - first_column_] = Cell{handler_.CellText(cell), false};
  }
  return true;
}

Status XlsxSource::Start(std::string_view sheet_name) {
  Result<const XlsxSheet*> sheet = ChooseSheet(workbook_, sheet_name);
  if (!sheet.ok()) return sheet.status();
  description_.sheet = (*sheet)->name;
  Result<std::unique_ptr<XmlPartParser>> parser =
      XmlPartParser::Open(*package_, (*sheet)->part, handler_, limits_.chunk_bytes);
  if (!parser.ok()) return parser.status();
  parser_ = std::move(parser).value();

  // The header: the first row with a value.
  while (true) {
    Result<bool> row = NextRow();
    if (!row.ok()) return row.status();
    if (!*row) {
      return Status::InvalidArgument("sheet \"" + description_.sheet +
                                     "\" holds no values, so it has no header row");
    }
    std::size_t first = kMaxColumns;
    std::size_t last = 0;
    for (const SheetCell& cell : handler_.cells()) {
      if (cell.is_null) continue;
      first = std::min(first, cell.column);
      last = std::max(last, cell.column);
    }
    if (first == kMaxColumns) continue;
    const std::string where = "row " + std::to_string(handler_.row_number());
    if (!handler_.row_problem().empty()) {
      return Status::InvalidArgument(where +
                                     ": the header row is malformed: " + handler_.row_problem());
    }
    std::vector<std::string_view> raw(last - first + 1);
    for (const SheetCell& cell : handler_.cells()) {
      if (!cell.is_null) raw[cell.column - first] = handler_.CellText(cell);
    }
    Result<std::vector<std::string>> names =
        CheckedColumnNames(raw, where, ColumnLabel::kLetters, first);
    if (!names.ok()) return names.status();
    columns_ = std::move(names).value();
    first_column_ = first;
    return Status::Ok();
  }
}

}  // namespace

Result<std::unique_ptr<TableSource>> OpenXlsxSource(const std::string& path, std::string_view sheet,
                                                    const ReadLimits& limits) {
  Result<std::unique_ptr<XlsxPackage>> package = XlsxPackage::Open(path);
  if (!package.ok()) return package.status();
  Result<XlsxWorkbook> workbook = ReadXlsxWorkbook(**package, limits);
  if (!workbook.ok()) return workbook.status();
  auto source =
      std::make_unique<XlsxSource>(std::move(package).value(), std::move(workbook).value(), limits);
  GONGSHU_RETURN_IF_ERROR(source->Start(sheet));
  return std::unique_ptr<TableSource>(std::move(source));
}

}  // namespace gongshu::tabular
