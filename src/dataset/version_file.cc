#include "dataset/version_file.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <nlohmann/json.hpp>

#include "common/secrets.h"

namespace gongshu {
namespace {

namespace fs = std::filesystem;

// PRAGMA application_id of a version file: "GSDV" in ASCII.
constexpr int64_t kApplicationId = 0x47534456;

// The column of position `index` (0-based) in the data table: c1, c2, ... Positions, not
// names, so that SQL text never holds a name from an upload.
std::string ColumnSql(size_t index) { return "c" + std::to_string(index + 1); }

std::string_view SqlType(tabular::ColumnType type) {
  switch (type) {
    case tabular::ColumnType::kInteger:
    case tabular::ColumnType::kBoolean:
      return "INTEGER";
    case tabular::ColumnType::kDecimal:
      return "REAL";
    default:
      return "TEXT";
  }
}

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::Internal("dataset file: " + what + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : "cannot open"));
}

Status Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "error";
    sqlite3_free(message);
    return Status::Internal("dataset file: " + text);
  }
  return Status::Ok();
}

// The shortest text that reads back as `value`.
std::string_view ShortestDouble(double value, std::array<char, 32>& buffer) {
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), static_cast<size_t>(end - buffer.data())};
}

}  // namespace

Status SyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Status::Internal("dataset file: cannot open " + path + " to sync");
  int code = ::fsync(fd);
  ::close(fd);
  if (code != 0) return Status::Internal("dataset file: fsync failed for " + path);
  return Status::Ok();
}

bool DecimalFits(std::string_view text) {
  int significant = 0;
  bool leading = true;
  int trailing_zeros = 0;  // zeros after the last non-zero digit, after the point
  bool after_point = false;
  for (char symbol : text) {
    if (symbol == 'e' || symbol == 'E') break;
    if (symbol == '.') {
      after_point = true;
      continue;
    }
    if (symbol < '0' || symbol > '9') continue;
    if (leading && symbol == '0') continue;
    leading = false;
    ++significant;
    trailing_zeros = symbol == '0' && after_point ? trailing_zeros + 1 : 0;
  }
  return significant - trailing_zeros <= 15;
}

Result<std::unique_ptr<VersionFileWriter>> VersionFileWriter::Create(
    const std::string& directory, std::vector<DatasetColumn> columns) {
  std::error_code error;
  if (!fs::exists(directory, error)) {
    fs::create_directories(directory, error);
    if (error) return Status::Internal("cannot create " + directory + ": " + error.message());
    // The new directory's own entry must survive a power loss with the version put in it.
    GONGSHU_RETURN_IF_ERROR(SyncPath(fs::path(directory).parent_path().string(), true));
  }
  std::unique_ptr<VersionFileWriter> writer(new VersionFileWriter());
  writer->directory_ = directory;
  writer->columns_ = std::move(columns);
  writer->temporary_path_ =
      directory + "/.tmp-" + Sha256Hex(RandomBytes(16)).substr(0, 24) + ".sqlite";
  if (sqlite3_open_v2(writer->temporary_path_.c_str(), &writer->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return SqliteError(writer->db_, "create");
  }
  // No journal and no syncs while writing: the file is not a version until Finish() has synced
  // and renamed it, and a crash before then only leaves a temporary file.
  std::string schema =
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
      "PRAGMA page_size=8192; PRAGMA application_id=" +
      std::to_string(kApplicationId) +
      ";"
      "CREATE TABLE columns (position INTEGER PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT "
      "NULL, type TEXT NOT NULL);"
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE quarantine (line INTEGER NOT NULL, reason TEXT NOT NULL, cells TEXT NOT "
      "NULL);"
      "CREATE TABLE data (_row INTEGER PRIMARY KEY";
  for (size_t index = 0; index < writer->columns_.size(); ++index) {
    schema += ", " + ColumnSql(index) + " " + std::string(SqlType(writer->columns_[index].type));
  }
  schema += "); BEGIN;";
  if (Status status = Exec(writer->db_, schema); !status.ok()) return status;
  sqlite3_stmt* column_insert = nullptr;
  sqlite3_prepare_v2(writer->db_, "INSERT INTO columns VALUES (?, ?, ?, ?)", -1, &column_insert,
                     nullptr);
  for (size_t index = 0; index < writer->columns_.size(); ++index) {
    const DatasetColumn& column = writer->columns_[index];
    std::string_view type = tabular::ColumnTypeName(column.type);
    sqlite3_bind_int64(column_insert, 1, static_cast<int64_t>(index + 1));
    sqlite3_bind_text(column_insert, 2, column.name.data(), static_cast<int>(column.name.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(column_insert, 3, column.title.data(), static_cast<int>(column.title.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(column_insert, 4, type.data(), static_cast<int>(type.size()), SQLITE_STATIC);
    int code = sqlite3_step(column_insert);
    sqlite3_reset(column_insert);
    if (code != SQLITE_DONE) {
      sqlite3_finalize(column_insert);
      return SqliteError(writer->db_, "columns");
    }
  }
  sqlite3_finalize(column_insert);
  std::string insert = "INSERT INTO data VALUES (NULL";
  for (size_t index = 0; index < writer->columns_.size(); ++index) insert += ", ?";
  insert += ")";
  if (sqlite3_prepare_v2(writer->db_, insert.c_str(), -1, &writer->insert_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(writer->db_, "INSERT INTO quarantine VALUES (?, ?, ?)", -1,
                         &writer->quarantine_, nullptr) != SQLITE_OK) {
    return SqliteError(writer->db_, "prepare");
  }
  writer->hasher_.AddColumns(writer->columns_);
  return writer;
}

VersionFileWriter::~VersionFileWriter() {
  sqlite3_finalize(insert_);
  sqlite3_finalize(quarantine_);
  if (db_ != nullptr) sqlite3_close_v2(db_);
  if (!temporary_path_.empty()) std::remove(temporary_path_.c_str());
}

Status VersionFileWriter::AddRow(std::span<const tabular::Cell> cells) {
  std::array<char, 32> number{};
  for (size_t index = 0; index < columns_.size(); ++index) {
    int position = static_cast<int>(index + 1);
    const tabular::Cell& cell = cells[index];
    if (cell.is_null) {
      sqlite3_bind_null(insert_, position);
      hasher_.AddNull();
      continue;
    }
    switch (columns_[index].type) {
      case tabular::ColumnType::kInteger: {
        int64_t value = 0;
        std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), value);
        sqlite3_bind_int64(insert_, position, value);
        hasher_.AddValue(cell.text);  // the integer form is already canonical
        break;
      }
      case tabular::ColumnType::kDecimal: {
        double value = 0;
        std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), value);
        sqlite3_bind_double(insert_, position, value);
        hasher_.AddValue(ShortestDouble(value, number));
        break;
      }
      case tabular::ColumnType::kBoolean:
        sqlite3_bind_int64(insert_, position, cell.text == "true" ? 1 : 0);
        hasher_.AddValue(cell.text);
        break;
      default:
        sqlite3_bind_text(insert_, position, cell.text.data(), static_cast<int>(cell.text.size()),
                          SQLITE_STATIC);
        hasher_.AddValue(cell.text);
        break;
    }
  }
  hasher_.EndRow();
  int code = sqlite3_step(insert_);
  sqlite3_reset(insert_);
  if (code != SQLITE_DONE) return SqliteError(db_, "insert");
  ++rows_;
  return Status::Ok();
}

Status VersionFileWriter::AddQuarantined(uint64_t line, const std::string& reason,
                                         std::span<const tabular::Cell> cells) {
  nlohmann::json values = nlohmann::json::array();
  for (const tabular::Cell& cell : cells) {
    values.push_back(cell.is_null ? nlohmann::json(nullptr) : nlohmann::json(cell.text));
  }
  scratch_ = values.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  sqlite3_bind_int64(quarantine_, 1, static_cast<int64_t>(line));
  sqlite3_bind_text(quarantine_, 2, reason.data(), static_cast<int>(reason.size()), SQLITE_STATIC);
  sqlite3_bind_text(quarantine_, 3, scratch_.data(), static_cast<int>(scratch_.size()),
                    SQLITE_STATIC);
  int code = sqlite3_step(quarantine_);
  sqlite3_reset(quarantine_);
  if (code != SQLITE_DONE) return SqliteError(db_, "quarantine");
  ++quarantined_;
  return Status::Ok();
}

Result<WrittenVersion> VersionFileWriter::Finish() {
  WrittenVersion written;
  written.content_hash = hasher_.Finish();
  written.file_name = written.content_hash + ".sqlite";
  written.row_count = rows_;
  written.quarantined_count = quarantined_;
  std::string meta =
      "INSERT INTO meta VALUES ('format', 'gongshu-dataset-v1'), ('content_hash', '" +
      written.content_hash + "'), ('row_count', '" + std::to_string(rows_) + "'); COMMIT;";
  if (Status status = Exec(db_, meta); !status.ok()) return status;
  sqlite3_finalize(insert_);
  sqlite3_finalize(quarantine_);
  insert_ = quarantine_ = nullptr;
  if (sqlite3_close_v2(db_) != SQLITE_OK) return SqliteError(db_, "close");
  db_ = nullptr;
  if (Status status = SyncPath(temporary_path_, false); !status.ok()) return status;
  std::string final_path = directory_ + "/" + written.file_name;
  std::error_code error;
  if (fs::exists(final_path, error)) {
    // The same content was published before: the existing file is that version, unchanged.
    written.already_existed = true;
    written.byte_size = fs::file_size(final_path, error);
    std::remove(temporary_path_.c_str());
    temporary_path_.clear();
    return written;
  }
  fs::rename(temporary_path_, final_path, error);
  if (error) return Status::Internal("dataset file: rename failed: " + error.message());
  temporary_path_.clear();
  if (Status status = SyncPath(directory_, true); !status.ok()) return status;
  written.byte_size = fs::file_size(final_path, error);
  return written;
}

void RemoveTemporaryVersionFiles(const std::string& datasets_directory) {
  std::error_code error;
  if (!fs::exists(datasets_directory, error)) return;
  for (auto it = fs::recursive_directory_iterator(datasets_directory, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    std::string name = it->path().filename().string();
    bool spool = name.rfind("upload-", 0) == 0 && name.size() > 5 &&
                 name.compare(name.size() - 5, 5, ".part") == 0;
    if (name.rfind(".tmp-", 0) == 0 || spool) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

Result<std::unique_ptr<VersionFileReader>> VersionFileReader::Open(const std::string& path) {
  std::unique_ptr<VersionFileReader> reader(new VersionFileReader());
  std::string uri = "file:" + path + "?mode=ro&immutable=1";
  if (sqlite3_open_v2(uri.c_str(), &reader->db_,
                      SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return SqliteError(reader->db_, "open " + path);
  }
  if (Status status = Exec(reader->db_, "PRAGMA mmap_size=1099511627776"); !status.ok()) {
    return status;
  }
  // Refuse anything that is not a version file before reading it as one.
  sqlite3_stmt* check = nullptr;
  bool is_version =
      sqlite3_prepare_v2(reader->db_, "PRAGMA application_id", -1, &check, nullptr) == SQLITE_OK &&
      sqlite3_step(check) == SQLITE_ROW && sqlite3_column_int64(check, 0) == kApplicationId;
  sqlite3_finalize(check);
  if (!is_version) return Status::Internal("dataset file: not a version file: " + path);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(reader->db_, "SELECT name, title, type FROM columns ORDER BY position", -1,
                         &statement, nullptr) != SQLITE_OK) {
    return SqliteError(reader->db_, "not a version file: " + path);
  }
  while (sqlite3_step(statement) == SQLITE_ROW) {
    DatasetColumn column;
    column.name = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    column.title = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
    column.type =
        tabular::ParseColumnType(reinterpret_cast<const char*>(sqlite3_column_text(statement, 2)))
            .value_or(tabular::ColumnType::kString);
    reader->columns_.push_back(std::move(column));
  }
  sqlite3_finalize(statement);
  if (sqlite3_prepare_v2(reader->db_, "SELECT value FROM meta WHERE key = 'row_count'", -1,
                         &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    reader->row_count_ = static_cast<uint64_t>(sqlite3_column_int64(statement, 0));
  }
  sqlite3_finalize(statement);
  return reader;
}

VersionFileReader::~VersionFileReader() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Result<std::unique_ptr<VersionRows>> VersionFileReader::Select(
    const std::string& sql, const std::vector<Parameter>& parameters) {
  std::unique_ptr<VersionRows> rows(new VersionRows());
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &rows->statement_, nullptr) != SQLITE_OK) {
    return SqliteError(db_, "query");
  }
  for (size_t index = 0; index < parameters.size(); ++index) {
    const Parameter& parameter = parameters[index];
    int position = static_cast<int>(index + 1);
    switch (parameter.kind) {
      case Parameter::Kind::kInteger:
        sqlite3_bind_int64(rows->statement_, position, parameter.integer);
        break;
      case Parameter::Kind::kReal:
        sqlite3_bind_double(rows->statement_, position, parameter.real);
        break;
      case Parameter::Kind::kText:
        sqlite3_bind_text(rows->statement_, position, parameter.text.data(),
                          static_cast<int>(parameter.text.size()), SQLITE_TRANSIENT);
        break;
    }
  }
  // Result columns: _row, then data columns named c<position>, whose type says how to print.
  int count = sqlite3_column_count(rows->statement_) - 1;
  rows->types_.assign(static_cast<size_t>(count), tabular::ColumnType::kString);
  for (int index = 0; index < count; ++index) {
    const char* name = sqlite3_column_name(rows->statement_, index + 1);
    int position = name != nullptr && name[0] == 'c' ? std::atoi(name + 1) : 0;
    if (position >= 1 && static_cast<size_t>(position) <= columns_.size()) {
      rows->types_[static_cast<size_t>(index)] = columns_[static_cast<size_t>(position - 1)].type;
    }
  }
  rows->values_.resize(static_cast<size_t>(count));
  rows->numbers_.resize(static_cast<size_t>(count));
  return rows;
}

Result<std::unique_ptr<VersionRows>> VersionFileReader::SelectAll() {
  std::string sql = "SELECT _row";
  for (size_t index = 0; index < columns_.size(); ++index) sql += ", " + ColumnSql(index);
  sql += " FROM data ORDER BY _row";
  return Select(sql, {});
}

VersionRows::~VersionRows() { sqlite3_finalize(statement_); }

Result<bool> VersionRows::Next() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_DONE) return false;
  if (code != SQLITE_ROW) return SqliteError(sqlite3_db_handle(statement_), "read");
  row_number_ = sqlite3_column_int64(statement_, 0);
  for (size_t index = 0; index < values_.size(); ++index) {
    StoredValue& value = values_[index];
    int column = static_cast<int>(index + 1);
    value.is_null = sqlite3_column_type(statement_, column) == SQLITE_NULL;
    if (value.is_null) {
      value.text = {};
      continue;
    }
    switch (types_[index]) {
      case tabular::ColumnType::kBoolean:
        value.text = sqlite3_column_int64(statement_, column) != 0 ? "true" : "false";
        break;
      case tabular::ColumnType::kDecimal:
        value.text = ShortestDouble(sqlite3_column_double(statement_, column), numbers_[index]);
        break;
      default:
        value.text =
            std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(statement_, column)),
                             static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
        break;
    }
  }
  return true;
}

Status VersionFileReader::Quarantined(
    size_t limit,
    const std::function<void(uint64_t, const std::string&, const std::string&)>& row) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT line, reason, cells FROM quarantine ORDER BY rowid LIMIT ?",
                         -1, &statement, nullptr) != SQLITE_OK) {
    return SqliteError(db_, "quarantine");
  }
  sqlite3_bind_int64(statement, 1, static_cast<int64_t>(limit));
  while (sqlite3_step(statement) == SQLITE_ROW) {
    row(static_cast<uint64_t>(sqlite3_column_int64(statement, 0)),
        reinterpret_cast<const char*>(sqlite3_column_text(statement, 1)),
        reinterpret_cast<const char*>(sqlite3_column_text(statement, 2)));
  }
  sqlite3_finalize(statement);
  return Status::Ok();
}

}  // namespace gongshu
