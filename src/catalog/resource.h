// Resource: a public data resource (公共数据资源) as the catalog describes it — every core element
// of the government data catalog (政务信息资源目录编制指南 / GB/T 21063) plus the DCAT-AP 3
// extras. docs/catalog.md maps each field to its DCAT-AP 3 property.
//
// Plain value types with no I/O. A Resource is one version of the metadata: every change makes a
// new version (resource_store.h keeps them all).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/grade.h"
#include "common/clock.h"

namespace gongshu {

// 共享属性 / 开放属性: unconditional (无条件), conditional (有条件), none (不予).
enum class AccessAttribute { kUnconditional, kConditional, kNone };
std::string_view AccessAttributeName(AccessAttribute attribute);
std::optional<AccessAttribute> ParseAccessAttribute(std::string_view name);
std::string AccessAttributeNames();

// 更新周期.
enum class UpdateCycle {
  kRealtime,    // 实时
  kDaily,       // 每日
  kWeekly,      // 每周
  kMonthly,     // 每月
  kQuarterly,   // 每季度
  kHalfYearly,  // 每半年
  kYearly,      // 每年
  kIrregular,   // 不定期
};
std::string_view UpdateCycleName(UpdateCycle cycle);
std::optional<UpdateCycle> ParseUpdateCycle(std::string_view name);
std::string UpdateCycleNames();
// The Chinese label ("每日", ...).
std::string_view UpdateCycleLabel(UpdateCycle cycle);

// Whether an item (field) carries personal information, and of which kind.
enum class PersonalData {
  kNone,
  kDirectIdentifier,  // identifies a person on its own: citizen ID, phone, name, bank card, ...
  kQuasiIdentifier,   // identifies in combination: birth date, district, sex, ...
  kSensitive,         // 敏感个人信息 that is not an identifier: health, finance, ...
};
std::string_view PersonalDataName(PersonalData kind);
std::optional<PersonalData> ParsePersonalData(std::string_view name);
std::string PersonalDataNames();

// The types an item may declare.
enum class ItemType { kString, kInteger, kDecimal, kBoolean, kDate, kDateTime };
std::string_view ItemTypeName(ItemType type);
std::optional<ItemType> ParseItemType(std::string_view name);
std::string ItemTypeNames();

// 信息项: one field of the resource.
struct Item {
  std::string name;   // machine name as in the data ("uscc", "station_name")
  std::string title;  // human name ("统一社会信用代码")
  ItemType type = ItemType::kString;
  std::string description;  // may be empty
  Grade sensitivity;        // the item's own grade
  PersonalData personal = PersonalData::kNone;
};

// 资源分类: 类 / 项 / 目 / 细目. `category` is one of 基础 / 主题 / 部门 (the guide's three
// classes); the deeper levels are free text, each present only when its parent is.
struct Classification {
  std::string category;  // 类
  std::string subject;   // 项
  std::string topic;     // 目
  std::string subtopic;  // 细目
};

struct Contact {
  std::string name;
  std::string email;  // at least one of email and phone
  std::string phone;
};

// 登记状态 of the resource as a whole (the registration workflow has its own finer states).
enum class ResourceStatus {
  kDraft,        // being written by its provider; not public
  kRegistering,  // a registration is under way
  kRegistered,   // coded: public in the catalog
  kCancelled,    // 注销: kept for history, no longer offered
};
std::string_view ResourceStatusName(ResourceStatus status);
std::optional<ResourceStatus> ParseResourceStatus(std::string_view name);

struct Resource {
  std::string id;
  int64_t version = 1;  // metadata version: 1 at creation, +1 on every change
  std::string code;     // 资源代码, assigned at creation: "<provider code>-<5-digit serial>"
  std::string name;     // 资源名称
  std::string summary;  // 资源摘要
  std::string provider_id;    // 提供方 organization
  std::string provider_name;  // filled from the organization when read
  std::string provider_code;  // 提供方代码: the organization's USCC, else its id
  std::string region;         // the provider's GB/T 2260 division code (search facet)
  Classification classification;
  std::vector<std::string> themes;   // theme ids from the taxonomy (theme.h), at least one
  std::vector<std::string> formats;  // 资源格式: lower-case names ("csv", "xlsx", "json", "api")
  std::vector<Item> items;           // 信息项
  AccessAttribute sharing = AccessAttribute::kConditional;  // 共享属性
  std::string sharing_conditions;                    // 共享条件, or the basis for 不予共享
  std::string sharing_method;                        // 共享方式 ("接口", "文件下载", ...)
  AccessAttribute opening = AccessAttribute::kNone;  // 开放属性
  std::string opening_conditions;                    // 开放条件, or the basis for 不予开放
  UpdateCycle update_cycle = UpdateCycle::kIrregular;
  std::optional<std::string> publish_date;        // 发布日期, YYYY-MM-DD
  std::vector<std::string> related_resource_ids;  // 关联资源
  std::string spatial;  // 空间范围: a GB/T 2260 division code; empty when not stated
  std::optional<std::string> temporal_start;  // 时间范围, YYYY-MM-DD
  std::optional<std::string> temporal_end;
  std::vector<std::string> keywords;
  std::string license;  // an SPDX id ("CC-BY-4.0") or a URL; empty when not opened
  Contact contact;
  GradingRecord grading;  // 分级, with basis, grader and date
  // 授权运营: whether the resource may be authorized for operation, and when an admin allowed it
  // against the 不予开放 rule, the recorded reason.
  bool operation_allowed = false;
  std::string operation_override_reason;
  // Whether a de-identification policy is in force for what leaves the platform.
  bool has_deidentification_policy = false;
  ResourceStatus status = ResourceStatus::kDraft;
  std::string registration_code;  // 登记编码, once coded
  TimePoint created_at;
  TimePoint updated_at;
  std::string created_by;  // user id
};

// One entry of a resource's metadata history: who made version `version`, when and why.
struct ResourceVersionInfo {
  int64_t version = 0;
  std::string changed_by;
  TimePoint changed_at;
  std::string reason;
};

}  // namespace gongshu
