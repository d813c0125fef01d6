// Tests of quality/validators.h: the table testdata/validators.tsv, the citizen ID check rule
// recomputed independently, and dates parsed to the right day.
#include "quality/validators.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::quality {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;
using std::chrono::year_month_day;

constexpr year_month_day kAsOf{std::chrono::year(2026), std::chrono::March, std::chrono::day(1)};

// The ISO 7064 MOD 11-2 check character as GB 11643-1999 states it: weights 2^(18-i) mod 11,
// check = (12 - sum mod 11) mod 11, 10 written X. Written here independently of the code.
char StandardCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int index = 0; index < 17; ++index) {
    int weight = 1;
    for (int power = 0; power < 17 - index; ++power) weight = weight * 2 % 11;
    sum += (first17[index] - '0') * weight;
  }
  int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

bool Validate(std::string_view kind, std::string_view value) {
  if (kind == "passport") return IsPassportNumber(value);
  std::optional<ValueKind> value_kind = ParseValueKind(kind);
  EXPECT_TRUE(value_kind.has_value()) << "unknown kind " << kind;
  return value_kind && IsValueOfKind(*value_kind, value, kAsOf);
}

TEST(ValidatorsTest, FollowTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/validators.tsv");
  ASSERT_GE(rows.size(), 150u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "validators.tsv line " << row.line;
    const std::string& kind = row.cells[0];
    const std::string& value = row.cells[1];
    bool expected_valid = row.cells[2] == "valid";
    ASSERT_TRUE(expected_valid || row.cells[2] == "invalid") << "line " << row.line;
    EXPECT_EQ(Validate(kind, value), expected_valid)
        << "line " << row.line << ": " << kind << " \"" << value << "\"";
    std::string_view reason;
    if (kind == "citizen_id") reason = CitizenIdProblem(value, kAsOf);
    if (kind == "division_code") reason = DivisionCodeProblem(value);
    if (kind == "citizen_id" || kind == "division_code") {
      EXPECT_EQ(reason.empty(), expected_valid) << "line " << row.line << ": " << reason;
      if (row.cells[3] != "-") {
        EXPECT_NE(reason.find(row.cells[3]), std::string_view::npos)
            << "line " << row.line << ": reason \"" << reason << "\" lacks \"" << row.cells[3]
            << "\"";
      }
    }
  }
}

TEST(ValidatorsTest, CitizenIdCheckCharacterFollowsTheStandardRule) {
  int checked = 0;
  for (const TableRow& row : ReadTable(GONGSHU_TESTDATA_DIR "/validators.tsv")) {
    if (row.cells[0] != "citizen_id" || row.cells[2] != "valid") continue;
    const std::string& value = row.cells[1];
    char last = value[17] == 'x' ? 'X' : value[17];
    // The table itself must agree with the rule before it can judge the code.
    ASSERT_EQ(StandardCheckCharacter(value.substr(0, 17)), last) << "line " << row.line;
    EXPECT_EQ(CitizenIdCheckCharacter(value.substr(0, 17)), last) << "line " << row.line;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

// MOD 11-2 detects every change of one digit: flip each of the first 17 digits of a valid
// number to each other digit and the check must fail.
TEST(ValidatorsTest, CitizenIdRefusesEverySingleDigitChange) {
  const std::string valid = "11010519491231002X";
  for (size_t position = 0; position < 17; ++position) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      if (digit == valid[position]) continue;
      std::string changed = valid;
      changed[position] = digit;
      EXPECT_FALSE(IsCitizenId(changed, kAsOf)) << changed;
    }
  }
}

TEST(ValidatorsTest, CitizenIdBirthDateBoundIsTheDatePassedIn) {
  // Born 2026-03-02: not yet valid on 2026-03-01, valid from 2026-03-02.
  const std::string number = "110105202603020018";
  EXPECT_FALSE(IsCitizenId(number, kAsOf));
  EXPECT_TRUE(IsCitizenId(
      number, year_month_day{std::chrono::year(2026), std::chrono::March, std::chrono::day(2)}));
}

TEST(ValidatorsTest, DatesParseToTheirDay) {
  const year_month_day leap_day{std::chrono::year(2024), std::chrono::February,
                                std::chrono::day(29)};
  for (std::string_view text : {"2024-02-29", "2024/02/29", "20240229", "2024年2月29日"}) {
    std::optional<year_month_day> date = ParseDate(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(*date, leap_day) << text;
  }
  std::optional<year_month_day> date = ParseDate("2024年3月5日");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date,
            (year_month_day{std::chrono::year(2024), std::chrono::March, std::chrono::day(5)}));
}

TEST(ValidatorsTest, LuhnMatchesHandComputedExamples) {
  // From the right: 3, 1·2, 7, 8·2 -> 7, 9, 3·2, 7, 2·2, 9, 9·2 -> 9, 7; the sum is 70.
  EXPECT_TRUE(PassesLuhn("79927398713"));
  EXPECT_FALSE(PassesLuhn("79927398710"));
  EXPECT_TRUE(PassesLuhn("0"));
  EXPECT_FALSE(PassesLuhn(""));
  EXPECT_FALSE(PassesLuhn("7992739871a"));
}

TEST(ValidatorsTest, KindNamesRoundTrip) {
  for (ValueKind kind : kValueKinds) {
    std::optional<ValueKind> parsed = ParseValueKind(ValueKindName(kind));
    ASSERT_TRUE(parsed.has_value()) << ValueKindName(kind);
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(ValueKindName(ValueKind::kLandline), "phone");
  EXPECT_FALSE(ParseValueKind("passport").has_value());
}

}  // namespace
}  // namespace gongshu::quality
