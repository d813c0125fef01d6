// Tests of quality/division_table.h and of the shipped table data/divisions.tsv.
#include "quality/division_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::quality {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// The shipped file is read here as a table, independently of the embedded copy's reader.
TEST(DivisionTableTest, ShippedFileIsWellFormed) {
  std::vector<TableRow> rows =
      ReadTable(std::string(GONGSHU_TESTDATA_DIR) + "/../data/divisions.tsv");
  std::set<std::string> codes;
  int current = 0;
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "divisions.tsv line " << row.line;
    const std::string& code = row.cells[0];
    ASSERT_EQ(code.size(), 6u) << "line " << row.line;
    for (char digit : code) ASSERT_TRUE(digit >= '0' && digit <= '9') << "line " << row.line;
    EXPECT_FALSE(row.cells[1].empty()) << "line " << row.line;
    ASSERT_TRUE(row.cells[2] == "current" || row.cells[2] == "former") << "line " << row.line;
    EXPECT_TRUE(codes.insert(code).second) << "duplicate code on line " << row.line;
    if (row.cells[2] == "current") ++current;
  }
  // Around 2,850 county-level, 333 prefecture-level and 34 province-level divisions are in force,
  // with the districts of Hong Kong and Macao.
  EXPECT_GT(current, 3500);
  EXPECT_LT(current, 4000);
  EXPECT_EQ(DivisionCount(), static_cast<int>(rows.size()));
}

TEST(DivisionTableTest, FindsCurrentAndFormerCodes) {
  std::optional<Division> chaoyang = FindDivision("110105");
  ASSERT_TRUE(chaoyang.has_value());
  EXPECT_EQ(chaoyang->code, 110105);
  EXPECT_EQ(chaoyang->name, "朝阳区");
  EXPECT_TRUE(chaoyang->current);

  // 崇文区 merged into 东城区 in 2010.
  std::optional<Division> chongwen = FindDivision("110103");
  ASSERT_TRUE(chongwen.has_value());
  EXPECT_EQ(chongwen->name, "崇文区");
  EXPECT_FALSE(chongwen->current);

  // 巢湖市 was a prefecture (341400) until 2011; its county-level successor is 340181.
  ASSERT_TRUE(FindDivision("341400").has_value());
  EXPECT_FALSE(FindDivision("341400")->current);
  EXPECT_TRUE(FindDivision("340181")->current);

  EXPECT_TRUE(FindDivision("710000").has_value());  // 台湾省
  EXPECT_TRUE(FindDivision("810001").has_value());  // 中西区, Hong Kong
}

TEST(DivisionTableTest, RefusesUnknownAndMalformedCodes) {
  for (std::string_view code : {"990000", "110199", "100000", "11010", "1101050", "11010a", ""}) {
    EXPECT_FALSE(FindDivision(code).has_value()) << code;
    EXPECT_FALSE(IsKnownDivisionCode(code)) << code;
  }
  EXPECT_TRUE(IsKnownDivisionCode("110105"));
}

TEST(DivisionTableTest, KnowsPrefecturesButNotProvincesAsPrefectures) {
  EXPECT_TRUE(IsKnownPrefecture("1101"));
  EXPECT_TRUE(IsKnownPrefecture("3201"));
  EXPECT_TRUE(IsKnownPrefecture("3414"));   // former 巢湖 prefecture
  EXPECT_FALSE(IsKnownPrefecture("1100"));  // only the province code 110000 has it
  EXPECT_FALSE(IsKnownPrefecture("9901"));
  EXPECT_FALSE(IsKnownPrefecture("110"));
  EXPECT_FALSE(IsKnownPrefecture("11a1"));
}

}  // namespace
}  // namespace gongshu::quality
