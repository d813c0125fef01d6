// Synonyms and abbreviations for query expansion: a query term that is a key of the table also
// finds the key's expansions (医保 finds 医疗保险 and 医疗保障).
//
// The table is data: src/search/data/synonyms.tsv is built into the library (DefaultSynonymTable)
// and docs/search.md ("Synonyms") describes the format. In short, one group per line, cells
// separated by tabs, '#' lines and blank lines ignored:
//   =<TAB>term<TAB>term[<TAB>term...]        every term of the line finds every other one
//   ><TAB>term<TAB>expansion[<TAB>...]       the first term also finds the others, not back
// Terms are analyzed like documents (folded, split into units), so 醫保, 医保 and ＧＤＰ/gdp are
// the same key.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "search/analyzer.h"

namespace gongshu {

// Terms longer than this many units are refused by ParseSynonymTable.
inline constexpr size_t kMaxSynonymTermUnits = 16;

// An immutable table of keys and their expansions. Thread-safe once built (read-only).
class SynonymTable {
 public:
  SynonymTable() = default;  // an empty table: expands nothing

  // A key found in a query.
  struct Match {
    size_t length = 0;  // number of query units the key covers
    const std::vector<std::vector<SearchUnit>>* expansions = nullptr;  // owned by the table
  };

  // The longest key whose units equal units[index, index + length), when that range starts and
  // ends on ICU word boundaries of the query and its CJK characters follow each other directly
  // wherever they do in the key. std::nullopt when no key matches there. The returned pointer
  // lives as long as the table.
  std::optional<Match> LongestMatch(std::span<const SearchUnit> units, size_t index) const;

  // The number of distinct keys.
  size_t size() const { return entries_.size(); }

 private:
  friend Result<SynonymTable> ParseSynonymTable(std::string_view text);

  struct Entry {
    std::vector<SearchUnit> key;
    std::vector<std::vector<SearchUnit>> expansions;
  };
  void Add(const std::vector<SearchUnit>& key, const std::vector<SearchUnit>& expansion);

  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> entry_by_signature_;
  // Entries by the text of their first unit, longest key first.
  std::unordered_map<std::string, std::vector<size_t>> entries_by_first_unit_;
};

// Parses a table in the format above. On error returns InvalidArgument whose message starts with
// "line N: " (N counted from 1 over all lines of `text`) and says what is wrong: not UTF-8, an
// unknown first cell, fewer than two terms, an empty term, a term without searchable text, or a
// term of more than kMaxSynonymTermUnits units.
Result<SynonymTable> ParseSynonymTable(std::string_view text);

// The built-in table from src/search/data/synonyms.tsv, parsed once. An empty table if the
// built-in file does not parse (a bug that synonyms_test.cc catches). Thread-safe.
const SynonymTable& DefaultSynonymTable();

// The text of src/search/data/synonyms.tsv as built into the library.
const std::string& DefaultSynonymsText();

}  // namespace gongshu
