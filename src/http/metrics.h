// Request metrics in the Prometheus text exposition format (version 0.0.4).
//
// gongshu_http_requests_total{route,method,status} and the histogram
// gongshu_http_request_duration_seconds{route,method,status}. Routes are patterns, never raw
// paths, so the number of series is bounded by the number of routes. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gongshu {

class Metrics {
 public:
  void Observe(const std::string& route, const std::string& method, int status, double seconds);
  // The exposition text, series sorted by labels.
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};
  struct Series {
    std::string route;
    std::string method;
    int status = 0;
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  // Keyed by route, method and status joined with '\x1f', so that a lookup needs no allocation
  // once the key buffer has grown.
  std::unordered_map<std::string, Series> series_;  // guarded by mutex_
};

}  // namespace gongshu
