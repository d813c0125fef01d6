// Password hashing with Argon2id (libsodium crypto_pwhash, interactive limits).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

// Ok when `password` may be used: 10 to 256 bytes of valid text. InvalidArgument otherwise.
Status CheckPasswordPolicy(std::string_view password);

// The encoded Argon2id hash ("$argon2id$v=19$m=...") of `password`; Internal when out of memory.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `encoded_hash`. Takes the same time whether or not the hash is
// well-formed; pass an empty hash to spend the time of a check without a user.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

}  // namespace gongshu
