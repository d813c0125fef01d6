// Small helpers every route file uses to answer: problems, JSON bodies, created resources and
// list pages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "http/message.h"

namespace gongshu {

// The problem+json answer for `status` (http/problem.h), about `request`'s path.
Response Problem(const Status& status, const Request& request);
// A JSON answer; invalid UTF-8 in strings is replaced rather than thrown on.
Response Json(int status, const nlohmann::json& body);
// 201 with a Location header.
Response Created(const nlohmann::json& body, const std::string& location);
// {"items": items, "next_cursor": the opaque cursor for `next_key`, or null on the last page}.
nlohmann::json ListView(const nlohmann::json& items, const std::string& next_key);
// `status` (field errors of the body) with the domain rules' errors for the fields that parsed,
// so that one answer lists every problem.
// ?version=N (a positive integer) when given; InvalidArgument naming `version` otherwise.
Result<std::optional<int64_t>> VersionParameter(const Request& request);

Status WithDomainErrors(const Status& status, const std::vector<FieldError>& domain_errors);

}  // namespace gongshu
