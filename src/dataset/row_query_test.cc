#include "dataset/row_query.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/testing/temp_dir.h"
#include "dataset/version_file.h"

namespace gongshu {
namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream stream(text);
  while (std::getline(stream, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::vector<std::pair<std::string, std::string>> Parameters(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> parameters;
  if (text.empty()) return parameters;
  for (const std::string& pair : Split(text, '&')) {
    size_t equals = pair.find('=');
    parameters.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
  }
  return parameters;
}

struct Case {
  std::string parameters;
  std::string expected;
};

class RowQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    columns_ = {{"id", "id", tabular::ColumnType::kInteger},
                {"name", "name", tabular::ColumnType::kString},
                {"score", "score", tabular::ColumnType::kDecimal},
                {"active", "active", tabular::ColumnType::kBoolean},
                {"day", "day", tabular::ColumnType::kDate},
                // Stands for a de-identified column: returned, never filtered or sorted on.
                {"secret", "secret", tabular::ColumnType::kString}};
    std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/row_queries.tsv");
    ASSERT_TRUE(file);
    directory_ = testing::MakeTempDir("gongshu-rows");
    auto writer = VersionFileWriter::Create(directory_, columns_);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    std::string line;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields = Split(line, '\t');
      if (fields[0] == "row") {
        std::vector<tabular::Cell> cells;
        for (size_t index = 1; index < fields.size(); ++index) {
          cells.push_back(fields[index] == "\\N" ? tabular::Cell{"", true}
                                                 : tabular::Cell{fields[index], false});
        }
        cells.push_back({"s", false});
        ASSERT_TRUE((*writer)->AddRow(cells).ok());
      } else {
        cases_.push_back({fields[1], fields[2]});
      }
    }
    auto written = (*writer)->Finish();
    ASSERT_TRUE(written.ok()) << written.status().message();
    auto reader = VersionFileReader::Open(directory_ + "/" + written->file_name);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    reader_ = std::move(*reader);
    for (size_t index = 0; index + 1 < columns_.size(); ++index) queryable_.insert(index);
  }

  // Runs a parsed query; returns the row numbers and sets `cursor` to the next page's.
  std::vector<int64_t> Run(const RowQuery& query, std::string* cursor) {
    RowSql sql = BuildRowSql(query);
    auto rows = reader_->Select(sql.sql, sql.parameters);
    EXPECT_TRUE(rows.ok()) << rows.status().message() << "\n" << sql.sql;
    std::vector<int64_t> numbers;
    std::vector<std::optional<std::string>> last_sort;
    cursor->clear();
    while (true) {
      Result<bool> more = (*rows)->Next();
      EXPECT_TRUE(more.ok());
      if (!*more) break;
      if (static_cast<int>(numbers.size()) == query.limit) {
        *cursor = RowCursor(query, columns_, last_sort, numbers.back());
        break;
      }
      numbers.push_back((*rows)->row_number());
      EXPECT_EQ((*rows)->values().size(), query.fields.size() + query.sort.size());
      last_sort.clear();
      for (size_t index = 0; index < query.sort.size(); ++index) {
        const StoredValue& value = (*rows)->values()[query.fields.size() + index];
        last_sort.push_back(value.is_null ? std::nullopt
                                          : std::optional<std::string>(std::string(value.text)));
      }
    }
    return numbers;
  }

  std::vector<DatasetColumn> columns_;
  std::string directory_;
  std::vector<Case> cases_;
  std::unique_ptr<VersionFileReader> reader_;
  std::set<size_t> queryable_;
};

std::string Joined(const std::vector<int64_t>& numbers) {
  std::string text;
  for (int64_t number : numbers) text += (text.empty() ? "" : ",") + std::to_string(number);
  return text;
}

TEST_F(RowQueryTest, AnswersEveryQueryOfTheTableAndPagesToTheSameRows) {
  ASSERT_GT(cases_.size(), 30U);
  for (const Case& test : cases_) {
    Result<RowQuery> query = ParseRowQuery(Parameters(test.parameters), columns_, queryable_, {});
    if (test.expected.rfind("error ", 0) == 0) {
      ASSERT_FALSE(query.ok()) << test.parameters;
      std::vector<FieldError> errors = query.status().field_errors();
      ASSERT_FALSE(errors.empty()) << test.parameters;
      EXPECT_EQ(errors[0].field, test.expected.substr(6)) << test.parameters;
      continue;
    }
    ASSERT_TRUE(query.ok()) << test.parameters << ": " << query.status().message();
    std::string cursor;
    EXPECT_EQ(Joined(Run(*query, &cursor)), test.expected) << test.parameters;
    // The same rows one at a time, each page from the previous page's cursor. A query with its
    // own limit is paged up to that many rows.
    std::vector<int64_t> paged;
    std::string page_cursor;
    std::string base = test.parameters;
    size_t limit_at = base.find("&limit=");
    size_t wanted = std::count(test.expected.begin(), test.expected.end(), ',') + 1;
    if (limit_at != std::string::npos) base = base.substr(0, limit_at);
    for (int page = 0; page < 20; ++page) {
      std::string parameters = base + (base.empty() ? "" : "&") + "limit=1";
      if (!page_cursor.empty()) parameters += "&cursor=" + page_cursor;
      Result<RowQuery> one = ParseRowQuery(Parameters(parameters), columns_, queryable_, {});
      ASSERT_TRUE(one.ok()) << parameters << ": " << one.status().message();
      std::vector<int64_t> rows = Run(*one, &page_cursor);
      paged.insert(paged.end(), rows.begin(), rows.end());
      if (page_cursor.empty() || paged.size() >= wanted) break;
    }
    paged.resize(std::min(paged.size(), wanted));
    EXPECT_EQ(Joined(paged), test.expected) << "paged: " << test.parameters;
  }
}

TEST_F(RowQueryTest, ACursorIsRefusedForADifferentSort) {
  Result<RowQuery> first =
      ParseRowQuery(Parameters("sort=score&limit=1"), columns_, queryable_, {});
  ASSERT_TRUE(first.ok());
  std::string cursor;
  Run(*first, &cursor);
  ASSERT_FALSE(cursor.empty());
  Result<RowQuery> other =
      ParseRowQuery(Parameters("sort=-score&limit=1&cursor=" + cursor), columns_, queryable_, {});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().field_errors()[0].field, "cursor");
}

TEST_F(RowQueryTest, ValuesAreBoundNeverWrittenIntoTheSql) {
  Result<RowQuery> query =
      ParseRowQuery(Parameters("name=x' OR 1=1 --&name__like=%'%"), columns_, queryable_, {});
  ASSERT_TRUE(query.ok());
  RowSql sql = BuildRowSql(*query);
  EXPECT_EQ(sql.sql.find("OR 1=1"), std::string::npos);
  std::string cursor;
  EXPECT_TRUE(Run(*query, &cursor).empty());
}

}  // namespace
}  // namespace gongshu
