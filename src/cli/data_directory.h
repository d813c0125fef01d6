// The data directory: everything one Gongshu node keeps (docs/data-directory.md).
//
//   gongshu.db                  metadata database (SQLite, WAL)
//   keys/ed25519.key            signing key seed, base64, mode 0600
//   keys/pseudonymization.key   secret for keyed pseudonymization, base64, mode 0600
//   datasets/                   dataset version files
//   ledger/                     evidence ledger tiles and checkpoints
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "store/sqlite.h"

namespace gongshu {

std::string MetadataDatabasePath(const std::string& data_dir);

// Creates the directory layout and fresh keys. FailedPrecondition when `data_dir` already holds
// a metadata database; Internal when a file cannot be written (the message names it).
Status CreateDataDirectory(const std::string& data_dir);

// The node's Ed25519 signing key seed (32 bytes) from keys/ed25519.key. FailedPrecondition when
// the file is missing or malformed.
Result<std::string> ReadSigningSeed(const std::string& data_dir);

// Opens the metadata database of an initialized directory with `connections` connections,
// applying migrations. FailedPrecondition when the directory was never initialized.
Result<std::unique_ptr<ConnectionPool>> OpenMetadataStore(const std::string& data_dir,
                                                          int connections);

}  // namespace gongshu
