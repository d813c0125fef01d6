// Tests of identity/rate_limiter.h: token buckets per key, driven by a manual clock.
#include "identity/rate_limiter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace gongshu {
namespace {

// 2026-11-23T10:38:07Z.
constexpr int64_t kStart = 1795430287;

TEST(RateLimiterTest, AllowsTheBurstThenSaysWhenToRetry) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 1, .burst = 3});
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  // The bucket is empty; one token arrives after one second.
  EXPECT_EQ(limiter.Take("client", clock.Now()), 1);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 1);
}

TEST(RateLimiterTest, RetryTimeIsTheWholeSecondsUntilTheNextToken) {
  ManualClock clock(FromUnixSeconds(kStart));
  // One token every four seconds.
  RateLimiter limiter(RateLimit{.tokens_per_second = 0.25, .burst = 1});
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 4);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(limiter.Take("client", clock.Now()), 3);
  clock.Advance(std::chrono::seconds(2));
  EXPECT_EQ(limiter.Take("client", clock.Now()), 1);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
}

TEST(RateLimiterTest, RetryTimeIsAtLeastOneSecond) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 100, .burst = 1});
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 1);
}

TEST(RateLimiterTest, RefillsAtTheConfiguredRate) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 2, .burst = 4});
  for (int request = 0; request < 4; ++request) {
    ASSERT_EQ(limiter.Take("client", clock.Now()), 0) << request;
  }
  ASSERT_GT(limiter.Take("client", clock.Now()), 0);
  clock.Advance(std::chrono::seconds(1));
  // One second at two tokens a second: exactly two more requests.
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("client", clock.Now()), 0);
  EXPECT_GT(limiter.Take("client", clock.Now()), 0);
}

TEST(RateLimiterTest, RefillStopsAtTheBurst) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 1, .burst = 3});
  for (int request = 0; request < 3; ++request) ASSERT_EQ(limiter.Take("client", clock.Now()), 0);
  for (int seconds : {5, 100, 3600}) {
    clock.Advance(std::chrono::seconds(seconds));
    for (int request = 0; request < 3; ++request) {
      EXPECT_EQ(limiter.Take("client", clock.Now()), 0) << "after " << seconds << " s";
    }
    EXPECT_EQ(limiter.Take("client", clock.Now()), 1) << "after " << seconds << " s";
  }
}

TEST(RateLimiterTest, KeysHaveSeparateBuckets) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 1, .burst = 2});
  EXPECT_EQ(limiter.Take("tok_a", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("tok_a", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("tok_a", clock.Now()), 1);
  EXPECT_EQ(limiter.Take("tok_b", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("tok_b", clock.Now()), 0);
  EXPECT_EQ(limiter.Take("tok_b", clock.Now()), 1);
  EXPECT_EQ(limiter.Take("10.0.0.7", clock.Now()), 0);
}

TEST(RateLimiterTest, RateZeroDisablesTheLimit) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{.tokens_per_second = 0, .burst = 1});
  for (int request = 0; request < 1000; ++request) {
    ASSERT_EQ(limiter.Take("client", clock.Now()), 0) << request;
  }
}

TEST(RateLimiterTest, DefaultsAllowBurstOfOneHundred) {
  ManualClock clock(FromUnixSeconds(kStart));
  RateLimiter limiter(RateLimit{});
  for (int request = 0; request < 100; ++request) {
    ASSERT_EQ(limiter.Take("client", clock.Now()), 0) << request;
  }
  EXPECT_EQ(limiter.Take("client", clock.Now()), 1);
}

}  // namespace
}  // namespace gongshu
