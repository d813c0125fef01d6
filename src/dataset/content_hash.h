// ContentHasher: the SHA-256 of a dataset version's canonical content, which names its file and
// goes on the evidence ledger. The encoding is specified in docs/dataset-versions.md
// ("Canonical content"): the same table gives the same hash whatever file format, encoding or
// delimiter it was uploaded in.
#pragma once

#include <sodium.h>

#include <string>
#include <string_view>
#include <vector>

#include "dataset/dataset_version.h"

namespace gongshu {

class ContentHasher {
 public:
  ContentHasher();
  // The column header. REQUIRES: called once, before any value.
  void AddColumns(const std::vector<DatasetColumn>& columns);
  // One value of the current row, in its canonical text (see the document); then EndRow().
  void AddNull();
  void AddValue(std::string_view canonical_text);
  void EndRow();
  // The hash as 64 lowercase hex digits. REQUIRES: called once.
  std::string Finish();

 private:
  void Update(std::string_view bytes);
  crypto_hash_sha256_state state_;
};

}  // namespace gongshu
