// Token-bucket rate limiting keyed by a string (a token id or a client address).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace gongshu {

struct RateLimit {
  double tokens_per_second = 50;  // refill rate; 0 disables the limit
  double burst = 100;             // bucket size
};

// Thread-safe. Keys idle long enough to have a full bucket are forgotten, so memory stays
// bounded by the number of recently active keys.
class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // Takes one token from `key`'s bucket. Returns 0 when the request may proceed, otherwise the
  // whole number of seconds (at least 1) after which a token will be available.
  int Take(const std::string& key, TimePoint now);

 private:
  struct Bucket {
    double tokens;
    TimePoint updated;
  };
  void ForgetIdle(TimePoint now);  // REQUIRES: mutex_ held

  const RateLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
  TimePoint last_sweep_{};                           // guarded by mutex_
};

}  // namespace gongshu
