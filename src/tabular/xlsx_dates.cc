#include "tabular/xlsx_dates.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace gongshu::tabular {
namespace {

constexpr std::int64_t kMillisecondsPerDay = 86'400'000;
// 9999-12-31 in the 1900 system; the 1904 system's last serial is 1462 days less.
constexpr double kLastSerial1900 = 2958465.0;
constexpr double kLastSerial1904 = kLastSerial1900 - 1462.0;

std::string TwoDigits(int value) {
  char text[3] = {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10), 0};
  return text;
}

std::string TimeText(std::int64_t milliseconds_of_day) {
  const auto seconds = static_cast<int>(milliseconds_of_day / 1000);
  const auto milliseconds = static_cast<int>(milliseconds_of_day % 1000);
  std::string text = TwoDigits(seconds / 3600) + ":" + TwoDigits(seconds / 60 % 60) + ":" +
                     TwoDigits(seconds % 60);
  if (milliseconds != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03d", milliseconds);
    text += fraction;
  }
  return text;
}

}  // namespace

NumberFormatKind BuiltInNumberFormatKind(int id) {
  if ((id >= 14 && id <= 17) || id == 22) return NumberFormatKind::kDate;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return NumberFormatKind::kTime;
  if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return NumberFormatKind::kDate;
  }
  if ((id >= 32 && id <= 35) || id == 55 || id == 56) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

NumberFormatKind ClassifyNumberFormat(std::string_view code) {
  bool year_or_day = false;
  bool month_or_minute = false;
  bool hour_or_second = false;
  for (std::size_t index = 0; index < code.size(); ++index) {
    const char symbol = code[index];
    switch (symbol) {
      case '"': {  // quoted text
        std::size_t close = code.find('"', index + 1);
        index = close == std::string_view::npos ? code.size() : close;
        break;
      }
      case '[': {  // [Red], [$-804], [h], [>=100]
        std::size_t close = code.find(']', index + 1);
        index = close == std::string_view::npos ? code.size() : close;
        break;
      }
      case '\\':  // an escaped character
      case '_':   // a space as wide as the next character
      case '*':   // the next character repeated to fill the cell
        ++index;
        break;
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        year_or_day = true;
        break;
      case 'm':
      case 'M':
        month_or_minute = true;
        break;
      case 'h':
      case 'H':
      case 's':
      case 'S':
        hour_or_second = true;
        break;
      default:
        break;
    }
  }
  if (year_or_day || (month_or_minute && !hour_or_second)) return NumberFormatKind::kDate;
  if (hour_or_second) return NumberFormatKind::kTime;
  return NumberFormatKind::kNumber;
}

Result<std::string> ExcelSerialText(double serial, bool date1904, NumberFormatKind kind) {
  if (!std::isfinite(serial) || serial < 0) {
    return Status::InvalidArgument("a negative number is not a date");
  }
  if (serial >= (date1904 ? kLastSerial1904 : kLastSerial1900) + 1) {
    return Status::InvalidArgument("the number is beyond 9999-12-31");
  }
  // Rounded to the millisecond first, so that 0.99999999 of a day carries into the next day.
  const auto total = static_cast<std::int64_t>(std::llround(serial * kMillisecondsPerDay));
  const std::int64_t day = total / kMillisecondsPerDay;
  const std::int64_t time_of_day = total % kMillisecondsPerDay;
  if (kind == NumberFormatKind::kTime && day == 0) return TimeText(time_of_day);

  using std::chrono::days;
  using std::chrono::sys_days;
  sys_days date;
  if (date1904) {
    date = sys_days(std::chrono::year(1904) / 1 / 1) + days(day);
  } else if (day == 0) {
    return Status::InvalidArgument("0 is not a date (Excel shows it as 1900-01-00)");
  } else if (day == 60) {
    return Status::InvalidArgument(
        "60 is 1900-02-29, a day that does not exist (a 1900 leap-year error kept by Excel)");
  } else {
    // Serials after the fictitious 1900-02-29 are one day ahead of a plain count.
    date = sys_days(std::chrono::year(1899) / 12 / 31) + days(day < 60 ? day : day - 1);
  }
  const std::chrono::year_month_day ymd(date);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  std::string result = text;
  if (time_of_day != 0) result += "T" + TimeText(time_of_day);
  return result;
}

}  // namespace gongshu::tabular
