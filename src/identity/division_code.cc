#include "identity/division_code.h"

#include <algorithm>
#include <array>
#include <string>

namespace gongshu {
namespace {

// Province-level codes of GB/T 2260 (31 provinces, Taiwan, Hong Kong, Macao).
constexpr std::array<int, 34> kProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                            35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                            53, 54, 61, 62, 63, 64, 65, 71, 81, 82};

}  // namespace

Status CheckDivisionCode(std::string_view code) {
  if (code.size() != 6 || !std::all_of(code.begin(), code.end(), [](char symbol) {
        return symbol >= '0' && symbol <= '9';
      })) {
    return Status::InvalidArgument("must be six digits");
  }
  if (code == "100000") return Status::Ok();  // the State itself, used by central bodies
  int province = (code[0] - '0') * 10 + (code[1] - '0');
  if (std::find(kProvinces.begin(), kProvinces.end(), province) == kProvinces.end()) {
    return Status::InvalidArgument("\"" + std::string(code.substr(0, 2)) +
                                   "\" is not a province-level code");
  }
  if (code.substr(2, 2) == "00" && code.substr(4, 2) != "00") {
    return Status::InvalidArgument("a county part needs a prefecture part (digits 3-4 are 00)");
  }
  return Status::Ok();
}

}  // namespace gongshu
