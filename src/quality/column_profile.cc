#include "quality/column_profile.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include "quality/frequent_values.h"
#include "quality/hyper_log_log.h"

namespace gongshu::quality {
namespace {

using std::chrono::year_month_day;
using tabular::ColumnType;

// Character classes of a byte, OR-ed over a value to pick the validators worth running.
constexpr std::uint32_t kDigit = 1u << 0;
constexpr std::uint32_t kUpper = 1u << 1;
constexpr std::uint32_t kLower = 1u << 2;
constexpr std::uint32_t kSpace = 1u << 3;
constexpr std::uint32_t kDash = 1u << 4;
constexpr std::uint32_t kPlus = 1u << 5;
constexpr std::uint32_t kAt = 1u << 6;
constexpr std::uint32_t kDot = 1u << 7;
constexpr std::uint32_t kSlash = 1u << 8;
constexpr std::uint32_t kParenthesis = 1u << 9;
constexpr std::uint32_t kHigh = 1u << 10;  // a byte of a multi-byte UTF-8 character
constexpr std::uint32_t kOther = 1u << 11;

constexpr std::array<std::uint32_t, 256> kClassOfByte = [] {
  std::array<std::uint32_t, 256> classes{};
  for (int byte = 0; byte < 256; ++byte) {
    std::uint32_t value = kOther;
    if (byte >= '0' && byte <= '9') {
      value = kDigit;
    } else if (byte >= 'A' && byte <= 'Z') {
      value = kUpper;
    } else if (byte >= 'a' && byte <= 'z') {
      value = kLower;
    } else if (byte == ' ') {
      value = kSpace;
    } else if (byte == '-') {
      value = kDash;
    } else if (byte == '+') {
      value = kPlus;
    } else if (byte == '@') {
      value = kAt;
    } else if (byte == '.') {
      value = kDot;
    } else if (byte == '/') {
      value = kSlash;
    } else if (byte == '(' || byte == ')') {
      value = kParenthesis;
    } else if (byte >= 0x80) {
      value = kHigh;
    }
    classes[byte] = value;
  }
  return classes;
}();

// Sample values are kept up to this many bytes.
constexpr size_t kMaxSampleBytes = 256;

// Shapes are counted for values of up to this many bytes.
constexpr size_t kMaxShapeLength = 40;

// ValueTraits: what one value is, packed in 32 bits so the exact phase can keep it per distinct
// value. Bits 0-7: the validator kinds that accept it (bit = ValueKind); bit 8: not of the
// column's type; bits 16-23: its shape's length (0: no shape); bit 24: the shape is alnum(N)
// rather than digits(N).
constexpr std::uint32_t kKindTraits = 0xFF;
constexpr std::uint32_t kNotOfTypeTrait = 1u << 8;
constexpr int kShapeLengthShift = 16;
constexpr std::uint32_t kShapeLengthTraits = 0xFFu << kShapeLengthShift;
constexpr std::uint32_t kAlnumShapeTrait = 1u << 24;
static_assert(kValueKindCount <= 8);

// Past the exact phase the top-value sketch sees one cell in 2^kSketchSamplingBits.
constexpr int kSketchSamplingBits = 3;
constexpr std::uint64_t kSketchSampling = std::uint64_t{1} << kSketchSamplingBits;

// The 64-bit hash of a text: the standard library's string hash, finished with the splitmix64
// mixer because HyperLogLog and the hash tables read its top and bottom bits.
std::uint64_t HashText(std::string_view text) {
  std::uint64_t hash = std::hash<std::string_view>{}(text);
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash;
}

std::string_view TrimAscii(std::string_view text) {
  auto is_blank = [](char symbol) {
    return symbol == ' ' || symbol == '\t' || symbol == '\r' || symbol == '\n';
  };
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// `text` cut to at most `limit` bytes without splitting a UTF-8 character.
std::string CutAtCharacter(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

int TwoDigits(std::string_view text, size_t at) {
  char high = text[at];
  char low = text[at + 1];
  if (high < '0' || high > '9' || low < '0' || low > '9') return -1;
  return (high - '0') * 10 + (low - '0');
}

// Microseconds since 1970-01-01T00:00:00Z of "YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM]" (the
// datetime form of tabular/column_type.h); a value without a zone is read as UTC. Digits of the
// fraction past the sixth are ignored.
std::optional<std::int64_t> DateTimeKey(std::string_view text) {
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':' || text[4] != '-') {
    return std::nullopt;
  }
  std::optional<year_month_day> date = ParseDate(text.substr(0, 10));
  int hour = TwoDigits(text, 11);
  int minute = TwoDigits(text, 14);
  int second = TwoDigits(text, 17);
  if (!date || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  std::int64_t micros = 0;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (rest.front() - '0');
        ++digits;
      }
      rest.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  std::int64_t offset_seconds = 0;
  if (rest == "Z") {
    rest = {};
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int zone_hours = TwoDigits(rest, 1);
    int zone_minutes = TwoDigits(rest, 4);
    if (zone_hours < 0 || zone_hours > 14 || zone_minutes < 0 || zone_minutes > 59) {
      return std::nullopt;
    }
    offset_seconds = (zone_hours * 3600 + zone_minutes * 60) * (rest[0] == '-' ? -1 : 1);
    rest = {};
  }
  if (!rest.empty()) return std::nullopt;
  std::int64_t days = std::chrono::sys_days(*date).time_since_epoch().count();
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * 1000000 + micros;
}

// The distinct values seen so far with their exact counts: an open-addressing table of
// (hash, count, text) whose texts live in one growing buffer, so a value seen before costs a
// probe and a compare, and a new one an append.
class ExactCounts {
 public:
  struct Entry {
    std::uint64_t hash = 0;
    std::uint64_t count = 0;  // 0: empty slot
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t traits = 0;  // what the value is (ValueTraits), filled in by the caller
  };

  ExactCounts(size_t max_values, size_t max_bytes)
      : max_values_(max_values),
        max_bytes_(std::min<size_t>(max_bytes, std::numeric_limits<std::uint32_t>::max())),
        slots_(64) {}

  // Counts one occurrence of `text` and returns its entry; `inserted` tells whether the value is
  // new. Returns nullptr, changing nothing, when `text` is new and keeping it would pass the
  // limits. The entry stays valid until the next call.
  Entry* Add(std::string_view text, std::uint64_t hash, bool& inserted) {
    size_t mask = slots_.size() - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      Entry& entry = slots_[slot];
      if (entry.count == 0) {
        if (size_ >= max_values_ || texts_.size() + text.size() > max_bytes_) return nullptr;
        if ((size_ + 1) * 2 > slots_.size()) {
          Grow();
          return Add(text, hash, inserted);
        }
        entry = Entry{hash, 1, static_cast<std::uint32_t>(texts_.size()),
                      static_cast<std::uint32_t>(text.size()), 0};
        texts_.append(text);
        ++size_;
        inserted = true;
        return &entry;
      }
      if (entry.hash == hash && entry.length == text.size() &&
          std::memcmp(texts_.data() + entry.offset, text.data(), text.size()) == 0) {
        ++entry.count;
        inserted = false;
        return &entry;
      }
    }
  }

  size_t size() const { return size_; }
  std::string_view Text(const Entry& entry) const {
    return std::string_view(texts_).substr(entry.offset, entry.length);
  }

  // The entries in use, ordered by count descending, then text; at most `limit`.
  std::vector<const Entry*> Largest(size_t limit) const {
    std::vector<const Entry*> entries;
    entries.reserve(size_);
    for (const Entry& entry : slots_) {
      if (entry.count > 0) entries.push_back(&entry);
    }
    auto before = [this](const Entry* a, const Entry* b) {
      return a->count != b->count ? a->count > b->count : Text(*a) < Text(*b);
    };
    size_t kept = std::min(limit, entries.size());
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(kept),
                      entries.end(), before);
    entries.resize(kept);
    return entries;
  }

  template <typename Visit>
  void ForEach(Visit visit) const {
    for (const Entry& entry : slots_) {
      if (entry.count > 0) visit(entry);
    }
  }

 private:
  void Grow() {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.size() * 2, Entry{});
    size_t mask = slots_.size() - 1;
    for (const Entry& entry : old) {
      if (entry.count == 0) continue;
      size_t slot = entry.hash & mask;
      while (slots_[slot].count != 0) slot = (slot + 1) & mask;
      slots_[slot] = entry;
    }
  }

  size_t max_values_;
  size_t max_bytes_;
  std::vector<Entry> slots_;  // a power of two long, at most half full
  std::string texts_;
  size_t size_ = 0;
};

}  // namespace

class ColumnProfiler::State {
 public:
  State(ColumnType type, year_month_day as_of, ProfileLimits limits)
      : type_(type),
        as_of_(as_of),
        limits_(limits),
        exact_(std::make_unique<ExactCounts>(limits.exact_distinct_values,
                                             limits.exact_distinct_bytes)) {}

  void Add(const tabular::Cell& cell) {
    ++count_;
    if (cell.is_null) {
      ++nulls_;
      return;
    }
    std::string_view text = cell.text;
    if (sample_.size() < limits_.sample_values) {
      sample_.push_back(CutAtCharacter(text, kMaxSampleBytes));
    }
    std::uint64_t hash = HashText(text);
    if (exact_ != nullptr) {
      bool inserted = false;
      if (ExactCounts::Entry* entry = exact_->Add(text, hash, inserted)) {
        // What a value is depends on its text alone: work it out once per distinct value and
        // count a repeat from the entry. The range needs no update for a repeat either.
        if (inserted) entry->traits = Examine(text);
        Count(entry->traits);
        return;
      }
      SwitchToSketches(text, hash);
    } else {
      distinct_->Add(hash);
      // The sketch sees one cell in kSketchSampling, each standing for kSketchSampling cells:
      // replacing a counter for every cell of a column of unique values was most of the cost.
      if (NextDraw() >> (64 - kSketchSamplingBits) == 0) {
        frequent_->Add(text, hash, kSketchSampling);
      }
    }
    Count(Examine(text));
  }

  ColumnProfile Finish() const {
    ColumnProfile profile;
    profile.type = type_;
    profile.count = count_;
    profile.nulls = nulls_;
    profile.not_of_type = not_of_type_;
    if (has_range_) {
      profile.min = min_text_;
      profile.max = max_text_;
    }
    if (exact_ != nullptr) {
      profile.distinct = exact_->size();
      for (const ExactCounts::Entry* entry : exact_->Largest(limits_.top_values)) {
        profile.top_values.push_back(
            TopValue{CutAtCharacter(exact_->Text(*entry), FrequentValues::kMaxStoredBytes),
                     entry->count, 0});
      }
    } else {
      profile.distinct = static_cast<std::uint64_t>(std::llround(distinct_->Estimate()));
      profile.distinct_is_estimate = true;
      // Only values the sketch knows to repeat: a counter whose guaranteed count is below two
      // sampled cells may hold a value sampled once, which says nothing about the column.
      for (FrequentValue& value : frequent_->Top(limits_.top_value_counters)) {
        if (value.count - value.error < 2 * kSketchSampling) continue;
        profile.top_values.push_back(TopValue{std::move(value.value), value.count, value.error});
        if (profile.top_values.size() == limits_.top_values) break;
      }
      profile.top_values_are_estimates = true;
    }
    profile.matches = matches_;
    profile.pattern = Pattern();
    profile.sample = sample_;
    return profile;
  }

 private:
  // The exact phase is over: every distinct value so far goes into the HyperLogLog sketch (which
  // ignores repeats, so this equals having fed it every cell), the most frequent ones seed the
  // space-saving sketch, and the exact table is released.
  // xorshift64*: the seeded draws that pick the cells the sketch sees (the same cells on every
  // run, so a profile is reproducible).
  std::uint64_t NextDraw() {
    draw_state_ ^= draw_state_ >> 12;
    draw_state_ ^= draw_state_ << 25;
    draw_state_ ^= draw_state_ >> 27;
    return draw_state_ * 0x2545F4914F6CDD1DULL;
  }

  void SwitchToSketches(std::string_view text, std::uint64_t hash) {
    distinct_ = std::make_unique<HyperLogLog>();
    frequent_ = std::make_unique<FrequentValues>(limits_.top_value_counters);
    exact_->ForEach([this](const ExactCounts::Entry& entry) { distinct_->Add(entry.hash); });
    for (const ExactCounts::Entry* entry : exact_->Largest(limits_.top_value_counters)) {
      frequent_->Seed(exact_->Text(*entry), entry->hash, entry->count);
    }
    exact_.reset();
    distinct_->Add(hash);
    frequent_->Add(text, hash);
  }

  // Widens the range by `text`; false when `text` is not a value of the column's type.
  bool UpdateRange(std::string_view text) {
    switch (type_) {
      case ColumnType::kString:
        if (!has_range_ || text < min_text_) min_text_.assign(text);
        if (!has_range_ || text > max_text_) max_text_.assign(text);
        has_range_ = true;
        return true;
      case ColumnType::kDecimal: {
        double value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
          return false;
        }
        if (!has_range_ || value < min_real_) {
          min_real_ = value;
          min_text_.assign(text);
        }
        if (!has_range_ || value > max_real_) {
          max_real_ = value;
          max_text_.assign(text);
        }
        has_range_ = true;
        return true;
      }
      case ColumnType::kInteger:
      case ColumnType::kBoolean:
      case ColumnType::kDate:
      case ColumnType::kDateTime: {
        std::optional<std::int64_t> key = IntegerKey(text);
        if (!key) return false;
        if (!has_range_ || *key < min_key_) {
          min_key_ = *key;
          min_text_.assign(text);
        }
        if (!has_range_ || *key > max_key_) {
          max_key_ = *key;
          max_text_.assign(text);
        }
        has_range_ = true;
        return true;
      }
    }
    return false;
  }

  // The ordering key of a value of an integer-keyed type; nullopt when it is not one.
  std::optional<std::int64_t> IntegerKey(std::string_view text) const {
    switch (type_) {
      case ColumnType::kInteger: {
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
        return value;
      }
      case ColumnType::kBoolean:
        if (text == "false") return 0;
        if (text == "true") return 1;
        return std::nullopt;
      case ColumnType::kDate: {
        std::optional<year_month_day> date = ParseDate(text);
        if (!date) return std::nullopt;
        return std::chrono::sys_days(*date).time_since_epoch().count();
      }
      case ColumnType::kDateTime:
        return DateTimeKey(text);
      default:
        return std::nullopt;
    }
  }

  // Widens the range by one value and says what it is, as ValueTraits.
  std::uint32_t Examine(std::string_view text) {
    std::uint32_t traits = Classify(TrimAscii(text));
    if (!UpdateRange(text)) traits |= kNotOfTypeTrait;
    return traits;
  }

  // Counts one value with the given traits.
  void Count(std::uint32_t traits) {
    if (traits & kNotOfTypeTrait) ++not_of_type_;
    for (std::uint32_t kinds = traits & kKindTraits; kinds != 0; kinds &= kinds - 1) {
      ++matches_[std::countr_zero(kinds)];
    }
    std::uint32_t shape_length = (traits & kShapeLengthTraits) >> kShapeLengthShift;
    if (shape_length != 0) {
      ++(traits & kAlnumShapeTrait ? alnum_shapes_ : digit_shapes_)[shape_length];
    }
  }

  // The traits of one trimmed value: its shape and the validators that accept it. Each validator
  // runs only when the value's length, first byte and character classes allow a match.
  std::uint32_t Classify(std::string_view text) const {
    size_t length = text.size();
    if (length == 0) return 0;
    std::uint32_t traits = 0;
    auto accept = [&traits](ValueKind kind) { traits |= 1u << static_cast<int>(kind); };
    std::uint32_t classes = 0;
    for (char symbol : text) classes |= kClassOfByte[static_cast<unsigned char>(symbol)];
    char first = text.front();
    bool first_is_digit = first >= '0' && first <= '9';
    bool alphanumeric = (classes & ~(kDigit | kUpper | kLower)) == 0;

    if (length <= kMaxShapeLength && alphanumeric) {
      traits |= static_cast<std::uint32_t>(length) << kShapeLengthShift;
      if (classes != kDigit) traits |= kAlnumShapeTrait;
    }
    if (length == 18 && alphanumeric) {
      // A citizen ID number is taken for nothing else: the USCC and bank card forms overlap
      // with it only by chance (1 in 31, 1 in 10), and such matches would only blur the counts.
      if (first_is_digit && IsCitizenId(text, as_of_)) {
        accept(ValueKind::kCitizenId);
        return traits;
      }
      if ((classes & kLower) == 0 && IsUscc(text)) accept(ValueKind::kUscc);
    }
    bool phone_characters =
        (classes & kDigit) != 0 && (classes & ~(kDigit | kSpace | kDash | kPlus)) == 0;
    if (phone_characters && length >= 11 && length <= 21 &&
        (first == '1' || first == '+' || first == '0') && IsMobile(text)) {
      accept(ValueKind::kMobile);
    }
    if ((classes & kDigit) != 0 && (classes & (kUpper | kAt | kDot | kSlash)) == 0 &&
        length >= 10 && length <= 40 &&
        (first == '0' || first == '+' || first == '(' || first == '\xEF') && IsLandline(text)) {
      accept(ValueKind::kLandline);
    }
    if ((classes & ~(kDigit | kSpace)) == 0 && first_is_digit && length >= 16 && length <= 37 &&
        IsBankCard(text)) {
      accept(ValueKind::kBankCard);
    }
    if ((classes & kAt) != 0 && length >= 6 && IsEmail(text)) accept(ValueKind::kEmail);
    // Dates are 8 digits, 10 characters with - or /, or 12-17 bytes with 年月日.
    bool date_shape = (length == 8 && classes == kDigit) ||
                      (length == 10 && (classes & ~(kDigit | kDash | kSlash)) == 0 &&
                       (classes & (kDash | kSlash)) != 0) ||
                      (length >= 12 && length <= 17 && (classes & ~(kDigit | kHigh)) == 0);
    if (first_is_digit && date_shape && IsDate(text)) accept(ValueKind::kDate);
    if (length == 6 && classes == kDigit && IsDivisionCode(text)) accept(ValueKind::kDivisionCode);
    return traits;
  }

  std::string Pattern() const {
    std::uint64_t non_null = count_ - nulls_;
    if (non_null == 0) return "";
    ValueKind best = kValueKinds[0];
    for (ValueKind kind : kValueKinds) {
      if (matches_[static_cast<int>(kind)] > matches_[static_cast<int>(best)]) best = kind;
    }
    if (matches_[static_cast<int>(best)] * 2 > non_null) return std::string(ValueKindName(best));
    for (size_t length = 1; length <= kMaxShapeLength; ++length) {
      if (digit_shapes_[length] * 2 > non_null) return "digits(" + std::to_string(length) + ")";
      if (alnum_shapes_[length] * 2 > non_null) return "alnum(" + std::to_string(length) + ")";
    }
    return "";
  }

  ColumnType type_;
  year_month_day as_of_;
  ProfileLimits limits_;
  std::uint64_t count_ = 0;
  std::uint64_t nulls_ = 0;
  std::uint64_t not_of_type_ = 0;
  // Distinct values and top values: exact_ until it overflows, then the two sketches.
  std::unique_ptr<ExactCounts> exact_;
  std::unique_ptr<HyperLogLog> distinct_;
  std::unique_ptr<FrequentValues> frequent_;
  std::uint64_t draw_state_ = 0x9E3779B97F4A7C15ULL;
  // Range: the key of the smallest and largest value by type, and their texts.
  bool has_range_ = false;
  std::int64_t min_key_ = 0;
  std::int64_t max_key_ = 0;
  double min_real_ = 0;
  double max_real_ = 0;
  std::string min_text_;
  std::string max_text_;
  std::array<std::uint64_t, kValueKindCount> matches_{};
  std::array<std::uint64_t, kMaxShapeLength + 1> digit_shapes_{};
  std::array<std::uint64_t, kMaxShapeLength + 1> alnum_shapes_{};
  std::vector<std::string> sample_;
};

ColumnProfiler::ColumnProfiler(ColumnType type, year_month_day as_of, ProfileLimits limits)
    : state_(std::make_unique<State>(type, as_of, limits)) {}
ColumnProfiler::~ColumnProfiler() = default;
ColumnProfiler::ColumnProfiler(ColumnProfiler&&) noexcept = default;
ColumnProfiler& ColumnProfiler::operator=(ColumnProfiler&&) noexcept = default;

void ColumnProfiler::Add(const tabular::Cell& cell) { state_->Add(cell); }

ColumnProfile ColumnProfiler::Finish() const { return state_->Finish(); }

}  // namespace gongshu::quality
