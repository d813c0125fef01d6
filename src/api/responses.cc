#include "api/responses.h"

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

}  // namespace gongshu
