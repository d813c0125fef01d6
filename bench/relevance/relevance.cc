#include "relevance.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace gongshu {
namespace {

std::vector<std::string_view> SplitView(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool IsConceptId(std::string_view text) {
  if (text == "*") return true;
  if (text.empty()) return false;
  for (char symbol : text) {
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') || symbol == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsDivisionCode(std::string_view text) {
  if (text.size() != 6) return false;
  for (char symbol : text) {
    if (symbol < '0' || symbol > '9') return false;
  }
  return true;
}

}  // namespace

Result<std::vector<JudgedQuery>> ParseJudgments(std::string_view text) {
  std::vector<JudgedQuery> queries;
  std::set<std::string> seen;
  int number = 0;
  for (std::string_view line : SplitView(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto error = [number](const std::string& message) {
      return Status::InvalidArgument("judgments line " + std::to_string(number) + ": " + message);
    };
    std::vector<std::string_view> cells = SplitView(line, '\t');
    if (cells.size() != 2) return error("expected a query and its judgments, tab-separated");
    JudgedQuery query;
    query.query = std::string(cells[0]);
    query.line = number;
    if (query.query.find_first_not_of(' ') == std::string::npos) return error("empty query");
    if (!seen.insert(query.query).second) return error("duplicate query " + query.query);
    for (std::string_view entry : SplitView(cells[1], ' ')) {
      if (entry.empty()) continue;
      size_t equals = entry.rfind('=');
      if (equals == std::string_view::npos || equals + 2 != entry.size() ||
          entry[equals + 1] < '1' || entry[equals + 1] > '3') {
        return error("judgment '" + std::string(entry) + "' is not concept[@region]=1..3");
      }
      Judgment judgment;
      judgment.grade = entry[equals + 1] - '0';
      std::string_view target = entry.substr(0, equals);
      size_t at = target.find('@');
      judgment.concept_id = std::string(target.substr(0, at));
      if (at != std::string_view::npos) judgment.region = std::string(target.substr(at + 1));
      if (!IsConceptId(judgment.concept_id) ||
          (at != std::string_view::npos && !IsDivisionCode(judgment.region)) ||
          (judgment.concept_id == "*" && judgment.region.empty())) {
        return error("judgment '" + std::string(entry) + "' is not concept[@region]=1..3");
      }
      query.judgments.push_back(std::move(judgment));
    }
    if (query.judgments.empty()) return error("no judgments for " + query.query);
    queries.push_back(std::move(query));
  }
  return queries;
}

int RelevanceOf(const JudgedQuery& query, std::string_view concept_id, std::string_view region) {
  int grade = 0;
  for (const Judgment& judgment : query.judgments) {
    bool concept_matches = judgment.concept_id == "*" || judgment.concept_id == concept_id;
    bool region_matches = judgment.region.empty() || judgment.region == region;
    if (concept_matches && region_matches) grade = std::max(grade, judgment.grade);
  }
  return grade;
}

double DiscountedCumulativeGain(const std::vector<int>& grades, size_t k) {
  double gain = 0;
  for (size_t rank = 1; rank <= std::min(k, grades.size()); ++rank) {
    gain += (std::pow(2.0, grades[rank - 1]) - 1) / std::log2(static_cast<double>(rank) + 1);
  }
  return gain;
}

double NormalizedDcg(const std::vector<int>& ranked, std::vector<int> all, size_t k) {
  std::sort(all.begin(), all.end(), std::greater<int>());
  double ideal = DiscountedCumulativeGain(all, k);
  if (ideal == 0) return 0;
  return DiscountedCumulativeGain(ranked, k) / ideal;
}

}  // namespace gongshu
