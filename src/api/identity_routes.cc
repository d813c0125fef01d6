// Routes for identity and access: sign-in, the current principal, organizations, users, tokens.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/json_input.h"
#include "api/paging.h"
#include "api/responses.h"
#include "api/views.h"
#include "http/problem.h"

namespace gongshu {
namespace {

// Reads the organization fields of a create or change body.
OrganizationInput ReadOrganizationInput(ObjectReader& reader, bool creating) {
  OrganizationInput input;
  input.name = reader.String("name", creating);
  input.type = reader.String("type", creating);
  input.parent_id = reader.NullableString("parent_id");
  input.division_code = reader.String("division_code", creating);
  input.uscc = reader.NullableString("uscc");
  if (!creating) input.revision = reader.Integer("revision", false);
  return input;
}

}  // namespace

void App::AddEvidence(const std::string& subject_id, nlohmann::json* view) const {
  if (dependencies_.events == nullptr) return;
  Result<std::vector<EvidenceReference>> evidence = dependencies_.events->EvidenceFor(subject_id);
  if (evidence.ok()) (*view)["evidence"] = EvidenceView(*evidence);
}

void App::AddIdentityRoutes() {
  IdentityService& identity = *dependencies_.identity;

  router_.Add(
      "POST", "/api/v1/auth/login", Action::kLogin,
      [this, &identity](const Request& request, const RouteContext&) {
        Result<nlohmann::json> body = ParseJsonObject(request);
        if (!body.ok()) return Problem(body.status(), request);
        ObjectReader reader(*body);
        std::optional<std::string> username = reader.String("username", true);
        std::optional<std::string> password = reader.String("password", true);
        if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
        Result<LoginResult> login = identity.Login(*username, *password);
        if (!login.ok()) return Problem(login.status(), request);
        Result<std::vector<Membership>> memberships = identity.Memberships(login->user.id);
        if (!memberships.ok()) return Problem(memberships.status(), request);
        Response response = Json(200, {{"user", UserView(login->user, *memberships)},
                                       {"csrf_token", login->session.csrf_token},
                                       {"expires_at", FormatIsoTime(login->session.expires_at)}});
        int64_t max_age = std::chrono::duration_cast<std::chrono::seconds>(
                              login->session.expires_at - login->session.created_at)
                              .count();
        response.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + login->session_secret +
                                             CookieAttributes(request) +
                                             "; Max-Age=" + std::to_string(max_age));
        return response;
      });

  router_.Add("POST", "/api/v1/auth/logout", Action::kLogout,
              [this, &identity](const Request& request, const RouteContext& context) {
                if (Status status = identity.Logout(*context.principal); !status.ok()) {
                  return Problem(status, request);
                }
                Response response;
                response.status = 204;
                response.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" +
                                                     CookieAttributes(request) + "; Max-Age=0");
                return response;
              });

  router_.Add("GET", "/api/v1/me", Action::kMeRead,
              [](const Request&, const RouteContext& context) {
                const Principal& principal = *context.principal;
                nlohmann::json view = {
                    {"user_id", principal.user_id},
                    {"username", principal.username},
                    {"memberships", MembershipsView(principal.memberships)},
                    {"platform_admin", principal.IsPlatformAdmin()},
                    {"authenticated_by", principal.token_id ? "token" : "session"},
                };
                if (principal.token_id) {
                  view["token"] = {{"id", *principal.token_id}, {"scopes", principal.token_scopes}};
                } else {
                  view["csrf_token"] = principal.csrf_token;
                }
                return Json(200, view);
              });

  router_.Add(
      "GET", "/api/v1/organizations", Action::kOrganizationRead,
      [&identity](const Request& request, const RouteContext&) {
        Result<PageRequest> page = PageRequestFrom(request);
        if (!page.ok()) return Problem(page.status(), request);
        OrganizationFilter filter;
        if (const std::string* type = request.Query("type")) {
          filter.type = ParseOrganizationType(*type);
          if (!filter.type) {
            return Problem(
                Status::InvalidField("type", "must be one of " + OrganizationTypeNames()), request);
          }
        }
        if (const std::string* parent = request.Query("parent_id")) {
          filter.parent_id = *parent;
        }
        Result<Page<Organization>> organizations = identity.ListOrganizations(filter, *page);
        if (!organizations.ok()) return Problem(organizations.status(), request);
        nlohmann::json items = nlohmann::json::array();
        for (const Organization& organization : organizations->items) {
          items.push_back(OrganizationView(organization));
        }
        return Json(200, ListView(items, organizations->next_key));
      });

  router_.Add(
      "POST", "/api/v1/organizations", Action::kOrganizationCreate,
      [&identity](const Request& request, const RouteContext& context) {
        Result<nlohmann::json> body = ParseJsonObject(request);
        if (!body.ok()) return Problem(body.status(), request);
        ObjectReader reader(*body);
        OrganizationInput input = ReadOrganizationInput(reader, true);
        if (Status status = reader.Finish(); !status.ok()) {
          return Problem(WithDomainErrors(status, identity.OrganizationErrors(input, nullptr)),
                         request);
        }
        Result<Organization> created = identity.CreateOrganization(*context.principal, input);
        if (!created.ok()) return Problem(created.status(), request);
        return Created(OrganizationView(*created), "/api/v1/organizations/" + created->id);
      });

  router_.Add("GET", "/api/v1/organizations/{id}", Action::kOrganizationRead,
              [this, &identity](const Request& request, const RouteContext& context) {
                Result<Organization> organization =
                    identity.GetOrganization(context.params.at("id"));
                if (!organization.ok()) return Problem(organization.status(), request);
                nlohmann::json view = OrganizationView(*organization);
                AddEvidence(organization->id, &view);
                return Json(200, view);
              });

  router_.Add("PATCH", "/api/v1/organizations/{id}", Action::kOrganizationUpdate,
              [&identity](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                ObjectReader reader(*body);
                OrganizationInput input = ReadOrganizationInput(reader, false);
                if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
                Result<Organization> updated =
                    identity.UpdateOrganization(*context.principal, context.params.at("id"), input);
                if (!updated.ok()) return Problem(updated.status(), request);
                return Json(200, OrganizationView(*updated));
              });

  router_.Add("GET", "/api/v1/users", Action::kUserRead,
              [this, &identity](const Request& request, const RouteContext& context) {
                Result<PageRequest> page = PageRequestFrom(request);
                if (!page.ok()) return Problem(page.status(), request);
                Result<Page<User>> users = identity.ListUsers(*context.principal, *page);
                if (!users.ok()) return Problem(users.status(), request);
                nlohmann::json items = nlohmann::json::array();
                for (const User& user : users->items) {
                  Result<std::vector<Membership>> memberships = identity.Memberships(user.id);
                  if (!memberships.ok()) return Problem(memberships.status(), request);
                  nlohmann::json view = UserView(user, *memberships);
                  AddEvidence(user.id, &view);
                  items.push_back(std::move(view));
                }
                return Json(200, ListView(items, users->next_key));
              });

  router_.Add("POST", "/api/v1/users", Action::kUserCreate,
              [&identity](const Request& request, const RouteContext& context) {
                Result<nlohmann::json> body = ParseJsonObject(request);
                if (!body.ok()) return Problem(body.status(), request);
                ObjectReader reader(*body);
                NewUser input;
                input.username = reader.String("username", true).value_or("");
                input.display_name = reader.String("display_name", true).value_or("");
                input.email = reader.String("email", false);
                input.password = reader.String("password", true).value_or("");
                if (const nlohmann::json* list = reader.Value("memberships", false)) {
                  if (!list->is_array()) {
                    reader.AddError("memberships", "must be an array of {organization_id, role}");
                  } else {
                    for (size_t index = 0; index < list->size(); ++index) {
                      const nlohmann::json& item = (*list)[index];
                      std::string field = "memberships[" + std::to_string(index) + "]";
                      if (!item.is_object() || item.size() != 2 ||
                          !item.contains("organization_id") || !item.contains("role") ||
                          !item["organization_id"].is_string() || !item["role"].is_string()) {
                        reader.AddError(field,
                                        "must be an object with string fields organization_id "
                                        "and role, and nothing else");
                        continue;
                      }
                      input.memberships.emplace_back(item["organization_id"].get<std::string>(),
                                                     item["role"].get<std::string>());
                    }
                  }
                }
                if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
                Result<User> created = identity.CreateUser(*context.principal, input);
                if (!created.ok()) return Problem(created.status(), request);
                Result<std::vector<Membership>> memberships = identity.Memberships(created->id);
                if (!memberships.ok()) return Problem(memberships.status(), request);
                return Created(UserView(*created, *memberships), "/api/v1/users/" + created->id);
              });

  router_.Add(
      "POST", "/api/v1/tokens", Action::kTokenCreate,
      [&identity](const Request& request, const RouteContext& context) {
        Result<nlohmann::json> body = ParseJsonObject(request);
        if (!body.ok()) return Problem(body.status(), request);
        ObjectReader reader(*body);
        NewToken input;
        input.name = reader.String("name", true).value_or("");
        input.scopes = reader.StringArray("scopes", true).value_or(std::vector<std::string>{});
        if (std::optional<std::string> expires = reader.String("expires_at", false)) {
          TimePoint time;
          if (!ParseIsoTime(*expires, &time)) {
            reader.AddError("expires_at", "must be an ISO 8601 time such as 2027-01-31T00:00:00Z");
          } else {
            input.expires_at = time;
          }
        }
        if (Status status = reader.Finish(); !status.ok()) return Problem(status, request);
        Result<IssuedToken> issued = identity.CreateToken(*context.principal, input);
        if (!issued.ok()) return Problem(issued.status(), request);
        nlohmann::json view = TokenView(issued->token);
        view["secret"] = issued->secret;
        return Created(view, "/api/v1/tokens/" + issued->token.id);
      });

  router_.Add("GET", "/api/v1/tokens", Action::kTokenRead,
              [this, &identity](const Request& request, const RouteContext& context) {
                const std::string* user_id = request.Query("user_id");
                Result<std::vector<ApiToken>> tokens =
                    identity.ListTokens(*context.principal, user_id ? *user_id : "");
                if (!tokens.ok()) return Problem(tokens.status(), request);
                nlohmann::json items = nlohmann::json::array();
                for (const ApiToken& token : *tokens) {
                  nlohmann::json view = TokenView(token);
                  AddEvidence(token.id, &view);
                  items.push_back(std::move(view));
                }
                return Json(200, {{"items", items}, {"next_cursor", nullptr}});
              });

  router_.Add("DELETE", "/api/v1/tokens/{id}", Action::kTokenRevoke,
              [&identity](const Request& request, const RouteContext& context) {
                Status status = identity.RevokeToken(*context.principal, context.params.at("id"));
                if (!status.ok()) return Problem(status, request);
                Response response;
                response.status = 204;
                return response;
              });
}

}  // namespace gongshu
