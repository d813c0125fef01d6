// FrequentValues: the most frequent values of a stream in bounded space, by the space-saving
// algorithm (Metwally, Agrawal, El Abbadi, "Efficient computation of frequent and top-k elements
// in data streams", 2005).
//
// The sketch keeps `capacity` counters. A value already counted is incremented; a new value
// takes a free counter, or else replaces a value with the smallest count m and starts at m + w
// (w its weight, usually 1) with error m. Guarantees, for a stream of total weight N: every value
// whose true count exceeds N / capacity is among the counters, and for each counter
//   count - error <= true count <= count.
// Values are told apart by their 64-bit hash (a collision merges two values; with well-mixed
// hashes its chance is negligible at any realistic number of distinct values).
//
// Cost per Add: one probe of a small hash index; a replacement takes the value with the smallest
// count in amortized constant time and copies at most kMaxStoredBytes of text into storage the
// counter already owns, so after warm-up Add does not allocate.
//
// Hand-written: Debian packages no C++ heavy-hitters sketch. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongshu::quality {

struct FrequentValue {
  std::string value;  // the text, cut to kMaxStoredBytes at a UTF-8 character boundary
  std::uint64_t count = 0;
  std::uint64_t error = 0;  // the count may exceed the true count by at most this
};

class FrequentValues {
 public:
  // Longer values are stored cut (still counted by the hash of their whole text).
  static constexpr size_t kMaxStoredBytes = 256;

  // REQUIRES: capacity >= 1.
  explicit FrequentValues(size_t capacity);

  // Counts `weight` occurrences of `value`, whose hash is `hash` (weighted space-saving: a
  // replaced counter starts at its old count plus `weight`). REQUIRES: weight >= 1.
  void Add(std::string_view value, std::uint64_t hash, std::uint64_t weight = 1);

  // Starts a counter at `count` with error 0, for values counted exactly before the sketch took
  // over. Seeding the `capacity` most frequent values of an exact count keeps the guarantees
  // above: every value left out had a count no larger than the smallest seeded one.
  // REQUIRES: `hash` is not counted yet and fewer than `capacity` counters are in use.
  void Seed(std::string_view value, std::uint64_t hash, std::uint64_t count);

  // Up to `limit` counters with the largest counts, by count descending, then by value.
  std::vector<FrequentValue> Top(size_t limit) const;

 private:
  int Find(std::uint64_t hash) const;  // counter index or -1
  void InsertIntoIndex(int counter);
  void EraseFromIndex(std::uint64_t hash);
  size_t HomeSlot(std::uint64_t hash) const { return static_cast<size_t>(hash) & slot_mask_; }
  void Increment(int counter, std::uint64_t weight);
  int TakeSmallest();
  void StoreValue(int counter, std::string_view value);
  void AddCounter(std::uint64_t hash, std::uint64_t count, std::string_view value);

  size_t capacity_;
  // The counters, one entry per counter in each array (hashes apart, for the probes).
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint64_t> counts_;
  std::vector<std::uint64_t> errors_;
  std::vector<std::string> values_;
  std::vector<int> min_positions_;  // index in min_counters_, or -1
  // Open addressing with linear probing: counter indices, -1 for an empty slot.
  std::vector<int> slots_;
  size_t slot_mask_;
  // The counters whose count equals the smallest count, once the sketch is full; refilled by a
  // scan when it runs empty (counts only grow, so a counter that leaves never comes back).
  std::vector<int> min_counters_;
};

}  // namespace gongshu::quality
