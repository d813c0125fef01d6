// CatalogStore: what the catalog service needs from a metadata store — resources with their full
// version history, and catalog search.
//
// Implementations: store/sqlite_catalog_store.h (embedded). Every method is safe to call from any
// thread. Writes carry an Event written in the same transaction as the change.
// Errors: NotFound for a missing id or version, Conflict for a version clash, Internal for a
// failure of the store itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_query.h"
#include "catalog/resource.h"
#include "common/event.h"
#include "common/status.h"

namespace gongshu {

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;

  // Stores version 1 of a new resource and returns it with its resource code assigned:
  // "<provider code>-<serial>", the serial counting that provider's resources from 00001 and
  // never reused.
  virtual Result<Resource> InsertResource(Resource resource, const ResourceVersionInfo& info,
                                          const Event& event) = 0;
  // The current version, or version `version` when given.
  virtual Result<Resource> GetResource(const std::string& id,
                                       std::optional<int64_t> version = std::nullopt) = 0;
  // Stores `resource` as its next version: Conflict unless the stored current version is
  // `resource.version - 1`.
  virtual Status UpdateResource(const Resource& resource, const ResourceVersionInfo& info,
                                const Event& event) = 0;
  // The resource with this resource code (current version).
  virtual Result<Resource> GetResourceByCode(const std::string& code) = 0;
  // Who changed what when, oldest first.
  virtual Result<std::vector<ResourceVersionInfo>> ListResourceVersions(const std::string& id) = 0;
  // Resources of other providers with the same name (possible duplicates).
  virtual Result<std::vector<Resource>> FindByName(const std::string& name,
                                                   const std::string& except_provider_id) = 0;

  // Catalog search. InvalidArgument for a malformed page key.
  virtual Result<CatalogResults> Search(const CatalogQuery& query) = 0;
  // Up to `limit` names of registered resources that complete `prefix`, best first.
  virtual Result<std::vector<std::string>> Suggest(const std::string& prefix, int limit) = 0;
};

}  // namespace gongshu
