// Tests of quality/hyper_log_log.h: estimates within a few standard errors at every scale.
#include "quality/hyper_log_log.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace gongshu::quality {
namespace {

// splitmix64: distinct inputs give distinct, well-mixed 64-bit outputs (it is a bijection).
std::uint64_t Mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

TEST(HyperLogLogTest, EmptySketchEstimatesZero) { EXPECT_EQ(HyperLogLog().Estimate(), 0.0); }

// The standard error is 0.81%; four of them (3.3%) bound a deterministic run with room to spare.
// Small cardinalities are nearly exact (most registers are still zero).
TEST(HyperLogLogTest, EstimatesWithinFourStandardErrors) {
  for (std::uint64_t distinct :
       {1ULL, 10ULL, 100ULL, 1000ULL, 20000ULL, 50000ULL, 200000ULL, 1000000ULL}) {
    HyperLogLog sketch;
    for (std::uint64_t value = 0; value < distinct; ++value) sketch.Add(Mix(value + distinct * 7));
    double estimate = sketch.Estimate();
    double tolerance = distinct <= 1000 ? 0.02 * static_cast<double>(distinct) + 1.0
                                        : 0.033 * static_cast<double>(distinct);
    EXPECT_NEAR(estimate, static_cast<double>(distinct), tolerance) << distinct << " distinct";
  }
}

TEST(HyperLogLogTest, RepeatsChangeNothing) {
  HyperLogLog once;
  HyperLogLog thrice;
  for (std::uint64_t value = 0; value < 5000; ++value) {
    once.Add(Mix(value));
    for (int repeat = 0; repeat < 3; ++repeat) thrice.Add(Mix(value));
  }
  EXPECT_EQ(once.Estimate(), thrice.Estimate());
}

}  // namespace
}  // namespace gongshu::quality
