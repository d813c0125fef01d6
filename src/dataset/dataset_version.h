// Dataset versions and ingestions: the value types of the dataset part.
//
// A resource's data is a sequence of immutable versions. Each published version is one SQLite
// file under datasets/<resource id>/ named by the SHA-256 of its canonical content
// (docs/dataset-versions.md); the resource's current version is the newest published one. An
// ingestion is one upload being read, checked and written; it ends as a published version, a
// refusal with an error report, or a failure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "tabular/column_type.h"

namespace gongshu {

struct DatasetColumn {
  std::string name;   // as in the file and the resource's items
  std::string title;  // the item's title, or the name when the resource declares no items
  tabular::ColumnType type = tabular::ColumnType::kString;
};

// One problem with one cell or row of an upload.
struct RowError {
  uint64_t line = 0;
  std::string column;  // empty for a problem of the whole row
  std::string value;   // the offending text, cut to 200 bytes
  std::string reason;
};

// What an ingestion found. Kept with the ingestion (and the version, if one was published).
struct IngestionReport {
  std::string format;    // "csv", "json", "ndjson", "xlsx"
  std::string encoding;  // see tabular::SourceDescription
  std::string delimiter;
  std::string sheet;
  std::vector<DatasetColumn> columns;
  bool types_declared = false;  // from the resource's items (else inferred)
  uint64_t rows_read = 0;       // records in the file
  uint64_t rows_accepted = 0;
  uint64_t rows_quarantined = 0;
  uint64_t error_count = 0;                       // all errors, not only the listed ones
  std::vector<RowError> errors;                   // the first kMaxListedErrors
  std::map<std::string, uint64_t> column_errors;  // per column; "" for whole-row problems
  std::string fatal;  // why reading stopped early, if it did (then nothing is published)
};

inline constexpr size_t kMaxListedErrors = 1000;

enum class IngestionState {
  kRunning,    // reading, checking, writing
  kPublished,  // a new version exists
  kRefused,    // bad rows or a bad file: see the report; nothing was published
  kFailed,     // the platform could not finish (disk, crash): nothing was published
};
std::string_view IngestionStateName(IngestionState state);
std::optional<IngestionState> ParseIngestionState(std::string_view name);

struct Ingestion {
  std::string id;  // "ing_..."
  std::string resource_id;
  IngestionState state = IngestionState::kRunning;
  bool quarantine = false;  // bad rows are set apart instead of refusing the version
  std::string file_name;    // as the uploader named it (may be empty)
  std::string note;         // the version note the uploader gave
  // The upload's reading options as given ("" where detected), kept so that an ingestion
  // interrupted by a restart is read again the same way.
  std::string format;
  std::string encoding;
  std::string delimiter;
  std::string sheet;
  uint64_t bytes_total = 0;
  // Progress: updated while running, final afterwards.
  uint64_t bytes_read = 0;
  uint64_t rows_read = 0;
  uint64_t errors = 0;
  IngestionReport report;
  std::string version_id;  // when published
  std::string message;     // a one-line summary of the outcome
  std::string created_by;
  TimePoint created_at;
  std::optional<TimePoint> finished_at;
};

struct DatasetVersion {
  std::string id;  // "dsv_..."
  std::string resource_id;
  int64_t number = 0;        // 1, 2, 3, ... per resource
  std::string content_hash;  // SHA-256 (hex) of the canonical content
  std::string file_name;     // "<content_hash>.sqlite"
  std::vector<DatasetColumn> columns;
  uint64_t row_count = 0;
  uint64_t quarantined_count = 0;
  uint64_t byte_size = 0;  // of the version file
  std::string note;
  std::string ingestion_id;
  std::string profile_json = "[]";   // per-column profile (quality part)
  std::string quality_json = "{}";   // score and components
  std::string personal_json = "[]";  // personal data found per column
  std::string published_by;
  TimePoint published_at;
};

}  // namespace gongshu
