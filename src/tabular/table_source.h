// A table source: the records of an uploaded file (CSV, JSON array, NDJSON or XLSX), read one at a
// time with bounded memory, every cell already decoded to UTF-8.
//
// The dataset part reads every format through this one interface; which reader serves a file is
// chosen by OpenTableSource (table_format.h). The byte-level rules of each format (encodings,
// delimiter sniffing, quoting, sheets, dates) are documented in docs/dataset-formats.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu::tabular {

// One cell. `text` is valid UTF-8 (NFC is not imposed). A null cell has is_null set and an empty
// text: an empty CSV field, a JSON null or missing key, an empty XLSX cell. Numbers keep the text
// they had in the file (JSON: the literal as written; XLSX: the shortest text that round-trips
// the stored double); booleans are "true"/"false"; XLSX dates are ISO 8601 ("2026-03-01",
// "2026-03-01T08:30:00").
struct Cell {
  std::string_view text;
  bool is_null = false;
};

// One record. The views point into the source's buffers and stay valid until the next call to
// Next() on the same source.
struct Record {
  // Where the record starts, 1-based, for error reports: the physical line of a CSV or NDJSON file
  // (the header is line 1; a quoted field with newlines makes a record span lines), the element
  // number of a JSON array (first element is 1), the sheet row of an XLSX file (as Excel shows it).
  std::uint64_t line = 0;
  // One cell per column of ColumnNames(), in that order. When `problem` is set the cells are
  // whatever could be read and may be fewer or more.
  std::vector<Cell> cells;
  // Empty for a well-formed record. Otherwise why this one record is malformed ("7 fields, the
  // header has 6"; "element is not an object"; "field \"a\" holds an object"), while the source
  // can still go on. The dataset part reports it as a bad row.
  std::string problem;
};

// What the reader found out about the file, for the ingestion report.
struct SourceDescription {
  std::string format;    // "csv", "json", "ndjson", "xlsx"
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030" (GBK is its subset); "" for xlsx
  char delimiter = 0;    // CSV only: ',', '\t', ';' or '|'
  std::string sheet;     // XLSX only: the sheet read
};

// REQUIRES: used by one thread at a time.
class TableSource {
 public:
  virtual ~TableSource() = default;

  // The column names in file order: the CSV header row; the keys of a JSON/NDJSON file's first
  // object in their order (a later object with a key not seen before is a record problem naming
  // the key); the first non-empty row of an XLSX sheet. Never empty for an open source; names are
  // trimmed and unique (a duplicate or empty name is refused when the source is opened).
  virtual const std::vector<std::string>& ColumnNames() const = 0;

  virtual const SourceDescription& Description() const = 0;

  // Reads the next record into `record`. Returns true when one was read and false at the end.
  // A fault that stops the reading (an unterminated quote at the end of the file, bytes that
  // are not text in the detected encoding, JSON that is not well-formed, a damaged XLSX) is an
  // InvalidArgument error whose message names the line (and column where known); after an error
  // the source must not be read again.
  virtual Result<bool> Next(Record& record) = 0;

  // Bytes of the file consumed so far (for progress reports); for XLSX, compressed bytes of the
  // sheet read so far.
  virtual std::uint64_t BytesRead() const = 0;
};

}  // namespace gongshu::tabular
