// Tests of identity/division_code.h: the GB/T 2260 administrative division code form.
#include "identity/division_code.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongshu {
namespace {

TEST(DivisionCodeTest, FollowsTable) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/division_code.tsv");
  ASSERT_TRUE(file.is_open());
  int rows = 0;
  int line_number = 0;
  for (std::string line; std::getline(file, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::istringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '\t');) {
      cells.push_back(cell == "(empty)" ? "" : cell);
    }
    ASSERT_EQ(cells.size(), 3u) << "division_code.tsv line " << line_number;
    Status status = CheckDivisionCode(cells[0]);
    if (cells[1] == "ok") {
      EXPECT_TRUE(status.ok()) << "line " << line_number << ": \"" << cells[0]
                               << "\": " << status.message();
    } else {
      ASSERT_FALSE(status.ok()) << "line " << line_number << ": \"" << cells[0]
                                << "\" was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      EXPECT_NE(status.message().find(cells[2]), std::string::npos)
          << "line " << line_number << ": message \"" << status.message() << "\" lacks \""
          << cells[2] << "\"";
    }
    ++rows;
  }
  EXPECT_GE(rows, 20);
}

}  // namespace
}  // namespace gongshu
