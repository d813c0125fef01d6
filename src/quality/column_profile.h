// Column profile: what one column of an uploaded table holds — counts, distinct values, range,
// most frequent values, the kind of value most cells are, and how many cells each validator
// accepts. The dataset part feeds every cell of every upload through a ColumnProfiler, so Add()
// is built for speed: exact counts where they are cheap, bounded sketches where they are not,
// validators behind length and character-class prefilters, and no allocation per cell once
// warmed up. docs/quality.md describes each field.
//
// Memory per column, whatever the number of rows: at most about 3.5 MiB while distinct values
// are counted exactly (the table of 32-byte entries, at most half full, and the texts, with the
// default ProfileLimits), then 16 KiB of HyperLogLog registers and the top-value counters (at
// most 128 × about 300 bytes), plus the sample (at most 50 values of at most 256 bytes).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quality/validators.h"
#include "tabular/column_type.h"
#include "tabular/table_source.h"

namespace gongshu::quality {

// How many values a profile reports and how much memory its exact phase may use.
struct ProfileLimits {
  // Distinct values are counted exactly (every distinct text kept) up to this many values and
  // this many bytes of text; past either, the count becomes a HyperLogLog estimate.
  size_t exact_distinct_values = 16384;
  size_t exact_distinct_bytes = size_t{1} << 20;
  // Counters of the space-saving sketch that keeps the most frequent values past the exact phase.
  size_t top_value_counters = 128;
  // How many top values a profile reports.
  size_t top_values = 10;
  // How many of the first non-null values a profile keeps as its sample.
  size_t sample_values = 50;
};

struct TopValue {
  std::string value;  // cut to 256 bytes at a character boundary when longer
  std::uint64_t count = 0;
  // When top values are estimates, the sketch's bound: count - error <= the true count <= count
  // for the sampled cells, scaled by eight; sampling adds its own error (docs/quality.md).
  // Always 0 when top values are exact.
  std::uint64_t error = 0;
};

struct ColumnProfile {
  tabular::ColumnType type = tabular::ColumnType::kString;
  std::uint64_t count = 0;  // cells, nulls included
  std::uint64_t nulls = 0;
  // Distinct non-null texts (byte-exact: "a" and "a " differ).
  std::uint64_t distinct = 0;
  bool distinct_is_estimate = false;  // a HyperLogLog estimate, standard error about 0.81%
  // Non-null cells that could not be read as a value of `type` (left out of min and max).
  std::uint64_t not_of_type = 0;
  // The texts of the smallest and largest values, compared by type: integers and decimals by
  // numeric value, dates as dates, datetimes as instants (a zone, when given, applied), booleans
  // false < true, strings by Unicode code points. Absent when no cell had a readable value.
  std::optional<std::string> min;
  std::optional<std::string> max;
  // Up to ProfileLimits::top_values most frequent non-null values, by count descending, then by
  // value. Exact while the distinct count is exact. Afterwards estimates: the values counted
  // exactly so far seed a space-saving sketch (frequent_values.h), which then sees one cell in
  // eight, picked by seeded pseudo-random draws, each standing for eight cells; only values the
  // sketch saw in at least two sampled cells are reported (count - error >= 16), so in a column
  // of nearly unique values the list may be short or empty.
  std::vector<TopValue> top_values;
  bool top_values_are_estimates = false;
  // The validator kind (ValueKindName) that more than half of the non-null values satisfy — the
  // most satisfied one, ties in ValueKind order — or else the shape more than half of them have:
  // "digits(N)" (N ASCII digits) or "alnum(N)" (N ASCII letters and digits, at least one
  // letter); else "". Values are trimmed of ASCII spaces and tabs before validators and shapes.
  std::string pattern;
  // Per validator kind, how many non-null values (trimmed) it accepted. A value accepted as a
  // citizen ID number is not tried as a USCC or bank card (their forms overlap by chance only).
  std::array<std::uint64_t, kValueKindCount> matches{};
  // The first ProfileLimits::sample_values non-null values, as they were but cut to 256 bytes at
  // a character boundary.
  std::vector<std::string> sample;

  std::uint64_t NonNull() const { return count - nulls; }
  std::uint64_t Matches(ValueKind kind) const { return matches[static_cast<int>(kind)]; }
};

// Builds the profile of one column from its cells in order. Not thread-safe: one profiler per
// column per thread; profilers of different columns are independent.
class ColumnProfiler {
 public:
  // `as_of` is the date citizen ID birth dates must not be after (the date of the upload).
  // REQUIRES: as_of.ok(); limits' counts at least 1.
  ColumnProfiler(tabular::ColumnType type, std::chrono::year_month_day as_of,
                 ProfileLimits limits = {});
  ~ColumnProfiler();
  ColumnProfiler(ColumnProfiler&&) noexcept;
  ColumnProfiler& operator=(ColumnProfiler&&) noexcept;

  // Counts one cell. The cell's text need only live for the call.
  void Add(const tabular::Cell& cell);

  // The profile of the cells added so far. May be called more than once; adding more cells after
  // it is allowed.
  ColumnProfile Finish() const;

 private:
  class State;
  std::unique_ptr<State> state_;
};

}  // namespace gongshu::quality
