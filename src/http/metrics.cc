#include "http/metrics.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <vector>

namespace gongshu {
namespace {

// Label values escape backslash, double quote and newline.
std::string Escape(const std::string& value) {
  std::string out;
  for (char symbol : value) {
    if (symbol == '\\' || symbol == '"') out += '\\';
    if (symbol == '\n') {
      out += "\\n";
      continue;
    }
    out += symbol;
  }
  return out;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.9g", value);
  return buffer;
}

}  // namespace

void Metrics::Observe(const std::string& route, const std::string& method, int status,
                      double seconds) {
  thread_local std::string key;
  key.assign(route).append(1, '\x1f').append(method).append(1, '\x1f');
  key.append(std::to_string(status));
  std::lock_guard<std::mutex> lock(mutex_);
  auto entry = series_.find(key);
  if (entry == series_.end()) {
    entry = series_.emplace(key, Series{route, method, status, {}, 0, 0}).first;
  }
  Series& series = entry->second;
  for (size_t index = 0; index < kBuckets.size(); ++index) {
    if (seconds <= kBuckets[index]) ++series.buckets[index];
  }
  ++series.count;
  series.sum += seconds;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string counts =
      "# HELP gongshu_http_requests_total HTTP requests handled, by route, method and status.\n"
      "# TYPE gongshu_http_requests_total counter\n";
  std::string histograms =
      "# HELP gongshu_http_request_duration_seconds Time from request read to response ready.\n"
      "# TYPE gongshu_http_request_duration_seconds histogram\n";
  std::vector<const Series*> sorted;
  for (const auto& [key, series] : series_) sorted.push_back(&series);
  std::sort(sorted.begin(), sorted.end(), [](const Series* a, const Series* b) {
    return std::tie(a->route, a->method, a->status) < std::tie(b->route, b->method, b->status);
  });
  for (const Series* entry : sorted) {
    const Series& series = *entry;
    std::string labels = "route=\"" + Escape(series.route) + "\",method=\"" +
                         Escape(series.method) + "\",status=\"" + std::to_string(series.status) +
                         "\"";
    counts += "gongshu_http_requests_total{" + labels + "} " + std::to_string(series.count) + "\n";
    for (size_t index = 0; index < kBuckets.size(); ++index) {
      histograms += "gongshu_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
                    Number(kBuckets[index]) + "\"} " + std::to_string(series.buckets[index]) + "\n";
    }
    histograms += "gongshu_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
                  std::to_string(series.count) + "\n";
    histograms +=
        "gongshu_http_request_duration_seconds_sum{" + labels + "} " + Number(series.sum) + "\n";
    histograms += "gongshu_http_request_duration_seconds_count{" + labels + "} " +
                  std::to_string(series.count) + "\n";
  }
  return counts + histograms;
}

}  // namespace gongshu
