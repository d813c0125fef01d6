#include "tabular/column_type.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongshu::tabular {
namespace {

std::vector<std::string> SplitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

TEST(ColumnTypeTest, ChecksAndInfersAsTheTableSays) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/column_types.tsv");
  ASSERT_TRUE(file) << "missing testdata/column_types.tsv";
  std::string line;
  int rows = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitOn(line, '\t');
    ASSERT_GE(fields.size(), 3U) << line;
    ++rows;
    if (fields[0] == "check") {
      std::optional<ColumnType> type = ParseColumnType(fields[1]);
      ASSERT_TRUE(type.has_value()) << line;
      std::string_view reason = CheckCellType(*type, fields[2]);
      EXPECT_EQ(reason.empty() ? "ok" : std::string(reason), fields[3]) << line;
    } else {
      ASSERT_EQ(fields[0], "infer") << line;
      ColumnTypeInference inference;
      if (!fields[1].empty()) {
        for (const std::string& value : SplitOn(fields[1], '|')) inference.Add(value);
      }
      EXPECT_EQ(ColumnTypeName(inference.Result()), fields[2]) << line;
    }
  }
  EXPECT_GT(rows, 50);
}

TEST(ColumnTypeTest, NamesMatchTheCatalogItemTypes) {
  for (const char* name : {"string", "integer", "decimal", "boolean", "date", "datetime"}) {
    std::optional<ColumnType> type = ParseColumnType(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(ColumnTypeName(*type), name);
  }
  EXPECT_FALSE(ParseColumnType("number").has_value());
}

}  // namespace
}  // namespace gongshu::tabular
