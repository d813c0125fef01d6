#include "store/stored_event.h"

namespace gongshu {

TimePoint ParseStoredTime(const std::string& text) {
  TimePoint time{};
  ParseIsoTime(text, &time);
  return time;
}

Status WriteEvent(SqliteConnection& connection, const Event& event) {
  Result<Statement> statement = connection.Prepare(
      "INSERT INTO events (type, actor_user_id, subject_id, at, detail) VALUES (?, ?, ?, ?, ?)");
  if (!statement.ok()) return statement.status();
  statement->Bind(1, event.type)
      .Bind(2, event.actor_user_id)
      .Bind(3, event.subject_id)
      .Bind(4, FormatIsoTime(event.at))
      .Bind(5, event.detail_json.empty() ? std::string("{}") : event.detail_json);
  return statement->Run();
}

}  // namespace gongshu
