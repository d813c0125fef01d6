#include "quality/validators.h"

#include "identity/uscc.h"
#include "quality/division_table.h"

namespace gongshu::quality {
namespace {

using std::chrono::year_month_day;

constexpr std::array<std::string_view, kValueKindCount> kKindNames = {
    "citizen_id", "uscc", "mobile", "phone", "bank_card", "email", "date", "division_code"};

bool IsDigit(char symbol) { return symbol >= '0' && symbol <= '9'; }
bool IsUpper(char symbol) { return symbol >= 'A' && symbol <= 'Z'; }
bool IsLower(char symbol) { return symbol >= 'a' && symbol <= 'z'; }
bool IsSeparator(char symbol) { return symbol == ' ' || symbol == '-'; }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The value of `width` ASCII digits at `at`; -1 when any is missing or not a digit.
int DigitsAt(std::string_view text, size_t at, size_t width) {
  if (at + width > text.size()) return -1;
  int value = 0;
  for (size_t offset = 0; offset < width; ++offset) {
    char symbol = text[at + offset];
    if (!IsDigit(symbol)) return -1;
    value = value * 10 + (symbol - '0');
  }
  return value;
}

// The date, when year (1-9999), month and day name a real day of the Gregorian calendar. The
// check is done here rather than by year_month_day::ok() because it runs on every date-like cell
// and this inlines to a few compares.
std::optional<year_month_day> MakeDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  return year_month_day{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                        std::chrono::day(static_cast<unsigned>(day))};
}

// Removes a leading "+86" or "0086" and one space or dash after it; true when one was there.
bool TakeCountryCode(std::string_view& text) {
  for (std::string_view prefix : {std::string_view("+86"), std::string_view("0086")}) {
    if (StartsWith(text, prefix)) {
      text.remove_prefix(prefix.size());
      if (!text.empty() && IsSeparator(text.front())) text.remove_prefix(1);
      return true;
    }
  }
  return false;
}

// Collects the digits of `text` into `digits` (at most `capacity`), allowing single spaces or
// dashes between digits only. Returns the number of digits, or -1 when the text has anything
// else, a separator at either end or two in a row, or more than `capacity` digits.
int CollectSeparatedDigits(std::string_view text, char* digits, int capacity) {
  int count = 0;
  bool previous_was_digit = false;
  for (char symbol : text) {
    if (IsDigit(symbol)) {
      if (count == capacity) return -1;
      digits[count++] = symbol;
      previous_was_digit = true;
    } else if (IsSeparator(symbol) && previous_was_digit) {
      previous_was_digit = false;
    } else {
      return -1;
    }
  }
  return previous_was_digit ? count : -1;
}

// Removes a run of ASCII digits from the front of `text` and returns its length.
size_t TakeDigitRun(std::string_view& text) {
  size_t length = 0;
  while (length < text.size() && IsDigit(text[length])) ++length;
  text.remove_prefix(length);
  return length;
}

bool TakeOne(std::string_view& text, std::string_view token) {
  if (!StartsWith(text, token)) return false;
  text.remove_prefix(token.size());
  return true;
}

// Reads the digits of an area code without its leading 0 from the front of `text` (10, 2d or
// [3-9]dd) and returns how many there were, or 0 when there is none.
size_t TakeAreaDigits(std::string_view& text) {
  if (text.empty()) return 0;
  size_t width = 0;
  if (text[0] == '1') {
    width = text.size() >= 2 && text[1] == '0' ? 2 : 0;
  } else if (text[0] == '2') {
    width = 2;
  } else if (text[0] >= '3' && text[0] <= '9') {
    width = 3;
  }
  if (width == 0 || DigitsAt(text, 0, width) < 0) return 0;
  text.remove_prefix(width);
  return width;
}

// The ASCII letters, digits and symbols RFC 5322 allows in an atom (atext).
bool IsAtext(char symbol) {
  if (IsDigit(symbol) || IsUpper(symbol) || IsLower(symbol)) return true;
  switch (symbol) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool IsEmailLocalPart(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') {
    return false;
  }
  char previous = 0;
  for (char symbol : local) {
    if (symbol == '.') {
      if (previous == '.') return false;
    } else if (!IsAtext(symbol)) {
      return false;
    }
    previous = symbol;
  }
  return true;
}

bool IsEmailDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  int labels = 0;
  while (true) {
    size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char symbol : label) {
      if (!IsDigit(symbol) && !IsUpper(symbol) && !IsLower(symbol) && symbol != '-') return false;
    }
    ++labels;
    if (dot == std::string_view::npos) {
      if (labels < 2 || label.size() < 2) return false;
      for (char symbol : label) {
        if (!IsUpper(symbol) && !IsLower(symbol)) return false;
      }
      return true;
    }
    domain.remove_prefix(dot + 1);
  }
}

}  // namespace

std::string_view ValueKindName(ValueKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<ValueKind> ParseValueKind(std::string_view name) {
  for (ValueKind kind : kValueKinds) {
    if (ValueKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

bool IsValueOfKind(ValueKind kind, std::string_view text, year_month_day as_of) {
  switch (kind) {
    case ValueKind::kCitizenId:
      return IsCitizenId(text, as_of);
    case ValueKind::kUscc:
      return IsUscc(text);
    case ValueKind::kMobile:
      return IsMobile(text);
    case ValueKind::kLandline:
      return IsLandline(text);
    case ValueKind::kBankCard:
      return IsBankCard(text);
    case ValueKind::kEmail:
      return IsEmail(text);
    case ValueKind::kDate:
      return IsDate(text);
    case ValueKind::kDivisionCode:
      return IsDivisionCode(text);
  }
  return false;
}

char CitizenIdCheckCharacter(std::string_view first17) {
  // ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) sum += (first17[index] - '0') * kWeights[index];
  int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::string_view CitizenIdProblem(std::string_view text, year_month_day as_of) {
  if (text.size() != 18) return "must be 18 characters";
  for (size_t index = 0; index < 17; ++index) {
    if (!IsDigit(text[index])) return "characters 1-17 must be digits";
  }
  char last = text[17] == 'x' ? 'X' : text[17];
  if (!IsDigit(last) && last != 'X') return "character 18 must be a digit or X";
  if (CitizenIdCheckCharacter(text.substr(0, 17)) != last) return "check character does not match";
  std::optional<year_month_day> birth =
      MakeDate(DigitsAt(text, 6, 4), DigitsAt(text, 10, 2), DigitsAt(text, 12, 2));
  if (!birth) return "birth date (characters 7-14) is not a calendar date";
  static constexpr year_month_day kEarliestBirth{std::chrono::year(1900), std::chrono::January,
                                                 std::chrono::day(1)};
  if (*birth < kEarliestBirth) return "birth date is before 1900-01-01";
  if (*birth > as_of) return "birth date is after the date of the check";
  std::string_view address = text.substr(0, 6);
  if (address == "810000" || address == "820000" || address == "830000") return {};
  // A province as a whole issues no numbers: its code (xx0000) is no address code.
  bool province_level = address.substr(2) == "0000";
  if (province_level || (!IsKnownDivisionCode(address) && !IsKnownPrefecture(text.substr(0, 4)))) {
    return "address code (characters 1-6) is not a known division";
  }
  return {};
}

bool IsCitizenId(std::string_view text, year_month_day as_of) {
  return CitizenIdProblem(text, as_of).empty();
}

bool IsUscc(std::string_view text) {
  if (text.size() != 18) return false;
  // A table-driven copy of the GB 32100 check-character rule, used only to turn values away
  // quickly (identity's UsccCheckCharacter searches the alphabet for every character, too slow
  // for every cell); whatever passes is judged by CheckUscc itself.
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<signed char, 256> kValueOf = [] {
    std::array<signed char, 256> values{};
    values.fill(-1);
    for (size_t index = 0; index < kAlphabet.size(); ++index) {
      values[static_cast<unsigned char>(kAlphabet[index])] = static_cast<signed char>(index);
    }
    return values;
  }();
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) {
    int value = kValueOf[static_cast<unsigned char>(text[index])];
    if (value < 0) return false;
    sum += value * kWeights[index];
  }
  int check = 31 - sum % 31;
  if (kValueOf[static_cast<unsigned char>(text[17])] != (check == 31 ? 0 : check)) return false;
  return CheckUscc(text).ok();
}

std::string_view DivisionCodeProblem(std::string_view text) {
  if (text.size() != 6 || DigitsAt(text, 0, 6) < 0) return "must be six digits";
  if (!IsKnownDivisionCode(text)) return "not in the GB/T 2260 table";
  return {};
}

bool IsDivisionCode(std::string_view text) { return IsKnownDivisionCode(text); }

bool IsMobile(std::string_view text) {
  TakeCountryCode(text);
  char digits[11];
  if (CollectSeparatedDigits(text, digits, 11) != 11) return false;
  return digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

bool IsLandline(std::string_view text) {
  size_t area_width = 0;  // digits after the area code's leading 0
  if (TakeCountryCode(text)) {
    area_width = TakeAreaDigits(text);
  } else {
    std::string_view closing;
    if (TakeOne(text, "(")) {
      closing = ")";
    } else if (TakeOne(text, "（")) {
      closing = "）";
    }
    if (!TakeOne(text, "0")) return false;
    area_width = TakeAreaDigits(text);
    if (area_width > 0 && !closing.empty() && !TakeOne(text, closing)) return false;
  }
  if (area_width == 0) return false;
  if (!text.empty() && IsSeparator(text.front())) text.remove_prefix(1);
  // The local number: one run of 7-8 digits, or 3-4 digits, a separator and 4 more.
  if (text.empty() || text.front() < '2' || text.front() > '9') return false;
  size_t local = TakeDigitRun(text);
  if ((local == 3 || local == 4) && text.size() > 1 && IsSeparator(text[0]) && IsDigit(text[1])) {
    text.remove_prefix(1);
    size_t second = TakeDigitRun(text);
    if (second != 4) return false;
    local += second;
  }
  bool local_fits = area_width == 2 ? local == 8 : (local == 7 || local == 8);
  if (!local_fits) return false;
  if (text.empty()) return true;
  if (!TakeOne(text, "-") && !TakeOne(text, "#") && !TakeOne(text, "转") && !TakeOne(text, "ext")) {
    return false;
  }
  size_t extension = TakeDigitRun(text);
  return text.empty() && extension >= 1 && extension <= 6;
}

bool PassesLuhn(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool double_it = false;  // every second digit from the right, the check digit not doubled
  for (size_t index = digits.size(); index-- > 0;) {
    char symbol = digits[index];
    if (!IsDigit(symbol)) return false;
    int value = symbol - '0';
    if (double_it) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

bool IsBankCard(std::string_view text) {
  char digits[19];
  int count = 0;
  bool previous_was_digit = false;
  for (char symbol : text) {
    if (IsDigit(symbol)) {
      if (count == 19) return false;
      digits[count++] = symbol;
      previous_was_digit = true;
    } else if (symbol == ' ' && previous_was_digit) {
      previous_was_digit = false;
    } else {
      return false;
    }
  }
  if (!previous_was_digit || count < 16) return false;
  return PassesLuhn(std::string_view(digits, static_cast<size_t>(count)));
}

std::optional<year_month_day> ParseDate(std::string_view text) {
  int year = DigitsAt(text, 0, 4);
  if (year < 0) return std::nullopt;
  if (text.size() == 8) return MakeDate(year, DigitsAt(text, 4, 2), DigitsAt(text, 6, 2));
  if (text.size() == 10 && (text[4] == '-' || text[4] == '/') && text[7] == text[4]) {
    return MakeDate(year, DigitsAt(text, 5, 2), DigitsAt(text, 8, 2));
  }
  // YYYY年M月D日
  std::string_view rest = text.substr(4);
  if (!TakeOne(rest, "年")) return std::nullopt;
  std::string_view month_digits = rest.substr(0, rest.find("月"));
  if (month_digits.empty() || month_digits.size() > 2 || month_digits.size() == rest.size()) {
    return std::nullopt;
  }
  rest.remove_prefix(month_digits.size());
  TakeOne(rest, "月");
  if (rest.size() < 4 || rest.size() > 5 || rest.substr(rest.size() - 3) != "日") {
    return std::nullopt;
  }
  std::string_view day_digits = rest.substr(0, rest.size() - 3);
  return MakeDate(year, DigitsAt(month_digits, 0, month_digits.size()),
                  DigitsAt(day_digits, 0, day_digits.size()));
}

bool IsDate(std::string_view text) { return ParseDate(text).has_value(); }

bool IsEmail(std::string_view text) {
  if (text.size() > 254) return false;
  size_t at = text.find('@');
  if (at == std::string_view::npos) return false;
  return IsEmailLocalPart(text.substr(0, at)) && IsEmailDomain(text.substr(at + 1));
}

bool IsPassportNumber(std::string_view text) {
  if (text.size() == 9 && (text[0] == 'E' || text[0] == 'G') && DigitsAt(text, 1, 8) >= 0) {
    return true;
  }
  if (text.size() == 9 && text[0] == 'E' && IsUpper(text[1]) && text[1] != 'I' && text[1] != 'O' &&
      DigitsAt(text, 2, 7) >= 0) {
    return true;
  }
  bool official = !text.empty() && (text[0] == 'D' || text[0] == 'S' || text[0] == 'P');
  return official && (text.size() == 8 || text.size() == 9) &&
         DigitsAt(text, 1, text.size() - 1) >= 0;
}

}  // namespace gongshu::quality
