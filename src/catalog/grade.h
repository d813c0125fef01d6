// Grade: data classification and grading per GB/T 43697-2024 (数据安全技术 数据分类分级规则):
// 核心 (core) > 重要 (important) > 一般 (general), with 一般 sub-graded 1–4 (4 the most
// sensitive). Plain value types with no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace gongshu {

enum class GradeLevel { kGeneral, kImportant, kCore };
std::string_view GradeLevelName(GradeLevel level);
std::optional<GradeLevel> ParseGradeLevel(std::string_view name);
std::string GradeLevelNames();

struct Grade {
  GradeLevel level = GradeLevel::kGeneral;
  int sublevel = 1;  // 1–4 for general; 0 for important and core

  // A total order: general-1 < general-2 < general-3 < general-4 < important < core.
  int Rank() const;
  friend bool operator==(const Grade&, const Grade&) = default;
};

// "general-2", "important", "core".
std::string GradeName(const Grade& grade);
// Parses a name GradeName returns; InvalidArgument naming the accepted forms otherwise.
Result<Grade> ParseGrade(std::string_view name);
// The Chinese label: "一般（2级）", "重要", "核心".
std::string GradeLabel(const Grade& grade);
// The higher of two grades (就高从严).
Grade HigherGrade(const Grade& a, const Grade& b);

// A grading decision: the grade, its basis (which rule or catalog entry), who graded, when.
struct GradingRecord {
  Grade grade;
  std::string basis;
  std::string graded_by;  // user id
  TimePoint graded_at;
};

}  // namespace gongshu
