#include "catalog/resource.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<AccessAttribute, 3> kAccessNames({{
    {AccessAttribute::kUnconditional, "unconditional"},
    {AccessAttribute::kConditional, "conditional"},
    {AccessAttribute::kNone, "none"},
}});

constexpr EnumNames<UpdateCycle, 8> kCycleNames({{
    {UpdateCycle::kRealtime, "realtime"},
    {UpdateCycle::kDaily, "daily"},
    {UpdateCycle::kWeekly, "weekly"},
    {UpdateCycle::kMonthly, "monthly"},
    {UpdateCycle::kQuarterly, "quarterly"},
    {UpdateCycle::kHalfYearly, "half_yearly"},
    {UpdateCycle::kYearly, "yearly"},
    {UpdateCycle::kIrregular, "irregular"},
}});

constexpr EnumNames<UpdateCycle, 8> kCycleLabels({{
    {UpdateCycle::kRealtime, "实时"},
    {UpdateCycle::kDaily, "每日"},
    {UpdateCycle::kWeekly, "每周"},
    {UpdateCycle::kMonthly, "每月"},
    {UpdateCycle::kQuarterly, "每季度"},
    {UpdateCycle::kHalfYearly, "每半年"},
    {UpdateCycle::kYearly, "每年"},
    {UpdateCycle::kIrregular, "不定期"},
}});

constexpr EnumNames<PersonalData, 4> kPersonalNames({{
    {PersonalData::kNone, "none"},
    {PersonalData::kDirectIdentifier, "direct_identifier"},
    {PersonalData::kQuasiIdentifier, "quasi_identifier"},
    {PersonalData::kSensitive, "sensitive"},
}});

constexpr EnumNames<ItemType, 6> kItemTypeNames({{
    {ItemType::kString, "string"},
    {ItemType::kInteger, "integer"},
    {ItemType::kDecimal, "decimal"},
    {ItemType::kBoolean, "boolean"},
    {ItemType::kDate, "date"},
    {ItemType::kDateTime, "datetime"},
}});

constexpr EnumNames<ResourceStatus, 4> kStatusNames({{
    {ResourceStatus::kDraft, "draft"},
    {ResourceStatus::kRegistering, "registering"},
    {ResourceStatus::kRegistered, "registered"},
    {ResourceStatus::kCancelled, "cancelled"},
}});

}  // namespace

std::string_view AccessAttributeName(AccessAttribute attribute) {
  return kAccessNames.Name(attribute);
}
std::optional<AccessAttribute> ParseAccessAttribute(std::string_view name) {
  return kAccessNames.Parse(name);
}
std::string AccessAttributeNames() { return kAccessNames.Joined(); }

std::string_view UpdateCycleName(UpdateCycle cycle) { return kCycleNames.Name(cycle); }
std::optional<UpdateCycle> ParseUpdateCycle(std::string_view name) {
  return kCycleNames.Parse(name);
}
std::string UpdateCycleNames() { return kCycleNames.Joined(); }
std::string_view UpdateCycleLabel(UpdateCycle cycle) { return kCycleLabels.Name(cycle); }

std::string_view PersonalDataName(PersonalData kind) { return kPersonalNames.Name(kind); }
std::optional<PersonalData> ParsePersonalData(std::string_view name) {
  return kPersonalNames.Parse(name);
}
std::string PersonalDataNames() { return kPersonalNames.Joined(); }

std::string_view ItemTypeName(ItemType type) { return kItemTypeNames.Name(type); }
std::optional<ItemType> ParseItemType(std::string_view name) { return kItemTypeNames.Parse(name); }
std::string ItemTypeNames() { return kItemTypeNames.Joined(); }

std::string_view ResourceStatusName(ResourceStatus status) { return kStatusNames.Name(status); }
std::optional<ResourceStatus> ParseResourceStatus(std::string_view name) {
  return kStatusNames.Parse(name);
}

}  // namespace gongshu
