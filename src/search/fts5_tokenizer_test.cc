// Tests of search/fts5_tokenizer.h with search/query.h on an in-memory SQLite database: what a
// person finds, in which order, and what highlight() marks.
#include "search/fts5_tokenizer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "search/query.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

const std::map<std::string, int> kColumns = {
    {"name", 0}, {"keywords", 1}, {"summary", 2}, {"items", 3}};

// The catalog's ranking: name > keywords > summary > items.
constexpr char kSearchSql[] =
    "SELECT id FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, 10.0, 5.0, 2.0, 1.0), id";

class Fts5TokenizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Status registered = RegisterSearchTokenizer(db_);
    ASSERT_TRUE(registered.ok()) << registered.message();
    Execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, name, keywords, summary, items, "
        "tokenize = 'gongshu')");
    for (const TableRow& row : ReadTable(GONGSHU_TESTDATA_DIR "/fts5_documents.tsv")) {
      ASSERT_EQ(row.cells.size(), 5u) << "fts5_documents.tsv line " << row.line;
      sqlite3_stmt* insert = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db_, "INSERT INTO docs VALUES (?1, ?2, ?3, ?4, ?5)", -1, &insert,
                                   nullptr),
                SQLITE_OK);
      for (int column = 0; column < 5; ++column) {
        const std::string& cell = row.cells[static_cast<size_t>(column)];
        sqlite3_bind_text(insert, column + 1, cell.data(), static_cast<int>(cell.size()),
                          SQLITE_TRANSIENT);
      }
      EXPECT_EQ(sqlite3_step(insert), SQLITE_DONE) << sqlite3_errmsg(db_);
      sqlite3_finalize(insert);
      ++document_count_;
    }
    ASSERT_GE(document_count_, 30);
  }

  void TearDown() override { sqlite3_close(db_); }

  void Execute(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
  }

  // Rows of `sql` with `expression` bound as ?1, first column as text; an SQLite error fails
  // the test with `context`.
  std::vector<std::string> Query(const char* sql, const std::string& expression,
                                 const std::string& context) {
    std::vector<std::string> values;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << context << ": " << sqlite3_errmsg(db_);
      return values;
    }
    sqlite3_bind_text(statement, 1, expression.data(), static_cast<int>(expression.size()),
                      SQLITE_TRANSIENT);
    int result = SQLITE_ROW;
    while ((result = sqlite3_step(statement)) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    if (result != SQLITE_DONE) {
      ADD_FAILURE() << context << ": " << sqlite3_errmsg(db_) << " for " << expression;
    }
    sqlite3_finalize(statement);
    return values;
  }

  std::vector<std::string> Search(const std::string& expression, const std::string& context) {
    return Query(kSearchSql, expression, context);
  }

  sqlite3* db_ = nullptr;
  int document_count_ = 0;
};

std::vector<std::string> SplitIds(const std::string& ids) {
  std::vector<std::string> split;
  if (ids == "-") return split;
  size_t begin = 0;
  while (true) {
    size_t comma = ids.find(',', begin);
    split.push_back(ids.substr(begin, comma == std::string::npos ? comma : comma - begin));
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  std::sort(split.begin(), split.end());
  return split;
}

TEST_F(Fts5TokenizerTest, FollowsQueryTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/fts5_queries.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    const std::string context = "fts5_queries.tsv line " + std::to_string(row.line);
    ASSERT_GE(row.cells.size(), 3u) << context;
    const std::string& kind = row.cells[0];
    const std::string& query = row.cells[1];
    const bool prefix = kind == "prefix" || kind == "prefix-highlight";
    const std::string expression =
        prefix ? BuildPrefixMatchExpression(query) : BuildMatchExpression(query);
    if (kind == "match" || kind == "prefix") {
      ASSERT_EQ(row.cells.size(), 3u) << context;
      if (row.cells[2] == "(no filter)") {
        EXPECT_EQ(expression, "") << context;
        continue;
      }
      ASSERT_NE(expression, "") << context;
      std::vector<std::string> found = Search(expression, context);
      std::sort(found.begin(), found.end());
      EXPECT_EQ(found, SplitIds(row.cells[2])) << context << ": " << expression;
    } else if (kind == "rank") {
      ASSERT_EQ(row.cells.size(), 4u) << context;
      std::vector<std::string> found = Search(expression, context);
      auto better = std::find(found.begin(), found.end(), row.cells[2]);
      auto worse = std::find(found.begin(), found.end(), row.cells[3]);
      ASSERT_NE(better, found.end()) << context;
      ASSERT_NE(worse, found.end()) << context;
      EXPECT_LT(better - found.begin(), worse - found.begin()) << context << ": " << expression;
    } else if (kind == "highlight" || kind == "prefix-highlight") {
      ASSERT_EQ(row.cells.size(), 5u) << context;
      ASSERT_EQ(kColumns.count(row.cells[3]), 1u) << context;
      const std::string sql =
          "SELECT highlight(docs, " + std::to_string(kColumns.at(row.cells[3]) + 1) +
          ", '[', ']') FROM docs WHERE docs MATCH ?1 AND id = '" + row.cells[2] + "'";
      std::vector<std::string> highlighted = Query(sql.c_str(), expression, context);
      ASSERT_EQ(highlighted.size(), 1u) << context << ": " << expression;
      EXPECT_EQ(highlighted[0], row.cells[4]) << context << ": " << expression;
    } else {
      ADD_FAILURE() << context << ": unknown kind " << kind;
    }
  }
}

TEST_F(Fts5TokenizerTest, SnippetMarksTheMatch) {
  std::vector<std::string> snippets =
      Query("SELECT snippet(docs, 4, '[', ']', '…', 8) FROM docs WHERE docs MATCH ?1",
            BuildMatchExpression("统一社会信用代码"), "snippet");
  ASSERT_EQ(snippets.size(), 1u);
  EXPECT_NE(snippets[0].find("[统一社会信用代码]"), std::string::npos) << snippets[0];
}

TEST_F(Fts5TokenizerTest, HostileQueriesNeverFail) {
  std::vector<std::string> queries = {"\" OR *",
                                      "NEAR(",
                                      "name:",
                                      "^",
                                      "(((",
                                      ")))",
                                      "\"\"",
                                      "a OR b NOT c",
                                      "NEAR(a b, 10)",
                                      "{name}: x",
                                      "-x",
                                      "+",
                                      std::string("\0\0\0", 3),
                                      "\xED\xA0\x80",
                                      "\xF4\x90\x80\x80"};
  std::string long_query;
  while (long_query.size() < 100 * 1024) long_query += "福建 \" OR ( 公交 NEAR(医保 ";
  queries.push_back(long_query);
  std::mt19937 random(11);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string query(static_cast<size_t>(byte(random)), '\0');
    for (char& symbol : query) symbol = static_cast<char>(byte(random));
    queries.push_back(query);
  }
  for (const std::string& query : queries) {
    for (const std::string& expression :
         {BuildMatchExpression(query), BuildPrefixMatchExpression(query)}) {
      if (!expression.empty()) Search(expression, "hostile query");
    }
  }
}

TEST_F(Fts5TokenizerTest, HostileDocumentsIndexAndHighlight) {
  std::string hostile = "前\xFF\xED\xA0\x80";
  hostile += std::string("\0", 1);
  hostile += "福建\xF0\x9F\x98\x80㍻㈱";
  std::string long_text;
  while (long_text.size() < 100 * 1024) long_text += "福建省公交医保数据\xFF ";
  sqlite3_stmt* insert = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db_, "INSERT INTO docs VALUES ('h', ?1, '', ?2, '')", -1, &insert,
                               nullptr),
            SQLITE_OK);
  sqlite3_bind_blob(insert, 1, hostile.data(), static_cast<int>(hostile.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(insert, 2, long_text.data(), static_cast<int>(long_text.size()),
                    SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE) << sqlite3_errmsg(db_);
  sqlite3_finalize(insert);

  std::vector<std::string> found = Search(BuildMatchExpression("平成"), "hostile document");
  EXPECT_EQ(found, std::vector<std::string>{"h"});
  std::vector<std::string> highlighted =
      Query("SELECT highlight(docs, 1, '[', ']') FROM docs WHERE docs MATCH ?1 AND id = 'h'",
            BuildMatchExpression("福建"), "hostile highlight");
  ASSERT_EQ(highlighted.size(), 1u);
  EXPECT_NE(highlighted[0].find("[福建]"), std::string::npos);
  highlighted =
      Query("SELECT highlight(docs, 3, '[', ']') FROM docs WHERE docs MATCH ?1 AND id = 'h'",
            BuildMatchExpression("医保"), "long highlight");
  ASSERT_EQ(highlighted.size(), 1u);
  EXPECT_EQ(highlighted[0].size(), long_text.size() + 2 * (long_text.size() / 29));
  Execute("INSERT INTO docs(docs) VALUES ('integrity-check')");
}

TEST_F(Fts5TokenizerTest, RegisteringAgainIsHarmless) {
  Status again = RegisterSearchTokenizer(db_);
  EXPECT_TRUE(again.ok()) << again.message();
  EXPECT_EQ(Search(BuildMatchExpression("福建"), "after registering again").size(), 3u);
}

TEST_F(Fts5TokenizerTest, RefusesArguments) {
  char* error = nullptr;
  EXPECT_NE(sqlite3_exec(db_, "CREATE VIRTUAL TABLE other USING fts5(x, tokenize = 'gongshu x')",
                         nullptr, nullptr, &error),
            SQLITE_OK);
  sqlite3_free(error);
}

TEST(Fts5TokenizerRegistrationTest, WorksOnEveryNewConnection) {
  for (int connection = 0; connection < 3; ++connection) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    Status registered = RegisterSearchTokenizer(db);
    EXPECT_TRUE(registered.ok()) << registered.message();
    EXPECT_EQ(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'gongshu')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
}

}  // namespace
}  // namespace gongshu
