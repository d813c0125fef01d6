#include "api/json_input.h"

namespace gongshu {

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  std::string_view type = request.Header("content-type");
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (media != "application/json") {
    return Status::UnsupportedMediaType("send the body as application/json" +
                                        (type.empty()
                                             ? std::string(" (no Content-Type was given)")
                                             : " (got " + std::string(type.substr(0, 100)) + ")"));
  }
  if (request.body.empty()) return Status::InvalidField("body", "is empty; send a JSON object");
  try {
    nlohmann::json value = nlohmann::json::parse(request.body);
    if (!value.is_object()) return Status::InvalidField("body", "must be a JSON object");
    return value;
  } catch (const nlohmann::json::parse_error& error) {
    std::string reason = "is not valid JSON at byte " + std::to_string(error.byte);
    std::string what = error.what();
    if (what.find("UTF-8") != std::string::npos || what.find("utf-8") != std::string::npos) {
      reason = "is not valid UTF-8 at byte " + std::to_string(error.byte);
    }
    return Status::InvalidField("body", reason);
  }
}

const nlohmann::json* ObjectReader::Find(const std::string& name, bool required) {
  known_.insert(name);
  auto entry = object_.find(name);
  if (entry == object_.end()) {
    if (required) errors_.push_back({name, "is required"});
    return nullptr;
  }
  return &*entry;
}

std::optional<std::string> ObjectReader::String(const std::string& name, bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    errors_.push_back({name, "must be a string"});
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::string> ObjectReader::NullableString(const std::string& name) {
  const nlohmann::json* value = Find(name, false);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::string();
  if (!value->is_string()) {
    errors_.push_back({name, "must be a string or null"});
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<int64_t> ObjectReader::Integer(const std::string& name, bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    errors_.push_back({name, "must be an integer"});
    return std::nullopt;
  }
  return value->get<int64_t>();
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(const std::string& name,
                                                                  bool required) {
  const nlohmann::json* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    errors_.push_back({name, "must be an array of strings"});
    return std::nullopt;
  }
  std::vector<std::string> items;
  for (size_t index = 0; index < value->size(); ++index) {
    if (!(*value)[index].is_string()) {
      errors_.push_back({name + "[" + std::to_string(index) + "]", "must be a string"});
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
  errors_.push_back({std::move(field), std::move(reason)});
}

Status ObjectReader::Finish() {
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key) == 0) {
      std::string accepted;
      for (const std::string& name : known_) accepted += (accepted.empty() ? "" : ", ") + name;
      errors_.push_back({key, "is not a known field (accepted: " + accepted + ")"});
    }
  }
  if (errors_.empty()) return Status::Ok();
  std::string message = std::to_string(errors_.size()) + " field" +
                        (errors_.size() == 1 ? " is" : "s are") + " not valid";
  return Status::InvalidArgument(message, errors_);
}

}  // namespace gongshu
