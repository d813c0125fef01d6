// Tests of search/query.h: from typed text to an FTS5 MATCH expression.
#include "search/query.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

SynonymTable TestSynonyms() {
  std::ifstream file(GONGSHU_TESTDATA_DIR "/query_synonyms.tsv");
  std::stringstream text;
  text << file.rdbuf();
  Result<SynonymTable> table = ParseSynonymTable(text.str());
  EXPECT_TRUE(table.ok()) << table.status().message();
  return table.ok() ? std::move(table).value() : SynonymTable();
}

// Whether `expression` uses only what the builder may write outside quoted strings: parentheses,
// spaces, OR, AND and a '*' right after a closing quote. Anything else outside quotes would be
// FTS5 syntax coming from the user.
bool OnlyQuotedText(const std::string& expression) {
  size_t index = 0;
  while (index < expression.size()) {
    if (expression[index] == '"') {
      ++index;
      while (true) {
        if (index >= expression.size()) return false;  // unterminated string
        if (expression[index] == '"') {
          if (index + 1 < expression.size() && expression[index + 1] == '"') {
            index += 2;
            continue;
          }
          ++index;
          break;
        }
        ++index;
      }
      if (index < expression.size() && expression[index] == '*') ++index;
      continue;
    }
    if (expression.compare(index, 4, " OR ") == 0) {
      index += 4;
    } else if (expression.compare(index, 5, " AND ") == 0) {
      index += 5;
    } else if (expression[index] == '(' || expression[index] == ')') {
      ++index;
    } else {
      return false;
    }
  }
  return true;
}

TEST(QueryTest, FollowsTable) {
  const SynonymTable none;
  const SynonymTable test = TestSynonyms();
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/query_expressions.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "query_expressions.tsv line " << row.line;
    ASSERT_TRUE(row.cells[1] == "none" || row.cells[1] == "test") << "line " << row.line;
    const SynonymTable& synonyms = row.cells[1] == "test" ? test : none;
    std::string expression;
    if (row.cells[0] == "match") {
      expression = BuildMatchExpression(row.cells[2], synonyms);
    } else {
      ASSERT_EQ(row.cells[0], "prefix") << "query_expressions.tsv line " << row.line;
      expression = BuildPrefixMatchExpression(row.cells[2], synonyms);
    }
    EXPECT_EQ(expression, row.cells[3]) << "query_expressions.tsv line " << row.line;
    EXPECT_TRUE(OnlyQuotedText(expression)) << "line " << row.line << ": " << expression;
  }
}

TEST(QueryTest, UsesTheBuiltInSynonymsByDefault) {
  EXPECT_NE(BuildMatchExpression("社保").find("\"社会 会保 保险 险\""), std::string::npos);
  EXPECT_NE(BuildPrefixMatchExpression("社保").find("\"社会 会保 保险 险\""), std::string::npos);
}

TEST(QueryTest, LongQueriesKeepAtMostTheTermLimit) {
  std::string query;
  while (query.size() < 100 * 1024) query += "福建 交通 ";
  std::string expression = BuildMatchExpression(query, SynonymTable());
  size_t and_count = 0;
  for (size_t at = expression.find(" AND "); at != std::string::npos;
       at = expression.find(" AND ", at + 1)) {
    ++and_count;
  }
  EXPECT_EQ(and_count, kMaxQueryTerms - 1);
  EXPECT_TRUE(OnlyQuotedText(expression));

  // One long run of characters without dictionary words is cut into terms of bounded length.
  std::string run;
  while (run.size() < 100 * 1024) run += "\xE4\xB8\x80";  // 一
  expression = BuildMatchExpression(run, SynonymTable());
  EXPECT_FALSE(expression.empty());
  EXPECT_LT(expression.size(), 32 * 1024u);
  EXPECT_TRUE(OnlyQuotedText(expression));

  std::string letters(100 * 1024, 'x');
  EXPECT_EQ(BuildPrefixMatchExpression(letters, SynonymTable()),
            "\"" + std::string(kMaxWordBytes, 'x') + "\"*");
}

TEST(QueryTest, RandomBytesGiveWellFormedExpressions) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> syntax(0, 9);
  const std::string fts5_syntax = "\"()*^:+-{},";
  for (int round = 0; round < 300; ++round) {
    std::string query;
    for (int count = byte(random); count > 0; --count) {
      query += syntax(random) < 3
                   ? fts5_syntax[static_cast<size_t>(byte(random)) % fts5_syntax.size()]
                   : static_cast<char>(byte(random));
    }
    EXPECT_TRUE(OnlyQuotedText(BuildMatchExpression(query)));
    EXPECT_TRUE(OnlyQuotedText(BuildPrefixMatchExpression(query)));
  }
}

}  // namespace
}  // namespace gongshu
