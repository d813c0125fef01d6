#include "common/clock.h"

#include <cstdio>
#include <ctime>

namespace gongshu {

std::string FormatIsoTime(TimePoint time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

bool ParseIsoTime(const std::string& text, TimePoint* time) {
  // The fixed part "YYYY-MM-DDTHH:MM:SS" must be digits and separators exactly: sscanf alone
  // would accept signs and spaces inside the numbers.
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < 19) return false;
  for (size_t index = 0; index < 19; ++index) {
    bool digit = text[index] >= '0' && text[index] <= '9';
    if (kShape[index] == 'd' ? !digit : text[index] != kShape[index]) return false;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6 ||
      consumed != 19) {
    return false;
  }
  std::string rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 1) return false;
    rest = rest.substr(digits);
  }
  if (rest != "Z" && rest != "+00:00") return false;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  std::time_t seconds = timegm(&utc);
  std::tm check{};
  gmtime_r(&seconds, &check);
  if (check.tm_mday != day) return false;  // e.g. February 30th
  *time = std::chrono::system_clock::from_time_t(seconds);
  return true;
}

int64_t UnixSeconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

TimePoint FromUnixSeconds(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

}  // namespace gongshu
