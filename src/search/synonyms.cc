#include "search/synonyms.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/utf8.h"

namespace gongshu {
namespace {

// Identifies a sequence of units by text, kind and which CJK characters are joined.
std::string Signature(std::span<const SearchUnit> units) {
  std::string signature;
  for (size_t index = 0; index < units.size(); ++index) {
    if (index > 0) signature += units[index].follows_directly ? '\x1e' : '\x1f';
    signature += units[index].kind == SearchUnitKind::kCjkCharacter ? 'c' : 'w';
    signature += units[index].text;
  }
  return signature;
}

bool StartsIcuWord(std::span<const SearchUnit> units, size_t index) {
  return index == 0 || units[index - 1].icu_word != units[index].icu_word;
}

Status LineError(int line_number, const std::string& reason) {
  return Status::InvalidArgument("line " + std::to_string(line_number) + ": " + reason);
}

std::vector<std::string_view> SplitCells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t begin = 0;
  while (true) {
    size_t tab = line.find('\t', begin);
    cells.push_back(line.substr(begin, tab == std::string_view::npos ? tab : tab - begin));
    if (tab == std::string_view::npos) return cells;
    begin = tab + 1;
  }
}

}  // namespace

void SynonymTable::Add(const std::vector<SearchUnit>& key,
                       const std::vector<SearchUnit>& expansion) {
  const std::string key_signature = Signature(key);
  if (key_signature == Signature(expansion)) return;
  auto [found, inserted] = entry_by_signature_.emplace(key_signature, entries_.size());
  if (inserted) {
    entries_.push_back(Entry{key, {}});
    std::vector<size_t>& by_first = entries_by_first_unit_[key.front().text];
    by_first.push_back(found->second);
    std::stable_sort(by_first.begin(), by_first.end(), [this](size_t left, size_t right) {
      return entries_[left].key.size() > entries_[right].key.size();
    });
  }
  Entry& entry = entries_[found->second];
  const std::string expansion_signature = Signature(expansion);
  for (const std::vector<SearchUnit>& existing : entry.expansions) {
    if (Signature(existing) == expansion_signature) return;
  }
  entry.expansions.push_back(expansion);
}

std::optional<SynonymTable::Match> SynonymTable::LongestMatch(std::span<const SearchUnit> units,
                                                              size_t index) const {
  if (index >= units.size() || !StartsIcuWord(units, index)) return std::nullopt;
  auto candidates = entries_by_first_unit_.find(units[index].text);
  if (candidates == entries_by_first_unit_.end()) return std::nullopt;
  for (size_t entry_index : candidates->second) {
    const Entry& entry = entries_[entry_index];
    const size_t length = entry.key.size();
    if (index + length > units.size()) continue;
    bool matches = true;
    for (size_t offset = 0; offset < length && matches; ++offset) {
      const SearchUnit& key_unit = entry.key[offset];
      const SearchUnit& query_unit = units[index + offset];
      matches = key_unit.text == query_unit.text && key_unit.kind == query_unit.kind;
      if (matches && offset > 0 && key_unit.kind == SearchUnitKind::kCjkCharacter &&
          key_unit.follows_directly) {
        matches = query_unit.follows_directly;
      }
    }
    if (!matches) continue;
    if (index + length < units.size() && !StartsIcuWord(units, index + length)) continue;
    return Match{length, &entry.expansions};
  }
  return std::nullopt;
}

Result<SynonymTable> ParseSynonymTable(std::string_view text) {
  SynonymTable table;
  int line_number = 0;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t newline = text.find('\n', line_begin);
    std::string_view line =
        text.substr(line_begin, newline == std::string_view::npos ? newline : newline - line_begin);
    line_begin = newline == std::string_view::npos ? text.size() : newline + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!IsValidUtf8(line)) return LineError(line_number, "not UTF-8");

    std::vector<std::string_view> cells = SplitCells(line);
    const std::string_view kind = cells.front();
    if (kind != "=" && kind != ">") {
      return LineError(line_number,
                       "the first cell must be \"=\" or \">\", not \"" + std::string(kind) + "\"");
    }
    if (cells.size() < 3) return LineError(line_number, "a group needs at least two terms");
    std::vector<std::vector<SearchUnit>> terms;
    for (size_t cell_index = 1; cell_index < cells.size(); ++cell_index) {
      const std::string_view term = cells[cell_index];
      if (term.empty()) {
        return LineError(line_number, "term " + std::to_string(cell_index) + " is empty");
      }
      std::vector<SearchUnit> units = SplitIntoUnits(term);
      if (units.empty()) {
        return LineError(line_number, "term \"" + std::string(term) + "\" has no searchable text");
      }
      if (units.size() > kMaxSynonymTermUnits) {
        return LineError(line_number, "term \"" + std::string(term) + "\" is longer than " +
                                          std::to_string(kMaxSynonymTermUnits) + " units");
      }
      terms.push_back(std::move(units));
    }
    const size_t key_count = kind == "=" ? terms.size() : 1;
    for (size_t key_index = 0; key_index < key_count; ++key_index) {
      for (size_t other_index = 0; other_index < terms.size(); ++other_index) {
        if (other_index != key_index) table.Add(terms[key_index], terms[other_index]);
      }
    }
  }
  return table;
}

const SynonymTable& DefaultSynonymTable() {
  static const SynonymTable* const kTable = [] {
    Result<SynonymTable> parsed = ParseSynonymTable(DefaultSynonymsText());
    return new SynonymTable(parsed.ok() ? std::move(parsed).value() : SynonymTable());
  }();
  return *kTable;
}

}  // namespace gongshu
