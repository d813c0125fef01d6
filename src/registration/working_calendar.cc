#include "registration/working_calendar.h"

#include <algorithm>
#include <map>

#include "common/enum_names.h"

namespace gongshu {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr EnumNames<CalendarDayKind, 2> kKindNames({{
    {CalendarDayKind::kOff, "off"},
    {CalendarDayKind::kWork, "work"},
}});

bool IsDigit(char symbol) { return symbol >= '0' && symbol <= '9'; }

bool IsWeekend(Date date) {
  std::chrono::weekday weekday{sys_days(date)};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

Date NextDay(Date date) { return Date(sys_days(date) + days(1)); }

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  static constexpr std::string_view kShape = "dddd-dd-dd";
  if (text.size() != kShape.size()) return std::nullopt;
  for (size_t index = 0; index < text.size(); ++index) {
    if (kShape[index] == 'd' ? !IsDigit(text[index]) : text[index] != kShape[index]) {
      return std::nullopt;
    }
  }
  auto number = [text](size_t at, size_t length) {
    int value = 0;
    for (size_t index = at; index < at + length; ++index) value = value * 10 + (text[index] - '0');
    return value;
  };
  Date date{std::chrono::year(number(0, 4)),
            std::chrono::month(static_cast<unsigned>(number(5, 2))),
            std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(Date date) {
  std::string text = "0000-00-00";
  auto put = [&text](size_t at, int width, int value) {
    for (int digit = width - 1; digit >= 0; --digit, value /= 10) {
      text[at + static_cast<size_t>(digit)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, 4, static_cast<int>(date.year()));
  put(5, 2, static_cast<int>(static_cast<unsigned>(date.month())));
  put(8, 2, static_cast<int>(static_cast<unsigned>(date.day())));
  return text;
}

Date LocalDate(TimePoint time) {
  return Date(std::chrono::floor<days>(time + kChinaStandardTimeOffset));
}

TimePoint LocalStartOfDay(Date date) {
  return TimePoint(sys_days(date)) - kChinaStandardTimeOffset;
}

TimePoint LocalEndOfDay(Date date) {
  return LocalStartOfDay(NextDay(date)) - std::chrono::milliseconds(1);
}

std::string_view CalendarDayKindName(CalendarDayKind kind) { return kKindNames.Name(kind); }

std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view name) {
  return kKindNames.Parse(name);
}

Result<WorkingCalendar> WorkingCalendar::Parse(std::string_view text) {
  static constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  WorkingCalendar calendar;
  std::map<sys_days, int> line_of_date;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;

    std::string prefix = "line " + std::to_string(line_number) + ": ";
    std::vector<std::string_view> fields;
    for (size_t begin = 0;;) {
      size_t tab = line.find('\t', begin);
      fields.push_back(line.substr(begin, tab == std::string_view::npos ? tab : tab - begin));
      if (tab == std::string_view::npos) break;
      begin = tab + 1;
    }
    if (fields.size() != 3) {
      return Status::InvalidArgument(prefix +
                                     "expected 3 tab-separated fields (date, kind, name), got " +
                                     std::to_string(fields.size()));
    }
    std::optional<Date> date = ParseDate(fields[0]);
    if (!date) {
      return Status::InvalidArgument(prefix + "\"" + std::string(fields[0]) +
                                     "\" is not a date of the form YYYY-MM-DD");
    }
    std::optional<CalendarDayKind> kind = ParseCalendarDayKind(fields[1]);
    if (!kind) {
      return Status::InvalidArgument(prefix + "unknown kind \"" + std::string(fields[1]) +
                                     "\" (use " + kKindNames.Joined() + ")");
    }
    if (fields[2].empty()) return Status::InvalidArgument(prefix + "the name is empty");
    auto [earlier, inserted] = line_of_date.emplace(sys_days(*date), line_number);
    if (!inserted) {
      return Status::InvalidArgument(prefix + "duplicate date " + FormatDate(*date) +
                                     " (first listed on line " + std::to_string(earlier->second) +
                                     ")");
    }
    calendar.entries_.push_back(CalendarEntry{*date, *kind, std::string(fields[2])});
  }
  std::sort(calendar.entries_.begin(), calendar.entries_.end(),
            [](const CalendarEntry& left, const CalendarEntry& right) {
              return sys_days(left.date) < sys_days(right.date);
            });
  return calendar;
}

const CalendarEntry* WorkingCalendar::Find(Date date) const {
  auto found = std::lower_bound(
      entries_.begin(), entries_.end(), sys_days(date),
      [](const CalendarEntry& entry, sys_days day) { return sys_days(entry.date) < day; });
  if (found == entries_.end() || sys_days(found->date) != sys_days(date)) return nullptr;
  return &*found;
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  if (const CalendarEntry* entry = Find(date)) return entry->kind == CalendarDayKind::kWork;
  return !IsWeekend(date);
}

Date WorkingCalendar::AddWorkingDays(Date date, int count) const {
  // Every run of listed "off" days is finite, so each step of the loop ends.
  for (int found = 0; found < count;) {
    date = NextDay(date);
    if (IsWorkingDay(date)) ++found;
  }
  return date;
}

TimePoint WorkingCalendar::Deadline(TimePoint start, int working_days) const {
  return LocalEndOfDay(AddWorkingDays(LocalDate(start), working_days));
}

int WorkingCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (sys_days(to) < sys_days(from)) return -WorkingDaysBetween(to, from);
  int count = 0;
  for (Date date = from; sys_days(date) < sys_days(to);) {
    date = NextDay(date);
    if (IsWorkingDay(date)) ++count;
  }
  return count;
}

bool WorkingCalendar::CoversYear(std::chrono::year year) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [year](const CalendarEntry& entry) { return entry.date.year() == year; });
}

Result<WorkingCalendar> DefaultWorkingCalendar() {
  return WorkingCalendar::Parse(DefaultCalendarFile());
}

}  // namespace gongshu
