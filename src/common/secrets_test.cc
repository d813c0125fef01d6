// Tests of common/secrets.h: digests, base64, identifiers, passwords and comparison.
#include "common/secrets.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

class SecretsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitSecrets()); }
};

std::string FromHex(const std::string& hex) {
  std::string bytes;
  for (size_t index = 0; index + 1 < hex.size(); index += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(index, 2), nullptr, 16)));
  }
  return bytes;
}

TEST_F(SecretsTest, InitIsIdempotent) {
  EXPECT_TRUE(InitSecrets());
  EXPECT_TRUE(InitSecrets());
}

TEST_F(SecretsTest, Sha256HexMatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(SecretsTest, Sha256HexHashesEmbeddedNulBytes) {
  std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("a"));
  EXPECT_EQ(Sha256Hex(with_nul).size(), 64u);
}

TEST_F(SecretsTest, Base64MatchesRfc4648Vectors) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/base64.tsv");
  for (const TableRow& row : rows) {
    ASSERT_GE(row.cells.size(), 3u) << "base64.tsv line " << row.line;
    std::string input = FromHex(row.cells[0]);
    EXPECT_EQ(Base64Encode(input), row.cells[1]) << "base64.tsv line " << row.line;
    EXPECT_EQ(Base64UrlEncode(input), row.cells[2]) << "base64.tsv line " << row.line;
  }
  EXPECT_GE(rows.size(), 7u);
}

TEST_F(SecretsTest, NewIdIsPrefixUnderscoreAndTwentyBase32Characters) {
  std::set<std::string> seen;
  for (int round = 0; round < 50; ++round) {
    std::string id = NewId("org");
    ASSERT_EQ(id.size(), 4u + 20u) << id;
    EXPECT_EQ(id.substr(0, 4), "org_") << id;
    for (char symbol : id.substr(4)) {
      bool base32 = (symbol >= 'a' && symbol <= 'z') || (symbol >= '2' && symbol <= '7');
      EXPECT_TRUE(base32) << id;
    }
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST_F(SecretsTest, RandomBytesHaveTheRequestedLengthAndDiffer) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  std::string first = RandomBytes(32);
  std::string second = RandomBytes(32);
  EXPECT_EQ(first.size(), 32u);
  EXPECT_NE(first, second);
}

TEST_F(SecretsTest, NewPasswordAvoidsLookAlikeCharacters) {
  for (int round = 0; round < 50; ++round) {
    std::string password = NewPassword(24);
    ASSERT_EQ(password.size(), 24u);
    for (char symbol : password) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(symbol))) << password;
      EXPECT_EQ(std::string("0O1lI").find(symbol), std::string::npos) << password;
    }
  }
}

TEST_F(SecretsTest, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEquals("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEquals("secret", ""));
}

}  // namespace
}  // namespace gongshu
