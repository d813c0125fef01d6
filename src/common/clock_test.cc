// Tests of common/clock.h: ISO 8601 formatting and parsing, Unix seconds, and ManualClock.
#include "common/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(FormatIsoTimeTest, WritesUtcWithZoneAtSecondPrecision) {
  EXPECT_EQ(FormatIsoTime(FromUnixSeconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoTime(FromUnixSeconds(1795430287)), "2026-11-23T10:38:07Z");
  EXPECT_EQ(FormatIsoTime(FromUnixSeconds(1709251199)), "2024-02-29T23:59:59Z");
  // Fractions of a second are dropped, not rounded up into the next second.
  EXPECT_EQ(FormatIsoTime(FromUnixSeconds(1795430287) + std::chrono::milliseconds(999)),
            "2026-11-23T10:38:07Z");
}

TEST(ParseIsoTimeTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/iso_time.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "iso_time.tsv line " << row.line;
    const std::string& input = row.cells[0];
    const std::string& expected = row.cells[1];
    TimePoint parsed{};
    bool accepted = ParseIsoTime(input, &parsed);
    if (expected == "invalid") {
      EXPECT_FALSE(accepted) << "line " << row.line << ": \"" << input << "\" was accepted as "
                             << FormatIsoTime(parsed);
    } else {
      ASSERT_TRUE(accepted) << "line " << row.line << ": \"" << input << "\" was refused";
      EXPECT_EQ(UnixSeconds(parsed), std::stoll(expected)) << "line " << row.line;
    }
  }
}

TEST(ParseIsoTimeTest, RefusalLeavesOutputUntouched) {
  TimePoint time = FromUnixSeconds(42);
  EXPECT_FALSE(ParseIsoTime("2026-02-30T00:00:00Z", &time));
  EXPECT_EQ(UnixSeconds(time), 42);
}

TEST(ParseIsoTimeTest, RefusesSignsAndSpacesInsideNumericFields) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/iso_time_signed_fields.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    TimePoint parsed{};
    EXPECT_FALSE(ParseIsoTime(row.cells[0], &parsed))
        << "line " << row.line << ": \"" << row.cells[0] << "\" was accepted as "
        << FormatIsoTime(parsed);
  }
}

TEST(IsoTimeTest, FormattedTimesParseBackToTheSameInstant) {
  for (int64_t seconds : {int64_t{0}, int64_t{951868800}, int64_t{1709251199}, int64_t{1795430287},
                          int64_t{4102444800}}) {
    TimePoint parsed{};
    std::string text = FormatIsoTime(FromUnixSeconds(seconds));
    ASSERT_TRUE(ParseIsoTime(text, &parsed)) << text;
    EXPECT_EQ(parsed, FromUnixSeconds(seconds)) << text;
  }
}

TEST(UnixSecondsTest, CountsWholeSecondsSinceTheEpoch) {
  EXPECT_EQ(UnixSeconds(FromUnixSeconds(1795430287)), 1795430287);
  EXPECT_EQ(UnixSeconds(TimePoint{}), 0);
  EXPECT_EQ(UnixSeconds(FromUnixSeconds(10) + std::chrono::milliseconds(700)), 10);
}

TEST(ManualClockTest, StandsStillUntilAdvanced) {
  ManualClock clock(FromUnixSeconds(1795430287));
  EXPECT_EQ(clock.Now(), FromUnixSeconds(1795430287));
  EXPECT_EQ(clock.Now(), FromUnixSeconds(1795430287));
  clock.Advance(std::chrono::seconds(90));
  EXPECT_EQ(clock.Now(), FromUnixSeconds(1795430287 + 90));
  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(FormatIsoTime(clock.Now()), "2026-11-24T10:39:37Z");
}

}  // namespace
}  // namespace gongshu
