// Request and Response: the HTTP messages handlers see, free of any networking library.
#pragma once

#include <memory>
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
  // For an upload route (ServerOptions::accepts_upload): the file holding the body, which the
  // handler may rename away; the server deletes it after the handler returns if it is still
  // there. Empty for every other request.
  std::string body_file;
  std::string remote_address;
  std::string request_id;
  bool secure = false;  // arrived over TLS (or from a proxy that says so and is trusted)

  // The first header named `name` (lower case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr.
  const std::string* Query(std::string_view name) const;
};

// A response body produced piece by piece, for bodies too large to hold in memory (downloads).
// Called on a server thread, one piece at a time, between writes to the client.
class BodyProducer {
 public:
  virtual ~BodyProducer() = default;
  // Appends the next piece to `out` (which is empty); false when the body is complete, or
  // when it failed (failed() says which): then the connection is closed without the final
  // chunk, so the client sees a truncated transfer.
  virtual bool Next(std::string& out) = 0;
  virtual bool failed() const { return false; }
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is sent from this producer with chunked transfer encoding instead of
  // `body`.
  std::shared_ptr<BodyProducer> stream;
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
