// DatasetStore: what the dataset service needs from the metadata store — ingestions, the list of
// published versions of each resource (the current version is the newest), de-identification
// policies and usage counts. The version files themselves are the dataset engine's
// (version_file.h); the store only points at them.
//
// Implementations: store/sqlite_dataset_store.h. Thread-safe. Errors: NotFound for a missing
// id, Conflict for a stale revision, Internal for a failure of the store itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/event.h"
#include "common/status.h"
#include "dataset/data_application.h"
#include "dataset/dataset_version.h"

namespace gongshu {

struct StoredPolicy {
  int64_t revision = 0;  // 1 for the first policy of a resource
  std::string document;  // the policy's JSON (privacy/deidentification_policy.h)
};

struct UsageDay {
  std::string day;  // YYYY-MM-DD
  int64_t downloads = 0;
  int64_t api_calls = 0;
  int64_t distinct_users = 0;
};

class DatasetStore {
 public:
  virtual ~DatasetStore() = default;

  virtual Status InsertIngestion(const Ingestion& ingestion, const Event& event) = 0;
  // Stores the final state of an ingestion that did not publish.
  virtual Status FinishIngestion(const Ingestion& ingestion, const Event& event) = 0;
  virtual Result<Ingestion> GetIngestion(const std::string& id) = 0;
  // Every ingestion still "running" (after a restart: those the restart interrupted).
  virtual Result<std::vector<Ingestion>> RunningIngestions() = 0;

  // Stores `version` as the resource's newest, numbering it one past the last, and the
  // ingestion as published, with `event`, in one transaction. Returns the numbered version.
  virtual Result<DatasetVersion> PublishVersion(DatasetVersion version, const Ingestion& ingestion,
                                                const Event& event) = 0;
  // Oldest first.
  virtual Result<std::vector<DatasetVersion>> ListVersions(const std::string& resource_id) = 0;
  // Version `number`, or the current (newest) when nullopt. NotFound when there is none.
  virtual Result<DatasetVersion> GetVersion(const std::string& resource_id,
                                            std::optional<int64_t> number) = 0;

  virtual Result<std::optional<StoredPolicy>> GetPolicy(const std::string& resource_id) = 0;
  // Stores the policy as revision `expected_revision + 1`; Conflict when the stored revision is
  // not `expected_revision` (0: no policy yet).
  virtual Status PutPolicy(const std::string& resource_id, const std::string& document,
                           int64_t expected_revision, const Event& event) = 0;

  virtual Status InsertApplication(const DataApplication& application, const Event& event) = 0;
  // Stores the changed application (a decision, a credential); Conflict when the stored state is
  // not `expected_state` (someone decided first).
  virtual Status UpdateApplication(const DataApplication& application,
                                   ApplicationState expected_state, const Event& event) = 0;
  virtual Result<DataApplication> GetApplication(const std::string& id) = 0;
  // Newest first: those of `applicant_user_id`, and those whose provider is in
  // `provider_ids`; every application when `all`. Optionally only in `state`.
  virtual Result<std::vector<DataApplication>> ListApplications(
      const std::string& applicant_user_id, const std::vector<std::string>& provider_ids, bool all,
      std::optional<ApplicationState> state) = 0;
  // The approved applications of `user_id` for `resource_id` (the caller checks their periods).
  virtual Result<std::vector<DataApplication>> ApprovedApplications(const std::string& resource_id,
                                                                    const std::string& user_id) = 0;

  // Counts one download or API call (`kind` "download" | "api") by `principal` on `day`.
  virtual Status CountUse(const std::string& resource_id, const std::string& day,
                          const std::string& kind, const std::string& principal) = 0;
  // Per day, oldest first, for the last `days` days that have any use.
  virtual Result<std::vector<UsageDay>> Usage(const std::string& resource_id, int days) = 0;
};

}  // namespace gongshu
