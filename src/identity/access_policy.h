// The access policy: the one place where Gongshu decides whether a principal may do an action.
//
// Deny by default: an action not named below is refused to everyone. Routes are registered with
// the action they perform (api/routes.cc), and the HTTP layer asks Decide() before running the
// handler; handlers that act on a particular organization or token ask again with that target.
// The route × role matrix in tests/integration/authorization_matrix.tsv is the executable record
// of these rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "identity/role.h"

namespace gongshu {

enum class Action {
  kPublicRead,          // health, metadata documents, static portal files: everyone
  kWitnessSubmit,       // a log asking this node to cosign its checkpoint: everyone (the log's
                        // signature is what counts)
  kLogin,               // everyone
  kLogout,              // any signed-in principal
  kMeRead,              // any signed-in principal
  kOrganizationRead,    // everyone: the organization registry is public
  kOrganizationCreate,  // platform admins
  kOrganizationUpdate,  // platform admins; an organization's own admins
  kUserRead,            // platform admins, auditors; organization admins see their members
  kUserCreate,          // platform admins; organization admins within their organizations
  kTokenCreate,         // any signed-in user, for themselves
  kTokenRead,           // any signed-in user, their own tokens; platform admins, anyone's
  kTokenRevoke,         // the token's owner; platform admins
  kCatalogRead,         // everyone: registered resources, search, publicity, certificates,
                        // DCAT and CKAN documents
  kResourceDraftRead,   // resources not yet registered: platform admins, auditors, the
                        // provider's own providers and admins
  kResourceWrite,       // create and change resources: platform admins; providers of the
                        // providing organization
  kRegistrationSubmit,  // submit a registration: platform admins; providers of the resource's
                        // organization
  kRegistrationRead,    // the registration queue: platform admins, auditors; providers see
                        // their own organization's
  kRegistrationDecide,  // accept, return, review, publish, code, reject: platform admins
  kObjectionFile,       // everyone, anonymous included (with a contact)
  kObjectionResolve,    // platform admins
  kDatasetRead,         // rows, downloads, versions and quality of a resource's data: everyone
                        // at the route; unconditionally open data of registered resources is
                        // public, other data only to the provider, admins and auditors (the
                        // dataset service decides per resource)
  kDatasetWrite,        // upload data versions, set the de-identification policy, decide data
                        // applications: platform admins; providers of the resource's
                        // organization
  kApplicationSubmit,   // apply for conditionally opened data, follow one's applications and
                        // collect their credentials: any signed-in principal
};

// The name used in token scopes and logs ("organization.read", ...).
std::string_view ActionName(Action action);
// Parses a name ActionName returns; nullopt for anything else.
std::optional<Action> ParseActionName(std::string_view name);
// Every action name a token may be scoped to.
std::vector<std::string> TokenScopeNames();

// Who is asking. Built by the HTTP layer from a session cookie, a bearer token, or nothing.
struct Principal {
  std::string user_id;  // empty for anonymous
  std::string username;
  std::vector<Membership> memberships;
  // Set when the request authenticated with an API token: its id and scopes.
  std::optional<std::string> token_id;
  std::vector<std::string> token_scopes;
  // Set when the request authenticated with a session cookie.
  bool via_session = false;
  std::string session_hash;
  std::string csrf_token;

  bool anonymous() const { return user_id.empty(); }
  // Admin role in a data administration organization.
  bool IsPlatformAdmin() const;
  bool HasRole(Role role) const;
  bool HasRoleIn(const std::string& organization_id, Role role) const;
};

// What an action is done to, when it matters for the decision.
struct AccessTarget {
  std::optional<std::string> organization_id;
  std::optional<std::string> owner_user_id;  // for tokens
};

// Ok when `principal` may do `action` on `target`. Otherwise Unauthenticated (anonymous asked for
// something that needs a principal) or PermissionDenied, with a message naming the action and
// what would be needed.
Status Decide(const Principal& principal, Action action, const AccessTarget& target = {});

}  // namespace gongshu
