#include "dataset/version_analysis.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "catalog/grade.h"
#include "common/json_text.h"
#include "quality/column_profile.h"
#include "quality/personal_data.h"
#include "quality/quality_score.h"

namespace gongshu {

// Rows are profiled on a second thread, so that reading, checking and writing a version does
// not wait for the profiles: Add copies each row into a batch, and a full batch is handed over
// (at most two batches wait, which bounds the memory).
struct VersionAnalysis::State {
  std::vector<DatasetColumn> columns;
  std::vector<quality::ColumnProfiler> profilers;
  // One 64-bit hash per row, for counting duplicate rows exactly up to hash collisions (8 bytes
  // a row: 40 MB for 5,000,000 rows).
  std::vector<uint64_t> row_hashes;

  // A batch of rows: their cell texts one after another, and per cell where it ends (or
  // kNullCell).
  struct Batch {
    std::string text;
    std::vector<uint32_t> ends;
    size_t rows = 0;
  };
  static constexpr uint32_t kNullCell = 0xffffffff;
  static constexpr size_t kBatchRows = 4096;
  Batch filling;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch> waiting;  // guarded by mutex
  bool finished = false;      // guarded by mutex
  std::thread worker;

  void Profile(const Batch& batch) {
    size_t cell = 0;
    uint32_t start = 0;
    std::vector<tabular::Cell> cells(columns.size());
    for (size_t row = 0; row < batch.rows; ++row) {
      uint64_t hash = 1469598103934665603ULL;
      for (size_t index = 0; index < columns.size(); ++index, ++cell) {
        uint32_t end = batch.ends[cell];
        tabular::Cell value;
        if (end == kNullCell) {
          value.is_null = true;
        } else {
          value.text = std::string_view(batch.text).substr(start, end - start);
          start = end;
        }
        profilers[index].Add(value);
        uint64_t cell_hash =
            value.is_null ? 0x9e3779b97f4a7c15ULL : std::hash<std::string_view>()(value.text);
        hash = (hash ^ cell_hash) * 1099511628211ULL + index;
      }
      row_hashes.push_back(hash);
    }
  }

  void Run() {
    while (true) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [this] { return finished || !waiting.empty(); });
        if (waiting.empty()) return;
        batch = std::move(waiting.front());
        waiting.pop_front();
      }
      changed.notify_all();
      Profile(batch);
    }
  }

  void HandOver() {
    if (filling.rows == 0) return;
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [this] { return waiting.size() < 2; });
    waiting.push_back(std::move(filling));
    filling = Batch();
    lock.unlock();
    changed.notify_all();
  }

  void Stop() {
    HandOver();
    {
      std::lock_guard<std::mutex> lock(mutex);
      finished = true;
    }
    changed.notify_all();
    if (worker.joinable()) worker.join();
  }
};

namespace {

std::chrono::year_month_day Today(TimePoint now) {
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
}

nlohmann::json ProfileToJson(const DatasetColumn& column, const quality::ColumnProfile& profile) {
  nlohmann::json top = nlohmann::json::array();
  for (const quality::TopValue& value : profile.top_values) {
    top.push_back({{"value", value.value}, {"count", value.count}});
  }
  nlohmann::json matches = nlohmann::json::object();
  for (quality::ValueKind kind : quality::kValueKinds) {
    if (profile.Matches(kind) > 0) {
      matches[std::string(quality::ValueKindName(kind))] = profile.Matches(kind);
    }
  }
  return {{"column", column.name},
          {"type", std::string(tabular::ColumnTypeName(column.type))},
          {"count", profile.count},
          {"nulls", profile.nulls},
          {"distinct", profile.distinct},
          {"distinct_is_estimate", profile.distinct_is_estimate},
          {"min", profile.min ? nlohmann::json(*profile.min) : nlohmann::json(nullptr)},
          {"max", profile.max ? nlohmann::json(*profile.max) : nlohmann::json(nullptr)},
          {"top_values", top},
          {"top_values_are_estimates", profile.top_values_are_estimates},
          {"pattern", profile.pattern},
          {"validator_matches", matches}};
}

}  // namespace

VersionAnalysis::VersionAnalysis(const std::vector<DatasetColumn>& columns, TimePoint now)
    : state_(std::make_unique<State>()) {
  state_->columns = columns;
  auto today = Today(now);
  for (const DatasetColumn& column : columns) state_->profilers.emplace_back(column.type, today);
  state_->worker = std::thread([state = state_.get()] { state->Run(); });
}

VersionAnalysis::~VersionAnalysis() { state_->Stop(); }

void VersionAnalysis::Add(std::span<const tabular::Cell> cells) {
  State::Batch& batch = state_->filling;
  for (size_t index = 0; index < state_->columns.size(); ++index) {
    const tabular::Cell* cell = index < cells.size() ? &cells[index] : nullptr;
    if (cell == nullptr || cell->is_null) {
      batch.ends.push_back(State::kNullCell);
      continue;
    }
    batch.text.append(cell->text);
    batch.ends.push_back(static_cast<uint32_t>(batch.text.size()));
  }
  ++batch.rows;
  // A batch stays well below 4 GiB of text (cells are at most 16 MiB each).
  if (batch.rows == State::kBatchRows || batch.text.size() > (size_t{256} << 20)) {
    state_->HandOver();
  }
}

VersionAnalysis::Documents VersionAnalysis::Finish(const IngestionReport& report,
                                                   const Resource& resource, TimePoint now) {
  state_->Stop();
  Documents documents;
  std::vector<quality::ColumnProfile> profiles;
  nlohmann::json profile_json = nlohmann::json::array();
  nlohmann::json personal_json = nlohmann::json::array();
  for (size_t index = 0; index < state_->columns.size(); ++index) {
    const DatasetColumn& column = state_->columns[index];
    profiles.push_back(state_->profilers[index].Finish());
    profile_json.push_back(ProfileToJson(column, profiles.back()));
    quality::PersonalDataFinding finding =
        quality::DetectPersonalData(column.name, profiles.back());
    if (finding.kind == quality::PersonalDataKind::kNone) continue;
    std::string kind(quality::PersonalDataKindName(finding.kind));
    // Masked by default (until the provider stores a policy): identifiers that are personal
    // whoever holds them, and any other finding unless the resource declares the item public
    // and not personal (a hospital's address and switchboard number are not a person's).
    bool strong = finding.kind == quality::PersonalDataKind::kCitizenId ||
                  finding.kind == quality::PersonalDataKind::kBankCard ||
                  finding.kind == quality::PersonalDataKind::kPassport ||
                  finding.kind == quality::PersonalDataKind::kMobile;
    const Item* declared = nullptr;
    for (const Item& item : resource.items) {
      if (item.name == column.name) declared = &item;
    }
    bool declared_public = declared != nullptr && declared->personal == PersonalData::kNone &&
                           GradeName(declared->sensitivity) == "general-1";
    bool masked = strong || !declared_public;
    if (masked) documents.personal_kinds.emplace_back(column.name, kind);
    personal_json.push_back({{"column", column.name},
                             {"kind", kind},
                             {"masked_by_default", masked},
                             {"confidence", finding.confidence},
                             {"reasons", finding.reasons},
                             {"suggested_sensitivity", finding.item_sensitivity},
                             {"suggested_personal", finding.item_personal},
                             {"suggested_resource_grade", finding.resource_grade}});
  }
  std::vector<uint64_t>& hashes = state_->row_hashes;
  std::sort(hashes.begin(), hashes.end());
  uint64_t distinct =
      static_cast<uint64_t>(std::unique(hashes.begin(), hashes.end()) - hashes.begin());
  quality::QualityFacts facts;
  facts.row_count = report.rows_accepted;
  facts.bad_rows = report.rows_quarantined;
  facts.duplicate_rows = report.rows_accepted > distinct ? report.rows_accepted - distinct : 0;
  facts.update_cycle = std::string(UpdateCycleName(resource.update_cycle));
  facts.version_date = Today(now);
  facts.today = Today(now);
  Result<quality::QualityScore> score = quality::ScoreQuality(profiles, facts);
  nlohmann::json quality_json = nullptr;
  if (score.ok()) {
    auto component = [](const quality::ScoreComponent& part) {
      return nlohmann::json{{"value", part.value}, {"explanation", part.explanation}};
    };
    quality_json = {{"score", score->score},
                    {"completeness", component(score->completeness)},
                    {"validity", component(score->validity)},
                    {"uniqueness", component(score->uniqueness)},
                    {"timeliness", component(score->timeliness)},
                    {"as_of", FormatIsoTime(now).substr(0, 10)}};
  }
  documents.profile_json = JsonText(profile_json);
  documents.personal_json = JsonText(personal_json);
  documents.quality_json = JsonText(quality_json);
  return documents;
}

std::string VersionAnalysis::QualityAsOf(const std::string& quality_json, const Resource& resource,
                                         TimePoint published_at, TimePoint now) {
  nlohmann::json quality = nlohmann::json::parse(quality_json, nullptr, false);
  if (!quality.is_object() || !quality.contains("score")) return quality_json;
  auto component = [&](const char* name) {
    const nlohmann::json& part = quality[name];
    return quality::ScoreComponent{part.value("value", 0.0), part.value("explanation", "")};
  };
  quality::QualityScore score;
  score.completeness = component("completeness");
  score.validity = component("validity");
  score.uniqueness = component("uniqueness");
  score.timeliness = component("timeliness");
  Result<quality::QualityScore> rescored = quality::Rescore(
      score, UpdateCycleName(resource.update_cycle), Today(published_at), Today(now));
  if (!rescored.ok()) return quality_json;
  quality["score"] = rescored->score;
  quality["timeliness"] = {{"value", rescored->timeliness.value},
                           {"explanation", rescored->timeliness.explanation}};
  quality["as_of"] = FormatIsoTime(now).substr(0, 10);
  return JsonText(quality);
}

}  // namespace gongshu
