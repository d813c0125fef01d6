// Tests of http/metrics.h: the Prometheus text exposition of request counts and durations.
#include "http/metrics.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace gongshu {
namespace {

constexpr char kSeries[] = R"(route="/api/v1/organizations",method="GET",status="200")";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// The value of the sample line that starts with `name{labels}`, or NaN when there is none.
double Sample(const std::string& text, const std::string& name, const std::string& labels) {
  std::string prefix = name + "{" + labels + "} ";
  for (const std::string& line : Lines(text)) {
    if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size()));
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// The histogram buckets of the series with `labels`: upper bound ("+Inf" as infinity) to count.
std::map<double, double> Buckets(const std::string& text, const std::string& labels) {
  std::map<double, double> buckets;
  std::string prefix = "gongshu_http_request_duration_seconds_bucket{" + labels + ",le=\"";
  for (const std::string& line : Lines(text)) {
    if (line.rfind(prefix, 0) != 0) continue;
    size_t end = line.find('"', prefix.size());
    std::string bound = line.substr(prefix.size(), end - prefix.size());
    double upper = bound == "+Inf" ? std::numeric_limits<double>::infinity() : std::stod(bound);
    buckets[upper] = std::stod(line.substr(line.find("} ", end) + 2));
  }
  return buckets;
}

TEST(MetricsTest, DeclaresTheTypeOfEachFamily) {
  Metrics metrics;
  metrics.Observe("/api/v1/organizations", "GET", 200, 0.01);
  std::string text = metrics.Render();
  EXPECT_NE(text.find("# TYPE gongshu_http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE gongshu_http_request_duration_seconds histogram\n"),
            std::string::npos);
}

TEST(MetricsTest, CountsRequestsPerRouteMethodAndStatus) {
  Metrics metrics;
  metrics.Observe("/api/v1/organizations", "GET", 200, 0.01);
  metrics.Observe("/api/v1/organizations", "GET", 200, 0.02);
  metrics.Observe("/api/v1/organizations", "GET", 404, 0.01);
  metrics.Observe("/api/v1/organizations", "POST", 201, 0.03);
  std::string text = metrics.Render();
  EXPECT_EQ(Sample(text, "gongshu_http_requests_total", kSeries), 2);
  EXPECT_EQ(Sample(text, "gongshu_http_requests_total",
                   R"(route="/api/v1/organizations",method="GET",status="404")"),
            1);
  EXPECT_EQ(Sample(text, "gongshu_http_requests_total",
                   R"(route="/api/v1/organizations",method="POST",status="201")"),
            1);
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  const std::vector<double> observations = {0.0003, 0.003, 0.1, 0.2, 0.7, 7};
  double sum = 0;
  for (double seconds : observations) {
    metrics.Observe("/api/v1/organizations", "GET", 200, seconds);
    sum += seconds;
  }
  std::string text = metrics.Render();
  std::map<double, double> buckets = Buckets(text, kSeries);
  ASSERT_GE(buckets.size(), 2u);
  ASSERT_EQ(buckets.count(std::numeric_limits<double>::infinity()), 1u);
  for (const auto& [upper, count] : buckets) {
    // A bucket counts every observation less than or equal to its bound.
    double expected = 0;
    for (double seconds : observations) expected += seconds <= upper ? 1 : 0;
    EXPECT_EQ(count, expected) << "le=" << upper;
  }
  EXPECT_EQ(buckets.at(std::numeric_limits<double>::infinity()), 6);
  EXPECT_EQ(Sample(text, "gongshu_http_request_duration_seconds_count", kSeries), 6);
  EXPECT_NEAR(Sample(text, "gongshu_http_request_duration_seconds_sum", kSeries), sum, 1e-6);
}

TEST(MetricsTest, ObservationOnABoundCountsInThatBucket) {
  Metrics metrics;
  metrics.Observe("/r", "GET", 200, 0.1);
  metrics.Observe("/r", "GET", 200, 1);
  std::map<double, double> buckets =
      Buckets(metrics.Render(), R"(route="/r",method="GET",status="200")");
  ASSERT_EQ(buckets.count(0.1), 1u);
  ASSERT_EQ(buckets.count(1), 1u);
  EXPECT_EQ(buckets.at(0.1), 1);
  EXPECT_EQ(buckets.at(1), 2);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics metrics;
  metrics.Observe("/odd\"route\\with\nnewline", "GET", 200, 0.01);
  std::string text = metrics.Render();
  EXPECT_EQ(Sample(text, "gongshu_http_requests_total",
                   R"(route="/odd\"route\\with\nnewline",method="GET",status="200")"),
            1)
      << text;
  for (const std::string& line : Lines(text)) {
    EXPECT_TRUE(line.empty() || line[0] == '#' || line.rfind("gongshu_http_", 0) == 0) << line;
  }
}

TEST(MetricsTest, SeriesAreSortedByLabels) {
  Metrics metrics;
  metrics.Observe("/b", "GET", 200, 0.01);
  metrics.Observe("/a", "POST", 201, 0.01);
  metrics.Observe("/a", "GET", 200, 0.01);
  std::string text = metrics.Render();
  size_t a_get = text.find(R"(gongshu_http_requests_total{route="/a",method="GET")");
  size_t a_post = text.find(R"(gongshu_http_requests_total{route="/a",method="POST")");
  size_t b_get = text.find(R"(gongshu_http_requests_total{route="/b",method="GET")");
  ASSERT_NE(a_get, std::string::npos);
  ASSERT_NE(a_post, std::string::npos);
  ASSERT_NE(b_get, std::string::npos);
  EXPECT_LT(a_get, a_post);
  EXPECT_LT(a_post, b_get);
}

TEST(MetricsTest, NothingObservedRendersNoSamples) {
  Metrics metrics;
  for (const std::string& line : Lines(metrics.Render())) {
    EXPECT_TRUE(line.empty() || line[0] == '#') << line;
  }
}

}  // namespace
}  // namespace gongshu
