// The relevance test set (judgments.tsv) and the metric the search relevance benchmark reports:
// nDCG@k with graded relevance. docs/relevance.md describes both.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

// One judgment of a query: resources of `concept_id` ("*" for any concept), from providers in
// division `region` (empty for any), have relevance `grade` (1-3).
struct Judgment {
  std::string concept_id;
  std::string region;
  int grade = 0;
};

struct JudgedQuery {
  std::string query;
  std::vector<Judgment> judgments;
  int line = 0;  // in the judgments file
};

// Parses judgments.tsv (its header comment is the format). InvalidArgument naming the line for a
// wrong number of cells, an empty query, a duplicate query, a malformed judgment, a grade outside
// 1-3, or a query without judgments.
Result<std::vector<JudgedQuery>> ParseJudgments(std::string_view text);

// The relevance of a resource of `concept_id` from a provider in `region` to `query`: the highest
// grade among the judgments it matches, 0 when it matches none.
int RelevanceOf(const JudgedQuery& query, std::string_view concept_id, std::string_view region);

// Discounted cumulative gain of the first `k` grades: sum of (2^grade - 1) / log2(rank + 1),
// ranks counted from 1.
double DiscountedCumulativeGain(const std::vector<int>& grades, size_t k);

// nDCG@k: the DCG of `ranked` (the grades of the results in the order returned, at most k used)
// over the DCG of the best possible order of `all` (the grades of every document of the
// collection). 0 when no document is relevant.
double NormalizedDcg(const std::vector<int>& ranked, std::vector<int> all, size_t k);

}  // namespace gongshu
