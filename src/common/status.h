// Status and Result<T>: errors as values.
//
// Every part below the HTTP layer reports failure by returning a Status (or a Result<T> holding
// either a value or a Status). Only the HTTP layer maps a StatusCode to an HTTP status and a
// problem+json document (see http/problem.h). A Status is cheap to test: ok() is one compare.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gongshu {

// The kinds of failure a caller can act on. Each maps to exactly one HTTP status.
enum class StatusCode {
  kOk,
  kInvalidArgument,       // the input is malformed or breaks a field rule (400)
  kUnauthenticated,       // no valid credentials (401)
  kPermissionDenied,      // credentials valid, action not allowed (403)
  kNotFound,              // the named thing does not exist (404)
  kMethodNotAllowed,      // the path exists, the method does not (405)
  kConflict,              // the write clashes with existing state (409)
  kPayloadTooLarge,       // the body exceeds the configured limit (413)
  kUnsupportedMediaType,  // the body is not of an accepted type (415)
  kFailedPrecondition,    // well-formed but breaks a domain rule (422)
  kResourceExhausted,     // rate limit or lockout; retry_after_seconds says when (429)
  kUnavailable,           // the service is starting or stopping (503)
  kInternal,              // our bug or an environment failure (500); never for user input
};

// One problem with one input field: `field` is a JSON pointer-like dotted path ("parent_id",
// "roles[1]"); `reason` is a sentence a user can act on.
struct FieldError {
  std::string field;
  std::string reason;
};

class Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message, std::vector<FieldError> errors = {}) {
    return Status(StatusCode::kInvalidArgument, std::move(message), std::move(errors));
  }
  static Status InvalidField(std::string field, std::string reason) {
    std::string message = "invalid " + field + ": " + reason;
    return Status(StatusCode::kInvalidArgument, std::move(message),
                  {FieldError{std::move(field), std::move(reason)}});
  }
  static Status Unauthenticated(std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(StatusCode::kPermissionDenied, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status MethodNotAllowed(std::string message) {
    return Status(StatusCode::kMethodNotAllowed, std::move(message));
  }
  static Status Conflict(std::string message) {
    return Status(StatusCode::kConflict, std::move(message));
  }
  static Status PayloadTooLarge(std::string message) {
    return Status(StatusCode::kPayloadTooLarge, std::move(message));
  }
  static Status UnsupportedMediaType(std::string message) {
    return Status(StatusCode::kUnsupportedMediaType, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(StatusCode::kFailedPrecondition, std::move(message));
  }
  static Status ResourceExhausted(std::string message, int retry_after_seconds) {
    Status status(StatusCode::kResourceExhausted, std::move(message));
    status.retry_after_seconds_ = retry_after_seconds;
    return status;
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& field_errors() const& { return field_errors_; }
  // On a temporary (`result.status().field_errors()`), a copy: safe to loop over.
  std::vector<FieldError> field_errors() && { return std::move(field_errors_); }
  // Seconds after which a kResourceExhausted request may be retried; 0 otherwise.
  int retry_after_seconds() const { return retry_after_seconds_; }

 private:
  Status(StatusCode code, std::string message, std::vector<FieldError> errors = {})
      : code_(code), message_(std::move(message)), field_errors_(std::move(errors)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<FieldError> field_errors_;
  int retry_after_seconds_ = 0;
};

// Either a value or a non-ok Status. REQUIRES: a Result is built from an ok Status never.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  // The error; an ok Status when the result holds a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace gongshu

// Returns early from the enclosing function when `expr` yields a non-ok Status.
#define GONGSHU_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::gongshu::Status gongshu_status_ = (expr);        \
    if (!gongshu_status_.ok()) return gongshu_status_; \
  } while (false)
