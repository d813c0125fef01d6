// Validators of the values a dataset column may hold: one function per kind of value, each a pure
// function of the text (and, for citizen ID numbers, of a date passed in). docs/quality.md lists
// the exact rules with examples.
//
// No validator trims: " 13800138000" is not a mobile number here. Callers that accept padded
// values (the column profiler does) trim first. None allocates (except IsUscc on the rare value
// whose check character matches but that CheckUscc still refuses, when CheckUscc builds its
// message), so they may run on every cell. Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string_view>

namespace gongshu::quality {

// The kinds of value the validators recognize, in the order the profiler breaks ties.
enum class ValueKind {
  kCitizenId,     // "citizen_id"
  kUscc,          // "uscc"
  kMobile,        // "mobile"
  kLandline,      // "phone"
  kBankCard,      // "bank_card"
  kEmail,         // "email"
  kDate,          // "date"
  kDivisionCode,  // "division_code"
};
inline constexpr int kValueKindCount = 8;
inline constexpr std::array<ValueKind, kValueKindCount> kValueKinds = {
    ValueKind::kCitizenId, ValueKind::kUscc,  ValueKind::kMobile, ValueKind::kLandline,
    ValueKind::kBankCard,  ValueKind::kEmail, ValueKind::kDate,   ValueKind::kDivisionCode};

// The name of a kind as profiles and reports spell it (above).
std::string_view ValueKindName(ValueKind kind);
std::optional<ValueKind> ParseValueKind(std::string_view name);

// Whether `text` is a value of `kind`. `as_of` is only used for citizen ID numbers (see below).
bool IsValueOfKind(ValueKind kind, std::string_view text, std::chrono::year_month_day as_of);

// --- Citizen ID number (公民身份号码, GB 11643-1999) ---
// 18 characters: a six-digit address code, the birth date YYYYMMDD, a three-digit sequence and
// the ISO 7064 MOD 11-2 check character (0-9 or X; a lower-case x is accepted too). Checked:
//   - the check character;
//   - the birth date is a real calendar date from 1900-01-01 to `as_of` inclusive (no clock is
//     read: the caller passes the date the data is judged at);
//   - the address code is 810000, 820000 or 830000 (the residence permits of Hong Kong, Macao
//     and Taiwan residents, which use the same number format), or else not a province-level
//     code (xx0000) and either in the division table, current or former (division_table.h), or
//     with first four digits that are a prefecture the table knows (for county codes withdrawn
//     before the table's oldest revision, December 2002).
// Returns an empty view when `text` passes, otherwise why not, e.g. "check character does not
// match". REQUIRES: as_of.ok().
std::string_view CitizenIdProblem(std::string_view text, std::chrono::year_month_day as_of);
bool IsCitizenId(std::string_view text, std::chrono::year_month_day as_of);
// The check character ('0'-'9' or 'X') of the first 17 digits. REQUIRES: 17 ASCII digits.
char CitizenIdCheckCharacter(std::string_view first17);

// --- Unified Social Credit Code (GB 32100-2015) ---
// identity/uscc.h CheckUscc succeeds, after cheap checks that keep CheckUscc (which builds an
// error message) off the path of values that are plainly not codes.
bool IsUscc(std::string_view text);

// --- Administrative division code (GB/T 2260) ---
// Six ASCII digits found in the division table, current or former. Returns an empty view when it
// passes, else "must be six digits" or "not in the GB/T 2260 table".
std::string_view DivisionCodeProblem(std::string_view text);
bool IsDivisionCode(std::string_view text);

// --- Mainland mobile number ---
// Eleven digits 1[3-9]xxxxxxxxx, optionally after "+86" or "0086" (which may be followed by one
// space or dash). Single spaces or dashes may separate digits: "138 0013 8000",
// "+86-138-0013-8000".
bool IsMobile(std::string_view text);

// --- Mainland landline number (固定电话) ---
// An area code and a local number, with an optional extension:
//   area code  0 + 10 | 2d | [3-9]dd (010, 021, 0755, ...), alone or in ASCII or full-width
//              parentheses; after "+86" or "0086" (and one optional space or dash) the area code
//              is written without its 0 ("+86 10 62345678");
//   separator  one optional space or dash between area code and local number;
//   local      7 or 8 digits starting 2-9 (8 after a three-digit area code 010 / 02x), possibly
//              split once by a space or dash into 3 or 4 + 4 digits;
//   extension  optional: "-", "#", "转" or "ext" and 1 to 6 digits.
// Numbers without an area code, and service numbers such as 12345 or 400-xxx-xxxx, are refused.
bool IsLandline(std::string_view text);

// --- Bank card number ---
// 16 to 19 digits passing the Luhn check; single spaces may separate digit groups.
bool IsBankCard(std::string_view text);
// Whether the ASCII digits `digits` pass the Luhn (mod 10) check. False when empty or any byte is
// not a digit.
bool PassesLuhn(std::string_view digits);

// --- Date ---
// YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD (two-digit month and day) or YYYY年M月D日 (month and day of
// one or two digits), naming a real day of the Gregorian calendar with a year from 0001 to 9999.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
bool IsDate(std::string_view text);

// --- Email address ---
// A practical subset of RFC 5322 addr-spec: local-part "@" domain, at most 254 characters, where
//   local-part is a dot-atom of at most 64 characters: letters, digits and !#$%&'*+/=?^_`{|}~-,
//              with dots between them (none first or last, no two in a row); no quoted strings;
//   domain     is two or more dot-separated labels of letters, digits and hyphens (1-63 each, no
//              hyphen first or last), the last one letters only and at least two long; no
//              address literals, no internationalized names.
bool IsEmail(std::string_view text);

// --- Passport number of the People's Republic of China ---
// E or G + 8 digits; E + a letter other than I and O + 7 digits; D, S or P + 7 or 8 digits
// (diplomatic, service and public-affairs passports). Upper case only. The form alone is weak
// evidence (batch numbers share it), so personal_data.h asks for column context too.
bool IsPassportNumber(std::string_view text);

}  // namespace gongshu::quality
