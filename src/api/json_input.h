// Reading JSON request bodies strictly: the media type must be JSON, the body must parse, and
// an object's fields are checked against what the route accepts. Every problem of one body is
// collected, so a client learns all of them from one 400.
#pragma once

#include <nlohmann/json.hpp>

#include "common/object_reader.h"
#include "common/status.h"
#include "http/message.h"

namespace gongshu {

// The JSON object in `request`'s body. UnsupportedMediaType unless Content-Type is
// application/json (parameters allowed); InvalidArgument for an empty body, invalid UTF-8, a
// syntax error (naming the byte offset) or a value that is not an object.
Result<nlohmann::json> ParseJsonObject(const Request& request);

}  // namespace gongshu
