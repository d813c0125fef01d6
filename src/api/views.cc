#include "api/views.h"

namespace gongshu {
namespace {

nlohmann::json OptionalText(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json OptionalTime(const std::optional<TimePoint>& value) {
  return value ? nlohmann::json(FormatIsoTime(*value)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json OrganizationView(const Organization& organization) {
  // Assigned member by member: an initializer list would copy every value once more, and this
  // view is on the busiest read path.
  nlohmann::json view = nlohmann::json::object();
  view["id"] = organization.id;
  view["name"] = organization.name;
  view["type"] = OrganizationTypeName(organization.type);
  view["parent_id"] = OptionalText(organization.parent_id);
  view["division_code"] = organization.division_code;
  view["uscc"] = OptionalText(organization.uscc);
  view["created_at"] = FormatIsoTime(organization.created_at);
  view["updated_at"] = FormatIsoTime(organization.updated_at);
  view["revision"] = organization.revision;
  return view;
}

nlohmann::json MembershipsView(const std::vector<Membership>& memberships) {
  nlohmann::json view = nlohmann::json::array();
  for (const Membership& membership : memberships) {
    view.push_back(
        {{"organization_id", membership.organization_id}, {"role", RoleName(membership.role)}});
  }
  return view;
}

nlohmann::json UserView(const User& user, const std::vector<Membership>& memberships) {
  return {
      {"id", user.id},
      {"username", user.username},
      {"display_name", user.display_name},
      {"email", OptionalText(user.email)},
      {"disabled", user.disabled},
      {"created_at", FormatIsoTime(user.created_at)},
      {"memberships", MembershipsView(memberships)},
  };
}

nlohmann::json TokenView(const ApiToken& token) {
  return {
      {"id", token.id},
      {"name", token.name},
      {"user_id", token.user_id},
      {"scopes", token.scopes},
      {"created_at", FormatIsoTime(token.created_at)},
      {"expires_at", FormatIsoTime(token.expires_at)},
      {"revoked_at", OptionalTime(token.revoked_at)},
      {"last_used_at", OptionalTime(token.last_used_at)},
  };
}

nlohmann::json EvidenceView(const std::vector<EvidenceReference>& evidence) {
  nlohmann::json view = nlohmann::json::array();
  for (const EvidenceReference& reference : evidence) {
    nlohmann::json& item = view.emplace_back(nlohmann::json::object());
    item["event"] = reference.type;
    item["at"] = FormatIsoTime(reference.at);
    if (reference.ledger_index) {
      item["ledger_index"] = *reference.ledger_index;
      item["receipt"] = "/api/v1/ledger/receipts/" + std::to_string(*reference.ledger_index);
    } else {
      item["ledger_index"] = nullptr;
      item["receipt"] = nullptr;
    }
  }
  return view;
}

}  // namespace gongshu
