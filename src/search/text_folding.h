// Folding text for search: the same text written in different forms becomes the same text.
//
// Three folds, in this order (docs/search.md, "Folding"):
//   1. NFKC with Unicode case folding (ICU's NFKC_Casefold): full-width letters, digits and
//      punctuation become their ASCII forms, compatibility characters are decomposed (㎏ → kg),
//      letters are case-folded (GDP → gdp, Straße → strasse) and default-ignorable characters
//      (zero-width spaces, soft hyphens, variation selectors) disappear.
//   2. Traditional → Simplified Chinese with ICU's "Traditional-Simplified" transliterator
//      (醫療 → 医疗), one character at a time, so the result never depends on the neighbours.
//   3. Every byte sequence that is not UTF-8 (stray bytes, truncated sequences, encoded
//      surrogates, overlong forms) becomes U+FFFD, which the analyzer treats as a separator.
//
// Internal to the search part; other parts call analyzer.h and query.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

// Folded text with, for every UTF-16 code unit of the result, the bytes of the original UTF-8
// text it came from. One original character may give several folded units (㈱ → "(株)"), all of
// which point at that character; characters that fold to nothing leave no units.
struct FoldedText {
  std::u16string text;
  std::vector<int32_t> source_begin;  // byte offset in the original text, one per unit of `text`
  std::vector<int32_t> source_end;    // one past the last byte, one per unit of `text`
};

// Folds `utf8` as described at the top of this file and records where each folded unit came
// from. Never fails: invalid bytes become U+FFFD (mapped to the bytes they replace). Input beyond
// the first 2^31 - 1 bytes is ignored. When ICU lacks the transliterator data, step 2 is skipped.
// Thread-safe: each thread uses its own transliterator and cache.
FoldedText FoldWithSourceMap(std::string_view utf8);

// The folded text alone, as UTF-8 (always valid UTF-8). Same guarantees as FoldWithSourceMap.
std::string FoldForSearch(std::string_view utf8);

// Ok when ICU has the normalization and Traditional-Simplified data the folds rely on; otherwise
// Internal naming what is missing.
Status CheckFoldingAvailable();

}  // namespace gongshu
