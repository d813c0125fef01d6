#include "registration/registration_code.h"

#include "identity/division_code.h"

namespace gongshu {
namespace {

// The weight of character i (1-based, from the left) is 2^(17 - i) mod 11: ISO/IEC 7064 gives
// the character j places from the right (the check character being j = 1) the weight 2^(j - 1).
constexpr int kWeights[16] = {9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

bool IsDigit(char symbol) { return symbol >= '0' && symbol <= '9'; }

int Number(std::string_view digits) {
  int value = 0;
  for (char digit : digits) value = value * 10 + (digit - '0');
  return value;
}

}  // namespace

char RegistrationCodeCheckCharacter(std::string_view first16) {
  int sum = 0;
  for (size_t index = 0; index < 16; ++index) sum += (first16[index] - '0') * kWeights[index];
  // The check value c makes the weighted sum of all 17 characters (c with weight 1) equal to
  // 1 modulo 11.
  int check = (12 - sum % 11) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

Result<std::string> FormatRegistrationCode(std::string_view division_code, int year, int serial) {
  Status division = CheckDivisionCode(division_code);
  if (!division.ok()) return Status::InvalidField("division_code", division.message());
  if (year < kMinRegistrationYear || year > kMaxRegistrationYear) {
    return Status::InvalidField("year", "must be from " + std::to_string(kMinRegistrationYear) +
                                            " to " + std::to_string(kMaxRegistrationYear) +
                                            ", got " + std::to_string(year));
  }
  if (serial < 1 || serial > kMaxRegistrationSerial) {
    return Status::InvalidField("serial", "must be from 1 to " +
                                              std::to_string(kMaxRegistrationSerial) + ", got " +
                                              std::to_string(serial));
  }
  std::string code(division_code);
  std::string year_digits = std::to_string(year);
  std::string serial_digits = std::to_string(serial);
  code += year_digits;
  code += std::string(6 - serial_digits.size(), '0') + serial_digits;
  code += RegistrationCodeCheckCharacter(code);
  return code;
}

Status ValidateRegistrationCode(std::string_view code) {
  if (code.size() != kRegistrationCodeLength) {
    return Status::InvalidArgument("a registration code has 17 characters, got " +
                                   std::to_string(code.size()));
  }
  for (size_t index = 0; index < code.size(); ++index) {
    bool is_check = index == kRegistrationCodeLength - 1;
    if (!IsDigit(code[index]) && !(is_check && code[index] == 'X')) {
      return Status::InvalidArgument(
          "character " + std::to_string(index + 1) +
          (is_check ? " (check character) must be a digit or X" : " must be a digit"));
    }
  }
  Status division = CheckDivisionCode(code.substr(0, 6));
  if (!division.ok()) {
    return Status::InvalidArgument("characters 1-6 (administrative division): " +
                                   division.message());
  }
  if (Number(code.substr(6, 4)) < kMinRegistrationYear) {
    return Status::InvalidArgument("characters 7-10 (year) must be " +
                                   std::to_string(kMinRegistrationYear) + " or later");
  }
  if (Number(code.substr(10, 6)) == 0) {
    return Status::InvalidArgument("characters 11-16 (serial) must not be 000000");
  }
  char expected = RegistrationCodeCheckCharacter(code.substr(0, 16));
  if (code[16] != expected) {
    return Status::InvalidArgument(std::string("check character should be ") + expected + ", got " +
                                   code[16]);
  }
  return Status::Ok();
}

Result<RegistrationCodeParts> ParseRegistrationCode(std::string_view code) {
  GONGSHU_RETURN_IF_ERROR(ValidateRegistrationCode(code));
  return RegistrationCodeParts{std::string(code.substr(0, 6)), Number(code.substr(6, 4)),
                               Number(code.substr(10, 6))};
}

}  // namespace gongshu
