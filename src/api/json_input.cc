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

}  // namespace gongshu
