// SqliteWitnessState: WitnessStateStore in the witness_state table.
#pragma once

#include "ledger/witness_state.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteWitnessState final : public WitnessStateStore {
 public:
  // `pool` must outlive the store.
  explicit SqliteWitnessState(ConnectionPool& pool) : pool_(pool) {}
  Result<std::optional<WitnessState>> Get(const std::string& origin) override;
  Status Advance(const std::string& origin, uint64_t expected_size,
                 const WitnessState& state) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace gongshu
