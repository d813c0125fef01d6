// Evidence entries: what the ledger holds for each recorded change of state.
//
// An entry is compact text (well under the 65,535-byte limit), one "key value" per line:
//   gongshu/evidence/v1
//   sequence <event sequence in the metadata store>
//   type <event type, e.g. organization.created>
//   subject <id of what changed>
//   actor <user id, or - for the node itself>
//   time <ISO 8601 UTC>
//   record sha256:<hex SHA-256 of the full record kept in the store>
// The record is the canonical JSON of the stored event (docs/ledger-format.md), so anyone given
// the record can check it against the entry, and the entry against the checkpoint.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

struct EvidenceEntry {
  int64_t sequence = 0;
  std::string type;
  std::string subject;
  std::string actor;  // "-" when the node itself acted
  std::string time;
  std::string record_sha256;  // lowercase hex
};

std::string FormatEvidenceEntry(const EvidenceEntry& entry);
// InvalidArgument naming the line that is malformed.
Result<EvidenceEntry> ParseEvidenceEntry(std::string_view text);

}  // namespace gongshu
