// SqliteCatalogStore: CatalogStore on the embedded SQLite metadata database.
//
// Layout (migration 4, docs/store.md): `resources` holds the current version of each resource as
// a JSON document plus the columns search sorts and filters on; `resource_versions` every
// version; `resource_facets` one row per (facet, value) of a registered-or-not resource, for
// filters and facet counts; `resource_search` the FTS5 index (tokenizer `gongshu`, search/) over
// name, keywords, summary and items, whose rowid is the resource's `seq`.
#pragma once

#include "catalog/catalog_store.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteCatalogStore final : public CatalogStore {
 public:
  // `pool` must outlive the store.
  explicit SqliteCatalogStore(ConnectionPool& pool) : pool_(pool) {}

  Result<Resource> InsertResource(Resource resource, const ResourceVersionInfo& info,
                                  const Event& event) override;
  Result<Resource> GetResource(const std::string& id, std::optional<int64_t> version) override;
  Status UpdateResource(const Resource& resource, const ResourceVersionInfo& info,
                        const Event& event) override;
  Result<Resource> GetResourceByCode(const std::string& code) override;
  Result<std::vector<ResourceVersionInfo>> ListResourceVersions(const std::string& id) override;
  Result<std::vector<Resource>> FindByName(const std::string& name,
                                           const std::string& except_provider_id) override;
  Result<CatalogResults> Search(const CatalogQuery& query) override;
  Result<std::vector<std::string>> Suggest(const std::string& prefix, int limit) override;

 private:
  ConnectionPool& pool_;
};

// Writes the search rows (facets and full text) of `resource`, stored at `seq`, replacing any
// earlier ones; inside the caller's transaction. Exposed for bulk loaders (demo, benchmarks).
Status IndexResource(SqliteConnection& connection, int64_t seq, const Resource& resource);

// Stores `resource` as its next version (Conflict unless the stored version is
// `resource.version - 1`) and reindexes it; inside the caller's transaction. Shared with the
// registration store, whose steps change a resource together with the registration.
Status WriteResourceVersion(SqliteConnection& connection, const Resource& resource,
                            const ResourceVersionInfo& info);

}  // namespace gongshu
