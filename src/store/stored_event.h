// Writing an Event row: every store writes the event of a change in the change's transaction.
#pragma once

#include "common/event.h"
#include "store/sqlite.h"

namespace gongshu {

// Inserts `event` into the events table on `connection` (inside the caller's transaction).
Status WriteEvent(SqliteConnection& connection, const Event& event);

}  // namespace gongshu
