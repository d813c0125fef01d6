// The running server as a user meets it: sign-in and CSRF, tokens, rate limits, lockout, metrics,
// the access log, static files and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

constexpr char kJson[] = "application/json";

struct Session {
  std::string cookie;  // "gongshu_session=..."
  std::string csrf;
};

Session SignIn(uint16_t port, const std::string& username, const std::string& password) {
  HttpResult login = Send(port, "POST", "/api/v1/auth/login", {{"Content-Type", kJson}},
                          nlohmann::json({{"username", username}, {"password", password}}).dump());
  Session session;
  if (login.status != 200) return session;
  std::string set_cookie = login.Header("set-cookie");
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  session.csrf = nlohmann::json::parse(login.body)["csrf_token"];
  return session;
}

Headers WithSession(const Session& session, bool csrf) {
  Headers headers = {{"Cookie", session.cookie}, {"Content-Type", kJson}};
  if (csrf) headers.emplace_back("X-CSRF-Token", session.csrf);
  return headers;
}

TEST(ServerTest, AdminSignsInCreatesOrganizationUserAndTokenThenCallsMe) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();

  HttpResult login = Send(port, "POST", "/api/v1/auth/login", {{"Content-Type", kJson}},
                          R"({"username":"admin","password":"gongshu-demo-admin"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string set_cookie = login.Header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP must not set Secure";
  Session admin = SignIn(port, "admin", "gongshu-demo-admin");
  ASSERT_FALSE(admin.cookie.empty());

  std::string organization_body =
      R"({"name":"福州市文化和旅游局","type":"department","division_code":"350100","uscc":"11350100MB00000100"})";
  HttpResult without_csrf =
      Send(port, "POST", "/api/v1/organizations", WithSession(admin, false), organization_body);
  EXPECT_EQ(without_csrf.status, 403) << "a cookie-authenticated write needs the CSRF token";
  HttpResult organization =
      Send(port, "POST", "/api/v1/organizations", WithSession(admin, true), organization_body);
  ASSERT_EQ(organization.status, 201) << organization.body;
  nlohmann::json created = nlohmann::json::parse(organization.body);
  EXPECT_EQ(organization.Header("location"),
            "/api/v1/organizations/" + created["id"].get<std::string>());
  EXPECT_EQ(created["uscc"], "11350100MB00000100");
  HttpResult duplicate =
      Send(port, "POST", "/api/v1/organizations", WithSession(admin, true), organization_body);
  EXPECT_EQ(duplicate.status, 409) << "the same USCC cannot be registered twice";

  nlohmann::json user_body = {
      {"username", "culture.provider"},
      {"display_name", "文旅局数据专员"},
      {"password", "a-long-password"},
      {"memberships", {{{"organization_id", created["id"]}, {"role", "provider"}}}}};
  HttpResult user = Send(port, "POST", "/api/v1/users", WithSession(admin, true), user_body.dump());
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(user.body.find("password"), std::string::npos) << "no password or hash is shown";

  // The new user signs in and makes a token for themselves.
  Session provider = SignIn(port, "culture.provider", "a-long-password");
  ASSERT_FALSE(provider.cookie.empty());
  HttpResult token = Send(port, "POST", "/api/v1/tokens", WithSession(provider, true),
                          R"({"name":"script","scopes":["me.read"]})");
  ASSERT_EQ(token.status, 201) << token.body;
  nlohmann::json issued = nlohmann::json::parse(token.body);
  std::string secret = issued["secret"];
  EXPECT_EQ(secret.rfind("gs_", 0), 0u);

  HttpResult me = Send(port, "GET", "/api/v1/me", {{"Authorization", "Bearer " + secret}});
  ASSERT_EQ(me.status, 200) << me.body;
  nlohmann::json principal = nlohmann::json::parse(me.body);
  EXPECT_EQ(principal["username"], "culture.provider");
  EXPECT_EQ(principal["authenticated_by"], "token");
  EXPECT_EQ(principal["memberships"][0]["role"], "provider");
  EXPECT_EQ(principal["platform_admin"], false);

  // The owner sees the token with its last use, never its secret again.
  HttpResult listing = Send(port, "GET", "/api/v1/tokens", WithSession(provider, false));
  ASSERT_EQ(listing.status, 200) << listing.body;
  EXPECT_EQ(listing.body.find(secret), std::string::npos);
  nlohmann::json listed = nlohmann::json::parse(listing.body)["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], issued["id"]);
  EXPECT_TRUE(listed[0]["last_used_at"].is_string()) << "the call to /me was recorded";
  EXPECT_TRUE(listed[0]["revoked_at"].is_null());
  ASSERT_TRUE(listed[0]["evidence"].is_array()) << "the token shows where its issue is recorded";
  EXPECT_EQ(listed[0]["evidence"][0]["event"], "token.issued");

  // The token is scoped: it may read /me but not list users.
  EXPECT_EQ(Send(port, "GET", "/api/v1/users", {{"Authorization", "Bearer " + secret}}).status,
            403);
  // Revoked, it stops working at once.
  HttpResult revoke = Send(port, "DELETE", "/api/v1/tokens/" + issued["id"].get<std::string>(),
                           WithSession(provider, true));
  EXPECT_EQ(revoke.status, 204);
  EXPECT_EQ(Send(port, "GET", "/api/v1/me", {{"Authorization", "Bearer " + secret}}).status, 401);

  // Logout ends the session.
  EXPECT_EQ(Send(port, "POST", "/api/v1/auth/logout", WithSession(provider, true)).status, 204);
  EXPECT_EQ(Send(port, "GET", "/api/v1/me", WithSession(provider, false)).status, 401);
}

TEST(ServerTest, RepeatedFailedLoginsLockTheAccountWithRetryAfter) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  const std::string wrong = R"({"username":"health.provider","password":"not-the-password"})";
  for (int attempt = 0; attempt < 10; ++attempt) {
    EXPECT_EQ(Send(port, "POST", "/api/v1/auth/login", {{"Content-Type", kJson}}, wrong).status,
              401);
  }
  HttpResult locked = Send(port, "POST", "/api/v1/auth/login", {{"Content-Type", kJson}},
                           R"({"username":"health.provider","password":"gongshu-demo-pass"})");
  EXPECT_EQ(locked.status, 429) << "even the right password waits out the lockout";
  int retry_after = std::atoi(locked.Header("retry-after").c_str());
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);
  // Other accounts are not affected.
  EXPECT_EQ(Send(port, "POST", "/api/v1/auth/login", {{"Content-Type", kJson}},
                 R"({"username":"health.consumer","password":"gongshu-demo-pass"})")
                .status,
            200);
}

TEST(ServerTest, RateLimitsPerAddressAndPerTokenAnswer429WithRetryAfter) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({{"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0.5"},
                                                      {"GONGSHU_RATE_LIMIT_BURST_PER_ADDRESS", "5"},
                                                      {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0.5"},
                                                      {"GONGSHU_RATE_LIMIT_BURST_PER_TOKEN", "2"}},
                                                     &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  // The server's own readiness probe took one request from the address bucket.
  Headers token = {{"Authorization", "Bearer " + demo->tokens["auditor"]}};
  EXPECT_EQ(Send(port, "GET", "/api/v1/me", token).status, 200);
  EXPECT_EQ(Send(port, "GET", "/api/v1/me", token).status, 200);
  HttpResult token_limited = Send(port, "GET", "/api/v1/me", token);
  EXPECT_EQ(token_limited.status, 429) << "the token's burst of 2 is spent";
  EXPECT_GE(std::atoi(token_limited.Header("retry-after").c_str()), 1);
  EXPECT_EQ(token_limited.Header("content-type"), "application/problem+json");
  HttpResult address_limited;
  for (int attempt = 0; attempt < 5 && address_limited.status != 429; ++attempt) {
    address_limited = Send(port, "GET", "/healthz");
  }
  EXPECT_EQ(address_limited.status, 429) << "the address's burst of 5 is spent";
  EXPECT_GE(std::atoi(address_limited.Header("retry-after").c_str()), 1);
}

TEST(ServerTest, MetricsAndAccessLogRecordEachRequest) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  std::string organization = demo->organization_ids["weather_org"];
  for (int count = 0; count < 3; ++count) {
    EXPECT_EQ(Send(port, "GET", "/api/v1/organizations/" + organization).status, 200);
  }
  EXPECT_EQ(Send(port, "GET", "/api/v1/organizations/org_nosuch").status, 404);
  HttpResult me = Send(
      port, "GET", "/api/v1/me",
      {{"Authorization", "Bearer " + demo->tokens["auditor"]}, {"X-Request-Id", "trace-me-123"}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.Header("x-request-id"), "trace-me-123");

  // A hostile path (a quote, a backslash, a byte that is not UTF-8) cannot break a log line.
  HttpResult hostile = SendRaw(port, "GET /x\"y\\z\xff HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_GE(hostile.status, 400);
  EXPECT_LT(hostile.status, 500);

  HttpResult metrics = Send(port, "GET", "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.Header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  const std::string series = "route=\"/api/v1/organizations/{id}\",method=\"GET\",status=\"200\"";
  EXPECT_NE(metrics.body.find("gongshu_http_requests_total{" + series + "} 3\n"), std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("gongshu_http_requests_total{route=\"/api/v1/organizations/{id}\","
                              "method=\"GET\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("gongshu_http_request_duration_seconds_bucket{" + series +
                              ",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("gongshu_http_request_duration_seconds_count{" + series + "} 3\n"),
            std::string::npos);
  EXPECT_EQ(metrics.body.find("org_"), std::string::npos) << "raw paths never become labels";

  EXPECT_EQ(demo->server.Stop(), 0);
  std::istringstream log(demo->server.Output());
  bool found = false;
  bool hostile_logged = false;
  for (std::string line; std::getline(log, line);) {
    nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << "every log line is JSON: " << line;
    hostile_logged = hostile_logged || entry.value("path", "").rfind("/x\"y\\z", 0) == 0;
    if (entry.value("request_id", "") != "trace-me-123") continue;
    found = true;
    EXPECT_EQ(entry["route"], "/api/v1/me");
    EXPECT_EQ(entry["method"], "GET");
    EXPECT_EQ(entry["status"], 200);
    EXPECT_NE(entry["principal"].get<std::string>().find("usr_"), std::string::npos);
    EXPECT_TRUE(entry.contains("latency_ms"));
    EXPECT_TRUE(entry.contains("bytes"));
    EXPECT_EQ(line.find(demo->tokens["auditor"]), std::string::npos) << "no secret in the log";
  }
  EXPECT_TRUE(found) << "the request is in the access log";
  EXPECT_TRUE(hostile_logged) << "the hostile request is logged as valid JSON";
}

TEST(ServerTest, KeepAliveHeadAndHttp10AreAnsweredCorrectly) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  RawConnection connection(demo->server.port());
  // HEAD: the length of the body it leaves out, and no body, so the next answer on the same
  // connection starts right after the head.
  ASSERT_TRUE(connection.Write("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string head = connection.ReadHead();
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Length: 15\r\n"), std::string::npos) << head;
  // Two requests in one write (pipelining) on the kept-alive connection.
  ASSERT_TRUE(
      connection.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                       "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"));
  HttpResult first = connection.Read();
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, R"({"status":"ok"})");
  HttpResult second = connection.Read();
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, R"({"status":"ready"})");
  // An HTTP/1.0 client that asks for keep-alive is told it is kept.
  RawConnection old_client(demo->server.port());
  ASSERT_TRUE(old_client.Write("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  std::string old_head = old_client.ReadHead();
  EXPECT_NE(old_head.find("Connection: keep-alive\r\n"), std::string::npos) << old_head;
}

TEST(ServerTest, SlowAndIdleClientsAreDisconnected) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer(
      {{"GONGSHU_LIMITS_REQUEST_TIMEOUT_MS", "300"}, {"GONGSHU_LIMITS_IDLE_TIMEOUT_MS", "300"}},
      &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  EXPECT_TRUE(ServerClosesWithin(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n", 10))
      << "a request whose headers never finish is cut off";
  EXPECT_TRUE(ServerClosesWithin(port, "", 10)) << "an idle connection is closed";
  EXPECT_EQ(Send(port, "GET", "/healthz").status, 200);
}

TEST(ServerTest, AcknowledgedWritesSurviveKill9) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  Headers admin = {{"Authorization", "Bearer " + demo->tokens["platform_admin"]},
                   {"Content-Type", kJson}};
  std::vector<std::string> created;
  for (int count = 0; count < 20; ++count) {
    HttpResult organization = Send(demo->server.port(), "POST", "/api/v1/organizations", admin,
                                   nlohmann::json({{"name", "持久性测试" + std::to_string(count)},
                                                   {"type", "department"},
                                                   {"division_code", "350100"}})
                                       .dump());
    ASSERT_EQ(organization.status, 201) << organization.body;
    created.push_back(nlohmann::json::parse(organization.body)["id"]);
  }
  demo->server.Signal(SIGKILL);
  EXPECT_EQ(demo->server.Stop(), 128 + SIGKILL);

  ServerProcess restarted;
  ASSERT_TRUE(restarted.Start(demo->data_dir, {}, &error)) << error;
  for (const std::string& id : created) {
    EXPECT_EQ(Send(restarted.port(), "GET", "/api/v1/organizations/" + id).status, 200) << id;
  }
}

TEST(ServerTest, GracefulShutdownOnSigtermRefusesNewConnections) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  EXPECT_EQ(Send(port, "GET", "/readyz").status, 200);
  EXPECT_EQ(demo->server.Stop(), 0) << "SIGTERM is a clean stop";
  EXPECT_FALSE(CanConnect(port)) << "no new connections after shutdown";
}

TEST(ServerTest, WithoutABuiltPortalTheRootLinksToTheApi) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  HttpResult root = Send(demo->server.port(), "GET", "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(root.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(root.body.find("/api/v1/openapi.json"), std::string::npos);
  EXPECT_EQ(Send(demo->server.port(), "GET", "/index.html").status, 404);
}

TEST(ServerTest, ARequestInFlightAtShutdownIsStillAnswered) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  const std::string body = R"({"username":"admin","password":"gongshu-demo-admin"})";
  RawConnection connection(port);
  // A first request on the connection proves the server is reading from it.
  ASSERT_TRUE(connection.Write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(connection.Read().status, 200);
  // The second request has begun (headers and half its body) when SIGTERM arrives.
  ASSERT_TRUE(connection.Write(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2)));
  // The begun request's first bytes were written before the signal is sent; it must finish.
  HttpResult readiness_before = Send(port, "GET", "/readyz");
  EXPECT_EQ(readiness_before.status, 200);
  demo->server.Signal(SIGTERM);
  ASSERT_TRUE(connection.Write(body.substr(body.size() / 2)));
  HttpResult answer = connection.Read();
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.Header("connection"), "close");
  EXPECT_EQ(demo->server.Stop(), 0);
}

TEST(ServerTest, ServesPortalFilesWithTypesAndCaching) {
  std::string root = MakeTempDir();
  mkdir((root + "/assets").c_str(), 0700);
  std::ofstream(root + "/index.html") << "<!doctype html><title>公数</title>";
  std::ofstream(root + "/assets/app-1a2b3c.js") << "console.log('portal');";
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({{"GONGSHU_STATIC_DIR", root}}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  HttpResult index = Send(port, "GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_EQ(index.body, "<!doctype html><title>公数</title>");
  HttpResult again = Send(port, "GET", "/", {{"If-None-Match", index.Header("etag")}});
  EXPECT_EQ(again.status, 304);
  HttpResult script = Send(port, "GET", "/assets/app-1a2b3c.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.Header("cache-control"), "public, max-age=31536000, immutable");
  HttpResult head = Send(port, "HEAD", "/assets/app-1a2b3c.js");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), std::to_string(script.body.size()));
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(Send(port, "GET", "/missing.js").status, 404);
  EXPECT_EQ(Send(port, "GET", "/api/v1/not-a-route").Header("content-type"),
            "application/problem+json");
}

}  // namespace
}  // namespace gongshu::testing
