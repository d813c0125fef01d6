// Tests of xlsx_dates.h: which number formats show dates, and serials as ISO 8601 text.
#include "tabular/xlsx_dates.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::tabular {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

std::string KindName(NumberFormatKind kind) {
  switch (kind) {
    case NumberFormatKind::kNumber:
      return "number";
    case NumberFormatKind::kDate:
      return "date";
    case NumberFormatKind::kTime:
      return "time";
  }
  return "?";
}

TEST(XlsxDatesTest, SerialsFollowTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/xlsx_serials.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "xlsx_serials.tsv line " << row.line;
    const double serial = std::strtod(row.cells[0].c_str(), nullptr);
    const NumberFormatKind kind =
        row.cells[2] == "time" ? NumberFormatKind::kTime : NumberFormatKind::kDate;
    Result<std::string> text = ExcelSerialText(serial, row.cells[1] == "1904", kind);
    const std::string& expected = row.cells[3];
    if (expected.rfind("error:", 0) == 0) {
      ASSERT_FALSE(text.ok()) << "xlsx_serials.tsv line " << row.line << " gave " << *text;
      EXPECT_NE(text.status().message().find(expected.substr(6)), std::string::npos)
          << "xlsx_serials.tsv line " << row.line << ": " << text.status().message();
    } else {
      ASSERT_TRUE(text.ok()) << "xlsx_serials.tsv line " << row.line << ": "
                             << text.status().message();
      EXPECT_EQ(*text, expected) << "xlsx_serials.tsv line " << row.line;
    }
  }
}

TEST(XlsxDatesTest, CustomFormatsFollowTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/xlsx_number_formats.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "xlsx_number_formats.tsv line " << row.line;
    EXPECT_EQ(KindName(ClassifyNumberFormat(row.cells[0])), row.cells[1])
        << "xlsx_number_formats.tsv line " << row.line << ": " << row.cells[0];
  }
}

// ECMA-376 Part 1, 18.8.30 (numFmt): the built-in formats, with the East Asian ones.
TEST(XlsxDatesTest, BuiltInFormats) {
  for (int id : {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58}) {
    EXPECT_EQ(BuiltInNumberFormatKind(id), NumberFormatKind::kDate) << id;
  }
  for (int id : {18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56}) {
    EXPECT_EQ(BuiltInNumberFormatKind(id), NumberFormatKind::kTime) << id;
  }
  for (int id : {0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49, 164}) {
    EXPECT_EQ(BuiltInNumberFormatKind(id), NumberFormatKind::kNumber) << id;
  }
}

}  // namespace
}  // namespace gongshu::tabular
