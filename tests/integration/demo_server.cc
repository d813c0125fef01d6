#include "demo_server.h"

#include <nlohmann/json.hpp>

#include "http_client.h"

namespace gongshu::testing {

const std::vector<std::pair<std::string, std::string>>& DemoServer::Roles() {
  static const std::vector<std::pair<std::string, std::string>> kRoles = {
      {"anonymous", ""},
      {"platform_admin", "admin"},
      {"org_admin", "weather.admin"},
      {"provider", "traffic.provider"},
      {"consumer", "health.consumer"},
      {"operator", "operator.analyst"},
      {"reviewer", "review.officer"},
      {"auditor", "audit.officer"},
  };
  return kRoles;
}

namespace {

// Issues a token with the command line; returns {secret, id} or empty on failure.
std::pair<std::string, std::string> IssueToken(const std::string& data_dir,
                                               const std::string& username, std::string* error) {
  CommandResult result = RunGongshu({"token", "create", "--data-dir", data_dir, "--username",
                                     username, "--name", "test", "--scope", "*"});
  if (result.exit_code != 0) {
    *error = "token create for " + username + " failed: " + result.err;
    return {};
  }
  std::string secret = result.out.substr(0, result.out.find('\n'));
  size_t start = result.err.find("tok_");
  std::string id = result.err.substr(start, result.err.find(' ', start) - start);
  return {secret, id};
}

}  // namespace

std::unique_ptr<DemoServer> StartDemoServer(const std::map<std::string, std::string>& environment,
                                            std::string* error) {
  auto demo = std::make_unique<DemoServer>();
  demo->data_dir = MakeTempDir() + "/data";
  CommandResult created = RunGongshu({"demo", "--data-dir", demo->data_dir});
  if (created.exit_code != 0) {
    *error = "gongshu demo failed: " + created.err;
    return nullptr;
  }
  for (const auto& [role, username] : DemoServer::Roles()) {
    if (username.empty()) continue;
    auto [secret, id] = IssueToken(demo->data_dir, username, error);
    if (secret.empty()) return nullptr;
    demo->tokens[role] = secret;
    auto spare = IssueToken(demo->data_dir, username, error);
    if (spare.first.empty()) return nullptr;
    demo->spare_token_ids[role] = spare.second;
  }
  auto extra = IssueToken(demo->data_dir, "admin", error);
  if (extra.first.empty()) return nullptr;
  demo->admin_extra_token_id = extra.second;
  if (!demo->server.Start(demo->data_dir, environment, error)) return nullptr;
  HttpResult listing = Send(demo->server.port(), "GET", "/api/v1/organizations?limit=200");
  nlohmann::json organizations = nlohmann::json::parse(listing.body, nullptr, false);
  if (!organizations.is_object()) {
    *error = "cannot list organizations: " + listing.body;
    return nullptr;
  }
  for (const auto& organization : organizations["items"]) {
    std::string name = organization["name"];
    std::string id = organization["id"];
    if (organization["type"] == "data_administration") demo->organization_ids["admin_org"] = id;
    if (name == "福州市气象台") demo->organization_ids["weather_org"] = id;
    if (name == "福州市交通运输局") demo->organization_ids["traffic_org"] = id;
  }
  HttpResult me = Send(demo->server.port(), "GET", "/api/v1/me",
                       {{"Authorization", "Bearer " + demo->tokens["platform_admin"]}});
  nlohmann::json principal = nlohmann::json::parse(me.body, nullptr, false);
  if (!principal.is_object() || !principal.contains("user_id")) {
    *error = "cannot read the admin's id: " + me.body;
    return nullptr;
  }
  demo->admin_user_id = principal["user_id"];
  if (demo->organization_ids.size() != 3) {
    *error = "the demo organizations are not as expected: " + listing.body;
    return nullptr;
  }
  return demo;
}

}  // namespace gongshu::testing
