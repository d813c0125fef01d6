#include "privacy/deidentifier.h"

#include "privacy/generalization.h"
#include "privacy/masking.h"

namespace gongshu::privacy {

Result<Deidentifier> Deidentifier::Create(const DeidentificationPolicy& policy,
                                          const std::vector<std::string>& column_names,
                                          std::string_view release_key) {
  GONGSHU_RETURN_IF_ERROR(CheckPolicyColumns(policy, column_names));
  Deidentifier deidentifier;
  for (const FieldRule& rule : policy.fields) {
    if (rule.method != DeidentificationMethod::kPseudonymize) continue;
    Result<Pseudonymizer> pseudonymizer = Pseudonymizer::Create(release_key);
    if (!pseudonymizer.ok()) return pseudonymizer.status();
    deidentifier.pseudonymizer_ = std::move(pseudonymizer).value();
    break;
  }
  for (size_t input_index = 0; input_index < column_names.size(); ++input_index) {
    const FieldRule* rule = policy.RuleFor(column_names[input_index]);
    if (rule != nullptr && rule->method == DeidentificationMethod::kDrop) continue;
    OutputColumn column;
    column.input_index = input_index;
    if (rule != nullptr) {
      column.kept = false;
      column.rule = *rule;
    }
    deidentifier.columns_.push_back(std::move(column));
    deidentifier.output_names_.push_back(column_names[input_index]);
  }
  return deidentifier;
}

std::optional<size_t> Deidentifier::OutputIndex(std::string_view column_name) const {
  for (size_t index = 0; index < output_names_.size(); ++index) {
    if (output_names_[index] == column_name) return index;
  }
  return std::nullopt;
}

bool Deidentifier::Transform(const OutputColumn& column, std::string_view text,
                             std::string& buffer) const {
  const FieldRule& rule = column.rule;
  switch (rule.method) {
    case DeidentificationMethod::kMask:
      MaskValue(text, rule.mask, buffer);
      return true;
    case DeidentificationMethod::kPseudonymize:
      pseudonymizer_->Pseudonymize(text, buffer);
      return true;
    case DeidentificationMethod::kGeneralize:
      switch (rule.to) {
        case Generalization::kMonth:
          return GeneralizeToMonth(text, buffer);
        case Generalization::kYear:
          return GeneralizeToYear(text, buffer);
        case Generalization::kBand:
          return GeneralizeToBand(text, rule.width, buffer);
        case Generalization::kDistrict:
          return GeneralizeToDistrict(text, buffer);
      }
      return false;
    case DeidentificationMethod::kSuppress:
    case DeidentificationMethod::kDrop:  // never an output column
      return false;
  }
  return false;
}

void Deidentifier::Apply(std::span<const tabular::Cell> in, DeidentifiedRow& out) const {
  size_t count = columns_.size();
  if (out.cells_.size() != count) {
    out.cells_.resize(count);
    out.buffers_.resize(count);
  }
  for (size_t output_index = 0; output_index < count; ++output_index) {
    const OutputColumn& column = columns_[output_index];
    tabular::Cell& cell = out.cells_[output_index];
    if (column.input_index >= in.size() || in[column.input_index].is_null) {
      cell = tabular::Cell{{}, true};
      continue;
    }
    const tabular::Cell& input = in[column.input_index];
    if (column.kept) {
      cell = input;
      continue;
    }
    std::string& buffer = out.buffers_[output_index];
    if (Transform(column, input.text, buffer)) {
      cell = tabular::Cell{buffer, false};
    } else {
      cell = tabular::Cell{{}, true};
    }
  }
}

}  // namespace gongshu::privacy
