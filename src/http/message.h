// Request and Response: the HTTP messages handlers see, free of any networking library.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongshu {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: path and query
  std::string path;    // the target before '?', still percent-encoded
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool secure = false;  // arrived over TLS (or from a proxy that says so and is trusted)

  // The first header named `name` (lower case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr.
  const std::string* Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set by the layers that know them, for the access log and metrics.
  std::string route;      // the route pattern, e.g. "/api/v1/organizations/{id}"
  std::string principal;  // a user id, "token:<id>" detail, or "anonymous"

  void SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

// A JSON response with `status`.
Response JsonResponse(int status, std::string body);

// Decodes %XX escapes (and '+' as space when `plus_as_space`); false on a malformed escape.
bool PercentDecode(std::string_view text, bool plus_as_space, std::string* out);

// Splits "a=1&b=2" into decoded pairs; false on a malformed escape.
bool ParseQueryString(std::string_view text, std::vector<std::pair<std::string, std::string>>* out);

}  // namespace gongshu
