#include "dataset/ingestion.h"

#include <algorithm>
#include <unordered_map>

#include "dataset/version_file.h"

namespace gongshu {
namespace {

tabular::ColumnType ColumnTypeOf(ItemType type) {
  switch (type) {
    case ItemType::kInteger:
      return tabular::ColumnType::kInteger;
    case ItemType::kDecimal:
      return tabular::ColumnType::kDecimal;
    case ItemType::kBoolean:
      return tabular::ColumnType::kBoolean;
    case ItemType::kDate:
      return tabular::ColumnType::kDate;
    case ItemType::kDateTime:
      return tabular::ColumnType::kDateTime;
    case ItemType::kString:
      break;
  }
  return tabular::ColumnType::kString;
}

std::string Cut(std::string_view text) {
  constexpr size_t kLimit = 200;
  if (text.size() <= kLimit) return std::string(text);
  size_t end = kLimit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

// Collects errors into the report: all are counted, the first kMaxListedErrors listed.
void AddError(IngestionReport& report, RowError error) {
  ++report.error_count;
  ++report.column_errors[error.column];
  if (report.errors.size() < kMaxListedErrors) report.errors.push_back(std::move(error));
}

}  // namespace

Result<ColumnPlan> PlanFromItems(const std::vector<Item>& items,
                                 const std::vector<std::string>& source_columns) {
  ColumnPlan plan;
  plan.declared = true;
  std::unordered_map<std::string, size_t> positions;
  for (size_t index = 0; index < source_columns.size(); ++index) {
    positions.emplace(source_columns[index], index);
  }
  std::vector<FieldError> errors;
  std::vector<bool> used(source_columns.size(), false);
  for (const Item& item : items) {
    auto found = positions.find(item.name);
    if (found == positions.end()) {
      errors.push_back(
          {"columns", "the file has no column \"" + item.name + "\" (an item of the resource)"});
      continue;
    }
    used[found->second] = true;
    plan.columns.push_back(
        {item.name, item.title.empty() ? item.name : item.title, ColumnTypeOf(item.type)});
    plan.source_index.push_back(found->second);
  }
  for (size_t index = 0; index < source_columns.size(); ++index) {
    if (!used[index]) {
      errors.push_back({"columns", "the column \"" + source_columns[index] +
                                       "\" is not an item of the resource"});
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument("the file's columns do not match the resource's items",
                                   std::move(errors));
  }
  return plan;
}

Result<ColumnPlan> InferPlan(tabular::TableSource& source) {
  const std::vector<std::string>& names = source.ColumnNames();
  std::vector<tabular::ColumnTypeInference> inference(names.size());
  tabular::Record record;
  while (true) {
    Result<bool> more = source.Next(record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (!record.problem.empty() || record.cells.size() != names.size()) continue;
    for (size_t index = 0; index < names.size(); ++index) {
      if (!record.cells[index].is_null) inference[index].Add(record.cells[index].text);
    }
  }
  ColumnPlan plan;
  for (size_t index = 0; index < names.size(); ++index) {
    plan.columns.push_back({names[index], names[index], inference[index].Result()});
    plan.source_index.push_back(index);
  }
  return plan;
}

Result<IngestionReport> ReadRows(tabular::TableSource& source, const ColumnPlan& plan,
                                 RowSink& sink, const ReadOptions& options) {
  IngestionReport report;
  const tabular::SourceDescription& description = source.Description();
  report.format = description.format;
  report.encoding = description.encoding;
  if (description.delimiter != 0) report.delimiter = std::string(1, description.delimiter);
  report.sheet = description.sheet;
  report.columns = plan.columns;
  report.types_declared = plan.declared;
  const size_t source_width = source.ColumnNames().size();
  tabular::Record record;
  std::vector<tabular::Cell> cells(plan.columns.size());
  bool writing = true;  // false once a bad row has refused the version (reading goes on)
  while (true) {
    Result<bool> more = source.Next(record);
    if (options.progress != nullptr) {
      options.progress->bytes_read.store(source.BytesRead(), std::memory_order_relaxed);
    }
    if (!more.ok()) {
      report.fatal = more.status().message();
      break;
    }
    if (!*more) break;
    ++report.rows_read;
    if (options.progress != nullptr) {
      options.progress->rows_read.store(report.rows_read, std::memory_order_relaxed);
    }
    std::string row_reason;
    if (!record.problem.empty() || record.cells.size() != source_width) {
      row_reason = record.problem.empty() ? "wrong number of fields" : record.problem;
      AddError(report, {record.line, "", "", row_reason});
    } else {
      for (size_t column = 0; column < plan.columns.size(); ++column) {
        const tabular::Cell& cell = record.cells[plan.source_index[column]];
        cells[column] = cell;
        if (cell.is_null) continue;
        std::string_view reason = tabular::CheckCellType(plan.columns[column].type, cell.text);
        if (reason.empty() && plan.columns[column].type == tabular::ColumnType::kDecimal &&
            !DecimalFits(cell.text)) {
          reason = "more than 15 significant digits";
        }
        if (reason.empty()) continue;
        std::string message = std::string(reason) + " (" +
                              std::string(tabular::ColumnTypeName(plan.columns[column].type)) + ")";
        if (row_reason.empty()) row_reason = plan.columns[column].name + ": " + message;
        AddError(report, {record.line, plan.columns[column].name, Cut(cell.text), message});
      }
    }
    if (row_reason.empty()) {
      if (writing) {
        if (Status status = sink.AddRow(cells); !status.ok()) return status;
        ++report.rows_accepted;
        if (options.observe) options.observe(cells);
      }
      continue;
    }
    if (options.progress != nullptr) {
      options.progress->errors.store(report.error_count, std::memory_order_relaxed);
    }
    if (options.quarantine) {
      std::span<const tabular::Cell> raw(record.cells);
      if (Status status = sink.AddQuarantined(record.line, row_reason, raw); !status.ok()) {
        return status;
      }
      ++report.rows_quarantined;
    } else {
      writing = false;
    }
  }
  if (options.progress != nullptr) {
    options.progress->errors.store(report.error_count, std::memory_order_relaxed);
  }
  return report;
}

bool MayPublish(const IngestionReport& report, bool quarantine) {
  if (!report.fatal.empty()) return false;
  if (report.error_count == 0) return true;
  return quarantine;
}

}  // namespace gongshu
