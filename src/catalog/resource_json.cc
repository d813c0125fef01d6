#include "catalog/resource_json.h"

#include <chrono>

#include "common/object_reader.h"
#include "common/utf8.h"

namespace gongshu {
namespace {

constexpr size_t kMaxNameBytes = 600;    // 200 Chinese characters
constexpr size_t kMaxTextBytes = 20000;  // summaries, conditions, descriptions
constexpr size_t kMaxListEntries = 200;  // items, keywords, related resources, ...

nlohmann::json OptionalText(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json EmptyAsNull(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

// Checks a free-text field: valid UTF-8, no control characters other than newline and tab in
// long text, bounded length. Records an error and returns false otherwise.
bool CheckText(ObjectReader& reader, const std::string& name, const std::string& text,
               bool single_line, size_t max_bytes) {
  if (!IsValidUtf8(text)) {
    reader.AddError(name, "is not valid UTF-8");
    return false;
  }
  if (text.size() > max_bytes) {
    reader.AddError(name, "is longer than " + std::to_string(max_bytes) + " bytes");
    return false;
  }
  for (unsigned char symbol : text) {
    bool allowed_control = !single_line && (symbol == '\n' || symbol == '\t' || symbol == '\r');
    if ((symbol < 0x20 && !allowed_control) || symbol == 0x7f) {
      reader.AddError(name, single_line ? "must be one line without control characters"
                                        : "contains a control character");
      return false;
    }
  }
  return true;
}

void ReadText(ObjectReader& reader, const std::string& name, bool required, bool single_line,
              size_t max_bytes, std::string* target) {
  std::optional<std::string> value = reader.String(name, required);
  if (!value) return;
  if (!CheckText(reader, name, *value, single_line, max_bytes)) return;
  if (required && value->find_first_not_of(" \t\r\n") == std::string::npos) {
    reader.AddError(name, "must not be empty");
    return;
  }
  *target = std::move(*value);
}

void ReadList(ObjectReader& reader, const std::string& name, bool required,
              std::vector<std::string>* target) {
  std::optional<std::vector<std::string>> values = reader.StringArray(name, required);
  if (!values) return;
  if (values->size() > kMaxListEntries) {
    reader.AddError(name, "has more than " + std::to_string(kMaxListEntries) + " entries");
    return;
  }
  for (size_t index = 0; index < values->size(); ++index) {
    std::string field = name + "[" + std::to_string(index) + "]";
    if (!CheckText(reader, field, (*values)[index], true, kMaxNameBytes)) return;
    if ((*values)[index].empty()) {
      reader.AddError(field, "must not be empty");
      return;
    }
  }
  *target = std::move(*values);
}

void ReadDate(ObjectReader& reader, const std::string& name, std::optional<std::string>* target) {
  std::optional<std::string> value = reader.NullableString(name);
  if (!value) return;
  if (value->empty()) {
    target->reset();
    return;
  }
  if (!IsIsoDate(*value)) {
    reader.AddError(name, "must be a date written YYYY-MM-DD");
    return;
  }
  *target = std::move(*value);
}

template <typename Enum>
void ReadEnum(ObjectReader& reader, const std::string& name, bool required,
              std::optional<Enum> (*parse)(std::string_view), std::string (*names)(),
              Enum* target) {
  std::optional<std::string> value = reader.String(name, required);
  if (!value) return;
  std::optional<Enum> parsed = parse(*value);
  if (!parsed) {
    reader.AddError(name, "must be one of " + names());
    return;
  }
  *target = *parsed;
}

void ReadGrade(ObjectReader& reader, const std::string& name, bool required, Grade* target) {
  std::optional<std::string> value = reader.String(name, required);
  if (!value) return;
  Result<Grade> grade = ParseGrade(*value);
  if (!grade.ok()) {
    reader.AddError(name, grade.status().message());
    return;
  }
  *target = *grade;
}

bool IsFormatName(const std::string& name) {
  if (name.empty() || name.size() > 16) return false;
  for (char symbol : name) {
    if (!((symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9'))) return false;
  }
  return true;
}

bool IsItemName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char symbol : name) {
    bool ok = (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') || symbol == '_';
    if (!ok) return false;
  }
  return !(name[0] >= '0' && name[0] <= '9');
}

void ReadItems(ObjectReader& reader, bool required, std::vector<Item>* target) {
  const nlohmann::json* value = reader.Value("items", required);
  if (value == nullptr) return;
  if (!value->is_array()) {
    reader.AddError("items", "must be an array of item objects");
    return;
  }
  if (value->size() > 1000) {
    reader.AddError("items", "has more than 1000 items");
    return;
  }
  std::vector<Item> items;
  bool ok = true;
  for (size_t index = 0; index < value->size(); ++index) {
    std::string prefix = "items[" + std::to_string(index) + "]";
    const nlohmann::json& entry = (*value)[index];
    if (!entry.is_object()) {
      reader.AddError(prefix, "must be an object");
      ok = false;
      continue;
    }
    ObjectReader item_reader(entry, prefix + ".");
    Item item;
    std::optional<std::string> name = item_reader.String("name", true);
    if (name && !IsItemName(*name)) {
      item_reader.AddError("name", "must be [a-z][a-z0-9_]* and at most 64 bytes");
    } else if (name) {
      item.name = *name;
    }
    ReadText(item_reader, "title", true, true, kMaxNameBytes, &item.title);
    ReadEnum(item_reader, "type", true, &ParseItemType, &ItemTypeNames, &item.type);
    ReadText(item_reader, "description", false, false, kMaxTextBytes, &item.description);
    ReadGrade(item_reader, "sensitivity", true, &item.sensitivity);
    ReadEnum(item_reader, "personal", false, &ParsePersonalData, &PersonalDataNames,
             &item.personal);
    Status status = item_reader.Finish();
    if (!status.ok()) {
      reader.AddErrors(status);
      ok = false;
    }
    items.push_back(std::move(item));
  }
  if (ok) *target = std::move(items);
}

// Reads a nested object `name` with `read` applied to its reader.
template <typename ReadFields>
void ReadObject(ObjectReader& reader, const std::string& name, bool required, ReadFields read) {
  const nlohmann::json* value = reader.Value(name, required);
  if (value == nullptr) return;
  if (!value->is_object()) {
    reader.AddError(name, "must be an object");
    return;
  }
  ObjectReader nested(*value, name + ".");
  read(nested);
  Status status = nested.Finish();
  if (!status.ok()) reader.AddErrors(status);
}

}  // namespace

bool IsIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t index : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[index] < '0' || text[index] > '9') return false;
  }
  auto number = [&text](size_t start, size_t length) {
    int value = 0;
    for (size_t index = start; index < start + length; ++index)
      value = value * 10 + text[index] - '0';
    return value;
  };
  std::chrono::year_month_day date{std::chrono::year(number(0, 4)),
                                   std::chrono::month(static_cast<unsigned>(number(5, 2))),
                                   std::chrono::day(static_cast<unsigned>(number(8, 2)))};
  return date.ok() && number(0, 4) >= 1900;
}

nlohmann::json ResourceToJson(const Resource& resource) {
  nlohmann::json items = nlohmann::json::array();
  for (const Item& item : resource.items) {
    items.push_back({{"name", item.name},
                     {"title", item.title},
                     {"type", ItemTypeName(item.type)},
                     {"description", item.description},
                     {"sensitivity", GradeName(item.sensitivity)},
                     {"personal", PersonalDataName(item.personal)}});
  }
  return {
      {"id", resource.id},
      {"version", resource.version},
      {"code", resource.code},
      {"name", resource.name},
      {"summary", resource.summary},
      {"status", ResourceStatusName(resource.status)},
      {"registration_code", EmptyAsNull(resource.registration_code)},
      {"provider",
       {{"id", resource.provider_id},
        {"name", resource.provider_name},
        {"code", resource.provider_code}}},
      {"region", resource.region},
      {"classification",
       {{"category", resource.classification.category},
        {"subject", resource.classification.subject},
        {"topic", resource.classification.topic},
        {"subtopic", resource.classification.subtopic}}},
      {"themes", resource.themes},
      {"formats", resource.formats},
      {"items", items},
      {"sharing",
       {{"attribute", AccessAttributeName(resource.sharing)},
        {"conditions", resource.sharing_conditions},
        {"method", resource.sharing_method}}},
      {"opening",
       {{"attribute", AccessAttributeName(resource.opening)},
        {"conditions", resource.opening_conditions}}},
      {"update_cycle", UpdateCycleName(resource.update_cycle)},
      {"publish_date", OptionalText(resource.publish_date)},
      {"related_resource_ids", resource.related_resource_ids},
      {"spatial", EmptyAsNull(resource.spatial)},
      {"temporal",
       {{"start", OptionalText(resource.temporal_start)},
        {"end", OptionalText(resource.temporal_end)}}},
      {"keywords", resource.keywords},
      {"license", EmptyAsNull(resource.license)},
      {"contact",
       {{"name", resource.contact.name},
        {"email", EmptyAsNull(resource.contact.email)},
        {"phone", EmptyAsNull(resource.contact.phone)}}},
      {"grading",
       {{"grade", GradeName(resource.grading.grade)},
        {"label", GradeLabel(resource.grading.grade)},
        {"basis", resource.grading.basis},
        {"graded_by", resource.grading.graded_by},
        {"graded_at", FormatIsoTime(resource.grading.graded_at)}}},
      {"operation",
       {{"allowed", resource.operation_allowed},
        {"override_reason", EmptyAsNull(resource.operation_override_reason)}}},
      {"has_deidentification_policy", resource.has_deidentification_policy},
      {"created_at", FormatIsoTime(resource.created_at)},
      {"updated_at", FormatIsoTime(resource.updated_at)},
      {"created_by", resource.created_by},
  };
}

Status ApplyResourceJson(const nlohmann::json& object, bool creating, Resource* resource) {
  ObjectReader reader(object);
  ReadText(reader, "name", creating, true, kMaxNameBytes, &resource->name);
  ReadText(reader, "summary", creating, false, kMaxTextBytes, &resource->summary);
  ReadObject(reader, "classification", creating, [&](ObjectReader& nested) {
    Classification& path = resource->classification;
    ReadText(nested, "category", true, true, kMaxNameBytes, &path.category);
    ReadText(nested, "subject", false, true, kMaxNameBytes, &path.subject);
    ReadText(nested, "topic", false, true, kMaxNameBytes, &path.topic);
    ReadText(nested, "subtopic", false, true, kMaxNameBytes, &path.subtopic);
  });
  ReadList(reader, "themes", creating, &resource->themes);
  std::vector<std::string> formats = resource->formats;
  ReadList(reader, "formats", creating, &formats);
  for (size_t index = 0; index < formats.size(); ++index) {
    if (!IsFormatName(formats[index])) {
      reader.AddError("formats[" + std::to_string(index) + "]",
                      "must be a lower-case format name such as csv, xlsx, json or api");
    }
  }
  resource->formats = formats;
  ReadItems(reader, creating, &resource->items);
  ReadObject(reader, "sharing", creating, [&](ObjectReader& nested) {
    ReadEnum(nested, "attribute", true, &ParseAccessAttribute, &AccessAttributeNames,
             &resource->sharing);
    ReadText(nested, "conditions", false, false, kMaxTextBytes, &resource->sharing_conditions);
    ReadText(nested, "method", false, true, kMaxNameBytes, &resource->sharing_method);
  });
  ReadObject(reader, "opening", creating, [&](ObjectReader& nested) {
    ReadEnum(nested, "attribute", true, &ParseAccessAttribute, &AccessAttributeNames,
             &resource->opening);
    ReadText(nested, "conditions", false, false, kMaxTextBytes, &resource->opening_conditions);
  });
  ReadEnum(reader, "update_cycle", creating, &ParseUpdateCycle, &UpdateCycleNames,
           &resource->update_cycle);
  ReadDate(reader, "publish_date", &resource->publish_date);
  ReadList(reader, "related_resource_ids", false, &resource->related_resource_ids);
  std::optional<std::string> spatial = reader.NullableString("spatial");
  if (spatial) {
    bool digits = spatial->size() == 6 || spatial->empty();
    for (char symbol : *spatial) digits = digits && symbol >= '0' && symbol <= '9';
    if (!digits) {
      reader.AddError("spatial", "must be a six-digit administrative division code or null");
    } else {
      resource->spatial = *spatial;
    }
  }
  ReadObject(reader, "temporal", false, [&](ObjectReader& nested) {
    ReadDate(nested, "start", &resource->temporal_start);
    ReadDate(nested, "end", &resource->temporal_end);
  });
  ReadList(reader, "keywords", false, &resource->keywords);
  std::optional<std::string> license = reader.NullableString("license");
  if (license && CheckText(reader, "license", *license, true, kMaxNameBytes)) {
    resource->license = *license;
  }
  ReadObject(reader, "contact", creating, [&](ObjectReader& nested) {
    ReadText(nested, "name", true, true, kMaxNameBytes, &resource->contact.name);
    std::optional<std::string> email = nested.NullableString("email");
    if (email && CheckText(nested, "email", *email, true, 254)) {
      if (!email->empty() && email->find('@') == std::string::npos) {
        nested.AddError("email", "must be an email address");
      } else {
        resource->contact.email = *email;
      }
    }
    std::optional<std::string> phone = nested.NullableString("phone");
    if (phone && CheckText(nested, "phone", *phone, true, 40)) resource->contact.phone = *phone;
  });
  ReadObject(reader, "grading", creating, [&](ObjectReader& nested) {
    ReadGrade(nested, "grade", true, &resource->grading.grade);
    ReadText(nested, "basis", true, false, kMaxTextBytes, &resource->grading.basis);
  });
  ReadObject(reader, "operation", false, [&](ObjectReader& nested) {
    std::optional<bool> allowed = nested.Boolean("allowed", true);
    if (allowed) resource->operation_allowed = *allowed;
    std::optional<std::string> reason = nested.NullableString("override_reason");
    if (reason && CheckText(nested, "override_reason", *reason, false, kMaxTextBytes)) {
      resource->operation_override_reason = *reason;
    }
  });
  return reader.Finish();
}

namespace {

// The fields of ResourceToJson that clients do not write.
constexpr const char* kReadOnlyFields[] = {"id",
                                           "version",
                                           "code",
                                           "status",
                                           "registration_code",
                                           "provider",
                                           "region",
                                           "has_deidentification_policy",
                                           "created_at",
                                           "updated_at",
                                           "created_by",
                                           "theme_labels",
                                           "update_cycle_label",
                                           "evidence",
                                           "possible_duplicates"};

nlohmann::json WritableFields(const nlohmann::json& object) {
  nlohmann::json writable = object;
  for (const char* key : kReadOnlyFields) writable.erase(key);
  nlohmann::json grading = writable.value("grading", nlohmann::json::object());
  writable["grading"] = {{"grade", grading.value("grade", "")},
                         {"basis", grading.value("basis", "")}};
  return writable;
}

}  // namespace

nlohmann::json ResourceWritableJson(const Resource& resource) {
  return WritableFields(ResourceToJson(resource));
}

Result<Resource> ResourceFromJson(const nlohmann::json& object) {
  if (!object.is_object()) return Status::InvalidArgument("a stored resource is not an object");
  nlohmann::json writable = WritableFields(object);
  nlohmann::json grading = object.value("grading", nlohmann::json::object());
  Resource resource;
  Status status = ApplyResourceJson(writable, true, &resource);
  if (!status.ok()) return status;
  try {
    resource.id = object.at("id").get<std::string>();
    resource.version = object.at("version").get<int64_t>();
    resource.code = object.at("code").get<std::string>();
    resource.status = ParseResourceStatus(object.at("status").get<std::string>())
                          .value_or(ResourceStatus::kDraft);
    const nlohmann::json& code = object.at("registration_code");
    resource.registration_code = code.is_string() ? code.get<std::string>() : "";
    const nlohmann::json& provider = object.at("provider");
    resource.provider_id = provider.at("id").get<std::string>();
    resource.provider_name = provider.at("name").get<std::string>();
    resource.provider_code = provider.at("code").get<std::string>();
    resource.region = object.at("region").get<std::string>();
    resource.has_deidentification_policy = object.at("has_deidentification_policy").get<bool>();
    resource.created_by = object.at("created_by").get<std::string>();
    resource.grading.graded_by = grading.value("graded_by", "");
    ParseIsoTime(grading.value("graded_at", ""), &resource.grading.graded_at);
    ParseIsoTime(object.at("created_at").get<std::string>(), &resource.created_at);
    ParseIsoTime(object.at("updated_at").get<std::string>(), &resource.updated_at);
  } catch (const nlohmann::json::exception& error) {
    return Status::InvalidArgument(std::string("a stored resource is malformed: ") + error.what());
  }
  return resource;
}

}  // namespace gongshu
