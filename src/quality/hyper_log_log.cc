#include "quality/hyper_log_log.h"

#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace gongshu::quality {
namespace {

// Bits of the hash left after the register index; a register holds 1..kTailBits + 1.
constexpr int kTailBits = 64 - HyperLogLog::kPrecision;

// σ(x) = x + Σ_{k≥1} x^(2^k) · 2^(k-1), for the registers still at zero (Ertl, eq. 47).
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double weight = 1.0;
  double sum = x;
  double previous = -1.0;
  while (sum != previous) {
    x *= x;
    previous = sum;
    sum += x * weight;
    weight += weight;
  }
  return sum;
}

// τ(x) = (1 - x - Σ_{k≥1} (1 - x^(2^-k))² · 2^-k) / 3, for the registers at their maximum
// (Ertl, eq. 48).
double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double weight = 1.0;
  double sum = 1.0 - x;
  double previous = -1.0;
  while (sum != previous) {
    x = std::sqrt(x);
    previous = sum;
    weight *= 0.5;
    sum -= (1.0 - x) * (1.0 - x) * weight;
  }
  return sum / 3.0;
}

}  // namespace

HyperLogLog::HyperLogLog() : registers_(kRegisterCount, 0) {}

void HyperLogLog::Add(std::uint64_t hash) {
  std::uint64_t index = hash >> kTailBits;
  std::uint64_t tail = hash << kPrecision;  // the other bits, at the top
  // Leading zeros of the tail plus one: 1..kTailBits, or kTailBits + 1 when the tail is zero.
  int rank = tail == 0 ? kTailBits + 1 : std::countl_zero(tail) + 1;
  std::uint8_t& value = registers_[index];
  if (rank > value) value = static_cast<std::uint8_t>(rank);
}

double HyperLogLog::Estimate() const {
  std::array<double, kTailBits + 2> histogram{};
  for (std::uint8_t value : registers_) histogram[value] += 1.0;
  const double registers = kRegisterCount;
  if (histogram[0] == registers) return 0.0;
  // The denominator Σ 2^-value over registers, with the registers at 0 and at the maximum
  // replaced by Ertl's corrections, summed by Horner's rule from the top.
  double denominator = registers * Tau(1.0 - histogram[kTailBits + 1] / registers);
  for (int value = kTailBits; value >= 1; --value) {
    denominator = 0.5 * (denominator + histogram[value]);
  }
  denominator += registers * Sigma(histogram[0] / registers);
  const double alpha = 1.0 / (2.0 * std::log(2.0));
  return alpha * registers * registers / denominator;
}

}  // namespace gongshu::quality
