#include "store/sqlite_event_source.h"

namespace gongshu {
namespace {

constexpr char kEventColumns[] = "sequence, type, actor_user_id, subject_id, at, detail";

StoredEvent ReadStoredEvent(const Statement& row) {
  StoredEvent stored;
  stored.sequence = row.Int64(0);
  stored.event.type = row.Text(1);
  stored.event.actor_user_id = row.Text(2);
  stored.event.subject_id = row.Text(3);
  ParseIsoTime(row.Text(4), &stored.event.at);
  stored.event.detail_json = row.Text(5);
  return stored;
}

Result<StoredEvent> QueryOneEvent(ConnectionPool& pool, const std::string& sql, int64_t key,
                                  const std::string& missing) {
  return pool.With([&](SqliteConnection& connection) -> Result<StoredEvent> {
    Result<Statement> statement = connection.Prepare(sql);
    if (!statement.ok()) return statement.status();
    statement->Bind(1, key);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(missing);
    StoredEvent stored = ReadStoredEvent(*statement);
    statement->Run();
    return stored;
  });
}

}  // namespace

Result<std::vector<StoredEvent>> SqliteEventSource::UnrecordedEvents(int limit) {
  static const std::string kSql = std::string("SELECT ") + kEventColumns +
                                  " FROM events WHERE ledger_index IS NULL ORDER BY sequence "
                                  "LIMIT ?";
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<StoredEvent>> {
    Result<Statement> statement = connection.Prepare(kSql);
    if (!statement.ok()) return statement.status();
    statement->Bind(1, static_cast<int64_t>(limit));
    std::vector<StoredEvent> events;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      events.push_back(ReadStoredEvent(*statement));
    }
    return events;
  });
}

Result<int64_t> SqliteEventSource::HighestRecordedIndex() {
  return pool_.With([&](SqliteConnection& connection) -> Result<int64_t> {
    Result<Statement> statement =
        connection.Prepare("SELECT IFNULL(MAX(ledger_index), -1) FROM events");
    if (!statement.ok()) return statement.status();
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    int64_t highest = statement->Int64(0);
    statement->Run();
    return highest;
  });
}

Status SqliteEventSource::MarkRecorded(const std::vector<std::pair<int64_t, uint64_t>>& marks) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      for (const auto& [sequence, ledger_index] : marks) {
        Result<Statement> statement =
            connection.Prepare("UPDATE events SET ledger_index = ? WHERE sequence = ?");
        if (!statement.ok()) return statement.status();
        statement->Bind(1, static_cast<int64_t>(ledger_index)).Bind(2, sequence);
        GONGSHU_RETURN_IF_ERROR(statement->Run());
      }
      return Status::Ok();
    });
  });
}

Result<StoredEvent> SqliteEventSource::EventAt(int64_t sequence) {
  static const std::string kSql =
      std::string("SELECT ") + kEventColumns + " FROM events WHERE sequence = ?";
  return QueryOneEvent(pool_, kSql, sequence, "no event " + std::to_string(sequence));
}

Result<StoredEvent> SqliteEventSource::EventAtLedgerIndex(uint64_t ledger_index) {
  static const std::string kSql =
      std::string("SELECT ") + kEventColumns + " FROM events WHERE ledger_index = ?";
  return QueryOneEvent(pool_, kSql, static_cast<int64_t>(ledger_index),
                       "no event is recorded at ledger entry " + std::to_string(ledger_index));
}

Result<std::vector<EvidenceReference>> SqliteEventSource::EvidenceFor(
    const std::string& subject_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<EvidenceReference>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT sequence, type, at, ledger_index FROM events WHERE subject_id = ? ORDER BY "
        "sequence");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, subject_id);
    std::vector<EvidenceReference> references;
    for (Result<bool> row = statement->Step();; row = statement->Step()) {
      if (!row.ok()) return row.status();
      if (!*row) break;
      EvidenceReference reference;
      reference.sequence = statement->Int64(0);
      reference.type = statement->Text(1);
      ParseIsoTime(statement->Text(2), &reference.at);
      if (!statement->IsNull(3)) reference.ledger_index = statement->Int64(3);
      references.push_back(reference);
    }
    return references;
  });
}

}  // namespace gongshu
