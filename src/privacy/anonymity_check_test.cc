// Tests of privacy/anonymity_check.h: k-anonymity and l-diversity on small tables computed by hand
// (testdata/anonymity.tsv).
#include "privacy/anonymity_check.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu::privacy {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// The '|'-separated parts of a cell; "-" is no part. A part "(empty)" is the empty string (the
// table reader decodes only a whole cell "(empty)").
std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> parts;
  if (text == "-") return parts;
  size_t start = 0;
  while (true) {
    size_t bar = text.find('|', start);
    std::string part =
        text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    parts.push_back(part == "(empty)" ? "" : part);
    if (bar == std::string::npos) return parts;
    start = bar + 1;
  }
}

// One case of the table. The check copies what it keeps, so rows need not outlive Add.
struct Case {
  size_t quasi_identifiers = 0;
  size_t sensitive_attributes = 0;
  std::optional<AnonymityCheck> check;
};

std::string ShowValues(const std::vector<std::optional<std::string>>& values) {
  if (values.empty()) return "-";
  std::string shown;
  for (size_t index = 0; index < values.size(); ++index) {
    if (index > 0) shown += '|';
    shown += values[index] ? (values[index]->empty() ? "(empty)" : *values[index]) : "(null)";
  }
  return shown;
}

std::string ShowNumbers(const std::vector<uint64_t>& numbers) {
  if (numbers.empty()) return "-";
  std::string shown;
  for (size_t index = 0; index < numbers.size(); ++index) {
    shown += (index > 0 ? "|" : "") + std::to_string(numbers[index]);
  }
  return shown;
}

TEST(AnonymityCheckTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/anonymity.tsv");
  ASSERT_GE(rows.size(), 40u);
  std::map<std::string, Case> cases;
  int expectations = 0;
  for (const TableRow& row : rows) {
    std::string where = "anonymity.tsv line " + std::to_string(row.line);
    if (row.cells[0] == "row") {
      ASSERT_EQ(row.cells.size(), 4u) << where;
      std::vector<std::string> quasi = Split(row.cells[2]);
      std::vector<std::string> sensitive = Split(row.cells[3]);
      Case& one = cases[row.cells[1]];
      if (!one.check) {
        std::vector<size_t> quasi_columns;
        std::vector<size_t> sensitive_columns;
        for (size_t index = 0; index < quasi.size(); ++index) quasi_columns.push_back(index);
        for (size_t index = 0; index < sensitive.size(); ++index) {
          sensitive_columns.push_back(quasi.size() + index);
        }
        one.quasi_identifiers = quasi.size();
        one.sensitive_attributes = sensitive.size();
        one.check.emplace(quasi_columns, sensitive_columns);
      }
      ASSERT_EQ(quasi.size(), one.quasi_identifiers) << where;
      ASSERT_EQ(sensitive.size(), one.sensitive_attributes) << where;
      std::vector<std::string> texts = quasi;
      texts.insert(texts.end(), sensitive.begin(), sensitive.end());
      std::vector<tabular::Cell> cells;
      for (const std::string& text : texts) {
        if (text == "(null)") {
          cells.push_back({{}, true});
        } else {
          cells.push_back({text, false});
        }
      }
      one.check->Add(cells);
      continue;
    }
    ASSERT_EQ(row.cells[0], "expect") << where;
    ASSERT_EQ(row.cells.size(), 11u) << where;
    ASSERT_TRUE(cases.count(row.cells[1])) << where << ": no rows for case " << row.cells[1];
    AnonymityReport report = cases[row.cells[1]].check->Finish();
    EXPECT_EQ(report.applicable ? "yes" : "no", row.cells[2]) << where;
    EXPECT_EQ(report.rows, std::stoull(row.cells[3])) << where;
    EXPECT_EQ(report.equivalence_classes, std::stoull(row.cells[4])) << where;
    EXPECT_EQ(report.smallest_class_size, std::stoull(row.cells[5])) << where;
    // A whole cell "(empty)" reached us decoded; ShowValues writes it back.
    EXPECT_EQ(ShowValues(report.smallest_class_values),
              row.cells[6].empty() ? "(empty)" : row.cells[6])
        << where;
    EXPECT_EQ(ShowNumbers(report.smallest_l), row.cells[7]) << where;
    EXPECT_EQ(report.Passes(std::stoll(row.cells[8]), std::stoll(row.cells[9])) ? "yes" : "no",
              row.cells[10])
        << where << " k=" << row.cells[8] << " l=" << row.cells[9];
    ++expectations;
  }
  EXPECT_GE(expectations, 15);
}

TEST(AnonymityCheckTest, AnEmptyReleasePasses) {
  AnonymityCheck check({0}, {1});
  AnonymityReport report = check.Finish();
  EXPECT_TRUE(report.applicable);
  EXPECT_EQ(report.rows, 0u);
  EXPECT_EQ(report.equivalence_classes, 0u);
  EXPECT_EQ(report.smallest_class_size, 0u);
  EXPECT_TRUE(report.smallest_class_values.empty());
  EXPECT_TRUE(report.Passes(5, 2));
}

TEST(AnonymityCheckTest, CountsDistinctValuesUpToTheLargestL) {
  AnonymityCheck check({0}, {1});
  std::vector<std::string> diagnoses;
  for (int index = 0; index < 150; ++index) diagnoses.push_back("d" + std::to_string(index));
  for (const std::string& diagnosis : diagnoses) {
    std::vector<tabular::Cell> row = {{"same", false}, {diagnosis, false}};
    check.Add(row);
  }
  AnonymityReport report = check.Finish();
  EXPECT_EQ(report.rows, 150u);
  EXPECT_EQ(report.smallest_class_size, 150u);
  EXPECT_EQ(report.smallest_l, std::vector<uint64_t>{static_cast<uint64_t>(kMaxL)});
  EXPECT_TRUE(report.Passes(150, kMaxL));
  EXPECT_FALSE(report.Passes(151, 2));
}

TEST(AnonymityCheckTest, ReadsThePolicysColumnsFromReleaseRows) {
  DeidentificationPolicy policy;
  policy.quasi_identifiers = {"gender", "birth_date"};
  policy.sensitive_attributes = {"diagnosis"};
  policy.k = 2;
  policy.l = 2;
  std::vector<std::string> columns = {"name", "birth_date", "diagnosis", "gender"};
  Result<AnonymityCheck> check = AnonymityCheck::ForPolicy(policy, columns);
  ASSERT_TRUE(check.ok()) << check.status().message();
  std::vector<std::vector<std::string>> rows = {{"张*", "1990-01", "flu", "男"},
                                                {"李*", "1990-01", "cold", "男"},
                                                {"王*", "1990-01", "flu", "女"}};
  for (const std::vector<std::string>& texts : rows) {
    std::vector<tabular::Cell> cells;
    for (const std::string& text : texts) cells.push_back({text, false});
    check->Add(cells);
  }
  AnonymityReport report = check->Finish();
  EXPECT_EQ(report.equivalence_classes, 2u);
  EXPECT_EQ(report.smallest_class_size, 1u);
  EXPECT_EQ(report.smallest_class_values,
            (std::vector<std::optional<std::string>>{"女", "1990-01"}));
  EXPECT_FALSE(report.Passes(policy.k, policy.l));

  Result<AnonymityCheck> missing = AnonymityCheck::ForPolicy(policy, {"name", "gender"});
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.status().field_errors().size(), 1u);
  EXPECT_EQ(missing.status().field_errors()[0].field, "quasi_identifiers[1]");
}

}  // namespace
}  // namespace gongshu::privacy
