#include "privacy/masking.h"

#include <cstddef>

namespace gongshu::privacy {
namespace {

bool IsContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xc0) == 0x80; }

// Characters of `text`: the bytes that start a code point. A plain counting loop the compiler
// vectorizes; it runs on every masked cell of a download.
size_t CountCharacters(std::string_view text) {
  size_t count = 0;
  for (char byte : text) count += IsContinuationByte(byte) ? 0 : 1;
  return count;
}

// The byte offset just after the first `count` characters of `text`.
size_t PrefixBytes(std::string_view text, size_t count) {
  size_t offset = 0;
  for (size_t seen = 0; seen < count && offset < text.size(); ++seen) {
    ++offset;
    while (offset < text.size() && IsContinuationByte(text[offset])) ++offset;
  }
  return offset;
}

// The byte offset where the last `count` characters of `text` begin.
size_t SuffixStart(std::string_view text, size_t count) {
  size_t offset = text.size();
  for (size_t seen = 0; seen < count && offset > 0; ++seen) {
    --offset;
    while (offset > 0 && IsContinuationByte(text[offset])) --offset;
  }
  return offset;
}

void AppendMask(size_t count, const std::string& mask_character, std::string& out) {
  if (mask_character.size() == 1) {
    out.append(count, mask_character[0]);
    return;
  }
  for (size_t index = 0; index < count; ++index) out += mask_character;
}

// Appends the masked form of `text` (no '@' handling) to `out`.
void AppendMasked(std::string_view text, const MaskRule& rule, std::string& out) {
  size_t characters = CountCharacters(text);
  size_t keep_first = static_cast<size_t>(rule.keep_first);
  size_t keep_last = static_cast<size_t>(rule.keep_last);
  if (characters <= keep_first + keep_last) {
    AppendMask(characters, rule.mask_character, out);
    return;
  }
  size_t head_end = PrefixBytes(text, keep_first);
  size_t tail_start = SuffixStart(text, keep_last);
  out.append(text.substr(0, head_end));
  AppendMask(characters - keep_first - keep_last, rule.mask_character, out);
  out.append(text.substr(tail_start));
}

}  // namespace

void MaskValue(std::string_view text, const MaskRule& rule, std::string& out) {
  out.clear();
  if (rule.part == MaskPart::kEmailLocal) {
    size_t at = text.rfind('@');
    if (at != std::string_view::npos) {
      AppendMasked(text.substr(0, at), rule, out);
      out.append(text.substr(at));
      return;
    }
  }
  AppendMasked(text, rule, out);
}

}  // namespace gongshu::privacy
