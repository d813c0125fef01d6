// Randomness, identifiers and digests, all from libsodium's CSPRNG and primitives.
//
// REQUIRES: InitSecrets() has returned true before any other function here is called (it is
// idempotent and thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gongshu {

// Initializes libsodium. Returns false when the library cannot be initialized.
bool InitSecrets();

// `count` bytes from the operating system's CSPRNG.
std::string RandomBytes(size_t count);

// An opaque identifier: `prefix` + "_" + 20 lowercase base32 characters (100 random bits).
std::string NewId(std::string_view prefix);

// A printable password of `length` characters from an unambiguous alphabet.
std::string NewPassword(size_t length);

// Lowercase hex of SHA-256(data).
std::string Sha256Hex(std::string_view data);

// URL-safe base64 without padding (RFC 4648 §5).
std::string Base64UrlEncode(std::string_view data);

// Standard base64 with padding (RFC 4648 §4).
std::string Base64Encode(std::string_view data);

// Compares in time independent of where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace gongshu
