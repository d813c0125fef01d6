// The administrative division code table (行政区划代码, GB/T 2260) the dataset validators check
// against: every province-, prefecture- and county-level code in force, and the codes withdrawn
// since December 2002, from data/divisions.tsv (sources and dates in its header comment and in
// docs/quality.md). The table is built into the library and read once, on first use.
//
// Thread-safe: every function here only reads the table.
#pragma once

#include <optional>
#include <string_view>

namespace gongshu::quality {

struct Division {
  int code = 0;           // the six digits as a number: 110105
  std::string_view name;  // "朝阳区"; valid for the life of the process
  bool current = false;   // in force (true) or withdrawn/renumbered (false)
};

// The division with six-digit code `code`; nullopt when `code` is not six ASCII digits or not in
// the table.
std::optional<Division> FindDivision(std::string_view code);

// Whether `code` (six ASCII digits) is in the table, current or former. Constant time.
bool IsKnownDivisionCode(std::string_view code);

// Whether some code in the table starts with the four ASCII digits `province_prefecture`
// (province and prefecture parts): the fallback for codes withdrawn before the table's oldest
// revision. False for anything that is not four digits.
bool IsKnownPrefecture(std::string_view province_prefecture);

// The number of codes in the table, current and former.
int DivisionCount();

}  // namespace gongshu::quality
