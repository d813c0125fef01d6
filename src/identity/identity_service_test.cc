// Tests of CheckDisplayText in identity/identity_service.h, from a table of texts.
#include "identity/identity_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongshu {
namespace {

TEST(CheckDisplayTextTest, FollowsTable) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/display_text.tsv");
  ASSERT_TRUE(file.is_open());
  int rows = 0;
  int line_number = 0;
  for (std::string line; std::getline(file, line);) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::istringstream stream(line);
    for (std::string cell; std::getline(stream, cell, '\t');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 4u) << "display_text.tsv line " << line_number;
    std::string text;
    if (cells[0] != "(empty)") {
      for (size_t index = 0; index < cells[0].size(); ++index) {
        if (cells[0].compare(index, 2, "\\x") == 0 && index + 3 < cells[0].size()) {
          text.push_back(static_cast<char>(std::stoi(cells[0].substr(index + 2, 2), nullptr, 16)));
          index += 3;
        } else {
          text.push_back(cells[0][index]);
        }
      }
    }
    Status status = CheckDisplayText(text, std::stoul(cells[1]));
    if (cells[2] == "ok") {
      EXPECT_TRUE(status.ok()) << "line " << line_number << ": " << status.message();
    } else {
      ASSERT_FALSE(status.ok()) << "line " << line_number << " was accepted";
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
      EXPECT_NE(status.message().find(cells[3]), std::string::npos)
          << "line " << line_number << ": message \"" << status.message() << "\" lacks \""
          << cells[3] << "\"";
    }
    ++rows;
  }
  EXPECT_GE(rows, 20);
}

}  // namespace
}  // namespace gongshu
