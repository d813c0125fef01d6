// Tests of registration/working_calendar.h: dates, China Standard Time, the calendar file and
// working-day arithmetic on China's official 2025 and 2026 schedules.
#include "registration/working_calendar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// An instant from UTC text, through common/clock.h rather than the code under test.
TimePoint Utc(const std::string& iso) {
  TimePoint time;
  EXPECT_TRUE(ParseIsoTime(iso, &time)) << iso;
  return time;
}

// "YYYY-MM-DD HH:MM" on the UTC+8 wall clock, as an instant.
TimePoint Local(const std::string& text) {
  return Utc(text.substr(0, 10) + "T" + text.substr(11, 5) + ":00Z") - std::chrono::hours(8);
}

// 23:59:59.999 UTC+8 of the date "YYYY-MM-DD", worked out without the code under test.
TimePoint EndOfLocalDay(const std::string& date) {
  return Utc(date + "T00:00:00Z") - std::chrono::hours(8) + std::chrono::hours(24) -
         std::chrono::milliseconds(1);
}

Date DateOf(const std::string& text) {
  std::optional<Date> date = ParseDate(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date.value_or(Date{});
}

WorkingCalendar BuiltIn() {
  Result<WorkingCalendar> calendar = DefaultWorkingCalendar();
  EXPECT_TRUE(calendar.ok()) << calendar.status().message();
  return calendar.ok() ? *calendar : WorkingCalendar();
}

TEST(DateTest, ParsesAndFormatsOnlyRealDays) {
  std::optional<Date> date = ParseDate("2025-01-26");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, Date(std::chrono::year(2025), std::chrono::January, std::chrono::day(26)));
  EXPECT_EQ(FormatDate(*date), "2025-01-26");
  EXPECT_EQ(FormatDate(*ParseDate("0999-12-31")), "0999-12-31");
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  for (const char* text : {"2025-02-29", "2025-00-10", "2025-01-32", "2025-1-26", "2025-01-26 ",
                           "2025-01-26T00:00:00Z", "20250126", "", "2025-01-2x"}) {
    EXPECT_FALSE(ParseDate(text).has_value()) << text;
  }
}

TEST(DateTest, LocalDaysAreUtcPlusEight) {
  Date date = DateOf("2025-02-05");
  EXPECT_EQ(LocalStartOfDay(date), Utc("2025-02-04T16:00:00Z"));
  EXPECT_EQ(LocalEndOfDay(date), Utc("2025-02-05T16:00:00Z") - std::chrono::milliseconds(1));
  EXPECT_EQ(LocalDate(LocalEndOfDay(date)), date);
  EXPECT_EQ(LocalDate(LocalEndOfDay(date) + std::chrono::milliseconds(1)), DateOf("2025-02-06"));
}

TEST(WorkingCalendarTest, FollowsTable) {
  WorkingCalendar calendar = BuiltIn();
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/working_calendar.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "working_calendar.tsv line " << row.line;
    const std::string& operation = row.cells[0];
    const std::string& input = row.cells[1];
    const std::string& argument = row.cells[2];
    const std::string& expected = row.cells[3];
    std::string where = "working_calendar.tsv line " + std::to_string(row.line);
    if (operation == "working") {
      EXPECT_EQ(calendar.IsWorkingDay(DateOf(input)) ? "yes" : "no", expected) << where;
    } else if (operation == "deadline") {
      EXPECT_EQ(calendar.Deadline(Local(input), std::stoi(argument)), EndOfLocalDay(expected))
          << where << ": got "
          << FormatDate(LocalDate(calendar.Deadline(Local(input), std::stoi(argument))));
    } else if (operation == "add") {
      EXPECT_EQ(FormatDate(calendar.AddWorkingDays(DateOf(input), std::stoi(argument))), expected)
          << where;
    } else if (operation == "between") {
      EXPECT_EQ(calendar.WorkingDaysBetween(DateOf(input), DateOf(argument)), std::stoi(expected))
          << where;
    } else if (operation == "local_date") {
      EXPECT_EQ(FormatDate(LocalDate(Utc(input))), expected) << where;
    } else {
      ADD_FAILURE() << where << ": unknown operation " << operation;
    }
  }
}

TEST(WorkingCalendarTest, ParsesFilesAsTableSays) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/calendar_file.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "calendar_file.tsv line " << row.line;
    Result<WorkingCalendar> calendar = WorkingCalendar::Parse(row.cells[0]);
    const std::string& expected = row.cells[1];
    std::string where = "calendar_file.tsv line " + std::to_string(row.line);
    if (expected.rfind("ok ", 0) == 0) {
      ASSERT_TRUE(calendar.ok()) << where << ": " << calendar.status().message();
      EXPECT_EQ(calendar->entries().size(), std::stoul(expected.substr(3))) << where;
    } else {
      ASSERT_FALSE(calendar.ok()) << where << ": accepted";
      EXPECT_EQ(calendar.status().code(), StatusCode::kInvalidArgument) << where;
      EXPECT_NE(calendar.status().message().find(expected), std::string::npos)
          << where << ": message \"" << calendar.status().message() << "\" lacks \"" << expected
          << "\"";
    }
  }
}

TEST(WorkingCalendarTest, ParsedEntriesAreSortedAndKeepNames) {
  Result<WorkingCalendar> calendar =
      WorkingCalendar::Parse("2026-01-04\twork\tB\n2025-01-01\toff\t元旦 New Year\n");
  ASSERT_TRUE(calendar.ok()) << calendar.status().message();
  ASSERT_EQ(calendar->entries().size(), 2u);
  EXPECT_EQ(FormatDate(calendar->entries()[0].date), "2025-01-01");
  EXPECT_EQ(calendar->entries()[0].kind, CalendarDayKind::kOff);
  EXPECT_EQ(calendar->entries()[0].name, "元旦 New Year");
  EXPECT_EQ(calendar->entries()[1].kind, CalendarDayKind::kWork);
}

TEST(WorkingCalendarTest, EmptyCalendarCountsOnlyWeekends) {
  WorkingCalendar calendar;
  EXPECT_FALSE(calendar.IsWorkingDay(DateOf("2025-01-04")));  // Saturday
  EXPECT_TRUE(calendar.IsWorkingDay(DateOf("2025-01-01")));   // a Wednesday, no holidays listed
  EXPECT_EQ(calendar.AddWorkingDays(DateOf("2025-01-03"), 1), DateOf("2025-01-06"));
  EXPECT_FALSE(calendar.CoversYear(std::chrono::year(2025)));
}

// The built-in file must be China's official schedule as published (reference:
// holidays-cn.md): per year, the number of days off and of adjusted working days, and every
// adjusted working day a Saturday or Sunday.
TEST(DefaultCalendarTest, HoldsTheOfficialSchedules) {
  WorkingCalendar calendar = BuiltIn();
  std::map<std::pair<int, CalendarDayKind>, int> counts;
  for (const CalendarEntry& entry : calendar.entries()) {
    ++counts[{static_cast<int>(entry.date.year()), entry.kind}];
    EXPECT_FALSE(entry.name.empty()) << FormatDate(entry.date);
    std::chrono::weekday weekday{std::chrono::sys_days(entry.date)};
    bool weekend = weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
    if (entry.kind == CalendarDayKind::kWork) {
      EXPECT_TRUE(weekend) << FormatDate(entry.date);
    }
  }
  // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; 01-26, 02-08, 04-27, 09-28, 10-11 adjusted.
  EXPECT_EQ((counts[{2025, CalendarDayKind::kOff}]), 28);
  EXPECT_EQ((counts[{2025, CalendarDayKind::kWork}]), 5);
  // 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 adjusted.
  EXPECT_EQ((counts[{2026, CalendarDayKind::kOff}]), 33);
  EXPECT_EQ((counts[{2026, CalendarDayKind::kWork}]), 6);
  EXPECT_EQ(counts.size(), 4u);
  EXPECT_TRUE(calendar.CoversYear(std::chrono::year(2025)));
  EXPECT_TRUE(calendar.CoversYear(std::chrono::year(2026)));
  EXPECT_FALSE(calendar.CoversYear(std::chrono::year(2027)));
}

// The binary carries the shipped file byte for byte.
TEST(DefaultCalendarTest, EmbedsTheShippedFile) {
  std::ifstream file(GONGSHU_TESTDATA_DIR "/../data/holidays-cn.tsv", std::ios::binary);
  ASSERT_TRUE(file.is_open());
  std::stringstream content;
  content << file.rdbuf();
  EXPECT_EQ(DefaultCalendarFile(), content.str());
}

TEST(CalendarDayKindTest, NamesRoundTrip) {
  EXPECT_EQ(CalendarDayKindName(CalendarDayKind::kOff), "off");
  EXPECT_EQ(CalendarDayKindName(CalendarDayKind::kWork), "work");
  EXPECT_EQ(ParseCalendarDayKind("work"), CalendarDayKind::kWork);
  EXPECT_FALSE(ParseCalendarDayKind("holiday").has_value());
}

}  // namespace
}  // namespace gongshu
