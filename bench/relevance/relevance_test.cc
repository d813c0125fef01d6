#include "relevance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gongshu {
namespace {

TEST(RelevanceTest, DiscountedCumulativeGainByHand) {
  // (2^3-1)/log2(2) + (2^0-1)/log2(3) + (2^2-1)/log2(4) = 7 + 0 + 1.5
  EXPECT_DOUBLE_EQ(DiscountedCumulativeGain({3, 0, 2}, 10), 8.5);
  EXPECT_DOUBLE_EQ(DiscountedCumulativeGain({3, 0, 2}, 1), 7);
  EXPECT_DOUBLE_EQ(DiscountedCumulativeGain({}, 10), 0);
}

TEST(RelevanceTest, NormalizedDcg) {
  EXPECT_DOUBLE_EQ(NormalizedDcg({3, 2}, {0, 2, 0, 3}, 10), 1);
  // Best order is 3, 2 (7 + 3/log2(3)); returned 2, 3 (3 + 7/log2(3)).
  double ideal = 7 + 3 / std::log2(3.0);
  EXPECT_DOUBLE_EQ(NormalizedDcg({2, 3}, {3, 2}, 10), (3 + 7 / std::log2(3.0)) / ideal);
  EXPECT_DOUBLE_EQ(NormalizedDcg({}, {3, 2}, 10), 0);
  EXPECT_DOUBLE_EQ(NormalizedDcg({0}, {0, 0}, 10), 0);
  // Only the first k of the ideal order count.
  EXPECT_DOUBLE_EQ(NormalizedDcg({3}, {3, 3, 3}, 1), 1);
}

TEST(RelevanceTest, ParsesJudgmentsAndTakesTheHighestGrade) {
  Result<std::vector<JudgedQuery>> queries = ParseJudgments(
      "# comment\n"
      "\n"
      "厦门 公交\tbus_stops@350200=3 bus_stops=1 bus_routes=2\n"
      "福州\t*@350100=2\n");
  ASSERT_TRUE(queries.ok()) << queries.status().message();
  ASSERT_EQ(queries->size(), 2u);
  const JudgedQuery& bus = (*queries)[0];
  EXPECT_EQ(bus.query, "厦门 公交");
  EXPECT_EQ(bus.line, 3);
  EXPECT_EQ(RelevanceOf(bus, "bus_stops", "350200"), 3);
  EXPECT_EQ(RelevanceOf(bus, "bus_stops", "350100"), 1);
  EXPECT_EQ(RelevanceOf(bus, "bus_routes", "350500"), 2);
  EXPECT_EQ(RelevanceOf(bus, "schools", "350200"), 0);
  EXPECT_EQ(RelevanceOf((*queries)[1], "schools", "350100"), 2);
  EXPECT_EQ(RelevanceOf((*queries)[1], "schools", "350200"), 0);
}

TEST(RelevanceTest, RejectsMalformedJudgments) {
  for (const char* text :
       {"公交\n", "公交\tbus_stops\n", "公交\tbus_stops=4\n", "公交\tbus_stops=0\n",
        "公交\tbus_stops@3502=2\n", "公交\t*=2\n", "公交\t\n", "公交\tBus=2\n",
        "公交\tbus_stops=2\n公交\tbus_routes=2\n", " \tbus_stops=2\n"}) {
    EXPECT_FALSE(ParseJudgments(text).ok()) << text;
  }
}

}  // namespace
}  // namespace gongshu
