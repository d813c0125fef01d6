#include "dataset/application_service.h"

#include <algorithm>

#include "common/json_text.h"
#include "common/object_reader.h"
#include "common/result_macros.h"
#include "common/secrets.h"
#include "identity/access_policy.h"

namespace gongshu {
namespace {

std::string Today(TimePoint now) { return FormatDate(LocalDate(now)); }

}  // namespace

bool ApplicationService::MayDecide(const Principal& actor,
                                   const DataApplication& application) const {
  return gongshu::Decide(actor, Action::kDatasetWrite, {application.provider_id, std::nullopt})
      .ok();
}

Result<DataApplication> ApplicationService::Submit(const Principal& actor,
                                                   const std::string& resource_id,
                                                   const nlohmann::json& body) {
  if (actor.anonymous()) return Status::Unauthenticated("sign in to apply for data");
  GONGSHU_ASSIGN_OR_RETURN(Resource resource, catalog_.Get(actor, resource_id));
  if (resource.status != ResourceStatus::kRegistered) {
    return Status::FailedPrecondition("only a registered resource's data can be applied for");
  }
  TimePoint now = clock_.Now();
  GONGSHU_ASSIGN_OR_RETURN(DataApplication application,
                           ReadApplication(body, resource, Today(now)));
  application.id = NewId("app");
  application.applicant_user_id = actor.user_id;
  application.applicant_username = actor.username;
  application.submitted_at = now;
  application.decision_due = calendar_.Deadline(now, working_days_);
  Event event{"application.submitted", actor.user_id, application.id, now,
              JsonText({{"resource_id", resource_id},
                        {"fields", application.fields},
                        {"period_start", application.period_start},
                        {"period_end", application.period_end}})};
  GONGSHU_RETURN_IF_ERROR(store_.InsertApplication(application, event));
  return application;
}

Result<DataApplication> ApplicationService::Get(const Principal& actor, const std::string& id) {
  Result<DataApplication> application = store_.GetApplication(id);
  if (!application.ok()) return application;
  bool visible = application->applicant_user_id == actor.user_id ||
                 MayDecide(actor, *application) || actor.HasRole(Role::kAuditor);
  if (!visible) return Status::NotFound("no application " + id);
  return application;
}

Result<std::vector<DataApplication>> ApplicationService::List(
    const Principal& actor, std::optional<ApplicationState> state) {
  std::vector<std::string> providers;
  for (const Membership& membership : actor.memberships) {
    if (membership.role == Role::kProvider) providers.push_back(membership.organization_id);
  }
  bool all = actor.IsPlatformAdmin() || actor.HasRole(Role::kAuditor);
  return store_.ListApplications(actor.user_id, providers, all, state);
}

Result<DataApplication> ApplicationService::Decide(const Principal& actor, const std::string& id,
                                                   bool approve, const nlohmann::json& body) {
  GONGSHU_ASSIGN_OR_RETURN(DataApplication application, Get(actor, id));
  if (!MayDecide(actor, application)) {
    return Status::PermissionDenied(
        "only the providers of the resource's organization and platform admins decide");
  }
  ObjectReader reader(body);
  std::optional<std::string> reason = reader.String("reason", !approve);
  GONGSHU_RETURN_IF_ERROR(reader.Finish());
  TimePoint now = clock_.Now();
  GONGSHU_RETURN_IF_ERROR(
      DecideApplication(application, approve, reason.value_or(""), actor.user_id, now));
  Event event{approve ? "application.approved" : "application.rejected", actor.user_id, id, now,
              JsonText({{"resource_id", application.resource_id},
                        {"reason", application.decision_reason}})};
  GONGSHU_RETURN_IF_ERROR(
      store_.UpdateApplication(application, ApplicationState::kSubmitted, event));
  return application;
}

Result<IssuedToken> ApplicationService::IssueCredential(const Principal& actor,
                                                        const std::string& id) {
  GONGSHU_ASSIGN_OR_RETURN(DataApplication application, Get(actor, id));
  if (application.applicant_user_id != actor.user_id) {
    return Status::PermissionDenied("only the applicant collects the credential");
  }
  TimePoint now = clock_.Now();
  if (application.state != ApplicationState::kApproved) {
    return Status::FailedPrecondition("the application is " +
                                      std::string(ApplicationStateName(application.state)) +
                                      ", not approved");
  }
  if (application.period_end < Today(now)) {
    return Status::FailedPrecondition("the approved period has ended");
  }
  std::optional<Date> end = ParseDate(application.period_end);
  if (!end) return Status::Internal("damaged application period");
  // Valid through the last day of the period (China Standard Time).
  NewToken input;
  input.name = "数据申请 " + application.id;
  input.scopes = {"dataset.read"};
  // Tokens live at most a year: a later end is reached by collecting the credential again.
  input.expires_at = std::min(calendar_.Deadline(std::chrono::sys_days(*end), 0),
                              now + std::chrono::hours(24 * 365));
  GONGSHU_ASSIGN_OR_RETURN(IssuedToken issued, identity_.CreateToken(actor, input));
  if (!application.credential_token_id.empty()) {
    // The previous credential is the applicant's own token: revoked as its owner, whatever the
    // scopes of the token this request came with.
    Principal owner = actor;
    owner.token_id.reset();
    owner.token_scopes.clear();
    GONGSHU_RETURN_IF_ERROR(identity_.RevokeToken(owner, application.credential_token_id));
  }
  application.credential_token_id = issued.token.id;
  Event event{"application.credential_issued", actor.user_id, id, now,
              JsonText({{"token_id", issued.token.id}})};
  GONGSHU_RETURN_IF_ERROR(
      store_.UpdateApplication(application, ApplicationState::kApproved, event));
  return issued;
}

}  // namespace gongshu
