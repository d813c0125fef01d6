// What signed notes and cosignatures share (C2SP signed-note): key names, key IDs and the
// standard base64 of signatures and keys.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

// "— " (U+2014 and a space): the start of every signature line.
inline constexpr std::string_view kNoteSignaturePrefix = "\xe2\x80\x94 ";

// Non-empty UTF-8 without spaces, control characters or '+'.
bool ValidNoteKeyName(std::string_view name);

// The first 4 bytes, big-endian, of SHA-256(<name> || "\n" || <type> || public key).
uint32_t NoteKeyId(std::string_view name, uint8_t type, const std::array<uint8_t, 32>& public_key);

// Ok when `seed` is a 32-byte Ed25519 private key (RFC 8032); InvalidArgument saying its length
// otherwise.
Status CheckEd25519Seed(std::string_view seed);

// "<name>+<key ID, 8 lowercase hex digits>+<base64(type || public key)>".
std::string FormatVerifierKey(std::string_view name, uint32_t key_id, uint8_t type,
                              const std::array<uint8_t, 32>& public_key);

// Standard base64 (RFC 4648 §4, padded) into `out`; false when `text` is not that.
bool DecodeNoteBase64(std::string_view text, std::string* out);

}  // namespace gongshu
