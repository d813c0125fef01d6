// Cosignature/v1 lines and key IDs computed straight from the definitions of C2SP
// tlog-cosignature with libsodium primitives, for checking ledger/cosignature.h and the witness
// against. Ed25519 signing is deterministic (RFC 8032), so a line computed here must equal the
// code's byte for byte.
//
// Test-only: include it only from test binaries. REQUIRES: InitSecrets() has been called.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gongshu::testing {

// The 32-byte Ed25519 public key of `seed` (32 bytes).
inline std::array<uint8_t, 32> SpecPublicKey(std::string_view seed) {
  std::array<uint8_t, 32> public_key{};
  std::array<uint8_t, 64> secret_key{};
  crypto_sign_seed_keypair(public_key.data(), secret_key.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  return public_key;
}

// The 4 bytes SHA-256(name || "\n" || type || public key)[:4] (C2SP signed-note key ID).
inline std::string SpecKeyId(std::string_view name, uint8_t type,
                             const std::array<uint8_t, 32>& public_key) {
  std::string input(name);
  input.push_back('\n');
  input.push_back(static_cast<char>(type));
  input.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  return std::string(reinterpret_cast<const char*>(digest), 4);
}

// Standard base64 with padding.
inline std::string SpecBase64(std::string_view bytes) {
  std::string text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

// The raw 76 bytes key ID || u64be(timestamp) || Ed25519 signature of
// "cosignature/v1\ntime <timestamp>\n" || body, by the key of `seed` named `name`.
inline std::string SpecCosignatureBytes(std::string_view name, std::string_view seed,
                                        std::string_view body, uint64_t timestamp) {
  std::array<uint8_t, 32> public_key{};
  std::array<uint8_t, 64> secret_key{};
  crypto_sign_seed_keypair(public_key.data(), secret_key.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  std::string message = "cosignature/v1\ntime " + std::to_string(timestamp) + "\n";
  message.append(body);
  std::string bytes = SpecKeyId(name, 0x04, public_key);
  for (int shift = 56; shift >= 0; shift -= 8) {
    bytes.push_back(static_cast<char>(timestamp >> shift));
  }
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret_key.data());
  bytes.append(reinterpret_cast<const char*>(signature), sizeof(signature));
  return bytes;
}

// "— <name> base64(SpecCosignatureBytes(...))\n".
inline std::string SpecCosignatureLine(std::string_view name, std::string_view seed,
                                       std::string_view body, uint64_t timestamp) {
  return "\xe2\x80\x94 " + std::string(name) + " " +
         SpecBase64(SpecCosignatureBytes(name, seed, body, timestamp)) + "\n";
}

}  // namespace gongshu::testing
