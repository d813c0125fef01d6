// The de-identification policy of a resource: how each field is treated before any record leaves
// the platform, which fields are quasi-identifiers and sensitive attributes, and the k and l a
// record-level release must reach. Its JSON form and every method's exact rule are in
// docs/deidentification.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "privacy/masking.h"

namespace gongshu::privacy {

enum class DeidentificationMethod {
  kMask,          // hide characters behind a mask character, keeping the length
  kPseudonymize,  // keyed HMAC-SHA-256 token, per release
  kGeneralize,    // a coarser value: month, year, band, district
  kSuppress,      // null
  kDrop,          // the column is removed from the output
};
// "mask", "pseudonymize", "generalize", "suppress", "drop".
std::string_view DeidentificationMethodName(DeidentificationMethod method);
std::optional<DeidentificationMethod> ParseDeidentificationMethod(std::string_view name);

enum class Generalization { kMonth, kYear, kBand, kDistrict };
// "month", "year", "band", "district".
std::string_view GeneralizationName(Generalization generalization);
std::optional<Generalization> ParseGeneralization(std::string_view name);

// The treatment of one field. Only the members of its method are meaningful.
struct FieldRule {
  std::string field;  // a column name
  DeidentificationMethod method = DeidentificationMethod::kSuppress;
  MaskRule mask;                               // kMask
  Generalization to = Generalization::kMonth;  // kGeneralize
  int64_t width = 0;                           // kGeneralize with kBand
};

// Limits of the policy's numbers.
inline constexpr int kMaxKeep = 100;  // keep_first, keep_last
inline constexpr int64_t kMinK = 2;
inline constexpr int64_t kMaxK = 1000000;
inline constexpr int64_t kMinL = 2;
inline constexpr int64_t kMaxL = 100;  // AnonymityCheck counts distinct values up to this

struct DeidentificationPolicy {
  std::vector<FieldRule> fields;  // at most one rule per field; fields not listed are kept
  std::vector<std::string> quasi_identifiers;
  std::vector<std::string> sensitive_attributes;
  int64_t k = 0;  // kMinK..kMaxK when quasi_identifiers is non-empty, else 0
  int64_t l = 0;  // kMinL..kMaxL when sensitive_attributes is non-empty, else 0

  // The rule of `field`, or nullptr when the field is kept as it is.
  const FieldRule* RuleFor(std::string_view field) const;
};

// Reads a policy from its JSON form and checks it against the resource's `column_names`.
// Returns InvalidArgument listing every problem as a field error with its path in the document
// ("fields[2].keep_last", "quasi_identifiers[0]", "k"): unknown or mistyped members, values out of
// range, a field that is not a column, a field listed twice, a quasi-identifier or sensitive
// attribute that is not a column, is dropped, is listed twice or is both.
Result<DeidentificationPolicy> ParseDeidentificationPolicy(
    const nlohmann::json& document, const std::vector<std::string>& column_names);

// The checks of ParseDeidentificationPolicy that involve the column names, for a policy stored
// earlier and applied to a file whose columns may have changed since. Ok, or InvalidArgument with
// the same field paths.
Status CheckPolicyColumns(const DeidentificationPolicy& policy,
                          const std::vector<std::string>& column_names);

// The JSON form of `policy`, every member written (defaults included); reading it back with
// ParseDeidentificationPolicy gives the same policy.
nlohmann::json DeidentificationPolicyToJson(const DeidentificationPolicy& policy);

// A starting policy from the personal-data kinds detected in a resource's columns: pairs of
// (column name, kind). Kinds and the rule suggested for each:
//   citizen_id  mask, keep first 6 and last 4        mobile     mask, keep first 3 and last 4
//   phone       mask, keep last 4                    bank_card  mask, keep last 4
//   email       mask the part before '@' except its first character
//   name        mask, keep the first character       passport   mask, keep last 3
//   address     generalize to district               birth_date generalize to month
// Other kinds, and a column named a second time, are left out (the column is kept as it is). No
// quasi-identifiers are declared: the provider declares them, and k, when reviewing the policy.
DeidentificationPolicy SuggestPolicy(
    const std::vector<std::pair<std::string, std::string>>& column_kinds);

}  // namespace gongshu::privacy
