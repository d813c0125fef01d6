// Signed notes and checkpoints against the C2SP and golang.org/x/mod vectors (testdata/notes.tsv).
#include "ledger/note.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <map>

#include "common/secrets.h"
#include "common/testing/table.h"
#include "ledger/checkpoint.h"

namespace gongshu {
namespace {

std::string Newlines(std::string text) {
  for (size_t at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1)) {
    text.replace(at, 2, "\n");
  }
  return text;
}

std::map<std::string, std::map<std::string, std::string>> Vectors() {
  std::map<std::string, std::map<std::string, std::string>> vectors;
  for (const testing::TableRow& row :
       testing::ReadTable(std::string(GONGSHU_TESTDATA_DIR) + "/notes.tsv")) {
    vectors[row.cells.at(0)][row.cells.at(1)] = Newlines(row.cells.at(2));
  }
  return vectors;
}

std::string FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                    text.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length);
  return out;
}

class NoteTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSecrets()); }
  std::map<std::string, std::map<std::string, std::string>> vectors_ = Vectors();
};

TEST_F(NoteTest, SpecVectorVerifies) {
  auto& spec = vectors_["spec"];
  Result<NoteVerifier> verifier = ParseVerifierKey(spec["vkey"]);
  ASSERT_TRUE(verifier.ok()) << verifier.status().message();
  std::string note = spec["text"] + "\n" + spec["signature"] + "\n";
  Result<std::string> text = OpenNote(note, *verifier);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(*text, spec["text"]);
}

TEST_F(NoteTest, GoSignerKeySignsDeterministically) {
  auto& neumann = vectors_["neumann"];
  // PRIVATE+KEY+<name>+<id>+base64(0x01 || seed)
  // Split on the first four '+' only: the base64 part may contain '+' itself.
  std::string skey = neumann["skey"];
  size_t start = 0;
  for (int plus = 0; plus < 4; ++plus) start = skey.find('+', start) + 1;
  std::string seed = FromBase64(skey.substr(start)).substr(1);
  Result<NoteSigner> signer = NoteSigner::Create("PeterNeumann", seed);
  ASSERT_TRUE(signer.ok()) << signer.status().message();
  EXPECT_EQ(signer->VerifierKey(), neumann["vkey"]);
  EXPECT_EQ(signer->SignatureLine(neumann["text"]), neumann["signature"] + "\n");
}

TEST_F(NoteTest, CheckpointOfTheEightLeafTreeMatchesTheReferenceNote) {
  auto& evidence = vectors_["evidence"];
  std::string seed;
  for (size_t index = 0; index < evidence["seedhex"].size(); index += 2) {
    seed.push_back(static_cast<char>(std::stoi(evidence["seedhex"].substr(index, 2), nullptr, 16)));
  }
  Result<NoteSigner> signer = NoteSigner::Create(evidence["name"], seed);
  ASSERT_TRUE(signer.ok());
  EXPECT_EQ(signer->VerifierKey(), evidence["vkey"]);
  // Parse the reference checkpoint, format it back and sign it: the note must be identical.
  Result<NoteVerifier> verifier = ParseVerifierKey(evidence["vkey"]);
  ASSERT_TRUE(verifier.ok());
  Result<std::string> text = OpenNote(evidence["note"], *verifier);
  ASSERT_TRUE(text.ok()) << text.status().message();
  Result<Checkpoint> checkpoint = ParseCheckpoint(*text);
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().message();
  EXPECT_EQ(checkpoint->origin, "example.com/evidence-test");
  EXPECT_EQ(checkpoint->size, 8u);
  EXPECT_EQ(signer->Sign(FormatCheckpoint(*checkpoint)), evidence["note"]);
}

TEST_F(NoteTest, TamperedNotesAndWrongKeysAreRefused) {
  auto& evidence = vectors_["evidence"];
  Result<NoteVerifier> verifier = ParseVerifierKey(evidence["vkey"]);
  ASSERT_TRUE(verifier.ok());
  std::string tampered = evidence["note"];
  tampered.replace(tampered.find("\n8\n"), 3, "\n9\n");
  EXPECT_EQ(OpenNote(tampered, *verifier).status().code(), StatusCode::kPermissionDenied);
  Result<NoteVerifier> other = ParseVerifierKey(vectors_["spec"]["vkey"]);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(OpenNote(evidence["note"], *other).status().code(), StatusCode::kPermissionDenied)
      << "a note with no signature by the key is refused";
  EXPECT_EQ(OpenNote("no blank line\n", *verifier).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenNote("text\n\nnot a signature line\n", *verifier).status().code(),
            StatusCode::kInvalidArgument);
  std::string wrong_id = evidence["vkey"];
  wrong_id.replace(wrong_id.find("19bdd65b"), 8, "19bdd65c");
  EXPECT_FALSE(ParseVerifierKey(wrong_id).ok()) << "the key ID must match the key";
  EXPECT_FALSE(ParseVerifierKey("no-plus-signs").ok());
  EXPECT_FALSE(NoteSigner::Create("bad name", std::string(32, 'x')).ok());
  EXPECT_FALSE(NoteSigner::Create("name", std::string(31, 'x')).ok());
}

TEST_F(NoteTest, CheckpointBodiesAreParsedStrictly) {
  EXPECT_FALSE(ParseCheckpoint("origin\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n").ok())
      << "no leading zeros";
  EXPECT_FALSE(ParseCheckpoint("origin\n8\nnot base64\n").ok());
  EXPECT_FALSE(ParseCheckpoint("origin\n8\n").ok());
  EXPECT_FALSE(ParseCheckpoint("\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n").ok());
  Result<Checkpoint> extended =
      ParseCheckpoint("origin\n0\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\nextension\n");
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->size, 0u);
}

}  // namespace
}  // namespace gongshu
