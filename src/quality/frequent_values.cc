#include "quality/frequent_values.h"

#include <algorithm>
#include <bit>

namespace gongshu::quality {
namespace {

// `text` cut to at most `limit` bytes without splitting a UTF-8 character.
std::string_view CutAtCharacter(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that was cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

FrequentValues::FrequentValues(size_t capacity)
    : capacity_(capacity), slots_(std::bit_ceil(capacity * 2), -1), slot_mask_(slots_.size() - 1) {
  hashes_.reserve(capacity);
  counts_.reserve(capacity);
  errors_.reserve(capacity);
  values_.reserve(capacity);
  min_positions_.reserve(capacity);
}

int FrequentValues::Find(std::uint64_t hash) const {
  for (size_t slot = HomeSlot(hash);; slot = (slot + 1) & slot_mask_) {
    int counter = slots_[slot];
    if (counter < 0 || hashes_[counter] == hash) return counter;
  }
}

void FrequentValues::InsertIntoIndex(int counter) {
  size_t slot = HomeSlot(hashes_[counter]);
  while (slots_[slot] >= 0) slot = (slot + 1) & slot_mask_;
  slots_[slot] = counter;
}

void FrequentValues::EraseFromIndex(std::uint64_t hash) {
  size_t slot = HomeSlot(hash);
  while (hashes_[slots_[slot]] != hash) slot = (slot + 1) & slot_mask_;
  // Backward-shift deletion: move later entries of the probe run into the hole when their home
  // slot does not lie between the hole and where they are.
  size_t hole = slot;
  for (size_t next = (hole + 1) & slot_mask_; slots_[next] >= 0; next = (next + 1) & slot_mask_) {
    size_t home = HomeSlot(hashes_[slots_[next]]);
    if (((next - home) & slot_mask_) >= ((next - hole) & slot_mask_)) {
      slots_[hole] = slots_[next];
      hole = next;
    }
  }
  slots_[hole] = -1;
}

void FrequentValues::StoreValue(int counter, std::string_view value) {
  // assign() reuses the string's buffer when it is large enough.
  values_[counter].assign(CutAtCharacter(value, kMaxStoredBytes));
}

void FrequentValues::AddCounter(std::uint64_t hash, std::uint64_t count, std::string_view value) {
  int counter = static_cast<int>(hashes_.size());
  hashes_.push_back(hash);
  counts_.push_back(count);
  errors_.push_back(0);
  values_.emplace_back();
  min_positions_.push_back(-1);
  StoreValue(counter, value);
  InsertIntoIndex(counter);
}

void FrequentValues::Increment(int counter, std::uint64_t weight) {
  int position = min_positions_[counter];
  if (position >= 0) {
    // Leaves the set of smallest counters: swap-remove.
    int last = min_counters_.back();
    min_counters_[position] = last;
    min_positions_[last] = position;
    min_counters_.pop_back();
    min_positions_[counter] = -1;
  }
  counts_[counter] += weight;
}

int FrequentValues::TakeSmallest() {
  if (min_counters_.empty()) {
    std::uint64_t smallest = *std::min_element(counts_.begin(), counts_.end());
    for (int counter = 0; counter < static_cast<int>(counts_.size()); ++counter) {
      if (counts_[counter] == smallest) {
        min_positions_[counter] = static_cast<int>(min_counters_.size());
        min_counters_.push_back(counter);
      }
    }
  }
  int counter = min_counters_.back();
  min_counters_.pop_back();
  min_positions_[counter] = -1;
  return counter;
}

void FrequentValues::Add(std::string_view value, std::uint64_t hash, std::uint64_t weight) {
  int found = Find(hash);
  if (found >= 0) {
    Increment(found, weight);
    return;
  }
  if (hashes_.size() < capacity_) {
    AddCounter(hash, weight, value);
    return;
  }
  int replaced = TakeSmallest();
  EraseFromIndex(hashes_[replaced]);
  hashes_[replaced] = hash;
  errors_[replaced] = counts_[replaced];
  counts_[replaced] += weight;
  StoreValue(replaced, value);
  InsertIntoIndex(replaced);
}

void FrequentValues::Seed(std::string_view value, std::uint64_t hash, std::uint64_t count) {
  AddCounter(hash, count, value);
}

std::vector<FrequentValue> FrequentValues::Top(size_t limit) const {
  std::vector<FrequentValue> top;
  top.reserve(hashes_.size());
  for (size_t counter = 0; counter < hashes_.size(); ++counter) {
    top.push_back(FrequentValue{values_[counter], counts_[counter], errors_[counter]});
  }
  std::sort(top.begin(), top.end(), [](const FrequentValue& a, const FrequentValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (top.size() > limit) top.resize(limit);
  return top;
}

}  // namespace gongshu::quality
