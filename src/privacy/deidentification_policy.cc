#include "privacy/deidentification_policy.h"

#include <map>
#include <set>

#include "common/object_reader.h"
#include "common/utf8.h"
#include "privacy/generalization.h"

namespace gongshu::privacy {
namespace {

constexpr size_t kMaxFieldRules = 1000;
constexpr size_t kMaxListEntries = 1000;

constexpr std::pair<DeidentificationMethod, std::string_view> kMethodNames[] = {
    {DeidentificationMethod::kMask, "mask"},
    {DeidentificationMethod::kPseudonymize, "pseudonymize"},
    {DeidentificationMethod::kGeneralize, "generalize"},
    {DeidentificationMethod::kSuppress, "suppress"},
    {DeidentificationMethod::kDrop, "drop"},
};

constexpr std::pair<Generalization, std::string_view> kGeneralizationNames[] = {
    {Generalization::kMonth, "month"},
    {Generalization::kYear, "year"},
    {Generalization::kBand, "band"},
    {Generalization::kDistrict, "district"},
};

constexpr std::pair<MaskPart, std::string_view> kMaskPartNames[] = {
    {MaskPart::kAll, "all"},
    {MaskPart::kEmailLocal, "email_local"},
};

template <typename Enum, size_t N>
std::string_view NameOf(const std::pair<Enum, std::string_view> (&names)[N], Enum value) {
  for (const auto& [entry, name] : names) {
    if (entry == value) return name;
  }
  return "";
}

template <typename Enum, size_t N>
std::optional<Enum> ValueOf(const std::pair<Enum, std::string_view> (&names)[N],
                            std::string_view name) {
  for (const auto& [entry, entry_name] : names) {
    if (entry_name == name) return entry;
  }
  return std::nullopt;
}

template <typename Enum, size_t N>
std::string NameList(const std::pair<Enum, std::string_view> (&names)[N]) {
  std::string list;
  for (const auto& [entry, name] : names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Exactly one code point, not a control character or a space: a mask must be seen.
bool IsOneVisibleCharacter(const std::string& text) {
  if (text.empty() || text.size() > 4 || !IsValidUtf8(text)) return false;
  unsigned char lead = static_cast<unsigned char>(text[0]);
  size_t length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (length != text.size()) return false;
  if (length == 1) return lead > 0x20 && lead != 0x7f;
  // U+0080..U+009F (C1 controls) are C2 80..C2 9F.
  return !(lead == 0xc2 && static_cast<unsigned char>(text[1]) < 0xa0);
}

void ReadKeep(ObjectReader& reader, const std::string& name, int* target) {
  std::optional<int64_t> value = reader.Integer(name, false);
  if (!value) return;
  if (*value < 0 || *value > kMaxKeep) {
    reader.AddError(name, "must be an integer from 0 to " + std::to_string(kMaxKeep));
    return;
  }
  *target = static_cast<int>(*value);
}

void ReadMask(ObjectReader& reader, MaskRule* rule) {
  ReadKeep(reader, "keep_first", &rule->keep_first);
  ReadKeep(reader, "keep_last", &rule->keep_last);
  std::optional<std::string> character = reader.String("mask_character", false);
  if (character) {
    if (IsOneVisibleCharacter(*character)) {
      rule->mask_character = *character;
    } else {
      reader.AddError("mask_character", "must be exactly one visible character");
    }
  }
  std::optional<std::string> part = reader.String("part", false);
  if (part) {
    std::optional<MaskPart> parsed = ValueOf(kMaskPartNames, *part);
    if (parsed) {
      rule->part = *parsed;
    } else {
      reader.AddError("part", "must be one of " + NameList(kMaskPartNames));
    }
  }
}

void ReadGeneralization(ObjectReader& reader, FieldRule* rule) {
  std::optional<std::string> to = reader.String("to", true);
  std::optional<Generalization> parsed;
  if (to) {
    parsed = ParseGeneralization(*to);
    if (parsed) {
      rule->to = *parsed;
    } else {
      reader.AddError("to", "must be one of " + NameList(kGeneralizationNames));
    }
  }
  if (parsed == Generalization::kBand) {
    std::optional<int64_t> width = reader.Integer("width", true);
    if (width && (*width < kMinBandWidth || *width > kMaxBandWidth)) {
      reader.AddError("width", "must be an integer from " + std::to_string(kMinBandWidth) + " to " +
                                   std::to_string(kMaxBandWidth));
    } else if (width) {
      rule->width = *width;
    }
  } else if (reader.Value("width", false) != nullptr && parsed) {
    reader.AddError("width", "is taken only with \"to\": \"band\"");
  }
}

// One entry of "fields". Returns the rule with whatever could be read (an empty field name when
// that was missing or wrong) and records errors in `reader`.
FieldRule ReadFieldRule(const nlohmann::json& entry, const std::string& prefix,
                        ObjectReader& reader) {
  FieldRule rule;
  if (!entry.is_object()) {
    reader.AddError(prefix, "must be an object");
    return rule;
  }
  ObjectReader entry_reader(entry, prefix + ".");
  std::optional<std::string> field = entry_reader.String("field", true);
  if (field && field->empty()) {
    entry_reader.AddError("field", "must not be empty");
  } else if (field) {
    rule.field = *field;
  }
  std::optional<std::string> method = entry_reader.String("method", true);
  std::optional<DeidentificationMethod> parsed;
  if (method) {
    parsed = ParseDeidentificationMethod(*method);
    if (!parsed) entry_reader.AddError("method", "must be one of " + NameList(kMethodNames));
  }
  if (parsed) {
    rule.method = *parsed;
    if (rule.method == DeidentificationMethod::kMask) ReadMask(entry_reader, &rule.mask);
    if (rule.method == DeidentificationMethod::kGeneralize) ReadGeneralization(entry_reader, &rule);
  } else {
    // Without a method it is unknown which members belong: do not call them unknown too.
    for (const char* name : {"keep_first", "keep_last", "mask_character", "part", "to", "width"}) {
      entry_reader.Value(name, false);
    }
  }
  Status status = entry_reader.Finish();
  if (!status.ok()) reader.AddErrors(status);
  return rule;
}

// Reads a list of column names; entries must be non-empty strings. Absent: an empty list.
// Returns nullopt when the member is there but not a valid list (the error is recorded).
std::optional<std::vector<std::string>> ReadNames(ObjectReader& reader, const std::string& name) {
  bool present = reader.Value(name, false) != nullptr;
  std::optional<std::vector<std::string>> names = reader.StringArray(name, false);
  if (!names) {
    if (present) return std::nullopt;
    return std::vector<std::string>();
  }
  if (names->size() > kMaxListEntries) {
    reader.AddError(name, "has more than " + std::to_string(kMaxListEntries) + " entries");
    return std::nullopt;
  }
  bool valid = true;
  for (size_t index = 0; index < names->size(); ++index) {
    if ((*names)[index].empty()) {
      reader.AddError(name + "[" + std::to_string(index) + "]", "must not be empty");
      valid = false;
    }
  }
  if (!valid) return std::nullopt;
  return names;
}

// Reads "k" or "l", which is required exactly when its list (named `list_name`) is non-empty.
// When the list itself was not valid (`list` is nullopt) only the value's range is checked, so
// one mistake is not reported twice.
int64_t ReadThreshold(ObjectReader& reader, const std::string& name, int64_t minimum,
                      int64_t maximum, const std::optional<std::vector<std::string>>& list,
                      const std::string& list_name) {
  bool list_given = list && !list->empty();
  std::optional<int64_t> value = reader.Integer(name, list_given);
  if (!value) return 0;
  if (list && !list_given) {
    reader.AddError(name, "is taken only with a non-empty " + list_name);
    return 0;
  }
  if (*value < minimum || *value > maximum) {
    reader.AddError(name, "must be an integer from " + std::to_string(minimum) + " to " +
                              std::to_string(maximum));
    return 0;
  }
  return *value;
}

// The column checks; rules with an empty field name (already reported) are skipped.
void CheckColumns(const DeidentificationPolicy& policy,
                  const std::vector<std::string>& column_names, std::vector<FieldError>& errors) {
  std::set<std::string_view> columns(column_names.begin(), column_names.end());
  std::map<std::string_view, size_t> rule_index;
  for (size_t index = 0; index < policy.fields.size(); ++index) {
    const std::string& field = policy.fields[index].field;
    if (field.empty()) continue;
    std::string path = "fields[" + std::to_string(index) + "].field";
    if (columns.count(field) == 0) {
      errors.push_back({path, Quoted(field) + " is not a column of the resource"});
      continue;
    }
    auto [existing, inserted] = rule_index.emplace(field, index);
    if (!inserted) {
      errors.push_back({path, Quoted(field) + " is listed twice (also fields[" +
                                  std::to_string(existing->second) + "])"});
    }
  }
  std::set<std::string_view> quasi_identifiers;
  auto check_list = [&](const std::vector<std::string>& names, const std::string& list_name,
                        std::set<std::string_view>& seen) {
    for (size_t index = 0; index < names.size(); ++index) {
      const std::string& name = names[index];
      if (name.empty()) continue;
      std::string path = list_name + "[" + std::to_string(index) + "]";
      auto rule = rule_index.find(name);
      if (columns.count(name) == 0) {
        errors.push_back({path, Quoted(name) + " is not a column of the resource"});
      } else if (!seen.insert(name).second) {
        errors.push_back({path, Quoted(name) + " is listed twice"});
      } else if (rule != rule_index.end() &&
                 policy.fields[rule->second].method == DeidentificationMethod::kDrop) {
        errors.push_back({path, Quoted(name) + " is dropped (fields[" +
                                    std::to_string(rule->second) +
                                    "]), so it is not in a release"});
      } else if (&seen != &quasi_identifiers && quasi_identifiers.count(name) != 0) {
        errors.push_back({path, Quoted(name) + " is also a quasi-identifier"});
      }
    }
  };
  check_list(policy.quasi_identifiers, "quasi_identifiers", quasi_identifiers);
  std::set<std::string_view> sensitive_attributes;
  check_list(policy.sensitive_attributes, "sensitive_attributes", sensitive_attributes);
}

FieldRule MaskRuleFor(std::string field, int keep_first, int keep_last,
                      MaskPart part = MaskPart::kAll) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.method = DeidentificationMethod::kMask;
  rule.mask.keep_first = keep_first;
  rule.mask.keep_last = keep_last;
  rule.mask.part = part;
  return rule;
}

FieldRule GeneralizeRuleFor(std::string field, Generalization to) {
  FieldRule rule;
  rule.field = std::move(field);
  rule.method = DeidentificationMethod::kGeneralize;
  rule.to = to;
  return rule;
}

}  // namespace

std::string_view DeidentificationMethodName(DeidentificationMethod method) {
  return NameOf(kMethodNames, method);
}

std::optional<DeidentificationMethod> ParseDeidentificationMethod(std::string_view name) {
  return ValueOf(kMethodNames, name);
}

std::string_view GeneralizationName(Generalization generalization) {
  return NameOf(kGeneralizationNames, generalization);
}

std::optional<Generalization> ParseGeneralization(std::string_view name) {
  return ValueOf(kGeneralizationNames, name);
}

const FieldRule* DeidentificationPolicy::RuleFor(std::string_view field) const {
  for (const FieldRule& rule : fields) {
    if (rule.field == field) return &rule;
  }
  return nullptr;
}

Result<DeidentificationPolicy> ParseDeidentificationPolicy(
    const nlohmann::json& document, const std::vector<std::string>& column_names) {
  if (!document.is_object()) {
    return Status::InvalidArgument("a de-identification policy must be a JSON object");
  }
  ObjectReader reader(document);
  DeidentificationPolicy policy;
  const nlohmann::json* fields = reader.Value("fields", true);
  if (fields != nullptr && !fields->is_array()) {
    reader.AddError("fields", "must be an array of field objects");
  } else if (fields != nullptr && fields->size() > kMaxFieldRules) {
    reader.AddError("fields", "has more than " + std::to_string(kMaxFieldRules) + " entries");
  } else if (fields != nullptr) {
    for (size_t index = 0; index < fields->size(); ++index) {
      policy.fields.push_back(
          ReadFieldRule((*fields)[index], "fields[" + std::to_string(index) + "]", reader));
    }
  }
  std::optional<std::vector<std::string>> quasi_identifiers =
      ReadNames(reader, "quasi_identifiers");
  std::optional<std::vector<std::string>> sensitive_attributes =
      ReadNames(reader, "sensitive_attributes");
  if (sensitive_attributes && !sensitive_attributes->empty() && quasi_identifiers &&
      quasi_identifiers->empty()) {
    reader.AddError("sensitive_attributes",
                    "needs quasi_identifiers: l-diversity is measured within their classes");
  }
  policy.k = ReadThreshold(reader, "k", kMinK, kMaxK, quasi_identifiers, "quasi_identifiers");
  policy.l = ReadThreshold(reader, "l", kMinL, kMaxL, sensitive_attributes, "sensitive_attributes");
  if (quasi_identifiers) policy.quasi_identifiers = std::move(*quasi_identifiers);
  if (sensitive_attributes) policy.sensitive_attributes = std::move(*sensitive_attributes);
  Status status = reader.Finish();
  std::vector<FieldError> errors;
  if (!status.ok()) errors = std::move(status).field_errors();
  CheckColumns(policy, column_names, errors);
  if (!errors.empty()) {
    std::string message = std::to_string(errors.size()) + " field" +
                          (errors.size() == 1 ? " is" : "s are") + " not valid";
    return Status::InvalidArgument(message, std::move(errors));
  }
  return policy;
}

Status CheckPolicyColumns(const DeidentificationPolicy& policy,
                          const std::vector<std::string>& column_names) {
  std::vector<FieldError> errors;
  CheckColumns(policy, column_names, errors);
  if (errors.empty()) return Status::Ok();
  std::string message =
      "the de-identification policy does not fit the columns: " + errors[0].field + " " +
      errors[0].reason;
  return Status::InvalidArgument(message, std::move(errors));
}

nlohmann::json DeidentificationPolicyToJson(const DeidentificationPolicy& policy) {
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldRule& rule : policy.fields) {
    nlohmann::json entry = {{"field", rule.field},
                            {"method", DeidentificationMethodName(rule.method)}};
    if (rule.method == DeidentificationMethod::kMask) {
      entry["keep_first"] = rule.mask.keep_first;
      entry["keep_last"] = rule.mask.keep_last;
      entry["mask_character"] = rule.mask.mask_character;
      entry["part"] = NameOf(kMaskPartNames, rule.mask.part);
    }
    if (rule.method == DeidentificationMethod::kGeneralize) {
      entry["to"] = GeneralizationName(rule.to);
      if (rule.to == Generalization::kBand) entry["width"] = rule.width;
    }
    fields.push_back(std::move(entry));
  }
  nlohmann::json document = {{"fields", std::move(fields)},
                             {"quasi_identifiers", policy.quasi_identifiers},
                             {"sensitive_attributes", policy.sensitive_attributes}};
  if (!policy.quasi_identifiers.empty()) document["k"] = policy.k;
  if (!policy.sensitive_attributes.empty()) document["l"] = policy.l;
  return document;
}

DeidentificationPolicy SuggestPolicy(
    const std::vector<std::pair<std::string, std::string>>& column_kinds) {
  DeidentificationPolicy policy;
  std::set<std::string> seen;
  for (const auto& [column, kind] : column_kinds) {
    if (!seen.insert(column).second) continue;
    if (kind == "citizen_id") {
      policy.fields.push_back(MaskRuleFor(column, 6, 4));
    } else if (kind == "mobile") {
      policy.fields.push_back(MaskRuleFor(column, 3, 4));
    } else if (kind == "phone" || kind == "bank_card") {
      policy.fields.push_back(MaskRuleFor(column, 0, 4));
    } else if (kind == "email") {
      policy.fields.push_back(MaskRuleFor(column, 1, 0, MaskPart::kEmailLocal));
    } else if (kind == "name") {
      policy.fields.push_back(MaskRuleFor(column, 1, 0));
    } else if (kind == "passport") {
      policy.fields.push_back(MaskRuleFor(column, 0, 3));
    } else if (kind == "address") {
      policy.fields.push_back(GeneralizeRuleFor(column, Generalization::kDistrict));
    } else if (kind == "birth_date") {
      policy.fields.push_back(GeneralizeRuleFor(column, Generalization::kMonth));
    }
  }
  return policy;
}

}  // namespace gongshu::privacy
