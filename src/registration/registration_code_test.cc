// Tests of registration/registration_code.h: the 17-character registration code and its
// ISO/IEC 7064 MOD 11-2 check character.
#include "registration/registration_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// The check character by ISO/IEC 7064's recursive method for MOD 11-2, written here
// independently of the weighted sum the code under test uses.
char RecursiveCheckCharacter(std::string_view digits) {
  int product = 0;
  for (char digit : digits) product = (product + (digit - '0')) * 2 % 11;
  int check = (12 - product) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

TEST(RegistrationCodeTest, RecursiveMethodMatchesTheCitizenIdExample) {
  // GB 11643's published example 11010519491231002X uses the same MOD 11-2 system; it vouches for
  // the helper that vouches for the tables.
  EXPECT_EQ(RecursiveCheckCharacter("11010519491231002"), 'X');
}

TEST(RegistrationCodeTest, ValidatesAsTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/registration_code.tsv");
  ASSERT_FALSE(rows.empty());
  int valid_rows = 0;
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "registration_code.tsv line " << row.line;
    const std::string& code = row.cells[0];
    std::string where = "registration_code.tsv line " + std::to_string(row.line) + ": " + code;
    Status status = ValidateRegistrationCode(code);
    if (row.cells[1] == "ok") {
      // The table itself must agree with the rule before it can judge the code.
      ASSERT_EQ(RecursiveCheckCharacter(code.substr(0, 16)), code[16]) << where;
      EXPECT_TRUE(status.ok()) << where << ": " << status.message();
      EXPECT_EQ(RegistrationCodeCheckCharacter(code.substr(0, 16)), code[16]) << where;
      ++valid_rows;
    } else {
      ASSERT_FALSE(status.ok()) << where << " was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << where;
      EXPECT_NE(status.message().find(row.cells[2]), std::string::npos)
          << where << ": message \"" << status.message() << "\" lacks \"" << row.cells[2] << "\"";
    }
  }
  EXPECT_GE(valid_rows, 8);
}

TEST(RegistrationCodeTest, FormatsAsTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/registration_code_format.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "registration_code_format.tsv line " << row.line;
    std::string where = "registration_code_format.tsv line " + std::to_string(row.line);
    Result<std::string> code =
        FormatRegistrationCode(row.cells[0], std::stoi(row.cells[1]), std::stoi(row.cells[2]));
    const std::string& expected = row.cells[3];
    if (expected.rfind("error ", 0) == 0) {
      ASSERT_FALSE(code.ok()) << where << ": gave " << *code;
      EXPECT_EQ(code.status().code(), StatusCode::kInvalidArgument) << where;
      ASSERT_EQ(code.status().field_errors().size(), 1u) << where;
      EXPECT_EQ(code.status().field_errors()[0].field, expected.substr(6)) << where;
    } else {
      ASSERT_EQ(RecursiveCheckCharacter(expected.substr(0, 16)), expected[16]) << where;
      ASSERT_TRUE(code.ok()) << where << ": " << code.status().message();
      EXPECT_EQ(*code, expected) << where;
      EXPECT_TRUE(ValidateRegistrationCode(*code).ok()) << where;
    }
  }
}

TEST(RegistrationCodeTest, ParsesItsParts) {
  Result<RegistrationCodeParts> parts = ParseRegistrationCode("33010620260001236");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  EXPECT_EQ(parts->division_code, "330106");
  EXPECT_EQ(parts->year, 2026);
  EXPECT_EQ(parts->serial, 123);
  EXPECT_FALSE(ParseRegistrationCode("33010620260001237").ok());
}

// MOD 11-2 detects every change of a single digit, and every swap of two neighbouring different
// digits, anywhere in the code.
TEST(RegistrationCodeTest, RefusesEverySingleDigitChangeAndNeighbourSwap) {
  const std::string valid = "33010620260001236";
  for (size_t position = 0; position < valid.size(); ++position) {
    for (char symbol : std::string_view("0123456789X")) {
      if (symbol == valid[position]) continue;
      std::string changed = valid;
      changed[position] = symbol;
      EXPECT_FALSE(ValidateRegistrationCode(changed).ok()) << changed;
    }
    if (position + 1 < valid.size() && valid[position] != valid[position + 1]) {
      std::string swapped = valid;
      std::swap(swapped[position], swapped[position + 1]);
      EXPECT_FALSE(ValidateRegistrationCode(swapped).ok()) << swapped;
    }
  }
}

// Serials of one division and year give distinct codes: the serial is part of the code, so the
// store's growing counter is all that uniqueness needs.
TEST(RegistrationCodeTest, DistinctSerialsGiveDistinctCodes) {
  std::vector<std::string> codes;
  for (int serial = 1; serial <= 2000; ++serial) {
    Result<std::string> code = FormatRegistrationCode("350100", 2025, serial);
    ASSERT_TRUE(code.ok());
    codes.push_back(*code);
  }
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
}

}  // namespace
}  // namespace gongshu
