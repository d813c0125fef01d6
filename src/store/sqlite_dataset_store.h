// SqliteDatasetStore: DatasetStore on the embedded SQLite metadata database (migration 5,
// docs/store.md): `ingestions` and `dataset_versions` keep each row's JSON document
// (dataset/dataset_json.h) beside the columns looked up by; the current version of a resource
// is its highest `number`, so publishing is one INSERT and readers never see half of it.
#pragma once

#include "dataset/dataset_store.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteDatasetStore final : public DatasetStore {
 public:
  // `pool` must outlive the store.
  explicit SqliteDatasetStore(ConnectionPool& pool) : pool_(pool) {}

  Status InsertIngestion(const Ingestion& ingestion, const Event& event) override;
  Status FinishIngestion(const Ingestion& ingestion, const Event& event) override;
  Result<Ingestion> GetIngestion(const std::string& id) override;
  Result<std::vector<Ingestion>> RunningIngestions() override;
  Result<DatasetVersion> PublishVersion(DatasetVersion version, const Ingestion& ingestion,
                                        const Event& event) override;
  Result<std::vector<DatasetVersion>> ListVersions(const std::string& resource_id) override;
  Result<DatasetVersion> GetVersion(const std::string& resource_id,
                                    std::optional<int64_t> number) override;
  Result<std::optional<StoredPolicy>> GetPolicy(const std::string& resource_id) override;
  Status PutPolicy(const std::string& resource_id, const std::string& document,
                   int64_t expected_revision, const Event& event) override;
  Status InsertApplication(const DataApplication& application, const Event& event) override;
  Status UpdateApplication(const DataApplication& application, ApplicationState expected_state,
                           const Event& event) override;
  Result<DataApplication> GetApplication(const std::string& id) override;
  Result<std::vector<DataApplication>> ListApplications(
      const std::string& applicant_user_id, const std::vector<std::string>& provider_ids, bool all,
      std::optional<ApplicationState> state) override;
  Result<std::vector<DataApplication>> ApprovedApplications(const std::string& resource_id,
                                                            const std::string& user_id) override;
  Status CountUse(const std::string& resource_id, const std::string& day, const std::string& kind,
                  const std::string& principal) override;
  Result<std::vector<UsageDay>> Usage(const std::string& resource_id, int days) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace gongshu
