// Writing an Event row (every store writes the event of a change in the change's transaction),
// and reading stored times.
#pragma once

#include "common/event.h"
#include "store/sqlite.h"

namespace gongshu {

// Times are stored as ISO 8601 text, which sorts like the times themselves. A stored time that
// does not parse (never written by the store) reads as the epoch.
TimePoint ParseStoredTime(const std::string& text);

// Inserts `event` into the events table on `connection` (inside the caller's transaction).
Status WriteEvent(SqliteConnection& connection, const Event& event);

}  // namespace gongshu
