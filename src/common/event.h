// Event: one recorded change of state (an organization created, a role granted, a token
// revoked, ...). Stores write the event in the same transaction as the change it describes, so
// the event history is exactly the history of changes; the evidence ledger commits to it.
#pragma once

#include <string>

#include "common/clock.h"

namespace gongshu {

struct Event {
  std::string type;           // dotted name: "organization.created", "token.revoked", ...
  std::string actor_user_id;  // empty for the system itself (init, demo)
  std::string subject_id;     // the id of what changed
  TimePoint at;
  std::string detail_json;  // a JSON object with the facts of the change; "{}" when none
};

}  // namespace gongshu
