// DatasetService: a resource's data — uploads read into immutable versions, the version list,
// the row API and downloads, the de-identification policy applied on every way out, and usage
// statistics. Ties the pure parts together: tabular/ readers, ingestion.h checks, quality/
// profiles and personal-data detection, privacy/ policies, and version files.
//
// Access: uploads and the policy need the dataset.write rule for the resource's organization
// (providers of it, platform admins). The provider's providers and admins, platform admins and
// auditors read any of the resource's data. Anyone else: a draft is NotFound (as in the
// catalog); data of a registered resource opened unconditionally is public; opened on
// conditions, PermissionDenied unless an approved application covers today, and then only its
// fields; not opened, PermissionDenied; a resource not (or no longer) registered,
// FailedPrecondition. Version lists are public with the resource, but a profile's values are
// withheld from those who may not read the data, and for personal or de-identified columns from
// everyone but the provider.
//
// Uploads run on a worker thread: StartIngestion returns at once with the ingestion's id, and
// GetIngestion shows its progress. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog_service.h"
#include "common/clock.h"
#include "dataset/dataset_store.h"
#include "dataset/ingestion.h"
#include "dataset/row_query.h"
#include "privacy/anonymity_check.h"
#include "privacy/deidentifier.h"

namespace gongshu {

struct UploadOptions {
  std::string format;     // "" detects; csv | json | ndjson | xlsx
  std::string encoding;   // "" detects; utf-8 | gb18030 (gbk is accepted as gb18030)
  std::string delimiter;  // "" sniffs; one of , \t ; |
  std::string sheet;      // XLSX: "" for the first sheet
  std::string file_name;  // as the uploader named it
  std::string note;       // the version note
  bool quarantine = false;
};

// How the CKAN datastore_search reads rows, beyond the row API's parameters.
struct RowOptions {
  int64_t offset = 0;        // rows skipped before the page
  bool count = false;        // count the rows the filters match (RowPage::matches)
  bool row_numbers = false;  // each row object starts with "_id": its row number
};

// One page of the row API.
struct RowPage {
  DatasetVersion version;
  std::vector<DatasetColumn> columns;  // the columns returned, after de-identification
  std::string rows_json;               // a JSON array of objects, one per row
  size_t row_count = 0;                // rows on this page
  std::string next_cursor;             // empty on the last page
  std::optional<uint64_t> matches;     // with RowOptions::count
  bool more = false;                   // rows follow this page
};

// A response body produced piece by piece (downloads).
class DataStream {
 public:
  virtual ~DataStream() = default;
  // Appends the next piece to `out`; false when there is nothing more. After an error Next
  // returns false with failed() set: the body ends early (the client sees a truncated transfer,
  // never a complete-looking one).
  virtual bool Next(std::string& out) = 0;
  virtual bool failed() const { return false; }
};

struct Download {
  std::string content_type;
  std::string file_name;  // for Content-Disposition
  std::unique_ptr<DataStream> stream;
};

struct PolicyView {
  int64_t revision = 0;  // 0: no policy stored, `document` is the suggested one in force
  nlohmann::json document;
  nlohmann::json anonymity;  // the k/l check on the current version, or null
};

struct DatasetServiceOptions {
  std::string datasets_directory;  // <data dir>/datasets
  std::string release_key_file;    // <data dir>/keys/pseudonymization.key (made by init)
};

class DatasetService {
 public:
  // References must outlive the service.
  DatasetService(DatasetStore& store, CatalogService& catalog, const Clock& clock,
                 DatasetServiceOptions options);
  ~DatasetService();  // finishes the ingestion under way, drops queued ones (they fail on restart)

  // Reads the pseudonymization secret (options.release_key_file) and makes the datasets
  // directory: enough for IngestNow and reads, without touching uploads a running server may
  // have under way (the import command). Internal when the key file is missing or damaged.
  Status Open();
  // Open(), then removes temporary files, queues again the ingestions a restart interrupted
  // (their acknowledged uploads are read from the start; one whose file is gone fails) and
  // starts the worker (the server, once per data directory).
  Status Start();
  // Called after an ingestion ends (its events are stored), e.g. to nudge the ledger recorder.
  // REQUIRES: called before Start().
  void SetAfterChange(std::function<void()> after_change) {
    after_change_ = std::move(after_change);
  }

  // Takes the uploaded file at `file_path` (moved into the datasets directory) and queues its
  // ingestion. PermissionDenied/NotFound as described above; FailedPrecondition for a cancelled
  // resource; InvalidArgument for bad options.
  Result<Ingestion> StartIngestion(const Principal& actor, const std::string& resource_id,
                                   const std::string& file_path, const UploadOptions& options);
  // Runs an ingestion to its end on the calling thread (the import command, the demo loader);
  // `file_path` is read, not moved.
  Result<Ingestion> IngestNow(const Principal& actor, const std::string& resource_id,
                              const std::string& file_path, const UploadOptions& options);
  // With live progress while running. Visible to whoever may upload to the resource.
  Result<Ingestion> GetIngestion(const Principal& actor, const std::string& id);

  Result<std::vector<DatasetVersion>> ListVersions(const Principal& actor,
                                                   const std::string& resource_id);
  Result<DatasetVersion> GetVersion(const Principal& actor, const std::string& resource_id,
                                    std::optional<int64_t> number);
  // The quarantined rows of a version (the uploader's view only), as a JSON array.
  Result<nlohmann::json> Quarantine(const Principal& actor, const std::string& resource_id,
                                    int64_t number);

  // A page of rows; `parameters` as row_query.h describes (plus "version").
  Result<RowPage> Rows(const Principal& actor, const std::string& resource_id,
                       const std::vector<std::pair<std::string, std::string>>& parameters,
                       const RowOptions& options = {});
  // The whole version, de-identified, as csv | json | xlsx.
  Result<Download> StartDownload(const Principal& actor, const std::string& resource_id,
                                 std::optional<int64_t> number, const std::string& format);

  // The policy in force (stored, or suggested from the personal data found) and its k/l check.
  Result<PolicyView> GetPolicy(const Principal& actor, const std::string& resource_id);
  // Stores a policy: body {"revision": <the revision read>, "policy": {...}}. InvalidArgument
  // naming the field; Conflict for a stale revision; FailedPrecondition when the current version
  // fails the policy's k-anonymity or l-diversity (nothing is stored).
  Result<PolicyView> PutPolicy(const Principal& actor, const std::string& resource_id,
                               const nlohmann::json& body);

  Result<std::vector<UsageDay>> Usage(const Principal& actor, const std::string& resource_id);

 private:
  struct Job;
  struct Release;
  // A resource whose data the actor may read, and the columns they may read (all when unset:
  // an approved application grants only the fields it named).
  struct Access {
    Resource resource;
    std::optional<std::set<std::string>> fields;
  };
  Result<Access> ReadableResource(const Principal& actor, const std::string& resource_id);
  Result<Resource> WritableResource(const Principal& actor, const std::string& resource_id);
  Result<Ingestion> NewIngestion(const Principal& actor, const Resource& resource,
                                 const std::string& file_path, const UploadOptions& options);
  void Run(Job& job);
  void WorkerLoop();
  std::string ResourceDirectory(const std::string& resource_id) const;
  // Where an acknowledged upload waits to be read (docs/dataset-versions.md).
  std::string IncomingPath(const std::string& resource_id, const std::string& ingestion_id) const;
  // The de-identification in force for `version`, with its anonymity check done once.
  Result<std::shared_ptr<const Release>> ReleaseFor(const Resource& resource,
                                                    const DatasetVersion& version);
  // Runs the k-anonymity / l-diversity check of `policy` over every row of `version`, as
  // `deidentifier` releases them.
  Result<privacy::AnonymityReport> ScanAnonymity(const std::string& resource_id,
                                                 const DatasetVersion& version,
                                                 const privacy::DeidentificationPolicy& policy,
                                                 const privacy::Deidentifier& deidentifier) const;
  void CountUse(const Principal& actor, const std::string& resource_id, const char* kind);

  DatasetStore& store_;
  CatalogService& catalog_;
  const Clock& clock_;
  DatasetServiceOptions options_;
  std::string release_secret_;
  std::function<void()> after_change_;

  std::mutex mutex_;
  std::condition_variable work_;
  std::deque<std::shared_ptr<Job>> queue_;                          // guarded by mutex_
  std::map<std::string, std::shared_ptr<Job>> running_;             // guarded by mutex_
  std::map<std::string, std::shared_ptr<const Release>> releases_;  // guarded by mutex_
  bool stopping_ = false;                                           // guarded by mutex_
  std::thread worker_;
};

}  // namespace gongshu
