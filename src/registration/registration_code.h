// The registration code (登记编码) a registration receives when it is coded (赋码).
//
// 17 characters (docs/registration-code.md has the full description and a worked example):
//   1-6    administrative division code (GB/T 2260) of the registration body issuing the code
//   7-10   year of coding, China Standard Time
//   11-16  serial number within that division and year, 000001-999999
//   17     check character: ISO/IEC 7064 MOD 11-2 over characters 1-16, '0'-'9' or 'X'
//
// A code is unique and never reused: the store keeps, per division and year, a serial counter
// that only grows, and the code of a cancelled registration is not issued again.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

inline constexpr size_t kRegistrationCodeLength = 17;
inline constexpr int kMinRegistrationYear = 2000;
inline constexpr int kMaxRegistrationYear = 9999;
inline constexpr int kMaxRegistrationSerial = 999999;

// The ISO/IEC 7064 MOD 11-2 check character of `first16`: '0'-'9', or 'X' for the value 10.
// REQUIRES: `first16` is 16 ASCII digits.
char RegistrationCodeCheckCharacter(std::string_view first16);

// The code for `serial` in `division_code` and `year`, check character included.
// Returns InvalidArgument with a field error on "division_code" (not a GB/T 2260 code), "year"
// (outside 2000-9999) or "serial" (outside 1-999999).
Result<std::string> FormatRegistrationCode(std::string_view division_code, int year, int serial);

// The parts of a valid code.
struct RegistrationCodeParts {
  std::string division_code;
  int year = 0;
  int serial = 0;
};

// Ok when `code` is a well-formed registration code whose check character matches; otherwise
// InvalidArgument whose message names the first problem found, in this order: the length, a
// character that is not a digit (with its position; only position 17 may be 'X'), the division
// code (characters 1-6), the year (characters 7-10), the serial (characters 11-16, never 000000)
// and the check character (naming the expected one).
Status ValidateRegistrationCode(std::string_view code);

// The parts of `code`; the error of ValidateRegistrationCode when it is not valid.
Result<RegistrationCodeParts> ParseRegistrationCode(std::string_view code);

}  // namespace gongshu
