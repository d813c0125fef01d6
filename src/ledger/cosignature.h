// Witness cosignatures on checkpoints: C2SP tlog-cosignature, the Ed25519 "cosignature/v1" type
// (https://c2sp.org/tlog-cosignature; summary in reference/tlog.md §2).
//
// A cosignature is a signed-note signature line (note.h) on a checkpoint body:
//   "— <cosigner name> <base64(key ID(4) || timestamp(8) || signature(64))>\n"
// where
//   - key ID    = SHA-256(<name> || "\n" || 0x04 || 32-byte Ed25519 public key)[:4], big-endian;
//   - timestamp = the POSIX time of cosigning in seconds, a big-endian u64 at most 2^63 - 1;
//   - signature = Ed25519 (RFC 8032) over the message
//       "cosignature/v1\n" + "time <timestamp in decimal, no leading zeroes>\n" + body
//     where body is the whole checkpoint text with its final newline and no signature lines.
// The verifier key is "<name>+<key ID, 8 lowercase hex digits>+<base64(0x04 || public key)>".
//
// The message does not include the cosigner's name, so one Ed25519 key must serve one cosigner
// name only. The 0x04 type byte keeps a cosignature key ID apart from the 0x01 note key ID of the
// same name and key, and the "cosignature/v1" prefix keeps a cosignature from verifying as a
// note signature (and the reverse).
//
// Pure: no files, no network, no clock (the timestamp is passed in). Uses libsodium: REQUIRES
// InitSecrets() (common/secrets.h) before the first call. A CosignatureSigner is immutable after
// Create, so its const methods, and the free functions, are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace gongshu {

// The signature type byte of an Ed25519 cosignature/v1 key (C2SP signed-note type registry).
inline constexpr uint8_t kCosignatureV1Type = 0x04;

// Cosigns checkpoint bodies as one named cosigner (a witness).
class CosignatureSigner {
 public:
  // `name` is the cosigner's key name (a schema-less URL is recommended); `seed` is the 32-byte
  // Ed25519 private key (RFC 8032). InvalidArgument for a bad name (empty, not UTF-8, or
  // containing a space, a control character or '+') or a seed that is not 32 bytes.
  static Result<CosignatureSigner> Create(std::string name, std::string_view seed);

  const std::string& name() const { return name_; }
  // The 4-byte key ID as a big-endian number.
  uint32_t key_id() const { return key_id_; }

  // "<name>+<hex key ID>+<base64(0x04 || public key)>": what cosignature verifiers are given.
  std::string VerifierKey() const;

  // The cosignature line, with its final "\n", on `checkpoint_body` at time `unix_seconds`.
  // REQUIRES: checkpoint_body ends in "\n" and holds no signature lines; unix_seconds >= 0.
  std::string SignatureLine(std::string_view checkpoint_body, int64_t unix_seconds) const;

 private:
  CosignatureSigner() = default;

  std::string name_;
  uint32_t key_id_ = 0;
  std::array<uint8_t, 32> public_key_{};
  std::array<uint8_t, 64> secret_key_{};
};

// A parsed cosigner verifier key.
struct CosignatureVerifier {
  std::string name;
  uint32_t key_id = 0;
  std::array<uint8_t, 32> public_key{};
};

// Parses "<name>+<8 lowercase hex digits>+<base64(0x04 || 32-byte key)>", splitting on the first
// two '+' only. InvalidArgument naming what is wrong: the form, the name, the key ID digits, a
// key that is not base64 of 33 bytes of type 0x04 (a 0x01 note key is refused, not converted), or
// a key ID that does not match the name and key.
Result<CosignatureVerifier> ParseCosignatureVerifierKey(std::string_view key);

// Verifies one cosignature line (with or without its final "\n") on `checkpoint_body` (the note
// text, ending in "\n") by `cosigner`, and returns the cosignature's timestamp in Unix seconds.
// The caller decides whether a timestamp in the future is acceptable.
//   - InvalidArgument when the input is malformed: a body not ending in "\n", a line that is not
//     "— <name> <base64>", a signature of this cosigner whose length is not 76 bytes, or a
//     timestamp above 2^63 - 1;
//   - PermissionDenied when the line is not by this cosigner (another name or key ID) or the
//     signature does not verify (a tampered body, timestamp or signature).
Result<int64_t> VerifyCosignature(std::string_view checkpoint_body, std::string_view signature_line,
                                  const CosignatureVerifier& cosigner);

}  // namespace gongshu
