#include "catalog/resource_rules.h"

#include <set>

namespace gongshu {
namespace {

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

Grade HighestItemGrade(const Resource& resource) {
  Grade highest{GradeLevel::kGeneral, 1};
  for (const Item& item : resource.items) highest = HigherGrade(highest, item.sensitivity);
  return highest;
}

std::vector<FieldError> CheckResourceRules(const Resource& resource, const ThemeTaxonomy& themes) {
  std::vector<FieldError> errors;
  auto add = [&errors](std::string field, std::string reason) {
    errors.push_back({std::move(field), std::move(reason)});
  };

  // Well-formedness.
  if (resource.themes.empty()) add("themes", "known_theme: at least one theme is required");
  for (size_t index = 0; index < resource.themes.size(); ++index) {
    if (themes.Find(resource.themes[index]) == nullptr) {
      add("themes[" + std::to_string(index) + "]",
          "known_theme: " + resource.themes[index] + " is not a theme of the taxonomy");
    }
  }
  if (resource.items.empty()) add("items", "items_present: at least one item is required");
  std::set<std::string> item_names;
  for (size_t index = 0; index < resource.items.size(); ++index) {
    if (!item_names.insert(resource.items[index].name).second) {
      add("items[" + std::to_string(index) + "].name",
          "unique_item_names: " + resource.items[index].name + " appears twice");
    }
  }
  const Classification& path = resource.classification;
  static const std::set<std::string> kCategories = {"基础", "主题", "部门"};
  if (kCategories.count(path.category) == 0) {
    add("classification.category", "classification_path: must be 基础, 主题 or 部门");
  }
  if ((path.topic.empty() && !path.subtopic.empty()) ||
      (path.subject.empty() && !path.topic.empty())) {
    add("classification", "classification_path: a level is given without the level above it");
  }
  if (IsBlank(resource.contact.email) && IsBlank(resource.contact.phone)) {
    add("contact", "contact_reachable: an email or a phone is required");
  }
  if (resource.temporal_start && resource.temporal_end &&
      *resource.temporal_start > *resource.temporal_end) {
    add("temporal.end", "temporal_order: the end is before the start");
  }

  // Grading: 就高从严.
  Grade highest = HighestItemGrade(resource);
  if (resource.grading.grade.Rank() < highest.Rank()) {
    add("grading.grade", "grade_covers_items: the resource is graded " +
                             GradeName(resource.grading.grade) + " but an item is graded " +
                             GradeName(highest) + "; take the higher grade");
  }
  bool core = resource.grading.grade.level == GradeLevel::kCore;
  if (core && resource.opening != AccessAttribute::kNone) {
    add("opening.attribute", "core_never_opened: core data may not be opened");
  }
  if (core && resource.operation_allowed) {
    add("operation.allowed", "core_never_operated: core data may not be authorized for operation");
  }
  if (!core && resource.opening == AccessAttribute::kNone && resource.operation_allowed &&
      IsBlank(resource.operation_override_reason)) {
    add("operation.allowed",
        "closed_not_operated: data not opened may be authorized for operation only with an "
        "admin's recorded override reason");
  }
  bool direct_identifiers = false;
  for (const Item& item : resource.items) {
    direct_identifiers = direct_identifiers || item.personal == PersonalData::kDirectIdentifier;
  }
  if (direct_identifiers && resource.opening == AccessAttribute::kUnconditional &&
      !resource.has_deidentification_policy) {
    add("opening.attribute",
        "identifiers_need_policy: items with direct personal identifiers may not be opened "
        "unconditionally without a de-identification policy");
  }

  // Conditions and licence.
  if (resource.sharing != AccessAttribute::kUnconditional && IsBlank(resource.sharing_conditions)) {
    add("sharing.conditions",
        "conditions_stated: conditional sharing states its conditions, refused sharing its basis");
  }
  if (resource.opening != AccessAttribute::kUnconditional && IsBlank(resource.opening_conditions)) {
    add("opening.conditions",
        "conditions_stated: conditional opening states its conditions, refused opening its basis");
  }
  if (resource.opening != AccessAttribute::kNone && IsBlank(resource.license)) {
    add("license", "licence_for_open: opened data names its licence");
  }
  return errors;
}

}  // namespace gongshu
