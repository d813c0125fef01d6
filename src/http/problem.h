// RFC 9457 problem details: the one place where a Status becomes an HTTP error response.
//
// Body: {"type", "title", "status", "detail", "instance"?, "errors"?: [{"field", "reason"}]},
// Content-Type application/problem+json. `type` is a stable URI naming the kind of problem
// ("https://gongshu.dev/problems/validation"); 405 carries Allow, 429 Retry-After,
// 401 WWW-Authenticate. Internal errors never show their message to the client.
#pragma once

#include <string>

#include "common/status.h"
#include "http/message.h"

namespace gongshu {

// The HTTP status for a StatusCode.
int HttpStatusOf(StatusCode code);

// The problem+json response for a non-ok `status`. `instance` is the request path.
Response ProblemResponse(const Status& status, const std::string& instance = "");

}  // namespace gongshu
