// Tests of interop/ckan_search.h.
#include "interop/ckan_search.h"

#include <gtest/gtest.h>

#include <string>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// "theme=a|b; keyword=c", "-" when empty, " [nothing]" appended when nothing can match.
std::string DescribeFilters(const CkanSearchRequest& request) {
  std::string text;
  for (const auto& [facet, values] : request.query.filters) {
    if (!text.empty()) text += "; ";
    text += FacetName(facet);
    text += '=';
    for (size_t index = 0; index < values.size(); ++index) {
      if (index > 0) text += '|';
      text += values[index];
    }
  }
  if (text.empty()) text = "-";
  if (request.match_nothing) text += " [nothing]";
  return text;
}

std::string DescribeRequest(const CkanSearchRequest& request) {
  std::string facets;
  for (const auto& [name, facet] : request.facet_fields) {
    if (!facets.empty()) facets += ',';
    facets += name;
  }
  return "text=" + request.query.text + "; rows=" + std::to_string(request.rows) +
         "; start=" + std::to_string(request.start) +
         "; sort=" + std::string(CatalogSortName(request.query.sort)) + "; facets=" + facets +
         "; filters=" + DescribeFilters(request);
}

TEST(CkanFilterQueryTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/ckan_fq.tsv");
  ASSERT_GE(rows.size(), 30u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "ckan_fq.tsv line " << row.line;
    CkanSearchRequest request;
    Status status = ParseFilterQuery(row.cells[0], &request);
    if (row.cells[1] == "ok") {
      ASSERT_TRUE(status.ok()) << "ckan_fq.tsv line " << row.line << ": " << status.message();
      EXPECT_EQ(DescribeFilters(request), row.cells[2]) << "ckan_fq.tsv line " << row.line;
      continue;
    }
    ASSERT_FALSE(status.ok()) << "ckan_fq.tsv line " << row.line
                              << " was accepted: " << DescribeFilters(request);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    ASSERT_EQ(status.field_errors().size(), 1u);
    EXPECT_EQ(status.field_errors()[0].field, "fq");
    EXPECT_NE(status.message().find(row.cells[2]), std::string::npos)
        << "ckan_fq.tsv line " << row.line << ": \"" << status.message() << "\" lacks \""
        << row.cells[2] << "\"";
  }
}

TEST(CkanPackageSearchTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/ckan_search.tsv");
  ASSERT_GE(rows.size(), 25u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "ckan_search.tsv line " << row.line;
    nlohmann::json params = nlohmann::json::parse(row.cells[0], nullptr, false);
    ASSERT_FALSE(params.is_discarded()) << "ckan_search.tsv line " << row.line << ": bad JSON";
    Result<CkanSearchRequest> request = ParsePackageSearch(params);
    if (row.cells[1] == "ok") {
      ASSERT_TRUE(request.ok()) << "ckan_search.tsv line " << row.line << ": "
                                << request.status().message();
      EXPECT_EQ(DescribeRequest(*request), row.cells[2]) << "ckan_search.tsv line " << row.line;
      EXPECT_EQ(request->query.limit, request->rows);
      continue;
    }
    ASSERT_FALSE(request.ok()) << "ckan_search.tsv line " << row.line << " was accepted";
    Status status = request.status();
    size_t colon = row.cells[2].find(": ");
    ASSERT_NE(colon, std::string::npos) << "ckan_search.tsv line " << row.line;
    std::string field = row.cells[2].substr(0, colon);
    std::string fragment = row.cells[2].substr(colon + 2);
    bool found = false;
    for (const FieldError& error : status.field_errors()) {
      if (error.field == field && error.reason.find(fragment) != std::string::npos) found = true;
    }
    EXPECT_TRUE(found) << "ckan_search.tsv line " << row.line << ": \"" << status.message()
                       << "\" lacks " << field << ": " << fragment;
  }
}

TEST(CkanPackageSearchTest, ReportsEveryBadParameterAtOnce) {
  Result<CkanSearchRequest> request =
      ParsePackageSearch({{"rows", "x"}, {"start", "-1"}, {"sort", "random"}});
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.status().field_errors().size(), 3u) << request.status().message();
}

TEST(CkanSearchResultTest, NamesFacetsAsAskedAndCutsToTheLimit) {
  Result<CkanSearchRequest> request = ParsePackageSearch(
      {{"facet.field", R"(["res_format", "organization", "grade"])"}, {"facet.limit", "1"}});
  ASSERT_TRUE(request.ok()) << request.status().message();
  std::map<Facet, std::vector<FacetCount>> counts = {
      {Facet::kFormat, {{"csv", 7}, {"api", 3}}},
      {Facet::kProvider, {{"org_a", 5}}},
  };
  nlohmann::json result = CkanSearchResult(*request, 9, nlohmann::json::array({{{"id", "res_1"}}}),
                                           counts, [](Facet facet, std::string_view value) {
                                             return facet == Facet::kProvider
                                                        ? std::string("机构 ") + std::string(value)
                                                        : std::string();
                                           });
  EXPECT_EQ(result["count"], 9);
  EXPECT_EQ(result["sort"], "score desc, metadata_modified desc");
  EXPECT_EQ(result["results"].size(), 1u);
  EXPECT_EQ(result["facets"], nlohmann::json::parse(
                                  R"({"res_format": {"CSV": 7}, "organization": {"org_a": 5},
                                      "grade": {}})"));
  EXPECT_EQ(result["search_facets"]["organization"],
            nlohmann::json::parse(R"({"title": "organization", "items": [
                {"name": "org_a", "display_name": "机构 org_a", "count": 5}]})"));
  EXPECT_EQ(result["search_facets"]["res_format"]["items"][0]["display_name"], "CSV");
}

TEST(CkanSearchResultTest, FacetNames) {
  EXPECT_EQ(CkanFacetName(Facet::kProvider), "organization");
  EXPECT_EQ(CkanFacetName(Facet::kTheme), "groups");
  EXPECT_EQ(CkanFacetName(Facet::kKeyword), "tags");
  EXPECT_EQ(CkanFacetName(Facet::kFormat), "res_format");
  EXPECT_EQ(CkanFacetName(Facet::kGrade), "grade");
}

}  // namespace
}  // namespace gongshu
