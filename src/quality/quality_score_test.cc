// Tests of quality/quality_score.h: hand-computed scores from testdata/quality_score.tsv, the
// validity a profile gives by itself, and refused inputs.
#include "quality/quality_score.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"
#include "quality/validators.h"

namespace gongshu::quality {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;
using std::chrono::year_month_day;

year_month_day DateOf(const std::string& text) {
  std::optional<year_month_day> date = ParseDate(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date.value_or(year_month_day{});
}

std::uint64_t Number(const std::string& text) { return std::stoull(text); }

QualityFacts BaseFacts() {
  QualityFacts facts;
  facts.row_count = 10;
  facts.update_cycle = "monthly";
  facts.version_date =
      year_month_day{std::chrono::year(2026), std::chrono::March, std::chrono::day(1)};
  facts.today = facts.version_date;
  return facts;
}

TEST(QualityScoreTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/quality_score.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 15u) << "quality_score.tsv line " << row.line;
    ColumnProfile column;
    column.count = Number(row.cells[0]);
    column.nulls = Number(row.cells[1]);
    QualityFacts facts;
    facts.row_count = Number(row.cells[2]);
    facts.bad_rows = Number(row.cells[3]);
    facts.validity = {ColumnValidity{Number(row.cells[4]), Number(row.cells[5])}};
    facts.duplicate_rows = Number(row.cells[6]);
    facts.update_cycle = row.cells[7];
    facts.version_date = DateOf(row.cells[8]);
    facts.today = DateOf(row.cells[9]);
    Result<QualityScore> result = ScoreQuality(std::vector<ColumnProfile>{column}, facts);
    std::string where = "line " + std::to_string(row.line);
    ASSERT_TRUE(result.ok()) << where << ": " << result.status().message();
    const QualityScore& score = *result;
    EXPECT_NEAR(score.completeness.value, std::stod(row.cells[10]), 1e-4) << where;
    EXPECT_NEAR(score.validity.value, std::stod(row.cells[11]), 1e-4) << where;
    EXPECT_NEAR(score.uniqueness.value, std::stod(row.cells[12]), 1e-4) << where;
    EXPECT_NEAR(score.timeliness.value, std::stod(row.cells[13]), 1e-4) << where;
    EXPECT_EQ(score.score, std::stoi(row.cells[14])) << where;
    for (const ScoreComponent* component :
         {&score.completeness, &score.validity, &score.uniqueness, &score.timeliness}) {
      EXPECT_FALSE(component->explanation.empty()) << where;
    }
  }
}

TEST(QualityScoreTest, ExplanationsGiveTheCounts) {
  ColumnProfile column;
  column.count = 1000;
  column.nulls = 100;
  QualityFacts facts = BaseFacts();
  facts.row_count = 90;
  facts.bad_rows = 10;
  facts.duplicate_rows = 9;
  facts.validity = {ColumnValidity{800, 760}};
  facts.update_cycle = "weekly";
  facts.version_date =
      year_month_day{std::chrono::year(2026), std::chrono::February, std::chrono::day(15)};
  Result<QualityScore> result = ScoreQuality(std::vector<ColumnProfile>{column}, facts);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->completeness.explanation, "100 of 1000 cells are empty (10.0%).");
  EXPECT_EQ(result->validity.explanation,
            "10 of 100 rows were refused (10.0%); 40 of 800 checked values fail their column's "
            "type or pattern (5.0%).");
  EXPECT_EQ(result->uniqueness.explanation, "About 9 of 90 rows repeat an earlier row (10.0%).");
  EXPECT_EQ(result->timeliness.explanation,
            "The version is 14 days old; the weekly cycle expects a new version every 7 days, so "
            "it is 7 days overdue (the score reaches 0 at 21 days).");
}

// Without validity counts passed in, each profile's own are used: a citizen_id column where 3 of
// 4 values pass has 1 failing value; an integer column with 2 values not of type has 2.
TEST(QualityScoreTest, UsesProfileValidityWhenNoneIsGiven) {
  ColumnProfile ids;
  ids.count = 5;
  ids.nulls = 1;
  ids.pattern = "citizen_id";
  ids.matches[static_cast<int>(ValueKind::kCitizenId)] = 3;
  ColumnProfile numbers;
  numbers.type = tabular::ColumnType::kInteger;
  numbers.count = 6;
  numbers.not_of_type = 2;
  ColumnValidity id_validity = ValidityOf(ids);
  EXPECT_EQ(id_validity.checked, 4u);
  EXPECT_EQ(id_validity.valid, 3u);
  ColumnValidity number_validity = ValidityOf(numbers);
  EXPECT_EQ(number_validity.checked, 6u);
  EXPECT_EQ(number_validity.valid, 4u);

  QualityFacts facts = BaseFacts();
  Result<QualityScore> result = ScoreQuality(std::vector<ColumnProfile>{ids, numbers}, facts);
  ASSERT_TRUE(result.ok());
  EXPECT_NEAR(result->validity.value, 7.0 / 10.0, 1e-9);
}

// A shape pattern ("digits(11)") is no validator: only values not of type fail.
TEST(QualityScoreTest, ShapePatternsAreNotChecked) {
  ColumnProfile codes;
  codes.count = 10;
  codes.pattern = "digits(11)";
  ColumnValidity validity = ValidityOf(codes);
  EXPECT_EQ(validity.checked, 10u);
  EXPECT_EQ(validity.valid, 10u);
}

TEST(QualityScoreTest, RefusesBadFacts) {
  std::vector<ColumnProfile> columns(2);
  QualityFacts facts = BaseFacts();
  facts.update_cycle = "fortnightly";
  Result<QualityScore> unknown_cycle = ScoreQuality(columns, facts);
  ASSERT_FALSE(unknown_cycle.ok());
  EXPECT_EQ(unknown_cycle.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown_cycle.status().message().find("update_cycle"), std::string::npos);

  facts = BaseFacts();
  facts.validity = {ColumnValidity{1, 1}};
  EXPECT_FALSE(ScoreQuality(columns, facts).ok());

  facts = BaseFacts();
  facts.today =
      year_month_day{std::chrono::year(2026), std::chrono::February, std::chrono::day(30)};
  EXPECT_FALSE(ScoreQuality(columns, facts).ok());
}

}  // namespace
}  // namespace gongshu::quality

namespace gongshu::quality {
namespace {

TEST(RescoreTest, OnlyTimelinessMovesWithTheDay) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  QualityScore published;
  published.completeness = {1.0, "c"};
  published.validity = {1.0, "v"};
  published.uniqueness = {0.5, "u"};
  published.timeliness = {1.0, "t"};
  published.score = 88;
  std::chrono::year_month_day version_date{year(2026), month(3), day(1)};
  // Weekly: on time for 7 days, then falling to 0 at 21 days.
  Result<QualityScore> day_7 = Rescore(published, "weekly", version_date,
                                       std::chrono::year_month_day{year(2026), month(3), day(8)});
  ASSERT_TRUE(day_7.ok());
  EXPECT_DOUBLE_EQ(day_7->timeliness.value, 1.0);
  EXPECT_EQ(day_7->score, 88);  // (1 + 1 + 0.5 + 1) / 4
  Result<QualityScore> day_14 = Rescore(published, "weekly", version_date,
                                        std::chrono::year_month_day{year(2026), month(3), day(15)});
  ASSERT_TRUE(day_14.ok());
  EXPECT_DOUBLE_EQ(day_14->timeliness.value, 0.5);  // 1 - (14 - 7) / 14
  EXPECT_EQ(day_14->score, 75);                     // (1 + 1 + 0.5 + 0.5) / 4
  EXPECT_EQ(day_14->uniqueness.explanation, "u");
  Result<QualityScore> irregular =
      Rescore(published, "irregular", version_date,
              std::chrono::year_month_day{year(2027), month(3), day(1)});
  ASSERT_TRUE(irregular.ok());
  EXPECT_DOUBLE_EQ(irregular->timeliness.value, 1.0);
  EXPECT_FALSE(Rescore(published, "hourly", version_date, version_date).ok());
}

}  // namespace
}  // namespace gongshu::quality
