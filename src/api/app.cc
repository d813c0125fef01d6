#include "api/app.h"

#include <exception>

#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "http/access_log.h"
#include "http/problem.h"

namespace gongshu {
namespace {

// The value of cookie `name` in a Cookie header, or empty.
std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    header =
        semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return std::string();
}

bool IsSafeMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::string PrincipalLabel(const Principal& principal) {
  if (principal.anonymous()) return "anonymous";
  if (principal.token_id) return principal.user_id + " token:" + *principal.token_id;
  return principal.user_id;
}

}  // namespace

App::App(const Config& config, AppDependencies dependencies)
    : config_(config),
      dependencies_(dependencies),
      static_files_(config.static_dir),
      address_limiter_(RateLimit{config.rate_per_address, config.burst_per_address}),
      token_limiter_(RateLimit{config.rate_per_token, config.burst_per_token}),
      anonymous_data_limiter_(
          RateLimit{static_cast<double>(config.datasets_anonymous_requests_per_hour) / 3600.0,
                    static_cast<double>(config.datasets_anonymous_requests_per_hour)}) {
  AddSystemRoutes();
  AddIdentityRoutes();
  AddLedgerRoutes();
  AddCatalogRoutes();
  AddRegistrationRoutes();
  AddInteropRoutes();
  AddDatasetRoutes();
  AddApplicationRoutes();
}

std::string App::CookieAttributes(const Request& request) const {
  bool secure = request.secure || config_.public_url.rfind("https://", 0) == 0;
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (secure ? "; Secure" : "");
}

Response App::Handle(Request& request) {
  Principal principal;
  Response response;
  try {
    response = Dispatch(request, &principal);
  } catch (const std::exception& error) {
    dependencies_.log->Note(
        "error", "handler failed",
        nlohmann::json(
            {{"request_id", request.request_id}, {"path", request.path}, {"error", error.what()}})
            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    response = ProblemResponse(Status::Internal(error.what()), request.path);
  }
  if (dependencies_.after_write && !IsSafeMethod(request.method) && response.status < 400) {
    dependencies_.after_write();
  }
  response.principal = PrincipalLabel(principal);
  if (response.route.empty()) response.route = "(unmatched)";
  return response;
}

Response App::Dispatch(Request& request, Principal* principal) {
  TimePoint now = dependencies_.clock->Now();
  if (int wait = address_limiter_.Take(request.remote_address, now); wait > 0) {
    return ProblemResponse(
        Status::ResourceExhausted("too many requests from this address; slow down", wait),
        request.path);
  }
  Result<RouteMatch> match = router_.Match(request.method, request.path);
  if (!match.ok() && match.status().code() == StatusCode::kMethodNotAllowed &&
      request.method == "HEAD") {
    match = router_.Match("GET", request.path);
  }
  if (!match.ok()) return ProblemResponse(match.status(), request.path);
  const Route& route = *match->route;

  // Authentication: an explicit bearer token must be valid; a stale cookie counts as none.
  std::string_view authorization = request.Header("authorization");
  if (!authorization.empty()) {
    if (authorization.rfind("Bearer ", 0) != 0) {
      Response response = ProblemResponse(
          Status::Unauthenticated("the Authorization header must be \"Bearer <token>\""),
          request.path);
      response.route = route.pattern;
      return response;
    }
    Result<Principal> found =
        dependencies_.identity->AuthenticateToken(std::string(authorization.substr(7)));
    if (!found.ok()) {
      Response response = ProblemResponse(found.status(), request.path);
      response.route = route.pattern;
      return response;
    }
    *principal = std::move(*found);
    if (int wait = token_limiter_.Take(*principal->token_id, now); wait > 0) {
      Response response = ProblemResponse(
          Status::ResourceExhausted("too many requests with this token; slow down", wait),
          request.path);
      response.route = route.pattern;
      return response;
    }
  } else if (std::string secret = CookieValue(request.Header("cookie"), kSessionCookie);
             !secret.empty()) {
    Result<Principal> found = dependencies_.identity->AuthenticateSession(secret);
    if (found.ok()) *principal = std::move(*found);
  }

  Status allowed = Status::Ok();
  if (principal->via_session && !IsSafeMethod(request.method) && route.action != Action::kLogin &&
      !ConstantTimeEquals(request.Header("x-csrf-token"), principal->csrf_token)) {
    allowed = Status::PermissionDenied(
        "cookie-authenticated writes need the X-CSRF-Token header from the sign-in response");
  }
  if (allowed.ok()) allowed = Decide(*principal, route.action);
  if (!allowed.ok()) {
    Response response = ProblemResponse(allowed, request.path);
    response.route = route.pattern;
    return response;
  }
  RouteContext context{std::move(match->params), principal};
  Response response = route.handler(request, context);
  response.route = route.pattern;
  return response;
}

}  // namespace gongshu
