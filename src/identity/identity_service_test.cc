// Tests of CheckDisplayText in identity/identity_service.h, from a table of texts.
#include "identity/identity_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(CheckDisplayTextTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/display_text.tsv");
  for (const TableRow& row : rows) {
    const std::vector<std::string>& cells = row.cells;
    ASSERT_EQ(cells.size(), 4u) << "display_text.tsv line " << row.line;
    Status status = CheckDisplayText(cells[0], std::stoul(cells[1]));
    if (cells[2] == "ok") {
      EXPECT_TRUE(status.ok()) << "line " << row.line << ": " << status.message();
    } else {
      ASSERT_FALSE(status.ok()) << "line " << row.line << " was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      EXPECT_NE(status.message().find(cells[3]), std::string::npos)
          << "line " << row.line << ": message \"" << status.message() << "\" lacks \"" << cells[3]
          << "\"";
    }
  }
  EXPECT_GE(rows.size(), 20u);
}

}  // namespace
}  // namespace gongshu
