#include "quality/division_table.h"

#include <algorithm>
#include <bitset>
#include <memory>
#include <string>
#include <vector>

#include "common/data_lines.h"

namespace gongshu {

// data/divisions.tsv, embedded at build time.
const std::string& DivisionTableText();

namespace quality {
namespace {

constexpr int kCodeSpace = 1000000;  // six digits
constexpr int kPrefixSpace = 10000;  // four digits

// The six or four ASCII digits of `text` as a number; -1 when `text` is anything else.
int DigitsValue(std::string_view text, size_t width) {
  if (text.size() != width) return -1;
  int value = 0;
  for (char symbol : text) {
    if (symbol < '0' || symbol > '9') return -1;
    value = value * 10 + (symbol - '0');
  }
  return value;
}

struct DivisionTable {
  std::vector<Division> divisions;  // sorted by code
  std::bitset<kCodeSpace> known;
  std::bitset<kPrefixSpace> prefectures;
};

// Reads the embedded table. The file is part of the build and checked by division_table_test,
// so a malformed line here is our bug: it is skipped rather than stopping the process.
std::unique_ptr<DivisionTable> ReadTable() {
  auto table = std::make_unique<DivisionTable>();
  for (const DataLine& line : DataLines(DivisionTableText())) {
    if (line.cells.size() != 3) continue;
    int code = DigitsValue(line.cells[0], 6);
    if (code < 0) continue;
    table->divisions.push_back(Division{code, line.cells[1], line.cells[2] == "current"});
    table->known.set(code);
    // A province-level code (xx0000) names no prefecture.
    if (code % 10000 != 0) table->prefectures.set(code / 100);
  }
  std::sort(table->divisions.begin(), table->divisions.end(),
            [](const Division& a, const Division& b) { return a.code < b.code; });
  return table;
}

const DivisionTable& Table() {
  static const std::unique_ptr<DivisionTable> kTable = ReadTable();
  return *kTable;
}

}  // namespace

std::optional<Division> FindDivision(std::string_view code) {
  int value = DigitsValue(code, 6);
  if (value < 0) return std::nullopt;
  const std::vector<Division>& divisions = Table().divisions;
  auto found =
      std::lower_bound(divisions.begin(), divisions.end(), value,
                       [](const Division& division, int key) { return division.code < key; });
  if (found == divisions.end() || found->code != value) return std::nullopt;
  return *found;
}

bool IsKnownDivisionCode(std::string_view code) {
  int value = DigitsValue(code, 6);
  return value >= 0 && Table().known.test(value);
}

bool IsKnownPrefecture(std::string_view province_prefecture) {
  int value = DigitsValue(province_prefecture, 4);
  return value >= 0 && Table().prefectures.test(value);
}

int DivisionCount() { return static_cast<int>(Table().divisions.size()); }

}  // namespace quality
}  // namespace gongshu
