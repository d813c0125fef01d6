// Tests of identity/password.h: the password policy and Argon2id hashing.
#include "identity/password.h"

#include <gtest/gtest.h>

#include <string>

#include "common/secrets.h"

namespace gongshu {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitSecrets()); }
};

TEST_F(PasswordTest, PolicyAcceptsTenTo256BytesOfText) {
  EXPECT_TRUE(CheckPasswordPolicy("0123456789").ok());
  EXPECT_TRUE(CheckPasswordPolicy("correct horse battery staple").ok());
  EXPECT_TRUE(CheckPasswordPolicy(std::string(256, 'p')).ok());
  EXPECT_TRUE(CheckPasswordPolicy("密码是长的安全密码").ok());  // 27 bytes of UTF-8
}

TEST_F(PasswordTest, PolicyRefusesShortPasswords) {
  for (const std::string& password : {std::string(), std::string("x"), std::string(9, 'p')}) {
    Status status = CheckPasswordPolicy(password);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << password;
    EXPECT_NE(status.message().find("10"), std::string::npos) << status.message();
  }
}

TEST_F(PasswordTest, PolicyRefusesMoreThan256Bytes) {
  Status status = CheckPasswordPolicy(std::string(257, 'p'));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("256"), std::string::npos) << status.message();
}

TEST_F(PasswordTest, PolicyRefusesControlCharacters) {
  for (char control : {'\0', '\t', '\n', '\r', '\x1b', '\x7f'}) {
    std::string password = "abcdefghij";
    password[4] = control;
    Status status = CheckPasswordPolicy(password);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << static_cast<int>(control);
    EXPECT_NE(status.message().find("control"), std::string::npos) << status.message();
  }
}

TEST_F(PasswordTest, HashVerifiesOnlyTheSamePassword) {
  Result<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", *hash));
  EXPECT_FALSE(VerifyPassword("Correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST_F(PasswordTest, SamePasswordHashesDifferently) {
  Result<std::string> first = HashPassword("same password twice");
  Result<std::string> second = HashPassword("same password twice");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);  // a fresh salt each time
  EXPECT_TRUE(VerifyPassword("same password twice", *second));
}

TEST_F(PasswordTest, EmptyOrMalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("no user has this password", ""));
  EXPECT_FALSE(VerifyPassword("", ""));
  EXPECT_FALSE(VerifyPassword("anything at all", "not a hash"));
  EXPECT_FALSE(VerifyPassword("anything at all", "$argon2id$v=19$m=65536,t=2,p=1$broken"));
}

}  // namespace
}  // namespace gongshu
