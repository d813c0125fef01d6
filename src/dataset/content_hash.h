// ContentHasher: the SHA-256 of a dataset version's canonical content, which names its file and
// goes on the evidence ledger. The encoding is specified in docs/dataset-versions.md
// ("Canonical content"): the same table gives the same hash whatever file format, encoding or
// delimiter it was uploaded in.
//
// It sees every cell of every upload, so bytes are gathered in a buffer and hashed in large
// pieces with OpenSSL's SHA-256 (which uses the CPU's SHA instructions where there are some).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dataset/dataset_version.h"

struct evp_md_ctx_st;

namespace gongshu {

// Not thread-safe.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  // The column header. REQUIRES: called once, before any value.
  void AddColumns(const std::vector<DatasetColumn>& columns);
  // One value of the current row, in its canonical text (see the document); then EndRow().
  void AddNull() { Append("-"); }
  void AddValue(std::string_view canonical_text);
  void EndRow() { Append("\n"); }
  // The hash as 64 lowercase hex digits. REQUIRES: called once.
  std::string Finish();

 private:
  void Append(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= kFlushBytes) Flush();
  }
  void Flush();
  static constexpr size_t kFlushBytes = 64 * 1024;
  evp_md_ctx_st* context_;
  std::string buffer_;
};

}  // namespace gongshu
