// The evidence ledger as a user meets it: a change gets a ledger index on the object, its
// receipt verifies offline against the published key, and `gongshu ledger verify` checks the
// whole log and names damage.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include <sodium.h>

#include "common/secrets.h"
#include "demo_server.h"
#include "http_client.h"
#include "ledger/checkpoint.h"
#include "ledger/evidence_entry.h"
#include "ledger/note.h"
#include "ledger/verify.h"

namespace gongshu::testing {
namespace {

Hash HashFromBase64(const std::string& text) {
  Hash hash{};
  std::string decoded(64, '\0');
  size_t length = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), text.data(),
                    text.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  if (length == hash.size()) std::copy(decoded.begin(), decoded.begin() + 32, hash.begin());
  return hash;
}

struct Receipt {
  uint64_t index = 0;
  std::vector<Hash> proof;
  std::string checkpoint;
};

// Parses C2SP tlog-proof: header, "index N", proof hashes, blank line, the checkpoint note.
bool ParseReceipt(const std::string& text, Receipt* receipt) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != "c2sp.org/tlog-proof@v1") return false;
  if (!std::getline(lines, line) || line.rfind("index ", 0) != 0) return false;
  receipt->index = std::stoull(line.substr(6));
  while (std::getline(lines, line) && !line.empty()) receipt->proof.push_back(HashFromBase64(line));
  std::ostringstream rest;
  rest << lines.rdbuf();
  receipt->checkpoint = rest.str();
  return !receipt->checkpoint.empty();
}

// Checks `receipt` for `entry` offline with nothing but the log's verifier key.
Status VerifyReceipt(const Receipt& receipt, const std::string& entry, const std::string& key) {
  Result<NoteVerifier> verifier = ParseVerifierKey(key);
  if (!verifier.ok()) return verifier.status();
  Result<std::string> text = OpenNote(receipt.checkpoint, *verifier);
  if (!text.ok()) return text.status();
  Result<Checkpoint> checkpoint = ParseCheckpoint(*text);
  if (!checkpoint.ok()) return checkpoint.status();
  return VerifyInclusion(receipt.index, checkpoint->size, LeafHash(entry), receipt.proof,
                         checkpoint->root);
}

TEST(LedgerTest, AChangeGetsAReceiptThatVerifiesOffline) {
  ASSERT_TRUE(InitSecrets());
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  uint16_t port = demo->server.port();
  Headers admin = {{"Authorization", "Bearer " + demo->tokens["platform_admin"]},
                   {"Content-Type", "application/json"}};
  HttpResult created =
      Send(port, "POST", "/api/v1/organizations", admin,
           R"({"name":"存证测试局","type":"department","division_code":"350100"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = nlohmann::json::parse(created.body)["id"];

  // The recorder puts the change on the ledger shortly after the write.
  nlohmann::json evidence;
  for (int attempt = 0; attempt < 500; ++attempt) {
    nlohmann::json organization =
        nlohmann::json::parse(Send(port, "GET", "/api/v1/organizations/" + id).body);
    evidence = organization.value("evidence", nlohmann::json::array());
    if (!evidence.empty() && evidence[0]["ledger_index"].is_number()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(evidence.empty());
  ASSERT_TRUE(evidence[0]["ledger_index"].is_number()) << evidence.dump();
  EXPECT_EQ(evidence[0]["event"], "organization.created");
  uint64_t index = evidence[0]["ledger_index"];

  nlohmann::json entry = nlohmann::json::parse(
      Send(port, "GET", "/api/v1/ledger/entries/" + std::to_string(index)).body);
  EXPECT_EQ(entry["record_matches"], true);
  Result<EvidenceEntry> parsed = ParseEvidenceEntry(entry["entry"].get<std::string>());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->subject, id);
  EXPECT_EQ(parsed->record_sha256, Sha256Hex(entry["record"].get<std::string>()));

  HttpResult receipt_response = Send(port, "GET", evidence[0]["receipt"].get<std::string>());
  ASSERT_EQ(receipt_response.status, 200);
  EXPECT_NE(receipt_response.Header("content-disposition").find(".tlog-proof"), std::string::npos);
  std::string key = Send(port, "GET", "/ledger/key").body;
  key.pop_back();  // the trailing newline
  Receipt receipt;
  ASSERT_TRUE(ParseReceipt(receipt_response.body, &receipt)) << receipt_response.body;
  EXPECT_EQ(receipt.index, index);
  Status verified = VerifyReceipt(receipt, entry["entry"], key);
  EXPECT_TRUE(verified.ok()) << verified.message();

  // A receipt for another entry, or with a changed proof, does not verify.
  EXPECT_FALSE(VerifyReceipt(receipt, "gongshu/evidence/v1\nsequence 1\n", key).ok());
  if (!receipt.proof.empty()) {
    Receipt changed = receipt;
    changed.proof[0][0] ^= 1;
    EXPECT_FALSE(VerifyReceipt(changed, entry["entry"], key).ok());
  }
}

TEST(LedgerTest, LedgerVerifyChecksTheWholeLogAndNamesDamage) {
  std::string error;
  std::unique_ptr<DemoServer> demo = StartDemoServer({}, &error);
  ASSERT_NE(demo, nullptr) << error;
  ASSERT_EQ(demo->server.Stop(), 0);
  CommandResult intact = RunGongshu({"ledger", "verify", "--data-dir", demo->data_dir});
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_NE(intact.out.find("ledger verified"), std::string::npos);

  // Flip one bit of the first leaf hash in the first level-0 tile on disk: full once the log has
  // 256 entries, else the widest partial one.
  std::string tile;
  if (std::ifstream(demo->data_dir + "/ledger/tile/0/000").good()) {
    tile = demo->data_dir + "/ledger/tile/0/000";
  }
  for (int width = 255; width >= 1 && tile.empty(); --width) {
    std::string path = demo->data_dir + "/ledger/tile/0/000.p/" + std::to_string(width);
    if (std::ifstream(path).good()) tile = path;
  }
  ASSERT_FALSE(tile.empty());
  {
    std::fstream file(tile, std::ios::binary | std::ios::in | std::ios::out);
    char byte = 0;
    file.get(byte);
    file.seekp(0);
    file.put(static_cast<char>(byte ^ 0x01));
  }
  CommandResult damaged = RunGongshu({"ledger", "verify", "--data-dir", demo->data_dir});
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.err.find("tile/0/000"), std::string::npos) << damaged.err;
}

}  // namespace
}  // namespace gongshu::testing
