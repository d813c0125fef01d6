// ObjectReader: reading JSON objects strictly. An object's fields are checked against what the
// caller accepts; every missing, mistyped or unknown field is recorded, so a client learns all
// the problems of one body from one answer.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace gongshu {

// Reads named fields of one JSON object, recording an error per missing or mistyped field.
class ObjectReader {
 public:
  // `prefix` is put before every field name in errors ("items[2]." for a nested object).
  explicit ObjectReader(const nlohmann::json& object, std::string prefix = "")
      : object_(object), prefix_(std::move(prefix)) {}

  std::optional<std::string> String(const std::string& name, bool required);
  // A string or null; null becomes an empty string (used to clear a field).
  std::optional<std::string> NullableString(const std::string& name);
  std::optional<int64_t> Integer(const std::string& name, bool required);
  std::optional<bool> Boolean(const std::string& name, bool required);
  std::optional<std::vector<std::string>> StringArray(const std::string& name, bool required);
  // The raw value, for nested objects and arrays; records the name as known.
  const nlohmann::json* Value(const std::string& name, bool required);

  // Records an error for `field` (a name of this object; the prefix is added).
  void AddError(std::string field, std::string reason);
  // Records errors already named in full (from a nested reader's Finish()).
  void AddErrors(const Status& status);
  // Ok, or InvalidArgument listing every error, including fields the route does not accept.
  Status Finish();

 private:
  const nlohmann::json* Find(const std::string& name, bool required);
  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

}  // namespace gongshu
