// The catalog and registration as users meet them, on a real server: a provider drafts a
// resource and submits it; an admin accepts and reviews it; it appears in publicity; an
// anonymous user objects; the admin dismisses the objection; after the publicity period (the
// server's clock moved forward through testing.clock_offset_file) the code and certificate are
// issued; the resource is found by a two-character Chinese query; every step is on the ledger.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/testing/temp_dir.h"
#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class CatalogWorkflowTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_dir_ = new std::string(MakeTempDir("gongshu-clock"));
    SetClockOffset(0);
    std::string error;
    demo_ = StartDemoServer({{"GONGSHU_TESTING_CLOCK_OFFSET_FILE", *clock_dir_ + "/offset"},
                             {"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"},
                             {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0"}},
                            &error)
                .release();
    ASSERT_NE(demo_, nullptr) << error;
  }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }

  static void SetClockOffset(int64_t seconds) {
    std::ofstream(*clock_dir_ + "/offset") << seconds << "\n";
    // The server re-reads the file at most every 100 ms.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }

  // Sends a request as `role` ("anonymous" sends no token); parses a JSON answer into `body`.
  HttpResult Call(const std::string& role, const std::string& method, const std::string& target,
                  const nlohmann::json& json = nullptr, nlohmann::json* body = nullptr) {
    Headers headers;
    if (role != "anonymous") headers.emplace_back("Authorization", "Bearer " + demo_->tokens[role]);
    std::string payload;
    if (!json.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      payload = json.dump();
    }
    HttpResult result = Send(demo_->server.port(), method, target, headers, payload);
    if (body != nullptr) *body = nlohmann::json::parse(result.body, nullptr, false);
    return result;
  }

  nlohmann::json ResourceBody(const std::string& name) {
    nlohmann::json body = nlohmann::json::parse(
        ReadFile(std::string(GONGSHU_SOURCE_DIR) + "/src/catalog/testdata/base_resource.json"));
    body["provider_id"] = demo_->organization_ids["traffic_org"];
    body["name"] = name;
    return body;
  }

  static std::string* clock_dir_;
  static DemoServer* demo_;
};

std::string* CatalogWorkflowTest::clock_dir_ = nullptr;
DemoServer* CatalogWorkflowTest::demo_ = nullptr;

TEST_F(CatalogWorkflowTest, FromDraftToCertificate) {
  nlohmann::json resource;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources", ResourceBody("福州市公交线路走向信息"),
                 &resource)
                .status,
            201)
      << resource.dump();
  std::string resource_id = resource["id"];
  EXPECT_EQ(resource["status"], "draft");
  EXPECT_EQ(resource["version"], 1);

  // A draft is not public.
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/resources/" + resource_id).status, 404);
  EXPECT_EQ(Call("consumer", "GET", "/api/v1/resources/" + resource_id).status, 404);

  nlohmann::json registration;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources/" + resource_id + "/registrations",
                 {{"type", "initial"}}, &registration)
                .status,
            201)
      << registration.dump();
  std::string registration_id = registration["id"];
  EXPECT_EQ(registration["state"], "submitted");
  EXPECT_FALSE(registration["deadline"].is_null());
  // One registration at a time.
  EXPECT_EQ(Call("provider", "POST", "/api/v1/resources/" + resource_id + "/registrations",
                 {{"type", "initial"}})
                .status,
            409);
  // Only an admin decides.
  EXPECT_EQ(Call("provider", "POST", "/api/v1/registrations/" + registration_id + "/accept").status,
            403);

  nlohmann::json step;
  for (const char* name : {"accept", "review", "publish"}) {
    ASSERT_EQ(Call("platform_admin", "POST",
                   "/api/v1/registrations/" + registration_id + "/" + name, nullptr, &step)
                  .status,
              200)
        << name << ": " << step.dump();
  }
  EXPECT_EQ(step["state"], "publicity");
  EXPECT_FALSE(step["publicity_end"].is_null());

  // In publicity: listed for everyone with registrant, type, name and summary.
  nlohmann::json publicity;
  ASSERT_EQ(Call("anonymous", "GET", "/api/v1/publicity?limit=200", nullptr, &publicity).status,
            200);
  nlohmann::json listed;
  for (const nlohmann::json& entry : publicity["items"]) {
    if (entry["registration_id"] == registration_id) listed = entry;
  }
  ASSERT_FALSE(listed.is_null());
  EXPECT_EQ(listed["resource_name"], "福州市公交线路走向信息");
  EXPECT_EQ(listed["registrant"]["name"], "福州市交通运输局");
  EXPECT_EQ(listed["type"], "initial");
  EXPECT_FALSE(listed["resource_summary"].get<std::string>().empty());

  // An anonymous objection, with a contact; it blocks coding even after the period.
  nlohmann::json objection;
  ASSERT_EQ(
      Call("anonymous", "POST", "/api/v1/publicity/" + registration_id + "/objections",
           {{"contact", "13800000000"}, {"text", "与省级资源重复，请核实权威来源"}}, &objection)
          .status,
      201)
      << objection.dump();
  EXPECT_EQ(objection["state"], "open");
  EXPECT_FALSE(objection.contains("objector_contact"));  // personal data stays private
  nlohmann::json refused;
  EXPECT_EQ(Call("platform_admin", "POST", "/api/v1/registrations/" + registration_id + "/code",
                 nullptr, &refused)
                .status,
            422);
  EXPECT_NE(refused["detail"].get<std::string>().find("publicity period"), std::string::npos);

  // Fifteen days later (beyond ten working days), still blocked by the open objection.
  SetClockOffset(15 * 24 * 3600);
  EXPECT_EQ(Call("platform_admin", "POST", "/api/v1/registrations/" + registration_id + "/code",
                 nullptr, &refused)
                .status,
            422);
  EXPECT_NE(refused["detail"].get<std::string>().find("objection"), std::string::npos);

  nlohmann::json resolution;
  ASSERT_EQ(Call("platform_admin", "POST",
                 "/api/v1/objections/" + objection["id"].get<std::string>() + "/resolve",
                 {{"outcome", "dismissed"}, {"reason", "经核实，本资源由市交通运输局权威提供"}},
                 &resolution)
                .status,
            200)
      << resolution.dump();
  EXPECT_EQ(resolution["objection"]["state"], "dismissed");
  EXPECT_EQ(resolution["registration"]["state"], "publicity");

  nlohmann::json coded;
  ASSERT_EQ(Call("platform_admin", "POST", "/api/v1/registrations/" + registration_id + "/code",
                 nullptr, &coded)
                .status,
            200)
      << coded.dump();
  std::string code = coded["code"];
  ASSERT_EQ(code.size(), 17u);
  EXPECT_EQ(code.substr(0, 6), "350100");  // the registering administration's division

  // The resolution is public with its reason; the certificate is a page and JSON.
  nlohmann::json public_view;
  ASSERT_EQ(
      Call("anonymous", "GET", "/api/v1/registrations/" + registration_id, nullptr, &public_view)
          .status,
      200);
  ASSERT_EQ(public_view["objections"].size(), 1u);
  EXPECT_EQ(public_view["objections"][0]["resolution_reason"],
            "经核实，本资源由市交通运输局权威提供");
  EXPECT_FALSE(public_view["objections"][0].contains("objector_contact"));
  nlohmann::json certificate;
  ASSERT_EQ(Call("anonymous", "GET", "/api/v1/registrations/" + code + "/certificate", nullptr,
                 &certificate)
                .status,
            200);
  EXPECT_EQ(certificate["code"], code);
  EXPECT_EQ(certificate["resource"]["name"], "福州市公交线路走向信息");
  EXPECT_EQ(certificate["registrant"]["name"], "福州市交通运输局");
  HttpResult page =
      Send(demo_->server.port(), "GET", "/api/v1/registrations/" + code + "/certificate",
           {{"Accept", "text/html"}});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("公共数据资源登记证书"), std::string::npos);
  EXPECT_NE(page.body.find(code), std::string::npos);
  // A code with a wrong check character names no certificate.
  std::string forged = code.substr(0, 16) + (code[16] == '0' ? "1" : "0");
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/registrations/" + forged + "/certificate").status,
            404);

  // Registered: public, found by a two-character query, with its history and evidence.
  nlohmann::json shown;
  ASSERT_EQ(Call("anonymous", "GET", "/api/v1/resources/" + resource_id, nullptr, &shown).status,
            200);
  EXPECT_EQ(shown["status"], "registered");
  EXPECT_EQ(shown["registration_code"], code);
  // q=公交, walking every page with the cursor.
  bool hit = false;
  std::string target = "/api/v1/resources?q=%E5%85%AC%E4%BA%A4&limit=100";
  for (int page = 0; page < 100 && !hit && !target.empty(); ++page) {
    nlohmann::json found;
    ASSERT_EQ(Call("anonymous", "GET", target, nullptr, &found).status, 200) << found.dump();
    for (const nlohmann::json& item : found["items"]) {
      if (item["id"] != resource_id) continue;
      hit = true;
      EXPECT_NE(item["highlight"]["name"].get<std::string>().find("<mark>"), std::string::npos);
    }
    target = found["next_cursor"].is_null()
                 ? std::string()
                 : "/api/v1/resources?q=%E5%85%AC%E4%BA%A4&limit=100&cursor=" +
                       found["next_cursor"].get<std::string>();
  }
  EXPECT_TRUE(hit);
  nlohmann::json history;
  ASSERT_EQ(
      Call("anonymous", "GET", "/api/v1/resources/" + resource_id + "/history", nullptr, &history)
          .status,
      200);
  EXPECT_GE(history["items"].size(), 3u);  // created, registering, registered

  // Every transition reaches the ledger.
  nlohmann::json recorded;
  for (int attempt = 0; attempt < 300; ++attempt) {
    Call("anonymous", "GET", "/api/v1/registrations/" + registration_id, nullptr, &recorded);
    bool all = !recorded["evidence"].empty();
    for (const nlohmann::json& entry : recorded["evidence"])
      all = all && !entry["ledger_index"].is_null();
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::vector<std::string> events;
  for (const nlohmann::json& entry : recorded["evidence"]) {
    events.push_back(entry["event"]);
    EXPECT_FALSE(entry["ledger_index"].is_null()) << entry.dump();
  }
  EXPECT_EQ(events, (std::vector<std::string>{"registration.submitted", "registration.accepted",
                                              "registration.reviewed", "registration.publicity",
                                              "registration.coded"}));

  // The same resource through the standards: DCAT-AP (Turtle and JSON-LD) and CKAN.
  HttpResult turtle =
      Send(demo_->server.port(), "GET", "/api/v1/resources/" + resource_id + ".ttl");
  EXPECT_EQ(turtle.status, 200);
  EXPECT_NE(turtle.Header("content-type").find("text/turtle"), std::string::npos);
  EXPECT_NE(turtle.body.find("dcat:Dataset"), std::string::npos);
  EXPECT_NE(turtle.body.find("福州市公交线路走向信息"), std::string::npos);
  nlohmann::json json_ld;
  ASSERT_EQ(
      Call("anonymous", "GET", "/api/v1/resources/" + resource_id + ".jsonld", nullptr, &json_ld)
          .status,
      200);
  EXPECT_TRUE(json_ld.contains("@context")) << json_ld.dump().substr(0, 200);
  nlohmann::json search;
  ASSERT_EQ(Call("anonymous", "GET",
                 "/api/3/action/package_search?q=%E5%85%AC%E4%BA%A4%E7%BA%BF%E8%B7%AF&rows=50",
                 nullptr, &search)
                .status,
            200);  // q=公交线路
  EXPECT_EQ(search["success"], true);
  std::string package_name;
  for (const nlohmann::json& package : search["result"]["results"]) {
    if (package["id"] == resource_id) package_name = package["name"];
  }
  ASSERT_FALSE(package_name.empty()) << search.dump().substr(0, 500);
  nlohmann::json shown_package;
  ASSERT_EQ(Call("anonymous", "GET", "/api/3/action/package_show?id=" + package_name, nullptr,
                 &shown_package)
                .status,
            200);
  EXPECT_EQ(shown_package["result"]["id"], resource_id);
  EXPECT_EQ(shown_package["result"]["title"], "福州市公交线路走向信息");
  // CKAN clients also POST their parameters as JSON.
  HttpResult posted =
      Send(demo_->server.port(), "POST", "/api/3/action/package_show",
           {{"Content-Type", "application/json"}}, nlohmann::json({{"id", resource_id}}).dump());
  EXPECT_EQ(posted.status, 200);
  SetClockOffset(0);
}

TEST_F(CatalogWorkflowTest, ChangesKeepEveryVersionAndRefuseStaleOrRuleBreakingWrites) {
  nlohmann::json resource;
  ASSERT_EQ(Call("provider", "POST", "/api/v1/resources", ResourceBody("福州市出租车服务质量信息"),
                 &resource)
                .status,
            201);
  std::string id = resource["id"];
  nlohmann::json changed;
  ASSERT_EQ(Call("provider", "PATCH", "/api/v1/resources/" + id,
                 {{"version", 1}, {"reason", "补充摘要"}, {"summary", "出租车服务质量考核结果。"}},
                 &changed)
                .status,
            200)
      << changed.dump();
  EXPECT_EQ(changed["version"], 2);
  // A stale version is a conflict; nothing changes.
  EXPECT_EQ(Call("provider", "PATCH", "/api/v1/resources/" + id,
                 {{"version", 1}, {"reason", "再改"}, {"summary", "过期的修改"}})
                .status,
            409);
  // Core data may not be opened: the rule is named on the field.
  nlohmann::json problem;
  EXPECT_EQ(Call("provider", "PATCH", "/api/v1/resources/" + id,
                 {{"version", 2},
                  {"reason", "升级为核心数据"},
                  {"grading", {{"grade", "core"}, {"basis", "测试"}}}},
                 &problem)
                .status,
            400);
  ASSERT_TRUE(problem.contains("errors")) << problem.dump();
  EXPECT_EQ(problem["errors"][0]["field"], "opening.attribute");
  EXPECT_EQ(problem["errors"][0]["reason"].get<std::string>().rfind("core_never_opened", 0), 0u);
  // Old versions stay readable, with who changed what and why.
  nlohmann::json first;
  ASSERT_EQ(
      Call("provider", "GET", "/api/v1/resources/" + id + "?version=1", nullptr, &first).status,
      200);
  EXPECT_EQ(first["summary"], "福州市区公交站点的名称、位置与途经线路。");
  nlohmann::json history;
  ASSERT_EQ(
      Call("provider", "GET", "/api/v1/resources/" + id + "/history", nullptr, &history).status,
      200);
  ASSERT_EQ(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][1]["reason"], "补充摘要");
  // Another provider's organization is not yours to write.
  nlohmann::json other = ResourceBody("不属于我的资源");
  other["provider_id"] = demo_->organization_ids["weather_org"];
  EXPECT_EQ(Call("provider", "POST", "/api/v1/resources", other).status, 403);
}

}  // namespace
}  // namespace gongshu::testing
