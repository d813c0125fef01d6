// The parts of an XLSX workbook read before its sheet: which sheets there are and where, the
// date system, the shared strings and which cell styles show dates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/xlsx_dates.h"
#include "tabular/xlsx_package.h"

namespace gongshu::tabular {

struct XlsxSheet {
  std::string name;
  std::string part;       // e.g. "xl/worksheets/sheet1.xml"; empty when no relationship names it
  bool hidden = false;    // state="hidden" or "veryHidden"
  bool worksheet = true;  // false for a chart sheet or dialog sheet
};

// The shared string table (xl/sharedStrings.xml): every <si>, its text the concatenation of its
// <t> elements (rich text runs <r><t> included, phonetic guides <rPh> left out), OOXML escapes
// decoded. Held in one block of text.
class SharedStrings {
 public:
  std::size_t size() const { return ends_.size(); }
  // REQUIRES: index < size().
  std::string_view at(std::size_t index) const {
    std::size_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  void Add(std::string_view text) {
    text_ += text;
    ends_.push_back(text_.size());
  }
  std::size_t text_bytes() const { return text_.size(); }

 private:
  std::string text_;
  std::vector<std::size_t> ends_;
};

struct XlsxWorkbook {
  std::string part;               // the workbook part, usually "xl/workbook.xml"
  std::vector<XlsxSheet> sheets;  // in workbook order
  bool date1904 = false;
  SharedStrings shared_strings;
  // The kind of number format of each cell style (styles.xml cellXfs), by the index that a
  // cell's s attribute gives.
  std::vector<NumberFormatKind> style_kinds;
};

// Reads the package relationships, the workbook, its relationships, the shared strings and the
// styles. The last two are optional parts. Errors (InvalidArgument): a part that is missing
// (the workbook) or not well-formed, damaged zip data, a workbook without sheets, shared strings
// beyond ReadLimits::max_shared_strings_bytes.
Result<XlsxWorkbook> ReadXlsxWorkbook(const XlsxPackage& package, const ReadLimits& limits);

// The sheet to read: the one named `name`, or when `name` is empty the first that is not hidden
// (the first of all when every sheet is hidden). InvalidArgument when no sheet has that name
// (listing the names), or when it is a chart sheet.
Result<const XlsxSheet*> ChooseSheet(const XlsxWorkbook& workbook, std::string_view name);

}  // namespace gongshu::tabular
