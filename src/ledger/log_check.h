// CheckLogDirectory: re-derives everything in a log directory from its entries, like Tessera's
// fsck, and reports the first thing that does not match.
//
// Checks, in order: the checkpoint's signature by `verifier`; every entry bundle up to the
// checkpoint's size decodes; the RFC 6962 root of the entries equals the checkpoint's root; every
// hash tile of that size equals the tile computed from the entries; every stored hash in the
// `hashes` file equals the one computed from the entries. Reads the files directly, not through
// DurableLog, so a fault in the writer cannot hide itself.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "ledger/merkle.h"
#include "ledger/note.h"

namespace gongshu {

struct LogCheckReport {
  uint64_t size = 0;
  Hash root{};
  uint64_t tiles_checked = 0;
  uint64_t hashes_checked = 0;
};

// Ok with the report when everything matches. FailedPrecondition naming the first inconsistency
// (a tile path, an entry index, a stored hash position) otherwise; PermissionDenied when the
// checkpoint is not signed by `verifier`.
Result<LogCheckReport> CheckLogDirectory(const std::string& directory,
                                         const NoteVerifier& verifier);

}  // namespace gongshu
