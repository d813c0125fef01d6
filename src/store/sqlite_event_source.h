// SqliteEventSource: the events table as the ledger recorder's EventSource, and the look-up of
// an object's evidence (which events about it are on the ledger, at which index).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/recorder.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteEventSource final : public EventSource {
 public:
  // `pool` must outlive the source.
  explicit SqliteEventSource(ConnectionPool& pool) : pool_(pool) {}

  Result<std::vector<StoredEvent>> UnrecordedEvents(int limit) override;
  Result<int64_t> HighestRecordedIndex() override;
  Status MarkRecorded(const std::vector<std::pair<int64_t, uint64_t>>& marks) override;
  Result<StoredEvent> EventAt(int64_t sequence) override;

  Result<std::vector<EvidenceReference>> EvidenceFor(const std::string& subject_id) override;
  // The event recorded at ledger entry `ledger_index`; NotFound when none is.
  Result<StoredEvent> EventAtLedgerIndex(uint64_t ledger_index);

 private:
  ConnectionPool& pool_;
};

}  // namespace gongshu
