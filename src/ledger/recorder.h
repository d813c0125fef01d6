// Recorder: puts every change of state that the metadata store recorded as an event onto the
// ledger, in event order, exactly once, and notes each event's ledger index in the store.
//
// Exactly once across crashes: the recorder is the only writer of evidence entries, so after a
// crash the entries beyond the highest index the store knows are the events recorded just before
// it; Start() reads them back and marks those events instead of appending them again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/event.h"
#include "common/status.h"
#include "ledger/durable_log.h"

namespace gongshu {

// One stored event with its place in the store's event order.
struct StoredEvent {
  int64_t sequence = 0;
  Event event;
};

// Where an event about some object stands on the ledger.
struct EvidenceReference {
  int64_t sequence = 0;
  std::string type;
  TimePoint at;
  std::optional<uint64_t> ledger_index;  // absent until the recorder has put it on the ledger
};

// What the recorder (and the API showing evidence) needs from the metadata store. Thread-safe.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // Events not yet on the ledger, oldest first, at most `limit`.
  virtual Result<std::vector<StoredEvent>> UnrecordedEvents(int limit) = 0;
  // The highest ledger index noted for any event, or -1.
  virtual Result<int64_t> HighestRecordedIndex() = 0;
  // Notes that event `sequence` is ledger entry `ledger_index` (all in one transaction).
  virtual Status MarkRecorded(const std::vector<std::pair<int64_t, uint64_t>>& marks) = 0;
  // The event with `sequence`; NotFound when there is none.
  virtual Result<StoredEvent> EventAt(int64_t sequence) = 0;
  // The events about `subject_id`, oldest first.
  virtual Result<std::vector<EvidenceReference>> EvidenceFor(const std::string& subject_id) = 0;
};

// The canonical record of an event: JSON with keys in this order and no spaces:
// {"sequence":N,"type":"..","actor_user_id":"..","subject_id":"..","at":"..","detail":<JSON>}.
std::string EventRecord(const StoredEvent& stored);
// The ledger entry committing to `stored`.
std::string EvidenceEntryFor(const StoredEvent& stored);

class Recorder {
 public:
  // `source` and `log` must outlive the recorder.
  Recorder(EventSource& source, DurableLog& log) : source_(source), log_(log) {}
  ~Recorder();

  // Reconciles the store with the ledger after a crash and starts the background thread.
  Status Start();
  // Records what is pending now; returns after it is on the ledger (for tests and shutdown).
  Status RecordPending();
  // Asks the background thread to look for new events soon (cheap; callable after any write).
  void Nudge();
  void Stop();

 private:
  void Loop();

  EventSource& source_;
  DurableLog& log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;    // guarded by mutex_
  bool nudged_ = false;      // guarded by mutex_
  std::mutex record_mutex_;  // one RecordPending at a time
  std::thread thread_;
};

}  // namespace gongshu
