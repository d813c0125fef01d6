// The TableSource of a CSV file (docs/dataset-formats.md, "CSV").
#pragma once

#include <memory>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/table_source.h"
#include "tabular/text_decoding.h"

namespace gongshu::tabular {

// Reads the header of the text `decoder` yields and returns the source of its records.
// `delimiter` 0 sniffs it from the first ReadLimits::sample_bytes (csv_delimiter.h); otherwise
// it must be one of ',', '\t', ';', '|'. Memory: a buffer of about two chunks, grown only for a
// record longer than a chunk, never beyond ReadLimits::max_record_bytes.
// Errors (InvalidArgument): an empty file; a file of blank lines only; line ends that are CR
// alone; a header that is malformed, or whose names are empty or repeated (column_names.h);
// any fault of the decoder or the parser while reading the header.
Result<std::unique_ptr<TableSource>> OpenCsvSource(std::unique_ptr<TextDecoder> decoder,
                                                   char delimiter, const ReadLimits& limits);

}  // namespace gongshu::tabular
