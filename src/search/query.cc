#include "search/query.h"

#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "search/analyzer.h"

namespace gongshu {
namespace {

// Alternatives (phrases joined by OR) kept for one term; a generous table cannot make a query
// explode.
constexpr size_t kMaxAlternatives = 16;

// A run of query units that must match, with the expansions it may match instead.
struct Term {
  size_t begin = 0;  // units [begin, end) of the query
  size_t end = 0;
  const std::vector<std::vector<SearchUnit>>* expansions = nullptr;
};

std::string_view LimitQuery(std::string_view query) {
  if (query.size() <= kMaxQueryBytes) return query;
  size_t cut = kMaxQueryBytes;
  while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;
  return query.substr(0, cut);
}

bool IsCjk(const SearchUnit& unit) { return unit.kind == SearchUnitKind::kCjkCharacter; }

bool IsOneCharacterIcuWord(std::span<const SearchUnit> units, size_t index) {
  return (index == 0 || units[index - 1].icu_word != units[index].icu_word) &&
         (index + 1 == units.size() || units[index + 1].icu_word != units[index].icu_word);
}

std::vector<Term> CutIntoTerms(std::span<const SearchUnit> units, const SynonymTable& synonyms) {
  std::vector<Term> terms;
  size_t index = 0;
  while (index < units.size() && terms.size() < kMaxQueryTerms) {
    Term term{index, index + 1, nullptr};
    if (std::optional<SynonymTable::Match> match = synonyms.LongestMatch(units, index)) {
      term.end = index + match->length;
      term.expansions = match->expansions;
    } else if (!IsCjk(units[index])) {
      // A number or letter and the one-character word written right after it mean one thing
      // (2024年, 12月, A级).
      const size_t next = index + 1;
      if (next < units.size() && IsCjk(units[next]) && units[next].follows_directly &&
          IsOneCharacterIcuWord(units, next) && !synonyms.LongestMatch(units, next)) {
        term.end = next + 1;
      }
    } else {
      // The rest of the word, stopping where a synonym key starts.
      while (term.end < units.size() && term.end - term.begin < kMaxTermUnits &&
             IsCjk(units[term.end]) && units[term.end].follows_directly &&
             units[term.end].word == units[index].word && !synonyms.LongestMatch(units, term.end)) {
        ++term.end;
      }
    }
    terms.push_back(term);
    index = term.end;
  }
  return terms;
}

std::string QuotePhrase(const std::vector<std::string>& tokens, bool prefix) {
  std::string quoted = "\"";
  for (size_t index = 0; index < tokens.size(); ++index) {
    if (index > 0) quoted += ' ';
    for (char symbol : tokens[index]) {
      quoted += symbol;
      if (symbol == '"') quoted += '"';
    }
  }
  quoted += '"';
  if (prefix) quoted += '*';
  return quoted;
}

std::string JoinAlternatives(const std::vector<std::string>& alternatives) {
  if (alternatives.size() == 1) return alternatives.front();
  std::string expression = "(";
  for (size_t index = 0; index < alternatives.size(); ++index) {
    if (index > 0) expression += " OR ";
    expression += alternatives[index];
  }
  return expression + ")";
}

// Collects quoted phrases as OR alternatives, without repeats and at most kMaxAlternatives.
class Alternatives {
 public:
  void AddPhrasesFor(std::span<const SearchUnit> units, bool prefix) {
    std::vector<std::vector<std::string>> phrases = PhrasesFor(units);
    for (size_t index = 0; index < phrases.size(); ++index) {
      // Only the first phrase ends in the word itself; the second ends in a CJK character.
      std::string quoted = QuotePhrase(phrases[index], prefix && index == 0);
      if (quoted_.size() < kMaxAlternatives && seen_.insert(quoted).second) {
        quoted_.push_back(std::move(quoted));
      }
    }
  }
  const std::vector<std::string>& quoted() const { return quoted_; }

 private:
  std::vector<std::string> quoted_;
  std::unordered_set<std::string> seen_;
};

std::string TermExpression(std::span<const SearchUnit> units, const Term& term, bool prefix) {
  Alternatives alternatives;
  alternatives.AddPhrasesFor(units.subspan(term.begin, term.end - term.begin), prefix);
  if (term.expansions != nullptr) {
    for (const std::vector<SearchUnit>& expansion : *term.expansions) {
      alternatives.AddPhrasesFor(expansion, false);
    }
  }
  return JoinAlternatives(alternatives.quoted());
}

std::string BuildExpression(std::string_view query, const SynonymTable& synonyms,
                            bool prefix_last_word) {
  const std::string_view limited = LimitQuery(query);
  const std::vector<SearchUnit> units = SplitIntoUnits(limited);
  const std::vector<Term> terms = CutIntoTerms(units, synonyms);
  const bool prefix_last_term = prefix_last_word && !terms.empty() &&
                                terms.back().end == units.size() &&
                                terms.back().end - terms.back().begin == 1 &&
                                !IsCjk(units.back()) && units.back().end == limited.size();

  std::string expression;
  size_t first = 0;
  while (first < terms.size()) {
    // Terms written one right after the other (福建交通, 2024年度) form a run: each term must
    // match, and the whole run as one phrase may match too, which ranks such documents higher
    // and lets highlight() mark the run as one piece.
    size_t last = first + 1;
    while (last < terms.size() && units[terms[last].begin].follows_directly) ++last;
    const bool prefix = prefix_last_term && last == terms.size();
    if (!expression.empty()) expression += " AND ";
    if (last - first == 1) {
      expression += TermExpression(units, terms[first], prefix);
    } else {
      std::string conjunction = "(";
      for (size_t index = first; index < last; ++index) {
        if (index > first) conjunction += " AND ";
        conjunction += TermExpression(units, terms[index], prefix && index + 1 == last);
      }
      conjunction += ")";
      Alternatives run;
      const size_t run_begin = terms[first].begin;
      run.AddPhrasesFor(std::span(units).subspan(run_begin, terms[last - 1].end - run_begin),
                        prefix);
      expression += "(" + conjunction;
      for (const std::string& phrase : run.quoted()) expression += " OR " + phrase;
      expression += ")";
    }
    first = last;
  }
  return expression;
}

}  // namespace

std::string BuildMatchExpression(std::string_view query, const SynonymTable& synonyms) {
  return BuildExpression(query, synonyms, false);
}

std::string BuildPrefixMatchExpression(std::string_view query, const SynonymTable& synonyms) {
  return BuildExpression(query, synonyms, true);
}

}  // namespace gongshu
