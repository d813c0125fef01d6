#include "common/data_lines.h"

namespace gongshu {

std::vector<DataLine> DataLines(std::string_view text) {
  std::vector<DataLine> lines;
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    DataLine record{number, {}};
    size_t cell_start = 0;
    while (true) {
      size_t tab = line.find('\t', cell_start);
      record.cells.push_back(line.substr(
          cell_start, tab == std::string_view::npos ? std::string_view::npos : tab - cell_start));
      if (tab == std::string_view::npos) break;
      cell_start = tab + 1;
    }
    lines.push_back(std::move(record));
  }
  return lines;
}

}  // namespace gongshu
