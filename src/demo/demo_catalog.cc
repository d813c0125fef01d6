#include "demo/demo_catalog.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>

#include "catalog/theme.h"
#include "demo/demo_tables.h"

namespace gongshu {
namespace {

// Years a resource may cover: names with {year} take one of the last three, variants all.
constexpr int kFirstYear = 2015;
constexpr int kYearCount = 11;  // 2015..2025
constexpr size_t kStageCount = 9;
constexpr size_t kNone = std::numeric_limits<size_t>::max();

uint64_t SplitMix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// The random numbers of one resource: a SplitMix64 sequence keyed by the seed and the index, so
// that any resource can be generated alone. Much cheaper to start than a Mersenne Twister.
class Stream {
 public:
  Stream(uint64_t seed, uint64_t index) : state_(SplitMix64(seed) ^ SplitMix64(~index)) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return SplitMix64(state_);
  }
  // Uniform enough in [0, bound) for bounds far below 2^64. REQUIRES: bound > 0.
  uint64_t Below(uint64_t bound) { return Next() % bound; }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& values) {
    return values[Below(N)];
  }

 private:
  uint64_t state_;
};

// Fisher-Yates with the engine's raw output, the same on every standard library.
template <typename T>
void Shuffle(std::vector<T>* values, std::mt19937_64* engine) {
  for (size_t index = values->size(); index > 1; --index) {
    size_t other = static_cast<size_t>((*engine)() % index);
    std::swap((*values)[index - 1], (*values)[other]);
  }
}

int DaysFromCivil(int year, unsigned month, unsigned day) {
  std::chrono::sys_days date = std::chrono::year_month_day{
      std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  return static_cast<int>(date.time_since_epoch().count());
}

std::chrono::year_month_day CivilFromDays(int days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

std::string FormatDate(int days) {
  std::chrono::year_month_day date = CivilFromDays(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// "福州市" → "福州", "鼓楼区" → "鼓楼": the short name people type.
std::string ShortRegionName(const std::string& name) {
  static const std::array<std::string_view, 4> kSuffixes = {"市", "省", "区", "县"};
  for (std::string_view suffix : kSuffixes) {
    if (name.size() > 2 * suffix.size() && name.ends_with(suffix)) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return name;
}

ResourceStatus StatusOf(DemoStage stage) {
  switch (stage) {
    case DemoStage::kDraft:
    case DemoStage::kRejected:
      return ResourceStatus::kDraft;
    case DemoStage::kCoded:
      return ResourceStatus::kRegistered;
    default:
      return ResourceStatus::kRegistering;
  }
}

constexpr std::array<std::string_view, 3> kSharingConditions = {
    "仅限政务部门依法履职使用，须经提供单位审核同意后通过共享平台调用。",
    "使用部门须说明用途和法律依据，签订数据共享协议后按需共享。",
    "仅提供查询核验服务，不提供批量数据。",
};
constexpr std::array<std::string_view, 3> kOpeningConditions = {
    "申请人须实名注册并说明用途，签署数据使用协议后通过接口获取。",
    "面向科研和公共服务场景开放，经提供单位审核同意后提供。",
    "按申请开放，使用方须落实数据安全保护措施并按约定反馈使用情况。",
};
constexpr std::array<std::string_view, 4> kExtraSentences = {
    "可用于政务服务、社会治理和科学研究。",
    "数据已按规定完成质量核验。",
    "字段说明和数据样例见附件。",
    "如发现数据问题，可通过平台反馈。",
};
constexpr std::array<std::string_view, 3> kReturnNotices = {
    "材料不全，请补充：数据样例文件；信息项的类型和说明；共享条件中的使用范围。",
    "材料不全，请补充：分级依据；开放条件；联系人电话或邮箱。",
    "材料不全，请补充：资源摘要中的数据范围和更新方式；关联的业务系统名称。",
};
constexpr std::array<std::string_view, 2> kRejectionReasons = {
    "与已登记资源重复：同一资源只能由一个权威提供单位登记。",
    "资源摘要与信息项不符，且所列信息项不属于本单位职责范围内产生的数据。",
};
constexpr char kObjection[] =
    "该资源的部分信息项由本单位业务系统产生并维护，对提供单位作为权威来源有异议，请核实后再赋码。";
constexpr std::array<std::string_view, 5> kContactNames = {"信息中心", "办公室", "数据管理科",
                                                           "综合科", "科技信息科"};

}  // namespace

std::string_view DemoStageName(DemoStage stage) {
  switch (stage) {
    case DemoStage::kDraft:
      return "draft";
    case DemoStage::kSubmitted:
      return "submitted";
    case DemoStage::kReturned:
      return "returned";
    case DemoStage::kAccepted:
      return "accepted";
    case DemoStage::kReviewed:
      return "reviewed";
    case DemoStage::kPublicity:
      return "publicity";
    case DemoStage::kPublicityWithObjection:
      return "publicity_with_objection";
    case DemoStage::kCoded:
      return "coded";
    case DemoStage::kRejected:
      return "rejected";
  }
  return "";
}

DemoCatalogGenerator::DemoCatalogGenerator(uint64_t seed, size_t resource_count)
    : seed_(seed), resource_count_(resource_count), forced_indexes_(kStageCount, kNone) {
  const DemoTables& tables = BuiltInDemoTables();
  for (size_t index = 0; index < tables.providers.size(); ++index) {
    const DemoProviderRow& row = tables.providers[index];
    providers_.push_back({row.name, row.type, row.division_code, row.uscc_body});
    const DemoRegion& region = tables.regions[row.region];
    char local[32];
    std::snprintf(local, sizeof local, "data%03zu@", index + 1);
    contact_emails_.push_back(local + region.mail_domain);
    std::snprintf(local, sizeof local, "-87%06zu", (index * 7919 + 1301) % 1000000);
    contact_phones_.push_back(region.area_code + local);
  }

  std::mt19937_64 engine(seed);
  std::vector<Pair> candidates;
  for (size_t concept_index = 0; concept_index < tables.concepts.size(); ++concept_index) {
    for (size_t provider_index = 0; provider_index < tables.providers.size(); ++provider_index) {
      if (tables.Holds(tables.providers[provider_index], tables.concepts[concept_index])) {
        candidates.push_back({concept_index, provider_index});
      }
    }
  }
  Shuffle(&candidates, &engine);
  std::vector<size_t> provider_order(tables.providers.size());
  std::iota(provider_order.begin(), provider_order.end(), 0);
  Shuffle(&provider_order, &engine);
  std::vector<size_t> concept_order(tables.concepts.size());
  std::iota(concept_order.begin(), concept_order.end(), 0);
  Shuffle(&concept_order, &engine);

  // Small catalogs should still show every provider and every concept: first one pair per
  // provider (with a concept not shown yet where possible), then one per concept not shown yet,
  // then the rest in the shuffled order.
  std::vector<bool> taken(candidates.size(), false);
  std::vector<bool> concept_shown(tables.concepts.size(), false);
  auto take = [&](size_t candidate) {
    taken[candidate] = true;
    concept_shown[candidates[candidate].concept_index] = true;
    pairs_.push_back(candidates[candidate]);
  };
  for (size_t provider_index : provider_order) {
    size_t chosen = kNone;
    for (size_t candidate = 0; candidate < candidates.size(); ++candidate) {
      if (taken[candidate] || candidates[candidate].provider_index != provider_index) continue;
      if (!concept_shown[candidates[candidate].concept_index]) {
        chosen = candidate;
        break;
      }
      if (chosen == kNone) chosen = candidate;
    }
    if (chosen != kNone) take(chosen);
  }
  for (size_t concept_index : concept_order) {
    if (concept_shown[concept_index]) continue;
    for (size_t candidate = 0; candidate < candidates.size(); ++candidate) {
      if (!taken[candidate] && candidates[candidate].concept_index == concept_index) {
        take(candidate);
        break;
      }
    }
  }
  for (size_t candidate = 0; candidate < candidates.size(); ++candidate) {
    if (!taken[candidate]) take(candidate);
  }

  // One resource per stage is placed by the seed so that every stage occurs; the objection only
  // there. With fewer resources than stages only the objection is placed.
  if (resource_count_ == 0) return;
  std::vector<size_t> stages;
  if (resource_count_ >= kStageCount) {
    stages.resize(kStageCount);
    std::iota(stages.begin(), stages.end(), 0);
  } else {
    stages.push_back(static_cast<size_t>(DemoStage::kPublicityWithObjection));
  }
  std::vector<bool> used(std::min<size_t>(resource_count_, 1 << 20), false);
  for (size_t stage : stages) {
    // Placed among the first million so the search over `used` stays small.
    size_t index;
    do {
      index = static_cast<size_t>(engine() % used.size());
    } while (used[index]);
    used[index] = true;
    forced_indexes_[stage] = index;
  }
}

DemoStage DemoCatalogGenerator::StageOf(size_t index, uint64_t draw) const {
  for (size_t stage = 0; stage < kStageCount; ++stage) {
    if (forced_indexes_[stage] == index) return static_cast<DemoStage>(stage);
  }
  uint64_t percent = draw % 100;
  if (percent < 4) return DemoStage::kDraft;
  if (percent < 7) return DemoStage::kSubmitted;
  if (percent < 9) return DemoStage::kReturned;
  if (percent < 11) return DemoStage::kAccepted;
  if (percent < 13) return DemoStage::kReviewed;
  if (percent < 17) return DemoStage::kPublicity;
  if (percent < 19) return DemoStage::kRejected;
  return DemoStage::kCoded;
}

DemoResource DemoCatalogGenerator::Generate(size_t index) const {
  const DemoTables& tables = BuiltInDemoTables();
  const size_t pair_position = index % pairs_.size();
  const size_t round = index / pairs_.size();
  const Pair& pair = pairs_[pair_position];
  const DemoConcept& demo_concept = tables.concepts[pair.concept_index];
  const DemoProviderRow& provider = tables.providers[pair.provider_index];
  const DemoRegion& region = tables.regions[provider.region];
  Stream random(seed_, index);
  const uint64_t pair_hash = SplitMix64(seed_ ^ SplitMix64(pair_position));

  DemoResource demo;
  demo.provider_index = pair.provider_index;
  demo.concept_id = demo_concept.id;
  demo.stage = StageOf(index, random.Next());
  Resource& resource = demo.resource;

  // The variant: round 0 is the plain resource; later rounds add a district, then a year, then
  // a serial, so that (pair, round) → name is one-to-one.
  const size_t districts = region.subdivisions.size();
  const size_t district_slot = round % (districts + 1);
  size_t rest = round / (districts + 1);
  const bool year_in_name = demo_concept.name.Has(DemoTemplate::Slot::kYear);
  int year;
  bool year_suffix = false;
  size_t serial;
  if (year_in_name) {
    size_t year_slot = rest % kYearCount;
    serial = rest / kYearCount;
    year = kFirstYear + static_cast<int>((kYearCount - 3 + pair_hash % 3 + year_slot) % kYearCount);
  } else {
    size_t year_slot = rest % (kYearCount + 1);
    serial = rest / (kYearCount + 1);
    year_suffix = year_slot > 0;
    year = year_suffix ? kFirstYear + static_cast<int>(year_slot) - 1
                       : kFirstYear + kYearCount - 1 - static_cast<int>(pair_hash % 3);
  }
  std::string region_text = region.name;
  resource.spatial = region.code;
  resource.keywords = demo_concept.keywords;
  resource.keywords.push_back(ShortRegionName(region.name));
  if (district_slot > 0) {
    const DemoRegion& district = tables.regions[region.subdivisions[district_slot - 1]];
    region_text += district.name;
    resource.spatial = district.code;
    resource.keywords.push_back(ShortRegionName(district.name));
  }

  DemoTemplate::Values values;
  values.region = region_text;
  values.provider = provider.name;
  values.year = year;
  values.count = 50 + static_cast<int>(random.Below(4950));
  demo_concept.name.Render(values, &resource.name);
  if (year_suffix) resource.name += "（" + std::to_string(year) + "年）";
  if (serial > 0) resource.name += "（第" + std::to_string(serial + 1) + "期）";
  demo_concept.summary.Render(values, &resource.summary);
  resource.summary += "数据由";
  resource.summary += provider.name;
  resource.summary += "提供，";
  resource.summary += UpdateCycleLabel(demo_concept.update_cycle);
  resource.summary += "更新。";
  if (random.Chance(50)) resource.summary += random.Pick(kExtraSentences);

  resource.provider_name = provider.name;
  resource.region = provider.division_code;
  const ThemeTaxonomy& themes = ThemeTaxonomy::Default();
  std::vector<std::string> levels = demo_concept.classification;
  for (std::string& level : levels) {
    if (level == "{theme}") level = themes.Find(demo_concept.themes[0])->name;
    if (level == "{provider}") level = provider.name;
  }
  levels.resize(4);
  resource.classification = {levels[0], levels[1], levels[2], levels[3]};
  resource.themes = demo_concept.themes;
  resource.formats = demo_concept.formats;
  if (resource.formats.size() > 1 && random.Chance(20)) resource.formats.pop_back();

  Grade grade = demo_concept.grade;
  bool direct_identifiers = false;
  bool personal = false;
  std::string identifying_titles;
  for (const DemoItemSpec& spec : demo_concept.items) {
    if (spec.optional && !random.Chance(60)) continue;
    resource.items.push_back(spec.item);
    grade = HigherGrade(grade, spec.item.sensitivity);
    if (spec.item.personal == PersonalData::kDirectIdentifier) {
      direct_identifiers = true;
      if (!identifying_titles.empty()) identifying_titles += "、";
      identifying_titles += spec.item.title;
    }
    personal |= spec.item.personal != PersonalData::kNone &&
                spec.item.personal != PersonalData::kQuasiIdentifier;
  }
  const bool core = grade.level == GradeLevel::kCore;

  resource.sharing = demo_concept.sharing;
  if (resource.sharing == AccessAttribute::kConditional) {
    resource.sharing_conditions = random.Pick(kSharingConditions);
  } else if (resource.sharing == AccessAttribute::kNone) {
    resource.sharing_conditions =
        personal ? "涉及敏感个人信息，依据《中华人民共和国个人信息保护法》等法律法规不予共享。"
                 : "依据有关法律法规不予共享。";
  }
  bool has_api = false;
  for (const std::string& format : resource.formats) has_api |= format == "api";
  resource.sharing_method = has_api ? "接口" : "文件下载";

  // The tables already keep core data closed and identifiers off unconditional opening; this
  // holds the rules even if an optional item changed the picture.
  resource.opening = demo_concept.opening;
  if (core) resource.opening = AccessAttribute::kNone;
  if (direct_identifiers && resource.opening == AccessAttribute::kUnconditional) {
    resource.opening = AccessAttribute::kConditional;
  }
  if (resource.opening == AccessAttribute::kConditional) {
    resource.opening_conditions = random.Pick(kOpeningConditions);
  } else if (resource.opening == AccessAttribute::kNone) {
    resource.opening_conditions = core ? "属于核心数据，依据《中华人民共和国数据安全法》不予开放。"
                                  : personal
                                      ? "含个人信息，依据《中华人民共和国个人信息保护法》不予开放。"
                                      : "涉及商业秘密或行政工作秘密，不予开放。";
  }
  if (resource.opening != AccessAttribute::kNone) resource.license = "CC-BY-4.0";
  resource.operation_allowed =
      !core && resource.opening != AccessAttribute::kNone && random.Chance(30);
  resource.update_cycle = demo_concept.update_cycle;

  resource.grading.grade = grade;
  if (core) {
    resource.grading.basis =
        "依据GB/T 43697-2024，数据一旦遭到篡改、破坏或泄露可能直接危害国家安全和重大公共利益，"
        "列为核心数据。";
  } else if (grade.level == GradeLevel::kImportant) {
    resource.grading.basis =
        personal ? "依据GB/T 43697-2024，含大规模个人信息或敏感个人信息，泄露可能危害公共利益，"
                   "列为重要数据。"
                 : "依据GB/T 43697-2024，含企业经营敏感信息，泄露可能危害公共利益，列为重要数据。";
  } else if (direct_identifiers) {
    resource.grading.basis = "依据GB/T 43697-2024按就高从严定级：含" + identifying_titles +
                             "等个人信息项，定为" + GradeLabel(grade) + "。";
  } else {
    resource.grading.basis =
        "依据GB/T 43697-2024，为面向社会的业务、名录或统计数据，不含个人信息，定为" +
        GradeLabel(grade) + "。";
  }

  // Dates. A name with a year covers that year and is published the next; others cover some
  // years up to publication.
  const int last_day = DaysFromCivil(2026, 10, 31);
  int publish_day;
  bool covers_one_year = year_in_name || year_suffix;
  if (covers_one_year) {
    resource.temporal_start = FormatDate(DaysFromCivil(year, 1, 1));
    resource.temporal_end = FormatDate(DaysFromCivil(year, 12, 31));
    publish_day = DaysFromCivil(year + 1, 1, 10) + static_cast<int>(random.Below(170));
  } else {
    const int first_day = DaysFromCivil(2019, 1, 1);
    publish_day = first_day + static_cast<int>(random.Below(last_day - first_day));
    const int publish_year = static_cast<int>(CivilFromDays(publish_day).year());
    const int start_year = 2010 + static_cast<int>(random.Below(publish_year - 2010));
    resource.temporal_start = FormatDate(DaysFromCivil(start_year, 1, 1));
  }
  publish_day = std::min(publish_day, last_day);
  if (demo.stage == DemoStage::kCoded) {
    resource.publish_date = FormatDate(publish_day);
    if (!covers_one_year && resource.update_cycle != UpdateCycle::kIrregular) {
      resource.temporal_end = resource.publish_date;
    }
    resource.grading.graded_at =
        std::chrono::sys_days{std::chrono::days{publish_day - static_cast<int>(random.Below(60))}};
  } else {
    resource.grading.graded_at = std::chrono::sys_days{
        std::chrono::days{DaysFromCivil(2026, 1, 5) + static_cast<int>(random.Below(290))}};
  }

  resource.contact.name = kContactNames[pair.provider_index % kContactNames.size()];
  resource.contact.email = contact_emails_[pair.provider_index];
  resource.contact.phone = contact_phones_[pair.provider_index];
  resource.status = StatusOf(demo.stage);
  if (demo.stage == DemoStage::kReturned) demo.stage_note = random.Pick(kReturnNotices);
  if (demo.stage == DemoStage::kRejected) demo.stage_note = random.Pick(kRejectionReasons);
  if (demo.stage == DemoStage::kPublicityWithObjection) demo.stage_note = kObjection;
  return demo;
}

DemoCatalog GenerateDemoCatalog(uint64_t seed, size_t resource_count) {
  DemoCatalogGenerator generator(seed, resource_count);
  DemoCatalog catalog;
  catalog.providers = generator.providers();
  catalog.resources.reserve(resource_count);
  for (size_t index = 0; index < resource_count; ++index) {
    catalog.resources.push_back(generator.Generate(index));
  }
  return catalog;
}

}  // namespace gongshu
