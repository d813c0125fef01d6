#include "identity/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace gongshu {

int RateLimiter::Take(const std::string& key, TimePoint now) {
  if (limit_.tokens_per_second <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - last_sweep_ > std::chrono::seconds(60)) ForgetIdle(now);
  auto [entry, inserted] = buckets_.try_emplace(key, Bucket{limit_.burst, now});
  Bucket& bucket = entry->second;
  if (!inserted) {
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    if (elapsed > 0) {
      bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.tokens_per_second);
      bucket.updated = now;
    }
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  double wait = (1 - bucket.tokens) / limit_.tokens_per_second;
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

void RateLimiter::ForgetIdle(TimePoint now) {
  last_sweep_ = now;
  double full_after = limit_.burst / limit_.tokens_per_second;
  for (auto entry = buckets_.begin(); entry != buckets_.end();) {
    double idle = std::chrono::duration<double>(now - entry->second.updated).count();
    entry = idle > full_after ? buckets_.erase(entry) : std::next(entry);
  }
}

}  // namespace gongshu
