// Tests of identity/division_code.h: the GB/T 2260 administrative division code form.
#include "identity/division_code.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(DivisionCodeTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/division_code.tsv");
  for (const TableRow& row : rows) {
    const std::vector<std::string>& cells = row.cells;
    ASSERT_EQ(cells.size(), 3u) << "division_code.tsv line " << row.line;
    Status status = CheckDivisionCode(cells[0]);
    if (cells[1] == "ok") {
      EXPECT_TRUE(status.ok()) << "line " << row.line << ": \"" << cells[0]
                               << "\": " << status.message();
    } else {
      ASSERT_FALSE(status.ok()) << "line " << row.line << ": \"" << cells[0] << "\" was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      EXPECT_NE(status.message().find(cells[2]), std::string::npos)
          << "line " << row.line << ": message \"" << status.message() << "\" lacks \"" << cells[2]
          << "\"";
    }
  }
  EXPECT_GE(rows.size(), 20u);
}

}  // namespace
}  // namespace gongshu
