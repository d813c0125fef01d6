#include "dataset/dataset_json.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<IngestionState, 4> kStateNames({{
    {IngestionState::kRunning, "running"},
    {IngestionState::kPublished, "published"},
    {IngestionState::kRefused, "refused"},
    {IngestionState::kFailed, "failed"},
}});

std::vector<DatasetColumn> ColumnsFromJson(const nlohmann::json& json) {
  std::vector<DatasetColumn> columns;
  for (const nlohmann::json& item : json) {
    DatasetColumn column;
    column.name = item.at("name").get<std::string>();
    column.title = item.value("title", column.name);
    column.type = tabular::ParseColumnType(item.at("type").get<std::string>())
                      .value_or(tabular::ColumnType::kString);
    columns.push_back(std::move(column));
  }
  return columns;
}

IngestionReport ReportFromJson(const nlohmann::json& json) {
  IngestionReport report;
  report.format = json.value("format", "");
  report.encoding = json.value("encoding", "");
  report.delimiter = json.value("delimiter", "");
  report.sheet = json.value("sheet", "");
  if (json.contains("columns")) report.columns = ColumnsFromJson(json["columns"]);
  report.types_declared = json.value("types_declared", false);
  report.rows_read = json.value("rows_read", uint64_t{0});
  report.rows_accepted = json.value("rows_accepted", uint64_t{0});
  report.rows_quarantined = json.value("rows_quarantined", uint64_t{0});
  report.error_count = json.value("error_count", uint64_t{0});
  report.fatal = json.value("fatal", "");
  if (json.contains("column_errors")) {
    for (const auto& [column, count] : json["column_errors"].items()) {
      report.column_errors[column == "(row)" ? "" : column] = count.get<uint64_t>();
    }
  }
  if (json.contains("errors")) {
    for (const nlohmann::json& item : json["errors"]) {
      report.errors.push_back({item.value("line", uint64_t{0}), item.value("column", ""),
                               item.value("value", ""), item.value("reason", "")});
    }
  }
  return report;
}

}  // namespace

std::string_view IngestionStateName(IngestionState state) { return kStateNames.Name(state); }
std::optional<IngestionState> ParseIngestionState(std::string_view name) {
  return kStateNames.Parse(name);
}

nlohmann::json ColumnsToJson(const std::vector<DatasetColumn>& columns) {
  nlohmann::json json = nlohmann::json::array();
  for (const DatasetColumn& column : columns) {
    json.push_back({{"name", column.name},
                    {"title", column.title},
                    {"type", std::string(tabular::ColumnTypeName(column.type))}});
  }
  return json;
}

nlohmann::json ReportToJson(const IngestionReport& report) {
  nlohmann::json errors = nlohmann::json::array();
  for (const RowError& error : report.errors) {
    errors.push_back({{"line", error.line},
                      {"column", error.column},
                      {"value", error.value},
                      {"reason", error.reason}});
  }
  nlohmann::json column_errors = nlohmann::json::object();
  for (const auto& [column, count] : report.column_errors) {
    column_errors[column.empty() ? "(row)" : column] = count;
  }
  return {{"format", report.format},
          {"encoding", report.encoding},
          {"delimiter", report.delimiter},
          {"sheet", report.sheet},
          {"columns", ColumnsToJson(report.columns)},
          {"types_declared", report.types_declared},
          {"rows_read", report.rows_read},
          {"rows_accepted", report.rows_accepted},
          {"rows_quarantined", report.rows_quarantined},
          {"error_count", report.error_count},
          {"errors_listed", report.errors.size()},
          {"column_errors", column_errors},
          {"errors", errors},
          {"fatal", report.fatal}};
}

nlohmann::json IngestionToJson(const Ingestion& ingestion) {
  return {
      {"id", ingestion.id},
      {"resource_id", ingestion.resource_id},
      {"state", std::string(IngestionStateName(ingestion.state))},
      {"quarantine", ingestion.quarantine},
      {"file_name", ingestion.file_name},
      {"note", ingestion.note},
      {"bytes_total", ingestion.bytes_total},
      {"bytes_read", ingestion.bytes_read},
      {"rows_read", ingestion.rows_read},
      {"errors", ingestion.errors},
      {"report", ReportToJson(ingestion.report)},
      {"version_id", ingestion.version_id.empty() ? nlohmann::json(nullptr)
                                                  : nlohmann::json(ingestion.version_id)},
      {"message", ingestion.message},
      {"created_by", ingestion.created_by},
      {"created_at", FormatIsoTime(ingestion.created_at)},
      {"finished_at", ingestion.finished_at ? nlohmann::json(FormatIsoTime(*ingestion.finished_at))
                                            : nlohmann::json(nullptr)}};
}

nlohmann::json DatasetVersionToJson(const DatasetVersion& version) {
  auto parse = [](const std::string& text) {
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    return json.is_discarded() ? nlohmann::json(nullptr) : json;
  };
  return {{"id", version.id},
          {"resource_id", version.resource_id},
          {"number", version.number},
          {"content_hash", version.content_hash},
          {"file_name", version.file_name},
          {"columns", ColumnsToJson(version.columns)},
          {"row_count", version.row_count},
          {"quarantined_count", version.quarantined_count},
          {"byte_size", version.byte_size},
          {"note", version.note},
          {"ingestion_id", version.ingestion_id},
          {"profile", parse(version.profile_json)},
          {"quality", parse(version.quality_json)},
          {"personal_data", parse(version.personal_json)},
          {"published_by", version.published_by},
          {"published_at", FormatIsoTime(version.published_at)}};
}

Result<Ingestion> IngestionFromJson(const nlohmann::json& json) {
  try {
    Ingestion ingestion;
    ingestion.id = json.at("id").get<std::string>();
    ingestion.resource_id = json.at("resource_id").get<std::string>();
    ingestion.state =
        ParseIngestionState(json.at("state").get<std::string>()).value_or(IngestionState::kFailed);
    ingestion.quarantine = json.value("quarantine", false);
    ingestion.file_name = json.value("file_name", "");
    ingestion.note = json.value("note", "");
    if (json.contains("options") && json["options"].is_object()) {
      const nlohmann::json& options = json["options"];
      ingestion.format = options.value("format", "");
      ingestion.encoding = options.value("encoding", "");
      ingestion.delimiter = options.value("delimiter", "");
      ingestion.sheet = options.value("sheet", "");
    }
    ingestion.bytes_total = json.value("bytes_total", uint64_t{0});
    ingestion.bytes_read = json.value("bytes_read", uint64_t{0});
    ingestion.rows_read = json.value("rows_read", uint64_t{0});
    ingestion.errors = json.value("errors", uint64_t{0});
    ingestion.report = ReportFromJson(json.at("report"));
    if (json.contains("version_id") && json["version_id"].is_string()) {
      ingestion.version_id = json["version_id"].get<std::string>();
    }
    ingestion.message = json.value("message", "");
    ingestion.created_by = json.value("created_by", "");
    ParseIsoTime(json.value("created_at", ""), &ingestion.created_at);
    if (json.contains("finished_at") && json["finished_at"].is_string()) {
      TimePoint finished;
      if (ParseIsoTime(json["finished_at"].get<std::string>(), &finished)) {
        ingestion.finished_at = finished;
      }
    }
    return ingestion;
  } catch (const nlohmann::json::exception& error) {
    return Status::Internal(std::string("damaged ingestion document: ") + error.what());
  }
}

Result<DatasetVersion> DatasetVersionFromJson(const nlohmann::json& json) {
  try {
    DatasetVersion version;
    version.id = json.at("id").get<std::string>();
    version.resource_id = json.at("resource_id").get<std::string>();
    version.number = json.at("number").get<int64_t>();
    version.content_hash = json.at("content_hash").get<std::string>();
    version.file_name = json.at("file_name").get<std::string>();
    version.columns = ColumnsFromJson(json.at("columns"));
    version.row_count = json.value("row_count", uint64_t{0});
    version.quarantined_count = json.value("quarantined_count", uint64_t{0});
    version.byte_size = json.value("byte_size", uint64_t{0});
    version.note = json.value("note", "");
    version.ingestion_id = json.value("ingestion_id", "");
    version.profile_json = json.value("profile", nlohmann::json::array()).dump();
    version.quality_json = json.value("quality", nlohmann::json::object()).dump();
    version.personal_json = json.value("personal_data", nlohmann::json::array()).dump();
    version.published_by = json.value("published_by", "");
    ParseIsoTime(json.value("published_at", ""), &version.published_at);
    return version;
  } catch (const nlohmann::json::exception& error) {
    return Status::Internal(std::string("damaged dataset version document: ") + error.what());
  }
}

}  // namespace gongshu
