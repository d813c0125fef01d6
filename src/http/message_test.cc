// Tests of http/message.h: percent-decoding, query strings and header lookup.
#include "http/message.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(PercentDecodeTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/percent_decode.tsv");
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
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/query_string.tsv");
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
