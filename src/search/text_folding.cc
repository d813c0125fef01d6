#include "search/text_folding.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace gongshu {
namespace {

constexpr char16_t kReplacementCharacter = 0xFFFD;
// Distinct characters remembered per thread before the cache starts over; Chinese text uses a few
// thousand, so the bound only matters for hostile input cycling through all of Unicode.
constexpr size_t kMaxCachedCharacters = 1 << 16;

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const kNormalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? normalizer : nullptr;
  }();
  return kNormalizer;
}

// ICU transliterators are not thread-safe, so each thread clones its own from one prototype.
// The prototype is only read (cloned) under the mutex.
class TransliteratorSource {
 public:
  TransliteratorSource() {
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8("Traditional-Simplified"), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) prototype_.reset();
  }
  bool available() const { return prototype_ != nullptr; }
  std::unique_ptr<icu::Transliterator> Clone() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (prototype_ == nullptr) return nullptr;
    return std::unique_ptr<icu::Transliterator>(prototype_->clone());
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<icu::Transliterator> prototype_;
};

TransliteratorSource& Transliterators() {
  static TransliteratorSource* const kSource = new TransliteratorSource();
  return *kSource;
}

icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = Transliterators().Clone();
  return transliterator.get();
}

bool ContainsHan(const icu::UnicodeString& text) {
  for (int32_t index = 0; index < text.length();) {
    UChar32 code_point = text.char32At(index);
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(code_point, &status) == USCRIPT_HAN) return true;
    index += U16_LENGTH(code_point);
  }
  return false;
}

// Folds one normalization segment (text between two NFKC_Casefold boundaries), so that folding
// segment by segment gives the same text as normalizing the whole string.
std::u16string FoldSegmentUncached(const std::u16string& segment) {
  icu::UnicodeString text(segment.data(), static_cast<int32_t>(segment.size()));
  if (const icu::Normalizer2* normalizer = NfkcCasefold(); normalizer != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = normalizer->normalize(text, status);
    if (U_SUCCESS(status)) text = normalized;
  }
  if (ContainsHan(text)) {
    if (icu::Transliterator* transliterator = ThreadTransliterator(); transliterator != nullptr) {
      transliterator->transliterate(text);
    }
  }
  return std::u16string(text.getBuffer(), static_cast<size_t>(text.length()));
}

const std::u16string& FoldCharacter(UChar32 code_point, const std::u16string& segment) {
  thread_local std::unordered_map<UChar32, std::u16string> cache;
  if (auto found = cache.find(code_point); found != cache.end()) return found->second;
  if (cache.size() >= kMaxCachedCharacters) cache.clear();
  return cache.emplace(code_point, FoldSegmentUncached(segment)).first->second;
}

void AppendFolded(std::u16string_view folded, int32_t begin, int32_t end, FoldedText& out) {
  out.text.append(folded);
  out.source_begin.insert(out.source_begin.end(), folded.size(), begin);
  out.source_end.insert(out.source_end.end(), folded.size(), end);
}

}  // namespace

FoldedText FoldWithSourceMap(std::string_view utf8) {
  FoldedText folded;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  folded.text.reserve(static_cast<size_t>(length));
  folded.source_begin.reserve(static_cast<size_t>(length));
  folded.source_end.reserve(static_cast<size_t>(length));

  const icu::Normalizer2* normalizer = NfkcCasefold();
  std::u16string segment;
  UChar32 segment_first = 0;
  int32_t segment_begin = 0;
  int32_t segment_end = 0;
  auto flush_segment = [&] {
    if (segment.empty()) return;
    if (segment_first < 0x80 && segment.size() == 1) {
      // ASCII alone in its segment: NFKC_Casefold only lowercases letters.
      char16_t lowered = static_cast<char16_t>(segment_first >= 'A' && segment_first <= 'Z'
                                                   ? segment_first + ('a' - 'A')
                                                   : segment_first);
      AppendFolded(std::u16string_view(&lowered, 1), segment_begin, segment_end, folded);
    } else if (static_cast<size_t>(U16_LENGTH(segment_first)) == segment.size()) {
      AppendFolded(FoldCharacter(segment_first, segment), segment_begin, segment_end, folded);
    } else {
      AppendFolded(FoldSegmentUncached(segment), segment_begin, segment_end, folded);
    }
    segment.clear();
  };

  int32_t index = 0;
  while (index < length) {
    const int32_t begin = index;
    UChar32 code_point = 0;
    U8_NEXT(bytes, index, length, code_point);
    if (code_point < 0) {
      flush_segment();
      AppendFolded(std::u16string_view(&kReplacementCharacter, 1), begin, index, folded);
      continue;
    }
    if (normalizer == nullptr || normalizer->hasBoundaryBefore(code_point)) {
      flush_segment();
      segment_first = code_point;
      segment_begin = begin;
    } else if (segment.empty()) {
      // A combining character after a separator or at the start still begins a segment.
      segment_first = code_point;
      segment_begin = begin;
    }
    if (U_IS_BMP(code_point)) {
      segment.push_back(static_cast<char16_t>(code_point));
    } else {
      segment.push_back(U16_LEAD(code_point));
      segment.push_back(U16_TRAIL(code_point));
    }
    segment_end = index;
  }
  flush_segment();
  return folded;
}

std::string FoldForSearch(std::string_view utf8) {
  FoldedText folded = FoldWithSourceMap(utf8);
  std::string result;
  icu::UnicodeString(folded.text.data(), static_cast<int32_t>(folded.text.size()))
      .toUTF8String(result);
  return result;
}

Status CheckFoldingAvailable() {
  if (NfkcCasefold() == nullptr) {
    return Status::Internal("ICU data lacks the NFKC_Casefold normalization");
  }
  if (!Transliterators().available()) {
    return Status::Internal("ICU data lacks the Traditional-Simplified transliterator");
  }
  return Status::Ok();
}

}  // namespace gongshu
