#include "quality/person_name.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/data_lines.h"

namespace gongshu {

// data/surnames.tsv, embedded at build time.
const std::string& SurnameTableText();

namespace quality {
namespace {

// Decodes the UTF-8 text into `code_points` and returns how many there are; -1 when it is not
// valid UTF-8 or has more than N characters. Hand-written (a few lines) rather than bringing ICU
// into this part.
template <size_t N>
int DecodeUtf8(std::string_view text, std::array<char32_t, N>& code_points) {
  size_t count = 0;
  size_t at = 0;
  while (at < text.size()) {
    if (count == N) return -1;
    unsigned char lead = static_cast<unsigned char>(text[at]);
    int length = lead < 0x80           ? 1
                 : (lead >> 5) == 0x6  ? 2
                 : (lead >> 4) == 0xE  ? 3
                 : (lead >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || at + static_cast<size_t>(length) > text.size()) return -1;
    char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (int offset = 1; offset < length; ++offset) {
      unsigned char next = static_cast<unsigned char>(text[at + offset]);
      if ((next & 0xC0) != 0x80) return -1;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    code_points[count++] = code_point;
    at += static_cast<size_t>(length);
  }
  return static_cast<int>(count);
}

bool IsHan(char32_t code_point) { return code_point >= 0x3400 && code_point <= 0x9FFF; }

// Last characters of place, road, building, body and category names, which person names
// (almost) never end with.
constexpr std::u32string_view kNonNameEndings =
    U"路街道巷弄站区县市镇乡村局院所厅司厂店馆园桥省州处科室队委会部校港场号楼门寺庙湾庄屯岛城苑"
    U"府业型组族类级品线段口坊寨厦社";

struct SurnameTable {
  std::bitset<0x10000> single;          // single-character surnames by code point
  std::vector<std::uint64_t> compound;  // two-character surnames: first << 32 | second, sorted
  std::set<std::string, std::less<>> all;
};

std::unique_ptr<SurnameTable> ReadSurnames() {
  auto table = std::make_unique<SurnameTable>();
  std::array<char32_t, 8> code_points{};
  for (const DataLine& line : DataLines(SurnameTableText())) {
    std::string_view surname = line.cells[0];
    int length = DecodeUtf8(surname, code_points);
    if (length < 1) continue;
    table->all.emplace(surname);
    if (length == 1 && code_points[0] < 0x10000) {
      table->single.set(code_points[0]);
    } else if (length == 2) {
      table->compound.push_back(static_cast<std::uint64_t>(code_points[0]) << 32 | code_points[1]);
    }
  }
  std::sort(table->compound.begin(), table->compound.end());
  return table;
}

const SurnameTable& Surnames() {
  static const std::unique_ptr<SurnameTable> kTable = ReadSurnames();
  return *kTable;
}

bool IsLatinNameWord(std::string_view word) {
  if (word.size() < 2 || word[0] < 'A' || word[0] > 'Z') return false;
  bool all_upper =
      std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  bool rest_lower =
      std::all_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return all_upper || rest_lower;
}

}  // namespace

bool LooksLikeChineseName(std::string_view text) {
  // Two to four characters of three bytes each: cheap length test first.
  if (text.size() < 6 || text.size() > 16) return false;
  std::array<char32_t, 4> code_points{};
  int length = DecodeUtf8(text, code_points);
  if (length < 2) return false;
  if (!std::all_of(code_points.begin(), code_points.begin() + length, IsHan)) return false;
  if (kNonNameEndings.find(code_points[length - 1]) != std::u32string_view::npos) return false;
  const SurnameTable& surnames = Surnames();
  if (surnames.single.test(code_points[0])) return true;
  std::uint64_t pair = static_cast<std::uint64_t>(code_points[0]) << 32 | code_points[1];
  return length >= 3 &&
         std::binary_search(surnames.compound.begin(), surnames.compound.end(), pair);
}

bool LooksLikeLatinName(std::string_view text) {
  int words = 0;
  while (true) {
    size_t space = text.find(' ');
    if (!IsLatinNameWord(text.substr(0, space))) return false;
    ++words;
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return words >= 2 && words <= 3;
}

bool IsChineseSurname(std::string_view text) { return Surnames().all.count(text) > 0; }

int SurnameCount() { return static_cast<int>(Surnames().all.size()); }

}  // namespace quality
}  // namespace gongshu
