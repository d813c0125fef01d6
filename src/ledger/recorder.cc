#include "ledger/recorder.h"

#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "ledger/evidence_entry.h"

namespace gongshu {
namespace {

constexpr int kBatch = 512;

}  // namespace

std::string EventRecord(const StoredEvent& stored) {
  // nlohmann's ordered_json keeps insertion order, which fixes the canonical key order.
  nlohmann::ordered_json record;
  record["sequence"] = stored.sequence;
  record["type"] = stored.event.type;
  record["actor_user_id"] = stored.event.actor_user_id;
  record["subject_id"] = stored.event.subject_id;
  record["at"] = FormatIsoTime(stored.event.at);
  nlohmann::ordered_json detail =
      nlohmann::ordered_json::parse(stored.event.detail_json, nullptr, false);
  record["detail"] =
      detail.is_discarded() ? nlohmann::ordered_json(stored.event.detail_json) : detail;
  return record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string EvidenceEntryFor(const StoredEvent& stored) {
  EvidenceEntry entry;
  entry.sequence = stored.sequence;
  entry.type = stored.event.type;
  entry.subject = stored.event.subject_id.empty() ? "-" : stored.event.subject_id;
  entry.actor = stored.event.actor_user_id.empty() ? "-" : stored.event.actor_user_id;
  entry.time = FormatIsoTime(stored.event.at);
  entry.record_sha256 = Sha256Hex(EventRecord(stored));
  return FormatEvidenceEntry(entry);
}

Recorder::~Recorder() { Stop(); }

Status Recorder::Start() {
  // Entries beyond the highest index the store knows were appended just before a crash.
  Result<int64_t> highest = source_.HighestRecordedIndex();
  if (!highest.ok()) return highest.status();
  uint64_t size = log_.LatestCheckpoint().size;
  std::vector<std::pair<int64_t, uint64_t>> marks;
  for (uint64_t index = static_cast<uint64_t>(*highest + 1); index < size; ++index) {
    Result<std::string> text = log_.ReadEntry(index);
    if (!text.ok()) return text.status();
    Result<EvidenceEntry> entry = ParseEvidenceEntry(*text);
    if (!entry.ok()) continue;  // not an evidence entry of this recorder
    marks.emplace_back(entry->sequence, index);
  }
  if (!marks.empty()) GONGSHU_RETURN_IF_ERROR(source_.MarkRecorded(marks));
  GONGSHU_RETURN_IF_ERROR(RecordPending());
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

Status Recorder::RecordPending() {
  std::lock_guard<std::mutex> lock(record_mutex_);
  for (;;) {
    Result<std::vector<StoredEvent>> events = source_.UnrecordedEvents(kBatch);
    if (!events.ok()) return events.status();
    if (events->empty()) return Status::Ok();
    std::vector<std::string> entries;
    for (const StoredEvent& stored : *events) entries.push_back(EvidenceEntryFor(stored));
    Result<std::vector<uint64_t>> indices = log_.AppendAll(std::move(entries));
    if (!indices.ok()) return indices.status();
    std::vector<std::pair<int64_t, uint64_t>> marks;
    for (size_t index = 0; index < events->size(); ++index) {
      marks.emplace_back((*events)[index].sequence, (*indices)[index]);
    }
    GONGSHU_RETURN_IF_ERROR(source_.MarkRecorded(marks));
  }
}

void Recorder::Nudge() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_one();
}

void Recorder::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void Recorder::Loop() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Poll now and then too, so events written by other nodes or commands are picked up.
      wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_ || nudged_; });
      if (stopping_) return;
      nudged_ = false;
    }
    RecordPending();  // a failure is retried on the next round
  }
}

}  // namespace gongshu
