// Tests of OpenTableSource (table_format.h): format detection, option checks, refusals.
#include "tabular/table_format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "common/testing/temp_dir.h"
#include "tabular/testing/source_dump.h"

namespace gongshu::tabular {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

class TableFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = gongshu::testing::MakeTempDir("gongshu-format");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

// Columns: options, the file's bytes, and the expected format, or "open-error{message}" (a
// message ending in "..." is a prefix).
TEST_F(TableFormatTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/format_detection.tsv");
  ASSERT_FALSE(rows.empty());
  const std::string path = dir_ + "/upload";
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "format_detection.tsv line " << row.line;
    ASSERT_TRUE(testing::WriteFile(path, row.cells[1]));
    OpenOptions options;
    ReadLimits limits;
    testing::ApplyOptions(row.cells[0], options, limits);
    Result<std::unique_ptr<TableSource>> source = OpenTableSource(path, options, limits);
    std::string outcome = source.ok() ? (*source)->Description().format
                                      : "open-error{" + source.status().message() + "}";
    EXPECT_TRUE(testing::DumpMatches(outcome, row.cells[2]))
        << "format_detection.tsv line " << row.line << "\n  got:    " << outcome
        << "\n  wanted: " << row.cells[2];
    if (!source.ok()) {
      EXPECT_EQ(source.status().code(), StatusCode::kInvalidArgument)
          << "format_detection.tsv line " << row.line;
    }
  }
}

TEST_F(TableFormatTest, MissingFileIsNotFound) {
  Result<std::unique_ptr<TableSource>> source =
      OpenTableSource(dir_ + "/no-such-file.csv", OpenOptions());
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace gongshu::tabular
