// Masking: hiding the middle of a value behind a mask character while keeping its length
// (docs/deidentification.md, "mask").
//
// Lengths are counted in characters (Unicode code points of the UTF-8 text), never in bytes, so
// "张三丰" is three characters and masks to "张**" with keep_first 1.
#pragma once

#include <string>
#include <string_view>

namespace gongshu::privacy {

// Which part of the value the mask applies to.
enum class MaskPart {
  kAll,         // the whole value
  kEmailLocal,  // only the part before the last '@'; the '@' and the domain are kept
};

struct MaskRule {
  int keep_first = 0;                // characters shown at the start; >= 0
  int keep_last = 0;                 // characters shown at the end; >= 0
  std::string mask_character = "*";  // exactly one character (UTF-8 of one code point)
  MaskPart part = MaskPart::kAll;
};

// Writes the masked form of `text` into `out` (replacing its contents; its capacity is reused).
// A value of n characters with n > keep_first + keep_last keeps its first keep_first and last
// keep_last characters and has each of the other n - keep_first - keep_last characters replaced
// by the mask character. A value with n <= keep_first + keep_last would be shown whole or almost
// whole, so every one of its characters is masked. With MaskPart::kEmailLocal the rule applies to
// the text before the last '@' and the rest is copied; a value without '@' is masked whole by the
// same rule.
// REQUIRES: `text` is valid UTF-8 (other bytes are counted as characters one by one, never read
// past the end); `rule` is valid as described above.
void MaskValue(std::string_view text, const MaskRule& rule, std::string& out);

}  // namespace gongshu::privacy
