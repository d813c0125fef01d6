#include "identity/uscc.h"

#include <string>

#include "identity/division_code.h"

namespace gongshu {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int ValueOf(char symbol) {
  size_t position = kAlphabet.find(symbol);
  return position == std::string_view::npos ? -1 : static_cast<int>(position);
}

}  // namespace

char UsccCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (size_t index = 0; index < 17; ++index) sum += ValueOf(first17[index]) * kWeights[index];
  int check = 31 - sum % 31;
  // A weighted sum divisible by 31 gives 31, which the standard writes as 0.
  if (check == 31) check = 0;
  return kAlphabet[check];
}

Status CheckUscc(std::string_view code) {
  if (code.size() != 18) {
    return Status::InvalidArgument("must be 18 characters, got " + std::to_string(code.size()));
  }
  for (size_t index = 0; index < code.size(); ++index) {
    if (ValueOf(code[index]) < 0) {
      return Status::InvalidArgument(
          "character " + std::to_string(index + 1) +
          " is not one of 0-9 or A-Y without I, O, S, V, Z (use upper case)");
    }
  }
  char department = code[0];
  if (!((department >= '1' && department <= '9') || department == 'A' || department == 'N' ||
        department == 'Y')) {
    return Status::InvalidArgument("character 1 (registration department) must be 1-9, A, N or Y");
  }
  Status division = CheckDivisionCode(code.substr(2, 6));
  if (!division.ok()) {
    return Status::InvalidArgument("characters 3-8 (administrative division): " +
                                   division.message());
  }
  char expected = UsccCheckCharacter(code.substr(0, 17));
  if (code[17] != expected) {
    return Status::InvalidArgument(std::string("check character should be ") + expected + ", got " +
                                   code[17]);
  }
  return Status::Ok();
}

}  // namespace gongshu
