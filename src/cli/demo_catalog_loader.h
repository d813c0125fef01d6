// Loading the demo catalog (demo/demo_catalog.h) into a fresh data directory: its provider
// organizations, its resources, and each resource's registration taken to its demo stage through
// the real services, so every step is validated and recorded as an event like any other.
#pragma once

#include <string>

#include "cli/local_services.h"

namespace gongshu {

struct DemoCatalogSummary {
  int providers_created = 0;
  int resources = 0;
  int registered = 0;
  int in_publicity = 0;
  int datasets = 0;  // resources given a data version
  uint64_t dataset_rows = 0;
};

// Loads the catalog as the admin of `administration` (a data administration organization).
// Registrations that are coded were submitted weeks ago: the services run on a clock that starts
// 40 days before now and moves forward step by step, ending before the present. Providers whose
// names already exist are reused. Then the demo data files (demo/demo_datasets.h) are written
// to `scratch_directory` (removed afterwards) and published as data versions.
// REQUIRES: services.datasets has been started.
Result<DemoCatalogSummary> LoadDemoCatalog(LocalServices& services,
                                           const Organization& administration,
                                           const std::string& scratch_directory);

}  // namespace gongshu
