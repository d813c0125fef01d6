// Routes for operations and documents: health, readiness, metrics, the OpenAPI document, and the
// portal's static files.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "http/problem.h"

namespace gongshu {
namespace {

// Shown at "/" while no portal has been built into static_dir.
constexpr char kLandingPage[] = R"html(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公数 Gongshu</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>公数 Gongshu</h1>
<p>公共数据资源平台服务已运行。门户页面尚未构建。<br>
The public data platform is running; the web portal has not been built.</p>
<ul>
<li><a href="/api/v1/openapi.json">API (OpenAPI 3.1)</a></li>
<li><a href="/api/v1/organizations">Organizations</a></li>
<li><a href="/healthz">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
</body></html>
)html";

}  // namespace

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
                if (!file.ok() && path.empty() && file.status().code() == StatusCode::kNotFound) {
                  Response landing;
                  landing.body = kLandingPage;
                  landing.SetHeader("Content-Type", "text/html; charset=utf-8");
                  landing.SetHeader("Cache-Control", "no-cache");
                  return landing;
                }
                if (!file.ok()) return ProblemResponse(file.status(), request.path);
                return std::move(*file);
              });
}

}  // namespace gongshu
