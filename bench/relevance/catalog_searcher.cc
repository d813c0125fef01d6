#include "catalog_searcher.h"

#include <cstdio>
#include <map>

#include "identity/uscc.h"
#include "store/sqlite.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_identity_store.h"

namespace gongshu {
namespace {

class CatalogSearcher final : public Searcher {
 public:
  CatalogSearcher(std::unique_ptr<ConnectionPool> pool, std::map<std::string, int> documents)
      : pool_(std::move(pool)), store_(*pool_), documents_(std::move(documents)) {}

  std::string_view name() const override { return "gongshu"; }

  std::vector<int> Top(std::string_view query, int k) override {
    CatalogQuery catalog_query;
    catalog_query.text = std::string(query);
    catalog_query.limit = k;
    Result<CatalogResults> results = store_.Search(catalog_query);
    if (!results.ok()) {
      std::fprintf(stderr, "gongshu: query '%.*s' failed: %s\n", static_cast<int>(query.size()),
                   query.data(), results.status().message().c_str());
      ++failed_;
      return {};
    }
    std::vector<int> top;
    for (const CatalogHit& hit : results->hits) top.push_back(documents_.at(hit.resource.id));
    return top;
  }

  int failed_queries() const override { return failed_; }

 private:
  std::unique_ptr<ConnectionPool> pool_;
  SqliteCatalogStore store_;
  std::map<std::string, int> documents_;  // resource id -> document index
  int failed_ = 0;
};

}  // namespace

Result<std::unique_ptr<Searcher>> NewCatalogSearcher(const DemoCatalog& catalog,
                                                     const std::string& directory) {
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(directory + "/gongshu.db", 1);
  if (!pool.ok()) return pool.status();
  SqliteIdentityStore identities(**pool);
  SqliteCatalogStore resources(**pool);
  TimePoint now = FromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z
  std::vector<std::string> provider_ids;
  for (size_t index = 0; index < catalog.providers.size(); ++index) {
    const DemoProvider& provider = catalog.providers[index];
    Organization organization;
    organization.id = "org_" + std::to_string(index);
    organization.name = provider.name;
    organization.type =
        ParseOrganizationType(provider.type).value_or(OrganizationType::kDepartment);
    organization.division_code = provider.division_code;
    organization.uscc = provider.uscc_body + UsccCheckCharacter(provider.uscc_body);
    organization.created_at = now;
    organization.updated_at = now;
    GONGSHU_RETURN_IF_ERROR(identities.InsertOrganization(
        organization, Event{"organization.created", "", organization.id, now, "{}"}));
    provider_ids.push_back(organization.id);
  }
  std::map<std::string, int> documents;
  for (size_t index = 0; index < catalog.resources.size(); ++index) {
    Resource resource = catalog.resources[index].resource;
    resource.id = "res_" + std::to_string(index);
    resource.provider_id = provider_ids[catalog.resources[index].provider_index];
    resource.provider_code = resource.provider_id;
    resource.status = ResourceStatus::kRegistered;
    resource.created_at = now;
    resource.updated_at = now;
    Result<Resource> stored =
        resources.InsertResource(resource, ResourceVersionInfo{1, "", now, "loaded"},
                                 Event{"resource.created", "", resource.id, now, "{}"});
    if (!stored.ok()) return stored.status();
    documents[resource.id] = static_cast<int>(index);
  }
  return std::unique_ptr<Searcher>(new CatalogSearcher(std::move(*pool), std::move(documents)));
}

}  // namespace gongshu
