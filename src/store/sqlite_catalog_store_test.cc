// Tests of store/sqlite_catalog_store.h: search filters, facet counts, paging and visibility on a
// small catalog whose facts are known by construction.
#include "store/sqlite_catalog_store.h"

#include <gtest/gtest.h>

#include <set>

#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

constexpr int64_t kStart = 1772413200;  // 2026-03-02T01:00:00Z

class SqliteCatalogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    std::string directory = ::gongshu::testing::MakeTempDir("gongshu_catalog_store_test");
    Result<std::unique_ptr<ConnectionPool>> pool =
        ConnectionPool::Open(directory + "/gongshu.db", 1);
    ASSERT_TRUE(pool.ok()) << pool.status().message();
    pool_ = std::move(*pool);
    store_ = std::make_unique<SqliteCatalogStore>(*pool_);
    SqliteIdentityStore identities(*pool_);
    for (const char* id : {"org_traffic", "org_health"}) {
      Organization organization;
      organization.id = id;
      organization.name = id;
      organization.division_code = "350100";
      organization.created_at = organization.updated_at = FromUnixSeconds(kStart);
      ASSERT_TRUE(identities
                      .InsertOrganization(organization, Event{"organization.created", "", id,
                                                              FromUnixSeconds(kStart), "{}"})
                      .ok());
    }
  }

  // Stores a resource; `minute` orders them by last change.
  void Add(const std::string& id, const std::string& name, const std::string& provider,
           const std::string& theme, ResourceStatus status, int minute) {
    Resource resource;
    resource.id = id;
    resource.name = name;
    resource.summary = name + "的数据。";
    resource.provider_id = provider;
    resource.provider_code = provider;
    resource.region = "350100";
    resource.themes = {theme};
    resource.formats = {"csv"};
    resource.items = {Item{"field", "字段", ItemType::kString, "", Grade{}, PersonalData::kNone}};
    resource.classification.category = "主题";
    resource.sharing = AccessAttribute::kUnconditional;
    resource.opening = AccessAttribute::kUnconditional;
    resource.license = "CC-BY-4.0";
    resource.contact = Contact{"数据科", "", "0591-00000000"};
    resource.grading.basis = "测试";
    resource.status = status;
    resource.created_at = resource.updated_at = FromUnixSeconds(kStart + 60 * minute);
    Result<Resource> stored =
        store_->InsertResource(resource, ResourceVersionInfo{1, "", resource.created_at, "test"},
                               Event{"resource.created", "", id, resource.created_at, "{}"});
    ASSERT_TRUE(stored.ok()) << stored.status().message();
  }

  void AddCatalog() {
    Add("res_1", "福州市公交站点信息", "org_traffic", "transport", ResourceStatus::kRegistered, 1);
    Add("res_2", "福州市公交线路信息", "org_traffic", "transport", ResourceStatus::kRegistered, 2);
    Add("res_3", "厦门市公交刷卡数据", "org_traffic", "transport", ResourceStatus::kDraft, 3);
    Add("res_4", "福州市医保定点医院", "org_health", "health", ResourceStatus::kRegistered, 4);
    Add("res_5", "福州市公交车辆医疗箱配置", "org_health", "health", ResourceStatus::kRegistered,
        5);
  }

  std::vector<std::string> Ids(const CatalogResults& results) {
    std::vector<std::string> ids;
    for (const CatalogHit& hit : results.hits) ids.push_back(hit.resource.id);
    return ids;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<SqliteCatalogStore> store_;
};

TEST_F(SqliteCatalogStoreTest, TextFiltersAndFacetsCountTheWholeMatchSet) {
  AddCatalog();
  CatalogQuery query;
  query.text = "公交";
  query.facets = {Facet::kTheme, Facet::kProvider};
  query.limit = 10;
  Result<CatalogResults> results = store_->Search(query);
  ASSERT_TRUE(results.ok()) << results.status().message();
  // res_3 is a draft: not searched by default.
  EXPECT_EQ(results->total, 3);
  std::vector<std::string> ids = Ids(*results);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()),
            (std::set<std::string>{"res_1", "res_2", "res_5"}));
  std::vector<FacetCount> themes = results->facet_counts[Facet::kTheme];
  ASSERT_EQ(themes.size(), 2u);
  EXPECT_EQ(themes[0].value, "transport");
  EXPECT_EQ(themes[0].count, 2);
  EXPECT_EQ(themes[1].value, "health");
  EXPECT_EQ(themes[1].count, 1);
  for (const CatalogHit& hit : results->hits) {
    EXPECT_NE(hit.name_highlight.find("<mark>"), std::string::npos) << hit.name_highlight;
  }
  // Counts and total cover the whole match set, not the page.
  query.limit = 1;
  results = store_->Search(query);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->total, 3);
  EXPECT_EQ(results->facet_counts[Facet::kTheme][0].count, 2);

  query.filters[Facet::kTheme] = {"health"};
  results = store_->Search(query);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(Ids(*results), (std::vector<std::string>{"res_5"}));
  EXPECT_EQ(results->facet_counts[Facet::kProvider].size(), 1u);
  EXPECT_EQ(results->facet_counts[Facet::kProvider][0].value, "org_health");

  CatalogQuery drafts;
  drafts.text = "公交";
  drafts.registered_only = false;
  drafts.provider_ids = {"org_traffic"};
  results = store_->Search(drafts);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->total, 3);  // res_1, res_2 and the draft res_3
}

TEST_F(SqliteCatalogStoreTest, PagesWalkEveryMatchOnceInOrder) {
  AddCatalog();
  for (CatalogSort sort :
       {CatalogSort::kNewest, CatalogSort::kOldest, CatalogSort::kName, CatalogSort::kRelevance}) {
    CatalogQuery query;
    query.text = sort == CatalogSort::kRelevance ? "福州" : "";
    query.sort = sort;
    query.limit = 1;
    std::vector<std::string> seen;
    for (int page = 0; page < 10; ++page) {
      Result<CatalogResults> results = store_->Search(query);
      ASSERT_TRUE(results.ok()) << results.status().message();
      for (const std::string& id : Ids(*results)) seen.push_back(id);
      if (results->next_key.empty()) break;
      query.after_key = results->next_key;
    }
    std::set<std::string> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), seen.size()) << CatalogSortName(sort);
    EXPECT_EQ(seen.size(), 4u) << CatalogSortName(sort);  // the four registered resources
    if (sort == CatalogSort::kNewest) {
      EXPECT_EQ(seen, (std::vector<std::string>{"res_5", "res_4", "res_2", "res_1"}));
    }
  }
  CatalogQuery bad;
  bad.after_key = "garbage";
  EXPECT_EQ(store_->Search(bad).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongshu
