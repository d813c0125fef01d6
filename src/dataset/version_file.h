// Version files: the dataset engine's storage. Each published version of a resource's data is
// one SQLite database file, written once and never changed (byte layout: docs/dataset-versions.md).
//
//   datasets/<resource id>/<content hash>.sqlite    a published version (read-only)
//   datasets/<resource id>/.tmp-<random>.sqlite     a version being written (never read)
//   datasets/<resource id>/.incoming/upload-<ingestion id>   an acknowledged upload to be read
//
// A VersionFileWriter writes rows into a temporary file with no journal, then on Finish()
// commits, fsyncs the file, renames it to its content-hash name and fsyncs the directory: a
// reader never sees half a version, and a crash leaves at most a temporary file, which
// RemoveTemporaryVersionFiles deletes at start-up. A VersionFileReader opens a published file
// read-only and immutable, memory-mapped.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/status.h"
#include "dataset/content_hash.h"
#include "dataset/dataset_version.h"
#include "tabular/table_source.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gongshu {

struct WrittenVersion {
  std::string content_hash;
  std::string file_name;  // "<content_hash>.sqlite", inside the writer's directory
  uint64_t byte_size = 0;
  uint64_t row_count = 0;
  uint64_t quarantined_count = 0;
  bool already_existed = false;  // a file with this content was already there (kept as it was)
};

// Not thread-safe. Deleting an unfinished writer deletes its temporary file.
class VersionFileWriter {
 public:
  // Creates `directory` if needed and a temporary version file in it for `columns`.
  // Internal when the file cannot be created.
  static Result<std::unique_ptr<VersionFileWriter>> Create(const std::string& directory,
                                                           std::vector<DatasetColumn> columns);
  ~VersionFileWriter();
  VersionFileWriter(const VersionFileWriter&) = delete;
  VersionFileWriter& operator=(const VersionFileWriter&) = delete;

  // Appends one row. REQUIRES: one cell per column, each null or checked with
  // tabular::CheckCellType against its column's type (and decimals with DecimalFits).
  Status AddRow(std::span<const tabular::Cell> cells);
  // Keeps a bad row apart, in the file's quarantine table (not part of the content hash).
  Status AddQuarantined(uint64_t line, const std::string& reason,
                        std::span<const tabular::Cell> cells);
  // Commits, fsyncs and renames the file to its content-hash name.
  Result<WrittenVersion> Finish();

 private:
  VersionFileWriter() = default;
  std::string directory_;
  std::string temporary_path_;
  std::vector<DatasetColumn> columns_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* quarantine_ = nullptr;
  ContentHasher hasher_;
  uint64_t rows_ = 0;
  uint64_t quarantined_ = 0;
  std::string scratch_;
};

// fsync of `path`, a file or (with `directory`) a directory, so that its contents or the names
// in it survive a power loss. Internal naming the path when it cannot be opened or synced.
Status SyncPath(const std::string& path, bool directory);

// Deletes the temporary files a crash may have left in the datasets directory tree: version
// files being written (.tmp-*) and upload bodies still arriving (upload-*.part). Uploads already
// acknowledged (.incoming/upload-<ingestion id>) are kept, to be read again.
void RemoveTemporaryVersionFiles(const std::string& datasets_directory);

// Whether a decimal's text keeps its value when stored as a double: at most 15 significant
// digits. REQUIRES: CheckCellType(kDecimal, text) passed.
bool DecimalFits(std::string_view text);

// One stored value, in the form outbound paths print: integers and decimals as numbers
// (decimals in their shortest round-trip form), booleans as true/false, the rest as text.
struct StoredValue {
  bool is_null = true;
  std::string_view text;
};

// The result rows of one query over a version file. Not thread-safe; the reader it came from
// must outlive it.
class VersionRows {
 public:
  ~VersionRows();
  VersionRows(const VersionRows&) = delete;
  VersionRows& operator=(const VersionRows&) = delete;
  // Advances to the next row: true when there is one. Internal on a read failure.
  Result<bool> Next();
  // The current row's number (_row) and values (one per selected column), valid until Next().
  int64_t row_number() const { return row_number_; }
  std::span<const StoredValue> values() const { return values_; }

 private:
  friend class VersionFileReader;
  VersionRows() = default;
  sqlite3_stmt* statement_ = nullptr;
  std::vector<tabular::ColumnType> types_;
  std::vector<StoredValue> values_;
  std::vector<std::array<char, 32>> numbers_;
  int64_t row_number_ = 0;
};

// A published version file, opened read-only, immutable and memory-mapped. Not thread-safe: one
// reader per thread.
class VersionFileReader {
 public:
  // Internal when the file is missing or is not a version file.
  static Result<std::unique_ptr<VersionFileReader>> Open(const std::string& path);
  ~VersionFileReader();
  VersionFileReader(const VersionFileReader&) = delete;
  VersionFileReader& operator=(const VersionFileReader&) = delete;

  const std::vector<DatasetColumn>& columns() const { return columns_; }
  uint64_t row_count() const { return row_count_; }

  // A bound value of a query.
  struct Parameter {
    enum class Kind { kText, kInteger, kReal } kind = Kind::kText;
    std::string text;
    int64_t integer = 0;
    double real = 0;
  };
  // Runs `sql` (built by row_query.h from constants and column positions only: "SELECT _row,
  // c<i>, ... FROM data ...") with `parameters`.
  Result<std::unique_ptr<VersionRows>> Select(const std::string& sql,
                                              const std::vector<Parameter>& parameters);
  // Every row in order, all columns.
  Result<std::unique_ptr<VersionRows>> SelectAll();
  // Quarantined rows: line, reason and the cells as a JSON array.
  Status Quarantined(size_t limit,
                     const std::function<void(uint64_t line, const std::string& reason,
                                              const std::string& cells_json)>& row);

 private:
  VersionFileReader() = default;
  sqlite3* db_ = nullptr;
  std::vector<DatasetColumn> columns_;
  uint64_t row_count_ = 0;
};

}  // namespace gongshu
