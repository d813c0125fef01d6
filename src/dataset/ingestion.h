// Ingestion: reading an upload's records, checking every cell against its column's type, and
// handing the good rows to a sink (the version file being written) and to observers (the
// quality profile). Pure apart from the sink: no files, no clock.
//
// Nothing is coerced and nothing is dropped silently: a record that does not fit is a RowError
// (line, column, value, reason). With `quarantine` off (the default) one bad row refuses the
// whole version; reading still goes on to the end so that the report counts every error. With
// `quarantine` on, bad rows go to the sink's quarantine and are counted.
#pragma once

#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "catalog/resource.h"
#include "common/status.h"
#include "dataset/dataset_version.h"
#include "tabular/table_source.h"

namespace gongshu {

// The columns of the version and where each comes from in the source.
struct ColumnPlan {
  std::vector<DatasetColumn> columns;
  std::vector<size_t> source_index;  // per column: its position in the source's records
  bool declared = false;             // types from the resource's items
};

// The plan from a resource's items: the source's columns must be exactly the items' names, in
// any order. InvalidArgument naming every missing and every unexpected column.
Result<ColumnPlan> PlanFromItems(const std::vector<Item>& items,
                                 const std::vector<std::string>& source_columns);

// The plan by inference over every record of `source` (which is read to its end; open a fresh
// source for ReadRows). Records with problems are skipped here and reported by ReadRows.
// InvalidArgument when reading fails.
Result<ColumnPlan> InferPlan(tabular::TableSource& source);

// Where good and quarantined rows go. Cells are in plan order.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status AddRow(std::span<const tabular::Cell> cells) = 0;
  virtual Status AddQuarantined(uint64_t line, const std::string& reason,
                                std::span<const tabular::Cell> cells) = 0;
};

// Live counters, read by the progress endpoint while ReadRows runs on another thread.
struct IngestionProgress {
  std::atomic<uint64_t> bytes_read{0};
  std::atomic<uint64_t> rows_read{0};
  std::atomic<uint64_t> errors{0};
};

struct ReadOptions {
  bool quarantine = false;
  // Called with every accepted row (cells in plan order), e.g. to profile columns.
  std::function<void(std::span<const tabular::Cell>)> observe;
  IngestionProgress* progress = nullptr;  // optional
};

// Reads every record of `source` into `sink` following `plan`. The report's `fatal` says why
// reading stopped early, if it did. An error Status only when the sink fails.
Result<IngestionReport> ReadRows(tabular::TableSource& source, const ColumnPlan& plan,
                                 RowSink& sink, const ReadOptions& options);

// Whether an ingestion's report allows publishing: nothing fatal, and no errors unless they
// were all quarantined.
bool MayPublish(const IngestionReport& report, bool quarantine);

}  // namespace gongshu
