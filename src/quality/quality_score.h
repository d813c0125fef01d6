// Quality score of a dataset version: 0-100, from four components each 0-1 with a sentence
// saying how it was reached. The formulas (docs/quality.md):
//
//   completeness = 1 - null cells / cells                    (0 when there are no cells)
//   validity     = accepted rows / (accepted + refused rows)
//                  × valid values / checked values           (each factor 1 when its whole is 0)
//   uniqueness   = 1 - duplicate rows / accepted rows        (1 when there are no rows)
//   timeliness   = 1 while the version's age in days is at most the declared update cycle's
//                  period P, then falling linearly to 0 at 3P: 1 - (age - P) / (2P); 1 for an
//                  irregular cycle (nothing was promised)
//   score        = round(100 × mean of the four)
//
// Periods P in days: realtime 1, daily 1, weekly 7, monthly 31, quarterly 92, half_yearly 183,
// yearly 366. Pure: no clock is read, "today" is passed in. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "quality/column_profile.h"

namespace gongshu::quality {

// Of one column's non-null values, how many were checked against a rule and how many passed.
struct ColumnValidity {
  std::uint64_t checked = 0;
  std::uint64_t valid = 0;
};

// The validity a profile shows by itself: every non-null value is checked; a value fails when it
// is not of the column's type, and, in a column whose pattern is a validator kind, when the
// validator refuses it. Failures are counted as max(not of type, refused by the validator), a
// lower bound of the values failing either.
ColumnValidity ValidityOf(const ColumnProfile& profile);

struct QualityFacts {
  std::uint64_t row_count = 0;       // rows accepted into the version
  std::uint64_t bad_rows = 0;        // rows refused or quarantined when it was ingested
  std::uint64_t duplicate_rows = 0;  // rows equal to an earlier row (an estimate is fine)
  // The resource's declared update cycle, as the catalog names it (catalog/resource.h): realtime,
  // daily, weekly, monthly, quarterly, half_yearly, yearly, irregular.
  std::string update_cycle = "irregular";
  std::chrono::year_month_day version_date;  // the day the version's data was published
  std::chrono::year_month_day today;         // the day the score is computed for
  // One per column, in the order of the profiles; empty to use ValidityOf(profile) for each.
  std::vector<ColumnValidity> validity;
};

struct ScoreComponent {
  double value = 0;         // 0 to 1
  std::string explanation;  // one sentence
};

struct QualityScore {
  int score = 0;  // 0 to 100
  ScoreComponent completeness;
  ScoreComponent validity;
  ScoreComponent uniqueness;
  ScoreComponent timeliness;
};

// The score of a version whose columns have the profiles `columns`. InvalidArgument when the
// update cycle is not a catalog name, a date is not a real date, or `facts.validity` is neither
// empty nor one per column.
Result<QualityScore> ScoreQuality(std::span<const ColumnProfile> columns,
                                  const QualityFacts& facts);

// The score of the same version on a later day: `score` with its timeliness computed again for
// `today` (the other components do not change with time) and the total recomputed.
// InvalidArgument as ScoreQuality for a bad update cycle or date.
Result<QualityScore> Rescore(const QualityScore& score, std::string_view update_cycle,
                             std::chrono::year_month_day version_date,
                             std::chrono::year_month_day today);

}  // namespace gongshu::quality
