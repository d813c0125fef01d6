// The JSON form of a resource, as the API shows it and as clients write it. One shape for both:
// a client may send back what it read (read-only fields aside). Field names are snake_case;
// nested objects group related elements (sharing, opening, temporal, contact, grading, operation).
#pragma once

#include <nlohmann/json.hpp>

#include "catalog/resource.h"
#include "common/status.h"

namespace gongshu {

// The full view of `resource` (every element; empty optional values are null).
nlohmann::json ResourceToJson(const Resource& resource);

// The fields a client may write, applied onto `resource`: on create every required element must
// be present; on change (`creating` false) only the fields present are changed. Read-only fields
// (id, version, code, status, provider, region, registration_code, times) and unknown fields are
// errors. Returns InvalidArgument listing every field error (missing, mistyped, unknown, not one
// of the accepted names, malformed dates); `resource` is then partly changed and must be dropped.
// Grading's grader and date are not read: the caller sets them.
Status ApplyResourceJson(const nlohmann::json& object, bool creating, Resource* resource);

// Only the fields a client may write (what ApplyResourceJson reads), with grading's grade and
// basis: for loaders and clients that copy a resource.
nlohmann::json ResourceWritableJson(const Resource& resource);

// Reads back what ResourceToJson wrote (the stored form of a resource version): the writable
// fields through ApplyResourceJson, then the read-only ones. InvalidArgument when `object` is not
// such a document.
Result<Resource> ResourceFromJson(const nlohmann::json& object);

// Whether `text` is a valid calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view text);

}  // namespace gongshu
