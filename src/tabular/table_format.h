// Opening an uploaded table file: the one entry point of tabular/ for the dataset part.
//
// Which reader serves a file, and what each accepts, is documented for users in
// docs/dataset-formats.md.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/table_source.h"

namespace gongshu::tabular {

struct OpenOptions {
  // "" detects the format; otherwise "csv", "json" (one array of objects), "ndjson" (one object
  // per line) or "xlsx".
  std::string format;
  // Text formats only: "" detects the encoding; otherwise "utf-8" or "gb18030".
  std::string encoding;
  // CSV only: 0 sniffs the delimiter; otherwise ',', '\t', ';' or '|'.
  char delimiter = 0;
  // XLSX only: the name of the sheet to read; "" reads the first sheet that is not hidden.
  std::string sheet;
  // The name the provider gave the file, as a hint only: a name ending in ".csv" or ".tsv" keeps
  // a file whose text starts with '[' or '{' a CSV file, and messages about a legacy .xls file
  // name it.
  std::string file_name;
};

// Opens the file at `path`, reads its header (column names) and returns the source of its
// records. Format detection when options.format is "": a file starting with the zip signature
// "PK\x03\x04" is XLSX; otherwise, after a UTF-8 byte order mark and white space, '[' means a
// JSON array, '{' means NDJSON, anything else CSV (but see OpenOptions::file_name).
// Errors: NotFound when there is no file at `path`; Internal when it cannot be read;
// InvalidArgument for an option value not listed above, an empty file, a legacy binary .xls
// file, a file without a header or columns, an empty or repeated column name (naming the column
// and line), an unknown sheet (listing the sheet names) and every fault the readers find while
// reading the header; each message is written for the provider who uploaded the file.
Result<std::unique_ptr<TableSource>> OpenTableSource(const std::string& path,
                                                     const OpenOptions& options);

// The same with other limits: for tests, which use tiny chunks.
Result<std::unique_ptr<TableSource>> OpenTableSource(const std::string& path,
                                                     const OpenOptions& options,
                                                     const ReadLimits& limits);

}  // namespace gongshu::tabular
