// WitnessStateStore: what a witness remembers of each log it cosigns (the latest cosigned size
// and root), kept in the metadata store so that it survives restarts and is shared by nodes.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "ledger/witness.h"

namespace gongshu {

class WitnessStateStore {
 public:
  virtual ~WitnessStateStore() = default;
  // The state for `origin`, or nullopt before the first cosignature.
  virtual Result<std::optional<WitnessState>> Get(const std::string& origin) = 0;
  // Stores `state` for `origin` if the stored size is still `expected_size` (0 for none);
  // Conflict otherwise (another request advanced it first).
  virtual Status Advance(const std::string& origin, uint64_t expected_size,
                         const WitnessState& state) = 0;
};

}  // namespace gongshu
