#include "store/sqlite_registration_store.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "common/json_text.h"
#include "registration/registration_json.h"
#include "store/sqlite_catalog_store.h"
#include "store/stored_event.h"

namespace gongshu {
namespace {

Result<Registration> ReadRegistration(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return Status::Internal("a stored registration is not JSON");
  Result<Registration> registration = RegistrationFromJson(document);
  if (!registration.ok()) return Status::Internal(registration.status().message());
  return registration;
}

Result<Objection> ReadObjection(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return Status::Internal("a stored objection is not JSON");
  Result<Objection> objection = ObjectionFromJson(document);
  if (!objection.ok()) return Status::Internal(objection.status().message());
  return objection;
}

Status WriteRegistration(SqliteConnection& connection, const Registration& registration,
                         bool insert) {
  std::string document = JsonText(RegistrationToJson(registration));
  std::optional<std::string> code;
  if (!registration.code.empty()) code = registration.code;
  if (insert) {
    Result<Statement> statement = connection.Prepare(
        "INSERT INTO registrations (id, resource_id, registrant_id, state, code, revision, "
        "document) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!statement.ok()) return statement.status();
    return statement->Bind(1, registration.id)
        .Bind(2, registration.resource_id)
        .Bind(3, registration.registrant_organization_id)
        .Bind(4, std::string(RegistrationStateName(registration.state)))
        .Bind(5, code)
        .Bind(6, registration.revision)
        .Bind(7, document)
        .Run();
  }
  Result<Statement> statement = connection.Prepare(
      "UPDATE registrations SET state = ?, code = ?, revision = ?, document = ? WHERE id = ? AND "
      "revision = ?");
  if (!statement.ok()) return statement.status();
  GONGSHU_RETURN_IF_ERROR(statement->Bind(1, std::string(RegistrationStateName(registration.state)))
                              .Bind(2, code)
                              .Bind(3, registration.revision)
                              .Bind(4, document)
                              .Bind(5, registration.id)
                              .Bind(6, registration.revision - 1)
                              .Run());
  if (connection.ChangedRows() != 1) {
    return Status::Conflict("registration " + registration.id +
                            " changed since it was read; read it again and retry");
  }
  return Status::Ok();
}

Status WriteObjection(SqliteConnection& connection, const Objection& objection, bool insert) {
  std::string document = JsonText(ObjectionToJson(objection));
  if (insert) {
    Result<Statement> statement = connection.Prepare(
        "INSERT INTO objections (id, registration_id, revision, document) VALUES (?, ?, ?, ?)");
    if (!statement.ok()) return statement.status();
    return statement->Bind(1, objection.id)
        .Bind(2, objection.registration_id)
        .Bind(3, objection.revision)
        .Bind(4, document)
        .Run();
  }
  Result<Statement> statement = connection.Prepare(
      "UPDATE objections SET revision = ?, document = ? WHERE id = ? AND revision = ?");
  if (!statement.ok()) return statement.status();
  GONGSHU_RETURN_IF_ERROR(statement->Bind(1, objection.revision)
                              .Bind(2, document)
                              .Bind(3, objection.id)
                              .Bind(4, objection.revision - 1)
                              .Run());
  if (connection.ChangedRows() != 1) {
    return Status::Conflict("objection " + objection.id +
                            " changed since it was read; read it again and retry");
  }
  return Status::Ok();
}

}  // namespace

Status SqliteRegistrationStore::Write(const RegistrationWrite& write) {
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      if (write.registration) {
        GONGSHU_RETURN_IF_ERROR(
            WriteRegistration(connection, *write.registration, write.insert_registration));
      }
      if (write.objection) {
        GONGSHU_RETURN_IF_ERROR(
            WriteObjection(connection, *write.objection, write.insert_objection));
      }
      if (write.resource) {
        GONGSHU_RETURN_IF_ERROR(
            WriteResourceVersion(connection, write.resource->resource, write.resource->info));
      }
      for (const Event& event : write.events) {
        GONGSHU_RETURN_IF_ERROR(WriteEvent(connection, event));
      }
      return Status::Ok();
    });
  });
}

Result<Registration> SqliteRegistrationStore::GetRegistration(const std::string& id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Registration> {
    Result<Statement> statement =
        connection.Prepare("SELECT document FROM registrations WHERE id = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, id);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no registration " + id);
    std::string document = statement->Text(0);
    GONGSHU_RETURN_IF_ERROR(statement->Run());
    return ReadRegistration(document);
  });
}

Result<Registration> SqliteRegistrationStore::FindByCode(const std::string& code) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Registration> {
    Result<Statement> statement =
        connection.Prepare("SELECT document FROM registrations WHERE code = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, code);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no registration with code " + code);
    std::string document = statement->Text(0);
    GONGSHU_RETURN_IF_ERROR(statement->Run());
    return ReadRegistration(document);
  });
}

Result<std::vector<Registration>> SqliteRegistrationStore::ListRegistrations(
    const RegistrationFilter& filter, const std::string& after_key, int limit,
    std::string* next_key) {
  int64_t after = 0;
  if (!after_key.empty()) {
    auto [end, error] =
        std::from_chars(after_key.data(), after_key.data() + after_key.size(), after);
    if (error != std::errc() || end != after_key.data() + after_key.size()) {
      return Status::InvalidField("cursor", "is not a cursor of this list");
    }
  }
  std::vector<std::string> states;
  for (RegistrationState state : filter.states) states.emplace_back(RegistrationStateName(state));
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Registration>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT seq, document FROM registrations WHERE seq > ? "
        "AND (? = '[]' OR state IN (SELECT value FROM json_each(?))) "
        "AND (? = '[]' OR registrant_id IN (SELECT value FROM json_each(?))) "
        "AND (? = '' OR resource_id = ?) ORDER BY seq LIMIT ?");
    if (!statement.ok()) return statement.status();
    std::string state_list = JsonText(nlohmann::json(states));
    std::string registrant_list = JsonText(nlohmann::json(filter.registrant_organization_ids));
    statement->Bind(1, after)
        .Bind(2, state_list)
        .Bind(3, state_list)
        .Bind(4, registrant_list)
        .Bind(5, registrant_list)
        .Bind(6, filter.resource_id)
        .Bind(7, filter.resource_id)
        .Bind(8, static_cast<int64_t>(std::max(limit, 1) + 1));
    std::vector<Registration> registrations;
    int64_t last_seq = 0;
    next_key->clear();
    while (true) {
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int>(registrations.size()) == std::max(limit, 1)) {
        *next_key = std::to_string(last_seq);
        statement->Run();
        break;
      }
      last_seq = statement->Int64(0);
      Result<Registration> registration = ReadRegistration(statement->Text(1));
      if (!registration.ok()) return registration.status();
      registrations.push_back(std::move(*registration));
    }
    return registrations;
  });
}

Result<Objection> SqliteRegistrationStore::GetObjection(const std::string& id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<Objection> {
    Result<Statement> statement =
        connection.Prepare("SELECT document FROM objections WHERE id = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, id);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no objection " + id);
    std::string document = statement->Text(0);
    GONGSHU_RETURN_IF_ERROR(statement->Run());
    return ReadObjection(document);
  });
}

Result<std::vector<Objection>> SqliteRegistrationStore::ListObjections(
    const std::string& registration_id) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::vector<Objection>> {
    Result<Statement> statement = connection.Prepare(
        "SELECT document FROM objections WHERE registration_id = ? ORDER BY seq");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, registration_id);
    std::vector<Objection> objections;
    while (true) {
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Result<Objection> objection = ReadObjection(statement->Text(0));
      if (!objection.ok()) return objection.status();
      objections.push_back(std::move(*objection));
    }
    return objections;
  });
}

Result<int> SqliteRegistrationStore::NextRegistrationSerial(const std::string& division_code,
                                                            int year) {
  return pool_.With([&](SqliteConnection& connection) -> Result<int> {
    int serial = 0;
    Status status = connection.Transaction([&]() -> Status {
      Result<Statement> statement = connection.Prepare(
          "INSERT INTO registration_serials (division_code, year, last_serial) VALUES (?, ?, 1) "
          "ON CONFLICT (division_code, year) DO UPDATE SET last_serial = last_serial + 1 "
          "RETURNING last_serial");
      if (!statement.ok()) return statement.status();
      statement->Bind(1, division_code).Bind(2, static_cast<int64_t>(year));
      Result<bool> row = statement->Step();
      if (!row.ok()) return row.status();
      serial = static_cast<int>(statement->Int64(0));
      return statement->Run();
    });
    if (!status.ok()) return status;
    return serial;
  });
}

}  // namespace gongshu
