// Tests of search/text_folding.h: width, case, compatibility and Traditional → Simplified folds.
#include "search/text_folding.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "common/testing/table.h"
#include "common/utf8.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(TextFoldingTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/folding.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "folding.tsv line " << row.line;
    EXPECT_EQ(FoldForSearch(row.cells[0]), row.cells[1]) << "folding.tsv line " << row.line;
  }
}

TEST(TextFoldingTest, FoldingTwiceChangesNothing) {
  for (const TableRow& row : ReadTable(GONGSHU_TESTDATA_DIR "/folding.tsv")) {
    std::string once = FoldForSearch(row.cells[0]);
    EXPECT_EQ(FoldForSearch(once), once) << "folding.tsv line " << row.line;
    EXPECT_TRUE(IsValidUtf8(once)) << "folding.tsv line " << row.line;
  }
}

TEST(TextFoldingTest, MapsEveryFoldedUnitToItsOriginalBytes) {
  // 醫 (3 bytes), Ａ (3 bytes), ㈱ (3 bytes, folds to 3 units), x (1 byte).
  const std::string text = "醫Ａ㈱x";
  FoldedText folded = FoldWithSourceMap(text);
  ASSERT_EQ(folded.text, u"医a(株)x");
  EXPECT_EQ(folded.source_begin, (std::vector<int32_t>{0, 3, 6, 6, 6, 9}));
  EXPECT_EQ(folded.source_end, (std::vector<int32_t>{3, 6, 9, 9, 9, 10}));
}

TEST(TextFoldingTest, IsTheSameOnEveryThread) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/folding.tsv");
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int thread_index = 0; thread_index < 4; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      for (int round = 0; round < 50; ++round) {
        for (const TableRow& row : rows) {
          if (FoldForSearch(row.cells[0]) != row.cells[1]) ++mismatches[thread_index];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(TextFoldingTest, IcuDataIsAvailable) {
  Status status = CheckFoldingAvailable();
  EXPECT_TRUE(status.ok()) << status.message();
}

}  // namespace
}  // namespace gongshu
