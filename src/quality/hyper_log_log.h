// HyperLogLog: an estimate of the number of distinct values in a stream, in 16 KiB whatever the
// stream's size (Flajolet, Fusy, Gandouet, Meunier 2007), read with the improved estimator of
// Ertl ("New cardinality estimation algorithms for HyperLogLog sketches", 2017), which needs no
// empirical bias tables and is accurate from zero upwards. Precision 14: 16,384 one-byte
// registers, relative standard error about 1.04 / sqrt(16384) = 0.81%.
//
// Hand-written: Debian packages no C++ HyperLogLog library, and this one is small.
// Not thread-safe; a sketch belongs to one column profiler.
#pragma once

#include <cstdint>
#include <vector>

namespace gongshu::quality {

class HyperLogLog {
 public:
  static constexpr int kPrecision = 14;
  static constexpr int kRegisterCount = 1 << kPrecision;

  HyperLogLog();

  // Adds a value by its 64-bit hash. REQUIRES: the hash's bits are uniformly distributed (the
  // caller mixes them); equal values give equal hashes, so adding one twice changes nothing.
  void Add(std::uint64_t hash);

  // The estimated number of distinct hashes added; 0 for an empty sketch.
  double Estimate() const;

 private:
  std::vector<std::uint8_t> registers_;
};

}  // namespace gongshu::quality
