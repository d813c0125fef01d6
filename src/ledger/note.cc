#include "ledger/note.h"

#include <sodium.h>

#include <cstdio>

#include "common/secrets.h"
#include "common/utf8.h"
#include "ledger/note_keys.h"

namespace gongshu {
namespace {

constexpr uint8_t kEd25519 = 0x01;

}  // namespace

Result<NoteSigner> NoteSigner::Create(std::string name, std::string_view seed) {
  if (!ValidNoteKeyName(name)) {
    return Status::InvalidArgument("a note key name must be non-empty, without spaces or '+'");
  }
  GONGSHU_RETURN_IF_ERROR(CheckEd25519Seed(seed));
  NoteSigner signer;
  signer.name_ = std::move(name);
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_key_.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  signer.key_id_ = NoteKeyId(signer.name_, kEd25519, signer.public_key_);
  return signer;
}

std::string NoteSigner::VerifierKey() const {
  return FormatVerifierKey(name_, key_id_, kEd25519, public_key_);
}

std::string NoteSigner::SignatureLine(std::string_view text) const {
  std::string signature(4 + crypto_sign_BYTES, '\0');
  signature[0] = static_cast<char>(key_id_ >> 24);
  signature[1] = static_cast<char>(key_id_ >> 16);
  signature[2] = static_cast<char>(key_id_ >> 8);
  signature[3] = static_cast<char>(key_id_);
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data() + 4), nullptr,
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       secret_key_.data());
  return std::string(kNoteSignaturePrefix) + name_ + " " + Base64Encode(signature) + "\n";
}

std::string NoteSigner::Sign(std::string_view text) const {
  return std::string(text) + "\n" + SignatureLine(text);
}

Result<NoteVerifier> ParseVerifierKey(std::string_view key) {
  size_t first = key.find('+');
  size_t second = first == std::string_view::npos ? first : key.find('+', first + 1);
  if (second == std::string_view::npos) {
    return Status::InvalidArgument("a verifier key has the form <name>+<hex id>+<base64 key>");
  }
  NoteVerifier verifier;
  verifier.name = std::string(key.substr(0, first));
  std::string_view hex = key.substr(first + 1, second - first - 1);
  if (!ValidNoteKeyName(verifier.name)) return Status::InvalidArgument("the key name is not valid");
  if (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Status::InvalidArgument("the key ID must be 8 lowercase hex digits");
  }
  std::string typed;
  if (!DecodeNoteBase64(key.substr(second + 1), &typed) || typed.size() != 33 ||
      static_cast<uint8_t>(typed[0]) != kEd25519) {
    return Status::InvalidArgument("the key must be base64 of 0x01 and a 32-byte Ed25519 key");
  }
  std::copy(typed.begin() + 1, typed.end(), verifier.public_key.begin());
  verifier.key_id = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
  if (verifier.key_id != NoteKeyId(verifier.name, kEd25519, verifier.public_key)) {
    return Status::InvalidArgument("the key ID does not match the name and key");
  }
  return verifier;
}

Result<std::string> OpenNote(std::string_view note, const NoteVerifier& verifier) {
  if (!IsValidUtf8(note)) return Status::InvalidArgument("a note must be UTF-8");
  for (unsigned char symbol : note) {
    if (symbol < 0x20 && symbol != '\n') {
      return Status::InvalidArgument("a note must not contain control characters");
    }
  }
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos || note.empty() || note.back() != '\n') {
    return Status::InvalidArgument("a note is text, a blank line, then signature lines");
  }
  std::string_view text = note.substr(0, split + 1);
  std::string_view signatures = note.substr(split + 2);
  bool verified = false;
  while (!signatures.empty()) {
    size_t end = signatures.find('\n');
    std::string_view line = signatures.substr(0, end);
    signatures = signatures.substr(end + 1);
    if (line.substr(0, kNoteSignaturePrefix.size()) != kNoteSignaturePrefix) {
      return Status::InvalidArgument("a signature line starts with \"— \"");
    }
    line.remove_prefix(kNoteSignaturePrefix.size());
    size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return Status::InvalidArgument("a signature line is \"— <name> <signature>\"");
    }
    std::string signature;
    if (!DecodeNoteBase64(line.substr(space + 1), &signature) || signature.size() < 5) {
      return Status::InvalidArgument("a signature is base64 of a key ID and the signature");
    }
    uint32_t key_id = (uint32_t{static_cast<uint8_t>(signature[0])} << 24) |
                      (uint32_t{static_cast<uint8_t>(signature[1])} << 16) |
                      (uint32_t{static_cast<uint8_t>(signature[2])} << 8) |
                      uint32_t{static_cast<uint8_t>(signature[3])};
    if (line.substr(0, space) != verifier.name || key_id != verifier.key_id) continue;
    if (signature.size() != 4 + crypto_sign_BYTES ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data() + 4),
                                    reinterpret_cast<const unsigned char*>(text.data()),
                                    text.size(), verifier.public_key.data()) != 0) {
      return Status::PermissionDenied("the signature by " + verifier.name + " is not valid");
    }
    verified = true;
  }
  if (!verified)
    return Status::PermissionDenied("the note carries no signature by " + verifier.name);
  return std::string(text);
}

Result<std::string> OpenNoteUnverifiedText(std::string_view note) {
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Status::InvalidArgument("a note is text, a blank line, then signature lines");
  }
  return std::string(note.substr(0, split + 1));
}

std::vector<std::string> NoteSignatureLines(std::string_view note) {
  std::vector<std::string> lines;
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return lines;
  std::string_view signatures = note.substr(split + 2);
  while (!signatures.empty()) {
    size_t end = signatures.find('\n');
    if (end == std::string_view::npos) break;
    lines.emplace_back(signatures.substr(0, end + 1));
    signatures = signatures.substr(end + 1);
  }
  return lines;
}

}  // namespace gongshu
