#include "identity/password.h"

#include <sodium.h>

#include "common/utf8.h"

namespace gongshu {
namespace {

// A hash of a random password, checked against when a login names no user so that the answer
// takes as long as for a real user.
const std::string& DummyHash() {
  static const std::string kHash = [] {
    char encoded[crypto_pwhash_STRBYTES];
    static constexpr char kPassword[] = "no user has this password";
    if (crypto_pwhash_str_alg(
            encoded, kPassword, sizeof(kPassword) - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
      return std::string();
    }
    return std::string(encoded);
  }();
  return kHash;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < 10) return Status::InvalidArgument("must be at least 10 characters");
  if (password.size() > 256) return Status::InvalidArgument("must be at most 256 bytes");
  if (!IsValidUtf8(password)) return Status::InvalidArgument("must be valid UTF-8 text");
  for (unsigned char symbol : password) {
    if (symbol < 0x20 || symbol == 0x7f) {
      return Status::InvalidArgument("must not contain control characters");
    }
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(encoded);
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  const std::string& hash = encoded_hash.empty() ? DummyHash() : encoded_hash;
  bool matches = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  return matches && !encoded_hash.empty();
}

}  // namespace gongshu
