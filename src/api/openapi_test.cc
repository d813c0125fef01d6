// The OpenAPI document and the router agree: every route is documented and every documented
// operation is a route.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "common/secrets.h"
#include "common/testing/temp_dir.h"
#include "http/access_log.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_dataset_store.h"
#include "store/sqlite_identity_store.h"
#include "store/sqlite_registration_store.h"

namespace gongshu {
namespace {

using ::gongshu::testing::MakeTempDir;

// Routes that serve files rather than operations: the portal's static files and the ledger's
// tiles (described with /ledger/checkpoint, since OpenAPI paths cannot span segments).
bool IsFileRoute(const std::string& pattern) {
  return pattern == "/{path...}" || pattern == "/ledger/tile/{path...}";
}

std::set<std::string> DocumentedOperations(const nlohmann::json& document) {
  std::set<std::string> operations;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& symbol : upper) symbol = static_cast<char>(std::toupper(symbol));
      operations.insert(upper + " " + path);
    }
  }
  return operations;
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationIsARoute) {
  ASSERT_TRUE(InitSecrets());
  std::string directory = MakeTempDir("gongshu-openapi");
  ASSERT_FALSE(directory.empty());
  Result<std::unique_ptr<ConnectionPool>> pool = ConnectionPool::Open(directory + "/gongshu.db", 1);
  ASSERT_TRUE(pool.ok()) << pool.status().message();
  SqliteIdentityStore store(**pool);
  SystemClock clock;
  IdentityService identity(store, clock, IdentitySettings());
  Metrics metrics;
  AccessLog log(nullptr);
  SqliteCatalogStore catalog_store(**pool);
  CatalogService catalog(catalog_store, identity, clock, ThemeTaxonomy::Default());
  SqliteRegistrationStore registration_store(**pool);
  WorkingCalendar calendar;
  RegistrationService registration(registration_store, catalog_store, identity, clock, calendar,
                                   RegistrationRules());
  SqliteDatasetStore dataset_store(**pool);
  DatasetService datasets(dataset_store, catalog, clock, {directory + "/datasets", ""});
  ApplicationService applications(dataset_store, catalog, identity, clock, calendar, 10);
  AppDependencies dependencies;
  dependencies.datasets = &datasets;
  dependencies.applications = &applications;
  dependencies.identity = &identity;
  dependencies.catalog = &catalog;
  dependencies.registration = &registration;
  dependencies.metrics = &metrics;
  dependencies.log = &log;
  dependencies.clock = &clock;
  App app(Config(), dependencies);

  nlohmann::json document = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(document["openapi"], "3.1.0");
  std::set<std::string> documented = DocumentedOperations(document);
  std::set<std::string> routed;
  for (const auto& route : app.router().routes()) {
    if (IsFileRoute(route->pattern)) continue;
    routed.insert(route->method + " " + route->pattern);
  }
  for (const std::string& operation : routed) {
    EXPECT_TRUE(documented.count(operation)) << operation << " is not in openapi.json";
  }
  for (const std::string& operation : documented) {
    EXPECT_TRUE(routed.count(operation)) << operation << " is documented but not routed";
  }
}

TEST(OpenApiTest, EveryOperationHasAnIdAndDescribesItsResponses) {
  nlohmann::json document = nlohmann::json::parse(OpenApiDocument());
  std::set<std::string> ids;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      SCOPED_TRACE(method + " " + path);
      ASSERT_TRUE(operation.contains("operationId"));
      EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second)
          << "operationId is unique";
      EXPECT_FALSE(operation["responses"].empty());
      EXPECT_TRUE(operation.contains("summary"));
    }
  }
}

}  // namespace
}  // namespace gongshu
