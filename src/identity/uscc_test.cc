// Tests of identity/uscc.h: the GB 32100-2015 Unified Social Credit Code check.
#include "identity/uscc.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// The code alphabet and weights as GB 32100-2015 lists them.
constexpr std::string_view kStandardAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kStandardWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                      29, 25, 13, 8,  24, 10, 30, 28};

// The check character by the standard's rule, written here independently of the code under test.
char StandardCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) {
    sum += static_cast<int>(kStandardAlphabet.find(first17[index])) * kStandardWeights[index];
  }
  int check = 31 - sum % 31;
  return kStandardAlphabet[check == 31 ? 0 : check];
}

TEST(UsccTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/uscc.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "uscc.tsv line " << row.line;
    const std::string& code = row.cells[0];
    Status status = CheckUscc(code);
    if (row.cells[1] == "ok") {
      EXPECT_TRUE(status.ok()) << "line " << row.line << ": " << code << ": " << status.message();
    } else {
      ASSERT_FALSE(status.ok()) << "line " << row.line << ": " << code << " was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << "line " << row.line;
      EXPECT_NE(status.message().find(row.cells[2]), std::string::npos)
          << "line " << row.line << ": " << code << ": message \"" << status.message()
          << "\" lacks \"" << row.cells[2] << "\"";
    }
  }
}

TEST(UsccTest, CheckCharacterFollowsTheStandardRule) {
  int valid_rows = 0;
  for (const TableRow& row : ReadTable(GONGSHU_TESTDATA_DIR "/uscc.tsv")) {
    if (row.cells[1] != "ok") continue;
    const std::string& code = row.cells[0];
    // The table itself must agree with the rule before it can judge the code.
    ASSERT_EQ(StandardCheckCharacter(code.substr(0, 17)), code[17]) << "uscc.tsv line " << row.line;
    EXPECT_EQ(UsccCheckCharacter(code.substr(0, 17)), code[17]) << "line " << row.line;
    ++valid_rows;
  }
  EXPECT_GE(valid_rows, 7);
}

TEST(UsccTest, CheckCharacterIsZeroWhenTheSumIsAMultipleOf31) {
  std::string_view first17 = "91350100MA2000039";
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) {
    sum += static_cast<int>(kStandardAlphabet.find(first17[index])) * kStandardWeights[index];
  }
  ASSERT_EQ(sum % 31, 0);
  EXPECT_EQ(UsccCheckCharacter(first17), '0');
}

// The check is modulo a prime with weights that are not multiples of it, so every change of a
// single character to another symbol of the alphabet is detected.
TEST(UsccTest, RefusesEverySingleCharacterChange) {
  const std::string valid = "91110000600037341L";
  for (size_t position = 0; position < valid.size(); ++position) {
    for (char symbol : kStandardAlphabet) {
      if (symbol == valid[position]) continue;
      std::string changed = valid;
      changed[position] = symbol;
      EXPECT_FALSE(CheckUscc(changed).ok()) << changed;
    }
  }
}

}  // namespace
}  // namespace gongshu
