// Tests of quality/column_profile.h: small columns from testdata/column_profiles.tsv, exact and
// estimated distinct counts and top values, validator counts, the sample.
#include "quality/column_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::quality {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;
using tabular::Cell;
using tabular::ColumnType;

constexpr std::chrono::year_month_day kAsOf{std::chrono::year(2026), std::chrono::March,
                                            std::chrono::day(1)};

Cell Value(std::string_view text) { return Cell{text, false}; }

// The type names of tabular/column_type.h, spelled out here so the test needs only the enum.
std::optional<ColumnType> TypeNamed(std::string_view name) {
  static const std::map<std::string_view, ColumnType> kTypes = {
      {"string", ColumnType::kString},   {"integer", ColumnType::kInteger},
      {"decimal", ColumnType::kDecimal}, {"boolean", ColumnType::kBoolean},
      {"date", ColumnType::kDate},       {"datetime", ColumnType::kDateTime}};
  auto found = kTypes.find(name);
  if (found == kTypes.end()) return std::nullopt;
  return found->second;
}
Cell Null() { return Cell{{}, true}; }

TEST(ColumnProfileTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/column_profiles.tsv");
  ASSERT_GE(rows.size(), 15u);
  for (const TableRow& row : rows) {
    ASSERT_GE(row.cells.size(), 8u) << "column_profiles.tsv line " << row.line;
    std::optional<ColumnType> type = TypeNamed(row.cells[0]);
    ASSERT_TRUE(type.has_value()) << "line " << row.line;
    ColumnProfiler profiler(*type, kAsOf);
    for (size_t index = 8; index < row.cells.size(); ++index) {
      profiler.Add(row.cells[index] == "(null)" ? Null() : Value(row.cells[index]));
    }
    ColumnProfile profile = profiler.Finish();
    std::string where = "line " + std::to_string(row.line);
    EXPECT_EQ(profile.type, *type) << where;
    EXPECT_EQ(std::to_string(profile.count), row.cells[1]) << where;
    EXPECT_EQ(std::to_string(profile.nulls), row.cells[2]) << where;
    EXPECT_EQ(std::to_string(profile.distinct), row.cells[3]) << where;
    EXPECT_FALSE(profile.distinct_is_estimate) << where;
    EXPECT_EQ(std::to_string(profile.not_of_type), row.cells[4]) << where;
    EXPECT_EQ(profile.min.value_or("-"), row.cells[5]) << where;
    EXPECT_EQ(profile.max.value_or("-"), row.cells[6]) << where;
    EXPECT_EQ(profile.pattern.empty() ? "-" : profile.pattern, row.cells[7]) << where;
  }
}

TEST(ColumnProfileTest, TopValuesAreExactWhileDistinctValuesFit) {
  ColumnProfiler profiler(ColumnType::kString, kAsOf);
  const std::map<std::string, int> counts = {{"b", 5}, {"a", 5}, {"c", 3}, {"d", 1}};
  for (int round = 0; round < 5; ++round) {
    for (const auto& [value, count] : counts) {
      if (round < count) profiler.Add(Value(value));
    }
  }
  profiler.Add(Null());
  ColumnProfile profile = profiler.Finish();
  EXPECT_FALSE(profile.top_values_are_estimates);
  ASSERT_EQ(profile.top_values.size(), 4u);
  // By count, ties by value.
  EXPECT_EQ(profile.top_values[0].value, "a");
  EXPECT_EQ(profile.top_values[0].count, 5u);
  EXPECT_EQ(profile.top_values[1].value, "b");
  EXPECT_EQ(profile.top_values[1].count, 5u);
  EXPECT_EQ(profile.top_values[2].value, "c");
  EXPECT_EQ(profile.top_values[2].count, 3u);
  EXPECT_EQ(profile.top_values[3].value, "d");
  EXPECT_EQ(profile.top_values[3].count, 1u);
  for (const TopValue& value : profile.top_values) EXPECT_EQ(value.error, 0u);
}

TEST(ColumnProfileTest, ReportsAtMostTheConfiguredTopValues) {
  ProfileLimits limits;
  limits.top_values = 3;
  ColumnProfiler profiler(ColumnType::kInteger, kAsOf, limits);
  for (int value = 0; value < 20; ++value) {
    std::string text = std::to_string(value);
    for (int repeat = 0; repeat <= value; ++repeat) profiler.Add(Value(text));
  }
  ColumnProfile profile = profiler.Finish();
  ASSERT_EQ(profile.top_values.size(), 3u);
  EXPECT_EQ(profile.top_values[0].value, "19");
  EXPECT_EQ(profile.top_values[0].count, 20u);
  EXPECT_EQ(profile.top_values[2].value, "17");
}

// Past the exact bound the distinct count becomes an estimate and the top values come from the
// sketch, still holding a value that makes up a tenth of the column.
TEST(ColumnProfileTest, SwitchesToSketchesPastTheExactBound) {
  ProfileLimits limits;
  limits.exact_distinct_values = 1000;
  ColumnProfiler profiler(ColumnType::kString, kAsOf, limits);
  const int distinct = 100000;
  std::uint64_t frequent = 0;
  for (int index = 0; index < distinct; ++index) {
    profiler.Add(Value("id-" + std::to_string(index)));
    if (index % 9 == 0) {
      profiler.Add(Value("frequent"));
      ++frequent;
    }
  }
  ColumnProfile profile = profiler.Finish();
  EXPECT_TRUE(profile.distinct_is_estimate);
  EXPECT_NEAR(static_cast<double>(profile.distinct), distinct + 1.0, 0.033 * distinct);
  EXPECT_TRUE(profile.top_values_are_estimates);
  ASSERT_FALSE(profile.top_values.empty());
  EXPECT_EQ(profile.top_values[0].value, "frequent");
  // One cell in eight is sampled: about 1,389 of the 11,112, standard deviation about 35.
  EXPECT_NEAR(static_cast<double>(profile.top_values[0].count), static_cast<double>(frequent),
              0.1 * static_cast<double>(frequent));
  // Every other value occurs once: none is known to repeat.
  EXPECT_EQ(profile.top_values.size(), 1u);
  EXPECT_EQ(profile.count, distinct + frequent);
}

TEST(ColumnProfileTest, SwitchesToSketchesPastTheByteBound) {
  ProfileLimits limits;
  limits.exact_distinct_bytes = 1000;
  ColumnProfiler profiler(ColumnType::kString, kAsOf, limits);
  for (int index = 0; index < 200; ++index) {
    profiler.Add(Value("a value long enough " + std::to_string(index)));
  }
  ColumnProfile profile = profiler.Finish();
  EXPECT_TRUE(profile.distinct_is_estimate);
  EXPECT_NEAR(static_cast<double>(profile.distinct), 200.0, 5.0);
}

TEST(ColumnProfileTest, CountsEveryValidatorThatAccepts) {
  ColumnProfiler profiler(ColumnType::kString, kAsOf);
  for (std::string_view text :
       {"11010519491231002X", "91110000600037341L", "13800138000", "010-62345678",
        "4111 1111 1111 1111", "li.na@example.com", "2024年2月29日", "110105", "hello"}) {
    profiler.Add(Value(text));
  }
  ColumnProfile profile = profiler.Finish();
  for (ValueKind kind : kValueKinds) {
    EXPECT_EQ(profile.Matches(kind), 1u) << ValueKindName(kind);
  }
  EXPECT_EQ(profile.pattern, "");
}

TEST(ColumnProfileTest, KeepsTheFirstValuesAsTheSample) {
  ProfileLimits limits;
  limits.sample_values = 3;
  ColumnProfiler profiler(ColumnType::kString, kAsOf, limits);
  std::string buffer;
  for (std::string_view text : {"one", "", "two", "three", "four"}) {
    // The text is reused for the next cell: the profile must have kept copies.
    buffer.assign(text);
    profiler.Add(text.empty() ? Null() : Value(buffer));
  }
  buffer.assign("zzzz");
  ColumnProfile profile = profiler.Finish();
  EXPECT_EQ(profile.sample, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(profile.min, "four");
  EXPECT_EQ(profile.max, "two");
}

TEST(ColumnProfileTest, FinishCanBeCalledAgainAfterMoreCells) {
  ColumnProfiler profiler(ColumnType::kInteger, kAsOf);
  profiler.Add(Value("5"));
  EXPECT_EQ(profiler.Finish().max, "5");
  profiler.Add(Value("8"));
  ColumnProfiler moved = std::move(profiler);
  ColumnProfile profile = moved.Finish();
  EXPECT_EQ(profile.count, 2u);
  EXPECT_EQ(profile.max, "8");
}

TEST(ColumnProfileTest, EmptyColumn) {
  ColumnProfile profile = ColumnProfiler(ColumnType::kDate, kAsOf).Finish();
  EXPECT_EQ(profile.count, 0u);
  EXPECT_EQ(profile.distinct, 0u);
  EXPECT_FALSE(profile.min.has_value());
  EXPECT_TRUE(profile.top_values.empty());
  EXPECT_EQ(profile.pattern, "");
}

}  // namespace
}  // namespace gongshu::quality
