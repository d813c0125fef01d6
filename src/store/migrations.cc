#include "store/migrations.h"

#include <string>
#include <vector>

#include "common/clock.h"
#include "store/sqlite.h"

namespace gongshu {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Append only: a released migration is never edited. SQL stays in the portable subset
// (TEXT/INTEGER columns, ISO 8601 times as text) so the PostgreSQL store can mirror it.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "identity", R"sql(
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  parent_id TEXT REFERENCES organizations(id),
  division_code TEXT NOT NULL,
  uscc TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL
);
CREATE INDEX organizations_by_creation ON organizations(created_at, id);
CREATE INDEX organizations_by_parent ON organizations(parent_id);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users(id),
  organization_id TEXT NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, organization_id, role)
);
CREATE INDEX memberships_by_organization ON memberships(organization_id);
CREATE TABLE sessions (
  secret_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
CREATE TABLE login_failures (
  username TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_username ON login_failures(username, at);
CREATE TABLE events (
  sequence INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  actor_user_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  at TEXT NOT NULL,
  detail TEXT NOT NULL
);
)sql"},
      {2, "evidence", R"sql(
ALTER TABLE events ADD COLUMN ledger_index INTEGER;
CREATE INDEX events_unrecorded ON events(sequence) WHERE ledger_index IS NULL;
CREATE INDEX events_by_subject ON events(subject_id, sequence);
)sql"},
      {3, "witness", R"sql(
CREATE TABLE witness_state (
  origin TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  root TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql"},
      {4, "catalog", R"sql(
CREATE TABLE resources (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  code TEXT NOT NULL UNIQUE,
  provider_id TEXT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX resources_by_name ON resources(name);
CREATE INDEX resources_by_update ON resources(updated_at, seq);
CREATE INDEX resources_by_provider ON resources(provider_id, seq);
CREATE TABLE resource_versions (
  resource_seq INTEGER NOT NULL REFERENCES resources(seq),
  version INTEGER NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (resource_seq, version)
);
CREATE TABLE resource_facets (
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  resource_seq INTEGER NOT NULL REFERENCES resources(seq),
  PRIMARY KEY (facet, value, resource_seq)
) WITHOUT ROWID;
CREATE INDEX resource_facets_by_resource ON resource_facets(resource_seq, facet, value);
CREATE TABLE provider_serials (
  provider_id TEXT PRIMARY KEY REFERENCES organizations(id),
  last_serial INTEGER NOT NULL
);
CREATE VIRTUAL TABLE resource_search USING fts5(name, keywords, summary, items,
  tokenize = 'gongshu');
CREATE TABLE registrations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  resource_id TEXT NOT NULL REFERENCES resources(id),
  registrant_id TEXT NOT NULL REFERENCES organizations(id),
  state TEXT NOT NULL,
  code TEXT UNIQUE,
  revision INTEGER NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX registrations_by_state ON registrations(state, seq);
CREATE INDEX registrations_by_resource ON registrations(resource_id, seq);
CREATE INDEX registrations_by_registrant ON registrations(registrant_id, seq);
CREATE TABLE objections (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  registration_id TEXT NOT NULL REFERENCES registrations(id),
  revision INTEGER NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX objections_by_registration ON objections(registration_id, seq);
CREATE TABLE registration_serials (
  division_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (division_code, year)
);
)sql"},
      {5, "datasets", R"sql(
CREATE TABLE ingestions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  resource_id TEXT NOT NULL,
  state TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX ingestions_by_state ON ingestions(state);
CREATE TABLE dataset_versions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  resource_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  UNIQUE (resource_id, number)
);
CREATE TABLE deidentification_policies (
  resource_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  document TEXT NOT NULL
);
CREATE TABLE resource_usage (
  resource_id TEXT NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (resource_id, day, kind)
);
CREATE TABLE resource_users (
  resource_id TEXT NOT NULL,
  day TEXT NOT NULL,
  principal TEXT NOT NULL,
  PRIMARY KEY (resource_id, day, principal)
);
CREATE TABLE data_applications (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  resource_id TEXT NOT NULL,
  provider_id TEXT NOT NULL,
  applicant_user_id TEXT NOT NULL,
  state TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX data_applications_by_applicant ON data_applications(applicant_user_id, seq);
CREATE INDEX data_applications_by_provider ON data_applications(provider_id, seq);
)sql"},
  };
  return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Status ApplyMigrations(SqliteConnection& connection) {
  GONGSHU_RETURN_IF_ERROR(connection.Execute(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)"));
  Result<Statement> current = connection.Prepare("SELECT MAX(version) FROM schema_version");
  if (!current.ok()) return current.status();
  Result<bool> row = current->Step();
  if (!row.ok()) return row.status();
  int version = static_cast<int>(current->Int64(0));
  current->Run();
  if (version > LatestSchemaVersion()) {
    return Status::FailedPrecondition(
        "the metadata database has schema version " + std::to_string(version) +
        ", newer than this gongshu binary knows (" + std::to_string(LatestSchemaVersion()) +
        "); run a newer gongshu on it");
  }
  for (const Migration& migration : Migrations()) {
    if (migration.version <= version) continue;
    Status status = connection.Transaction([&]() -> Status {
      GONGSHU_RETURN_IF_ERROR(connection.Execute(migration.sql));
      Result<Statement> record = connection.Prepare(
          "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
      if (!record.ok()) return record.status();
      record->Bind(1, static_cast<int64_t>(migration.version))
          .Bind(2, std::string(migration.name))
          .Bind(3, FormatIsoTime(SystemClock().Now()));
      return record->Run();
    });
    if (!status.ok()) {
      return Status::Internal("migration " + std::to_string(migration.version) + " (" +
                              migration.name + ") failed: " + status.message());
    }
  }
  return Status::Ok();
}

}  // namespace gongshu
