#include "interop/ckan_envelope.h"

#include <utility>

#include "interop/iri.h"

namespace gongshu {

std::string CkanHelpUrl(std::string_view base_url, std::string_view action) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  std::string url(base_url);
  url += "/api/3/action/help_show?name=";
  url += EncodeIriSegment(action);
  return url;
}

nlohmann::json CkanSuccess(std::string_view help_url, nlohmann::json result) {
  return {{"help", help_url}, {"success", true}, {"result", std::move(result)}};
}

nlohmann::json CkanError(std::string_view help_url, std::string_view type,
                         std::string_view message) {
  return {
      {"help", help_url}, {"success", false}, {"error", {{"__type", type}, {"message", message}}}};
}

CkanErrorResponse CkanErrorFromStatus(std::string_view help_url, const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument: {
      nlohmann::json error = {{"__type", "Validation Error"}};
      if (status.field_errors().empty()) {
        error["message"] = status.message();
      }
      for (const FieldError& field_error : status.field_errors()) {
        error[field_error.field].push_back(field_error.reason);
      }
      return {409, {{"help", help_url}, {"success", false}, {"error", std::move(error)}}};
    }
    case StatusCode::kNotFound:
      return {404, CkanError(help_url, "Not Found Error", "Not found: " + status.message())};
    case StatusCode::kUnauthenticated:
    case StatusCode::kPermissionDenied:
      return {403,
              CkanError(help_url, "Authorization Error", "Access denied: " + status.message())};
    case StatusCode::kResourceExhausted:
      return {429, CkanError(help_url, "Rate Limit Error", status.message())};
    default:
      break;
  }
  return {500, CkanError(help_url, "Internal Server Error", "Internal server error")};
}

}  // namespace gongshu
