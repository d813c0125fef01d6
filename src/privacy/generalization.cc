#include "privacy/generalization.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>
#include <system_error>

namespace gongshu::privacy {
namespace {

// Written here rather than taken from ICU: the cells are short and already valid UTF-8, and these
// run once per generalized cell of a download.

std::string_view TrimSpaces(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

bool IsDigit(char symbol) { return symbol >= '0' && symbol <= '9'; }

// Reads one or two digits at the start of `rest` into `value` and removes them.
bool TakeNumber(std::string_view& rest, int& value) {
  if (rest.empty() || !IsDigit(rest[0])) return false;
  value = rest[0] - '0';
  size_t length = 1;
  if (rest.size() > 1 && IsDigit(rest[1])) {
    value = value * 10 + (rest[1] - '0');
    length = 2;
  }
  rest.remove_prefix(length);
  return true;
}

bool TakePrefix(std::string_view& rest, std::string_view prefix) {
  if (!rest.starts_with(prefix)) return false;
  rest.remove_prefix(prefix.size());
  return true;
}

// What may follow a full date: nothing, or a time ('T' or ' ' then a digit).
bool IsTimeOrEnd(std::string_view rest) {
  return rest.empty() ||
         ((rest[0] == 'T' || rest[0] == ' ') && rest.size() > 1 && IsDigit(rest[1]));
}

struct YearMonth {
  int year = 0;
  int month = 0;  // 0 for a bare year
};

// The year and month of a date in one of the forms GeneralizeToMonth documents, or of a bare
// four-digit year (month 0). `text` is already trimmed.
std::optional<YearMonth> ParseYearMonth(std::string_view text) {
  if (text.size() < 4) return std::nullopt;
  YearMonth date;
  for (size_t index = 0; index < 4; ++index) {
    if (!IsDigit(text[index])) return std::nullopt;
    date.year = date.year * 10 + (text[index] - '0');
  }
  if (date.year == 0) return std::nullopt;
  std::string_view rest = text.substr(4);
  if (rest.empty()) return date;
  int day = 0;
  bool has_day = true;
  if (IsDigit(rest[0])) {  // YYYYMMDD
    if (rest.size() < 4) return std::nullopt;
    for (size_t index = 0; index < 4; ++index) {
      if (!IsDigit(rest[index])) return std::nullopt;
    }
    date.month = (rest[0] - '0') * 10 + (rest[1] - '0');
    day = (rest[2] - '0') * 10 + (rest[3] - '0');
    rest.remove_prefix(4);
    if (!IsTimeOrEnd(rest)) return std::nullopt;
  } else if (TakePrefix(rest, "年")) {
    if (!TakeNumber(rest, date.month) || !TakePrefix(rest, "月")) return std::nullopt;
    if (rest.empty()) {
      has_day = false;
    } else if (!TakeNumber(rest, day) || !TakePrefix(rest, "日") || !IsTimeOrEnd(rest)) {
      return std::nullopt;
    }
  } else if (rest[0] == '-' || rest[0] == '/' || rest[0] == '.') {
    char separator = rest[0];
    rest.remove_prefix(1);
    if (!TakeNumber(rest, date.month)) return std::nullopt;
    if (rest.empty()) {
      has_day = false;
    } else if (rest[0] != separator) {
      return std::nullopt;
    } else {
      rest.remove_prefix(1);
      if (!TakeNumber(rest, day) || !IsTimeOrEnd(rest)) return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (date.month < 1 || date.month > 12) return std::nullopt;
  if (has_day) {
    std::chrono::year_month_day calendar_date{std::chrono::year(date.year),
                                              std::chrono::month(static_cast<unsigned>(date.month)),
                                              std::chrono::day(static_cast<unsigned>(day))};
    if (!calendar_date.ok()) return std::nullopt;
  }
  return date;
}

void AppendDigits(int value, int width, std::string& out) {
  char digits[4];
  for (int index = width - 1; index >= 0; --index) {
    digits[index] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

void AppendInteger(int64_t value, std::string& out) {
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, end);
}

constexpr double kMaxBandValue = 1e15;

// The code point starting at byte `offset` of valid UTF-8 `text`, and its length in bytes.
char32_t DecodeAt(std::string_view text, size_t offset, size_t& length) {
  unsigned char lead = static_cast<unsigned char>(text[offset]);
  length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (offset + length > text.size()) {
    length = 1;
    return lead;
  }
  char32_t code_point = length == 1 ? lead : lead & (0x7f >> length);
  for (size_t index = 1; index < length; ++index) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[offset + index]) & 0x3f);
  }
  return code_point;
}

// Characters that end the search for a county-level unit: from here on the address is a street,
// a number or a building, never a division name.
bool IsStop(char32_t code_point) {
  bool ascii_alnum = (code_point >= '0' && code_point <= '9') ||
                     (code_point >= 'A' && code_point <= 'Z') ||
                     (code_point >= 'a' && code_point <= 'z');
  bool fullwidth_alnum = (code_point >= U'０' && code_point <= U'９') ||
                         (code_point >= U'Ａ' && code_point <= U'Ｚ') ||
                         (code_point >= U'ａ' && code_point <= U'ｚ');
  return ascii_alnum || fullwidth_alnum;
}

// Characters that, just before 区, make a word that is not a division: 小区, 社区, 园区, 校区,
// 景区, 街区, 厂区, 片区, 院区, 工业区 / 商业区.
bool PrecedesNonDivisionWord(char32_t code_point) {
  switch (code_point) {
    case U'小':
    case U'社':
    case U'园':
    case U'校':
    case U'景':
    case U'街':
    case U'厂':
    case U'片':
    case U'院':
    case U'业':
      return true;
    default:
      return false;
  }
}

constexpr size_t kMaxUnitCharacters = 16;

}  // namespace

bool GeneralizeToMonth(std::string_view text, std::string& out) {
  std::optional<YearMonth> date = ParseYearMonth(TrimSpaces(text));
  if (!date || date->month == 0) return false;
  out.clear();
  AppendDigits(date->year, 4, out);
  out += '-';
  AppendDigits(date->month, 2, out);
  return true;
}

bool GeneralizeToYear(std::string_view text, std::string& out) {
  std::optional<YearMonth> date = ParseYearMonth(TrimSpaces(text));
  if (!date) return false;
  out.clear();
  AppendDigits(date->year, 4, out);
  return true;
}

bool GeneralizeToBand(std::string_view text, int64_t width, std::string& out) {
  text = TrimSpaces(text);
  if (text.empty() || !IsDigit(text[0])) return false;  // also refuses "-", "+", "inf", "nan"
  int64_t lower = 0;
  int64_t integer = 0;
  const char* end = text.data() + text.size();
  auto [integer_end, integer_error] = std::from_chars(text.data(), end, integer);
  if (integer_error == std::errc() && integer_end == end) {
    if (static_cast<double>(integer) > kMaxBandValue) return false;
    lower = integer / width * width;
  } else {
    double number = 0;
    auto [number_end, number_error] = std::from_chars(text.data(), end, number);
    if (number_error != std::errc() || number_end != end || !(number <= kMaxBandValue)) {
      return false;
    }
    lower = static_cast<int64_t>(std::floor(number / static_cast<double>(width))) * width;
  }
  out.clear();
  AppendInteger(lower, out);
  out += '-';
  AppendInteger(lower + width - 1, out);
  return true;
}

bool GeneralizeToDistrict(std::string_view text, std::string& out) {
  text = TrimSpaces(text);
  size_t unit_start = 0;       // byte offset where the current unit's name begins
  size_t unit_characters = 0;  // characters of the current unit seen so far
  bool after_prefecture = false;
  char32_t previous = 0;
  size_t length = 0;
  for (size_t offset = 0; offset < text.size(); offset += length) {
    char32_t code_point = DecodeAt(text, offset, length);
    if (IsStop(code_point)) return false;
    if (++unit_characters > kMaxUnitCharacters) return false;
    std::string_view name = text.substr(unit_start, offset - unit_start);
    bool ends_unit = false;
    bool county = false;
    // A unit needs a name before its suffix: 济南市市中区 is 济南市 then 市中区.
    if (!name.empty()) {
      switch (code_point) {
        case U'省':
          ends_unit = true;
          break;
        case U'区':
          if (name.ends_with("自治") || name.ends_with("特别行政")) {
            ends_unit = true;  // province level: 广西壮族自治区, 香港特别行政区
          } else if (previous == U'地') {
            ends_unit = true;  // prefecture level: 阿克苏地区
            after_prefecture = true;
          } else if (!PrecedesNonDivisionWord(previous)) {
            county = true;
          }
          break;
        case U'县':
        case U'旗':
          county = true;
          break;
        case U'市':
          if (after_prefecture) {
            county = true;  // county-level city: 苏州市昆山市
          } else {
            ends_unit = true;
            after_prefecture = true;
          }
          break;
        case U'盟':
          ends_unit = true;
          after_prefecture = true;
          break;
        case U'州':
          if (name.ends_with("自治")) {
            ends_unit = true;
            after_prefecture = true;
          }
          break;
        default:
          break;
      }
    }
    if (county) {
      out.assign(text.substr(0, offset + length));
      return true;
    }
    if (ends_unit) {
      unit_start = offset + length;
      unit_characters = 0;
    }
    previous = code_point;
  }
  return false;
}

}  // namespace gongshu::privacy
