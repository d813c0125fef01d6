// The search analyzer: the one definition of the tokens a text is indexed under and of the token
// sequences (FTS5 phrases) that find a piece of text again. docs/search.md describes the scheme;
// in short, for text that has been folded (search/text_folding.h) and split into words by ICU's
// dictionary-based word break for Chinese:
//   - a Latin, digit or other non-CJK word is one token ("gdp", "2024", "3.14");
//   - every CJK character is one token in sequence (unigram), carrying, at the same position
//     (FTS5_TOKEN_COLOCATED), the bigram it starts with the character directly after it, and,
//     when both characters lie inside one word, the same bigram behind the word marker "#";
//   - punctuation, symbols, spaces and invalid bytes produce no token and break bigrams.
// A "word" for the marker is an ICU word, except that adjacent one-character ICU words are taken
// together as one word: that is how ICU splits words its dictionary lacks (公交 → 公|交).
//
// Every function here is thread-safe (ICU objects are per thread) and never fails: on input that
// is not UTF-8 the invalid bytes are skipped. Offsets are byte offsets into the original input.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

// Marks a bigram whose two characters lie inside one word.
inline constexpr std::string_view kWordBigramMarker = "#";

// Words longer than this many bytes (after folding) are cut at a character boundary: long
// strings of letters are identifiers or noise, and cutting them keeps the index small.
inline constexpr size_t kMaxWordBytes = 64;

enum class SearchUnitKind {
  kCjkCharacter,  // one Chinese or Japanese character (with any combining marks after it)
  kWord,          // a Latin, digit or other non-CJK word
};

// One unit of searchable text, folded.
struct SearchUnit {
  std::string text;  // folded UTF-8; never empty, never contains whitespace or NUL
  size_t begin = 0;  // byte offsets of the unit in the original text: [begin, end)
  size_t end = 0;
  SearchUnitKind kind = SearchUnitKind::kWord;
  bool follows_directly = false;  // nothing at all lies between the previous unit and this one
  int icu_word = 0;  // index of the ICU word the unit belongs to; increases along the text
  int word = 0;      // index of the word for the marker (one-character ICU words merged)
};

// The units of `text` in order.
std::vector<SearchUnit> SplitIntoUnits(std::string_view text);

// One token as FTS5 receives it from a document.
struct IndexToken {
  std::string text;
  size_t begin = 0;        // byte offsets in the original text; begin never falls before the end of
  size_t end = 0;          // the previous non-colocated token, as FTS5's highlight() requires
  bool colocated = false;  // at the same position as the previous token (FTS5_TOKEN_COLOCATED)
};

// The index tokens of `text`, as described at the top of this file.
std::vector<IndexToken> AnalyzeForIndex(std::string_view text);

// The phrases (token sequences) that find the text of `units` in a document where it occurs as
// consecutive units. The first phrase finds it anywhere; when `units` are two or more CJK
// characters that follow each other directly and form one word (SearchUnit::word), a second
// phrase finds it only where all of them lie inside one word of the document (documents matching
// both rank higher). A phrase ends with the last character's
// own token so that highlight() covers the whole match. Empty when `units` is empty.
std::vector<std::vector<std::string>> PhrasesFor(std::span<const SearchUnit> units);

// Ok when ICU has the word-break and folding data the analyzer relies on; otherwise Internal
// naming what is missing (the analyzer then finds no tokens at all or skips folding steps).
Status CheckAnalyzerAvailable();

}  // namespace gongshu
