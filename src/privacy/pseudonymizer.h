// Keyed pseudonyms: a value replaced by a token that is the same wherever the value recurs within
// one release and cannot be reversed or recomputed without the release key
// (docs/deidentification.md, "pseudonymize").
#pragma once

#include <sodium.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu::privacy {

// Characters of a pseudonym: 32 lowercase hexadecimal digits.
inline constexpr size_t kPseudonymLength = 32;
// The shortest release key accepted, in bytes. The platform draws 32 random bytes per release.
inline constexpr size_t kMinReleaseKeyBytes = 16;

// Computes HMAC-SHA-256(release key, UTF-8 bytes of the value) and keeps the first 16 bytes of
// the MAC, written as 32 lowercase hexadecimal digits. Equal values under the same key give equal
// pseudonyms; the same value under another key gives an unrelated one.
//
// Immutable after Create: one instance may be used from several threads at once.
class Pseudonymizer {
 public:
  // `release_key` is raw bytes (any length HMAC takes; keys longer than 64 bytes are hashed first,
  // as RFC 2104 says). Returns InvalidArgument when it is shorter than kMinReleaseKeyBytes.
  static Result<Pseudonymizer> Create(std::string_view release_key);

  // Writes the pseudonym of `value` into `out` (replacing its contents; its capacity is reused).
  void Pseudonymize(std::string_view value, std::string& out) const;

 private:
  Pseudonymizer() = default;

  // The HMAC state after the key was absorbed; copied for each value so the key's two blocks are
  // hashed once per release rather than once per cell.
  crypto_auth_hmacsha256_state keyed_state_;
};

}  // namespace gongshu::privacy
