#include "demo/demo_catalog.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <unordered_set>

#include "catalog/resource_json.h"
#include "catalog/resource_rules.h"
#include "catalog/theme.h"
#include "identity/uscc.h"

namespace gongshu {
namespace {

const DemoCatalog& Demo() {
  static const DemoCatalog* const kDemo =
      new DemoCatalog(GenerateDemoCatalog(kDemoSeed, kDemoResourceCount));
  return *kDemo;
}

// The binding rules, stated again here so that a change to resource_rules.cc that loosened them
// would not let the generator drift.
void ExpectRulesObeyed(const DemoResource& demo) {
  const Resource& resource = demo.resource;
  SCOPED_TRACE(resource.name);
  for (const FieldError& error : CheckResourceRules(resource, ThemeTaxonomy::Default())) {
    ADD_FAILURE() << error.field << ": " << error.reason;
  }
  bool direct_identifiers = false;
  for (const Item& item : resource.items) {
    EXPECT_GE(resource.grading.grade.Rank(), item.sensitivity.Rank()) << item.name;
    direct_identifiers |= item.personal == PersonalData::kDirectIdentifier;
  }
  if (resource.grading.grade.level == GradeLevel::kCore) {
    EXPECT_EQ(resource.opening, AccessAttribute::kNone);
    EXPECT_FALSE(resource.operation_allowed);
  }
  if (direct_identifiers) EXPECT_NE(resource.opening, AccessAttribute::kUnconditional);
  if (resource.opening == AccessAttribute::kNone) EXPECT_FALSE(resource.operation_allowed);
  EXPECT_FALSE(resource.grading.basis.empty());
}

TEST(DemoCatalogTest, DemoIsLargeAndCoversProvidersRegionsAndThemes) {
  const DemoCatalog& demo = Demo();
  ASSERT_EQ(demo.resources.size(), kDemoResourceCount);
  EXPECT_GE(demo.resources.size(), 300u);
  std::set<size_t> providers;
  std::set<std::string> regions;
  std::set<std::string> themes;
  std::set<std::string> concepts;
  for (const DemoResource& demo_resource : demo.resources) {
    ASSERT_LT(demo_resource.provider_index, demo.providers.size());
    providers.insert(demo_resource.provider_index);
    const DemoProvider& provider = demo.providers[demo_resource.provider_index];
    EXPECT_EQ(demo_resource.resource.provider_name, provider.name);
    EXPECT_EQ(demo_resource.resource.region, provider.division_code);
    regions.insert(provider.division_code);
    themes.insert(demo_resource.resource.themes.begin(), demo_resource.resource.themes.end());
    concepts.insert(demo_resource.concept_id);
  }
  EXPECT_GE(providers.size(), 30u);
  EXPECT_EQ(providers.size(), demo.providers.size()) << "every provider holds a resource";
  EXPECT_GE(regions.size(), 3u);
  for (const Theme& theme : ThemeTaxonomy::Default().themes()) {
    EXPECT_TRUE(themes.count(theme.id)) << "no resource of theme " << theme.id;
  }
  EXPECT_GE(concepts.size(), 120u);
}

TEST(DemoCatalogTest, DemoHasEveryStageAndExactlyOneObjection) {
  std::map<DemoStage, int> stages;
  for (const DemoResource& demo_resource : Demo().resources) {
    ++stages[demo_resource.stage];
    bool noted = demo_resource.stage == DemoStage::kReturned ||
                 demo_resource.stage == DemoStage::kRejected ||
                 demo_resource.stage == DemoStage::kPublicityWithObjection;
    EXPECT_EQ(demo_resource.stage_note.empty(), !noted) << DemoStageName(demo_resource.stage);
    const Resource& resource = demo_resource.resource;
    switch (demo_resource.stage) {
      case DemoStage::kCoded:
        EXPECT_EQ(resource.status, ResourceStatus::kRegistered);
        EXPECT_TRUE(resource.publish_date.has_value());
        break;
      case DemoStage::kDraft:
      case DemoStage::kRejected:
        EXPECT_EQ(resource.status, ResourceStatus::kDraft);
        EXPECT_FALSE(resource.publish_date.has_value());
        break;
      default:
        EXPECT_EQ(resource.status, ResourceStatus::kRegistering);
        EXPECT_FALSE(resource.publish_date.has_value());
    }
  }
  for (int stage = 0; stage <= static_cast<int>(DemoStage::kRejected); ++stage) {
    EXPECT_GE(stages[static_cast<DemoStage>(stage)], 1)
        << DemoStageName(static_cast<DemoStage>(stage));
  }
  EXPECT_EQ(stages[DemoStage::kPublicityWithObjection], 1);
  EXPECT_GE(stages[DemoStage::kPublicity], 3);
  EXPECT_GT(stages[DemoStage::kCoded], static_cast<int>(kDemoResourceCount) / 2);
}

TEST(DemoCatalogTest, DemoNamesAreUnique) {
  std::set<std::string> names;
  for (const DemoResource& demo_resource : Demo().resources) {
    EXPECT_TRUE(names.insert(demo_resource.resource.name).second) << demo_resource.resource.name;
  }
}

TEST(DemoCatalogTest, DemoObeysTheCatalogRules) {
  int core = 0;
  int identifiers = 0;
  for (const DemoResource& demo_resource : Demo().resources) {
    ExpectRulesObeyed(demo_resource);
    core += demo_resource.resource.grading.grade.level == GradeLevel::kCore;
    for (const Item& item : demo_resource.resource.items) {
      if (item.personal == PersonalData::kDirectIdentifier) {
        ++identifiers;
        break;
      }
    }
  }
  // The rules are exercised, not vacuously true.
  EXPECT_GE(core, 1);
  EXPECT_GE(identifiers, 10);
}

TEST(DemoCatalogTest, DemoLooksLikeAChineseCatalog) {
  const DemoCatalog& demo = Demo();
  std::set<std::string> names;
  for (const DemoResource& demo_resource : demo.resources) {
    names.insert(demo_resource.resource.name);
    EXPECT_FALSE(demo_resource.resource.summary.empty());
    EXPECT_FALSE(demo_resource.resource.keywords.empty());
    EXPECT_FALSE(demo_resource.resource.items.empty());
  }
  int found = 0;
  for (const char* name : {"公交站点信息", "医保定点医疗机构名录", "空气质量小时监测数据",
                           "企业登记信息", "中小学校名录", "行政许可信息", "双随机抽查结果"}) {
    for (const std::string& generated : names) {
      if (generated.find(name) != std::string::npos) {
        ++found;
        break;
      }
    }
  }
  EXPECT_GE(found, 5);
  for (const DemoProvider& provider : demo.providers) {
    EXPECT_TRUE(CheckUscc(provider.uscc_body + UsccCheckCharacter(provider.uscc_body)).ok())
        << provider.name;
  }
}

TEST(DemoCatalogTest, SameSeedSameCatalogOtherSeedOtherCatalog) {
  DemoCatalog again = GenerateDemoCatalog(kDemoSeed, kDemoResourceCount);
  ASSERT_EQ(again.resources.size(), Demo().resources.size());
  for (size_t index = 0; index < again.resources.size(); ++index) {
    const DemoResource& first = Demo().resources[index];
    const DemoResource& second = again.resources[index];
    EXPECT_EQ(ResourceToJson(first.resource), ResourceToJson(second.resource));
    EXPECT_EQ(first.stage, second.stage);
    EXPECT_EQ(first.provider_index, second.provider_index);
    EXPECT_EQ(first.concept_id, second.concept_id);
    EXPECT_EQ(first.stage_note, second.stage_note);
  }
  DemoCatalog other = GenerateDemoCatalog(kDemoSeed + 1, kDemoResourceCount);
  int same_names = 0;
  for (size_t index = 0; index < other.resources.size(); ++index) {
    same_names += other.resources[index].resource.name == Demo().resources[index].resource.name;
  }
  EXPECT_LT(same_names, static_cast<int>(kDemoResourceCount) / 4);
}

TEST(DemoCatalogTest, ResourcesCanBeGeneratedInAnyOrder) {
  DemoCatalogGenerator generator(kDemoSeed, kDemoResourceCount);
  for (size_t index : {359u, 0u, 180u, 7u}) {
    EXPECT_EQ(ResourceToJson(generator.Generate(index).resource),
              ResourceToJson(Demo().resources[index].resource));
  }
}

TEST(DemoCatalogTest, FewResourcesStillHaveAtMostOneObjection) {
  for (size_t count : {0u, 1u, 5u, 9u}) {
    DemoCatalog small = GenerateDemoCatalog(7, count);
    ASSERT_EQ(small.resources.size(), count);
    int objections = 0;
    std::set<DemoStage> stages;
    for (const DemoResource& demo_resource : small.resources) {
      objections += demo_resource.stage == DemoStage::kPublicityWithObjection;
      stages.insert(demo_resource.stage);
    }
    EXPECT_EQ(objections, count == 0 ? 0 : 1);
    if (count == 9) EXPECT_EQ(stages.size(), 9u);
  }
}

// Large catalogs (the search benchmarks go to a million) stay varied, unique and lawful beyond
// the pairs the first round uses: districts, years and serials.
TEST(DemoCatalogTest, HundredThousandResourcesAreUniqueAndLawful) {
  constexpr size_t kCount = 100000;
  DemoCatalogGenerator generator(kDemoSeed, kCount);
  std::unordered_set<std::string> names;
  names.reserve(kCount);
  std::set<std::string> spatial;
  int objections = 0;
  for (size_t index = 0; index < kCount; ++index) {
    DemoResource demo_resource = generator.Generate(index);
    ASSERT_TRUE(names.insert(demo_resource.resource.name).second)
        << index << " " << demo_resource.resource.name;
    spatial.insert(demo_resource.resource.spatial);
    objections += demo_resource.stage == DemoStage::kPublicityWithObjection;
    if (index % 97 == 0) ExpectRulesObeyed(demo_resource);
  }
  EXPECT_EQ(objections, 1);
  EXPECT_GE(spatial.size(), 30u) << "districts are used";
}

TEST(DemoCatalogTest, StageNames) {
  EXPECT_EQ(DemoStageName(DemoStage::kPublicityWithObjection), "publicity_with_objection");
  EXPECT_EQ(DemoStageName(DemoStage::kCoded), "coded");
}

}  // namespace
}  // namespace gongshu
