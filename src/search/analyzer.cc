#include "search/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "search/text_folding.h"

namespace gongshu {
namespace {

// ICU break iterators are not thread-safe, so each thread clones its own from one prototype.
class WordBreakerSource {
 public:
  WordBreakerSource() {
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) prototype_.reset();
  }
  bool available() const { return prototype_ != nullptr; }
  std::unique_ptr<icu::BreakIterator> Clone() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (prototype_ == nullptr) return nullptr;
    return std::unique_ptr<icu::BreakIterator>(prototype_->clone());
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<icu::BreakIterator> prototype_;
};

WordBreakerSource& WordBreakers() {
  static WordBreakerSource* const kSource = new WordBreakerSource();
  return *kSource;
}

icu::BreakIterator* ThreadWordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = WordBreakers().Clone();
  return breaker.get();
}

std::string ToUtf8(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  std::string utf8;
  text.tempSubStringBetween(begin, end).toUTF8String(utf8);
  return utf8;
}

// Cuts `word` to at most kMaxWordBytes without splitting a character.
void TruncateWord(std::string& word) {
  if (word.size() <= kMaxWordBytes) return;
  size_t cut = kMaxWordBytes;
  while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
  word.resize(cut);
}

bool IsCjkStatus(int32_t rule_status) {
  return rule_status >= UBRK_WORD_KANA && rule_status < UBRK_WORD_IDEO_LIMIT;
}

bool IsMark(UChar32 code_point) { return (U_GET_GC_MASK(code_point) & U_GC_M_MASK) != 0; }

// Gives each unit the number of its word for the marker: an ICU word, with runs of directly
// adjacent one-character CJK words taken as one word.
void AssignWords(std::vector<SearchUnit>& units) {
  std::vector<int> icu_word_sizes(units.empty() ? 0 : units.back().icu_word + 1, 0);
  for (const SearchUnit& unit : units) ++icu_word_sizes[unit.icu_word];
  int word = -1;
  for (size_t index = 0; index < units.size(); ++index) {
    SearchUnit& unit = units[index];
    bool joins_previous = false;
    if (index > 0 && unit.kind == SearchUnitKind::kCjkCharacter && unit.follows_directly) {
      const SearchUnit& previous = units[index - 1];
      joins_previous =
          previous.kind == SearchUnitKind::kCjkCharacter &&
          (previous.icu_word == unit.icu_word ||
           (icu_word_sizes[previous.icu_word] == 1 && icu_word_sizes[unit.icu_word] == 1));
    }
    if (!joins_previous) ++word;
    unit.word = word;
  }
}

bool BigramFollows(std::span<const SearchUnit> units, size_t index) {
  return index + 1 < units.size() && units[index].kind == SearchUnitKind::kCjkCharacter &&
         units[index + 1].kind == SearchUnitKind::kCjkCharacter &&
         units[index + 1].follows_directly;
}

}  // namespace

std::vector<SearchUnit> SplitIntoUnits(std::string_view text) {
  std::vector<SearchUnit> units;
  FoldedText folded = FoldWithSourceMap(text);
  icu::BreakIterator* breaker = ThreadWordBreaker();
  if (breaker == nullptr || folded.text.empty()) return units;

  // A read-only alias: the breaker keeps a reference to it until the next setText.
  const icu::UnicodeString folded_text(false, folded.text.data(),
                                       static_cast<int32_t>(folded.text.size()));
  breaker->setText(folded_text);
  int32_t previous_unit_end = -1;  // in folded UTF-16 units
  int icu_word = -1;
  auto add_unit = [&](int32_t begin, int32_t end, SearchUnitKind kind) {
    SearchUnit unit;
    unit.text = ToUtf8(folded_text, begin, end);
    if (kind == SearchUnitKind::kWord) TruncateWord(unit.text);
    unit.begin = static_cast<size_t>(folded.source_begin[begin]);
    unit.end = static_cast<size_t>(folded.source_end[end - 1]);
    unit.kind = kind;
    unit.follows_directly = previous_unit_end == begin;
    unit.icu_word = icu_word;
    units.push_back(std::move(unit));
    previous_unit_end = end;
  };

  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    const int32_t rule_status = breaker->getRuleStatus();
    if (rule_status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    ++icu_word;
    if (!IsCjkStatus(rule_status)) {
      add_unit(start, end, SearchUnitKind::kWord);
      continue;
    }
    for (int32_t index = start; index < end;) {
      const UChar32 code_point = folded_text.char32At(index);
      const int32_t next = index + U16_LENGTH(code_point);
      if (IsMark(code_point) && !units.empty() && units.back().icu_word == icu_word) {
        // A combining mark belongs to the character before it.
        SearchUnit& previous = units.back();
        previous.text += ToUtf8(folded_text, index, next);
        previous.end = static_cast<size_t>(folded.source_end[next - 1]);
        previous_unit_end = next;
      } else {
        add_unit(index, next, SearchUnitKind::kCjkCharacter);
      }
      index = next;
    }
  }
  AssignWords(units);
  return units;
}

std::vector<IndexToken> AnalyzeForIndex(std::string_view text) {
  std::vector<SearchUnit> units = SplitIntoUnits(text);
  std::vector<IndexToken> tokens;
  tokens.reserve(units.size() * 3);
  size_t previous_end = 0;
  for (size_t index = 0; index < units.size(); ++index) {
    const SearchUnit& unit = units[index];
    // One original character may fold into several units (㍻ → 平成); they share its bytes, and
    // highlight() needs each token to start at or after the end of the one before.
    const size_t begin = std::max(unit.begin, previous_end);
    const size_t end = std::max(unit.end, begin);
    tokens.push_back(IndexToken{unit.text, begin, end, false});
    previous_end = end;
    if (!BigramFollows(units, index)) continue;
    const SearchUnit& next = units[index + 1];
    const size_t bigram_end = std::max(next.end, begin);
    std::string bigram = unit.text + next.text;
    tokens.push_back(IndexToken{bigram, begin, bigram_end, true});
    if (unit.word == next.word) {
      tokens.push_back(
          IndexToken{std::string(kWordBigramMarker) + bigram, begin, bigram_end, true});
    }
  }
  return tokens;
}

std::vector<std::vector<std::string>> PhrasesFor(std::span<const SearchUnit> units) {
  std::vector<std::vector<std::string>> phrases;
  if (units.empty()) return phrases;
  std::vector<std::string> anywhere;
  // Whether `units` are two or more CJK characters forming one word.
  bool one_word = units.size() >= 2;
  for (size_t index = 0; index < units.size(); ++index) {
    if (BigramFollows(units, index)) {
      anywhere.push_back(units[index].text + units[index + 1].text);
      if (units[index + 1].word != units[index].word) one_word = false;
    } else {
      anywhere.push_back(units[index].text);
      if (index + 1 < units.size()) one_word = false;
    }
  }
  if (units.back().kind != SearchUnitKind::kCjkCharacter) one_word = false;
  std::vector<std::string> inside_word;
  if (one_word) {
    for (size_t index = 0; index + 1 < units.size(); ++index) {
      inside_word.push_back(std::string(kWordBigramMarker) + anywhere[index]);
    }
    inside_word.push_back(units.back().text);
  }
  phrases.push_back(std::move(anywhere));
  if (!inside_word.empty()) phrases.push_back(std::move(inside_word));
  return phrases;
}

Status CheckAnalyzerAvailable() {
  if (!WordBreakers().available()) {
    return Status::Internal("ICU data lacks the Chinese word break iterator");
  }
  return CheckFoldingAvailable();
}

}  // namespace gongshu
