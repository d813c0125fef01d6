// The de-identifier: a policy applied to every record that leaves the platform (download, row
// API, CKAN datastore_search). Built once per release from the policy, the file's column names
// and the release key; then Apply runs on each row without allocating once the row's buffers have
// grown to the longest values seen.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "privacy/deidentification_policy.h"
#include "privacy/pseudonymizer.h"
#include "tabular/table_source.h"

namespace gongshu::privacy {

// The output of one Apply: one cell per output column. Reuse one DeidentifiedRow for every row of
// a release so its buffers are allocated once.
class DeidentifiedRow {
 public:
  // One cell per Deidentifier::OutputColumnNames() entry, in that order. A kept column's cell is
  // the input cell itself (its view points into the input record's buffers); a transformed
  // column's view points into this row's own buffers. So the cells stay valid until the next
  // Apply into this row or until the input record's buffers change, whichever comes first.
  std::span<const tabular::Cell> cells() const { return cells_; }

 private:
  friend class Deidentifier;
  std::vector<tabular::Cell> cells_;
  std::vector<std::string> buffers_;  // one per output column; used by transformed ones only
};

// Immutable after Create: one Deidentifier may be shared by threads, each with its own
// DeidentifiedRow.
class Deidentifier {
 public:
  // `column_names` are the input columns in record order. `release_key` keys the pseudonyms of
  // this release (raw bytes); it is needed, with at least kMinReleaseKeyBytes bytes, only when the
  // policy pseudonymizes a field, and is otherwise ignored. Returns InvalidArgument when the
  // policy names a column that is not in `column_names` or a field twice (field errors as in
  // CheckPolicyColumns), or when a needed key is too short.
  static Result<Deidentifier> Create(const DeidentificationPolicy& policy,
                                     const std::vector<std::string>& column_names,
                                     std::string_view release_key);

  // The input column names without the dropped ones, in input order.
  const std::vector<std::string>& OutputColumnNames() const { return output_names_; }

  // The position of `column_name` among OutputColumnNames(), or nullopt when it is not there
  // (dropped, or never a column).
  std::optional<size_t> OutputIndex(std::string_view column_name) const;

  // De-identifies one record: `in` holds one cell per input column in the order of
  // `column_names`. Every method leaves a null cell null. Missing cells (a malformed record with
  // fewer cells) are treated as null; extra cells are ignored.
  void Apply(std::span<const tabular::Cell> in, DeidentifiedRow& out) const;

 private:
  // What happens to one output column.
  struct OutputColumn {
    size_t input_index = 0;
    bool kept = true;  // copied as it is; otherwise `rule` applies (never kDrop)
    FieldRule rule;
  };

  Deidentifier() = default;

  // Writes the transformed value of `text` for `column` into `buffer`; false means null.
  bool Transform(const OutputColumn& column, std::string_view text, std::string& buffer) const;

  std::vector<OutputColumn> columns_;
  std::vector<std::string> output_names_;
  std::optional<Pseudonymizer> pseudonymizer_;
};

}  // namespace gongshu::privacy
