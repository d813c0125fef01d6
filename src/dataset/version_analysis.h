// VersionAnalysis: what is learnt about a version while it is read — the profile of each
// column, the personal data found, and the quality score — as the JSON documents a
// DatasetVersion keeps (docs/quality.md).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "catalog/resource.h"
#include "common/clock.h"
#include "dataset/dataset_version.h"
#include "tabular/table_source.h"

namespace gongshu {

class VersionAnalysis {
 public:
  // `now` is the day citizen ID birth dates must not be after.
  VersionAnalysis(const std::vector<DatasetColumn>& columns, TimePoint now);
  ~VersionAnalysis();
  VersionAnalysis(const VersionAnalysis&) = delete;
  VersionAnalysis& operator=(const VersionAnalysis&) = delete;

  // Every accepted row, cells in column order.
  void Add(std::span<const tabular::Cell> cells);

  struct Documents {
    std::string profile_json;   // array: one profile per column
    std::string personal_json;  // array: one finding per column with personal data
    std::string quality_json;   // object: score and components
    // (column name, personal-data kind) of every column to mask while no policy is stored.
    std::vector<std::pair<std::string, std::string>> personal_kinds;
  };
  // REQUIRES: called once, after the last Add.
  Documents Finish(const IngestionReport& report, const Resource& resource, TimePoint now);

  // A version's quality document (as Finish wrote it at `published_at`) as of `now`: the
  // timeliness against the resource's update cycle moves with time, the rest does not. The
  // document unchanged when it cannot be read.
  static std::string QualityAsOf(const std::string& quality_json, const Resource& resource,
                                 TimePoint published_at, TimePoint now);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gongshu
