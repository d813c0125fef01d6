#include "tabular/csv_delimiter.h"

#include <string>
#include <vector>

#include "tabular/csv_parser.h"

namespace gongshu::tabular {
namespace {

// The field count of each of the first records of `sample` split at `delimiter`.
std::vector<std::size_t> FieldCounts(std::string_view sample, bool sample_is_whole_text,
                                     char delimiter) {
  // The parser unescapes quoted fields in place, so it works on a copy.
  std::string text(sample);
  CsvRecordParser parser(delimiter, text.size() + 1);
  Record record;
  std::vector<std::size_t> counts;
  std::size_t offset = 0;
  while (counts.size() < static_cast<std::size_t>(kSniffRecords) && offset < text.size()) {
    CsvParseResult parsed =
        parser.Parse(text.data() + offset, text.size() - offset, sample_is_whole_text, record);
    if (parsed.kind == CsvParseResult::Kind::kBlankLine) {
      offset += parsed.consumed;
    } else if (parsed.kind == CsvParseResult::Kind::kRecord) {
      offset += parsed.consumed;
      counts.push_back(record.cells.size());
    } else {
      break;  // the sample ends inside a record, or holds an unclosed quote
    }
  }
  return counts;
}

}  // namespace

char SniffCsvDelimiter(std::string_view sample, bool sample_is_whole_text) {
  char best = 0;
  std::size_t best_matches = 0;
  for (char candidate : kCsvDelimiters) {
    std::vector<std::size_t> counts = FieldCounts(sample, sample_is_whole_text, candidate);
    if (counts.empty() || counts[0] < 2) continue;
    std::size_t matches = 0;
    for (std::size_t count : counts) matches += count == counts[0] ? 1 : 0;
    if (matches == counts.size()) return candidate;
    if (matches > best_matches) {
      best = candidate;
      best_matches = matches;
    }
  }
  return best != 0 ? best : ',';
}

}  // namespace gongshu::tabular
