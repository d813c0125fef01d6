// Versioned schema migrations of the metadata database.
//
// The schema version is the highest `version` in table schema_version. At start the store applies,
// in order and each in its own transaction, every migration newer than that, and refuses to open a
// database whose version is newer than the newest migration this binary knows (docs/store.md).
#pragma once

#include "common/status.h"

namespace gongshu {

class SqliteConnection;

// The newest schema version this binary knows.
int LatestSchemaVersion();

// Brings the database up to LatestSchemaVersion(). FailedPrecondition when the database is newer
// than the binary; Internal when a migration fails (nothing of that migration is applied).
Status ApplyMigrations(SqliteConnection& connection);

}  // namespace gongshu
