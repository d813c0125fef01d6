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
