// Tests of search/synonyms.h: the table format, its errors and the built-in table.
#include "search/synonyms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(SynonymsTest, ParsesTablesAndNamesTheLineOfAnError) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/synonym_tables.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "synonym_tables.tsv line " << row.line;
    Result<SynonymTable> table = ParseSynonymTable(row.cells[0]);
    if (row.cells[1] == "ok") {
      EXPECT_TRUE(table.ok()) << "line " << row.line << ": " << table.status().message();
    } else {
      ASSERT_FALSE(table.ok()) << "synonym_tables.tsv line " << row.line << " was accepted";
      EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(table.status().message().find(row.cells[1]), std::string::npos)
          << "line " << row.line << ": message \"" << table.status().message() << "\" lacks \""
          << row.cells[1] << "\"";
    }
  }
}

std::vector<std::string> ExpansionTexts(const SynonymTable& table, std::string_view query) {
  std::vector<SearchUnit> units = SplitIntoUnits(query);
  std::optional<SynonymTable::Match> match = table.LongestMatch(units, 0);
  std::vector<std::string> texts;
  if (!match || match->length != units.size()) return texts;
  for (const std::vector<SearchUnit>& expansion : *match->expansions) {
    std::string text;
    for (const SearchUnit& unit : expansion) text += unit.text;
    texts.push_back(text);
  }
  return texts;
}

TEST(SynonymsTest, EqualsGoesBothWaysAndGreaterThanOneWay) {
  Result<SynonymTable> table = ParseSynonymTable(
      "=\t医保\t医疗保险\t医疗保障\n"
      ">\t学校\t教育\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(ExpansionTexts(*table, "医保"), (std::vector<std::string>{"医疗保险", "医疗保障"}));
  EXPECT_EQ(ExpansionTexts(*table, "医疗保险"), (std::vector<std::string>{"医保", "医疗保障"}));
  // Keys are folded like documents.
  EXPECT_EQ(ExpansionTexts(*table, "醫保"), (std::vector<std::string>{"医疗保险", "医疗保障"}));
  EXPECT_EQ(ExpansionTexts(*table, "学校"), std::vector<std::string>{"教育"});
  EXPECT_TRUE(ExpansionTexts(*table, "教育").empty());
  EXPECT_EQ(table->size(), 4u);
}

TEST(SynonymsTest, LinesWithTheSameKeyAddUp) {
  Result<SynonymTable> table = ParseSynonymTable(
      "=\t环保\t环境保护\n"
      ">\t环保\t生态环境\n"
      ">\t环保\t环境保护\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(ExpansionTexts(*table, "环保"), (std::vector<std::string>{"环境保护", "生态环境"}));
}

TEST(SynonymsTest, KeysMatchOnlyOnWordBoundaries) {
  Result<SynonymTable> table = ParseSynonymTable("=\t公交\t公共交通\n");
  ASSERT_TRUE(table.ok());
  // 办公|交流: 公交 starts inside the word 办公.
  std::vector<SearchUnit> units = SplitIntoUnits("办公交流");
  for (size_t index = 0; index < units.size(); ++index) {
    EXPECT_FALSE(table->LongestMatch(units, index).has_value()) << index;
  }
  // 公|交|车站: 公交 is two whole one-character words.
  units = SplitIntoUnits("公交车站");
  std::optional<SynonymTable::Match> match = table->LongestMatch(units, 0);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->length, 2u);
  // Characters apart in the query do not make the key.
  EXPECT_FALSE(table->LongestMatch(SplitIntoUnits("公 交"), 0).has_value());
}

TEST(SynonymsTest, BuiltInTableParsesAndHoldsTheCommonAbbreviations) {
  Result<SynonymTable> parsed = ParseSynonymTable(DefaultSynonymsText());
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  int groups = 0;
  std::string_view text = DefaultSynonymsText();
  while (!text.empty()) {
    std::string_view line = text.substr(0, text.find('\n'));
    text.remove_prefix(std::min(text.size(), line.size() + 1));
    if (!line.empty() && line.front() != '#') ++groups;
  }
  EXPECT_GE(groups, 40);
  EXPECT_LE(groups, 80);
  const SynonymTable& table = DefaultSynonymTable();
  EXPECT_EQ(table.size(), parsed->size());
  EXPECT_EQ(ExpansionTexts(table, "医保"), (std::vector<std::string>{"医疗保险", "医疗保障"}));
  EXPECT_EQ(ExpansionTexts(table, "社保"), (std::vector<std::string>{"社会保险", "社会保障"}));
  EXPECT_EQ(ExpansionTexts(table, "公积金"), std::vector<std::string>{"住房公积金"});
  EXPECT_EQ(ExpansionTexts(table, "公交"), (std::vector<std::string>{"公共交通", "公交车"}));
  EXPECT_EQ(ExpansionTexts(table, "环保"), (std::vector<std::string>{"环境保护", "生态环境"}));
}

}  // namespace
}  // namespace gongshu
