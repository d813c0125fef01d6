// Router: maps a method and a path to a route, extracting path parameters.
//
// Patterns are literal segments and `{name}` parameters ("/api/v1/organizations/{id}"); a
// parameter may carry a literal suffix ("/api/v1/resources/{id}.ttl": the segment must end with
// ".ttl", which is not part of the value); a final `{name...}` takes the rest of the path (for
// static files). Literal segments win over suffixed parameters, which win over plain ones. Every
// route names the Action it performs, so that access is decided before any handler runs
// (identity/access_policy.h): there is no way to register a route without one.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/message.h"
#include "identity/access_policy.h"

namespace gongshu {

// What a handler gets besides the request.
struct RouteContext {
  std::map<std::string, std::string> params;  // decoded path parameters
  const Principal* principal = nullptr;       // never null while a handler runs
};

using Handler = std::function<Response(const Request&, const RouteContext&)>;

struct Route {
  std::string method;
  std::string pattern;
  Action action;
  Handler handler;
  std::vector<std::string> segments;  // `pattern` split at '/', computed once
  int literal_count = 0;              // segments that are not parameters
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
};

class Router {
 public:
  // REQUIRES: no route with the same method and pattern exists; patterns are well formed.
  void Add(std::string method, std::string pattern, Action action, Handler handler);

  // The route for `method` and `path` (percent-encoded). NotFound when no pattern matches the
  // path; MethodNotAllowed (message: the allowed methods, comma-separated) when patterns match
  // but none for this method; InvalidArgument for a malformed percent escape in the path.
  Result<RouteMatch> Match(const std::string& method, const std::string& path) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace gongshu
