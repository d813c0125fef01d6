#include "dataset/row_query.h"

#include <sodium.h>

#include <charconv>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "common/utf8.h"

namespace gongshu {
namespace {

using Parameter = VersionFileReader::Parameter;

constexpr size_t kMaxInValues = 100;
constexpr size_t kMaxSortColumns = 3;

const std::map<std::string, RowFilterOp, std::less<>>& Operators() {
  static const std::map<std::string, RowFilterOp, std::less<>> kOperators = {
      {"eq", RowFilterOp::kEq}, {"ne", RowFilterOp::kNe},     {"lt", RowFilterOp::kLt},
      {"le", RowFilterOp::kLe}, {"gt", RowFilterOp::kGt},     {"ge", RowFilterOp::kGe},
      {"in", RowFilterOp::kIn}, {"like", RowFilterOp::kLike}, {"isnull", RowFilterOp::kIsNull},
  };
  return kOperators;
}

std::string ColumnSql(size_t column) { return "c" + std::to_string(column + 1); }

// A filter or cursor value typed for `column`; a reason when it does not fit.
std::optional<Parameter> TypedValue(const DatasetColumn& column, const std::string& text,
                                    std::string* reason) {
  Parameter parameter;
  switch (column.type) {
    case tabular::ColumnType::kInteger: {
      auto [end, error] =
          std::from_chars(text.data(), text.data() + text.size(), parameter.integer);
      if (error != std::errc() || end != text.data() + text.size()) {
        *reason = "must be an integer (the column is integer)";
        return std::nullopt;
      }
      parameter.kind = Parameter::Kind::kInteger;
      return parameter;
    }
    case tabular::ColumnType::kDecimal: {
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parameter.real);
      if (error != std::errc() || end != text.data() + text.size() ||
          !std::isfinite(parameter.real)) {
        *reason = "must be a number (the column is decimal)";
        return std::nullopt;
      }
      parameter.kind = Parameter::Kind::kReal;
      return parameter;
    }
    case tabular::ColumnType::kBoolean:
      if (text != "true" && text != "false") {
        *reason = "must be true or false (the column is boolean)";
        return std::nullopt;
      }
      parameter.kind = Parameter::Kind::kInteger;
      parameter.integer = text == "true" ? 1 : 0;
      return parameter;
    default:
      parameter.kind = Parameter::Kind::kText;
      parameter.text = text;
      return parameter;
  }
}

std::optional<size_t> FindColumn(const std::vector<DatasetColumn>& columns, std::string_view name) {
  for (size_t index = 0; index < columns.size(); ++index) {
    if (columns[index].name == name) return index;
  }
  return std::nullopt;
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

// "3,-5": the sort a cursor was made for.
std::string SortSignature(const RowQuery& query) {
  std::string signature;
  for (const RowSort& sort : query.sort) {
    if (!signature.empty()) signature += ",";
    signature += (sort.descending ? "-" : "") + std::to_string(sort.column);
  }
  return signature;
}

Status ParseCursor(const std::string& cursor, const std::vector<DatasetColumn>& columns,
                   RowQuery* query) {
  Status bad = Status::InvalidField("cursor", "not a cursor of this listing");
  std::string json(cursor.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(json.data()), json.size(), cursor.data(),
                        cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return bad;
  }
  json.resize(length);
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (!parsed.is_object() || !parsed["o"].is_string() || !parsed["r"].is_number_integer() ||
      !parsed["v"].is_array() || parsed["o"].get<std::string>() != SortSignature(*query) ||
      parsed["v"].size() != query->sort.size()) {
    return bad;
  }
  std::vector<std::optional<Parameter>> values;
  for (size_t index = 0; index < query->sort.size(); ++index) {
    const nlohmann::json& value = parsed["v"][index];
    if (value.is_null()) {
      values.emplace_back(std::nullopt);
      continue;
    }
    if (!value.is_string()) return bad;
    std::string reason;
    std::optional<Parameter> typed =
        TypedValue(columns[query->sort[index].column], value.get<std::string>(), &reason);
    if (!typed) return bad;
    values.push_back(std::move(typed));
  }
  query->after_values = std::move(values);
  query->after_row = parsed["r"].get<int64_t>();
  return Status::Ok();
}

}  // namespace

Result<RowQuery> ParseRowQuery(const std::vector<std::pair<std::string, std::string>>& parameters,
                               const std::vector<DatasetColumn>& columns,
                               const std::set<size_t>& queryable,
                               const std::set<std::string>& ignored) {
  RowQuery query;
  std::vector<FieldError> errors;
  const std::string* cursor = nullptr;
  bool fields_given = false;
  for (const auto& [name, value] : parameters) {
    if (ignored.count(name) != 0) continue;
    if (name == "fields") {
      fields_given = true;
      for (const std::string& field : SplitCommas(value)) {
        std::optional<size_t> column = FindColumn(columns, field);
        if (!column) {
          errors.push_back({"fields", "no column named \"" + field + "\""});
        } else {
          query.fields.push_back(*column);
        }
      }
      continue;
    }
    if (name == "sort") {
      for (const std::string& part : SplitCommas(value)) {
        bool descending = !part.empty() && part[0] == '-';
        std::string field = descending ? part.substr(1) : part;
        std::optional<size_t> column = FindColumn(columns, field);
        if (!column) {
          errors.push_back({"sort", "no column named \"" + field + "\""});
        } else if (queryable.count(*column) == 0) {
          errors.push_back(
              {"sort", "the column \"" + field + "\" is de-identified and cannot be sorted on"});
        } else {
          query.sort.push_back({*column, descending});
        }
      }
      if (query.sort.size() > kMaxSortColumns) {
        errors.push_back({"sort", "at most 3 columns"});
      }
      continue;
    }
    if (name == "limit") {
      int limit = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (error != std::errc() || end != value.data() + value.size() || limit < 1 ||
          limit > kMaxRowLimit) {
        errors.push_back({"limit", "must be an integer from 1 to 10000"});
      } else {
        query.limit = limit;
      }
      continue;
    }
    if (name == "cursor") {
      cursor = &value;
      continue;
    }
    // A filter: the whole name is a column (eq), or <column>__<operator>.
    std::optional<size_t> column = FindColumn(columns, name);
    RowFilterOp op = RowFilterOp::kEq;
    if (!column) {
      size_t separator = name.rfind("__");
      if (separator != std::string::npos) {
        auto found = Operators().find(std::string_view(name).substr(separator + 2));
        column = FindColumn(columns, std::string_view(name).substr(0, separator));
        if (column && found == Operators().end()) {
          errors.push_back({name, "unknown operator (eq, ne, lt, le, gt, ge, in, like, isnull)"});
          continue;
        }
        if (column) op = found->second;
      }
    }
    if (!column) {
      errors.push_back({name, "no column or parameter of this name"});
      continue;
    }
    if (queryable.count(*column) == 0) {
      errors.push_back({name, "the column \"" + columns[*column].name +
                                  "\" is not released for filtering (it is de-identified, or "
                                  "not among the fields granted to you)"});
      continue;
    }
    RowFilter filter;
    filter.column = *column;
    filter.op = op;
    if (op == RowFilterOp::kIsNull) {
      if (value != "true" && value != "false") {
        errors.push_back({name, "must be true or false"});
        continue;
      }
      if (value == "false") filter.op = RowFilterOp::kNotNull;
    } else if (op == RowFilterOp::kLike) {
      Parameter pattern;
      pattern.text = value;
      filter.values.push_back(std::move(pattern));
    } else {
      std::vector<std::string> texts =
          op == RowFilterOp::kIn ? SplitCommas(value) : std::vector<std::string>{value};
      if (texts.size() > kMaxInValues) {
        errors.push_back({name, "at most 100 values"});
        continue;
      }
      for (const std::string& text : texts) {
        std::string reason;
        std::optional<Parameter> typed = TypedValue(columns[*column], text, &reason);
        if (!typed) {
          errors.push_back({name, reason});
          break;
        }
        filter.values.push_back(std::move(*typed));
      }
    }
    query.filters.push_back(std::move(filter));
  }
  if (!fields_given) {
    for (size_t index = 0; index < columns.size(); ++index) query.fields.push_back(index);
  }
  if (cursor != nullptr && errors.empty()) {
    if (Status status = ParseCursor(*cursor, columns, &query); !status.ok()) {
      errors.push_back({"cursor", "not a cursor of this listing"});
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("the row query has errors", std::move(errors));
  }
  return query;
}

namespace {

// The WHERE conditions of `query`'s filters, appending their values to `parameters`.
std::vector<std::string> FilterConditions(const RowQuery& query,
                                          std::vector<VersionFileReader::Parameter>* parameters) {
  std::vector<std::string> conditions;
  for (const RowFilter& filter : query.filters) {
    std::string column = ColumnSql(filter.column);
    switch (filter.op) {
      case RowFilterOp::kEq:
        conditions.push_back(column + " = ?");
        break;
      case RowFilterOp::kNe:
        conditions.push_back("(" + column + " <> ? OR " + column + " IS NULL)");
        break;
      case RowFilterOp::kLt:
        conditions.push_back(column + " < ?");
        break;
      case RowFilterOp::kLe:
        conditions.push_back(column + " <= ?");
        break;
      case RowFilterOp::kGt:
        conditions.push_back(column + " > ?");
        break;
      case RowFilterOp::kGe:
        conditions.push_back(column + " >= ?");
        break;
      case RowFilterOp::kIn: {
        std::string marks;
        for (size_t index = 0; index < filter.values.size(); ++index) {
          marks += index == 0 ? "?" : ", ?";
        }
        conditions.push_back(column + " IN (" + marks + ")");
        break;
      }
      case RowFilterOp::kLike:
        conditions.push_back(column + " LIKE ? ESCAPE '\\'");
        break;
      case RowFilterOp::kIsNull:
        conditions.push_back(column + " IS NULL");
        break;
      case RowFilterOp::kNotNull:
        conditions.push_back(column + " IS NOT NULL");
        break;
    }
    for (const Parameter& value : filter.values) parameters->push_back(value);
  }
  return conditions;
}

}  // namespace

RowSql BuildRowSql(const RowQuery& query) {
  RowSql result;
  result.sql = "SELECT _row";
  for (size_t column : query.fields) result.sql += ", " + ColumnSql(column);
  // The sort columns again, after the fields, for the next page's cursor.
  for (const RowSort& sort : query.sort) result.sql += ", " + ColumnSql(sort.column);
  result.sql += " FROM data";
  std::vector<std::string> conditions = FilterConditions(query, &result.parameters);
  if (query.after_values) {
    // Keyset: rows after (v1, ..., vn, row) in the order sort columns then _row ascending.
    // Ascending puts nulls first; descending puts them last (SQLite's order).
    std::string keyset;
    std::string equal_prefix;
    std::vector<Parameter> prefix_parameters;
    for (size_t index = 0; index < query.sort.size(); ++index) {
      const RowSort& sort = query.sort[index];
      const std::optional<Parameter>& value = (*query.after_values)[index];
      std::string column = ColumnSql(sort.column);
      std::string strictly_after;
      std::vector<Parameter> after_parameters;
      if (!value) {
        strictly_after = sort.descending ? "0" : column + " IS NOT NULL";
      } else if (sort.descending) {
        strictly_after = "(" + column + " < ? OR " + column + " IS NULL)";
        after_parameters.push_back(*value);
      } else {
        strictly_after = column + " > ?";
        after_parameters.push_back(*value);
      }
      if (!keyset.empty()) keyset += " OR ";
      keyset += "(" + equal_prefix + strictly_after + ")";
      for (const Parameter& parameter : prefix_parameters) result.parameters.push_back(parameter);
      for (const Parameter& parameter : after_parameters) result.parameters.push_back(parameter);
      equal_prefix += value ? column + " IS ? AND " : column + " IS NULL AND ";
      if (value) prefix_parameters.push_back(*value);
    }
    if (!keyset.empty()) keyset += " OR ";
    keyset += "(" + equal_prefix + "_row > ?)";
    for (const Parameter& parameter : prefix_parameters) result.parameters.push_back(parameter);
    Parameter row;
    row.kind = Parameter::Kind::kInteger;
    row.integer = query.after_row;
    result.parameters.push_back(row);
    conditions.push_back("(" + keyset + ")");
  }
  for (size_t index = 0; index < conditions.size(); ++index) {
    result.sql += (index == 0 ? " WHERE " : " AND ") + conditions[index];
  }
  result.sql += " ORDER BY ";
  for (const RowSort& sort : query.sort) {
    result.sql += ColumnSql(sort.column) + (sort.descending ? " DESC, " : ", ");
  }
  result.sql += "_row LIMIT " + std::to_string(query.limit + 1);
  if (query.offset > 0) result.sql += " OFFSET " + std::to_string(query.offset);
  return result;
}

RowSql BuildCountSql(const RowQuery& query) {
  RowSql result;
  std::vector<std::string> conditions = FilterConditions(query, &result.parameters);
  // Read as the row number of the one result row (VersionRows::row_number).
  result.sql = "SELECT COUNT(*) FROM data";
  for (size_t index = 0; index < conditions.size(); ++index) {
    result.sql += (index == 0 ? " WHERE " : " AND ") + conditions[index];
  }
  return result;
}

std::string RowCursor(const RowQuery& query, const std::vector<DatasetColumn>& columns,
                      const std::vector<std::optional<std::string>>& sort_values,
                      int64_t row_number) {
  (void)columns;
  nlohmann::json values = nlohmann::json::array();
  for (const std::optional<std::string>& value : sort_values) {
    values.push_back(value ? nlohmann::json(*value) : nlohmann::json(nullptr));
  }
  nlohmann::json cursor = {{"o", SortSignature(query)}, {"v", values}, {"r", row_number}};
  return Base64UrlEncode(cursor.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace gongshu
