#include "store/sqlite_dataset_store.h"

#include <map>

#include "common/result_macros.h"
#include "dataset/dataset_json.h"
#include "store/stored_event.h"

namespace gongshu {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<Ingestion> IngestionFromText(const std::string& text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Status::Internal("damaged ingestion document");
  return IngestionFromJson(json);
}

Result<DatasetVersion> VersionFromText(const std::string& text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Status::Internal("damaged dataset version document");
  return DatasetVersionFromJson(json);
}

Status UpdateIngestionRow(SqliteConnection& connection, const Ingestion& ingestion) {
  GONGSHU_ASSIGN_OR_RETURN(Statement update,
                           connection.Prepare("UPDATE ingestions SET state = ?, document = ? "
                                              "WHERE id = ?"));
  GONGSHU_RETURN_IF_ERROR(update.Bind(1, std::string(IngestionStateName(ingestion.state)))
                              .Bind(2, Dump(IngestionToJson(ingestion)))
                              .Bind(3, ingestion.id)
                              .Run());
  if (connection.ChangedRows() == 0) return Status::NotFound("no ingestion " + ingestion.id);
  return Status::Ok();
}

}  // namespace

Status SqliteDatasetStore::InsertIngestion(const Ingestion& ingestion, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(
          Statement insert,
          connection.Prepare("INSERT INTO ingestions (id, resource_id, state, document) "
                             "VALUES (?, ?, ?, ?)"));
      GONGSHU_RETURN_IF_ERROR(insert.Bind(1, ingestion.id)
                                  .Bind(2, ingestion.resource_id)
                                  .Bind(3, std::string(IngestionStateName(ingestion.state)))
                                  .Bind(4, Dump(IngestionToJson(ingestion)))
                                  .Run());
      return WriteEvent(connection, event);
    });
  });
}

Status SqliteDatasetStore::FinishIngestion(const Ingestion& ingestion, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_RETURN_IF_ERROR(UpdateIngestionRow(connection, ingestion));
      return WriteEvent(connection, event);
    });
  });
}

Result<Ingestion> SqliteDatasetStore::GetIngestion(const std::string& id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Ingestion> {
    GONGSHU_ASSIGN_OR_RETURN(Statement select,
                             connection.Prepare("SELECT document FROM ingestions WHERE id = ?"));
    select.Bind(1, id);
    GONGSHU_ASSIGN_OR_RETURN(bool found, select.Step());
    if (!found) return Status::NotFound("no ingestion " + id);
    return IngestionFromText(select.Text(0));
  });
}

Result<std::vector<Ingestion>> SqliteDatasetStore::RunningIngestions() {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Ingestion>> {
    GONGSHU_ASSIGN_OR_RETURN(
        Statement select,
        connection.Prepare("SELECT document FROM ingestions WHERE state = 'running' ORDER BY seq"));
    std::vector<Ingestion> running;
    while (true) {
      GONGSHU_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      GONGSHU_ASSIGN_OR_RETURN(Ingestion ingestion, IngestionFromText(select.Text(0)));
      running.push_back(std::move(ingestion));
    }
    return running;
  });
}

Result<DatasetVersion> SqliteDatasetStore::PublishVersion(DatasetVersion version,
                                                          const Ingestion& ingestion,
                                                          const Event& event) {
  return pool_.With([&](SqliteConnection& connection) -> Result<DatasetVersion> {
    Status status = connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(Statement last,
                               connection.Prepare("SELECT COALESCE(MAX(number), 0) FROM "
                                                  "dataset_versions WHERE resource_id = ?"));
      last.Bind(1, version.resource_id);
      GONGSHU_ASSIGN_OR_RETURN(bool row, last.Step());
      version.number = (row ? last.Int64(0) : 0) + 1;
      GONGSHU_ASSIGN_OR_RETURN(
          Statement insert,
          connection.Prepare("INSERT INTO dataset_versions (id, resource_id, number, "
                             "content_hash, document) VALUES (?, ?, ?, ?, ?)"));
      GONGSHU_RETURN_IF_ERROR(insert.Bind(1, version.id)
                                  .Bind(2, version.resource_id)
                                  .Bind(3, version.number)
                                  .Bind(4, version.content_hash)
                                  .Bind(5, Dump(DatasetVersionToJson(version)))
                                  .Run());
      GONGSHU_RETURN_IF_ERROR(UpdateIngestionRow(connection, ingestion));
      Event numbered = event;
      nlohmann::json detail = nlohmann::json::parse(event.detail_json, nullptr, false);
      if (detail.is_object()) {
        detail["number"] = version.number;
        numbered.detail_json = Dump(detail);
      }
      return WriteEvent(connection, numbered);
    });
    if (!status.ok()) return status;
    return version;
  });
}

Result<std::vector<DatasetVersion>> SqliteDatasetStore::ListVersions(
    const std::string& resource_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<DatasetVersion>> {
    GONGSHU_ASSIGN_OR_RETURN(Statement select,
                             connection.Prepare("SELECT document FROM dataset_versions WHERE "
                                                "resource_id = ? ORDER BY number"));
    select.Bind(1, resource_id);
    std::vector<DatasetVersion> versions;
    while (true) {
      GONGSHU_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      GONGSHU_ASSIGN_OR_RETURN(DatasetVersion version, VersionFromText(select.Text(0)));
      versions.push_back(std::move(version));
    }
    return versions;
  });
}

Result<DatasetVersion> SqliteDatasetStore::GetVersion(const std::string& resource_id,
                                                      std::optional<int64_t> number) {
  return pool_.With([&](SqliteConnection& connection) -> Result<DatasetVersion> {
    Result<Statement> select =
        number ? connection.Prepare(
                     "SELECT document FROM dataset_versions WHERE resource_id = ? "
                     "AND number = ?")
               : connection.Prepare(
                     "SELECT document FROM dataset_versions WHERE resource_id = ? "
                     "ORDER BY number DESC LIMIT 1");
    if (!select.ok()) return select.status();
    select->Bind(1, resource_id);
    if (number) select->Bind(2, *number);
    GONGSHU_ASSIGN_OR_RETURN(bool found, select->Step());
    if (!found) {
      return Status::NotFound(number ? "the resource has no data version " + std::to_string(*number)
                                     : "the resource has no published data yet");
    }
    return VersionFromText(select->Text(0));
  });
}

Result<std::optional<StoredPolicy>> SqliteDatasetStore::GetPolicy(const std::string& resource_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::optional<StoredPolicy>> {
    GONGSHU_ASSIGN_OR_RETURN(Statement select,
                             connection.Prepare("SELECT revision, document FROM "
                                                "deidentification_policies WHERE resource_id = ?"));
    select.Bind(1, resource_id);
    GONGSHU_ASSIGN_OR_RETURN(bool found, select.Step());
    if (!found) return std::optional<StoredPolicy>();
    return std::optional<StoredPolicy>(StoredPolicy{select.Int64(0), select.Text(1)});
  });
}

Status SqliteDatasetStore::PutPolicy(const std::string& resource_id, const std::string& document,
                                     int64_t expected_revision, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(Statement select,
                               connection.Prepare("SELECT revision FROM deidentification_policies "
                                                  "WHERE resource_id = ?"));
      select.Bind(1, resource_id);
      GONGSHU_ASSIGN_OR_RETURN(bool found, select.Step());
      int64_t stored = found ? select.Int64(0) : 0;
      if (stored != expected_revision) {
        return Status::Conflict("the policy changed since revision " +
                                std::to_string(expected_revision) + " (now " +
                                std::to_string(stored) + ")");
      }
      GONGSHU_ASSIGN_OR_RETURN(
          Statement upsert,
          connection.Prepare("INSERT INTO deidentification_policies (resource_id, revision, "
                             "document) VALUES (?, ?, ?) ON CONFLICT (resource_id) DO UPDATE "
                             "SET revision = excluded.revision, document = excluded.document"));
      GONGSHU_RETURN_IF_ERROR(
          upsert.Bind(1, resource_id).Bind(2, stored + 1).Bind(3, document).Run());
      return WriteEvent(connection, event);
    });
  });
}

namespace {

std::string ApplicationDocument(const DataApplication& application) {
  return Dump(ApplicationToJson(application, application.submitted_at));
}

Result<DataApplication> ApplicationFromText(const std::string& text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Status::Internal("damaged application document");
  return ApplicationFromJson(json);
}

Result<std::vector<DataApplication>> CollectApplications(Statement& select) {
  std::vector<DataApplication> applications;
  while (true) {
    GONGSHU_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    GONGSHU_ASSIGN_OR_RETURN(DataApplication application, ApplicationFromText(select.Text(0)));
    applications.push_back(std::move(application));
  }
  return applications;
}

}  // namespace

Status SqliteDatasetStore::InsertApplication(const DataApplication& application,
                                             const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(
          Statement insert,
          connection.Prepare("INSERT INTO data_applications (id, resource_id, provider_id, "
                             "applicant_user_id, state, document) VALUES (?, ?, ?, ?, ?, ?)"));
      GONGSHU_RETURN_IF_ERROR(insert.Bind(1, application.id)
                                  .Bind(2, application.resource_id)
                                  .Bind(3, application.provider_id)
                                  .Bind(4, application.applicant_user_id)
                                  .Bind(5, std::string(ApplicationStateName(application.state)))
                                  .Bind(6, ApplicationDocument(application))
                                  .Run());
      return WriteEvent(connection, event);
    });
  });
}

Status SqliteDatasetStore::UpdateApplication(const DataApplication& application,
                                             ApplicationState expected_state, const Event& event) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(Statement update,
                               connection.Prepare("UPDATE data_applications SET state = ?, "
                                                  "document = ? WHERE id = ? AND state = ?"));
      GONGSHU_RETURN_IF_ERROR(update.Bind(1, std::string(ApplicationStateName(application.state)))
                                  .Bind(2, ApplicationDocument(application))
                                  .Bind(3, application.id)
                                  .Bind(4, std::string(ApplicationStateName(expected_state)))
                                  .Run());
      if (connection.ChangedRows() == 0) {
        return Status::Conflict("the application changed meanwhile; read it again");
      }
      return WriteEvent(connection, event);
    });
  });
}

Result<DataApplication> SqliteDatasetStore::GetApplication(const std::string& id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<DataApplication> {
    GONGSHU_ASSIGN_OR_RETURN(
        Statement select,
        connection.Prepare("SELECT document FROM data_applications WHERE id = ?"));
    select.Bind(1, id);
    GONGSHU_ASSIGN_OR_RETURN(bool found, select.Step());
    if (!found) return Status::NotFound("no application " + id);
    return ApplicationFromText(select.Text(0));
  });
}

Result<std::vector<DataApplication>> SqliteDatasetStore::ListApplications(
    const std::string& applicant_user_id, const std::vector<std::string>& provider_ids, bool all,
    std::optional<ApplicationState> state) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<DataApplication>> {
    // The provider list is bound as one JSON array, so the SQL text stays constant.
    nlohmann::json providers = provider_ids;
    GONGSHU_ASSIGN_OR_RETURN(
        Statement select,
        connection.Prepare("SELECT document FROM data_applications WHERE (? OR "
                           "applicant_user_id = ? OR provider_id IN (SELECT value FROM "
                           "json_each(?))) AND (? IS NULL OR state = ?) ORDER BY seq DESC "
                           "LIMIT 1000"));
    select.Bind(1, int64_t{all ? 1 : 0})
        .Bind(2, applicant_user_id)
        .Bind(3, Dump(providers))
        .Bind(4, state ? std::optional<std::string>(std::string(ApplicationStateName(*state)))
                       : std::nullopt)
        .Bind(5, state ? std::optional<std::string>(std::string(ApplicationStateName(*state)))
                       : std::nullopt);
    return CollectApplications(select);
  });
}

Result<std::vector<DataApplication>> SqliteDatasetStore::ApprovedApplications(
    const std::string& resource_id, const std::string& user_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<DataApplication>> {
    GONGSHU_ASSIGN_OR_RETURN(
        Statement select,
        connection.Prepare("SELECT document FROM data_applications WHERE resource_id = ? AND "
                           "applicant_user_id = ? AND state = 'approved' ORDER BY seq DESC"));
    select.Bind(1, resource_id).Bind(2, user_id);
    return CollectApplications(select);
  });
}

Status SqliteDatasetStore::CountUse(const std::string& resource_id, const std::string& day,
                                    const std::string& kind, const std::string& principal) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      GONGSHU_ASSIGN_OR_RETURN(
          Statement count,
          connection.Prepare("INSERT INTO resource_usage (resource_id, day, kind, count) "
                             "VALUES (?, ?, ?, 1) ON CONFLICT (resource_id, day, kind) DO UPDATE "
                             "SET count = count + 1"));
      GONGSHU_RETURN_IF_ERROR(count.Bind(1, resource_id).Bind(2, day).Bind(3, kind).Run());
      GONGSHU_ASSIGN_OR_RETURN(
          Statement user, connection.Prepare("INSERT OR IGNORE INTO resource_users (resource_id, "
                                             "day, principal) VALUES (?, ?, ?)"));
      return user.Bind(1, resource_id).Bind(2, day).Bind(3, principal).Run();
    });
  });
}

Result<std::vector<UsageDay>> SqliteDatasetStore::Usage(const std::string& resource_id, int days) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<UsageDay>> {
    std::map<std::string, UsageDay> by_day;
    GONGSHU_ASSIGN_OR_RETURN(
        Statement usage,
        connection.Prepare("SELECT day, kind, count FROM resource_usage WHERE resource_id = ? "
                           "AND day IN (SELECT DISTINCT day FROM resource_usage WHERE "
                           "resource_id = ? ORDER BY day DESC LIMIT ?)"));
    usage.Bind(1, resource_id).Bind(2, resource_id).Bind(3, int64_t{days});
    while (true) {
      GONGSHU_ASSIGN_OR_RETURN(bool row, usage.Step());
      if (!row) break;
      UsageDay& day = by_day[usage.Text(0)];
      day.day = usage.Text(0);
      (usage.Text(1) == "download" ? day.downloads : day.api_calls) = usage.Int64(2);
    }
    GONGSHU_ASSIGN_OR_RETURN(Statement users,
                             connection.Prepare("SELECT day, COUNT(*) FROM resource_users WHERE "
                                                "resource_id = ? GROUP BY day"));
    users.Bind(1, resource_id);
    while (true) {
      GONGSHU_ASSIGN_OR_RETURN(bool row, users.Step());
      if (!row) break;
      auto found = by_day.find(users.Text(0));
      if (found != by_day.end()) found->second.distinct_users = users.Int64(1);
    }
    std::vector<UsageDay> result;
    for (auto& [day, usage_day] : by_day) result.push_back(std::move(usage_day));
    return result;
  });
}

}  // namespace gongshu
