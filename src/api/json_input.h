// Reading JSON request bodies strictly: the media type must be JSON, the body must parse, and
// an object's fields are checked against what the route accepts. Every problem of one body is
// collected, so a client learns all of them from one 400.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "http/message.h"

namespace gongshu {

// The JSON object in `request`'s body. UnsupportedMediaType unless Content-Type is
// application/json (parameters allowed); InvalidArgument for an empty body, invalid UTF-8, a
// syntax error (naming the byte offset) or a value that is not an object.
Result<nlohmann::json> ParseJsonObject(const Request& request);

// Reads named fields of one JSON object, recording an error per missing or mistyped field.
class ObjectReader {
 public:
  explicit ObjectReader(const nlohmann::json& object) : object_(object) {}

  std::optional<std::string> String(const std::string& name, bool required);
  // A string or null; null becomes an empty string (used to clear a field).
  std::optional<std::string> NullableString(const std::string& name);
  std::optional<int64_t> Integer(const std::string& name, bool required);
  std::optional<std::vector<std::string>> StringArray(const std::string& name, bool required);
  // The raw value, for nested objects and arrays; records the name as known.
  const nlohmann::json* Value(const std::string& name, bool required);

  void AddError(std::string field, std::string reason);
  // Ok, or InvalidArgument listing every error, including fields the route does not accept.
  Status Finish();

 private:
  const nlohmann::json* Find(const std::string& name, bool required);
  const nlohmann::json& object_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

}  // namespace gongshu
