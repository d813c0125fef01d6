// Column types of a dataset and the check of one cell's text against a type.
//
// The names are the catalog's item types (catalog/resource.h ItemType): a resource's declared
// items give its columns their types, and an upload without declared items has its types
// inferred with ColumnTypeInference. The accepted text of each type is documented in
// docs/dataset-formats.md ("Types"); there is exactly one accepted spelling per value, so a value
// that fits is stored as written and nothing is ever coerced.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gongshu::tabular {

enum class ColumnType { kString, kInteger, kDecimal, kBoolean, kDate, kDateTime };

// "string", "integer", "decimal", "boolean", "date", "datetime".
std::string_view ColumnTypeName(ColumnType type);
std::optional<ColumnType> ParseColumnType(std::string_view name);

// Whether `text` (not null) is a value of `type`:
//   integer  -?[0-9]+ fitting in a signed 64-bit integer, no leading zeros except "0";
//   decimal  an integer, or -?[0-9]+\.[0-9]+ with optional exponent e[+-]?[0-9]+ (finite);
//   boolean  true | false;
//   date     YYYY-MM-DD, a real calendar date;
//   datetime YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM], or with a space for T;
//   string   anything.
// Returns an empty view when it fits, otherwise a short reason ("not an integer", "month 13").
std::string_view CheckCellType(ColumnType type, std::string_view text);

// Infers the narrowest type that every non-null value seen so far fits: integer before decimal,
// then boolean, date, datetime, and string when nothing else fits (a column mixing dates and
// datetimes is a string column, since a date is not a datetime). A column of only nulls is a
// string column.
class ColumnTypeInference {
 public:
  void Add(std::string_view text);  // a non-null value
  ColumnType Result() const;

 private:
  // One bit per candidate type; a value clears the bits of the types it does not fit.
  std::uint8_t candidates_ = 0x3f;
  bool any_value_ = false;
};

}  // namespace gongshu::tabular
