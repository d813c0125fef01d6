// Signed notes (C2SP signed-note v1) with Ed25519, and the verifier key string.
//
// A note is UTF-8 text ending in "\n", a blank line, then signature lines
//   "— <key name> <base64(4-byte key ID || 64-byte Ed25519 signature)>\n"
// The key ID is the first 4 bytes of SHA-256(<key name> || "\n" || 0x01 || public key).
// The verifier key is "<name>+<key ID, 8 hex digits>+<base64(0x01 || public key)>", the form
// golang.org/x/mod/sumdb/note.NewVerifier reads. docs/ledger-format.md shows both.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

class NoteSigner {
 public:
  // `seed` is the 32-byte Ed25519 private key (RFC 8032). InvalidArgument for a bad name (empty,
  // containing a space or '+') or a seed of the wrong length.
  static Result<NoteSigner> Create(std::string name, std::string_view seed);

  const std::string& name() const { return name_; }
  // 4-byte key ID as a big-endian number.
  uint32_t key_id() const { return key_id_; }
  // "<name>+<hex key ID>+<base64(0x01 || public key)>".
  std::string VerifierKey() const;
  // The signature line for `text` (which must end in "\n"), with its trailing "\n".
  std::string SignatureLine(std::string_view text) const;
  // `text` + "\n" + SignatureLine(text). REQUIRES: text ends in "\n".
  std::string Sign(std::string_view text) const;

 private:
  NoteSigner() = default;
  std::string name_;
  uint32_t key_id_ = 0;
  std::array<uint8_t, 32> public_key_{};
  std::array<uint8_t, 64> secret_key_{};
};

// A parsed verifier key.
struct NoteVerifier {
  std::string name;
  uint32_t key_id = 0;
  std::array<uint8_t, 32> public_key{};
};

// Parses "<name>+<hex>+<base64>"; InvalidArgument naming what is wrong (and when the key ID does
// not match the name and key).
Result<NoteVerifier> ParseVerifierKey(std::string_view key);

// The text of `note` when a signature by `verifier` on it is valid. Signatures by other keys are
// ignored. InvalidArgument for a malformed note; PermissionDenied when no valid signature by
// `verifier` is present or one by it fails.
Result<std::string> OpenNote(std::string_view note, const NoteVerifier& verifier);

// The text of `note` (up to its last blank line) without checking any signature: for a log's
// own checkpoint, which it has just signed. InvalidArgument for a malformed note.
Result<std::string> OpenNoteUnverifiedText(std::string_view note);

// The signature lines of `note` (each with its "\n"), for passing cosignatures along.
std::vector<std::string> NoteSignatureLines(std::string_view note);

}  // namespace gongshu
