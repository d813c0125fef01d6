#include "http/router.h"

#include <algorithm>

namespace gongshu {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

// How literal a pattern is, for preferring "/a/b" over "/a/{x}.ttl" over "/a/{x}": two points
// per literal segment, one per parameter with a literal suffix.
int LiteralCount(const std::vector<std::string>& pattern) {
  int count = 0;
  for (const std::string& segment : pattern) {
    if (segment.empty() || segment.front() != '{') {
      count += 2;
    } else if (segment.back() != '}') {
      count += 1;
    }
  }
  return count;
}

bool MatchPattern(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  std::map<std::string, std::string>* params, bool* bad_escape) {
  for (size_t index = 0; index < pattern.size(); ++index) {
    const std::string& segment = pattern[index];
    bool parameter = !segment.empty() && segment.front() == '{';
    if (parameter && segment.size() > 5 && segment.compare(segment.size() - 4, 4, "...}") == 0) {
      std::string rest;
      for (size_t tail = index; tail < path.size(); ++tail) {
        rest += (tail == index ? "" : "/") + path[tail];
      }
      std::string decoded;
      if (!PercentDecode(rest, false, &decoded)) return *bad_escape = true, false;
      (*params)[segment.substr(1, segment.size() - 5)] = decoded;
      return index <= path.size();
    }
    if (index >= path.size()) return false;
    if (parameter) {
      // "{name}" or "{name}suffix": the suffix must end the path segment and is not captured.
      size_t close = segment.find('}');
      std::string_view suffix = std::string_view(segment).substr(close + 1);
      std::string_view value = path[index];
      if (value.size() < suffix.size() || value.substr(value.size() - suffix.size()) != suffix) {
        return false;
      }
      value.remove_suffix(suffix.size());
      if (value.empty()) return false;
      std::string decoded;
      if (!PercentDecode(std::string(value), false, &decoded)) return *bad_escape = true, false;
      (*params)[segment.substr(1, close - 1)] = decoded;
    } else if (segment != path[index]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Action action, Handler handler) {
  auto route = std::make_unique<Route>(
      Route{std::move(method), std::move(pattern), action, std::move(handler), {}, 0});
  route->segments = Split(route->pattern);
  route->literal_count = LiteralCount(route->segments);
  routes_.push_back(std::move(route));
}

Result<RouteMatch> Router::Match(const std::string& method, const std::string& path) const {
  if (path.empty() || path.front() != '/') return Status::NotFound("no such path");
  std::vector<std::string> segments = Split(path);
  RouteMatch best;
  int best_literals = -1;
  bool bad_escape = false;
  for (const auto& route : routes_) {
    if (route->method != method || route->literal_count <= best_literals) continue;
    std::map<std::string, std::string> params;
    if (!MatchPattern(route->segments, segments, &params, &bad_escape)) continue;
    best_literals = route->literal_count;
    best.route = route.get();
    best.params = std::move(params);
  }
  if (best.route) return best;
  if (bad_escape) return Status::InvalidArgument("the path has a malformed percent escape");
  // No route for this method: 405 when another method has one, else 404.
  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (MatchPattern(route->segments, segments, &params, &bad_escape)) {
      allowed.push_back(route->method);
    }
  }
  if (allowed.empty()) return Status::NotFound("no such path: " + path);
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  std::string list;
  for (const std::string& name : allowed) list += (list.empty() ? "" : ", ") + name;
  return Status::MethodNotAllowed(list);
}

}  // namespace gongshu
