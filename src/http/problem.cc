#include "http/problem.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace gongshu {
namespace {

struct ProblemKind {
  int http_status;
  const char* slug;
  const char* title;
};

ProblemKind KindOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return {200, "ok", "OK"};
    case StatusCode::kInvalidArgument:
      return {400, "validation", "The request is not valid"};
    case StatusCode::kUnauthenticated:
      return {401, "unauthenticated", "Authentication required"};
    case StatusCode::kPermissionDenied:
      return {403, "forbidden", "Not allowed"};
    case StatusCode::kNotFound:
      return {404, "not-found", "Not found"};
    case StatusCode::kMethodNotAllowed:
      return {405, "method-not-allowed", "Method not allowed"};
    case StatusCode::kConflict:
      return {409, "conflict", "Conflict with the current state"};
    case StatusCode::kPayloadTooLarge:
      return {413, "payload-too-large", "Request body too large"};
    case StatusCode::kUnsupportedMediaType:
      return {415, "unsupported-media-type", "Unsupported media type"};
    case StatusCode::kFailedPrecondition:
      return {422, "rule-violation", "The request breaks a rule"};
    case StatusCode::kResourceExhausted:
      return {429, "too-many-requests", "Too many requests"};
    case StatusCode::kUnavailable:
      return {503, "unavailable", "Service unavailable"};
    case StatusCode::kInternal:
      return {500, "internal", "Internal error"};
  }
  return {500, "internal", "Internal error"};
}

}  // namespace

int HttpStatusOf(StatusCode code) { return KindOf(code).http_status; }

Response ProblemResponse(const Status& status, const std::string& instance) {
  ProblemKind kind = KindOf(status.code());
  nlohmann::json body = {
      {"type", std::string("https://gongshu.dev/problems/") + kind.slug},
      {"title", kind.title},
      {"status", kind.http_status},
  };
  Response response;
  response.status = kind.http_status;
  if (status.code() == StatusCode::kInternal) {
    body["detail"] = "the server failed to handle the request; it has been logged";
  } else if (status.code() == StatusCode::kMethodNotAllowed) {
    body["detail"] = "this path allows " + status.message();
    response.SetHeader("Allow", status.message());
  } else {
    body["detail"] = status.message();
  }
  if (!instance.empty()) body["instance"] = instance;
  if (!status.field_errors().empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const FieldError& error : status.field_errors()) {
      errors.push_back({{"field", error.field}, {"reason", error.reason}});
    }
    body["errors"] = std::move(errors);
  }
  if (status.code() == StatusCode::kResourceExhausted) {
    response.SetHeader("Retry-After", std::to_string(std::max(1, status.retry_after_seconds())));
  }
  if (status.code() == StatusCode::kUnauthenticated) {
    response.SetHeader("WWW-Authenticate", "Bearer realm=\"gongshu\"");
  }
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.SetHeader("Content-Type", "application/problem+json");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace gongshu
