#include "dataset/ingestion.h"

#include <gtest/gtest.h>

namespace gongshu {
namespace {

// A table source over rows held in memory; "\N" is a null cell. A row may carry a problem.
class MemorySource final : public tabular::TableSource {
 public:
  struct Row {
    std::vector<std::string> cells;
    std::string problem;
  };
  MemorySource(std::vector<std::string> names, std::vector<Row> rows)
      : names_(std::move(names)), rows_(std::move(rows)) {
    description_.format = "csv";
    description_.encoding = "utf-8";
    description_.delimiter = ',';
  }
  const std::vector<std::string>& ColumnNames() const override { return names_; }
  const tabular::SourceDescription& Description() const override { return description_; }
  Result<bool> Next(tabular::Record& record) override {
    if (next_ == rows_.size()) return false;
    const Row& row = rows_[next_++];
    record.line = next_ + 1;  // the header is line 1
    record.problem = row.problem;
    record.cells.clear();
    for (const std::string& cell : row.cells) {
      record.cells.push_back(cell == "\\N" ? tabular::Cell{"", true} : tabular::Cell{cell, false});
    }
    return true;
  }
  uint64_t BytesRead() const override { return next_ * 10; }

 private:
  std::vector<std::string> names_;
  std::vector<Row> rows_;
  tabular::SourceDescription description_;
  size_t next_ = 0;
};

class CollectingSink final : public RowSink {
 public:
  Status AddRow(std::span<const tabular::Cell> cells) override {
    std::string row;
    for (const tabular::Cell& cell : cells)
      row += (cell.is_null ? "\\N" : std::string(cell.text)) + "|";
    rows.push_back(row);
    return Status::Ok();
  }
  Status AddQuarantined(uint64_t line, const std::string& reason,
                        std::span<const tabular::Cell>) override {
    quarantined.push_back(std::to_string(line) + ": " + reason);
    return Status::Ok();
  }
  std::vector<std::string> rows;
  std::vector<std::string> quarantined;
};

std::vector<Item> Items() {
  Item id;
  id.name = "stop_id";
  id.title = "站点编号";
  id.type = ItemType::kInteger;
  Item name;
  name.name = "stop_name";
  name.type = ItemType::kString;
  Item longitude;
  longitude.name = "longitude";
  longitude.type = ItemType::kDecimal;
  return {id, name, longitude};
}

TEST(IngestionTest, DeclaredItemsGiveTheColumnsInTheirOrderWhateverTheFileOrder) {
  Result<ColumnPlan> plan = PlanFromItems(Items(), {"longitude", "stop_id", "stop_name"});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->columns.size(), 3U);
  EXPECT_EQ(plan->columns[0].name, "stop_id");
  EXPECT_EQ(plan->columns[0].title, "站点编号");
  EXPECT_EQ(plan->columns[0].type, tabular::ColumnType::kInteger);
  EXPECT_EQ(plan->source_index, (std::vector<size_t>{1, 2, 0}));
}

TEST(IngestionTest, ColumnsThatDoNotMatchTheItemsAreAllNamed) {
  Result<ColumnPlan> plan = PlanFromItems(Items(), {"stop_id", "name", "longitude", "extra"});
  ASSERT_FALSE(plan.ok());
  std::vector<FieldError> errors = plan.status().field_errors();
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_NE(errors[0].reason.find("stop_name"), std::string::npos);
  EXPECT_NE(errors[1].reason.find("\"name\""), std::string::npos);
  EXPECT_NE(errors[2].reason.find("\"extra\""), std::string::npos);
}

TEST(IngestionTest, EveryBadCellIsReportedWithLineColumnValueAndReason) {
  MemorySource source({"stop_id", "stop_name", "longitude"},
                      {{{"1", "五四路口", "119.30"}},
                       {{"2", "东街口", "东经119度"}},
                       {{"x3", "南门兜", "abc"}},
                       {{"4", "\\N", "\\N"}},
                       {{"5", "鼓楼"}, "2 fields, the header has 3"}});
  Result<ColumnPlan> plan = PlanFromItems(Items(), source.ColumnNames());
  ASSERT_TRUE(plan.ok());
  CollectingSink sink;
  IngestionProgress progress;
  ReadOptions options;
  options.progress = &progress;
  Result<IngestionReport> report = ReadRows(source, *plan, sink, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->rows_read, 5U);
  EXPECT_EQ(report->error_count, 4U);
  ASSERT_EQ(report->errors.size(), 4U);
  EXPECT_EQ(report->errors[0].line, 3U);
  EXPECT_EQ(report->errors[0].column, "longitude");
  EXPECT_EQ(report->errors[0].value, "东经119度");
  EXPECT_EQ(report->errors[0].reason, "not a number (decimal)");
  EXPECT_EQ(report->errors[1].column, "stop_id");
  EXPECT_EQ(report->errors[1].line, 4U);
  EXPECT_EQ(report->errors[2].column, "longitude");
  EXPECT_EQ(report->errors[3].line, 6U);
  EXPECT_EQ(report->errors[3].column, "");
  EXPECT_EQ(report->errors[3].reason, "2 fields, the header has 3");
  EXPECT_EQ(report->column_errors.at("longitude"), 2U);
  EXPECT_EQ(report->column_errors.at("stop_id"), 1U);
  EXPECT_EQ(report->column_errors.at(""), 1U);
  EXPECT_FALSE(MayPublish(*report, false));
  // Writing stopped at the first bad row; the rest was only checked.
  EXPECT_EQ(sink.rows.size(), 1U);
  EXPECT_EQ(progress.rows_read.load(), 5U);
  EXPECT_EQ(progress.errors.load(), 4U);
}

TEST(IngestionTest, QuarantineSetsBadRowsApartAndKeepsTheGoodOnes) {
  MemorySource source(
      {"stop_name", "stop_id", "longitude"},
      {{{"五四路口", "1", "119.30"}}, {{"东街口", "2.5", "119.31"}}, {{"\\N", "3", "119.32"}}});
  Result<ColumnPlan> plan = PlanFromItems(Items(), source.ColumnNames());
  ASSERT_TRUE(plan.ok());
  CollectingSink sink;
  ReadOptions options;
  options.quarantine = true;
  Result<IngestionReport> report = ReadRows(source, *plan, sink, options);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(MayPublish(*report, true));
  EXPECT_EQ(report->rows_accepted, 2U);
  EXPECT_EQ(report->rows_quarantined, 1U);
  EXPECT_EQ(sink.rows, (std::vector<std::string>{"1|五四路口|119.30|", "3|\\N|119.32|"}));
  ASSERT_EQ(sink.quarantined.size(), 1U);
  EXPECT_EQ(sink.quarantined[0], "3: stop_id: not an integer (integer)");
}

TEST(IngestionTest, WithoutItemsTypesAreInferredFromEveryRow) {
  MemorySource source({"a", "b", "c"}, {{{"1", "2026-01-01", "x"}},
                                        {{"2", "2026-01-02", "1"}},
                                        {{"\\N", "\\N", "\\N"}},
                                        {{"9"}, "short"}});
  Result<ColumnPlan> plan = InferPlan(source);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->declared);
  EXPECT_EQ(plan->columns[0].type, tabular::ColumnType::kInteger);
  EXPECT_EQ(plan->columns[1].type, tabular::ColumnType::kDate);
  EXPECT_EQ(plan->columns[2].type, tabular::ColumnType::kString);
}

TEST(IngestionTest, DecimalsThatWouldLosePrecisionAreRefusedNotRounded) {
  MemorySource source({"stop_id", "stop_name", "longitude"},
                      {{{"1", "a", "119.30000000000000001"}}});
  Result<ColumnPlan> plan = PlanFromItems(Items(), source.ColumnNames());
  ASSERT_TRUE(plan.ok());
  CollectingSink sink;
  Result<IngestionReport> report = ReadRows(source, *plan, sink, {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 1U);
  EXPECT_EQ(report->errors[0].reason, "more than 15 significant digits (decimal)");
}

}  // namespace
}  // namespace gongshu
