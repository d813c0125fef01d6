// Tests of ledger/cosignature.h: golden cosignature/v1 vectors from an independent Ed25519
// implementation (testdata/cosignatures.tsv), verifier keys (testdata/cosignature_keys.tsv),
// the spec's definitions recomputed with libsodium (ledger/testing/cosignature.h), and tampering.
#include "ledger/cosignature.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "common/secrets.h"
#include "common/testing/table.h"
#include "ledger/note.h"
#include "ledger/testing/cosignature.h"
#include "ledger/testing/hex.h"

namespace gongshu {
namespace {

using testing::BytesFromHex;
using testing::SpecBase64;
using testing::SpecCosignatureBytes;
using testing::SpecCosignatureLine;
using testing::SpecKeyId;
using testing::SpecPublicKey;

constexpr std::string_view kEmDash = "\xe2\x80\x94 ";
// The checkpoint body of the 8-leaf reference tree (reference/tlog.md §2, notes.tsv).
constexpr std::string_view kBody =
    "example.com/evidence-test\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n";
constexpr std::string_view kWitnessName = "witness.example/w1";
constexpr int64_t kTime = 1767225600;  // 2026-01-01T00:00:00Z

std::string TablePath(const std::string& name) {
  return std::string(GONGSHU_TESTDATA_DIR) + "/" + name;
}

// 32 bytes first, first + 1, ...: the Ed25519 seeds of the tests.
std::string Seed(uint8_t first) {
  std::string seed;
  for (int offset = 0; offset < 32; ++offset) seed.push_back(static_cast<char>(first + offset));
  return seed;
}

template <typename T>
T ValueOrDie(Result<T> result) {
  if (!result.ok()) {
    ADD_FAILURE() << result.status().message();
    std::abort();
  }
  return std::move(result).value();
}

std::string FromBase64(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    ADD_FAILURE() << "not base64: " << text;
  }
  out.resize(length);
  return out;
}

class CosignatureTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitSecrets()); }

  CosignatureSigner Witness() const {
    return ValueOrDie(CosignatureSigner::Create(std::string(kWitnessName), Seed(0x40)));
  }
  CosignatureVerifier WitnessVerifier() const {
    return ValueOrDie(ParseCosignatureVerifierKey(Witness().VerifierKey()));
  }
};

TEST_F(CosignatureTest, GoldenVectorsFromAnIndependentImplementation) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("cosignatures.tsv"));
  ASSERT_GE(rows.size(), 4u);
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 7u) << "line " << row.line;
    SCOPED_TRACE(row.cells[0]);
    const std::string seed = BytesFromHex(row.cells[1]);
    const std::string& name = row.cells[2];
    const std::string& vkey = row.cells[3];
    const std::string& body = row.cells[4];
    const int64_t timestamp = std::stoll(row.cells[5]);
    const std::string& line = row.cells[6];

    Result<CosignatureSigner> signer = CosignatureSigner::Create(name, seed);
    ASSERT_TRUE(signer.ok()) << signer.status().message();
    EXPECT_EQ(signer->VerifierKey(), vkey);
    EXPECT_EQ(signer->SignatureLine(body, timestamp), line + "\n");
    // The libsodium recomputation the witness tests rely on agrees with the vectors too.
    EXPECT_EQ(SpecCosignatureLine(name, seed, body, static_cast<uint64_t>(timestamp)), line + "\n");

    Result<CosignatureVerifier> verifier = ParseCosignatureVerifierKey(vkey);
    ASSERT_TRUE(verifier.ok()) << verifier.status().message();
    EXPECT_EQ(verifier->name, name);
    Result<int64_t> verified = VerifyCosignature(body, line, *verifier);
    ASSERT_TRUE(verified.ok()) << verified.status().message();
    EXPECT_EQ(*verified, timestamp);
    verified = VerifyCosignature(body, line + "\n", *verifier);
    ASSERT_TRUE(verified.ok()) << verified.status().message();
    EXPECT_EQ(*verified, timestamp);
  }
}

TEST_F(CosignatureTest, VerifierKeysTable) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("cosignature_keys.tsv"));
  ASSERT_GE(rows.size(), 10u);
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "line " << row.line;
    SCOPED_TRACE(row.cells[0]);
    Result<CosignatureVerifier> verifier = ParseCosignatureVerifierKey(row.cells[1]);
    if (row.cells[2] == "ok") {
      ASSERT_TRUE(verifier.ok()) << verifier.status().message();
      EXPECT_EQ(verifier->key_id, static_cast<uint32_t>(std::stoul(row.cells[3], nullptr, 16)));
      EXPECT_EQ(verifier->name, row.cells[1].substr(0, row.cells[1].find('+')));
    } else {
      ASSERT_EQ(row.cells[2], "InvalidArgument");
      ASSERT_FALSE(verifier.ok());
      EXPECT_EQ(verifier.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(verifier.status().message().find(row.cells[3]), std::string::npos)
          << verifier.status().message();
    }
  }
}

TEST_F(CosignatureTest, KeyIdHashesType0x04WhereANoteKeyHashes0x01) {
  const std::string seed = Seed(0x40);
  const std::array<uint8_t, 32> public_key = SpecPublicKey(seed);
  CosignatureSigner cosigner = Witness();
  NoteSigner note_signer = ValueOrDie(NoteSigner::Create(std::string(kWitnessName), seed));

  auto as_number = [](const std::string& bytes) {
    return (uint32_t{static_cast<uint8_t>(bytes[0])} << 24) |
           (uint32_t{static_cast<uint8_t>(bytes[1])} << 16) |
           (uint32_t{static_cast<uint8_t>(bytes[2])} << 8) |
           uint32_t{static_cast<uint8_t>(bytes[3])};
  };
  EXPECT_EQ(cosigner.key_id(), as_number(SpecKeyId(kWitnessName, 0x04, public_key)));
  EXPECT_EQ(note_signer.key_id(), as_number(SpecKeyId(kWitnessName, 0x01, public_key)));
  EXPECT_NE(cosigner.key_id(), note_signer.key_id());

  std::string typed(1, '\x04');
  typed.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  EXPECT_EQ(cosigner.VerifierKey(),
            std::string(kWitnessName) + "+" +
                testing::HexFromBytes(SpecKeyId(kWitnessName, 0x04, public_key)) + "+" +
                SpecBase64(typed));
}

TEST_F(CosignatureTest, LineLayoutIsKeyIdTimestampSignature) {
  std::string line = Witness().SignatureLine(kBody, kTime);
  std::string prefix = std::string(kEmDash) + std::string(kWitnessName) + " ";
  ASSERT_EQ(line.substr(0, prefix.size()), prefix);
  ASSERT_EQ(line.back(), '\n');
  std::string bytes = FromBase64(line.substr(prefix.size(), line.size() - prefix.size() - 1));
  ASSERT_EQ(bytes.size(), 76u);
  EXPECT_EQ(bytes.substr(0, 4), SpecKeyId(kWitnessName, 0x04, SpecPublicKey(Seed(0x40))));
  uint64_t timestamp = 0;
  for (int index = 4; index < 12; ++index) {
    timestamp = (timestamp << 8) | static_cast<uint8_t>(bytes[index]);
  }
  EXPECT_EQ(timestamp, static_cast<uint64_t>(kTime));
  std::string message = "cosignature/v1\ntime 1767225600\n" + std::string(kBody);
  std::array<uint8_t, 32> public_key = SpecPublicKey(Seed(0x40));
  EXPECT_EQ(crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(bytes.data() + 12),
                                        reinterpret_cast<const unsigned char*>(message.data()),
                                        message.size(), public_key.data()),
            0);
}

// The cosignature line of the tlog-cosignature example: its key is not published, but its layout
// (key ID 8d66cf3f, time 1679315147, 64 signature bytes) is read as cosignature/v1 and reaches
// the signature check.
TEST_F(CosignatureTest, SpecExampleLineReachesTheSignatureCheck) {
  const std::string line =
      "\xe2\x80\x94 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/"
      "zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
  const std::string body =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  CosignatureVerifier verifier;
  verifier.name = "witness.example.com/w1";
  verifier.key_id = 0x8d66cf3f;
  verifier.public_key = SpecPublicKey(Seed(0x40));
  Result<int64_t> verified = VerifyCosignature(body, line, verifier);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(verified.status().message().find("is not valid"), std::string::npos)
      << verified.status().message();

  verifier.key_id = 0x8d66cf40;
  verified = VerifyCosignature(body, line, verifier);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(verified.status().message().find("not a cosignature by"), std::string::npos);
}

TEST_F(CosignatureTest, TimestampsAtTheEndsOfTheRange) {
  CosignatureVerifier verifier = WitnessVerifier();
  for (int64_t timestamp : {int64_t{0}, int64_t{1}, kTime, std::numeric_limits<int64_t>::max()}) {
    std::string line = Witness().SignatureLine(kBody, timestamp);
    EXPECT_EQ(line, SpecCosignatureLine(kWitnessName, Seed(0x40), kBody,
                                        static_cast<uint64_t>(timestamp)));
    Result<int64_t> verified = VerifyCosignature(kBody, line, verifier);
    ASSERT_TRUE(verified.ok()) << verified.status().message();
    EXPECT_EQ(*verified, timestamp);
  }
}

// A validly signed cosignature whose timestamp is 2^63 breaks "MUST NOT exceed 2^63 - 1".
TEST_F(CosignatureTest, TimestampAbove2To63Minus1IsMalformed) {
  uint64_t timestamp = uint64_t{1} << 63;
  std::string line = SpecCosignatureLine(kWitnessName, Seed(0x40), kBody, timestamp);
  Result<int64_t> verified = VerifyCosignature(kBody, line, WitnessVerifier());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(verified.status().message().find("2^63"), std::string::npos);
}

struct Tampering {
  std::string name;
  // Changes the body and/or the line.
  std::function<void(std::string* body, std::string* line)> tamper;
  StatusCode expected;
  std::string message;
};

// Rewrites the 76 signature bytes of `line` with `change` applied to them.
void RewriteBytes(std::string* line, const std::function<void(std::string*)>& change) {
  size_t start = line->rfind(' ') + 1;
  std::string encoded = line->substr(start, line->size() - start - 1);
  std::string bytes = FromBase64(encoded);
  change(&bytes);
  *line = line->substr(0, start) + SpecBase64(bytes) + "\n";
}

TEST_F(CosignatureTest, TamperedCosignaturesAreRefused) {
  const std::vector<Tampering> cases = {
      {"size line changed",
       [](std::string* body, std::string*) { body->replace(body->find("\n8\n"), 3, "\n9\n"); },
       StatusCode::kPermissionDenied, "is not valid"},
      {"root changed", [](std::string* body, std::string*) { (*body)[body->size() - 3] = 'h'; },
       StatusCode::kPermissionDenied, "is not valid"},
      {"extension line added", [](std::string* body, std::string*) { *body += "extension\n"; },
       StatusCode::kPermissionDenied, "is not valid"},
      {"timestamp changed",
       [](std::string*, std::string* line) {
         RewriteBytes(line, [](std::string* bytes) { (*bytes)[11] ^= 1; });
       },
       StatusCode::kPermissionDenied, "is not valid"},
      {"signature bit flipped",
       [](std::string*, std::string* line) {
         RewriteBytes(line, [](std::string* bytes) { (*bytes)[40] ^= 0x10; });
       },
       StatusCode::kPermissionDenied, "is not valid"},
      {"key ID changed",
       [](std::string*, std::string* line) {
         RewriteBytes(line, [](std::string* bytes) { (*bytes)[0] ^= 1; });
       },
       StatusCode::kPermissionDenied, "not a cosignature by"},
      {"name changed",
       [](std::string*, std::string* line) { line->replace(line->find("/w1"), 3, "/w2"); },
       StatusCode::kPermissionDenied, "not a cosignature by"},
      {"signature truncated to 75 bytes",
       [](std::string*, std::string* line) {
         RewriteBytes(line, [](std::string* bytes) { bytes->pop_back(); });
       },
       StatusCode::kInvalidArgument, "76 bytes"},
      {"signature without timestamp (68 bytes, the note layout)",
       [](std::string*, std::string* line) {
         RewriteBytes(line, [](std::string* bytes) { bytes->erase(4, 8); });
       },
       StatusCode::kInvalidArgument, "76 bytes"},
      {"not base64",
       [](std::string*, std::string* line) { line->insert(line->rfind(' ') + 1, "!"); },
       StatusCode::kInvalidArgument, "base64"},
      {"hyphen for the em dash", [](std::string*, std::string* line) { line->replace(0, 3, "-"); },
       StatusCode::kInvalidArgument, "starts with"},
      {"no space before the signature",
       [](std::string*, std::string* line) { line->erase(line->rfind(' '), 1); },
       StatusCode::kInvalidArgument, "<name> <signature>"},
      {"body without its final newline", [](std::string* body, std::string*) { body->pop_back(); },
       StatusCode::kInvalidArgument, "ends in a newline"},
  };
  const CosignatureVerifier verifier = WitnessVerifier();
  for (const Tampering& tampering : cases) {
    SCOPED_TRACE(tampering.name);
    std::string body(kBody);
    std::string line = Witness().SignatureLine(body, kTime);
    tampering.tamper(&body, &line);
    Result<int64_t> verified = VerifyCosignature(body, line, verifier);
    ASSERT_FALSE(verified.ok());
    EXPECT_EQ(verified.status().code(), tampering.expected) << verified.status().message();
    EXPECT_NE(verified.status().message().find(tampering.message), std::string::npos)
        << verified.status().message();
  }
}

// The "cosignature/v1" prefix and the type byte keep the two signature kinds apart, even for the
// same name and key: neither verifies as the other.
TEST_F(CosignatureTest, CosignaturesAndNoteSignaturesDoNotVerifyAsEachOther) {
  const std::string seed = Seed(0x40);
  NoteSigner note_signer = ValueOrDie(NoteSigner::Create(std::string(kWitnessName), seed));
  NoteVerifier note_verifier = ValueOrDie(ParseVerifierKey(note_signer.VerifierKey()));

  std::string cosigned = std::string(kBody) + "\n" + Witness().SignatureLine(kBody, kTime);
  Result<std::string> opened = OpenNote(cosigned, note_verifier);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kPermissionDenied);

  Result<int64_t> verified =
      VerifyCosignature(kBody, note_signer.SignatureLine(kBody), WitnessVerifier());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kPermissionDenied);

  // Even a line carrying the cosignature key ID over a plain Ed25519 signature of the body (what
  // a note signature by this key would be) fails: the signed message differs.
  std::string bytes = SpecCosignatureBytes(kWitnessName, seed, kBody, kTime);
  std::array<uint8_t, 32> public_key{};
  std::array<uint8_t, 64> secret_key{};
  crypto_sign_seed_keypair(public_key.data(), secret_key.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  crypto_sign_detached(reinterpret_cast<unsigned char*>(bytes.data() + 12), nullptr,
                       reinterpret_cast<const unsigned char*>(kBody.data()), kBody.size(),
                       secret_key.data());
  std::string line = std::string(kEmDash) + std::string(kWitnessName) + " " + SpecBase64(bytes);
  verified = VerifyCosignature(kBody, line, WitnessVerifier());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(verified.status().message().find("is not valid"), std::string::npos);
}

TEST_F(CosignatureTest, CreateRefusesBadNamesAndSeeds) {
  for (const char* name : {"", "has space", "a+b", "tab\tname", "new\nline"}) {
    Result<CosignatureSigner> signer = CosignatureSigner::Create(name, Seed(0x40));
    ASSERT_FALSE(signer.ok()) << name;
    EXPECT_EQ(signer.status().code(), StatusCode::kInvalidArgument);
  }
  for (size_t length : {0u, 31u, 33u, 64u}) {
    Result<CosignatureSigner> signer =
        CosignatureSigner::Create(std::string(kWitnessName), std::string(length, 'x'));
    ASSERT_FALSE(signer.ok()) << length;
    EXPECT_EQ(signer.status().code(), StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace gongshu
