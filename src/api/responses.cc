#include "api/responses.h"

#include <charconv>

#include "api/paging.h"
#include "http/problem.h"

namespace gongshu {

Response Problem(const Status& status, const Request& request) {
  return ProblemResponse(status, request.path);
}

Response Json(int status, const nlohmann::json& body) {
  return JsonResponse(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Status WithDomainErrors(const Status& status, const std::vector<FieldError>& domain_errors) {
  std::vector<FieldError> errors = status.field_errors();
  for (const FieldError& error : domain_errors) {
    bool already = false;
    for (const FieldError& existing : errors) already = already || existing.field == error.field;
    if (!already) errors.push_back(error);
  }
  std::string message = errors.size() == 1
                            ? std::string("1 field is not valid")
                            : std::to_string(errors.size()) + " fields are not valid";
  return Status::InvalidArgument(message, errors);
}

Response Created(const nlohmann::json& body, const std::string& location) {
  Response response = Json(201, body);
  response.SetHeader("Location", location);
  return response;
}

nlohmann::json ListView(const nlohmann::json& items, const std::string& next_key) {
  std::string cursor = EncodeCursor(next_key);
  return {{"items", items},
          {"next_cursor", cursor.empty() ? nlohmann::json(nullptr) : nlohmann::json(cursor)}};
}

Result<std::optional<int64_t>> VersionParameter(const Request& request) {
  const std::string* text = request.Query("version");
  if (text == nullptr) return std::optional<int64_t>();
  int64_t version = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), version);
  if (error != std::errc() || end != text->data() + text->size() || version < 1) {
    return Status::InvalidField("version", "must be a positive integer");
  }
  return std::optional<int64_t>(version);
}

}  // namespace gongshu
