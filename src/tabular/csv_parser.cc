#include "tabular/csv_parser.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "tabular/read_limits.h"

namespace gongshu::tabular {
namespace {

constexpr std::size_t kInitialCells = 16;

const char* FindByte(const char* begin, const char* end, char byte) {
  return static_cast<const char*>(std::memchr(begin, byte, static_cast<std::size_t>(end - begin)));
}

std::uint64_t CountLineFeeds(const char* begin, const char* end) {
  std::uint64_t count = 0;
  for (const char* found = FindByte(begin, end, '\n'); found != nullptr;
       found = FindByte(found + 1, end, '\n')) {
    ++count;
  }
  return count;
}

// Replaces each "" in text[0, size) by one '"'; returns the new size.
std::size_t UnescapeQuotes(char* text, std::size_t size) {
  std::size_t write = 0;
  for (std::size_t read = 0; read < size; ++read) {
    text[write++] = text[read];
    if (text[read] == '"') ++read;  // the second quote of the pair
  }
  return write;
}

}  // namespace

CsvParseResult CsvRecordParser::FieldTooLong(std::size_t field_number,
                                             std::uint64_t line_offset) const {
  CsvParseResult result;
  result.kind = CsvParseResult::Kind::kError;
  result.error =
      "field " + std::to_string(field_number) + " is longer than " + ByteSizeText(max_field_bytes_);
  result.error_line_offset = line_offset;
  return result;
}

CsvParseResult CsvRecordParser::Parse(char* text, std::size_t size, bool at_end, Record& record) {
  // The common case, a whole line without quotes, is split with memchr only: one pass for the
  // line end, one for a quote, one per delimiter.
  const char* const begin = text;
  const char* const line_feed = FindByte(begin, begin + size, '\n');
  if (line_feed == nullptr) return ParseGeneral(text, size, at_end, record);
  const char* content_end = line_feed;
  if (content_end > begin && content_end[-1] == '\r') --content_end;
  CsvParseResult result;
  result.consumed = static_cast<std::size_t>(line_feed + 1 - begin);
  result.line_breaks = 1;
  if (content_end == begin) {
    result.kind = CsvParseResult::Kind::kBlankLine;
    return result;
  }
  const auto content_size = static_cast<std::size_t>(content_end - begin);
  if (std::memchr(begin, '"', content_size) != nullptr || content_size > max_field_bytes_) {
    return ParseGeneral(text, size, at_end, record);
  }
  record.problem.clear();
  // Cells are written by index into the vector as grown by earlier records, and the vector is
  // cut to size at the end: no capacity check per cell.
  std::vector<Cell>& cells = record.cells;
  if (cells.size() < kInitialCells) cells.resize(kInitialCells);
  std::size_t count = 0;
  const char* field = begin;
  while (true) {
    const char* delimiter = FindByte(field, content_end, delimiter_);
    const char* field_end = delimiter == nullptr ? content_end : delimiter;
    const auto field_size = static_cast<std::size_t>(field_end - field);
    if (count == cells.size()) cells.resize(2 * count);
    cells[count++] = Cell{std::string_view(field, field_size), field_size == 0};
    if (delimiter == nullptr) break;
    field = delimiter + 1;
  }
  cells.resize(count);
  result.kind = CsvParseResult::Kind::kRecord;
  return result;
}

CsvParseResult CsvRecordParser::ParseGeneral(char* text, std::size_t size, bool at_end,
                                             Record& record) {
  const char* const begin = text;
  const char* const end = text + size;
  CsvParseResult result;
  auto need_more = [&]() {
    result.kind = CsvParseResult::Kind::kNeedMore;
    return result;
  };
  // Blank lines: "\n" and "\r\n" reach here only at the end of the text.
  if (size == 0) return need_more();
  if (begin[0] == '\r' && (size > 1 ? begin[1] == '\n' : at_end)) {
    result.kind = CsvParseResult::Kind::kBlankLine;
    result.consumed = size > 1 ? 2 : 1;
    result.line_breaks = size > 1 ? 1 : 0;
    return result;
  }
  if (begin[0] == '\r' && size == 1) return need_more();
  if (begin[0] == '\n') {
    result.kind = CsvParseResult::Kind::kBlankLine;
    result.consumed = 1;
    result.line_breaks = 1;
    return result;
  }

  record.cells.clear();
  record.problem.clear();
  escaped_cells_.clear();
  std::uint64_t line_breaks = 0;
  const char* position = begin;
  std::size_t field_number = 0;
  // How the text after a field's value ends the field: kDelimiter, kLineEnd (position is past
  // the line end) or kTextEnd (at_end and nothing follows).
  enum class FieldEnd { kDelimiter, kLineEnd, kTextEnd };
  FieldEnd field_end = FieldEnd::kTextEnd;
  while (true) {
    ++field_number;
    const char* const field_start = position;
    if (position < end && *position == '"') {
      const char* const content = position + 1;
      const char* scan = content;
      bool escaped = false;
      const char* closing = nullptr;
      while (closing == nullptr) {
        const char* quote = FindByte(scan, end, '"');
        if (quote == nullptr || (quote + 1 == end && !at_end)) {
          if (static_cast<std::size_t>(end - content) > max_field_bytes_) {
            return FieldTooLong(field_number, line_breaks);
          }
          if (quote == nullptr && at_end) {
            result.kind = CsvParseResult::Kind::kError;
            result.error = "the quote that opens field " + std::to_string(field_number) +
                           " is never closed (the file ends inside it)";
            result.error_line_offset = line_breaks;
            return result;
          }
          return need_more();
        }
        if (quote + 1 < end && quote[1] == '"') {
          escaped = true;
          scan = quote + 2;
        } else {
          closing = quote;
        }
      }
      const auto content_size = static_cast<std::size_t>(closing - content);
      if (content_size > max_field_bytes_) return FieldTooLong(field_number, line_breaks);
      line_breaks += CountLineFeeds(content, closing);
      position = closing + 1;
      std::string_view value(content, content_size);
      // What may follow a closing quote: the delimiter, the line end or the end of the text.
      if (position == end) {
        field_end = FieldEnd::kTextEnd;
      } else if (*position == delimiter_) {
        field_end = FieldEnd::kDelimiter;
        ++position;
      } else if (*position == '\n') {
        field_end = FieldEnd::kLineEnd;
        ++position;
      } else if (*position == '\r' && position + 1 == end) {
        if (!at_end) return need_more();
        field_end = FieldEnd::kTextEnd;
        ++position;
      } else if (*position == '\r' && position[1] == '\n') {
        field_end = FieldEnd::kLineEnd;
        position += 2;
      } else {
        // Text after the closing quote: the field runs on to the next delimiter or line end
        // and the record is malformed.
        const char* stop = position;
        while (stop < end && *stop != delimiter_ && *stop != '\n') ++stop;
        if (stop == end && !at_end) return need_more();
        const char* value_end = stop;
        if (value_end > position && value_end[-1] == '\r' && (stop == end || *stop == '\n')) {
          --value_end;
        }
        value = std::string_view(field_start, static_cast<std::size_t>(value_end - field_start));
        escaped = false;
        if (record.problem.empty()) {
          record.problem =
              "field " + std::to_string(field_number) + ": text after the closing quote";
        }
        if (stop == end) {
          field_end = FieldEnd::kTextEnd;
          position = stop;
        } else {
          field_end = *stop == '\n' ? FieldEnd::kLineEnd : FieldEnd::kDelimiter;
          position = stop + 1;
        }
      }
      if (escaped) escaped_cells_.push_back(record.cells.size());
      record.cells.push_back(Cell{value, false});
    } else {
      const char* stop = position;
      while (stop < end && *stop != delimiter_ && *stop != '\n') ++stop;
      if (stop == end && !at_end) {
        if (static_cast<std::size_t>(end - field_start) > max_field_bytes_) {
          return FieldTooLong(field_number, line_breaks);
        }
        return need_more();
      }
      const char* value_end = stop;
      // A CR just before the line end (or at the very end of the text) belongs to the line end.
      if (value_end > field_start && value_end[-1] == '\r' && (stop == end || *stop == '\n')) {
        --value_end;
      }
      const auto value_size = static_cast<std::size_t>(value_end - field_start);
      if (value_size > max_field_bytes_) return FieldTooLong(field_number, line_breaks);
      record.cells.push_back(Cell{std::string_view(field_start, value_size), value_size == 0});
      if (stop == end) {
        field_end = FieldEnd::kTextEnd;
        position = stop;
      } else {
        field_end = *stop == '\n' ? FieldEnd::kLineEnd : FieldEnd::kDelimiter;
        position = stop + 1;
      }
    }
    if (field_end == FieldEnd::kDelimiter) continue;
    if (field_end == FieldEnd::kLineEnd) ++line_breaks;
    break;
  }

  for (std::size_t cell_index : escaped_cells_) {
    Cell& cell = record.cells[cell_index];
    char* value = text + (cell.text.data() - begin);
    cell.text = std::string_view(value, UnescapeQuotes(value, cell.text.size()));
  }
  result.kind = CsvParseResult::Kind::kRecord;
  result.consumed = static_cast<std::size_t>(position - begin);
  result.line_breaks = line_breaks;
  return result;
}

}  // namespace gongshu::tabular
