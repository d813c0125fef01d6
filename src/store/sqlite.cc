#include "store/sqlite.h"

#include "search/fts5_tokenizer.h"

#include "store/migrations.h"

namespace gongshu {

Statement& Statement::Bind(int index, const std::string& value) {
  sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::Step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(statement_);
  std::string message = sqlite3_errmsg(db);
  sqlite3_reset(statement_);
  if ((code & 0xff) == SQLITE_CONSTRAINT) return Status::Conflict(message);
  return Status::Internal("metadata store: " + message);
}

Status Statement::Run() {
  Result<bool> row = Step();
  while (row.ok() && *row) row = Step();
  return row.status();
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

int64_t Statement::Int64(int column) const { return sqlite3_column_int64(statement_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(statement_, column); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Internal("cannot open metadata database " + path + ": " + message);
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  Status status = connection->Execute(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
      "PRAGMA cache_size=-65536; PRAGMA mmap_size=4294967296;");
  if (!status.ok()) return status;
  status = RegisterSearchTokenizer(db);
  if (!status.ok()) return status;
  return connection;
}

Result<Statement> SqliteConnection::Prepare(const std::string& sql) {
  auto cached = statements_.find(sql);
  if (cached != statements_.end()) {
    sqlite3_reset(cached->second);
    sqlite3_clear_bindings(cached->second);
    return Statement(cached->second);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &statement, nullptr) != SQLITE_OK) {
    return Status::Internal("metadata store: cannot prepare statement: " +
                            std::string(sqlite3_errmsg(db_)));
  }
  statements_.emplace(sql, statement);
  return Statement(statement);
}

Status SqliteConnection::Execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::Internal("metadata store: " + message);
  }
  return Status::Ok();
}

int64_t SqliteConnection::ChangedRows() const { return sqlite3_changes64(db_); }

Status SqliteConnection::Transaction(const std::function<Status()>& body) {
  GONGSHU_RETURN_IF_ERROR(Execute("BEGIN IMMEDIATE"));
  Status status = body();
  if (!status.ok()) {
    Execute("ROLLBACK");
    return status;
  }
  status = Execute("COMMIT");
  if (!status.ok()) Execute("ROLLBACK");
  return status;
}

Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(const std::string& path, int size) {
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool());
  for (int index = 0; index < std::max(1, size); ++index) {
    Result<std::unique_ptr<SqliteConnection>> connection = SqliteConnection::Open(path);
    if (!connection.ok()) return connection.status();
    if (index == 0) GONGSHU_RETURN_IF_ERROR(ApplyMigrations(**connection));
    pool->idle_.push_back(std::move(*connection));
  }
  return pool;
}

Status ConnectionPool::ExecuteOnEach(const std::string& sql) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::unique_ptr<SqliteConnection>& connection : idle_) {
    GONGSHU_RETURN_IF_ERROR(connection->Execute(sql));
  }
  return Status::Ok();
}

std::unique_ptr<SqliteConnection> ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<SqliteConnection> connection = std::move(idle_.back());
  idle_.pop_back();
  return connection;
}

void SqliteConnection::ResetStatements() {
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db_, nullptr); statement != nullptr;
       statement = sqlite3_next_stmt(db_, statement)) {
    if (sqlite3_stmt_busy(statement) != 0) sqlite3_reset(statement);
  }
}

void ConnectionPool::Release(std::unique_ptr<SqliteConnection> connection) {
  // A statement left part-way (a single-row read stops after its row) would keep its read
  // transaction open: the connection would go on seeing that old snapshot, and checkpoints
  // could not finish.
  connection->ResetStatements();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace gongshu
