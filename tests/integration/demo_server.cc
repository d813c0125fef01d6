#include "demo_server.h"

#include <chrono>
#include <fstream>
#include <thread>

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

namespace {

// One API call of the fixture setup, as `role` ("anonymous" sends no token).
struct FixtureCall {
  DemoServer* demo;
  std::string* error;

  // Sends the request; true when the answer has `expected` status (its JSON body in `answer`).
  bool operator()(const std::string& role, const std::string& method, const std::string& target,
                  const nlohmann::json& body, int expected, nlohmann::json* answer = nullptr) {
    Headers headers;
    if (role != "anonymous") headers.emplace_back("Authorization", "Bearer " + demo->tokens[role]);
    std::string payload;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      payload = body.dump();
    }
    HttpResult result = Send(demo->server.port(), method, target, headers, payload);
    if (result.status != expected) {
      *error = "fixture setup: " + method + " " + target + " as " + role + " answered " +
               std::to_string(result.status) + ", expected " + std::to_string(expected) + ": " +
               result.body.substr(0, 500);
      return false;
    }
    if (answer != nullptr) *answer = nlohmann::json::parse(result.body, nullptr, false);
    return true;
  }
};

}  // namespace

bool CreateCatalogFixtures(DemoServer* demo, const std::string& base_resource,
                           const std::string& clock_offset_file, std::string* error) {
  nlohmann::json base = nlohmann::json::parse(base_resource, nullptr, false);
  if (!base.is_object()) {
    *error = "fixture setup: the base resource is not a JSON object";
    return false;
  }
  FixtureCall call{demo, error};
  std::map<std::string, std::string>& ids = demo->fixture_ids;
  // A new resource of `organization` named `name`, created by `role`; its id, or empty.
  auto create = [&](const std::string& role, const std::string& organization,
                    const std::string& name) -> std::string {
    nlohmann::json body = base;
    body["provider_id"] = demo->organization_ids[organization];
    body["name"] = name;
    nlohmann::json created;
    if (!call(role, "POST", "/api/v1/resources", body, 201, &created)) return "";
    return created.value("id", "");
  };
  // An initial registration of `resource_id` taken through `steps` by admin; its id, or empty.
  auto registration = [&](const std::string& resource_id,
                          const std::vector<nlohmann::json>& steps) -> std::string {
    nlohmann::json submitted;
    if (!call("provider", "POST", "/api/v1/resources/" + resource_id + "/registrations",
              {{"type", "initial"}}, 201, &submitted)) {
      return "";
    }
    std::string id = submitted.value("id", "");
    for (const nlohmann::json& step : steps) {
      std::string target = "/api/v1/registrations/" + id + "/" + step["name"].get<std::string>();
      if (!call("platform_admin", "POST", target, step.value("body", nlohmann::json()), 200)) {
        return "";
      }
    }
    return id;
  };
  const nlohmann::json accept_step = {{"name", "accept"}};
  const nlohmann::json review_step = {{"name", "review"}};
  const nlohmann::json publish_step = {{"name", "publish"}};

  // A registered resource: through publicity, then coded once the clock is past the period.
  std::string registered = create("provider", "traffic_org", "矩阵测试已登记资源");
  if (registered.empty()) return false;
  std::string coded = registration(registered, {accept_step, review_step, publish_step});
  if (coded.empty()) return false;
  std::ofstream(clock_offset_file) << 45 * 24 * 3600 << "\n";
  // The server re-reads the offset file at most every 100 ms; until it has, coding is refused
  // with 422 and changes nothing.
  HttpResult coding;
  for (int attempt = 0; attempt < 100; ++attempt) {
    coding = Send(demo->server.port(), "POST", "/api/v1/registrations/" + coded + "/code",
                  {{"Authorization", "Bearer " + demo->tokens["platform_admin"]}});
    if (coding.status != 422) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  nlohmann::json coded_view = nlohmann::json::parse(coding.body, nullptr, false);
  if (coding.status != 200 || !coded_view.is_object() || !coded_view["code"].is_string()) {
    *error = "fixture setup: coding answered " + std::to_string(coding.status) + ": " +
             coding.body.substr(0, 500) + " (was the server started with " +
             "GONGSHU_TESTING_CLOCK_OFFSET_FILE?)";
    return false;
  }
  ids["registered_resource"] = registered;
  ids["coded_registration"] = coded;
  ids["certificate_code"] = coded_view["code"];

  ids["draft_resource"] = create("provider", "traffic_org", "矩阵测试草稿资源");
  ids["weather_draft_resource"] = create("platform_admin", "weather_org", "矩阵测试气象草稿资源");
  ids["submitted_resource"] = create("provider", "traffic_org", "矩阵测试已申请资源");
  std::string accepted_resource = create("provider", "traffic_org", "矩阵测试已受理资源");
  std::string returned_resource = create("provider", "traffic_org", "矩阵测试已退回资源");
  std::string rejected_resource = create("provider", "traffic_org", "矩阵测试不予登记资源");
  std::string publicity_resource = create("provider", "traffic_org", "矩阵测试公示资源");
  for (const auto& id :
       {ids["draft_resource"], ids["weather_draft_resource"], ids["submitted_resource"],
        accepted_resource, returned_resource, rejected_resource, publicity_resource}) {
    if (id.empty()) return false;
  }
  ids["submitted_registration"] = registration(ids["submitted_resource"], {});
  ids["accepted_registration"] = registration(accepted_resource, {accept_step});
  nlohmann::json return_step = {{"name", "return"}};
  return_step["body"]["missing_items"] = nlohmann::json::array({"数据样例", "共享条件依据"});
  nlohmann::json reject_step = {{"name", "reject"}};
  reject_step["body"]["reason"] = "与已登记资源重复";
  ids["returned_registration"] = registration(returned_resource, {return_step});
  ids["rejected_registration"] = registration(rejected_resource, {reject_step});
  ids["publicity_registration"] =
      registration(publicity_resource, {accept_step, review_step, publish_step});
  for (const char* name :
       {"submitted_registration", "accepted_registration", "returned_registration",
        "rejected_registration", "publicity_registration"}) {
    if (ids[name].empty()) return false;
  }
  std::string objections = "/api/v1/publicity/" + ids["publicity_registration"] + "/objections";
  nlohmann::json open_objection;
  nlohmann::json resolved_objection;
  if (!call("anonymous", "POST", objections,
            {{"contact", "市民 138****0001"}, {"text", "该资源与本单位已登记资源重复"}}, 201,
            &open_objection) ||
      !call("anonymous", "POST", objections,
            {{"contact", "市民 138****0002"}, {"text", "资源摘要不完整"}}, 201,
            &resolved_objection)) {
    return false;
  }
  ids["open_objection"] = open_objection.value("id", "");
  ids["resolved_objection"] = resolved_objection.value("id", "");
  if (!call("platform_admin", "POST",
            "/api/v1/objections/" + ids["resolved_objection"] + "/resolve",
            {{"outcome", "dismissed"}, {"reason", "摘要已在登记材料中补充"}}, 200)) {
    return false;
  }
  // A published data version of the registered resource (its items: station_id, station_name,
  // longitude), uploaded by its provider.
  std::string upload = "/api/v1/resources/" + registered + "/versions?file_name=stops.csv";
  HttpResult uploaded =
      Send(demo->server.port(), "POST", upload,
           {{"Authorization", "Bearer " + demo->tokens["provider"]}, {"Content-Type", "text/csv"}},
           "station_id,station_name,longitude\nFZ001,五四路口,119.30\nFZ002,东街口,119.31\n");
  nlohmann::json ingestion = nlohmann::json::parse(uploaded.body, nullptr, false);
  if (uploaded.status != 202 || !ingestion.is_object()) {
    *error = "fixture setup: upload answered " + std::to_string(uploaded.status) + ": " +
             uploaded.body.substr(0, 500);
    return false;
  }
  ids["data_ingestion"] = ingestion.value("id", "");
  for (int attempt = 0; attempt < 200; ++attempt) {
    nlohmann::json state;
    if (!call("provider", "GET", "/api/v1/ingestions/" + ids["data_ingestion"], nullptr, 200,
              &state)) {
      return false;
    }
    if (state.value("state", "") == "published") return true;
    if (state.value("state", "") != "running") {
      *error = "fixture setup: the upload ended " + state.dump();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *error = "fixture setup: the upload did not finish";
  return false;
}

}  // namespace gongshu::testing
