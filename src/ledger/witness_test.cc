// Tests of ledger/witness.h: the add-checkpoint request format
// (testdata/add_checkpoint_requests.tsv), the witness's decisions over real signed checkpoints and
// RFC 6962 consistency proofs (testdata/add_checkpoint_decisions.tsv), and a log collecting
// cosignatures end to end. Expected cosignatures are recomputed from the tlog-cosignature
// definitions with libsodium (ledger/testing/cosignature.h); expected roots come from MemoryTree.
#include "ledger/witness.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/secrets.h"
#include "common/testing/table.h"
#include "ledger/testing/cosignature.h"
#include "ledger/testing/hex.h"

namespace gongshu {
namespace {

using testing::SpecBase64;
using testing::SpecCosignatureLine;

constexpr std::string_view kLogOrigin = "example.com/gongshu-a";
constexpr std::string_view kWitnessName = "witness.example/w1";
constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr uint64_t kLeaves = 16;

std::string TablePath(const std::string& name) {
  return std::string(GONGSHU_TESTDATA_DIR) + "/" + name;
}

template <typename T>
T ValueOrDie(Result<T> result) {
  if (!result.ok()) {
    ADD_FAILURE() << result.status().message();
    std::abort();
  }
  return std::move(result).value();
}

// 32 bytes first, first + 1, ...: the Ed25519 seeds of the tests.
std::string Seed(uint8_t first) {
  std::string seed;
  for (int offset = 0; offset < 32; ++offset) seed.push_back(static_cast<char>(first + offset));
  return seed;
}

std::string Base64Of(const Hash& hash) {
  return SpecBase64(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

// "\n" in a table cell stands for a newline.
std::string Newlines(std::string text) {
  for (size_t at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1)) {
    text.replace(at, 2, "\n");
  }
  return text;
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "\"" << from << "\" not in \"" << text << "\"";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The checkpoint body, written out as tlog-checkpoint defines it.
std::string Body(std::string_view origin, std::string_view size, const Hash& root) {
  return std::string(origin) + "\n" + std::string(size) + "\n" + Base64Of(root) + "\n";
}

// The text of a signed note: everything up to and including the newline before its last blank
// line.
std::string NoteText(std::string_view note) {
  return std::string(note.substr(0, note.rfind("\n\n") + 1));
}

MemoryTree TreeOf(std::string_view entry_prefix) {
  MemoryTree tree;
  for (uint64_t index = 0; index < kLeaves; ++index) {
    tree.Append(LeafHash(std::string(entry_prefix) + std::to_string(index)));
  }
  return tree;
}

class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitSecrets());
    log_signer_.emplace(ValueOrDie(NoteSigner::Create(std::string(kLogOrigin), Seed(0x00))));
    other_log_key_.emplace(ValueOrDie(NoteSigner::Create(std::string(kLogOrigin), Seed(0x80))));
    stranger_.emplace(ValueOrDie(NoteSigner::Create("example.com/unknown", Seed(0xa0))));
    witness_.emplace(ValueOrDie(CosignatureSigner::Create(std::string(kWitnessName), Seed(0x40))));
    other_witness_.emplace(ValueOrDie(CosignatureSigner::Create("witness.example/w2", Seed(0x60))));
    logs_.emplace(std::string(kLogOrigin),
                  ValueOrDie(ParseVerifierKey(log_signer_->VerifierKey())));
  }

  Hash RootAt(const MemoryTree& tree, uint64_t size) const {
    return ValueOrDie(TreeHash(size, tree));
  }

  // The log's checkpoint note for its first `size` leaves.
  std::string SignedCheckpoint(uint64_t size) const {
    return log_signer_->Sign(Body(kLogOrigin, std::to_string(size), RootAt(log_, size)));
  }

  // The checkpoint column of add_checkpoint_decisions.tsv.
  std::string CheckpointCell(const std::string& cell) const {
    size_t slash = cell.find('/');
    uint64_t size = std::stoull(cell.substr(0, slash));
    std::string variant = slash == std::string::npos ? "" : cell.substr(slash + 1);
    std::string size_text = std::to_string(size);
    std::string body = Body(kLogOrigin, size_text, RootAt(log_, size));
    if (variant.empty()) return log_signer_->Sign(body);
    if (variant == "fork")
      return log_signer_->Sign(Body(kLogOrigin, size_text, RootAt(fork_, size)));
    if (variant == "other-key") return other_log_key_->Sign(body);
    if (variant == "unsigned") return stranger_->Sign(body);
    if (variant == "tampered-size") {
      return Replace(log_signer_->Sign(body), "\n" + size_text + "\n",
                     "\n" + std::to_string(size + 1) + "\n");
    }
    if (variant == "tampered-root") {
      return Replace(log_signer_->Sign(body), Base64Of(RootAt(log_, size)),
                     Base64Of(RootAt(log_, size - 1)));
    }
    if (variant == "unknown-origin") {
      return stranger_->Sign(Body("example.com/unknown", size_text, RootAt(log_, size)));
    }
    if (variant == "cosigned") {
      return log_signer_->Sign(body) + other_witness_->SignatureLine(body, kNow - 60);
    }
    if (variant == "extension") return log_signer_->Sign(body + "extension line\n");
    if (variant == "bad-root") {
      return log_signer_->Sign(std::string(kLogOrigin) + "\n" + size_text + "\nnot-base64\n");
    }
    if (variant == "huge") {
      return log_signer_->Sign(Body(kLogOrigin, "99999999999999999999", RootAt(log_, size)));
    }
    if (variant == "nonempty-root") {
      return log_signer_->Sign(Body(kLogOrigin, size_text, RootAt(log_, 1)));
    }
    ADD_FAILURE() << "unknown checkpoint variant " << variant;
    return "";
  }

  // The stored column of add_checkpoint_decisions.tsv.
  std::optional<WitnessState> StoredCell(const std::string& cell) const {
    if (cell == "none") return std::nullopt;
    size_t slash = cell.find('/');
    uint64_t size = std::stoull(cell.substr(0, slash));
    bool fork = slash != std::string::npos && cell.substr(slash + 1) == "fork";
    return WitnessState{size, RootAt(fork ? fork_ : log_, size)};
  }

  // The proof column of add_checkpoint_decisions.tsv.
  std::vector<Hash> ProofCell(const std::string& cell, uint64_t old_size, uint64_t size) const {
    if (cell == "empty") return {};
    if (cell == "garbage") {
      Hash garbage;
      crypto_hash_sha256(garbage.data(), reinterpret_cast<const unsigned char*>("garbage"), 7);
      return {garbage};
    }
    if (cell.rfind("valid:", 0) == 0) {
      size_t dash = cell.find('-');
      return ValueOrDie(ConsistencyProof(std::stoull(cell.substr(6, dash - 6)),
                                         std::stoull(cell.substr(dash + 1)), log_));
    }
    if (cell == "fork") return ValueOrDie(ConsistencyProof(old_size, size, fork_));
    std::vector<Hash> proof = ValueOrDie(ConsistencyProof(old_size, size, log_));
    if (cell == "valid") return proof;
    EXPECT_FALSE(proof.empty()) << cell;
    if (proof.empty()) return proof;
    if (cell == "tampered") {
      proof[0][0] ^= 1;
    } else if (cell == "truncated") {
      proof.pop_back();
    } else if (cell == "extended") {
      proof.push_back(RootAt(log_, 1));
    } else {
      ADD_FAILURE() << "unknown proof " << cell;
    }
    return proof;
  }

  AddCheckpointOutcome Submit(uint64_t old_size, const std::vector<Hash>& proof,
                              const std::string& checkpoint,
                              const std::optional<WitnessState>& stored, int64_t now = kNow) const {
    AddCheckpointRequest request = ValueOrDie(
        ParseAddCheckpointRequest(FormatAddCheckpointRequest(old_size, proof, checkpoint)));
    return DecideAddCheckpoint(request, logs_, stored, *witness_, now);
  }

  CosignatureVerifier WitnessVerifier() const {
    return ValueOrDie(ParseCosignatureVerifierKey(witness_->VerifierKey()));
  }

  const MemoryTree log_ = TreeOf("entry ");
  const MemoryTree fork_ = TreeOf("forked entry ");
  std::optional<NoteSigner> log_signer_;
  std::optional<NoteSigner> other_log_key_;
  std::optional<NoteSigner> stranger_;
  std::optional<CosignatureSigner> witness_;
  std::optional<CosignatureSigner> other_witness_;
  WitnessLogs logs_;
};

// The reference checkpoint of notes.tsv ("evidence"), and the root it carries.
constexpr std::string_view kReferenceCheckpoint =
    "example.com/evidence-test\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n"
    "\xe2\x80\x94 example.com/evidence-test "
    "Gb3WW3kl4zE5pnkhHoKtnuBC0wBZB1Kx9le1/"
    "axRWMWbjfU0DJifTV2WpB6plL4Z3qa2xe55rKix9j2B10H2GbfKWwM=\n";
constexpr std::string_view kReferenceRootBase64 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";

std::string RequestBodyCell(const std::string& cell) {
  std::string body = Newlines(cell);
  for (size_t at = body.find("{hash*"); at != std::string::npos; at = body.find("{hash*")) {
    size_t end = body.find('}', at);
    int count = std::stoi(body.substr(at + 6, end - at - 6));
    std::string lines;
    for (int line = 0; line < count; ++line) lines += std::string(kReferenceRootBase64) + "\n";
    body.replace(at, end + 1 - at, lines);
  }
  for (size_t at = body.find("{hash}"); at != std::string::npos; at = body.find("{hash}")) {
    body.replace(at, 6, kReferenceRootBase64);
  }
  for (size_t at = body.find("{checkpoint}"); at != std::string::npos;
       at = body.find("{checkpoint}")) {
    body.replace(at, 12, kReferenceCheckpoint);
  }
  return body;
}

TEST(AddCheckpointRequestTest, RequestTable) {
  std::vector<testing::TableRow> rows =
      testing::ReadTable(TablePath("add_checkpoint_requests.tsv"));
  ASSERT_GE(rows.size(), 30u);
  for (const testing::TableRow& row : rows) {
    SCOPED_TRACE("add_checkpoint_requests.tsv line " + std::to_string(row.line) + " (" +
                 row.cells.at(0) + ")");
    ASSERT_GE(row.cells.size(), 4u);
    std::string body = RequestBodyCell(row.cells[1]);
    Result<AddCheckpointRequest> request = ParseAddCheckpointRequest(body);
    if (row.cells[2] == "ok") {
      ASSERT_EQ(row.cells.size(), 6u);
      ASSERT_TRUE(request.ok()) << request.status().message();
      EXPECT_EQ(request->old_size, std::stoull(row.cells[3]));
      ASSERT_EQ(request->consistency_proof.size(), std::stoul(row.cells[4]));
      for (const Hash& hash : request->consistency_proof) {
        EXPECT_EQ(Base64Of(hash), kReferenceRootBase64);
      }
      EXPECT_EQ(request->origin, row.cells[5]);
      // The checkpoint is everything after the empty line, verbatim.
      size_t empty_line = body.find("\n\n");
      EXPECT_EQ(request->checkpoint, body.substr(empty_line + 2));
    } else {
      ASSERT_EQ(row.cells[2], "InvalidArgument");
      ASSERT_FALSE(request.ok());
      EXPECT_EQ(request.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(request.status().message().find(row.cells[3]), std::string::npos)
          << request.status().message();
    }
  }
}

TEST(AddCheckpointRequestTest, FormatWritesTheSpecLayout) {
  ASSERT_TRUE(InitSecrets());
  Hash root =
      testing::HashFromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  Hash leaf =
      testing::HashFromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(FormatAddCheckpointRequest(4, {root, leaf}, kReferenceCheckpoint),
            "old 4\n"
            "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
            "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n"
            "\n" +
                std::string(kReferenceCheckpoint));
  EXPECT_EQ(FormatAddCheckpointRequest(0, {}, kReferenceCheckpoint),
            "old 0\n\n" + std::string(kReferenceCheckpoint));
}

TEST_F(WitnessTest, FormatAndParseRoundTripRealProofs) {
  for (uint64_t old_size = 0; old_size <= kLeaves; ++old_size) {
    for (uint64_t size = old_size; size <= kLeaves; ++size) {
      std::vector<Hash> proof = ValueOrDie(ConsistencyProof(old_size, size, log_));
      std::string checkpoint = SignedCheckpoint(size);
      Result<AddCheckpointRequest> request =
          ParseAddCheckpointRequest(FormatAddCheckpointRequest(old_size, proof, checkpoint));
      ASSERT_TRUE(request.ok()) << request.status().message();
      EXPECT_EQ(request->old_size, old_size);
      EXPECT_EQ(request->consistency_proof, proof);
      EXPECT_EQ(request->checkpoint, checkpoint);
      EXPECT_EQ(request->origin, kLogOrigin);
    }
  }
}

TEST_F(WitnessTest, DecisionTable) {
  std::vector<testing::TableRow> rows =
      testing::ReadTable(TablePath("add_checkpoint_decisions.tsv"));
  ASSERT_GE(rows.size(), 30u);
  const std::map<std::string, StatusCode> codes = {
      {"ok", StatusCode::kOk},
      {"InvalidArgument", StatusCode::kInvalidArgument},
      {"PermissionDenied", StatusCode::kPermissionDenied},
      {"NotFound", StatusCode::kNotFound},
      {"Conflict", StatusCode::kConflict},
      {"FailedPrecondition", StatusCode::kFailedPrecondition},
  };
  const CosignatureVerifier witness_verifier = WitnessVerifier();
  for (const testing::TableRow& row : rows) {
    SCOPED_TRACE("add_checkpoint_decisions.tsv line " + std::to_string(row.line) + " (" +
                 row.cells.at(0) + ")");
    ASSERT_EQ(row.cells.size(), 8u);
    ASSERT_EQ(codes.count(row.cells[5]), 1u) << row.cells[5];
    const std::optional<WitnessState> stored = StoredCell(row.cells[1]);
    const uint64_t old_size = std::stoull(row.cells[2]);
    const std::string checkpoint = CheckpointCell(row.cells[4]);
    const uint64_t checkpoint_size = std::stoull(row.cells[4].substr(0, row.cells[4].find('/')));
    const std::vector<Hash> proof = ProofCell(row.cells[3], old_size, checkpoint_size);
    const StatusCode expected = codes.at(row.cells[5]);

    AddCheckpointOutcome outcome = Submit(old_size, proof, checkpoint, stored);
    ASSERT_EQ(outcome.status.code(), expected) << outcome.status.message();
    EXPECT_NE(outcome.status.message().find(row.cells[7]), std::string::npos)
        << outcome.status.message();

    if (expected == StatusCode::kOk) {
      // The new state is the checkpoint's size and the log's root at that size.
      const uint64_t size = std::stoull(row.cells[6]);
      EXPECT_EQ(outcome.new_state.size, size);
      EXPECT_EQ(outcome.new_state.root, RootAt(log_, size));
      // The answer is the witness's cosignature on the checkpoint text, at the time given.
      const std::string text = NoteText(checkpoint);
      EXPECT_EQ(outcome.cosignature_line,
                SpecCosignatureLine(kWitnessName, Seed(0x40), text, static_cast<uint64_t>(kNow)));
      Result<int64_t> verified =
          VerifyCosignature(text, outcome.cosignature_line, witness_verifier);
      ASSERT_TRUE(verified.ok()) << verified.status().message();
      EXPECT_EQ(*verified, kNow);
      EXPECT_EQ(outcome.ResponseBody(), outcome.cosignature_line);
    } else {
      EXPECT_TRUE(outcome.cosignature_line.empty()) << "cosigned a refused checkpoint";
    }
    if (expected == StatusCode::kConflict) {
      EXPECT_EQ(outcome.stored_size, std::stoull(row.cells[6]));
      EXPECT_EQ(outcome.ResponseBody(), row.cells[6] + "\n");
    } else if (expected != StatusCode::kOk) {
      EXPECT_EQ(row.cells[6], "-");
      EXPECT_EQ(outcome.ResponseBody(), "");
    }
    // The checkpoint is reported once its signature verified, never before.
    if (expected == StatusCode::kPermissionDenied || expected == StatusCode::kNotFound) {
      EXPECT_FALSE(outcome.verified_checkpoint.has_value());
    } else if (expected != StatusCode::kInvalidArgument) {
      ASSERT_TRUE(outcome.verified_checkpoint.has_value());
      EXPECT_EQ(outcome.verified_checkpoint->origin, kLogOrigin);
      EXPECT_EQ(outcome.verified_checkpoint->size, checkpoint_size);
    }
  }
}

TEST_F(WitnessTest, ResubmittingTheSameCheckpointCosignsAgainWithTheNewTime) {
  std::string checkpoint = SignedCheckpoint(8);
  AddCheckpointOutcome first = Submit(0, {}, checkpoint, std::nullopt);
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  AddCheckpointOutcome again = Submit(8, {}, checkpoint, first.new_state, kNow + 30);
  ASSERT_TRUE(again.status.ok()) << again.status.message();
  EXPECT_EQ(again.new_state.size, first.new_state.size);
  EXPECT_EQ(again.new_state.root, first.new_state.root);
  Result<int64_t> verified =
      VerifyCosignature(NoteText(checkpoint), again.cosignature_line, WitnessVerifier());
  ASSERT_TRUE(verified.ok()) << verified.status().message();
  EXPECT_EQ(*verified, kNow + 30);
}

TEST_F(WitnessTest, AClockBefore1970IsAnInternalError) {
  AddCheckpointOutcome outcome = Submit(0, {}, SignedCheckpoint(8), std::nullopt, -1);
  EXPECT_EQ(outcome.status.code(), StatusCode::kInternal);
  EXPECT_TRUE(outcome.cosignature_line.empty());
}

TEST_F(WitnessTest, ATrustedLogKeyWithAnotherNameStillVerifiesByOrigin) {
  // The witness keys its logs by origin; the note key name only has to match the signature line.
  NoteSigner renamed = ValueOrDie(NoteSigner::Create("gongshu-a-key", Seed(0x00)));
  WitnessLogs logs;
  logs.emplace(std::string(kLogOrigin), ValueOrDie(ParseVerifierKey(renamed.VerifierKey())));
  std::string checkpoint = renamed.Sign(Body(kLogOrigin, "8", RootAt(log_, 8)));
  AddCheckpointRequest request =
      ValueOrDie(ParseAddCheckpointRequest(FormatAddCheckpointRequest(0, {}, checkpoint)));
  AddCheckpointOutcome outcome = DecideAddCheckpoint(request, logs, std::nullopt, *witness_, kNow);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  EXPECT_EQ(outcome.new_state.size, 8u);
}

TEST(TlogSizeTest, ParsesTheConflictBody) {
  EXPECT_EQ(*ParseTlogSize("0\n"), 0u);
  EXPECT_EQ(*ParseTlogSize("8\n"), 8u);
  EXPECT_EQ(*ParseTlogSize("18446744073709551615\n"), 18446744073709551615u);
  for (const char* body :
       {"", "\n", "8", "08\n", "8\n\n", " 8\n", "-1\n", "8\r\n", "18446744073709551616\n", "x\n"}) {
    Result<uint64_t> size = ParseTlogSize(body);
    ASSERT_FALSE(size.ok()) << body;
    EXPECT_EQ(size.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST_F(WitnessTest, AppendCosignaturesKeepsTheLogSignatureFirstAndSkipsRepeats) {
  std::string checkpoint = SignedCheckpoint(8);
  std::string text = NoteText(checkpoint);
  std::string line_1 = witness_->SignatureLine(text, kNow);
  std::string line_2 = other_witness_->SignatureLine(text, kNow + 1);

  std::string cosigned = ValueOrDie(AppendCosignatures(checkpoint, line_1));
  EXPECT_EQ(cosigned, checkpoint + line_1);
  cosigned = ValueOrDie(AppendCosignatures(cosigned, line_2 + line_1));
  EXPECT_EQ(cosigned, checkpoint + line_1 + line_2);

  std::vector<std::string> lines = NoteSignatureLines(cosigned);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], log_signer_->SignatureLine(text));
  // The log's signature still verifies: the cosignatures are other keys' lines to it.
  Result<std::string> opened = OpenNote(cosigned, logs_.at(std::string(kLogOrigin)));
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_EQ(*opened, text);
}

TEST_F(WitnessTest, AppendCosignaturesRefusesWhatIsNotASignedNoteOrSignatureLines) {
  std::string checkpoint = SignedCheckpoint(8);
  std::string line = witness_->SignatureLine(NoteText(checkpoint), kNow);
  struct Case {
    std::string name;
    std::string note;
    std::string lines;
  };
  const std::vector<Case> cases = {
      {"no blank line", NoteText(checkpoint), line},
      {"no signature line", NoteText(checkpoint) + "\n", line},
      {"note without final newline", checkpoint.substr(0, checkpoint.size() - 1), line},
      {"note with a line that is not a signature", checkpoint + "not a signature\n", line},
      {"empty lines", checkpoint, ""},
      {"line without newline", checkpoint, line.substr(0, line.size() - 1)},
      {"hyphen for the em dash", checkpoint, "-" + line.substr(3)},
      {"blank line", checkpoint, line + "\n"},
      {"no signature", checkpoint, "\xe2\x80\x94 witness.example/w1\n"},
      {"signature not base64", checkpoint, "\xe2\x80\x94 witness.example/w1 !!!!\n"},
  };
  for (const Case& refused : cases) {
    Result<std::string> cosigned = AppendCosignatures(refused.note, refused.lines);
    ASSERT_FALSE(cosigned.ok()) << refused.name;
    EXPECT_EQ(cosigned.status().code(), StatusCode::kInvalidArgument) << refused.name;
  }
}

// A log grows in steps and asks two witnesses for cosignatures each time, as tlog-witness
// describes: it proves consistency from the size each witness last cosigned, learns that size from
// a 409 when it does not know it, and serves its checkpoint with the cosignatures appended.
TEST_F(WitnessTest, ALogCollectsCosignaturesAsItGrows) {
  struct Witness {
    const CosignatureSigner* signer;
    std::optional<WitnessState> state;  // the witness's store
  };
  std::vector<Witness> witnesses = {{&*witness_, std::nullopt}, {&*other_witness_, std::nullopt}};
  int64_t now = kNow;
  for (uint64_t size : {uint64_t{3}, uint64_t{8}, uint64_t{9}, uint64_t{9}, uint64_t{16}}) {
    SCOPED_TRACE("size " + std::to_string(size));
    std::string checkpoint = SignedCheckpoint(size);
    std::string served = checkpoint;
    for (Witness& witness : witnesses) {
      // The log does not remember what each witness cosigned: it starts from 0 and follows the
      // 409, as the spec allows.
      uint64_t old_size = 0;
      AddCheckpointOutcome outcome;
      for (int attempt = 0; attempt < 2; ++attempt) {
        std::string body = FormatAddCheckpointRequest(
            old_size, ValueOrDie(ConsistencyProof(old_size, size, log_)), checkpoint);
        AddCheckpointRequest request = ValueOrDie(ParseAddCheckpointRequest(body));
        outcome = DecideAddCheckpoint(request, logs_, witness.state, *witness.signer, now);
        if (outcome.status.code() != StatusCode::kConflict) break;
        old_size = ValueOrDie(ParseTlogSize(outcome.ResponseBody()));
        EXPECT_EQ(old_size, witness.state ? witness.state->size : 0);
      }
      ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
      witness.state = outcome.new_state;
      EXPECT_EQ(witness.state->size, size);
      EXPECT_EQ(witness.state->root, RootAt(log_, size));
      served = ValueOrDie(AppendCosignatures(served, outcome.ResponseBody()));
    }
    ++now;

    // A client of the log checks the log's signature and each witness's cosignature.
    std::string text = ValueOrDie(OpenNote(served, logs_.at(std::string(kLogOrigin))));
    std::vector<std::string> lines = NoteSignatureLines(served);
    ASSERT_EQ(lines.size(), 3u);
    for (size_t index = 0; index < witnesses.size(); ++index) {
      CosignatureVerifier verifier =
          ValueOrDie(ParseCosignatureVerifierKey(witnesses[index].signer->VerifierKey()));
      Result<int64_t> verified = VerifyCosignature(text, lines[index + 1], verifier);
      ASSERT_TRUE(verified.ok()) << verified.status().message();
      EXPECT_EQ(*verified, now - 1);
    }
  }
}

}  // namespace
}  // namespace gongshu
