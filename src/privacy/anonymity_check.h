// The k-anonymity / l-diversity check before a record-level release (docs/deidentification.md,
// "k-anonymity and l-diversity").
//
// Fed the de-identified rows of the release one by one, it groups them into equivalence classes:
// rows whose quasi-identifier values are all equal (null equals null and differs from every
// text, the empty text included). The release is k-anonymous when the smallest class has at least
// k rows, and l-diverse for a sensitive attribute when every class holds at least l distinct
// values of it (null counts as one value).
//
// Memory: one entry per equivalence class, holding the class's quasi-identifier values, its size
// and, per sensitive attribute, the 64-bit hashes of at most kMaxL of its distinct values. So the
// memory grows with the number of classes (times the number of sensitive attributes), never with
// the number of rows. Distinct values are told apart by a 64-bit hash; two values with the same
// hash count once, which can only make l smaller (the safe direction).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "privacy/deidentification_policy.h"
#include "tabular/table_source.h"

namespace gongshu::privacy {

struct AnonymityReport {
  // False when no quasi-identifier is declared: the check does not apply and passes.
  bool applicable = false;
  uint64_t rows = 0;
  uint64_t equivalence_classes = 0;
  uint64_t smallest_class_size = 0;  // 0 when there is no row
  // The quasi-identifier values of the smallest class (of the one seen first when several are
  // equally small), one per quasi-identifier in declared order; nullopt for null. Empty when
  // there is no row or the check does not apply.
  std::vector<std::optional<std::string>> smallest_class_values;
  // Per sensitive attribute in declared order: the fewest distinct values any class holds (its
  // l). Counting stops at kMaxL, so a value of kMaxL means "kMaxL or more". 0 when there is no
  // row; empty when the check does not apply.
  std::vector<uint64_t> smallest_l;

  // True when the check does not apply, when there is no row (nothing is released), or when
  // smallest_class_size >= k and every smallest_l >= l.
  // REQUIRES: l <= kMaxL.
  bool Passes(int64_t k, int64_t l) const;
};

// REQUIRES: used by one thread at a time.
class AnonymityCheck {
 public:
  // Reads the quasi-identifiers and sensitive attributes from the given positions of each row.
  // No quasi-identifier columns: the check does not apply.
  AnonymityCheck(std::vector<size_t> quasi_identifier_columns,
                 std::vector<size_t> sensitive_columns);

  // The check for `policy` over rows with `output_column_names` (Deidentifier::
  // OutputColumnNames()). Returns InvalidArgument naming a quasi-identifier or sensitive
  // attribute that is not an output column.
  static Result<AnonymityCheck> ForPolicy(const DeidentificationPolicy& policy,
                                          const std::vector<std::string>& output_column_names);

  // Adds one de-identified row. A position beyond the row's end reads as null.
  void Add(std::span<const tabular::Cell> row);

  // The figures over every row added so far. May be called more than once.
  AnonymityReport Finish() const;

 private:
  struct EquivalenceClass {
    uint64_t size = 0;
    uint64_t first_row = 0;  // 0-based index of the class's first row, to choose among ties
    // Per sensitive attribute, hashes of its distinct values in the class (at most kMaxL).
    std::vector<std::vector<uint64_t>> distinct_values;
  };

  // Hashing std::string keys and std::string_view lookups alike, so a row whose class exists
  // already is counted without building a std::string.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };

  std::vector<size_t> quasi_identifier_columns_;
  std::vector<size_t> sensitive_columns_;
  uint64_t rows_ = 0;
  std::string key_;  // reused for each row's class key
  std::unordered_map<std::string, EquivalenceClass, KeyHash, std::equal_to<>> classes_;
};

}  // namespace gongshu::privacy
