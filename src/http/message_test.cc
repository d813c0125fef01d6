// Tests of http/message.h: percent-decoding, query strings and header lookup.
#include "http/message.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace gongshu {
namespace {

struct TableRow {
  int line = 0;
  std::vector<std::string> cells;
};

// Undoes the table escapes: "(empty)" is the empty string, "\xNN" one byte.
std::string Unescape(const std::string& cell) {
  if (cell == "(empty)") return "";
  std::string out;
  for (size_t index = 0; index < cell.size(); ++index) {
    if (cell.compare(index, 2, "\\x") == 0 && index + 3 < cell.size()) {
      out.push_back(static_cast<char>(std::stoi(cell.substr(index + 2, 2), nullptr, 16)));
      index += 3;
    } else {
      out.push_back(cell[index]);
    }
  }
  return out;
}

// The rows of a tab-separated file in testdata/, without blank lines and '#' comments.
std::vector<TableRow> ReadTable(const std::string& name) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/" + name);
  EXPECT_TRUE(file.is_open()) << "cannot open testdata/" << name;
  std::vector<TableRow> rows;
  int line_number = 0;
  for (std::string line; std::getline(file, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    TableRow row{line_number, {}};
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '\t');) row.cells.push_back(Unescape(cell));
    rows.push_back(row);
  }
  return rows;
}

TEST(PercentDecodeTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable("percent_decode.tsv");
  ASSERT_GE(rows.size(), 15u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "percent_decode.tsv line " << row.line;
    std::string decoded;
    bool accepted = PercentDecode(row.cells[0], row.cells[1] == "1", &decoded);
    if (row.cells[2] == "invalid") {
      EXPECT_FALSE(accepted) << "line " << row.line << ": \"" << row.cells[0] << "\" decoded to \""
                             << decoded << "\"";
    } else {
      EXPECT_TRUE(accepted) << "line " << row.line << ": \"" << row.cells[0] << "\" refused";
      EXPECT_EQ(decoded, row.cells[2]) << "line " << row.line;
    }
  }
}

TEST(PercentDecodeTest, ReplacesPreviousOutput) {
  std::string out = "left over";
  ASSERT_TRUE(PercentDecode("new", false, &out));
  EXPECT_EQ(out, "new");
}

TEST(ParseQueryStringTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable("query_string.tsv");
  ASSERT_GE(rows.size(), 15u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "query_string.tsv line " << row.line;
    std::vector<std::pair<std::string, std::string>> pairs;
    bool accepted = ParseQueryString(row.cells[0], &pairs);
    if (row.cells[1] == "invalid") {
      EXPECT_FALSE(accepted) << "line " << row.line << ": \"" << row.cells[0] << "\" accepted";
      continue;
    }
    ASSERT_TRUE(accepted) << "line " << row.line << ": \"" << row.cells[0] << "\" refused";
    std::vector<std::pair<std::string, std::string>> expected;
    for (const auto& pair : nlohmann::json::parse(row.cells[1])) {
      expected.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
    EXPECT_EQ(pairs, expected) << "line " << row.line << ": \"" << row.cells[0] << "\"";
  }
}

TEST(RequestTest, FindsFirstHeaderAndQueryParameter) {
  Request request;
  request.headers = {{"content-type", "application/json"},
                     {"x-forwarded-for", "10.0.0.1"},
                     {"x-forwarded-for", "10.0.0.2"}};
  ASSERT_TRUE(ParseQueryString("limit=20&after=abc&limit=50", &request.query));
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("x-forwarded-for"), "10.0.0.1");
  EXPECT_EQ(request.Header("authorization"), "");
  ASSERT_NE(request.Query("limit"), nullptr);
  EXPECT_EQ(*request.Query("limit"), "20");
  EXPECT_EQ(request.Query("missing"), nullptr);
}

TEST(ResponseTest, JsonResponseCarriesStatusBodyAndType) {
  Response response = JsonResponse(201, R"({"id":"org_1"})");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"id":"org_1"})");
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
}

}  // namespace
}  // namespace gongshu
