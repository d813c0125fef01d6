// search_probe: where the catalog search benchmark's time goes, one query at a time. Runs every
// query of a search_load queries file through SqliteCatalogStore::Search on one connection, in
// process and single-threaded (no HTTP, no JSON encoding of the page), with and without the
// default facet counts, and prints the latency by query shape and the slowest queries with the
// size of their match sets. bench/search/run_search_bench.sh runs it after the HTTP runs, which
// leave the page cache warm.
//
// usage: search_probe --data-dir DIR --queries-tsv FILE [--queries N] [--slowest K]
//   --queries N: only the first N queries of the file (default: all).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog_query.h"
#include "store/sqlite.h"
#include "store/sqlite_catalog_store.h"

namespace gongshu {
namespace {

struct ProbeQuery {
  int qid = 0;
  std::string text;
  std::string theme;
  int words = 0;
};

struct Timing {
  const ProbeQuery* query = nullptr;
  double milliseconds = 0;
  int64_t total = 0;
};

std::vector<ProbeQuery> ReadQueries(const std::string& path) {
  std::vector<ProbeQuery> queries;
  std::ifstream lines(path);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, '\t')) cells.push_back(cell);
    if (cells.size() < 3) continue;
    ProbeQuery query;
    query.qid = std::stoi(cells[0]);
    query.text = cells[1];
    query.theme = cells[2];
    query.words = 1 + static_cast<int>(std::count(query.text.begin(), query.text.end(), ' '));
    queries.push_back(std::move(query));
  }
  return queries;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(fraction * static_cast<double>(values.size() - 1))];
}

// Runs every query once; nullopt (after printing why) when a search fails.
std::optional<std::vector<Timing>> RunAll(SqliteCatalogStore& store,
                                          const std::vector<ProbeQuery>& queries, bool facets) {
  std::vector<Timing> timings;
  for (const ProbeQuery& probe : queries) {
    CatalogQuery query;
    query.text = probe.text;
    if (!probe.theme.empty()) query.filters[Facet::kTheme] = {probe.theme};
    if (facets) {
      query.facets = {Facet::kTheme,   Facet::kProvider, Facet::kRegion, Facet::kGrade,
                      Facet::kSharing, Facet::kOpening,  Facet::kFormat, Facet::kUpdateCycle};
    }
    auto start = std::chrono::steady_clock::now();
    Result<CatalogResults> results = store.Search(query);
    double milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!results.ok()) {
      std::fprintf(stderr, "search_probe: query %d failed: %s\n", probe.qid,
                   results.status().message().c_str());
      return std::nullopt;
    }
    timings.push_back({&probe, milliseconds, results->total});
  }
  return timings;
}

void Report(const char* label, const std::vector<Timing>& timings, size_t slowest) {
  std::printf("%s: in-process SqliteCatalogStore::Search, one connection, ms\n", label);
  std::printf("  %-24s%8s%10s%10s%10s%12s\n", "shape", "queries", "p50", "p99", "max",
              "mean total");
  std::map<std::string, std::vector<const Timing*>> shapes;
  for (const Timing& timing : timings) {
    std::string shape = std::to_string(timing.query->words) +
                        (timing.query->words == 1 ? " word" : " words") +
                        (timing.query->theme.empty() ? "" : " + theme");
    shapes[shape].push_back(&timing);
    shapes["all"].push_back(&timing);
  }
  for (const auto& [shape, members] : shapes) {
    std::vector<double> milliseconds;
    double totals = 0;
    for (const Timing* timing : members) {
      milliseconds.push_back(timing->milliseconds);
      totals += static_cast<double>(timing->total);
    }
    std::printf("  %-24s%8zu%10.2f%10.2f%10.2f%12.0f\n", shape.c_str(), members.size(),
                Percentile(milliseconds, 0.5), Percentile(milliseconds, 0.99),
                Percentile(milliseconds, 1.0), totals / static_cast<double>(members.size()));
  }
  std::vector<Timing> sorted = timings;
  std::sort(sorted.begin(), sorted.end(),
            [](const Timing& a, const Timing& b) { return a.milliseconds > b.milliseconds; });
  std::printf("  slowest:\n");
  for (size_t index = 0; index < std::min(slowest, sorted.size()); ++index) {
    const Timing& timing = sorted[index];
    std::printf("  %10.2f ms  total %8lld  qid %4d  q=%s%s%s\n", timing.milliseconds,
                static_cast<long long>(timing.total), timing.query->qid, timing.query->text.c_str(),
                timing.query->theme.empty() ? "" : "  theme=", timing.query->theme.c_str());
  }
}

int Run(int argc, char** argv) {
  std::string data_dir;
  std::string queries_tsv;
  size_t slowest = 10;
  size_t limit = 0;
  for (int index = 1; index + 1 < argc; index += 2) {
    std::string name = argv[index];
    if (name == "--data-dir") {
      data_dir = argv[index + 1];
    } else if (name == "--queries-tsv") {
      queries_tsv = argv[index + 1];
    } else if (name == "--queries") {
      limit = static_cast<size_t>(std::max(0, std::atoi(argv[index + 1])));
    } else if (name == "--slowest") {
      slowest = static_cast<size_t>(std::max(0, std::atoi(argv[index + 1])));
    } else {
      data_dir.clear();
      break;
    }
  }
  if (data_dir.empty() || queries_tsv.empty() || argc % 2 == 0) {
    std::fputs(
        "usage: search_probe --data-dir DIR --queries-tsv FILE [--queries N] [--slowest K]\n",
        stderr);
    return 2;
  }
  std::vector<ProbeQuery> queries = ReadQueries(queries_tsv);
  if (limit > 0 && queries.size() > limit) queries.resize(limit);
  if (queries.empty()) {
    std::fprintf(stderr, "search_probe: no queries in %s\n", queries_tsv.c_str());
    return 1;
  }
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(data_dir + "/gongshu.db", 1);
  if (!pool.ok()) {
    std::fprintf(stderr, "search_probe: %s\n", pool.status().message().c_str());
    return 1;
  }
  SqliteCatalogStore store(**pool);
  std::optional<std::vector<Timing>> plain = RunAll(store, queries, false);
  if (!plain) return 1;
  Report("facets=none", *plain, slowest);
  std::optional<std::vector<Timing>> faceted = RunAll(store, queries, true);
  if (!faceted) return 1;
  Report("8 facet counts", *faceted, slowest);
  return 0;
}

}  // namespace
}  // namespace gongshu

int main(int argc, char** argv) { return gongshu::Run(argc, argv); }
