// The TableSource of a JSON array of objects or an NDJSON file (docs/dataset-formats.md, "JSON
// and NDJSON").
#pragma once

#include <memory>

#include "common/status.h"
#include "tabular/read_limits.h"
#include "tabular/table_source.h"
#include "tabular/text_decoding.h"

namespace gongshu::tabular {

enum class JsonLayout {
  kArray,  // one JSON array of objects; Record::line is the element number (first is 1)
  kLines,  // NDJSON: one object per line, blank lines skipped; Record::line is the line number
};

// Reads the first object (its keys are the column names) of the text `decoder` yields and
// returns the source of the records. Memory: one element (or line) at a time, in a buffer of
// about two chunks grown for a longer element up to ReadLimits::max_record_bytes.
// Errors (InvalidArgument, naming the line and, for syntax, the column): an empty file; an array
// file that does not start with '['; no element at all; a first element that is not an object
// or has no keys; empty or repeated keys in it; JSON that is not well-formed anywhere in the
// file; an element longer than max_record_bytes or a value longer than max_field_bytes.
Result<std::unique_ptr<TableSource>> OpenJsonSource(std::unique_ptr<TextDecoder> decoder,
                                                    JsonLayout layout, const ReadLimits& limits);

}  // namespace gongshu::tabular
