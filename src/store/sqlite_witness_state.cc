#include "store/sqlite_witness_state.h"

#include <sodium.h>

#include "common/clock.h"
#include "common/secrets.h"

namespace gongshu {

Result<std::optional<WitnessState>> SqliteWitnessState::Get(const std::string& origin) {
  return pool_.With([&](SqliteConnection& connection) -> Result<std::optional<WitnessState>> {
    Result<Statement> statement =
        connection.Prepare("SELECT size, root FROM witness_state WHERE origin = ?");
    if (!statement.ok()) return statement.status();
    statement->Bind(1, origin);
    Result<bool> row = statement->Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<WitnessState>();
    WitnessState state;
    state.size = static_cast<uint64_t>(statement->Int64(0));
    std::string root = statement->Text(1);
    statement->Run();
    size_t length = 0;
    if (sodium_base642bin(state.root.data(), state.root.size(), root.data(), root.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != state.root.size()) {
      return Status::Internal("witness state of " + origin + " has a malformed root");
    }
    return std::optional<WitnessState>(state);
  });
}

Status SqliteWitnessState::Advance(const std::string& origin, uint64_t expected_size,
                                   const WitnessState& state) {
  std::string root = Base64Encode(
      std::string_view(reinterpret_cast<const char*>(state.root.data()), state.root.size()));
  std::string now = FormatIsoTime(SystemClock().Now());
  return pool_.With([&](SqliteConnection& connection) {
    return connection.Transaction([&]() -> Status {
      Result<Statement> current =
          connection.Prepare("SELECT size FROM witness_state WHERE origin = ?");
      if (!current.ok()) return current.status();
      current->Bind(1, origin);
      Result<bool> row = current->Step();
      if (!row.ok()) return row.status();
      uint64_t stored = *row ? static_cast<uint64_t>(current->Int64(0)) : 0;
      current->Run();
      if (stored != expected_size) {
        return Status::Conflict("the witness state of " + origin + " moved on");
      }
      Result<Statement> write = connection.Prepare(
          "INSERT INTO witness_state (origin, size, root, updated_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, "
          "updated_at = excluded.updated_at");
      if (!write.ok()) return write.status();
      write->Bind(1, origin).Bind(2, static_cast<int64_t>(state.size)).Bind(3, root).Bind(4, now);
      return write->Run();
    });
  });
}

}  // namespace gongshu
