// JSON views of identity objects, as the API shows them (snake_case, ISO 8601 times, null for
// absent values). Secrets and password hashes never appear.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "identity/access_policy.h"
#include "identity/organization.h"
#include "identity/user.h"
#include "ledger/recorder.h"

namespace gongshu {

nlohmann::json OrganizationView(const Organization& organization);
nlohmann::json MembershipsView(const std::vector<Membership>& memberships);
nlohmann::json UserView(const User& user, const std::vector<Membership>& memberships);
nlohmann::json TokenView(const ApiToken& token);
// [{"event", "at", "ledger_index" | null, "receipt" | null}] for the events about an object.
nlohmann::json EvidenceView(const std::vector<EvidenceReference>& evidence);

}  // namespace gongshu
