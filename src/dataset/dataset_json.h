// The JSON forms of ingestions and dataset versions: what the API returns and what the
// metadata store keeps as each row's document (docs/datasets.md).
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "dataset/dataset_version.h"

namespace gongshu {

nlohmann::json ColumnsToJson(const std::vector<DatasetColumn>& columns);
nlohmann::json ReportToJson(const IngestionReport& report);
nlohmann::json IngestionToJson(const Ingestion& ingestion);
nlohmann::json DatasetVersionToJson(const DatasetVersion& version);

// Read back what the ...ToJson functions wrote. Internal when the document is damaged.
Result<Ingestion> IngestionFromJson(const nlohmann::json& json);
Result<DatasetVersion> DatasetVersionFromJson(const nlohmann::json& json);

}  // namespace gongshu
