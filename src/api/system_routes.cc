// Routes for operations and documents: health, readiness, metrics, the OpenAPI document, and the
// portal's static files.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "http/problem.h"

namespace gongshu {

void App::AddSystemRoutes() {
  router_.Add("GET", "/healthz", Action::kPublicRead, [](const Request&, const RouteContext&) {
    Response response = JsonResponse(200, R"({"status":"ok"})");
    return response;
  });
  router_.Add("GET", "/readyz", Action::kPublicRead, [this](const Request&, const RouteContext&) {
    if (!ready_) return JsonResponse(503, R"({"status":"not ready"})");
    return JsonResponse(200, R"({"status":"ready"})");
  });
  router_.Add("GET", "/metrics", Action::kPublicRead, [this](const Request&, const RouteContext&) {
    Response response;
    response.body = dependencies_.metrics->Render();
    response.SetHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.SetHeader("Cache-Control", "no-store");
    return response;
  });
  router_.Add("GET", "/api/v1/openapi.json", Action::kPublicRead,
              [](const Request&, const RouteContext&) {
                Response response = JsonResponse(200, OpenApiDocument());
                response.SetHeader("Cache-Control", "no-cache");
                return response;
              });
  router_.Add("GET", "/{path...}", Action::kPublicRead,
              [this](const Request& request, const RouteContext& context) {
                const std::string& path = context.params.at("path");
                if (path.rfind("api/", 0) == 0) {
                  return ProblemResponse(Status::NotFound("no such path: " + request.path),
                                         request.path);
                }
                Result<Response> file = static_files_.Serve(request, path);
                if (!file.ok()) return ProblemResponse(file.status(), request.path);
                return std::move(*file);
              });
}

}  // namespace gongshu
