// The real server killed with SIGKILL during heavy writes, twenty times over: every acknowledged
// write is still there afterwards, reaches the ledger, and `gongshu ledger verify` passes.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "demo_server.h"
#include "http_client.h"

namespace gongshu::testing {
namespace {

TEST(LedgerCrashTest, AcknowledgedWritesSurviveSigkillAndTheLedgerVerifies) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  ASSERT_EQ(demo->server.Stop(), 0);
  std::map<std::string, std::string> settings = {{"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"},
                                                 {"GONGSHU_RATE_LIMIT_PER_TOKEN", "0"},
                                                 {"GONGSHU_ACCESS_LOG", "off"}};
  std::vector<std::string> acknowledged;
  std::mutex acknowledged_mutex;
  std::mt19937 random(20261123);
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server;
    ASSERT_TRUE(server.Start(demo->data_dir, settings, &error))
        << "round " << round << ": " << error;
    uint16_t port = server.port();
    // Writers create organizations as fast as they can; the test kills the server after a
    // random number of acknowledgements, while writes are still in flight.
    size_t kill_after = acknowledged.size() + 5 + random() % 40;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < 4; ++writer) {
      writers.emplace_back([&, writer] {
        for (int count = 0; !stop.load(); ++count) {
          std::string name = "崩溃测试 " + std::to_string(round) + "-" + std::to_string(writer) +
                             "-" + std::to_string(count);
          HttpResult created = Send(
              port, "POST", "/api/v1/organizations",
              {{"Authorization", "Bearer " + demo->tokens["platform_admin"]},
               {"Content-Type", "application/json"}},
              nlohmann::json({{"name", name}, {"type", "department"}, {"division_code", "350100"}})
                  .dump());
          if (created.status != 201) break;  // the server is gone
          std::lock_guard<std::mutex> lock(acknowledged_mutex);
          acknowledged.push_back(nlohmann::json::parse(created.body)["id"]);
        }
      });
    }
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(acknowledged_mutex);
        if (acknowledged.size() >= kill_after) break;
      }
      std::this_thread::yield();
    }
    server.Signal(SIGKILL);
    stop = true;
    for (std::thread& writer : writers) writer.join();
    EXPECT_EQ(server.Stop(), 128 + SIGKILL);
  }

  // After the last crash: every acknowledged organization exists and is on the ledger.
  ServerProcess server;
  ASSERT_TRUE(server.Start(demo->data_dir, settings, &error)) << error;
  for (const std::string& id : acknowledged) {
    HttpResult organization = Send(server.port(), "GET", "/api/v1/organizations/" + id);
    ASSERT_EQ(organization.status, 200) << id;
    nlohmann::json evidence = nlohmann::json::parse(organization.body)["evidence"];
    ASSERT_EQ(evidence.size(), 1u) << id;
    EXPECT_TRUE(evidence[0]["ledger_index"].is_number()) << id << " is not on the ledger";
  }
  ASSERT_EQ(server.Stop(), 0);
  CommandResult verified = RunGongshu({"ledger", "verify", "--data-dir", demo->data_dir});
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_GT(acknowledged.size(), static_cast<size_t>(kRounds * 5));
}

}  // namespace
}  // namespace gongshu::testing
