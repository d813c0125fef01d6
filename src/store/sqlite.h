// A thin, error-as-value layer over the SQLite C API: connections with the pragmas Gongshu
// relies on, cached prepared statements, and a pool of connections shared by worker threads.
//
// Only prepared statements with bound parameters are used; SQL text never contains user data.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"

namespace gongshu {

// One prepared statement, owned by its connection's cache. Not thread-safe; used only while the
// owning connection is leased. Binding indices start at 1, column indices at 0.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  Statement& Bind(int index, const std::string& value);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& BindNull(int index);
  // Advances to the next row: true when there is one, false when done, an error otherwise
  // (Conflict for a constraint violation, Internal for anything else).
  Result<bool> Step();
  // Runs to completion, for statements that return no rows.
  Status Run();
  std::string Text(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  int64_t Int64(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3_stmt* statement_;
};

// One open database connection. Not thread-safe: one thread at a time (see ConnectionPool).
class SqliteConnection {
 public:
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Opens (creating if needed) `path` in WAL mode with foreign keys on, a busy timeout, and
  // synchronous=FULL so that a committed transaction survives power loss. The catalog's search
  // tokenizer is registered on every connection.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);

  // A cached prepared statement for `sql`, reset and with bindings cleared.
  // REQUIRES: `sql` is a constant of the store or joined only from such constants (never from
  // input), so the cache stays bounded.
  Result<Statement> Prepare(const std::string& sql);
  // Runs `sql` (one or more statements, no parameters): for migrations and pragmas.
  Status Execute(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int64_t ChangedRows() const;
  // Resets every statement still part-way through its rows, ending its read transaction.
  void ResetStatements();
  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when it returns an error.
  Status Transaction(const std::function<Status()>& body);

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// A fixed set of connections to one database file, leased to one thread at a time.
// Thread-safe.
class ConnectionPool {
 public:
  // Opens `size` connections to `path`. The first also applies pending migrations.
  static Result<std::unique_ptr<ConnectionPool>> Open(const std::string& path, int size);

  // Runs `sql` (no parameters) on every connection of the pool, e.g. a pragma. REQUIRES: no
  // connection is leased.
  Status ExecuteOnEach(const std::string& sql);

  // Runs `body` with a leased connection, waiting for one to be free.
  template <typename Body>
  auto With(Body&& body) -> decltype(body(std::declval<SqliteConnection&>())) {
    std::unique_ptr<SqliteConnection> connection = Acquire();
    auto result = body(*connection);
    Release(std::move(connection));
    return result;
  }

 private:
  std::unique_ptr<SqliteConnection> Acquire();
  void Release(std::unique_ptr<SqliteConnection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;  // guarded by mutex_
};

}  // namespace gongshu
