#include "registration/registration_json.h"

namespace gongshu {
namespace {

nlohmann::json Time(const std::optional<TimePoint>& time) {
  return time ? nlohmann::json(FormatIsoTime(*time)) : nlohmann::json(nullptr);
}

std::optional<TimePoint> ReadTime(const nlohmann::json& object, const char* key) {
  auto entry = object.find(key);
  if (entry == object.end() || !entry->is_string()) return std::nullopt;
  TimePoint time{};
  if (!ParseIsoTime(entry->get<std::string>(), &time)) return std::nullopt;
  return time;
}

}  // namespace

nlohmann::json RegistrationToJson(const Registration& registration) {
  return {
      {"id", registration.id},
      {"resource_id", registration.resource_id},
      {"registrant_organization_id", registration.registrant_organization_id},
      {"type", RegistrationTypeName(registration.type)},
      {"state", RegistrationStateName(registration.state)},
      {"resource_name", registration.materials.resource_name},
      {"resource_summary", registration.materials.resource_summary},
      {"submitted_at", FormatIsoTime(registration.submitted_at)},
      {"returned_at", Time(registration.returned_at)},
      {"resubmitted_at", Time(registration.resubmitted_at)},
      {"accepted_at", Time(registration.accepted_at)},
      {"reviewed_at", Time(registration.reviewed_at)},
      {"publicity_start", Time(registration.publicity_start)},
      {"publicity_end", Time(registration.publicity_end)},
      {"coded_at", Time(registration.coded_at)},
      {"rejected_at", Time(registration.rejected_at)},
      {"deadline", Time(registration.deadline)},
      {"return_notice", registration.return_notice},
      {"return_used", registration.return_used},
      {"rejection_reason", registration.rejection_reason.empty()
                               ? nlohmann::json(nullptr)
                               : nlohmann::json(registration.rejection_reason)},
      {"code",
       registration.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(registration.code)},
      {"revision", registration.revision},
  };
}

Result<Registration> RegistrationFromJson(const nlohmann::json& object) {
  Registration registration;
  try {
    registration.id = object.at("id").get<std::string>();
    registration.resource_id = object.at("resource_id").get<std::string>();
    registration.registrant_organization_id =
        object.at("registrant_organization_id").get<std::string>();
    std::optional<RegistrationType> type =
        ParseRegistrationType(object.at("type").get<std::string>());
    std::optional<RegistrationState> state =
        ParseRegistrationState(object.at("state").get<std::string>());
    if (!type || !state) return Status::InvalidArgument("a stored registration is malformed");
    registration.type = *type;
    registration.state = *state;
    registration.materials.resource_name = object.at("resource_name").get<std::string>();
    registration.materials.resource_summary = object.at("resource_summary").get<std::string>();
    std::optional<TimePoint> submitted = ReadTime(object, "submitted_at");
    if (!submitted) return Status::InvalidArgument("a stored registration has no submitted_at");
    registration.submitted_at = *submitted;
    registration.returned_at = ReadTime(object, "returned_at");
    registration.resubmitted_at = ReadTime(object, "resubmitted_at");
    registration.accepted_at = ReadTime(object, "accepted_at");
    registration.reviewed_at = ReadTime(object, "reviewed_at");
    registration.publicity_start = ReadTime(object, "publicity_start");
    registration.publicity_end = ReadTime(object, "publicity_end");
    registration.coded_at = ReadTime(object, "coded_at");
    registration.rejected_at = ReadTime(object, "rejected_at");
    registration.deadline = ReadTime(object, "deadline");
    registration.return_notice = object.at("return_notice").get<std::vector<std::string>>();
    registration.return_used = object.at("return_used").get<bool>();
    const nlohmann::json& reason = object.at("rejection_reason");
    registration.rejection_reason = reason.is_string() ? reason.get<std::string>() : "";
    const nlohmann::json& code = object.at("code");
    registration.code = code.is_string() ? code.get<std::string>() : "";
    registration.revision = object.at("revision").get<int64_t>();
  } catch (const nlohmann::json::exception& error) {
    return Status::InvalidArgument(std::string("a stored registration is malformed: ") +
                                   error.what());
  }
  return registration;
}

nlohmann::json ObjectionPublicJson(const Objection& objection) {
  return {
      {"id", objection.id},
      {"registration_id", objection.registration_id},
      {"text", objection.text},
      {"filed_at", FormatIsoTime(objection.filed_at)},
      {"state", ObjectionStateName(objection.state)},
      {"resolution_reason", objection.resolution_reason.empty()
                                ? nlohmann::json(nullptr)
                                : nlohmann::json(objection.resolution_reason)},
      {"resolved_at", Time(objection.resolved_at)},
  };
}

nlohmann::json ObjectionToJson(const Objection& objection) {
  nlohmann::json view = ObjectionPublicJson(objection);
  view["objector_contact"] = objection.objector_contact;
  view["resolved_by"] = objection.resolved_by.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(objection.resolved_by);
  view["revision"] = objection.revision;
  return view;
}

Result<Objection> ObjectionFromJson(const nlohmann::json& object) {
  Objection objection;
  try {
    objection.id = object.at("id").get<std::string>();
    objection.registration_id = object.at("registration_id").get<std::string>();
    objection.objector_contact = object.at("objector_contact").get<std::string>();
    objection.text = object.at("text").get<std::string>();
    std::optional<TimePoint> filed = ReadTime(object, "filed_at");
    std::optional<ObjectionState> state =
        ParseObjectionState(object.at("state").get<std::string>());
    if (!filed || !state) return Status::InvalidArgument("a stored objection is malformed");
    objection.filed_at = *filed;
    objection.state = *state;
    const nlohmann::json& reason = object.at("resolution_reason");
    objection.resolution_reason = reason.is_string() ? reason.get<std::string>() : "";
    const nlohmann::json& by = object.at("resolved_by");
    objection.resolved_by = by.is_string() ? by.get<std::string>() : "";
    objection.resolved_at = ReadTime(object, "resolved_at");
    objection.revision = object.at("revision").get<int64_t>();
  } catch (const nlohmann::json::exception& error) {
    return Status::InvalidArgument(std::string("a stored objection is malformed: ") + error.what());
  }
  return objection;
}

}  // namespace gongshu
