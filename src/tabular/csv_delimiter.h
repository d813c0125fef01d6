// Guessing the delimiter of a CSV file from its first lines.
#pragma once

#include <string_view>

namespace gongshu::tabular {

// The candidates in order of preference: comma, tab, semicolon, vertical bar.
inline constexpr std::string_view kCsvDelimiters = ",\t;|";

// The delimiter of a CSV text whose beginning is `sample` (all of it when
// `sample_is_whole_text`). Each candidate splits the sample's first kSniffRecords records
// (blank lines skipped, quotes honoured, a record cut by the sample's end ignored):
//   1. the first candidate under which every record has the same number of fields, more than
//      one, wins;
//   2. otherwise, among candidates that split the first record (the header) into more than one
//      field, the one under which most records have the header's field count wins, the first
//      on a tie;
//   3. otherwise ',' (a file of one column).
char SniffCsvDelimiter(std::string_view sample, bool sample_is_whole_text);

inline constexpr int kSniffRecords = 20;

}  // namespace gongshu::tabular
