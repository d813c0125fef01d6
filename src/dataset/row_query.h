// Row queries: the filters, sort, field selection and paging of the row API
// (GET /api/v1/resources/{id}/data, CKAN datastore_search), parsed from request parameters and
// turned into SQL over a version file. Pure: no I/O.
//
// Parameters (docs/datasets.md "Row API"):
//   <column>=v or <column>__eq=v, __ne, __lt, __le, __gt, __ge   compare with a typed value
//   <column>__in=a,b,c                                           one of (up to 100 values)
//   <column>__like=pattern                                       SQL LIKE: % any, _ one, \ escape
//   <column>__isnull=true|false                                  null test
//   fields=a,b        the columns returned (default: all), in that order
//   sort=a,-b         ascending a, then descending b (up to 3); ties by row number
//   limit=N           1..10000 (default 100)
//   cursor=...        from next_cursor of the previous page; no depth limit (keyset paging)
// Values are parsed by the column's type (an integer column's value must be an integer, ...).
// SQL text is built only from constants and column positions; every value is a bound parameter.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "dataset/dataset_version.h"
#include "dataset/version_file.h"

namespace gongshu {

inline constexpr int kMaxRowLimit = 10000;
inline constexpr int kDefaultRowLimit = 100;

enum class RowFilterOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kLike, kIsNull, kNotNull };

struct RowFilter {
  size_t column = 0;
  RowFilterOp op = RowFilterOp::kEq;
  std::vector<VersionFileReader::Parameter> values;
};

struct RowSort {
  size_t column = 0;
  bool descending = false;
};

struct RowQuery {
  std::vector<size_t> fields;  // column positions returned, in order
  std::vector<RowFilter> filters;
  std::vector<RowSort> sort;
  int limit = kDefaultRowLimit;
  // Rows skipped before the page (the CKAN datastore_search offset; the row API pages with
  // cursors instead).
  int64_t offset = 0;
  // The keyset of the last row of the previous page: one value per sort column (nullopt for a
  // null) and the row number.
  std::optional<std::vector<std::optional<VersionFileReader::Parameter>>> after_values;
  int64_t after_row = 0;
};

// Parses the request parameters (decoded, in order) against `columns`. Parameters named in
// `ignored` (e.g. "version", "format") are skipped. Columns outside `queryable` may be returned
// but neither filtered nor sorted on (de-identified columns: filtering them would reveal the raw
// values). InvalidArgument naming each bad parameter.
Result<RowQuery> ParseRowQuery(const std::vector<std::pair<std::string, std::string>>& parameters,
                               const std::vector<DatasetColumn>& columns,
                               const std::set<size_t>& queryable,
                               const std::set<std::string>& ignored);

struct RowSql {
  // SELECT _row, <fields>, <sort columns> FROM data WHERE ... ORDER BY ... LIMIT n+1: the values
  // after the fields are the sort keys, for RowCursor.
  std::string sql;
  std::vector<VersionFileReader::Parameter> parameters;
};
// The SQL of `query`, asking for one row more than the limit (to know whether a next page exists).
RowSql BuildRowSql(const RowQuery& query);

// SELECT COUNT(*) of the rows the filters of `query` match (sort, paging and cursor ignored).
RowSql BuildCountSql(const RowQuery& query);

// The cursor that continues after a row whose sort-column values are `sort_values` (the
// printed stored values, nullopt for null) and row number `row_number`.
std::string RowCursor(const RowQuery& query, const std::vector<DatasetColumn>& columns,
                      const std::vector<std::optional<std::string>>& sort_values,
                      int64_t row_number);

}  // namespace gongshu
