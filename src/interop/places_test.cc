// Tests of interop/places.h.
#include "interop/places.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// Lines 1 to 3 of every file the "parse" rows of places.tsv build; the row's line is line 4.
constexpr std::string_view kParsePrelude =
    "# test\n"
    "350000\t福建省\t115.84\t23.50\t120.72\t28.32\t118.15\t26.07\n"
    "350100\t福州市\t118.13\t25.25\t120.52\t26.65\t119.21\t26.04\n";

std::string Join(const std::vector<std::string>& cells, size_t first) {
  std::string text;
  for (size_t index = first; index < cells.size(); ++index) {
    if (index > first) text += '\t';
    text += cells[index];
  }
  return text;
}

TEST(PlaceTableTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/places.tsv");
  ASSERT_GE(rows.size(), 60u);
  int parse_rows = 0;
  int find_rows = 0;
  for (const TableRow& row : rows) {
    ASSERT_GE(row.cells.size(), 2u) << "places.tsv line " << row.line;
    if (row.cells[0] == "parse") {
      ++parse_rows;
      ASSERT_GE(row.cells.size(), 3u) << "places.tsv line " << row.line;
      std::string text = std::string(kParsePrelude) + Join(row.cells, 2) + "\n";
      Result<PlaceTable> table = PlaceTable::Parse(text);
      if (row.cells[1] == "ok") {
        EXPECT_TRUE(table.ok()) << "places.tsv line " << row.line << ": "
                                << table.status().message();
        continue;
      }
      ASSERT_FALSE(table.ok()) << "places.tsv line " << row.line << " was accepted";
      EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(table.status().message(), row.cells[1]) << "places.tsv line " << row.line;
      ASSERT_EQ(table.status().field_errors().size(), 1u) << "places.tsv line " << row.line;
      EXPECT_EQ(table.status().field_errors()[0].field, "line 4");
    } else if (row.cells[0] == "find") {
      ++find_rows;
      std::optional<Place> place = PlaceTable::Default().Find(row.cells[1]);
      if (row.cells.size() == 3 && row.cells[2] == "-") {
        EXPECT_FALSE(place.has_value()) << "places.tsv line " << row.line << ": " << place->name;
        continue;
      }
      ASSERT_EQ(row.cells.size(), 5u) << "places.tsv line " << row.line;
      ASSERT_TRUE(place.has_value()) << "places.tsv line " << row.line;
      EXPECT_EQ(place->name, row.cells[2]) << "places.tsv line " << row.line;
      EXPECT_EQ(place->bbox_wkt, row.cells[3]) << "places.tsv line " << row.line;
      EXPECT_EQ(place->centroid_wkt, row.cells[4]) << "places.tsv line " << row.line;
    } else {
      ADD_FAILURE() << "places.tsv line " << row.line << ": unknown kind " << row.cells[0];
    }
  }
  EXPECT_GE(parse_rows, 40);
  EXPECT_GE(find_rows, 20);
}

TEST(PlaceTableTest, RejectsAFileWithoutDivisions) {
  for (std::string_view text : {"", "\n", "# only a comment\n\n# and another\n"}) {
    Result<PlaceTable> table = PlaceTable::Parse(text);
    ASSERT_FALSE(table.ok()) << text;
    EXPECT_EQ(table.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(table.status().message(), "the place file has no divisions");
  }
}

TEST(PlaceTableTest, NamesTheLineOfTheEnclosedDivisionWhateverTheOrder) {
  // The city comes before its province and lies outside it.
  Result<PlaceTable> table = PlaceTable::Parse(
      "350100\t福州市\t118\t25\t121\t27\t119\t26\n"
      "\n"
      "350000\t福建省\t115\t23\t120\t28\t118\t26\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(),
            "invalid line 1: the envelope does not lie inside that of 350000");
}

TEST(PlaceTableTest, ReportsTheFirstBadLine) {
  Result<PlaceTable> table = PlaceTable::Parse(
      "350000\t福建省\n"
      "35010\t福州市\n"
      "350100\t\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(), "invalid line 2: code must be six digits");
}

TEST(PlaceTableTest, AcceptsCarriageReturnsAndKeepsCoordinatesAsWritten) {
  Result<PlaceTable> table = PlaceTable::Parse(
      "350000\t福建省\t115.8\t23.5\t120.7250001\t28\t118.15\t26\r\n"
      "350100\t福州市\r\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::optional<Place> place = table->Find("350100");
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->name, "福州市");
  EXPECT_EQ(place->bbox_wkt,
            "POLYGON((115.8 23.5, 120.7250001 23.5, 120.7250001 28, 115.8 28, 115.8 23.5))");
  EXPECT_EQ(place->centroid_wkt, "POINT(118.15 26)");
}

TEST(PlaceTableTest, FallsBackToTheNearestDivisionWithGeometry) {
  Result<PlaceTable> table = PlaceTable::Parse(
      "350000\t福建省\t115\t23\t121\t29\t118\t26\n"
      "350100\t福州市\n"
      "350102\t鼓楼区\n"
      "350200\t厦门市\t117\t24\t119\t25\t118\t24.5\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  const std::string province_bbox = "POLYGON((115 23, 121 23, 121 29, 115 29, 115 23))";
  const std::string xiamen_bbox = "POLYGON((117 24, 119 24, 119 25, 117 25, 117 24))";
  struct Case {
    std::string_view code;
    std::string name;
    std::string bbox;
    std::string centroid;
  };
  for (const Case& expected : std::vector<Case>{
           {"350102", "鼓楼区", province_bbox, "POINT(118 26)"},
           {"350100", "福州市", province_bbox, "POINT(118 26)"},
           {"350103", "", province_bbox, "POINT(118 26)"},
           {"350203", "", xiamen_bbox, "POINT(118 24.5)"},
           {"350200", "厦门市", xiamen_bbox, "POINT(118 24.5)"},
       }) {
    std::optional<Place> place = table->Find(expected.code);
    ASSERT_TRUE(place.has_value()) << expected.code;
    EXPECT_EQ(place->name, expected.name) << expected.code;
    EXPECT_EQ(place->bbox_wkt, expected.bbox) << expected.code;
    EXPECT_EQ(place->centroid_wkt, expected.centroid) << expected.code;
  }
}

TEST(PlaceTableTest, GivesANameWithoutGeometryWhenNothingEnclosingHasAny) {
  Result<PlaceTable> table = PlaceTable::Parse("350100\t福州市\n350102\t鼓楼区\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::optional<Place> place = table->Find("350102");
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->name, "鼓楼区");
  EXPECT_EQ(place->bbox_wkt, "");
  EXPECT_EQ(place->centroid_wkt, "");
  EXPECT_FALSE(table->Find("350103").has_value());
  EXPECT_FALSE(table->Find("350000").has_value());
}

// Every region of the demo catalog has its name and geometry in the built-in table, so the demo's
// dct:Location nodes carry dcat:bbox and dcat:centroid (tests/dcat/dcat_shacl_test.sh).
TEST(PlaceTableTest, DefaultCoversTheDemoRegions) {
  std::vector<TableRow> regions = ReadTable(GONGSHU_TESTDATA_DIR "/../../demo/data/regions.tsv");
  ASSERT_GE(regions.size(), 10u);
  for (const TableRow& region : regions) {
    ASSERT_GE(region.cells.size(), 2u) << "regions.tsv line " << region.line;
    std::optional<Place> place = PlaceTable::Default().Find(region.cells[0]);
    ASSERT_TRUE(place.has_value()) << "regions.tsv line " << region.line;
    EXPECT_EQ(place->name, region.cells[1]) << "regions.tsv line " << region.line;
    EXPECT_FALSE(place->bbox_wkt.empty()) << "regions.tsv line " << region.line;
    EXPECT_FALSE(place->centroid_wkt.empty()) << "regions.tsv line " << region.line;
  }
}

TEST(PlaceTableTest, DefaultHasFujianAndItsNineCitiesWithGeometry) {
  for (std::string_view code : {"350000", "350100", "350200", "350300", "350400", "350500",
                                "350600", "350700", "350800", "350900"}) {
    std::optional<Place> place = PlaceTable::Default().Find(code);
    ASSERT_TRUE(place.has_value()) << code;
    EXPECT_FALSE(place->name.empty()) << code;
    EXPECT_EQ(place->bbox_wkt.rfind("POLYGON((", 0), 0u) << code;
    EXPECT_EQ(place->centroid_wkt.rfind("POINT(", 0), 0u) << code;
  }
}

}  // namespace
}  // namespace gongshu
