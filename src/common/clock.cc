#include "common/clock.h"

#include <cstdio>

namespace gongshu {

// Calendar arithmetic uses std::chrono's civil calendar rather than gmtime_r/timegm, which take
// a process-wide time zone lock in glibc.

TimePoint OffsetFileClock::Now() const {
  TimePoint now = std::chrono::system_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - checked_at_ >= std::chrono::milliseconds(100) || now < checked_at_) {
    checked_at_ = now;
    long long seconds = 0;
    if (std::FILE* file = std::fopen(path_.c_str(), "r")) {
      if (std::fscanf(file, "%lld", &seconds) != 1) seconds = 0;
      std::fclose(file);
    }
    offset_ = std::chrono::seconds(seconds);
  }
  return now + offset_;
}

std::string FormatIsoTime(TimePoint time) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  auto days = std::chrono::floor<std::chrono::days>(seconds);
  std::chrono::year_month_day date(days);
  std::chrono::hh_mm_ss clock(seconds - days);
  // Written digit by digit: this runs several times per request.
  std::string text = "0000-00-00T00:00:00Z";
  auto put = [&text](size_t at, int width, long long value) {
    for (int digit = width - 1; digit >= 0; --digit, value /= 10) {
      text[at + static_cast<size_t>(digit)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, 4, static_cast<int>(date.year()));
  put(5, 2, static_cast<unsigned>(date.month()));
  put(8, 2, static_cast<unsigned>(date.day()));
  put(11, 2, clock.hours().count());
  put(14, 2, clock.minutes().count());
  put(17, 2, clock.seconds().count());
  return text;
}

bool ParseIsoTime(const std::string& text, TimePoint* time) {
  // The fixed part "YYYY-MM-DDTHH:MM:SS" must be digits and separators exactly.
  static constexpr char kShape[] = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < 19) return false;
  for (size_t index = 0; index < 19; ++index) {
    bool digit = text[index] >= '0' && text[index] <= '9';
    if (kShape[index] == 'd' ? !digit : text[index] != kShape[index]) return false;
  }
  auto number = [&text](size_t at, size_t length) {
    int value = 0;
    for (size_t index = at; index < at + length; ++index) value = value * 10 + (text[index] - '0');
    return value;
  };
  int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  std::string_view rest = std::string_view(text).substr(19);
  if (!rest.empty() && rest[0] == '.') {
    size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 1) return false;
    rest = rest.substr(digits);
  }
  if (rest != "Z" && rest != "+00:00") return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  std::chrono::year_month_day date{std::chrono::year(year),
                                   std::chrono::month(static_cast<unsigned>(month)),
                                   std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return false;  // e.g. February 30th
  *time = std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
          std::chrono::seconds(second);
  return true;
}

int64_t UnixSeconds(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

TimePoint FromUnixSeconds(int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

}  // namespace gongshu
