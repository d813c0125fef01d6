// Routes of the registration workflow (登记): submitting, the admin's steps, publicity and
// objections, and registration certificates.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_input.h"
#include "api/paging.h"
#include "api/responses.h"
#include "common/html.h"
#include "common/utf8.h"
#include "registration/registration_json.h"

namespace gongshu {
namespace {

// The JSON object of a step's body; an empty body is an empty object (steps like accept need
// nothing), anything else must be a JSON object.
Result<nlohmann::json> OptionalJsonObject(const Request& request) {
  if (request.body.empty()) return nlohmann::json::object();
  return ParseJsonObject(request);
}

// Records an error on `field` unless `text` is valid UTF-8 of at most `max_bytes` without control
// characters (newlines and tabs allowed when `multiline`).
void CheckFreeText(ObjectReader& reader, const std::string& field, const std::string& text,
                   size_t max_bytes, bool multiline) {
  if (!IsValidUtf8(text) || text.size() > max_bytes) {
    reader.AddError(field,
                    "must be valid UTF-8 of at most " + std::to_string(max_bytes) + " bytes");
    return;
  }
  for (unsigned char symbol : text) {
    bool allowed = multiline && (symbol == '\n' || symbol == '\t' || symbol == '\r');
    if ((symbol < 0x20 && !allowed) || symbol == 0x7f) {
      reader.AddError(field, multiline ? "contains a control character"
                                       : "must be one line without control characters");
      return;
    }
  }
}

// The service names the objector's contact `objector_contact`; the API calls it `contact`.
Status WithApiFieldNames(Status status) {
  if (status.code() != StatusCode::kInvalidArgument) return status;
  std::vector<FieldError> errors = status.field_errors();
  for (FieldError& error : errors) {
    if (error.field == "objector_contact") error.field = "contact";
  }
  return Status::InvalidArgument(status.message(), errors);
}

std::string_view RegistrationTypeLabel(RegistrationType type) {
  switch (type) {
    case RegistrationType::kInitial:
      return "首次登记";
    case RegistrationType::kChange:
      return "变更登记";
    case RegistrationType::kCorrection:
      return "更正登记";
    case RegistrationType::kCancellation:
      return "注销登记";
  }
  return "";
}

nlohmann::json CertificateJson(const RegistrationCertificate& certificate) {
  const Registration& registration = certificate.registration;
  return {
      {"code", registration.code},
      {"registration_id", registration.id},
      {"type", RegistrationTypeName(registration.type)},
      {"type_label", RegistrationTypeLabel(registration.type)},
      {"coded_at", registration.coded_at ? FormatIsoTime(*registration.coded_at) : ""},
      {"resource",
       {{"id", certificate.resource.id},
        {"code", certificate.resource.code},
        {"name", registration.materials.resource_name},
        {"summary", registration.materials.resource_summary}}},
      {"registrant",
       {{"id", registration.registrant_organization_id}, {"name", certificate.registrant_name}}},
      {"registering_body", certificate.registering_body},
      {"publicity",
       {{"start", registration.publicity_start ? FormatIsoTime(*registration.publicity_start) : ""},
        {"end", registration.publicity_end ? FormatIsoTime(*registration.publicity_end) : ""}}}};
}

std::string CertificateHtml(const RegistrationCertificate& certificate) {
  const Registration& registration = certificate.registration;
  std::string coded =
      registration.coded_at ? FormatDate(LocalDate(*registration.coded_at)) : std::string();
  auto row = [](const std::string& label, const std::string& value) {
    return "<tr><th scope=\"row\">" + label + "</th><td>" + EscapeHtml(value) + "</td></tr>\n";
  };
  return "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>公共数据资源登记证书 " +
         EscapeHtml(registration.code) +
         "</title><style>body{font-family:sans-serif;max-width:42rem;margin:2rem auto;"
         "padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;"
         "padding:.5rem;border-bottom:1px solid #ddd}th{width:9rem}</style></head><body>\n"
         "<h1>公共数据资源登记证书</h1>\n<table>\n" +
         row("登记编码", registration.code) +
         row("资源名称", registration.materials.resource_name) +
         row("资源代码", certificate.resource.code) +
         row("登记类型", std::string(RegistrationTypeLabel(registration.type))) +
         row("登记主体", certificate.registrant_name) +
         row("资源摘要", registration.materials.resource_summary) +
         row("登记机构", certificate.registering_body) + row("赋码日期", coded) +
         "</table>\n<p><a href=\"/api/v1/registrations/" + EscapeHtml(registration.code) +
         "/certificate?format=json\">JSON</a></p>\n</body></html>\n";
}

}  // namespace

nlohmann::json App::RegistrationView(const Registration& registration) const {
  nlohmann::json view = RegistrationToJson(registration);
  view["overdue"] = dependencies_.registration->Overdue(registration);
  view["ready_to_code"] = dependencies_.registration->ReadyToCode(registration);
  Result<Organization> registrant =
      dependencies_.identity->GetOrganization(registration.registrant_organization_id);
  view["registrant_name"] = registrant.ok() ? registrant->name : "";
  AddEvidence(registration.id, &view);
  return view;
}

void App::AddRegistrationRoutes() {
  RegistrationService& registrations = *dependencies_.registration;

  router_.Add("POST", "/api/v1/resources/{id}/registrations", Action::kRegistrationSubmit,
              [this, &registrations](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = OptionalJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                ObjectReader reader(*body);
                std::optional<std::string> type_name = reader.String("type", false);
                RegistrationType type = RegistrationType::kInitial;
                if (type_name) {
                  std::optional<RegistrationType> parsed = ParseRegistrationType(*type_name);
                  if (!parsed) {
                    reader.AddError("type", "must be one of " + RegistrationTypeNames());
                  } else {
                    type = *parsed;
                  }
                }
                if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
                Result<Registration> registration =
                    registrations.Submit(*context.principal, context.params.at("id"), type);
                if (!registration.ok()) return Problem(registration.status(), request);
                return Created(RegistrationView(*registration),
                               "/api/v1/registrations/" + registration->id);
              });

  router_.Add(
      "GET", "/api/v1/registrations", Action::kRegistrationRead,
      [this, &registrations](const Request& request, const RouteContext& context) {
        Result<PageRequest> page = PageRequestFrom(request);
        if (!page.ok()) return Problem(page.status(), request);
        RegistrationFilter filter;
        std::vector<FieldError> errors;
        bool overdue_only = false;
        for (const auto& [key, value] : request.query) {
          if (key == "state") {
            std::optional<RegistrationState> state = ParseRegistrationState(value);
            if (!state) {
              errors.push_back({"state", "must be one of " + RegistrationStateNames()});
            } else {
              filter.states.push_back(*state);
            }
          } else if (key == "organization") {
            filter.registrant_organization_ids.push_back(value);
          } else if (key == "resource") {
            filter.resource_id = value;
          } else if (key == "overdue") {
            if (value != "true" && value != "false") {
              errors.push_back({"overdue", "must be true or false"});
            }
            overdue_only = value == "true";
          } else if (key != "cursor" && key != "limit") {
            errors.push_back({key, "is not a parameter of this list"});
          }
        }
        if (!errors.empty()) {
          return Problem(Status::InvalidArgument("the list parameters are not valid", errors),
                         request);
        }
        std::string next_key;
        Result<std::vector<Registration>> list =
            registrations.List(*context.principal, filter, page->after_key, page->limit, &next_key);
        if (!list.ok()) return Problem(list.status(), request);
        nlohmann::json items = nlohmann::json::array();
        for (const Registration& registration : *list) {
          if (overdue_only && !registrations.Overdue(registration)) continue;
          items.push_back(RegistrationView(registration));
        }
        return Json(200, ListView(items, next_key));
      });

  router_.Add(
      "GET", "/api/v1/registrations/{id}", Action::kCatalogRead,
      [this, &registrations](const Request& request, const RouteContext& context) {
        Result<Registration> registration =
            registrations.Get(*context.principal, context.params.at("id"));
        if (!registration.ok()) return Problem(registration.status(), request);
        nlohmann::json view = RegistrationView(*registration);
        Result<std::vector<Objection>> objections = registrations.Objections(registration->id);
        if (!objections.ok()) return Problem(objections.status(), request);
        bool admin =
            context.principal->IsPlatformAdmin() || context.principal->HasRole(Role::kAuditor);
        nlohmann::json list = nlohmann::json::array();
        for (const Objection& objection : *objections) {
          list.push_back(admin ? ObjectionToJson(objection) : ObjectionPublicJson(objection));
        }
        view["objections"] = list;
        return Json(200, view);
      });

  // The admin's steps, and the registrant's resubmission.
  struct Step {
    const char* name;
    Action action;
  };
  for (const Step& step :
       {Step{"accept", Action::kRegistrationDecide}, Step{"return", Action::kRegistrationDecide},
        Step{"review", Action::kRegistrationDecide}, Step{"publish", Action::kRegistrationDecide},
        Step{"code", Action::kRegistrationDecide}, Step{"reject", Action::kRegistrationDecide},
        Step{"resubmit", Action::kRegistrationSubmit}}) {
    std::string name = step.name;
    router_.Add("POST", "/api/v1/registrations/{id}/" + name, step.action,
                [this, &registrations, name](const Request& request, const RouteContext& context) {
                  Result<nlohmann::json> body = OptionalJsonObject(request);
                  if (!body.ok()) return Problem(body.status(), request);
                  ObjectReader reader(*body);
                  std::optional<std::vector<std::string>> missing;
                  std::optional<std::string> reason;
                  if (name == "return") missing = reader.StringArray("missing_items", true);
                  if (name == "reject") reason = reader.String("reason", true);
                  if (Status status = reader.Finish(); !status.ok())
                    return Problem(status, request);
                  const Principal& actor = *context.principal;
                  const std::string& id = context.params.at("id");
                  Result<Registration> result = Status::Internal("unknown step");
                  if (name == "accept") result = registrations.Accept(actor, id);
                  if (name == "return") result = registrations.Return(actor, id, *missing);
                  if (name == "review") result = registrations.Review(actor, id);
                  if (name == "publish") result = registrations.Publish(actor, id);
                  if (name == "code") result = registrations.Code(actor, id);
                  if (name == "reject") result = registrations.Reject(actor, id, *reason);
                  if (name == "resubmit") result = registrations.Resubmit(actor, id);
                  if (!result.ok()) return Problem(result.status(), request);
                  return Json(200, RegistrationView(*result));
                });
  }

  router_.Add(
      "GET", "/api/v1/publicity", Action::kCatalogRead,
      [&registrations](const Request& request, const RouteContext&) {
        Result<PageRequest> page = PageRequestFrom(request);
        if (!page.ok()) return Problem(page.status(), request);
        std::string next_key;
        Result<std::vector<PublicityEntry>> entries =
            registrations.Publicity(page->after_key, page->limit, &next_key);
        if (!entries.ok()) return Problem(entries.status(), request);
        nlohmann::json items = nlohmann::json::array();
        for (const PublicityEntry& entry : *entries) {
          const Registration& registration = entry.registration;
          nlohmann::json objections = nlohmann::json::array();
          int open = 0;
          for (const Objection& objection : entry.objections) {
            objections.push_back(ObjectionPublicJson(objection));
            open += objection.state == ObjectionState::kOpen ? 1 : 0;
          }
          items.push_back(
              {{"registration_id", registration.id},
               {"resource_id", registration.resource_id},
               {"registrant",
                {{"id", registration.registrant_organization_id}, {"name", entry.registrant_name}}},
               {"type", RegistrationTypeName(registration.type)},
               {"type_label", RegistrationTypeLabel(registration.type)},
               {"resource_name", registration.materials.resource_name},
               {"resource_summary", registration.materials.resource_summary},
               {"publicity_start", FormatIsoTime(*registration.publicity_start)},
               {"publicity_end", FormatIsoTime(*registration.publicity_end)},
               {"open_objections", open},
               {"objections", objections}});
        }
        return Json(200, ListView(items, next_key));
      });

  router_.Add("POST", "/api/v1/publicity/{id}/objections", Action::kObjectionFile,
              [&registrations](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                ObjectReader reader(*body);
                std::optional<std::string> contact = reader.String("contact", true);
                std::optional<std::string> text = reader.String("text", true);
                if (contact) CheckFreeText(reader, "contact", *contact, 200, false);
                if (text) CheckFreeText(reader, "text", *text, 20000, true);
                if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
                Result<Objection> objection = registrations.FileObjection(
                    *context.principal, context.params.at("id"), *contact, *text);
                if (!objection.ok()) return Problem(WithApiFieldNames(objection.status()), request);
                return Created(ObjectionPublicJson(*objection),
                               "/api/v1/registrations/" + objection->registration_id);
              });

  router_.Add("POST", "/api/v1/objections/{id}/resolve", Action::kObjectionResolve,
              [this, &registrations](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                ObjectReader reader(*body);
                std::optional<std::string> outcome_name = reader.String("outcome", true);
                std::optional<std::string> reason = reader.String("reason", true);
                if (reason) CheckFreeText(reader, "reason", *reason, 20000, true);
                std::optional<ObjectionOutcome> outcome;
                if (outcome_name) {
                  outcome = ParseObjectionOutcome(*outcome_name);
                  if (!outcome) reader.AddError("outcome", "must be upheld or dismissed");
                }
                if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
                Result<ObjectionResolution> resolution = registrations.ResolveObjection(
                    *context.principal, context.params.at("id"), *outcome, *reason);
                if (!resolution.ok()) return Problem(resolution.status(), request);
                return Json(200, {{"objection", ObjectionToJson(resolution->objection)},
                                  {"registration", RegistrationView(resolution->registration)}});
              });

  router_.Add("GET", "/api/v1/registrations/{code}/certificate", Action::kCatalogRead,
              [&registrations](const Request& request, const RouteContext& context) {
                Result<RegistrationCertificate> certificate =
                    registrations.Certificate(context.params.at("code"));
                if (!certificate.ok()) return Problem(certificate.status(), request);
                const std::string* format = request.Query("format");
                bool html =
                    format ? *format == "html"
                           : request.Header("accept").find("text/html") != std::string_view::npos;
                if (format && *format != "html" && *format != "json") {
                  return Problem(Status::InvalidField("format", "must be html or json"), request);
                }
                if (!html) return Json(200, CertificateJson(*certificate));
                Response response;
                response.status = 200;
                response.SetHeader("Content-Type", "text/html; charset=utf-8");
                response.body = CertificateHtml(*certificate);
                return response;
              });
}

}  // namespace gongshu
