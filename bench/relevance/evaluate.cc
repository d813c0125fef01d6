// search_relevance: nDCG@10 of gongshu's Chinese search over the demo catalog, beside SQLite FTS5
// with the unicode61 and trigram tokenizers measured in the same run on the same documents.
// docs/relevance.md describes the test set, the judging guidelines, the baselines and the metric.
//
// usage: search_relevance [--judgments FILE] [--verbose]
//   --judgments  the test set (default: bench/relevance/judgments.tsv of the source tree)
//   --verbose    also print gongshu's top 10 for every query, with each result's grade
//
// Exit status: 0 when gongshu's mean nDCG@10 reaches the target (0.85) and is above both
// baselines; 1 when it does not; 2 when the run could not be made (unreadable or malformed
// judgments, a judged concept missing from the catalog, a searcher that fails to build or fails
// a query). The table goes to stdout, problems to stderr.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog_searcher.h"
#include "demo/demo_catalog.h"
#include "relevance.h"
#include "searchers.h"

namespace gongshu {
namespace {

// A new empty directory under the system's temporary directory, removed with its contents when
// this goes out of scope; `path` is empty when it could not be made.
struct ScratchDirectory {
  ScratchDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "gongshu-relevance-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  std::string path;
};

constexpr int kCutoff = 10;
constexpr double kTarget = 0.85;
constexpr int kExitTargetMissed = 1;
constexpr int kExitError = 2;

int Fail(const std::string& message) {
  std::fprintf(stderr, "search_relevance: %s\n", message.c_str());
  return kExitError;
}

// FNV-1a over every ranking, so that two runs (or two machines) can tell whether they returned
// the same results.
class RankingHash {
 public:
  void Add(const std::vector<int>& ranking) {
    for (int index : ranking) Mix(static_cast<uint64_t>(index) + 1);
    Mix(0);
  }
  uint64_t value() const { return hash_; }

 private:
  void Mix(uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) {
      hash_ ^= (value >> (8 * byte)) & 0xff;
      hash_ *= 0x100000001b3ULL;
    }
  }
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// Pads `text` with spaces to `width` display columns (a CJK character takes two).
std::string Pad(const std::string& text, int width) {
  int columns = 0;
  for (size_t index = 0; index < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[index]);
    int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    columns += length >= 3 ? 2 : 1;
    index += length;
  }
  return text + std::string(columns < width ? width - columns : 1, ' ');
}

int Run(const std::string& judgments_path, bool verbose) {
  std::ifstream file(judgments_path);
  if (!file) return Fail("cannot read " + judgments_path);
  std::stringstream text;
  text << file.rdbuf();
  Result<std::vector<JudgedQuery>> queries = ParseJudgments(text.str());
  if (!queries.ok()) return Fail(queries.status().message());

  DemoCatalog catalog = GenerateDemoCatalog(kDemoSeed, kDemoResourceCount);
  std::vector<SearchDocument> documents;
  std::set<std::string> concepts;
  for (const DemoResource& resource : catalog.resources) {
    documents.push_back(SearchDocumentFor(resource.resource));
    concepts.insert(resource.concept_id);
  }
  for (const JudgedQuery& query : *queries) {
    for (const Judgment& judgment : query.judgments) {
      if (judgment.concept_id != "*" && concepts.count(judgment.concept_id) == 0) {
        return Fail("judgments line " + std::to_string(query.line) + ": concept " +
                    judgment.concept_id + " is not in the demo catalog");
      }
    }
  }
  // grades[query][document]
  std::vector<std::vector<int>> grades;
  for (const JudgedQuery& query : *queries) {
    std::vector<int> row;
    for (const DemoResource& resource : catalog.resources) {
      row.push_back(RelevanceOf(query, resource.concept_id, resource.resource.region));
    }
    bool any = false;
    for (int grade : row) any = any || grade > 0;
    if (!any) {
      return Fail("judgments line " + std::to_string(query.line) + ": no resource of the catalog " +
                  "is relevant to '" + query.query + "'");
    }
    grades.push_back(std::move(row));
  }

  ScratchDirectory scratch;  // outlives the searchers, which keep its database open
  if (scratch.path.empty()) return Fail("cannot make a scratch directory");
  std::vector<std::unique_ptr<Searcher>> searchers;
  Result<std::unique_ptr<Searcher>> catalog_searcher = NewCatalogSearcher(catalog, scratch.path);
  if (!catalog_searcher.ok()) return Fail(catalog_searcher.status().message());
  searchers.push_back(std::move(*catalog_searcher));
  for (auto build : {&NewUnicode61Searcher, &NewTrigramSearcher}) {
    Result<std::unique_ptr<Searcher>> searcher = build(documents);
    if (!searcher.ok()) return Fail(searcher.status().message());
    searchers.push_back(std::move(*searcher));
  }

  // scores[searcher][query]
  std::vector<std::vector<double>> scores(searchers.size());
  std::vector<std::vector<std::vector<int>>> rankings(searchers.size());
  std::vector<RankingHash> hashes(searchers.size());
  std::vector<double> milliseconds(searchers.size());
  for (size_t searcher = 0; searcher < searchers.size(); ++searcher) {
    auto start = std::chrono::steady_clock::now();
    for (const JudgedQuery& query : *queries) {
      rankings[searcher].push_back(searchers[searcher]->Top(query.query, kCutoff));
    }
    milliseconds[searcher] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    for (size_t query = 0; query < queries->size(); ++query) {
      const std::vector<int>& ranking = rankings[searcher][query];
      hashes[searcher].Add(ranking);
      std::vector<int> ranked;
      for (int document : ranking) ranked.push_back(grades[query][document]);
      scores[searcher].push_back(NormalizedDcg(ranked, grades[query], kCutoff));
    }
  }

  std::printf(
      "search relevance: %zu queries over the demo catalog (%zu resources, seed %llu); "
      "nDCG@%d\n\n",
      queries->size(), documents.size(), static_cast<unsigned long long>(kDemoSeed), kCutoff);
  std::printf("%s", Pad("query", 22).c_str());
  for (const auto& searcher : searchers) {
    std::printf("%10.*s", static_cast<int>(searcher->name().size()), searcher->name().data());
  }
  std::printf("\n");
  for (size_t query = 0; query < queries->size(); ++query) {
    std::printf("%s", Pad((*queries)[query].query, 22).c_str());
    for (size_t searcher = 0; searcher < searchers.size(); ++searcher) {
      std::printf("%10.3f", scores[searcher][query]);
    }
    std::printf("\n");
    if (verbose) {
      for (int document : rankings[0][query]) {
        std::printf("      %d  %s\n", grades[query][document], documents[document].name.c_str());
      }
    }
  }
  std::vector<double> means(searchers.size());
  for (size_t searcher = 0; searcher < searchers.size(); ++searcher) {
    double sum = 0;
    for (double score : scores[searcher]) sum += score;
    means[searcher] = sum / static_cast<double>(queries->size());
  }
  std::printf("%s", Pad("mean", 22).c_str());
  for (double mean : means) std::printf("%10.3f", mean);
  std::printf("\n\n");
  int failures = 0;
  for (size_t searcher = 0; searcher < searchers.size(); ++searcher) {
    failures += searchers[searcher]->failed_queries();
    std::printf("%-10.*s mean nDCG@%d %.3f   rankings fnv1a %016llx   %.1f ms for all queries\n",
                static_cast<int>(searchers[searcher]->name().size()),
                searchers[searcher]->name().data(), kCutoff, means[searcher],
                static_cast<unsigned long long>(hashes[searcher].value()), milliseconds[searcher]);
  }
  if (failures > 0) return Fail(std::to_string(failures) + " queries failed");

  bool above_baselines = means[0] > means[1] && means[0] > means[2];
  bool target_met = means[0] >= kTarget;
  std::printf("\ntarget: gongshu >= %.2f and above both baselines: %s\n", kTarget,
              target_met && above_baselines ? "met" : "MISSED");
  return target_met && above_baselines ? 0 : kExitTargetMissed;
}

}  // namespace
}  // namespace gongshu

int main(int argc, char** argv) {
  std::string judgments = GONGSHU_RELEVANCE_JUDGMENTS;
  bool verbose = false;
  for (int index = 1; index < argc; ++index) {
    if (std::strcmp(argv[index], "--judgments") == 0 && index + 1 < argc) {
      judgments = argv[++index];
    } else if (std::strcmp(argv[index], "--verbose") == 0) {
      verbose = true;
    } else {
      std::fprintf(stderr, "usage: search_relevance [--judgments FILE] [--verbose]\n");
      return 2;
    }
  }
  return gongshu::Run(judgments, verbose);
}
