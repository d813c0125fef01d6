#include "quality/quality_score.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

namespace gongshu::quality {
namespace {

struct Cycle {
  std::string_view name;
  int period_days = 0;  // 0: irregular, no period
};

constexpr std::array<Cycle, 8> kCycles = {{{"realtime", 1},
                                           {"daily", 1},
                                           {"weekly", 7},
                                           {"monthly", 31},
                                           {"quarterly", 92},
                                           {"half_yearly", 183},
                                           {"yearly", 366},
                                           {"irregular", 0}}};

std::optional<Cycle> FindCycle(std::string_view name) {
  for (const Cycle& cycle : kCycles) {
    if (cycle.name == name) return cycle;
  }
  return std::nullopt;
}

// "12.5%": a share as a percentage with one decimal.
std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", share * 100.0);
  return text;
}

std::string Count(std::uint64_t value) { return std::to_string(value); }

ScoreComponent Completeness(std::span<const ColumnProfile> columns) {
  std::uint64_t cells = 0;
  std::uint64_t nulls = 0;
  for (const ColumnProfile& column : columns) {
    cells += column.count;
    nulls += column.nulls;
  }
  if (cells == 0) return {0.0, "The version has no cells, so nothing in it is complete."};
  double share = static_cast<double>(nulls) / static_cast<double>(cells);
  return {1.0 - share,
          Count(nulls) + " of " + Count(cells) + " cells are empty (" + Percent(share) + ")."};
}

ScoreComponent Validity(std::span<const ColumnProfile> columns, const QualityFacts& facts) {
  std::uint64_t checked = 0;
  std::uint64_t valid = 0;
  for (size_t index = 0; index < columns.size(); ++index) {
    ColumnValidity column =
        facts.validity.empty() ? ValidityOf(columns[index]) : facts.validity[index];
    checked += column.checked;
    valid += std::min(column.valid, column.checked);
  }
  std::uint64_t rows = facts.row_count + facts.bad_rows;
  double row_share = rows == 0 ? 1.0 : static_cast<double>(facts.row_count) / rows;
  double value_share = checked == 0 ? 1.0 : static_cast<double>(valid) / checked;
  std::string explanation = Count(facts.bad_rows) + " of " + Count(rows) + " rows were refused";
  if (rows > 0) explanation += " (" + Percent(1.0 - row_share) + ")";
  explanation += "; " + Count(checked - valid) + " of " + Count(checked) +
                 " checked values fail their column's type or pattern";
  if (checked > 0) explanation += " (" + Percent(1.0 - value_share) + ")";
  explanation += ".";
  return {row_share * value_share, std::move(explanation)};
}

ScoreComponent Uniqueness(const QualityFacts& facts) {
  if (facts.row_count == 0) return {1.0, "The version has no rows, so none repeats another."};
  std::uint64_t duplicates = std::min(facts.duplicate_rows, facts.row_count);
  double share = static_cast<double>(duplicates) / static_cast<double>(facts.row_count);
  return {1.0 - share, "About " + Count(duplicates) + " of " + Count(facts.row_count) +
                           " rows repeat an earlier row (" + Percent(share) + ")."};
}

ScoreComponent Timeliness(const Cycle& cycle, const QualityFacts& facts) {
  std::int64_t age =
      (std::chrono::sys_days(facts.today) - std::chrono::sys_days(facts.version_date)).count();
  age = std::max<std::int64_t>(age, 0);
  std::string age_text =
      "The version is " + std::to_string(age) + (age == 1 ? " day" : " days") + " old";
  if (cycle.period_days == 0) {
    return {1.0, age_text + "; the update cycle is irregular, so no update was due."};
  }
  std::int64_t period = cycle.period_days;
  std::string cycle_text = "the " + std::string(cycle.name) +
                           " cycle expects a new version every " + std::to_string(period) +
                           (period == 1 ? " day" : " days");
  if (age <= period) return {1.0, age_text + "; " + cycle_text + ", so it is on time."};
  double value = std::max(0.0, 1.0 - static_cast<double>(age - period) / (2.0 * period));
  return {value, age_text + "; " + cycle_text + ", so it is " + std::to_string(age - period) +
                     " days overdue (the score reaches 0 at " + std::to_string(3 * period) +
                     " days)."};
}

}  // namespace

ColumnValidity ValidityOf(const ColumnProfile& profile) {
  std::uint64_t non_null = profile.NonNull();
  std::uint64_t failing = profile.not_of_type;
  if (std::optional<ValueKind> kind = ParseValueKind(profile.pattern)) {
    failing = std::max(failing, non_null - std::min(non_null, profile.Matches(*kind)));
  }
  return {non_null, non_null - std::min(non_null, failing)};
}

Result<QualityScore> ScoreQuality(std::span<const ColumnProfile> columns,
                                  const QualityFacts& facts) {
  std::optional<Cycle> cycle = FindCycle(facts.update_cycle);
  if (!cycle) {
    return Status::InvalidField("update_cycle",
                                "must be one of realtime, daily, weekly, monthly, quarterly, "
                                "half_yearly, yearly, irregular");
  }
  if (!facts.version_date.ok()) return Status::InvalidField("version_date", "not a real date");
  if (!facts.today.ok()) return Status::InvalidField("today", "not a real date");
  if (!facts.validity.empty() && facts.validity.size() != columns.size()) {
    return Status::InvalidField("validity", "needs one entry per column, or none");
  }
  QualityScore result;
  result.completeness = Completeness(columns);
  result.validity = Validity(columns, facts);
  result.uniqueness = Uniqueness(facts);
  result.timeliness = Timeliness(*cycle, facts);
  double mean = (result.completeness.value + result.validity.value + result.uniqueness.value +
                 result.timeliness.value) /
                4.0;
  result.score = static_cast<int>(std::lround(100.0 * mean));
  return result;
}

Result<QualityScore> Rescore(const QualityScore& score, std::string_view update_cycle,
                             std::chrono::year_month_day version_date,
                             std::chrono::year_month_day today) {
  std::optional<Cycle> cycle = FindCycle(update_cycle);
  if (!cycle) return Status::InvalidField("update_cycle", "not an update cycle");
  if (!version_date.ok()) return Status::InvalidField("version_date", "not a real date");
  if (!today.ok()) return Status::InvalidField("today", "not a real date");
  QualityFacts facts;
  facts.version_date = version_date;
  facts.today = today;
  QualityScore result = score;
  result.timeliness = Timeliness(*cycle, facts);
  double mean = (result.completeness.value + result.validity.value + result.uniqueness.value +
                 result.timeliness.value) /
                4.0;
  result.score = static_cast<int>(std::lround(100.0 * mean));
  return result;
}

}  // namespace gongshu::quality
