#include "common/object_reader.h"

namespace gongshu {

const nlohmann::json* ObjectReader::Find(const std::string& name, bool required) {
  known_.insert(name);
  auto entry = object_.find(name);
  if (entry == object_.end()) {
    if (required) errors_.push_back({prefix_ + name, "is required"});
    return nullptr;
  }
  return &*entry;
}

std::optional<std::string> ObjectReader::String(const std::string& name, bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    errors_.push_back({prefix_ + name, "must be a string"});
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> ObjectReader::NullableString(const std::string& name) {
  const nlohmann::json* value = Find(name, false);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::string();
  if (!value->is_string()) {
    errors_.push_back({prefix_ + name, "must be a string or null"});
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<int64_t> ObjectReader::Integer(const std::string& name, bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    errors_.push_back({prefix_ + name, "must be an integer"});
    return std::nullopt;
  }
  return value->get<int64_t>();
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(const std::string& name,
                                                                  bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    errors_.push_back({prefix_ + name, "must be an array of strings"});
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (size_t index = 0; index < value->size(); ++index) {
    if (!(*value)[index].is_string()) {
      errors_.push_back({prefix_ + name + "[" + std::to_string(index) + "]", "must be a string"});
      return std::nullopt;
    }
    items.push_back((*value)[index].get<std::string>());
  }
  return items;
}

const nlohmann::json* ObjectReader::Value(const std::string& name, bool required) {
  return Find(name, required);
}

void ObjectReader::AddError(std::string field, std::string reason) {
  errors_.push_back({prefix_ + field, std::move(reason)});
}

void ObjectReader::AddErrors(const Status& status) {
  for (const FieldError& error : status.field_errors()) errors_.push_back(error);
}

std::optional<bool> ObjectReader::Boolean(const std::string& name, bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    errors_.push_back({prefix_ + name, "must be true or false"});
    return std::nullopt;
  }
  return value->get<bool>();
}

Status ObjectReader::Finish() {
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key) == 0) {
      std::string accepted;
      for (const std::string& name : known_) accepted += (accepted.empty() ? "" : ", ") + name;
      errors_.push_back({prefix_ + key,
                         accepted.empty() ? std::string("is not a known field (none is taken here)")
                                          : "is not a known field (accepted: " + accepted + ")"});
    }
  }
  if (errors_.empty()) return Status::Ok();
  std::string message = std::to_string(errors_.size()) + " field" +
                        (errors_.size() == 1 ? " is" : "s are") + " not valid";
  return Status::InvalidArgument(message, errors_);
}

}  // namespace gongshu
