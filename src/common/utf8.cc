#include "common/utf8.h"

#include <cstdint>

namespace gongshu {

bool IsValidUtf8(std::string_view text) {
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  size_t index = 0;
  while (index < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[index]);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xe  ? 3
                    : (lead >> 3) == 0x1e ? 4
                                          : 0;
    if (length == 0 || index + length > text.size()) return false;
    uint32_t code_point = length == 1 ? lead : lead & (0x7f >> length);
    for (size_t offset = 1; offset < length; ++offset) {
      unsigned char next = static_cast<unsigned char>(text[index + offset]);
      if ((next & 0xc0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3f);
    }
    if (code_point < kMinimum[length] || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;
    }
    index += length;
  }
  return true;
}

}  // namespace gongshu
