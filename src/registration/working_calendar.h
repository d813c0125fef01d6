// Working days (工作日): the calendar every registration deadline is counted in.
//
// A day is a working day when it is Monday to Friday, unless the calendar lists it as "off" (a
// public holiday), or when it is a Saturday or Sunday that the calendar lists as "work" (an
// adjusted working day, 调休上班). The calendar comes from a UTF-8 text file whose format is in
// docs/registration.md; China's official 2025 and 2026 schedules are built in
// (data/holidays-cn.tsv).
//
// Time zone: working days are days of China Standard Time, UTC+8, which has no daylight saving
// time. A TimePoint is converted to its local date by adding eight hours; a deadline is the last
// millisecond (23:59:59.999) of a local day.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace gongshu {

// A civil date with no time and no zone. Use Date::ok() before trusting one built by hand.
using Date = std::chrono::year_month_day;

// The offset of China Standard Time from UTC.
inline constexpr std::chrono::hours kChinaStandardTimeOffset{8};

// Parses exactly "YYYY-MM-DD" (four-digit year, two-digit month and day) naming a real day;
// nullopt for anything else, including "2025-02-29" and surrounding spaces.
std::optional<Date> ParseDate(std::string_view text);

// "YYYY-MM-DD". REQUIRES: date.ok() and a year from 0 to 9999.
std::string FormatDate(Date date);

// The China Standard Time date of `time`.
Date LocalDate(TimePoint time);

// 00:00:00.000 China Standard Time of `date`, as a TimePoint. REQUIRES: date.ok().
TimePoint LocalStartOfDay(Date date);

// 23:59:59.999 China Standard Time of `date`, as a TimePoint: one millisecond before the next
// day starts. REQUIRES: date.ok().
TimePoint LocalEndOfDay(Date date);

// The kind of a day the calendar lists.
enum class CalendarDayKind {
  kOff,   // "off": a public holiday; not a working day even on a weekday
  kWork,  // "work": an adjusted working day; a working day even on a Saturday or Sunday
};

// "off" or "work".
std::string_view CalendarDayKindName(CalendarDayKind kind);
// Parses a name CalendarDayKindName returns; nullopt for anything else.
std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view name);

// One line of a calendar file.
struct CalendarEntry {
  Date date;
  CalendarDayKind kind = CalendarDayKind::kOff;
  std::string name;  // the holiday's name, for people ("春节 Spring Festival")
};

// The working days of China Standard Time. A value type: cheap to move, safe to read from any
// number of threads at once.
class WorkingCalendar {
 public:
  // A calendar that lists no days: Monday to Friday are working days, weekends are off.
  WorkingCalendar() = default;

  // Parses a calendar file (format in docs/registration.md): lines DATE<TAB>KIND<TAB>NAME, with
  // KIND "off" or "work" and a non-empty NAME; empty lines and lines starting with '#' are
  // skipped; a UTF-8 byte order mark at the start and a '\r' at the end of a line are ignored.
  // Dates may come in any order. A "work" line for a weekday or an "off" line for a weekend
  // changes nothing and is accepted.
  // On failure returns InvalidArgument whose message starts with "line N: " and names the
  // problem: the wrong number of fields, a bad date, an unknown kind, an empty name, or a date
  // listed twice (naming the line that listed it first).
  static Result<WorkingCalendar> Parse(std::string_view text);

  // True when `date` is a working day. REQUIRES: date.ok().
  bool IsWorkingDay(Date date) const;

  // The `count`th working day after `date`; `date` itself never counts, whether or not it is a
  // working day. Returns `date` when count <= 0. REQUIRES: date.ok(); the time taken grows with
  // `count` (callers keep it to a few hundred).
  Date AddWorkingDays(Date date, int count) const;

  // The deadline of a step of `working_days` working days that starts at `start`: the last
  // millisecond (23:59:59.999 China Standard Time) of the `working_days`th working day after the
  // local date of `start`. The day of `start` does not count, so a step started at 09:00 and one
  // started at 23:00 on the same day end together. When working_days <= 0, the end of the local
  // day of `start`. A step is late when the time now is after its deadline.
  TimePoint Deadline(TimePoint start, int working_days) const;

  // The number of working days d with from < d <= to, so that
  // WorkingDaysBetween(date, AddWorkingDays(date, n)) == n for n >= 0. When to < from, minus the
  // number of working days d with to < d <= from. REQUIRES: from.ok() and to.ok().
  int WorkingDaysBetween(Date from, Date to) const;

  // True when the calendar lists at least one day of `year`. A year it does not cover counts
  // only weekends as days off: the operator should add that year's schedule.
  bool CoversYear(std::chrono::year year) const;

  // The listed days, sorted by date.
  const std::vector<CalendarEntry>& entries() const { return entries_; }

 private:
  // The entry for `date`, or nullptr.
  const CalendarEntry* Find(Date date) const;

  std::vector<CalendarEntry> entries_;  // sorted by date, each date once
};

// The text of the built-in calendar file, src/registration/data/holidays-cn.tsv, embedded at
// build time: China's official schedules for 2025 and 2026.
std::string_view DefaultCalendarFile();

// The built-in calendar, parsed from DefaultCalendarFile(). Fails only if the build embedded a
// file that does not parse, which a test rules out.
Result<WorkingCalendar> DefaultWorkingCalendar();

}  // namespace gongshu
