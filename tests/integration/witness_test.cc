// Two real nodes: one's ledger is witnessed by the other (C2SP tlog-witness). The log's served
// checkpoint carries the witness's cosignature, which verifies against the witness's key, and
// the witness refuses checkpoints that are not consistent with what it cosigned.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "demo_server.h"
#include "http_client.h"
#include "ledger/cosignature.h"
#include "ledger/note.h"
#include "ledger/witness.h"

namespace gongshu::testing {
namespace {

std::string Trimmed(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

TEST(WitnessTest, ASecondNodeCosignsTheLogAndTheCheckpointCarriesIt) {
  ASSERT_TRUE(InitSecrets());
  std::string error;
  // The log's key, learned from a first start of the log node.
  std::map<std::string, std::string> log_settings = {{"GONGSHU_LEDGER_ORIGIN", "a.example/ledger"},
                                                     {"GONGSHU_RATE_LIMIT_PER_ADDRESS", "0"}};
  std::unique_ptr<DemoServer> log_node = StartDemoServer(log_settings, &error);
  ASSERT_NE(log_node, nullptr) << error;
  std::string log_key = Trimmed(Send(log_node->server.port(), "GET", "/ledger/key").body);
  ASSERT_EQ(log_node->server.Stop(), 0);

  std::unique_ptr<DemoServer> witness_node =
      StartDemoServer({{"GONGSHU_LEDGER_ORIGIN", "b.example/ledger"},
                       {"GONGSHU_LEDGER_WITNESS_NAME", "b.example/witness"},
                       {"GONGSHU_LEDGER_WITNESS_LOGS", log_key}},
                      &error);
  ASSERT_NE(witness_node, nullptr) << error;
  uint16_t witness_port = witness_node->server.port();
  std::string witness_key = Trimmed(Send(witness_port, "GET", "/ledger/witness-key").body);
  ASSERT_FALSE(witness_key.empty());

  ServerProcess log_server;
  std::map<std::string, std::string> witnessed = log_settings;
  witnessed["GONGSHU_LEDGER_WITNESSES"] =
      "http://127.0.0.1:" + std::to_string(witness_port) + "/ledger/add-checkpoint|" + witness_key;
  ASSERT_TRUE(log_server.Start(log_node->data_dir, witnessed, &error)) << error;
  uint16_t log_port = log_server.port();

  // The witness cosigns within a few rounds of the log's pusher.
  std::string checkpoint;
  for (int attempt = 0; attempt < 600; ++attempt) {
    checkpoint = Send(log_port, "GET", "/ledger/checkpoint").body;
    if (checkpoint.find("b.example/witness") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(checkpoint.find("b.example/witness"), std::string::npos) << checkpoint;
  // The log's own signature still verifies on the cosigned note, and the cosignature verifies
  // with the witness's key on the checkpoint body.
  Result<std::string> body = OpenNote(checkpoint, *ParseVerifierKey(log_key));
  ASSERT_TRUE(body.ok()) << body.status().message();
  Result<CosignatureVerifier> cosigner = ParseCosignatureVerifierKey(witness_key);
  ASSERT_TRUE(cosigner.ok());
  bool cosigned = false;
  for (const std::string& line : NoteSignatureLines(checkpoint)) {
    if (line.find("b.example/witness") == std::string::npos) continue;
    Result<int64_t> time = VerifyCosignature(*body, line, *cosigner);
    EXPECT_TRUE(time.ok()) << time.status().message();
    cosigned = time.ok();
  }
  EXPECT_TRUE(cosigned);

  // A checkpoint of the same log that does not extend what the witness cosigned is refused:
  // the witness answers 409 with the size it holds when the old size is wrong.
  HttpResult stale =
      Send(witness_port, "POST", "/ledger/add-checkpoint", {{"Content-Type", "text/plain"}},
           FormatAddCheckpointRequest(0, {}, checkpoint));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.Header("content-type"), "text/x.tlog.size");
  // A log the witness does not know is 404; a malformed request is 400.
  HttpResult unknown =
      Send(witness_port, "POST", "/ledger/add-checkpoint", {{"Content-Type", "text/plain"}},
           FormatAddCheckpointRequest(0, {}, Send(witness_port, "GET", "/ledger/checkpoint").body));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(Send(witness_port, "POST", "/ledger/add-checkpoint", {{"Content-Type", "text/plain"}},
                 "garbage")
                .status,
            400);
}

}  // namespace
}  // namespace gongshu::testing

namespace gongshu::testing {
namespace {

TEST(WitnessTest, LedgerWitnessCommandCosignsOnceAndRemembersTheSize) {
  ASSERT_TRUE(InitSecrets());
  std::string error;
  std::unique_ptr<DemoServer> log_node = StartDemoServer({}, &error);
  ASSERT_NE(log_node, nullptr) << error;
  uint16_t port = log_node->server.port();
  std::string log_key = Trimmed(Send(port, "GET", "/ledger/key").body);
  std::string log_url = "http://127.0.0.1:" + std::to_string(port) + "/ledger";
  std::string witness_dir = MakeTempDir() + "/witness";
  ASSERT_EQ(RunGongshu({"init", "--data-dir", witness_dir}).exit_code, 0);

  CommandResult first =
      RunGongshu({"ledger", "witness", "--data-dir", witness_dir, "--log", log_url, "--vkey",
                  log_key, "--witness-name", "audit.example/witness"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out.rfind("\xe2\x80\x94 audit.example/witness ", 0), 0u) << first.out;
  // The cosignature verifies with the key the command names, on the log's checkpoint body.
  std::string witness_key = first.err.substr(first.err.rfind(' ') + 1);
  witness_key = Trimmed(witness_key);
  Result<CosignatureVerifier> cosigner = ParseCosignatureVerifierKey(witness_key);
  ASSERT_TRUE(cosigner.ok()) << first.err;
  std::string checkpoint = Send(port, "GET", "/ledger/checkpoint").body;
  Result<std::string> body = OpenNote(checkpoint, *ParseVerifierKey(log_key));
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(VerifyCosignature(*body, first.out, *cosigner).ok());

  // The log grows; the second run proves consistency from the size cosigned before.
  Headers admin = {{"Authorization", "Bearer " + log_node->tokens["platform_admin"]},
                   {"Content-Type", "application/json"}};
  ASSERT_EQ(Send(port, "POST", "/api/v1/organizations", admin,
                 R"({"name":"见证测试局","type":"department","division_code":"350100"})")
                .status,
            201);
  for (int attempt = 0; attempt < 500; ++attempt) {
    if (Send(port, "GET", "/ledger/checkpoint").body != checkpoint) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CommandResult second =
      RunGongshu({"ledger", "witness", "--data-dir", witness_dir, "--log", log_url, "--vkey",
                  log_key, "--witness-name", "audit.example/witness"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("consistent with size"), std::string::npos);
  EXPECT_EQ(second.err.find("consistent with size 0"), std::string::npos) << second.err;

  // A wrong key for the log is refused, and nothing is cosigned.
  CommandResult wrong = RunGongshu(
      {"ledger", "witness", "--data-dir", witness_dir, "--log", log_url, "--vkey", witness_key});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_TRUE(wrong.out.empty());
}

}  // namespace
}  // namespace gongshu::testing
