// One element of a JSON array or one line of an NDJSON file, turned into a record. Pure: no I/O.
//
// nlohmann::json's SAX parser checks the element's syntax and decodes its strings; this file
// maps what it reports onto the columns:
//   - a key of the columns gets its value: a string as decoded, a number as its literal text,
//     true/false as "true"/"false", null as a null cell;
//   - a column whose key is missing is a null cell;
//   - a key that is not a column, a key given twice, a nested object or array as a value, or an
//     element that is not an object makes the record malformed (Record::problem names it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "tabular/table_source.h"

namespace gongshu::tabular {

// Where a syntax error lies in an element's text, and what it is.
struct JsonSyntaxError {
  std::size_t offset = 0;  // byte offset of the offending character in the element's text
  std::string reason;      // "syntax error while parsing object - unexpected '}'; ..."
};

// The keys of `element` when it is an object (in order, as decoded; nested objects' keys not
// included); `is_object` tells whether it is one. Used for the first element, whose keys are
// the column names.
struct JsonKeys {
  bool is_object = false;
  std::vector<std::string> keys;
};
Result<JsonKeys> ReadJsonKeys(std::string_view element, JsonSyntaxError& syntax_error);

class JsonElementDecoder {
 public:
  // `raw_keys`: the first object's keys as written; `columns`: the same keys trimmed (the
  // column names). `what` names an element in problems: "element" or "line".
  // REQUIRES: raw_keys.size() == columns.size().
  JsonElementDecoder(std::vector<std::string> raw_keys, const std::vector<std::string>& columns,
                     std::string what, std::size_t max_field_bytes);

  // Decodes `element` (the text of one JSON value) into `record`: one cell per column, views
  // into `element` or into this decoder's storage, valid until the next Decode. Sets
  // record.problem for a malformed record. Returns InvalidArgument when the element is not
  // well-formed JSON (`syntax_error` then says where and why) or when a value is longer than
  // max_field_bytes (the message names the key). `record.line` is left alone.
  Status Decode(std::string_view element, Record& record, JsonSyntaxError& syntax_error);

 private:
  class Handler;
  friend class Handler;

  std::vector<std::string> raw_keys_;
  std::unordered_map<std::string, std::size_t> column_of_key_;  // trimmed key -> column
  std::string what_;
  std::size_t max_field_bytes_;
  // Reused per element.
  std::vector<std::string> values_;        // decoded strings, one slot per column
  std::vector<bool> seen_;                 // columns given a value in this element
  std::vector<std::string_view> numbers_;  // literal text of the element's top-level numbers
};

}  // namespace gongshu::tabular
