#include "dataset/dataset_service.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "common/json_text.h"
#include "common/result_macros.h"
#include "common/secrets.h"
#include "dataset/data_application.h"
#include "dataset/dataset_json.h"
#include "dataset/version_analysis.h"
#include "dataset/version_file.h"
#include "dataset/xlsx_export.h"
#include "identity/access_policy.h"
#include "privacy/anonymity_check.h"
#include "privacy/deidentification_policy.h"
#include "privacy/deidentifier.h"
#include "registration/working_calendar.h"
#include "tabular/table_format.h"

namespace gongshu {

namespace fs = std::filesystem;

struct DatasetService::Job {
  Ingestion ingestion;
  std::string path;  // the upload, owned by the job
  bool owns_file = true;
  UploadOptions options;
  Resource resource;
  IngestionProgress progress;
};

// The de-identification of one version under one policy revision, and its anonymity check.
struct DatasetService::Release {
  std::vector<std::string> input_names;
  privacy::DeidentificationPolicy policy;
  int64_t policy_revision = 0;
  std::string key;  // the release key of pseudonyms
  std::optional<privacy::Deidentifier> deidentifier;
  privacy::AnonymityReport anonymity;
  bool passes = true;
  std::string refusal;  // why the release is refused, when it is
};

namespace {

constexpr int kUsageDays = 30;

// The body of a refusal message: the first errors, enough to act on.
std::string Summarize(const IngestionReport& report) {
  if (!report.fatal.empty()) return "the file could not be read: " + report.fatal;
  std::string message = std::to_string(report.error_count) + " error" +
                        (report.error_count == 1 ? "" : "s") + " in " +
                        std::to_string(report.rows_read) + " rows; nothing was published";
  if (!report.errors.empty()) {
    const RowError& first = report.errors.front();
    message += " (first: line " + std::to_string(first.line) +
               (first.column.empty() ? "" : ", column " + first.column) + ": " + first.reason + ")";
  }
  return message;
}

class WriterSink final : public RowSink {
 public:
  explicit WriterSink(VersionFileWriter& writer) : writer_(writer) {}
  Status AddRow(std::span<const tabular::Cell> cells) override { return writer_.AddRow(cells); }
  Status AddQuarantined(uint64_t line, const std::string& reason,
                        std::span<const tabular::Cell> cells) override {
    return writer_.AddQuarantined(line, reason, cells);
  }

 private:
  VersionFileWriter& writer_;
};

bool MayManage(const Principal& actor, const Resource& resource) {
  return Decide(actor, Action::kDatasetWrite, {resource.provider_id, std::nullopt}).ok();
}

bool MayReadUnreleased(const Principal& actor, const Resource& resource) {
  return Decide(actor, Action::kResourceDraftRead, {resource.provider_id, std::nullopt}).ok();
}

std::string Day(TimePoint time) { return FormatIsoTime(time).substr(0, 10); }

// Whether `text` is a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text) {
  size_t at = 0;
  auto digits = [&] {
    size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    return at > start;
  };
  if (at < text.size() && text[at] == '-') ++at;
  if (at < text.size() && text[at] == '0') {
    ++at;
  } else if (!digits()) {
    return false;
  }
  if (at < text.size() && text[at] == '.') {
    ++at;
    if (!digits()) return false;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    if (!digits()) return false;
  }
  return at == text.size();
}

// A JSON value for one released value of a column of `type`: numbers and booleans as JSON
// literals, unless the policy transformed the column (a band, a mask, a pseudonym: text, even
// when it happens to look like a number).
void AppendJsonValue(std::string& out, tabular::ColumnType type, const tabular::Cell& cell,
                     bool transformed) {
  if (cell.is_null) {
    out += "null";
    return;
  }
  bool literal = false;
  if (transformed) {
    literal = false;
  } else if (type == tabular::ColumnType::kInteger || type == tabular::ColumnType::kDecimal) {
    literal = IsJsonNumber(cell.text);
  } else if (type == tabular::ColumnType::kBoolean) {
    literal = cell.text == "true" || cell.text == "false";
  }
  if (literal) {
    out += cell.text;
  } else {
    out += JsonText(nlohmann::json(std::string(cell.text)));
  }
}

// A CSV field (RFC 4180): quoted when it holds a delimiter, quote or line break.
void AppendCsvField(std::string& out, const tabular::Cell& cell) {
  if (cell.is_null) return;
  if (cell.text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += cell.text;
    return;
  }
  out += '"';
  for (char symbol : cell.text) {
    if (symbol == '"') out += '"';
    out += symbol;
  }
  out += '"';
}

std::vector<tabular::Cell> CellsOf(std::span<const StoredValue> values) {
  std::vector<tabular::Cell> cells(values.size());
  for (size_t index = 0; index < values.size(); ++index) {
    cells[index] = {values[index].text, values[index].is_null};
  }
  return cells;
}

}  // namespace

DatasetService::DatasetService(DatasetStore& store, CatalogService& catalog, const Clock& clock,
                               DatasetServiceOptions options)
    : store_(store), catalog_(catalog), clock_(clock), options_(std::move(options)) {}

DatasetService::~DatasetService() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Status DatasetService::Open() {
  // The secret every release key is derived from: keys/pseudonymization.key, made by `init`
  // (standard base64 of 32 random bytes and a line end).
  std::ifstream key_in(options_.release_key_file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(key_in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::string secret(32, '\0');
  size_t length = 0;
  if (text.empty() ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(secret.data()), secret.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != 32) {
    return Status::Internal("cannot read the pseudonymization secret " + options_.release_key_file +
                            " (made by gongshu init)");
  }
  release_secret_ = secret;
  std::error_code error;
  fs::create_directories(options_.datasets_directory, error);
  if (error) return Status::Internal("cannot create " + options_.datasets_directory);
  return Status::Ok();
}

Status DatasetService::Start() {
  GONGSHU_RETURN_IF_ERROR(Open());
  RemoveTemporaryVersionFiles(options_.datasets_directory);
  // Ingestions a restart interrupted: their uploads were acknowledged, so they are read again
  // from the start (nothing of them was published); one whose file is gone fails.
  GONGSHU_ASSIGN_OR_RETURN(std::vector<Ingestion> interrupted, store_.RunningIngestions());
  Principal system;
  system.memberships.push_back(Membership{"", Role::kAdmin, OrganizationType::kDataAdministration});
  for (Ingestion& ingestion : interrupted) {
    std::string path = IncomingPath(ingestion.resource_id, ingestion.id);
    Result<Resource> resource = catalog_.Get(system, ingestion.resource_id);
    std::error_code error;
    if (!resource.ok() || !fs::exists(path, error)) {
      ingestion.state = IngestionState::kFailed;
      ingestion.message = "the server stopped and the upload could not be read again";
      ingestion.finished_at = clock_.Now();
      Event event{
          "dataset.upload_failed", ingestion.created_by, ingestion.id, *ingestion.finished_at,
          JsonText({{"resource_id", ingestion.resource_id}, {"message", ingestion.message}})};
      GONGSHU_RETURN_IF_ERROR(store_.FinishIngestion(ingestion, event));
      fs::remove(path, error);
      continue;
    }
    auto job = std::make_shared<Job>();
    job->ingestion = ingestion;
    job->path = path;
    job->resource = *resource;
    job->options.format = ingestion.format;
    job->options.encoding = ingestion.encoding;
    job->options.delimiter = ingestion.delimiter;
    job->options.sheet = ingestion.sheet;
    job->options.file_name = ingestion.file_name;
    job->options.note = ingestion.note;
    job->options.quarantine = ingestion.quarantine;
    std::lock_guard<std::mutex> lock(mutex_);
    running_[ingestion.id] = job;
    queue_.push_back(job);
  }
  worker_ = std::thread([this] { WorkerLoop(); });
  return Status::Ok();
}

std::string DatasetService::IncomingPath(const std::string& resource_id,
                                         const std::string& ingestion_id) const {
  return ResourceDirectory(resource_id) + "/.incoming/upload-" + ingestion_id;
}

std::string DatasetService::ResourceDirectory(const std::string& resource_id) const {
  return options_.datasets_directory + "/" + resource_id;
}

Result<DatasetService::Access> DatasetService::ReadableResource(const Principal& actor,
                                                                const std::string& resource_id) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  if (MayReadUnreleased(actor, *resource)) return Access{*resource, std::nullopt};
  if (resource->status != ResourceStatus::kRegistered) {
    return Status::FailedPrecondition("the resource is not registered: its data is not open");
  }
  if (resource->opening == AccessAttribute::kConditional) {
    // An approved application whose period includes today grants the fields it named.
    if (!actor.anonymous()) {
      GONGSHU_ASSIGN_OR_RETURN(std::vector<DataApplication> approved,
                               store_.ApprovedApplications(resource_id, actor.user_id));
      std::string today = FormatDate(LocalDate(clock_.Now()));
      std::set<std::string> fields;
      bool granted = false;
      for (const DataApplication& application : approved) {
        if (!GrantsAccess(application, today)) continue;
        granted = true;
        fields.insert(application.fields.begin(), application.fields.end());
      }
      if (granted) return Access{*resource, fields};
    }
    return Status::PermissionDenied(
        "the resource is opened on conditions: its data needs an approved application "
        "(POST /api/v1/resources/" +
        resource_id + "/applications)");
  }
  if (resource->opening == AccessAttribute::kNone) {
    return Status::PermissionDenied("the resource is not opened (不予开放)");
  }
  return Access{*resource, std::nullopt};
}

Result<Resource> DatasetService::WritableResource(const Principal& actor,
                                                  const std::string& resource_id) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  GONGSHU_RETURN_IF_ERROR(
      Decide(actor, Action::kDatasetWrite, {resource->provider_id, std::nullopt}));
  if (resource->status == ResourceStatus::kCancelled) {
    return Status::FailedPrecondition("the resource is cancelled: no new data versions");
  }
  return resource;
}

Result<Ingestion> DatasetService::NewIngestion(const Principal& actor, const Resource& resource,
                                               const std::string& file_path,
                                               const UploadOptions& options) {
  std::vector<FieldError> errors;
  if (!options.format.empty() && options.format != "csv" && options.format != "json" &&
      options.format != "ndjson" && options.format != "xlsx") {
    errors.push_back({"format", "must be csv, json, ndjson or xlsx"});
  }
  if (!options.encoding.empty() && options.encoding != "utf-8" && options.encoding != "gb18030" &&
      options.encoding != "gbk") {
    errors.push_back({"encoding", "must be utf-8, gbk or gb18030"});
  }
  if (!options.delimiter.empty() && options.delimiter != "," && options.delimiter != "\t" &&
      options.delimiter != ";" && options.delimiter != "|") {
    errors.push_back({"delimiter", "must be one of , ; | or a tab"});
  }
  if (options.note.size() > 500) errors.push_back({"note", "at most 500 bytes"});
  if (options.file_name.size() > 255) errors.push_back({"file_name", "at most 255 bytes"});
  if (!errors.empty()) return Status::InvalidArgument("bad upload options", std::move(errors));
  std::error_code error;
  uint64_t size = fs::file_size(file_path, error);
  if (error) return Status::Internal("cannot read the upload");
  if (size == 0) return Status::InvalidField("body", "the upload is empty");
  Ingestion ingestion;
  ingestion.id = NewId("ing");
  ingestion.resource_id = resource.id;
  ingestion.quarantine = options.quarantine;
  ingestion.file_name = options.file_name;
  ingestion.note = options.note;
  ingestion.bytes_total = size;
  ingestion.created_by = actor.user_id;
  ingestion.created_at = clock_.Now();
  ingestion.message = "reading";
  ingestion.format = options.format;
  ingestion.encoding = options.encoding;
  ingestion.delimiter = options.delimiter;
  ingestion.sheet = options.sheet;
  return ingestion;
}

Result<Ingestion> DatasetService::StartIngestion(const Principal& actor,
                                                 const std::string& resource_id,
                                                 const std::string& file_path,
                                                 const UploadOptions& options) {
  GONGSHU_ASSIGN_OR_RETURN(Resource resource, WritableResource(actor, resource_id));
  GONGSHU_ASSIGN_OR_RETURN(Ingestion ingestion, NewIngestion(actor, resource, file_path, options));
  auto job = std::make_shared<Job>();
  job->ingestion = ingestion;
  job->options = options;
  job->resource = resource;
  std::string incoming = ResourceDirectory(resource_id) + "/.incoming";
  std::error_code error;
  fs::create_directories(incoming, error);
  job->path = IncomingPath(resource_id, ingestion.id);
  fs::rename(file_path, job->path, error);
  if (error) return Status::Internal("cannot keep the upload: " + error.message());
  // The 202 acknowledges the upload: it must survive a crash, to be read again at start-up.
  Status synced = SyncPath(job->path, false);
  if (synced.ok()) synced = SyncPath(incoming, true);
  if (!synced.ok()) {
    fs::remove(job->path, error);
    return synced;
  }
  Event event{"dataset.upload_started", actor.user_id, ingestion.id, ingestion.created_at,
              JsonText({{"resource_id", resource_id},
                        {"bytes", ingestion.bytes_total},
                        {"file_name", ingestion.file_name}})};
  if (Status status = store_.InsertIngestion(ingestion, event); !status.ok()) {
    fs::remove(job->path, error);
    return status;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_[ingestion.id] = job;
    queue_.push_back(job);
  }
  work_.notify_one();
  return ingestion;
}

Result<Ingestion> DatasetService::IngestNow(const Principal& actor, const std::string& resource_id,
                                            const std::string& file_path,
                                            const UploadOptions& options) {
  GONGSHU_ASSIGN_OR_RETURN(Resource resource, WritableResource(actor, resource_id));
  GONGSHU_ASSIGN_OR_RETURN(Ingestion ingestion, NewIngestion(actor, resource, file_path, options));
  Job job;
  job.ingestion = ingestion;
  job.options = options;
  job.resource = resource;
  job.path = file_path;
  job.owns_file = false;
  Event event{"dataset.upload_started", actor.user_id, ingestion.id, ingestion.created_at,
              JsonText({{"resource_id", resource_id},
                        {"bytes", ingestion.bytes_total},
                        {"file_name", ingestion.file_name}})};
  GONGSHU_RETURN_IF_ERROR(store_.InsertIngestion(ingestion, event));
  Run(job);
  return job.ingestion;
}

void DatasetService::WorkerLoop() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    Run(*job);
    if (after_change_) after_change_();
    std::lock_guard<std::mutex> lock(mutex_);
    running_.erase(job->ingestion.id);
  }
}

void DatasetService::Run(Job& job) {
  Ingestion& ingestion = job.ingestion;
  auto finish = [&](IngestionState state, std::string message) {
    ingestion.state = state;
    ingestion.message = std::move(message);
    ingestion.bytes_read = job.progress.bytes_read.load();
    ingestion.rows_read = job.progress.rows_read.load();
    ingestion.errors = job.progress.errors.load();
    ingestion.finished_at = clock_.Now();
  };
  auto refuse_or_fail = [&](IngestionState state, std::string message) {
    finish(state, std::move(message));
    Event event{
        state == IngestionState::kRefused ? "dataset.upload_refused" : "dataset.upload_failed",
        ingestion.created_by, ingestion.id, *ingestion.finished_at,
        JsonText({{"resource_id", ingestion.resource_id},
                  {"errors", ingestion.report.error_count},
                  {"message", ingestion.message}})};
    (void)store_.FinishIngestion(ingestion, event);
  };

  tabular::OpenOptions open;
  open.format = job.options.format;
  open.encoding = job.options.encoding == "gbk" ? "gb18030" : job.options.encoding;
  open.delimiter = job.options.delimiter.empty() ? 0 : job.options.delimiter[0];
  open.sheet = job.options.sheet;
  open.file_name = job.options.file_name;
  auto cleanup = [&] {
    if (job.owns_file) {
      std::error_code ignored;
      fs::remove(job.path, ignored);
    }
  };

  Result<std::unique_ptr<tabular::TableSource>> source = tabular::OpenTableSource(job.path, open);
  if (!source.ok()) {
    ingestion.report.fatal = source.status().message();
    refuse_or_fail(IngestionState::kRefused,
                   "the file could not be read: " + source.status().message());
    return cleanup();
  }
  Result<ColumnPlan> plan = Status::Internal("unset");
  if (!job.resource.items.empty()) {
    plan = PlanFromItems(job.resource.items, (*source)->ColumnNames());
  } else {
    plan = InferPlan(**source);
    if (plan.ok()) source = tabular::OpenTableSource(job.path, open);
  }
  if (!plan.ok() || !source.ok()) {
    Status status = plan.ok() ? source.status() : plan.status();
    std::string message = status.message();
    for (const FieldError& error : status.field_errors()) message += "; " + error.reason;
    ingestion.report.fatal = message;
    refuse_or_fail(IngestionState::kRefused, message);
    return cleanup();
  }
  Result<std::unique_ptr<VersionFileWriter>> writer =
      VersionFileWriter::Create(ResourceDirectory(ingestion.resource_id), plan->columns);
  if (!writer.ok()) {
    refuse_or_fail(IngestionState::kFailed, writer.status().message());
    return cleanup();
  }
  WriterSink sink(**writer);
  VersionAnalysis analysis(plan->columns, clock_.Now());
  ReadOptions read;
  read.quarantine = ingestion.quarantine;
  read.progress = &job.progress;
  read.observe = [&analysis](std::span<const tabular::Cell> cells) { analysis.Add(cells); };
  Result<IngestionReport> report = ReadRows(**source, *plan, sink, read);
  if (!report.ok()) {
    refuse_or_fail(IngestionState::kFailed, report.status().message());
    return cleanup();
  }
  ingestion.report = std::move(*report);
  if (!MayPublish(ingestion.report, ingestion.quarantine)) {
    refuse_or_fail(IngestionState::kRefused, Summarize(ingestion.report));
    return cleanup();
  }
  Result<WrittenVersion> written = (*writer)->Finish();
  cleanup();
  if (!written.ok()) {
    refuse_or_fail(IngestionState::kFailed, written.status().message());
    return;
  }
  if (written->already_existed) {
    Result<std::vector<DatasetVersion>> versions = store_.ListVersions(ingestion.resource_id);
    if (versions.ok()) {
      for (const DatasetVersion& version : *versions) {
        if (version.content_hash == written->content_hash) {
          refuse_or_fail(IngestionState::kRefused, "the data is identical to version " +
                                                       std::to_string(version.number) +
                                                       ": nothing was published");
          return;
        }
      }
    }
  }
  VersionAnalysis::Documents documents =
      analysis.Finish(ingestion.report, job.resource, clock_.Now());
  DatasetVersion version;
  version.id = NewId("dsv");
  version.resource_id = ingestion.resource_id;
  version.content_hash = written->content_hash;
  version.file_name = written->file_name;
  version.columns = plan->columns;
  version.row_count = written->row_count;
  version.quarantined_count = written->quarantined_count;
  version.byte_size = written->byte_size;
  version.note = ingestion.note;
  version.ingestion_id = ingestion.id;
  version.profile_json = documents.profile_json;
  version.quality_json = documents.quality_json;
  version.personal_json = documents.personal_json;
  version.published_by = ingestion.created_by;
  version.published_at = clock_.Now();
  finish(IngestionState::kPublished, "published " + std::to_string(version.row_count) + " rows");
  ingestion.version_id = version.id;
  Event event{"dataset.version_published", ingestion.created_by, version.id, version.published_at,
              JsonText({{"resource_id", version.resource_id},
                        {"content_hash", version.content_hash},
                        {"row_count", version.row_count},
                        {"quarantined", version.quarantined_count},
                        {"ingestion_id", ingestion.id}})};
  Result<DatasetVersion> published = store_.PublishVersion(version, ingestion, event);
  if (!published.ok()) {
    refuse_or_fail(IngestionState::kFailed, published.status().message());
    return;
  }
}

Result<Ingestion> DatasetService::GetIngestion(const Principal& actor, const std::string& id) {
  std::shared_ptr<Job> job;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = running_.find(id);
    if (found != running_.end()) job = found->second;
  }
  Result<Ingestion> ingestion = store_.GetIngestion(id);
  if (!ingestion.ok()) return ingestion;
  Result<Resource> resource = catalog_.Get(actor, ingestion->resource_id);
  if (!resource.ok() || !MayManage(actor, *resource)) {
    return Status::NotFound("no ingestion " + id);
  }
  if (job && ingestion->state == IngestionState::kRunning) {
    ingestion->bytes_read = job->progress.bytes_read.load();
    ingestion->rows_read = job->progress.rows_read.load();
    ingestion->errors = job->progress.errors.load();
  }
  return ingestion;
}

Result<std::vector<DatasetVersion>> DatasetService::ListVersions(const Principal& actor,
                                                                 const std::string& resource_id) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  Result<std::vector<DatasetVersion>> versions = store_.ListVersions(resource_id);
  if (!versions.ok()) return versions;
  for (DatasetVersion& version : *versions) {
    version.quality_json = VersionAnalysis::QualityAsOf(version.quality_json, *resource,
                                                        version.published_at, clock_.Now());
  }
  return versions;
}

Result<DatasetVersion> DatasetService::GetVersion(const Principal& actor,
                                                  const std::string& resource_id,
                                                  std::optional<int64_t> number) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  Result<DatasetVersion> version = store_.GetVersion(resource_id, number);
  if (!version.ok()) return version;
  version->quality_json = VersionAnalysis::QualityAsOf(version->quality_json, *resource,
                                                       version->published_at, clock_.Now());
  if (MayReadUnreleased(actor, *resource)) return version;
  // The profile's values (top values, min, max) are data: withheld from those who may not read
  // the data at all, and for a column that is personal or de-identified (they would leak what
  // de-identification hides) from everyone but the provider.
  Result<Access> access = ReadableResource(actor, resource_id);
  bool all_withheld = !access.ok();
  std::set<std::string> withheld;
  if (access.ok() && access->fields) {
    for (const DatasetColumn& column : version->columns) {
      if (access->fields->count(column.name) == 0) withheld.insert(column.name);
    }
  }
  nlohmann::json personal = nlohmann::json::parse(version->personal_json, nullptr, false);
  if (personal.is_array()) {
    for (const nlohmann::json& finding : personal) withheld.insert(finding.value("column", ""));
  }
  for (const Item& item : resource->items) {
    if (item.personal != PersonalData::kNone) withheld.insert(item.name);
  }
  Result<std::optional<StoredPolicy>> stored = store_.GetPolicy(resource_id);
  if (stored.ok() && *stored) {
    nlohmann::json policy = nlohmann::json::parse((*stored)->document, nullptr, false);
    if (policy.is_object() && policy["fields"].is_array()) {
      for (const nlohmann::json& rule : policy["fields"]) withheld.insert(rule.value("field", ""));
    }
  }
  nlohmann::json profiles = nlohmann::json::parse(version->profile_json, nullptr, false);
  if (profiles.is_array()) {
    for (nlohmann::json& profile : profiles) {
      if (!all_withheld && withheld.count(profile.value("column", "")) == 0) continue;
      profile.erase("top_values");
      profile["min"] = nullptr;
      profile["max"] = nullptr;
      profile["values_withheld"] = true;
    }
    version->profile_json = JsonText(profiles);
  }
  return version;
}

Result<nlohmann::json> DatasetService::Quarantine(const Principal& actor,
                                                  const std::string& resource_id, int64_t number) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  if (!MayManage(actor, *resource)) {
    return Status::PermissionDenied("only the provider sees quarantined rows");
  }
  GONGSHU_ASSIGN_OR_RETURN(DatasetVersion version, store_.GetVersion(resource_id, number));
  GONGSHU_ASSIGN_OR_RETURN(
      std::unique_ptr<VersionFileReader> reader,
      VersionFileReader::Open(ResourceDirectory(resource_id) + "/" + version.file_name));
  nlohmann::json rows = nlohmann::json::array();
  GONGSHU_RETURN_IF_ERROR(reader->Quarantined(
      kMaxListedErrors, [&](uint64_t line, const std::string& reason, const std::string& cells) {
        rows.push_back({{"line", line},
                        {"reason", reason},
                        {"cells", nlohmann::json::parse(cells, nullptr, false)}});
      }));
  return rows;
}

Result<privacy::AnonymityReport> DatasetService::ScanAnonymity(
    const std::string& resource_id, const DatasetVersion& version,
    const privacy::DeidentificationPolicy& policy,
    const privacy::Deidentifier& deidentifier) const {
  GONGSHU_ASSIGN_OR_RETURN(
      privacy::AnonymityCheck check,
      privacy::AnonymityCheck::ForPolicy(policy, deidentifier.OutputColumnNames()));
  GONGSHU_ASSIGN_OR_RETURN(
      std::unique_ptr<VersionFileReader> reader,
      VersionFileReader::Open(ResourceDirectory(resource_id) + "/" + version.file_name));
  GONGSHU_ASSIGN_OR_RETURN(std::unique_ptr<VersionRows> rows, reader->SelectAll());
  privacy::DeidentifiedRow out;
  std::vector<tabular::Cell> cells;
  while (true) {
    GONGSHU_ASSIGN_OR_RETURN(bool more, rows->Next());
    if (!more) break;
    cells = CellsOf(rows->values());
    deidentifier.Apply(cells, out);
    check.Add(out.cells());
  }
  return check.Finish();
}

Result<std::shared_ptr<const DatasetService::Release>> DatasetService::ReleaseFor(
    const Resource& resource, const DatasetVersion& version) {
  const std::string& resource_id = resource.id;
  GONGSHU_ASSIGN_OR_RETURN(std::optional<StoredPolicy> stored, store_.GetPolicy(resource_id));
  int64_t revision = stored ? stored->revision : 0;
  std::string cache_key = version.id + "#" + std::to_string(revision);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = releases_.find(cache_key);
    if (found != releases_.end()) return found->second;
  }
  auto release = std::make_shared<Release>();
  release->policy_revision = revision;
  for (const DatasetColumn& column : version.columns) release->input_names.push_back(column.name);
  if (stored) {
    nlohmann::json document = nlohmann::json::parse(stored->document, nullptr, false);
    Result<privacy::DeidentificationPolicy> policy =
        privacy::ParseDeidentificationPolicy(document, release->input_names);
    if (!policy.ok()) {
      // Fail closed: a policy that no longer fits the data releases nothing.
      release->passes = false;
      release->refusal = "the de-identification policy does not fit version " +
                         std::to_string(version.number) + ": " + policy.status().message();
    } else {
      release->policy = std::move(*policy);
    }
  } else {
    // No policy stored: the one suggested from the personal data found, so that nothing
    // detected leaves raw.
    nlohmann::json personal = nlohmann::json::parse(version.personal_json, nullptr, false);
    std::vector<std::pair<std::string, std::string>> kinds;
    if (personal.is_array()) {
      for (const nlohmann::json& finding : personal) {
        if (finding.contains("column") && finding.contains("kind") &&
            finding.value("masked_by_default", true)) {
          kinds.emplace_back(finding["column"].get<std::string>(),
                             finding["kind"].get<std::string>());
        }
      }
    }
    release->policy = privacy::SuggestPolicy(kinds);
    // Items the resource declares as direct identifiers are withheld even when nothing was
    // detected in them.
    for (const Item& item : resource.items) {
      if (item.personal != PersonalData::kDirectIdentifier ||
          release->policy.RuleFor(item.name) != nullptr ||
          std::find(release->input_names.begin(), release->input_names.end(), item.name) ==
              release->input_names.end()) {
        continue;
      }
      privacy::FieldRule rule;
      rule.field = item.name;
      rule.method = privacy::DeidentificationMethod::kSuppress;
      release->policy.fields.push_back(rule);
    }
  }
  // The key of this release's pseudonyms: one per version and policy revision, so tokens are
  // stable across pages and downloads of one release and unlinkable across releases.
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> key{};
  std::string label = "gongshu-release|" + cache_key;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state,
                              reinterpret_cast<const unsigned char*>(release_secret_.data()),
                              release_secret_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(label.data()),
                                label.size());
  crypto_auth_hmacsha256_final(&state, key.data());
  release->key.assign(reinterpret_cast<const char*>(key.data()), key.size());
  if (release->passes) {
    Result<privacy::Deidentifier> deidentifier =
        privacy::Deidentifier::Create(release->policy, release->input_names, release->key);
    if (!deidentifier.ok()) {
      release->passes = false;
      release->refusal =
          "the de-identification policy does not fit the data: " + deidentifier.status().message();
    } else {
      release->deidentifier = std::move(*deidentifier);
    }
  }
  if (release->passes && !release->policy.quasi_identifiers.empty()) {
    GONGSHU_ASSIGN_OR_RETURN(
        release->anonymity,
        ScanAnonymity(resource_id, version, release->policy, *release->deidentifier));
    if (!release->anonymity.Passes(release->policy.k, std::max<int64_t>(release->policy.l, 1))) {
      release->passes = false;
      release->refusal = "the release fails the anonymity check: the smallest class has " +
                         std::to_string(release->anonymity.smallest_class_size) +
                         " rows (k = " + std::to_string(release->policy.k) + ")";
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  releases_[cache_key] = release;
  return std::shared_ptr<const Release>(release);
}

void DatasetService::CountUse(const Principal& actor, const std::string& resource_id,
                              const char* kind) {
  std::string principal = actor.anonymous() ? "anonymous" : actor.user_id;
  (void)store_.CountUse(resource_id, Day(clock_.Now()), kind, principal);
}

Result<RowPage> DatasetService::Rows(
    const Principal& actor, const std::string& resource_id,
    const std::vector<std::pair<std::string, std::string>>& parameters, const RowOptions& options) {
  GONGSHU_ASSIGN_OR_RETURN(Access access, ReadableResource(actor, resource_id));
  const Resource& resource = access.resource;
  std::optional<int64_t> number;
  for (const auto& [name, value] : parameters) {
    if (name != "version") continue;
    int64_t parsed = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size() || parsed < 1) {
      return Status::InvalidField("version", "must be a version number (1, 2, ...)");
    }
    number = parsed;
  }
  GONGSHU_ASSIGN_OR_RETURN(DatasetVersion version, store_.GetVersion(resource_id, number));
  GONGSHU_ASSIGN_OR_RETURN(std::shared_ptr<const Release> release, ReleaseFor(resource, version));
  if (!release->passes) return Status::FailedPrecondition(release->refusal);
  // Only columns released as they are may be filtered or sorted on.
  std::set<size_t> queryable;
  auto granted = [&](const std::string& name) {
    return !access.fields || access.fields->count(name) > 0;
  };
  for (size_t index = 0; index < version.columns.size(); ++index) {
    const std::string& name = version.columns[index].name;
    if (release->policy.RuleFor(name) == nullptr && granted(name)) queryable.insert(index);
  }
  GONGSHU_ASSIGN_OR_RETURN(
      RowQuery query, ParseRowQuery(parameters, version.columns, queryable, {"version", "format"}));
  // Dropped columns are not released.
  std::vector<size_t> fields;
  for (size_t field : query.fields) {
    const std::string& name = version.columns[field].name;
    if (release->deidentifier->OutputIndex(name) && granted(name)) fields.push_back(field);
  }
  GONGSHU_ASSIGN_OR_RETURN(
      std::unique_ptr<VersionFileReader> reader,
      VersionFileReader::Open(ResourceDirectory(resource_id) + "/" + version.file_name));
  // All columns are read so that the policy sees whole rows; the requested ones are printed.
  query.offset = options.offset;
  RowQuery all = query;
  all.fields.clear();
  for (size_t index = 0; index < version.columns.size(); ++index) all.fields.push_back(index);
  RowSql sql = BuildRowSql(all);
  GONGSHU_ASSIGN_OR_RETURN(std::unique_ptr<VersionRows> rows,
                           reader->Select(sql.sql, sql.parameters));
  RowPage page;
  page.version = version;
  std::vector<size_t> output_positions;
  for (size_t field : fields) {
    page.columns.push_back(version.columns[field]);
    output_positions.push_back(*release->deidentifier->OutputIndex(version.columns[field].name));
  }
  std::vector<std::string> keys;
  std::vector<bool> transformed;
  for (const DatasetColumn& column : page.columns) {
    keys.push_back(JsonText(nlohmann::json(column.name)));
    transformed.push_back(release->policy.RuleFor(column.name) != nullptr);
  }
  privacy::DeidentifiedRow out;
  page.rows_json = "[";
  int64_t last_row = 0;
  std::vector<std::optional<std::string>> last_sort;
  bool more = false;
  while (true) {
    GONGSHU_ASSIGN_OR_RETURN(bool row, rows->Next());
    if (!row) break;
    if (static_cast<int>(page.row_count) == query.limit) {
      more = true;
      break;
    }
    std::span<const StoredValue> values = rows->values();
    std::vector<tabular::Cell> cells = CellsOf(values.first(version.columns.size()));
    release->deidentifier->Apply(cells, out);
    std::span<const tabular::Cell> released = out.cells();
    if (page.row_count > 0) page.rows_json += ",";
    page.rows_json += "{";
    if (options.row_numbers) {
      page.rows_json += "\"_id\":" + std::to_string(rows->row_number());
      if (!output_positions.empty()) page.rows_json += ",";
    }
    for (size_t index = 0; index < output_positions.size(); ++index) {
      if (index > 0) page.rows_json += ",";
      page.rows_json += keys[index];
      page.rows_json += ":";
      AppendJsonValue(page.rows_json, page.columns[index].type, released[output_positions[index]],
                      transformed[index]);
    }
    page.rows_json += "}";
    ++page.row_count;
    last_row = rows->row_number();
    last_sort.clear();
    for (size_t index = 0; index < query.sort.size(); ++index) {
      const StoredValue& value = values[version.columns.size() + index];
      last_sort.push_back(value.is_null ? std::nullopt
                                        : std::optional<std::string>(std::string(value.text)));
    }
  }
  page.rows_json += "]";
  page.more = more;
  if (more) page.next_cursor = RowCursor(query, version.columns, last_sort, last_row);
  if (options.count) {
    RowSql count = BuildCountSql(query);
    GONGSHU_ASSIGN_OR_RETURN(std::unique_ptr<VersionRows> counted,
                             reader->Select(count.sql, count.parameters));
    GONGSHU_ASSIGN_OR_RETURN(bool counted_row, counted->Next());
    page.matches = counted_row ? static_cast<uint64_t>(counted->row_number()) : 0;
  }
  CountUse(actor, resource_id, "api");
  return page;
}

namespace {

// The columns a reader receives: those the policy releases (not dropped) and, when an
// application limits them, granted. Returns their positions in a de-identified row and fills
// `released` with their descriptions.
std::vector<size_t> ReleasedColumns(const privacy::Deidentifier& deidentifier,
                                    const std::vector<DatasetColumn>& columns,
                                    const std::optional<std::set<std::string>>& granted,
                                    std::vector<DatasetColumn>* released) {
  std::vector<size_t> positions;
  const std::vector<std::string>& names = deidentifier.OutputColumnNames();
  for (size_t position = 0; position < names.size(); ++position) {
    if (granted && granted->count(names[position]) == 0) continue;
    for (const DatasetColumn& column : columns) {
      if (column.name == names[position]) released->push_back(column);
    }
    positions.push_back(position);
  }
  return positions;
}

// Streams a version as CSV or as one JSON array, de-identified.
class RowsStream final : public DataStream {
 public:
  RowsStream(std::unique_ptr<VersionFileReader> reader, std::unique_ptr<VersionRows> rows,
             std::shared_ptr<const void> keep_alive, const privacy::Deidentifier& deidentifier,
             const privacy::DeidentificationPolicy& policy,
             const std::vector<DatasetColumn>& columns,
             const std::optional<std::set<std::string>>& granted, bool json)
      : reader_(std::move(reader)),
        rows_(std::move(rows)),
        keep_alive_(std::move(keep_alive)),
        deidentifier_(deidentifier),
        json_(json) {
    positions_ = ReleasedColumns(deidentifier_, columns, granted, &columns_);
    for (const DatasetColumn& column : columns_) {
      keys_.push_back(JsonText(nlohmann::json(column.name)));
      transformed_.push_back(policy.RuleFor(column.name) != nullptr);
    }
  }

  bool failed() const override { return failed_; }

  bool Next(std::string& out) override {
    if (done_) return false;
    constexpr size_t kPiece = 256 * 1024;
    if (!started_) {
      started_ = true;
      if (json_) {
        out += "[";
      } else {
        out += "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read the UTF-8 as such
        for (size_t index = 0; index < columns_.size(); ++index) {
          if (index > 0) out += ',';
          AppendCsvField(out, {columns_[index].name, false});
        }
        out += "\r\n";
      }
    }
    while (out.size() < kPiece) {
      Result<bool> more = rows_->Next();
      if (!more.ok()) {
        // Not the end: the body must not look complete (DataStream::Next).
        failed_ = true;
        done_ = true;
        return false;
      }
      if (!*more) {
        if (json_) out += "]\n";
        done_ = true;
        return true;
      }
      cells_ = CellsOf(rows_->values());
      deidentifier_.Apply(cells_, row_);
      std::span<const tabular::Cell> released = row_.cells();
      if (json_) {
        if (count_ > 0) out += ",";
        out += "\n{";
        for (size_t index = 0; index < positions_.size(); ++index) {
          if (index > 0) out += ",";
          out += keys_[index];
          out += ":";
          AppendJsonValue(out, columns_[index].type, released[positions_[index]],
                          transformed_[index]);
        }
        out += "}";
      } else {
        for (size_t index = 0; index < positions_.size(); ++index) {
          if (index > 0) out += ',';
          AppendCsvField(out, released[positions_[index]]);
        }
        out += "\r\n";
      }
      ++count_;
    }
    return true;
  }

 private:
  std::unique_ptr<VersionFileReader> reader_;
  std::unique_ptr<VersionRows> rows_;
  std::shared_ptr<const void> keep_alive_;  // the release the de-identifier belongs to
  const privacy::Deidentifier& deidentifier_;
  std::vector<DatasetColumn> columns_;
  std::vector<size_t> positions_;  // of the released columns in the de-identified row
  std::vector<std::string> keys_;
  std::vector<bool> transformed_;  // per released column: changed by the policy
  bool json_;
  bool started_ = false;
  bool done_ = false;
  bool failed_ = false;
  uint64_t count_ = 0;
  std::vector<tabular::Cell> cells_;
  privacy::DeidentifiedRow row_;
};

// Streams a file and deletes it at the end (a workbook written before sending).
class FileStream final : public DataStream {
 public:
  explicit FileStream(std::string path) : path_(std::move(path)), in_(path_, std::ios::binary) {}
  ~FileStream() override {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  bool Next(std::string& out) override {
    constexpr size_t kPiece = 256 * 1024;
    size_t start = out.size();
    out.resize(start + kPiece);
    in_.read(out.data() + start, static_cast<std::streamsize>(kPiece));
    out.resize(start + static_cast<size_t>(in_.gcount()));
    return out.size() > start;
  }

 private:
  std::string path_;
  std::ifstream in_;
};

Result<std::unique_ptr<DataStream>> XlsxStream(std::unique_ptr<VersionRows> rows,
                                               const privacy::Deidentifier& deidentifier,
                                               const std::vector<DatasetColumn>& columns,
                                               const std::optional<std::set<std::string>>& granted,
                                               const std::string& directory) {
  std::vector<DatasetColumn> output;
  std::vector<size_t> positions = ReleasedColumns(deidentifier, columns, granted, &output);
  std::string path =
      directory + "/.tmp-export-" + Sha256Hex(RandomBytes(16)).substr(0, 24) + ".xlsx";
  std::vector<tabular::Cell> input;
  privacy::DeidentifiedRow released;
  GONGSHU_RETURN_IF_ERROR(
      WriteXlsx(path, output, [&](std::vector<tabular::Cell>& cells) -> Result<bool> {
        GONGSHU_ASSIGN_OR_RETURN(bool more, rows->Next());
        if (!more) return false;
        input = CellsOf(rows->values());
        deidentifier.Apply(input, released);
        std::span<const tabular::Cell> out = released.cells();
        for (size_t index = 0; index < cells.size() && index < positions.size(); ++index) {
          cells[index] = out[positions[index]];
        }
        return true;
      }));
  return std::unique_ptr<DataStream>(std::make_unique<FileStream>(path));
}

}  // namespace

Result<Download> DatasetService::StartDownload(const Principal& actor,
                                               const std::string& resource_id,
                                               std::optional<int64_t> number,
                                               const std::string& format) {
  if (format != "csv" && format != "json" && format != "xlsx") {
    return Status::InvalidField("format", "must be csv, json or xlsx");
  }
  GONGSHU_ASSIGN_OR_RETURN(Access access, ReadableResource(actor, resource_id));
  const Resource& resource = access.resource;
  GONGSHU_ASSIGN_OR_RETURN(DatasetVersion version, store_.GetVersion(resource_id, number));
  GONGSHU_ASSIGN_OR_RETURN(std::shared_ptr<const Release> release, ReleaseFor(resource, version));
  if (!release->passes) return Status::FailedPrecondition(release->refusal);
  GONGSHU_ASSIGN_OR_RETURN(
      std::unique_ptr<VersionFileReader> reader,
      VersionFileReader::Open(ResourceDirectory(resource_id) + "/" + version.file_name));
  GONGSHU_ASSIGN_OR_RETURN(std::unique_ptr<VersionRows> rows, reader->SelectAll());
  Download download;
  std::string base = resource.code.empty() ? resource.id : resource.code;
  base += "-v" + std::to_string(version.number);
  if (format == "xlsx") {
    if (version.row_count > kMaxXlsxRows) {
      return Status::FailedPrecondition("the version has more rows than an XLSX sheet holds (" +
                                        std::to_string(kMaxXlsxRows) + "): download CSV");
    }
    GONGSHU_ASSIGN_OR_RETURN(download.stream,
                             XlsxStream(std::move(rows), *release->deidentifier, version.columns,
                                        access.fields, ResourceDirectory(resource_id)));
    download.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    download.file_name = base + ".xlsx";
  } else {
    download.stream = std::make_unique<RowsStream>(
        std::move(reader), std::move(rows), release, *release->deidentifier, release->policy,
        version.columns, access.fields, format == "json");
    download.content_type = format == "json" ? "application/json" : "text/csv; charset=utf-8";
    download.file_name = base + "." + format;
  }
  CountUse(actor, resource_id, "download");
  return download;
}

Result<PolicyView> DatasetService::GetPolicy(const Principal& actor,
                                             const std::string& resource_id) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  if (!MayReadUnreleased(actor, *resource)) {
    return Status::PermissionDenied("only the provider, admins and auditors see the policy");
  }
  PolicyView view;
  Result<DatasetVersion> version = store_.GetVersion(resource_id, std::nullopt);
  GONGSHU_ASSIGN_OR_RETURN(std::optional<StoredPolicy> stored, store_.GetPolicy(resource_id));
  if (stored) {
    view.revision = stored->revision;
    view.document = nlohmann::json::parse(stored->document, nullptr, false);
  }
  if (version.ok()) {
    GONGSHU_ASSIGN_OR_RETURN(std::shared_ptr<const Release> release,
                             ReleaseFor(*resource, *version));
    if (!stored) view.document = privacy::DeidentificationPolicyToJson(release->policy);
    view.anonymity = {{"version", version->number},
                      {"passes", release->passes},
                      {"refusal", release->refusal},
                      {"applicable", release->anonymity.applicable},
                      {"rows", release->anonymity.rows},
                      {"equivalence_classes", release->anonymity.equivalence_classes},
                      {"smallest_class_size", release->anonymity.smallest_class_size}};
  } else if (!stored) {
    view.document = privacy::DeidentificationPolicyToJson(privacy::DeidentificationPolicy());
  }
  return view;
}

Result<PolicyView> DatasetService::PutPolicy(const Principal& actor, const std::string& resource_id,
                                             const nlohmann::json& body) {
  GONGSHU_ASSIGN_OR_RETURN(Resource resource, WritableResource(actor, resource_id));
  std::vector<FieldError> errors;
  if (!body.is_object()) return Status::InvalidField("body", "must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (key != "revision" && key != "policy") errors.push_back({key, "unknown field"});
  }
  if (!body.contains("revision") || !body["revision"].is_number_integer() ||
      body["revision"].get<int64_t>() < 0) {
    errors.push_back({"revision", "required: the revision read (0 when there is no policy)"});
  }
  if (!body.contains("policy") || !body["policy"].is_object()) {
    errors.push_back({"policy", "required: an object"});
  }
  if (!errors.empty()) return Status::InvalidArgument("bad policy request", std::move(errors));
  // The policy is checked against the current version's columns, or the declared items.
  std::vector<std::string> names;
  Result<DatasetVersion> version = store_.GetVersion(resource_id, std::nullopt);
  if (version.ok()) {
    for (const DatasetColumn& column : version->columns) names.push_back(column.name);
  } else {
    for (const Item& item : resource.items) names.push_back(item.name);
  }
  Result<privacy::DeidentificationPolicy> policy =
      privacy::ParseDeidentificationPolicy(body["policy"], names);
  if (!policy.ok()) {
    std::vector<FieldError> prefixed;
    for (const FieldError& error : policy.status().field_errors()) {
      prefixed.push_back({"policy." + error.field, error.reason});
    }
    return Status::InvalidArgument(policy.status().message(), std::move(prefixed));
  }
  std::string document = JsonText(privacy::DeidentificationPolicyToJson(*policy));
  int64_t expected = body["revision"].get<int64_t>();
  // Check the k/l of the current version before storing: a policy that would refuse the
  // release is refused itself, with the smallest class named.
  if (version.ok() && !policy->quasi_identifiers.empty()) {
    std::string key(32, '\0');
    GONGSHU_ASSIGN_OR_RETURN(privacy::Deidentifier deidentifier,
                             privacy::Deidentifier::Create(*policy, names, key));
    GONGSHU_ASSIGN_OR_RETURN(privacy::AnonymityReport report,
                             ScanAnonymity(resource_id, *version, *policy, deidentifier));
    if (!report.Passes(policy->k, std::max<int64_t>(policy->l, 1))) {
      std::string values;
      for (const std::optional<std::string>& value : report.smallest_class_values) {
        if (!values.empty()) values += ", ";
        values += value ? *value : "null";
      }
      return Status::FailedPrecondition(
          "version " + std::to_string(version->number) +
          " fails this policy's anonymity check: the smallest class (" + values + ") has " +
          std::to_string(report.smallest_class_size) + " rows, k is " + std::to_string(policy->k) +
          (report.smallest_l.empty() ? std::string()
                                     : "; smallest l is " + std::to_string(report.smallest_l[0])));
    }
  }
  Event event{
      "dataset.policy_set", actor.user_id, resource_id, clock_.Now(),
      JsonText({{"resource_id", resource_id}, {"policy", nlohmann::json::parse(document)}})};
  GONGSHU_RETURN_IF_ERROR(store_.PutPolicy(resource_id, document, expected, event));
  GONGSHU_RETURN_IF_ERROR(catalog_.RecordDeidentificationPolicy(actor, resource_id));
  return GetPolicy(actor, resource_id);
}

Result<std::vector<UsageDay>> DatasetService::Usage(const Principal& actor,
                                                    const std::string& resource_id) {
  Result<Resource> resource = catalog_.Get(actor, resource_id);
  if (!resource.ok()) return resource.status();
  return store_.Usage(resource_id, kUsageDays);
}

}  // namespace gongshu
