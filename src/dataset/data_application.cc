#include "dataset/data_application.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "common/enum_names.h"
#include "common/object_reader.h"
#include "common/utf8.h"

namespace gongshu {
namespace {

constexpr EnumNames<ApplicationState, 3> kStateNames({{
    {ApplicationState::kSubmitted, "submitted"},
    {ApplicationState::kApproved, "approved"},
    {ApplicationState::kRejected, "rejected"},
}});

constexpr size_t kMaxTextBytes = 2000;

// A real YYYY-MM-DD date.
std::optional<std::chrono::sys_days> ParseDay(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t index : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[index] < '0' || text[index] > '9') return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year(std::stoi(text.substr(0, 4))),
                                   std::chrono::month(std::stoi(text.substr(5, 2))),
                                   std::chrono::day(std::stoi(text.substr(8, 2)))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

}  // namespace

std::string_view ApplicationStateName(ApplicationState state) { return kStateNames.Name(state); }
std::optional<ApplicationState> ParseApplicationState(std::string_view name) {
  return kStateNames.Parse(name);
}

Result<DataApplication> ReadApplication(const nlohmann::json& body, const Resource& resource,
                                        const std::string& today) {
  if (resource.opening != AccessAttribute::kConditional) {
    return Status::FailedPrecondition(
        resource.opening == AccessAttribute::kUnconditional
            ? "the resource is opened unconditionally: its data needs no application"
            : "the resource is not opened (不予开放): its data cannot be applied for");
  }
  if (!body.is_object()) return Status::InvalidField("body", "must be a JSON object");
  ObjectReader reader(body);
  DataApplication application;
  application.resource_id = resource.id;
  application.resource_name = resource.name;
  application.provider_id = resource.provider_id;
  std::optional<std::string> purpose = reader.String("purpose", true);
  if (purpose) {
    if (purpose->empty() || purpose->size() > kMaxTextBytes || !IsValidUtf8(*purpose)) {
      reader.AddError("purpose", "must be 1 to 2000 bytes of text saying what the data is for");
    } else {
      application.purpose = *purpose;
    }
  }
  std::optional<std::vector<std::string>> fields = reader.StringArray("fields", true);
  if (fields) {
    std::set<std::string> seen;
    if (fields->empty()) reader.AddError("fields", "name at least one item");
    for (size_t index = 0; index < fields->size(); ++index) {
      const std::string& field = (*fields)[index];
      std::string path = "fields[" + std::to_string(index) + "]";
      bool known = std::any_of(resource.items.begin(), resource.items.end(),
                               [&](const Item& item) { return item.name == field; });
      if (!known) {
        reader.AddError(path, "\"" + field + "\" is not an item of the resource");
      } else if (!seen.insert(field).second) {
        reader.AddError(path, "\"" + field + "\" is listed twice");
      }
    }
    application.fields = *fields;
  }
  if (const nlohmann::json* period = reader.Value("period", true)) {
    if (!period->is_object()) {
      reader.AddError("period", "must be an object {\"start\", \"end\"}");
    } else {
      ObjectReader dates(*period, "period.");
      std::optional<std::string> start = dates.String("start", true);
      std::optional<std::string> end = dates.String("end", true);
      std::optional<std::chrono::sys_days> start_day = start ? ParseDay(*start) : std::nullopt;
      std::optional<std::chrono::sys_days> end_day = end ? ParseDay(*end) : std::nullopt;
      if (start && !start_day) dates.AddError("start", "must be a real date YYYY-MM-DD");
      if (end && !end_day) dates.AddError("end", "must be a real date YYYY-MM-DD");
      std::optional<std::chrono::sys_days> today_day = ParseDay(today);
      if (start_day && end_day) {
        if (*end_day < *start_day) {
          dates.AddError("end", "must not be before the start");
        } else if ((*end_day - *start_day).count() + 1 > kMaxApplicationDays) {
          dates.AddError("end", "a period is at most 366 days");
        } else if (today_day && *end_day < *today_day) {
          dates.AddError("end", "the period has already ended");
        }
        application.period_start = *start;
        application.period_end = *end;
      }
      reader.AddErrors(dates.Finish());
    }
  }
  GONGSHU_RETURN_IF_ERROR(reader.Finish());
  return application;
}

Status DecideApplication(DataApplication& application, bool approve, const std::string& reason,
                         const std::string& decided_by, TimePoint now) {
  if (application.state != ApplicationState::kSubmitted) {
    return Status::FailedPrecondition("the application was already " +
                                      std::string(ApplicationStateName(application.state)));
  }
  if (reason.size() > kMaxTextBytes || !IsValidUtf8(reason)) {
    return Status::InvalidField("reason", "at most 2000 bytes of text");
  }
  if (!approve && reason.empty()) {
    return Status::InvalidField("reason", "a rejection states its reason");
  }
  application.state = approve ? ApplicationState::kApproved : ApplicationState::kRejected;
  application.decision_reason = reason;
  application.decided_by = decided_by;
  application.decided_at = now;
  return Status::Ok();
}

bool GrantsAccess(const DataApplication& application, const std::string& today) {
  // ISO dates compare as text.
  return application.state == ApplicationState::kApproved && application.period_start <= today &&
         today <= application.period_end;
}

nlohmann::json ApplicationToJson(const DataApplication& application, TimePoint now) {
  auto optional_time = [](const std::optional<TimePoint>& time) {
    return time ? nlohmann::json(FormatIsoTime(*time)) : nlohmann::json(nullptr);
  };
  return {{"id", application.id},
          {"resource_id", application.resource_id},
          {"resource_name", application.resource_name},
          {"provider_id", application.provider_id},
          {"applicant_user_id", application.applicant_user_id},
          {"applicant_username", application.applicant_username},
          {"purpose", application.purpose},
          {"fields", application.fields},
          {"period", {{"start", application.period_start}, {"end", application.period_end}}},
          {"state", std::string(ApplicationStateName(application.state))},
          {"decision_reason", application.decision_reason},
          {"decided_by", application.decided_by},
          {"decided_at", optional_time(application.decided_at)},
          {"submitted_at", FormatIsoTime(application.submitted_at)},
          {"decision_due", FormatIsoTime(application.decision_due)},
          {"overdue",
           application.state == ApplicationState::kSubmitted && now > application.decision_due},
          {"credential_issued", !application.credential_token_id.empty()},
          {"credential_token_id", application.credential_token_id}};
}

Result<DataApplication> ApplicationFromJson(const nlohmann::json& json) {
  try {
    DataApplication application;
    application.id = json.at("id").get<std::string>();
    application.resource_id = json.at("resource_id").get<std::string>();
    application.resource_name = json.value("resource_name", "");
    application.provider_id = json.value("provider_id", "");
    application.applicant_user_id = json.at("applicant_user_id").get<std::string>();
    application.applicant_username = json.value("applicant_username", "");
    application.purpose = json.value("purpose", "");
    application.fields = json.value("fields", std::vector<std::string>());
    application.period_start = json.at("period").value("start", "");
    application.period_end = json.at("period").value("end", "");
    application.state = ParseApplicationState(json.at("state").get<std::string>())
                            .value_or(ApplicationState::kRejected);
    application.decision_reason = json.value("decision_reason", "");
    application.decided_by = json.value("decided_by", "");
    if (json.contains("decided_at") && json["decided_at"].is_string()) {
      TimePoint decided;
      if (ParseIsoTime(json["decided_at"].get<std::string>(), &decided)) {
        application.decided_at = decided;
      }
    }
    ParseIsoTime(json.value("submitted_at", ""), &application.submitted_at);
    ParseIsoTime(json.value("decision_due", ""), &application.decision_due);
    application.credential_token_id = json.value("credential_token_id", "");
    return application;
  } catch (const nlohmann::json::exception& error) {
    return Status::Internal(std::string("damaged application document: ") + error.what());
  }
}

}  // namespace gongshu
