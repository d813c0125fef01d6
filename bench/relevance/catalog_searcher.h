// The catalog's own search as a Searcher: the demo catalog stored through SqliteCatalogStore in a
// temporary metadata database and searched with SqliteCatalogStore::Search, the code path of
// GET /api/v1/resources?q=. This is the "gongshu" figure of the relevance benchmark.
#pragma once

#include <memory>

#include "demo/demo_catalog.h"
#include "searchers.h"

namespace gongshu {

// Stores every resource of `catalog` as registered (index i of catalog.resources is document i)
// under `directory`, which must exist and be empty. Internal when storing fails.
Result<std::unique_ptr<Searcher>> NewCatalogSearcher(const DemoCatalog& catalog,
                                                     const std::string& directory);

}  // namespace gongshu
