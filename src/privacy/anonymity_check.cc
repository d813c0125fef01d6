#include "privacy/anonymity_check.h"

#include <algorithm>
#include <limits>

namespace gongshu::privacy {
namespace {

// A class key: per quasi-identifier, the byte 0 for null, or the byte 1, the text's length in
// four bytes (little-endian) and the text. Unambiguous, so equal keys mean equal values.
void AppendKeyPart(const tabular::Cell& cell, std::string& key) {
  if (cell.is_null) {
    key += '\0';
    return;
  }
  key += '\1';
  uint32_t length = static_cast<uint32_t>(cell.text.size());
  for (int shift = 0; shift < 32; shift += 8) key += static_cast<char>((length >> shift) & 0xff);
  key.append(cell.text);
}

std::vector<std::optional<std::string>> DecodeKey(std::string_view key) {
  std::vector<std::optional<std::string>> values;
  size_t offset = 0;
  while (offset < key.size()) {
    if (key[offset] == '\0') {
      values.emplace_back(std::nullopt);
      ++offset;
      continue;
    }
    uint32_t length = 0;
    for (int index = 0; index < 4; ++index) {
      length |= static_cast<uint32_t>(static_cast<unsigned char>(key[offset + 1 + index]))
                << (8 * index);
    }
    values.emplace_back(std::string(key.substr(offset + 5, length)));
    offset += 5 + length;
  }
  return values;
}

uint64_t ValueHash(const tabular::Cell& cell) {
  static constexpr uint64_t kNullHash = 0x9e3779b97f4a7c15ULL;
  return cell.is_null ? kNullHash : std::hash<std::string_view>()(cell.text);
}

const tabular::Cell kNullCell{{}, true};

}  // namespace

bool AnonymityReport::Passes(int64_t k, int64_t l) const {
  if (!applicable || rows == 0) return true;
  if (smallest_class_size < static_cast<uint64_t>(std::max<int64_t>(k, 0))) return false;
  for (uint64_t attribute_l : smallest_l) {
    if (attribute_l < static_cast<uint64_t>(std::max<int64_t>(l, 0))) return false;
  }
  return true;
}

AnonymityCheck::AnonymityCheck(std::vector<size_t> quasi_identifier_columns,
                               std::vector<size_t> sensitive_columns)
    : quasi_identifier_columns_(std::move(quasi_identifier_columns)),
      sensitive_columns_(std::move(sensitive_columns)) {}

Result<AnonymityCheck> AnonymityCheck::ForPolicy(
    const DeidentificationPolicy& policy, const std::vector<std::string>& output_column_names) {
  auto positions = [&](const std::vector<std::string>& names, const std::string& list_name,
                       std::vector<size_t>& out) -> Status {
    for (size_t index = 0; index < names.size(); ++index) {
      auto found = std::find(output_column_names.begin(), output_column_names.end(), names[index]);
      if (found == output_column_names.end()) {
        return Status::InvalidField(list_name + "[" + std::to_string(index) + "]",
                                    "\"" + names[index] + "\" is not a column of the release");
      }
      out.push_back(static_cast<size_t>(found - output_column_names.begin()));
    }
    return Status::Ok();
  };
  std::vector<size_t> quasi_identifier_columns;
  std::vector<size_t> sensitive_columns;
  GONGSHU_RETURN_IF_ERROR(
      positions(policy.quasi_identifiers, "quasi_identifiers", quasi_identifier_columns));
  GONGSHU_RETURN_IF_ERROR(
      positions(policy.sensitive_attributes, "sensitive_attributes", sensitive_columns));
  return AnonymityCheck(std::move(quasi_identifier_columns), std::move(sensitive_columns));
}

void AnonymityCheck::Add(std::span<const tabular::Cell> row) {
  uint64_t row_index = rows_++;
  if (quasi_identifier_columns_.empty()) return;
  key_.clear();
  for (size_t column : quasi_identifier_columns_) {
    AppendKeyPart(column < row.size() ? row[column] : kNullCell, key_);
  }
  auto found = classes_.find(std::string_view(key_));
  if (found == classes_.end()) {
    EquivalenceClass created;
    created.first_row = row_index;
    created.distinct_values.resize(sensitive_columns_.size());
    found = classes_.emplace(key_, std::move(created)).first;
  }
  EquivalenceClass& equivalence_class = found->second;
  ++equivalence_class.size;
  for (size_t attribute = 0; attribute < sensitive_columns_.size(); ++attribute) {
    std::vector<uint64_t>& distinct = equivalence_class.distinct_values[attribute];
    if (distinct.size() >= static_cast<size_t>(kMaxL)) continue;
    size_t column = sensitive_columns_[attribute];
    uint64_t hash = ValueHash(column < row.size() ? row[column] : kNullCell);
    if (std::find(distinct.begin(), distinct.end(), hash) == distinct.end()) {
      distinct.push_back(hash);
    }
  }
}

AnonymityReport AnonymityCheck::Finish() const {
  AnonymityReport report;
  report.applicable = !quasi_identifier_columns_.empty();
  report.rows = rows_;
  if (!report.applicable || classes_.empty()) {
    if (report.applicable) report.smallest_l.assign(sensitive_columns_.size(), 0);
    return report;
  }
  report.equivalence_classes = classes_.size();
  report.smallest_l.assign(sensitive_columns_.size(), std::numeric_limits<uint64_t>::max());
  const std::string* smallest_key = nullptr;
  const EquivalenceClass* smallest = nullptr;
  for (const auto& [key, equivalence_class] : classes_) {
    if (smallest == nullptr || equivalence_class.size < smallest->size ||
        (equivalence_class.size == smallest->size &&
         equivalence_class.first_row < smallest->first_row)) {
      smallest = &equivalence_class;
      smallest_key = &key;
    }
    for (size_t attribute = 0; attribute < sensitive_columns_.size(); ++attribute) {
      report.smallest_l[attribute] = std::min<uint64_t>(
          report.smallest_l[attribute], equivalence_class.distinct_values[attribute].size());
    }
  }
  report.smallest_class_size = smallest->size;
  report.smallest_class_values = DecodeKey(*smallest_key);
  return report;
}

}  // namespace gongshu::privacy
