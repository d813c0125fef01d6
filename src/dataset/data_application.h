// Data applications (数据申请): how a user gets at data opened on conditions (有条件开放). The
// applicant states a purpose, the fields wanted and the period; the resource's provider approves
// or rejects within the configured working days; an approval is a grant of those fields for that
// period, which the applicant uses through a credential (an API token scoped to dataset.read that
// expires when the period ends). Pure: value types and rules, no I/O, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/resource.h"
#include "common/clock.h"
#include "common/status.h"

namespace gongshu {

enum class ApplicationState {
  kSubmitted,  // waiting for the provider's decision
  kApproved,   // a grant for the fields and period asked for
  kRejected,   // refused, with the reason
};
std::string_view ApplicationStateName(ApplicationState state);
std::optional<ApplicationState> ParseApplicationState(std::string_view name);

struct DataApplication {
  std::string id;  // "app_..."
  std::string resource_id;
  std::string resource_name;
  std::string provider_id;  // the organization that decides
  std::string applicant_user_id;
  std::string applicant_username;
  std::string purpose;
  std::vector<std::string> fields;  // item names asked for (and granted, once approved)
  std::string period_start;         // YYYY-MM-DD
  std::string period_end;           // YYYY-MM-DD, inclusive
  ApplicationState state = ApplicationState::kSubmitted;
  std::string decision_reason;
  std::string decided_by;
  std::optional<TimePoint> decided_at;
  TimePoint submitted_at;
  TimePoint decision_due;           // the provider decides by then (working days)
  std::string credential_token_id;  // once the applicant has collected the credential
};

inline constexpr int kMaxApplicationDays = 366;

// Reads an application body {"purpose", "fields", "period": {"start", "end"}} for `resource`.
// InvalidArgument naming every bad field: purpose empty or over 2000 bytes; fields empty, listed
// twice or not items of the resource; dates not real, end before start, a period over
// kMaxApplicationDays or ending before `today` (YYYY-MM-DD). FailedPrecondition when the resource
// is not opened on conditions.
Result<DataApplication> ReadApplication(const nlohmann::json& body, const Resource& resource,
                                        const std::string& today);

// Approves or rejects a submitted application. A rejection needs a reason (1..2000 bytes).
// FailedPrecondition when it was already decided.
Status DecideApplication(DataApplication& application, bool approve, const std::string& reason,
                         const std::string& decided_by, TimePoint now);

// Whether an approved application grants access on `today` (YYYY-MM-DD).
bool GrantsAccess(const DataApplication& application, const std::string& today);

// The API view; `now` tells whether a decision is overdue.
nlohmann::json ApplicationToJson(const DataApplication& application, TimePoint now);
// Reads back what ApplicationToJson wrote (the stored document). Internal when damaged.
Result<DataApplication> ApplicationFromJson(const nlohmann::json& json);

}  // namespace gongshu
