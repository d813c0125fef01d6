#include "privacy/pseudonymizer.h"

namespace gongshu::privacy {

Result<Pseudonymizer> Pseudonymizer::Create(std::string_view release_key) {
  if (release_key.size() < kMinReleaseKeyBytes) {
    return Status::InvalidArgument("the release key must have at least " +
                                   std::to_string(kMinReleaseKeyBytes) + " bytes");
  }
  if (sodium_init() < 0) return Status::Internal("libsodium cannot be initialized");
  Pseudonymizer pseudonymizer;
  crypto_auth_hmacsha256_init(&pseudonymizer.keyed_state_,
                              reinterpret_cast<const unsigned char*>(release_key.data()),
                              release_key.size());
  return pseudonymizer;
}

void Pseudonymizer::Pseudonymize(std::string_view value, std::string& out) const {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  crypto_auth_hmacsha256_state state = keyed_state_;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()),
                                value.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  out.resize(kPseudonymLength);
  for (size_t index = 0; index < kPseudonymLength / 2; ++index) {
    out[2 * index] = kHexDigits[mac[index] >> 4];
    out[2 * index + 1] = kHexDigits[mac[index] & 0x0f];
  }
}

}  // namespace gongshu::privacy
