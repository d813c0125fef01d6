#include "tabular/column_type.h"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace gongshu::tabular {
namespace {

constexpr std::array<std::pair<ColumnType, std::string_view>, 6> kNames{{
    {ColumnType::kString, "string"},
    {ColumnType::kInteger, "integer"},
    {ColumnType::kDecimal, "decimal"},
    {ColumnType::kBoolean, "boolean"},
    {ColumnType::kDate, "date"},
    {ColumnType::kDateTime, "datetime"},
}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Consumes -?(0|[1-9][0-9]*) from the front of `text`; false when it is not there.
bool TakeIntegerPart(std::string_view& text) {
  size_t at = 0;
  if (at < text.size() && text[at] == '-') ++at;
  if (at == text.size() || !IsDigit(text[at])) return false;
  if (text[at] == '0') {
    ++at;
  } else {
    while (at < text.size() && IsDigit(text[at])) ++at;
  }
  text.remove_prefix(at);
  return true;
}

std::string_view CheckInteger(std::string_view text) {
  if (text == "-0") return "negative zero";  // one spelling per value: 0
  std::string_view rest = text;
  if (!TakeIntegerPart(rest)) return "not an integer";
  if (!rest.empty()) {
    if (rest.front() >= '0' && rest.front() <= '9') return "leading zero";
    return "not an integer";
  }
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return "integer out of range";
  return {};
}

std::string_view CheckDecimal(std::string_view text) {
  std::string_view rest = text;
  if (!TakeIntegerPart(rest)) return "not a number";
  if (!rest.empty() && IsDigit(rest.front())) return "leading zero";
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    if (rest.empty() || !IsDigit(rest.front())) return "no digits after the decimal point";
    while (!rest.empty() && IsDigit(rest.front())) rest.remove_prefix(1);
  }
  if (!rest.empty() && (rest.front() == 'e' || rest.front() == 'E')) {
    rest.remove_prefix(1);
    if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) rest.remove_prefix(1);
    if (rest.empty() || !IsDigit(rest.front())) return "no digits in the exponent";
    while (!rest.empty() && IsDigit(rest.front())) rest.remove_prefix(1);
  }
  if (!rest.empty()) return "not a number";
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || !std::isfinite(value)) return "number out of range";
  return {};
}

// Reads `width` digits at `at`; -1 when any is not a digit.
int Digits(std::string_view text, size_t at, size_t width) {
  if (at + width > text.size()) return -1;
  int value = 0;
  for (size_t offset = 0; offset < width; ++offset) {
    char c = text[at + offset];
    if (!IsDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Checks YYYY-MM-DD at the front of `text`.
std::string_view CheckDatePart(std::string_view text) {
  int year = Digits(text, 0, 4);
  int month = Digits(text, 5, 2);
  int day = Digits(text, 8, 2);
  if (text.size() < 10 || year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') {
    return "not a date (YYYY-MM-DD)";
  }
  if (month < 1 || month > 12) return "no such month";
  static constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int days = kDaysInMonth[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  if (day < 1 || day > days) return "no such day in that month";
  return {};
}

std::string_view CheckDate(std::string_view text) {
  if (text.size() != 10) return "not a date (YYYY-MM-DD)";
  return CheckDatePart(text);
}

std::string_view CheckDateTime(std::string_view text) {
  if (std::string_view reason = CheckDatePart(text); !reason.empty()) return reason;
  if (text.size() == 10) return "a date without a time";
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ')) {
    return "not a datetime (YYYY-MM-DDTHH:MM:SS)";
  }
  int hour = Digits(text, 11, 2);
  int minute = Digits(text, 14, 2);
  int second = Digits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || text[13] != ':' || text[16] != ':') {
    return "not a datetime (YYYY-MM-DDTHH:MM:SS)";
  }
  if (hour > 23 || minute > 59 || second > 59) return "no such time of day";
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    if (rest.empty() || !IsDigit(rest.front())) return "no digits in the fraction of a second";
    while (!rest.empty() && IsDigit(rest.front())) rest.remove_prefix(1);
  }
  if (rest.empty() || rest == "Z") return {};
  if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int zone_hours = Digits(rest, 1, 2);
    int zone_minutes = Digits(rest, 4, 2);
    if (zone_hours >= 0 && zone_hours <= 14 && zone_minutes >= 0 && zone_minutes <= 59) return {};
  }
  return "bad time zone (Z or ±HH:MM)";
}

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  for (const auto& [value, name] : kNames) {
    if (value == type) return name;
  }
  return "string";
}

std::optional<ColumnType> ParseColumnType(std::string_view name) {
  for (const auto& [value, type_name] : kNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

std::string_view CheckCellType(ColumnType type, std::string_view text) {
  switch (type) {
    case ColumnType::kString:
      return {};
    case ColumnType::kInteger:
      return CheckInteger(text);
    case ColumnType::kDecimal:
      return CheckDecimal(text);
    case ColumnType::kBoolean:
      return text == "true" || text == "false" ? std::string_view() : "not true or false";
    case ColumnType::kDate:
      return CheckDate(text);
    case ColumnType::kDateTime:
      return CheckDateTime(text);
  }
  return {};
}

namespace {
// Candidate bits of ColumnTypeInference, in order of preference.
constexpr std::array<ColumnType, 5> kInferable{ColumnType::kInteger, ColumnType::kDecimal,
                                               ColumnType::kBoolean, ColumnType::kDate,
                                               ColumnType::kDateTime};
}  // namespace

void ColumnTypeInference::Add(std::string_view text) {
  any_value_ = true;
  for (size_t bit = 0; bit < kInferable.size(); ++bit) {
    auto mask = static_cast<std::uint8_t>(1U << bit);
    if ((candidates_ & mask) != 0 && !CheckCellType(kInferable[bit], text).empty()) {
      candidates_ = static_cast<std::uint8_t>(candidates_ & ~mask);
    }
  }
}

ColumnType ColumnTypeInference::Result() const {
  if (!any_value_) return ColumnType::kString;
  for (size_t bit = 0; bit < kInferable.size(); ++bit) {
    if ((candidates_ & (1U << bit)) != 0) return kInferable[bit];
  }
  return ColumnType::kString;
}

}  // namespace gongshu::tabular
