// One CSV record (RFC 4180) parsed from the front of a text buffer: no I/O, no line numbers.
//
// The grammar, as docs/dataset-formats.md states it for users:
//   - fields are separated by the delimiter; records end at LF or CR LF, or at the end of the text;
//   - a field that starts with '"' is quoted: it runs to the next '"' not doubled, may hold
//     delimiters, LF and CR, and "" inside it stands for one '"';
//   - a '"' anywhere else in a field is an ordinary character (a "stray quote");
//   - after a closing quote, anything but the delimiter or the line end makes the record
//     malformed ("field 2: text after the closing quote"); the field's text is then the raw
//     text from its opening quote to the next delimiter or line end;
//   - an empty line (LF or CR LF alone) is a blank line, not a record;
//   - an unquoted empty field is null; a quoted empty field ("") is the empty text.
// A lone CR inside an unquoted field is an ordinary character.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tabular/table_source.h"

namespace gongshu::tabular {

struct CsvParseResult {
  enum class Kind {
    kRecord,     // `record` holds the record; `consumed` bytes (its line end included) are used
    kBlankLine,  // an empty line of `consumed` bytes; no record
    kNeedMore,   // the text ends inside the record: call again with more text after it
    kError,      // a fault that stops the reading; see `error`
  };
  Kind kind = Kind::kNeedMore;
  std::size_t consumed = 0;
  // Line feeds in the consumed bytes: the record's own line end plus those in quoted fields.
  std::uint64_t line_breaks = 0;
  // kError only: what is wrong ("the quote that opens field 3 is never closed") and on which
  // line of the record, counted from 0 for the record's first line.
  std::string error;
  std::uint64_t error_line_offset = 0;
};

class CsvRecordParser {
 public:
  // REQUIRES: `delimiter` is not '"', '\r' or '\n'.
  CsvRecordParser(char delimiter, std::size_t max_field_bytes)
      : delimiter_(delimiter), max_field_bytes_(max_field_bytes) {}

  // Parses the record at the front of text[0, size). `at_end` says that no text follows, so
  // the record ends there (and an open quote is an error). On kRecord, `record.cells` views
  // point into `text` and `record.problem` is set when the record is malformed; quoted fields
  // with "" are unescaped in place, so `text` is modified, but only when a whole record is
  // returned. `record.line` is left alone. Errors: a quoted field not closed at the end of the
  // text; a field longer than max_field_bytes (also reported while the record is incomplete,
  // so that a caller's buffer stays bounded).
  CsvParseResult Parse(char* text, std::size_t size, bool at_end, Record& record);

 private:
  // The general state machine; Parse takes a shortcut for a whole line without quotes.
  CsvParseResult ParseGeneral(char* text, std::size_t size, bool at_end, Record& record);
  CsvParseResult FieldTooLong(std::size_t field_number, std::uint64_t line_offset) const;

  char delimiter_;
  std::size_t max_field_bytes_;
  std::vector<std::size_t> escaped_cells_;  // cells holding "" to unescape, reused per record
};

}  // namespace gongshu::tabular
