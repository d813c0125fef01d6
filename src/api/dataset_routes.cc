// Routes of the datasets: uploads and their progress, versions, the row API, downloads, the
// de-identification policy and usage statistics.
#include <charconv>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_input.h"
#include "api/responses.h"
#include "common/json_text.h"
#include "dataset/data_application.h"
#include "dataset/dataset_json.h"

namespace gongshu {
namespace {

// The upload options of POST .../versions, from its query parameters. Unknown parameters are
// refused so that a misspelt option is never silently ignored.
Result<UploadOptions> UploadOptionsFrom(const Request& request) {
  UploadOptions options;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : request.query) {
    if (name == "format") {
      options.format = value;
    } else if (name == "encoding") {
      options.encoding = value;
    } else if (name == "delimiter") {
      options.delimiter = value == "tab" ? "\t" : value;
    } else if (name == "sheet") {
      options.sheet = value;
    } else if (name == "file_name") {
      options.file_name = value;
    } else if (name == "note") {
      options.note = value;
    } else if (name == "quarantine") {
      if (value != "true" && value != "false") {
        errors.push_back({"quarantine", "must be true or false"});
      }
      options.quarantine = value == "true";
    } else {
      errors.push_back({name,
                        "unknown upload option (format, encoding, delimiter, sheet, "
                        "file_name, note, quarantine)"});
    }
  }
  if (!errors.empty()) return Status::InvalidArgument("bad upload options", std::move(errors));
  return options;
}

// A version number path segment (1, 2, ...), or nullopt.
std::optional<int64_t> VersionNumber(const std::string& text) {
  int64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 1) return std::nullopt;
  return number;
}

// The body of a streamed download.
class DownloadBody final : public BodyProducer {
 public:
  explicit DownloadBody(std::unique_ptr<DataStream> stream) : stream_(std::move(stream)) {}
  bool Next(std::string& out) override { return stream_->Next(out); }
  bool failed() const override { return stream_->failed(); }

 private:
  std::unique_ptr<DataStream> stream_;
};

// RFC 6266 / 5987: an ASCII fallback and the UTF-8 name.
std::string ContentDisposition(const std::string& file_name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char symbol : file_name) {
    bool plain = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                 (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '.' ||
                 symbol == '_';
    ascii += plain ? static_cast<char>(symbol) : '_';
    if (plain) {
      encoded += static_cast<char>(symbol);
    } else {
      encoded += '%';
      encoded += kHex[symbol >> 4];
      encoded += kHex[symbol & 0xf];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// An ingestion's listed errors as CSV: line, column, value, reason.
std::string ErrorReportCsv(const Ingestion& ingestion) {
  auto field = [](const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char symbol : text) {
      if (symbol == '"') quoted += '"';
      quoted += symbol;
    }
    return quoted + "\"";
  };
  std::string csv = "\xEF\xBB\xBFline,column,value,reason\r\n";
  for (const RowError& error : ingestion.report.errors) {
    csv += std::to_string(error.line) + "," + field(error.column) + "," + field(error.value) + "," +
           field(error.reason) + "\r\n";
  }
  return csv;
}

}  // namespace

Status App::AnonymousDataQuota(const Request& request, const Principal& principal) const {
  if (!principal.anonymous() || config_.datasets_anonymous_requests_per_hour == 0) {
    return Status::Ok();
  }
  int wait = anonymous_data_limiter_.Take(request.remote_address, dependencies_.clock->Now());
  if (wait == 0) return Status::Ok();
  return Status::ResourceExhausted(
      "the hourly data quota of anonymous users is used up for this address; sign in (or wait) "
      "to read more",
      wait);
}

bool App::RunsLong(std::string_view method, std::string_view path) {
  auto ends_with = [path](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  return (method == "GET" || method == "POST") &&
         (ends_with("/data") || ends_with("/download") ||
          path == "/api/3/action/datastore_search" ||
          (path.rfind("/api/v1/resources/", 0) == 0 && ends_with("/deidentification")));
}

bool App::AcceptsUpload(std::string_view method, std::string_view path) {
  static constexpr std::string_view kPrefix = "/api/v1/resources/";
  static constexpr std::string_view kSuffix = "/versions";
  if (method != "POST" || path.size() <= kPrefix.size() + kSuffix.size()) return false;
  if (path.substr(0, kPrefix.size()) != kPrefix) return false;
  if (path.substr(path.size() - kSuffix.size()) != kSuffix) return false;
  std::string_view id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  return !id.empty() && id.find('/') == std::string_view::npos;
}

void App::AddDatasetRoutes() {
  if (dependencies_.datasets == nullptr) return;
  DatasetService& datasets = *dependencies_.datasets;

  router_.Add("POST", "/api/v1/resources/{id}/versions", Action::kDatasetWrite,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<UploadOptions> options = UploadOptionsFrom(request);
                if (!options.ok()) return Problem(options.status(), request);
                if (request.body_file.empty()) {
                  return Problem(Status::InvalidField("body", "send the file as the request body"),
                                 request);
                }
                Result<Ingestion> ingestion = datasets.StartIngestion(
                    *context.principal, context.params.at("id"), request.body_file, *options);
                if (!ingestion.ok()) return Problem(ingestion.status(), request);
                Response response = Json(202, IngestionToJson(*ingestion));
                response.SetHeader("Location", "/api/v1/ingestions/" + ingestion->id);
                return response;
              });

  router_.Add("GET", "/api/v1/ingestions/{id}", Action::kDatasetWrite,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<Ingestion> ingestion =
                    datasets.GetIngestion(*context.principal, context.params.at("id"));
                if (!ingestion.ok()) return Problem(ingestion.status(), request);
                return Json(200, IngestionToJson(*ingestion));
              });

  router_.Add("GET", "/api/v1/ingestions/{id}/errors.csv", Action::kDatasetWrite,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<Ingestion> ingestion =
                    datasets.GetIngestion(*context.principal, context.params.at("id"));
                if (!ingestion.ok()) return Problem(ingestion.status(), request);
                Response response;
                response.body = ErrorReportCsv(*ingestion);
                response.SetHeader("Content-Type", "text/csv; charset=utf-8");
                response.SetHeader("Content-Disposition",
                                   ContentDisposition(ingestion->id + "-errors.csv"));
                return response;
              });

  router_.Add("GET", "/api/v1/resources/{id}/versions", Action::kDatasetRead,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<std::vector<DatasetVersion>> versions =
                    datasets.ListVersions(*context.principal, context.params.at("id"));
                if (!versions.ok()) return Problem(versions.status(), request);
                nlohmann::json items = nlohmann::json::array();
                for (const DatasetVersion& version : *versions) {
                  nlohmann::json view = DatasetVersionToJson(version);
                  view.erase("profile");  // the list stays small; a version's page has them
                  items.push_back(std::move(view));
                }
                return Json(200, {{"items", items}});
              });

  router_.Add("GET", "/api/v1/resources/{id}/versions/{number}", Action::kDatasetRead,
              [&datasets](const Request& request, const RouteContext& context) {
                std::optional<int64_t> number = VersionNumber(context.params.at("number"));
                if (!number) return Problem(Status::NotFound("no such version"), request);
                Result<DatasetVersion> version =
                    datasets.GetVersion(*context.principal, context.params.at("id"), *number);
                if (!version.ok()) return Problem(version.status(), request);
                return Json(200, DatasetVersionToJson(*version));
              });

  router_.Add("GET", "/api/v1/resources/{id}/versions/{number}/quarantine", Action::kDatasetWrite,
              [&datasets](const Request& request, const RouteContext& context) {
                std::optional<int64_t> number = VersionNumber(context.params.at("number"));
                if (!number) return Problem(Status::NotFound("no such version"), request);
                Result<nlohmann::json> rows =
                    datasets.Quarantine(*context.principal, context.params.at("id"), *number);
                if (!rows.ok()) return Problem(rows.status(), request);
                return Json(200, {{"items", *rows}});
              });

  router_.Add("GET", "/api/v1/resources/{id}/data", Action::kDatasetRead,
              [this, &datasets](const Request& request, const RouteContext& context) {
                if (Status quota = AnonymousDataQuota(request, *context.principal); !quota.ok()) {
                  return Problem(quota, request);
                }
                Result<RowPage> page =
                    datasets.Rows(*context.principal, context.params.at("id"), request.query);
                if (!page.ok()) return Problem(page.status(), request);
                std::string body =
                    "{\"version\":" + std::to_string(page->version.number) +
                    ",\"content_hash\":" + JsonText(nlohmann::json(page->version.content_hash)) +
                    ",\"total_rows\":" + std::to_string(page->version.row_count) +
                    ",\"columns\":" + JsonText(ColumnsToJson(page->columns)) +
                    ",\"rows\":" + page->rows_json + ",\"next_cursor\":" +
                    (page->next_cursor.empty() ? std::string("null")
                                               : JsonText(nlohmann::json(page->next_cursor))) +
                    "}";
                return JsonResponse(200, std::move(body));
              });

  router_.Add("GET", "/api/v1/resources/{id}/download", Action::kDatasetRead,
              [this, &datasets](const Request& request, const RouteContext& context) {
                if (Status quota = AnonymousDataQuota(request, *context.principal); !quota.ok()) {
                  return Problem(quota, request);
                }
                Result<std::optional<int64_t>> version = VersionParameter(request);
                if (!version.ok()) return Problem(version.status(), request);
                const std::string* format = request.Query("format");
                for (const auto& [name, value] : request.query) {
                  if (name != "format" && name != "version") {
                    return Problem(Status::InvalidField(name,
                                                        "unknown parameter (format, "
                                                        "version)"),
                                   request);
                  }
                }
                Result<Download> download =
                    datasets.StartDownload(*context.principal, context.params.at("id"), *version,
                                           format == nullptr ? "csv" : *format);
                if (!download.ok()) return Problem(download.status(), request);
                Response response;
                response.SetHeader("Content-Type", download->content_type);
                response.SetHeader("Content-Disposition", ContentDisposition(download->file_name));
                response.stream = std::make_shared<DownloadBody>(std::move(download->stream));
                return response;
              });

  router_.Add("GET", "/api/v1/resources/{id}/deidentification", Action::kResourceDraftRead,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<PolicyView> view =
                    datasets.GetPolicy(*context.principal, context.params.at("id"));
                if (!view.ok()) return Problem(view.status(), request);
                return Json(200, {{"revision", view->revision},
                                  {"suggested", view->revision == 0},
                                  {"policy", view->document},
                                  {"anonymity", view->anonymity}});
              });

  router_.Add("PUT", "/api/v1/resources/{id}/deidentification", Action::kDatasetWrite,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                Result<PolicyView> view =
                    datasets.PutPolicy(*context.principal, context.params.at("id"), *body);
                if (!view.ok()) return Problem(view.status(), request);
                return Json(200, {{"revision", view->revision},
                                  {"suggested", false},
                                  {"policy", view->document},
                                  {"anonymity", view->anonymity}});
              });

  router_.Add("GET", "/api/v1/resources/{id}/stats", Action::kCatalogRead,
              [&datasets](const Request& request, const RouteContext& context) {
                Result<std::vector<UsageDay>> usage =
                    datasets.Usage(*context.principal, context.params.at("id"));
                if (!usage.ok()) return Problem(usage.status(), request);
                nlohmann::json days = nlohmann::json::array();
                int64_t downloads = 0;
                int64_t calls = 0;
                for (const UsageDay& day : *usage) {
                  downloads += day.downloads;
                  calls += day.api_calls;
                  days.push_back({{"day", day.day},
                                  {"downloads", day.downloads},
                                  {"api_calls", day.api_calls},
                                  {"distinct_users", day.distinct_users}});
                }
                return Json(200, {{"downloads", downloads}, {"api_calls", calls}, {"days", days}});
              });
}

void App::AddApplicationRoutes() {
  if (dependencies_.applications == nullptr) return;
  ApplicationService& applications = *dependencies_.applications;
  const Clock& clock = applications.clock();

  router_.Add("POST", "/api/v1/resources/{id}/applications", Action::kApplicationSubmit,
              [&applications, &clock](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                Result<DataApplication> application =
                    applications.Submit(*context.principal, context.params.at("id"), *body);
                if (!application.ok()) return Problem(application.status(), request);
                return Created(ApplicationToJson(*application, clock.Now()),
                               "/api/v1/applications/" + application->id);
              });

  router_.Add(
      "GET", "/api/v1/applications", Action::kApplicationSubmit,
      [&applications, &clock](const Request& request, const RouteContext& context) {
        std::optional<ApplicationState> state;
        for (const auto& [name, value] : request.query) {
          if (name == "state") {
            state = ParseApplicationState(value);
            if (!state) {
              return Problem(
                  Status::InvalidField("state", "must be submitted, approved or rejected"),
                  request);
            }
          } else {
            return Problem(Status::InvalidField(name, "unknown parameter (state)"), request);
          }
        }
        Result<std::vector<DataApplication>> list = applications.List(*context.principal, state);
        if (!list.ok()) return Problem(list.status(), request);
        nlohmann::json items = nlohmann::json::array();
        TimePoint now = clock.Now();
        for (const DataApplication& application : *list) {
          items.push_back(ApplicationToJson(application, now));
        }
        return Json(200, {{"items", items}});
      });

  router_.Add("GET", "/api/v1/applications/{id}", Action::kApplicationSubmit,
              [&applications, &clock](const Request& request, const RouteContext& context) {
                Result<DataApplication> application =
                    applications.Get(*context.principal, context.params.at("id"));
                if (!application.ok()) return Problem(application.status(), request);
                return Json(200, ApplicationToJson(*application, clock.Now()));
              });

  for (const bool approve : {true, false}) {
    router_.Add(
        "POST", std::string("/api/v1/applications/{id}/") + (approve ? "approve" : "reject"),
        Action::kDatasetWrite,
        [&applications, &clock, approve](const Request& request, const RouteContext& context) {
          nlohmann::json body = nlohmann::json::object();
          if (!request.body.empty() || !approve) {
            Result<nlohmann::json> parsed = ParseJsonObject(request);
            if (!parsed.ok()) return Problem(parsed.status(), request);
            body = *parsed;
          }
          Result<DataApplication> application =
              applications.Decide(*context.principal, context.params.at("id"), approve, body);
          if (!application.ok()) return Problem(application.status(), request);
          return Json(200, ApplicationToJson(*application, clock.Now()));
        });
  }

  router_.Add("POST", "/api/v1/applications/{id}/credential", Action::kApplicationSubmit,
              [&applications](const Request& request, const RouteContext& context) {
                Result<IssuedToken> issued =
                    applications.IssueCredential(*context.principal, context.params.at("id"));
                if (!issued.ok()) return Problem(issued.status(), request);
                return Json(201, {{"token_id", issued->token.id},
                                  {"secret", issued->secret},
                                  {"scopes", issued->token.scopes},
                                  {"expires_at", FormatIsoTime(issued->token.expires_at)}});
              });
}

}  // namespace gongshu
