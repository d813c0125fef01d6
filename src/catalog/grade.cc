#include "catalog/grade.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<GradeLevel, 3> kLevelNames({{
    {GradeLevel::kGeneral, "general"},
    {GradeLevel::kImportant, "important"},
    {GradeLevel::kCore, "core"},
}});

}  // namespace

std::string_view GradeLevelName(GradeLevel level) { return kLevelNames.Name(level); }
std::optional<GradeLevel> ParseGradeLevel(std::string_view name) { return kLevelNames.Parse(name); }
std::string GradeLevelNames() { return kLevelNames.Joined(); }

int Grade::Rank() const {
  switch (level) {
    case GradeLevel::kGeneral:
      return sublevel;
    case GradeLevel::kImportant:
      return 5;
    case GradeLevel::kCore:
      return 6;
  }
  return 0;
}

std::string GradeName(const Grade& grade) {
  if (grade.level == GradeLevel::kGeneral) return "general-" + std::to_string(grade.sublevel);
  return std::string(GradeLevelName(grade.level));
}

Result<Grade> ParseGrade(std::string_view name) {
  if (name == "important") return Grade{GradeLevel::kImportant, 0};
  if (name == "core") return Grade{GradeLevel::kCore, 0};
  if (name.size() == 9 && name.substr(0, 8) == "general-" && name[8] >= '1' && name[8] <= '4') {
    return Grade{GradeLevel::kGeneral, name[8] - '0'};
  }
  return Status::InvalidArgument(
      "must be one of general-1, general-2, general-3, general-4, "
      "important, core");
}

std::string GradeLabel(const Grade& grade) {
  switch (grade.level) {
    case GradeLevel::kGeneral:
      return "一般（" + std::to_string(grade.sublevel) + "级）";
    case GradeLevel::kImportant:
      return "重要";
    case GradeLevel::kCore:
      return "核心";
  }
  return "";
}

Grade HigherGrade(const Grade& a, const Grade& b) { return a.Rank() >= b.Rank() ? a : b; }

}  // namespace gongshu
