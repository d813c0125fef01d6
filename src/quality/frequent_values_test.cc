// Tests of quality/frequent_values.h: the space-saving guarantees against exact counts.
#include "quality/frequent_values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/utf8.h"

namespace gongshu::quality {
namespace {

std::uint64_t HashOf(const std::string& text) {
  return std::hash<std::string>{}(text)*0x9e3779b97f4a7c15ULL;
}

TEST(FrequentValuesTest, CountsExactlyWhileValuesFit) {
  FrequentValues sketch(4);
  for (const char* value : {"a", "b", "a", "c", "a", "b"}) sketch.Add(value, HashOf(value));
  std::vector<FrequentValue> top = sketch.Top(10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].value, "a");
  EXPECT_EQ(top[0].count, 3u);
  EXPECT_EQ(top[1].value, "b");
  EXPECT_EQ(top[1].count, 2u);
  EXPECT_EQ(top[2].value, "c");
  EXPECT_EQ(top[2].count, 1u);
  for (const FrequentValue& value : top) EXPECT_EQ(value.error, 0u);
  EXPECT_EQ(sketch.Top(1).size(), 1u);
}

// A skewed stream over 5,000 values (value k about 1/k as often as value 1) through 50 counters:
// every counter obeys count - error <= true count <= count, and every value more frequent than
// N / 50 is among the counters.
TEST(FrequentValuesTest, KeepsTheGuaranteesOnASkewedStream) {
  std::mt19937_64 random(42);
  FrequentValues sketch(50);
  std::map<std::string, std::uint64_t> exact;
  const int stream = 200000;
  for (int index = 0; index < stream; ++index) {
    // A draw in [1, 5000] with probability falling as 1/k: pick k from a log-uniform draw.
    double uniform = static_cast<double>(random() >> 11) / 9007199254740992.0;
    int rank = static_cast<int>(std::exp(uniform * std::log(5000.0)));
    std::string value = "v" + std::to_string(rank);
    sketch.Add(value, HashOf(value));
    ++exact[value];
  }
  std::vector<FrequentValue> top = sketch.Top(50);
  ASSERT_EQ(top.size(), 50u);
  std::map<std::string, bool> counted;
  for (const FrequentValue& value : top) {
    std::uint64_t truth = exact[value.value];
    EXPECT_LE(value.count - value.error, truth) << value.value;
    EXPECT_GE(value.count, truth) << value.value;
    counted[value.value] = true;
  }
  for (const auto& [value, count] : exact) {
    if (count > stream / 50) {
      EXPECT_TRUE(counted[value]) << value << " seen " << count;
    }
  }
  EXPECT_EQ(top[0].value, "v1");
  EXPECT_EQ(top[1].value, "v2");
}

TEST(FrequentValuesTest, SeededCountsCarryOn) {
  FrequentValues sketch(2);
  sketch.Seed("x", HashOf("x"), 10);
  sketch.Seed("y", HashOf("y"), 3);
  sketch.Add("x", HashOf("x"));
  sketch.Add("z", HashOf("z"));  // replaces y (count 3): z starts at 4 with error 3
  std::vector<FrequentValue> top = sketch.Top(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].value, "x");
  EXPECT_EQ(top[0].count, 11u);
  EXPECT_EQ(top[0].error, 0u);
  EXPECT_EQ(top[1].value, "z");
  EXPECT_EQ(top[1].count, 4u);
  EXPECT_EQ(top[1].error, 3u);
}

TEST(FrequentValuesTest, CutsLongValuesAtACharacterBoundary) {
  std::string long_value;
  for (int index = 0; index < 200; ++index) long_value += "数";  // 600 bytes
  FrequentValues sketch(1);
  sketch.Add(long_value, HashOf(long_value));
  std::vector<FrequentValue> top = sketch.Top(1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].value.size(), 255u);  // 85 characters of 3 bytes
  EXPECT_TRUE(IsValidUtf8(top[0].value));
}

}  // namespace
}  // namespace gongshu::quality
