// App: the HTTP face of Gongshu. Owns the router and runs every request through one pipeline:
//
//   rate limit by client address → match route (404/405) → authenticate (bearer token or session
//   cookie) → rate limit by token → CSRF check for cookie-authenticated writes → access decision
//   for the route's action (401/403) → handler → problem+json for any error.
//
// Handlers are thin: parse, call a service, map the result (identity_routes.cc,
// system_routes.cc). Thread-safe: Handle() is called concurrently by server threads.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog_service.h"
#include "common/clock.h"
#include "config/config.h"
#include "dataset/application_service.h"
#include "dataset/dataset_service.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "identity/identity_service.h"
#include "identity/rate_limiter.h"
#include "interop/dcat.h"
#include "ledger/durable_log.h"
#include "ledger/recorder.h"
#include "ledger/witness.h"
#include "ledger/witness_state.h"
#include "registration/registration_service.h"

namespace gongshu {

class AccessLog;

// The session cookie set at sign-in.
inline constexpr char kSessionCookie[] = "gongshu_session";

struct AppDependencies {
  IdentityService* identity = nullptr;
  CatalogService* catalog = nullptr;
  RegistrationService* registration = nullptr;
  DatasetService* datasets = nullptr;          // optional: the dataset routes exist only with it
  ApplicationService* applications = nullptr;  // optional, likewise the application routes
  Metrics* metrics = nullptr;
  AccessLog* log = nullptr;
  const Clock* clock = nullptr;
  DurableLog* ledger = nullptr;   // optional: ledger routes answer 503 without it
  EventSource* events = nullptr;  // optional: entries are shown without their records
  // Optional: called after every successful write request (the recorder's nudge).
  std::function<void()> after_write;
  // Optional: the checkpoint to serve, with the witnesses' cosignatures (default: the log's).
  std::function<std::string()> served_checkpoint;
  // Optional witness role (all three or none): the logs this node cosigns, its cosigning key,
  // and what it remembers of each log.
  const WitnessLogs* witness_logs = nullptr;
  const CosignatureSigner* cosigner = nullptr;
  WitnessStateStore* witness_state = nullptr;
  // This node's cosigner verifier key, served at /ledger/witness-key (empty: 404).
  std::string witness_key;
};

class App {
 public:
  // The pointers in `dependencies` not marked optional must be set; all must outlive the App.
  App(const Config& config, AppDependencies dependencies);

  Response Handle(Request& request);
  // Whether a request may stream its body to a file (ServerOptions::accepts_upload): the
  // upload of a data version.
  static bool AcceptsUpload(std::string_view method, std::string_view path);
  // Whether a request may take long (ServerOptions::runs_long): rows, downloads and
  // datastore_search, which read data versions.
  static bool RunsLong(std::string_view method, std::string_view path);
  const Router& router() const { return router_; }
  // Set when the server has started and stops accepting work; /readyz reflects it.
  void SetReady(bool ready) { ready_ = ready; }

 private:
  Response Dispatch(Request& request, Principal* principal);
  void AddSystemRoutes();
  void AddIdentityRoutes();
  void AddLedgerRoutes();
  void AddCatalogRoutes();
  void AddRegistrationRoutes();
  void AddInteropRoutes();
  void AddDatasetRoutes();
  void AddApplicationRoutes();
  // Ok, or ResourceExhausted when an anonymous request is over its address's data quota.
  Status AnonymousDataQuota(const Request& request, const Principal& principal) const;
  // One CKAN action (interop_routes.cc).
  Response CkanAction(const Request& request, const RouteContext& context) const;
  // The DCAT-AP context of this deployment, at `base_url`.
  DcatContext MakeDcatContext(const std::string& base_url) const;
  // The API views of catalog objects, with their evidence on the ledger.
  nlohmann::json ResourceView(const Resource& resource) const;
  nlohmann::json RegistrationView(const Registration& registration) const;
  Response AddCheckpoint(const Request& request);
  // Adds "evidence" (where the events about `subject_id` stand on the ledger) to `view`.
  void AddEvidence(const std::string& subject_id, nlohmann::json* view) const;
  // The cookie attributes for the session cookie of `request`.
  std::string CookieAttributes(const Request& request) const;

  const Config config_;
  AppDependencies dependencies_;
  Router router_;
  StaticFiles static_files_;
  RateLimiter address_limiter_;
  RateLimiter token_limiter_;
  // The quota of anonymous data reads per client address (datasets.anonymous_requests_per_hour).
  mutable RateLimiter anonymous_data_limiter_;  // thread-safe itself
  std::atomic<bool> ready_{false};
};

// The OpenAPI 3.1 document served at /api/v1/openapi.json (src/api/openapi.json).
const std::string& OpenApiDocument();

}  // namespace gongshu
