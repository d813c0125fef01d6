#include "ledger/note_keys.h"

#include <sodium.h>

#include <cstdio>

#include "common/secrets.h"
#include "common/utf8.h"

namespace gongshu {

bool ValidNoteKeyName(std::string_view name) {
  if (name.empty() || !IsValidUtf8(name)) return false;
  for (unsigned char symbol : name) {
    if (symbol <= 0x20 || symbol == '+' || symbol == 0x7f) return false;
  }
  return true;
}

uint32_t NoteKeyId(std::string_view name, uint8_t type, const std::array<uint8_t, 32>& public_key) {
  std::string input(name);
  input += '\n';
  input += static_cast<char>(type);
  input.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) |
         uint32_t{digest[3]};
}

Status CheckEd25519Seed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return Status::InvalidArgument("an Ed25519 seed has 32 bytes, got " +
                                   std::to_string(seed.size()));
  }
  return Status::Ok();
}

std::string FormatVerifierKey(std::string_view name, uint32_t key_id, uint8_t type,
                              const std::array<uint8_t, 32>& public_key) {
  char hex[9];
  std::snprintf(hex, sizeof(hex), "%08x", key_id);
  std::string typed(1, static_cast<char>(type));
  typed.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  return std::string(name) + "+" + hex + "+" + Base64Encode(typed);
}

bool DecodeNoteBase64(std::string_view text, std::string* out) {
  out->assign(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  out->resize(length);
  return true;
}

}  // namespace gongshu
