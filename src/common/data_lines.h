// Reading the line-based data files Gongshu ships and accepts in configuration (themes, places,
// ...): UTF-8 text, one record per line, cells separated by tabs.
#pragma once

#include <string_view>
#include <vector>

namespace gongshu {

struct DataLine {
  int number = 0;                       // 1-based line number in the file, for error messages
  std::vector<std::string_view> cells;  // views into the text; at least one (maybe empty)
};

// The records of `text`: lines split at '\n' with a trailing '\r' dropped; empty lines and lines
// starting with '#' are skipped; cells are the text between tabs. The views point into `text`.
std::vector<DataLine> DataLines(std::string_view text);

}  // namespace gongshu
