// The CKAN Action API envelope: every /api/3/action/<name> response is
//   {"help": <help URL>, "success": true, "result": ...}
// or, on failure,
//   {"help": ..., "success": false, "error": {"__type": "Not Found Error", "message": "Not found"}}
// with, for validation errors, one key per field holding a list of messages:
//   {"__type": "Validation Error", "rows": ["Invalid integer"]}
// These are the shapes CKAN 2.10 writes (ckan/views/api.py), so CKAN clients read our errors.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace gongshu {

// <base>/api/3/action/help_show?name=<action>: the "help" of every response.
std::string CkanHelpUrl(std::string_view base_url, std::string_view action);

nlohmann::json CkanSuccess(std::string_view help_url, nlohmann::json result);

// {"help", "success": false, "error": {"__type": type, "message": message}}.
nlohmann::json CkanError(std::string_view help_url, std::string_view type,
                         std::string_view message);

// A CKAN error document and the HTTP status CKAN answers it with.
struct CkanErrorResponse {
  int http_status = 500;
  nlohmann::json body;
};

// The CKAN form of a non-ok `status`:
//   InvalidArgument    409 "Validation Error", one key per FieldError (field → [reasons]); a
//                          status without field errors puts its message under "message"
//   NotFound           404 "Not Found Error", message "Not found: <message>"
//   Unauthenticated,
//   PermissionDenied   403 "Authorization Error", message "Access denied: <message>"
//   ResourceExhausted  429 "Rate Limit Error"
//   anything else      500 "Internal Server Error" with a fixed message (nothing internal leaks)
// REQUIRES: !status.ok().
CkanErrorResponse CkanErrorFromStatus(std::string_view help_url, const Status& status);

}  // namespace gongshu
