// Tests of quality/person_name.h.
#include "quality/person_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::quality {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(PersonNameTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/person_names.tsv");
  ASSERT_GE(rows.size(), 30u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "person_names.tsv line " << row.line;
    bool expected = row.cells[2] == "yes";
    ASSERT_TRUE(expected || row.cells[2] == "no") << "line " << row.line;
    bool looks = row.cells[0] == "chinese" ? LooksLikeChineseName(row.cells[1])
                                           : LooksLikeLatinName(row.cells[1]);
    EXPECT_EQ(looks, expected) << "line " << row.line << ": " << row.cells[1];
  }
}

TEST(PersonNameTest, SurnameTableHoldsSingleAndCompoundSurnames) {
  EXPECT_GT(SurnameCount(), 1000);
  for (std::string_view surname : {"王", "李", "张", "刘", "陈", "欧阳", "司马", "诸葛"}) {
    EXPECT_TRUE(IsChineseSurname(surname)) << surname;
  }
  EXPECT_FALSE(IsChineseSurname("王李"));
  EXPECT_FALSE(IsChineseSurname(""));
}

}  // namespace
}  // namespace gongshu::quality
