#include "ledger/cosignature.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "common/secrets.h"
#include "common/utf8.h"
#include "ledger/note_keys.h"

namespace gongshu {
namespace {

constexpr size_t kKeyIdBytes = 4;
constexpr size_t kTimestampBytes = 8;
constexpr size_t kSignatureBytes = kKeyIdBytes + kTimestampBytes + crypto_sign_BYTES;

uint64_t ReadBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (char byte : bytes) value = (value << 8) | static_cast<uint8_t>(byte);
  return value;
}

void AppendBigEndian(uint64_t value, size_t width, std::string* out) {
  for (size_t shift = width; shift > 0; --shift) {
    out->push_back(static_cast<char>(value >> (8 * (shift - 1))));
  }
}

std::string Message(std::string_view checkpoint_body, uint64_t unix_seconds) {
  std::string message = "cosignature/v1\ntime " + std::to_string(unix_seconds) + "\n";
  message.append(checkpoint_body);
  return message;
}

}  // namespace

Result<CosignatureSigner> CosignatureSigner::Create(std::string name, std::string_view seed) {
  if (!ValidNoteKeyName(name)) {
    return Status::InvalidArgument(
        "a cosigner key name must be non-empty UTF-8, without spaces or '+'");
  }
  GONGSHU_RETURN_IF_ERROR(CheckEd25519Seed(seed));
  CosignatureSigner signer;
  signer.name_ = std::move(name);
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_key_.data(),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  signer.key_id_ = NoteKeyId(signer.name_, kCosignatureV1Type, signer.public_key_);
  return signer;
}

std::string CosignatureSigner::VerifierKey() const {
  return FormatVerifierKey(name_, key_id_, kCosignatureV1Type, public_key_);
}

std::string CosignatureSigner::SignatureLine(std::string_view checkpoint_body,
                                             int64_t unix_seconds) const {
  uint64_t timestamp = static_cast<uint64_t>(unix_seconds);
  std::string message = Message(checkpoint_body, timestamp);
  std::string signature;
  signature.reserve(kSignatureBytes);
  AppendBigEndian(key_id_, kKeyIdBytes, &signature);
  AppendBigEndian(timestamp, kTimestampBytes, &signature);
  signature.resize(kSignatureBytes);
  crypto_sign_detached(
      reinterpret_cast<unsigned char*>(signature.data() + kKeyIdBytes + kTimestampBytes), nullptr,
      reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_key_.data());
  return std::string(kNoteSignaturePrefix) + name_ + " " + Base64Encode(signature) + "\n";
}

Result<CosignatureVerifier> ParseCosignatureVerifierKey(std::string_view key) {
  size_t first = key.find('+');
  size_t second = first == std::string_view::npos ? first : key.find('+', first + 1);
  if (second == std::string_view::npos) {
    return Status::InvalidArgument("a verifier key has the form <name>+<hex id>+<base64 key>");
  }
  CosignatureVerifier verifier;
  verifier.name = std::string(key.substr(0, first));
  std::string_view hex = key.substr(first + 1, second - first - 1);
  if (!ValidNoteKeyName(verifier.name)) return Status::InvalidArgument("the key name is not valid");
  if (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Status::InvalidArgument("the key ID must be 8 lowercase hex digits");
  }
  std::string typed;
  if (!DecodeNoteBase64(key.substr(second + 1), &typed) ||
      typed.size() != 1 + crypto_sign_PUBLICKEYBYTES ||
      static_cast<uint8_t>(typed[0]) != kCosignatureV1Type) {
    return Status::InvalidArgument(
        "the key must be base64 of 0x04 and a 32-byte Ed25519 key (a cosignature/v1 key)");
  }
  std::copy(typed.begin() + 1, typed.end(), verifier.public_key.begin());
  verifier.key_id = static_cast<uint32_t>(std::stoul(std::string(hex), nullptr, 16));
  if (verifier.key_id != NoteKeyId(verifier.name, kCosignatureV1Type, verifier.public_key)) {
    return Status::InvalidArgument("the key ID does not match the name and key");
  }
  return verifier;
}

Result<int64_t> VerifyCosignature(std::string_view checkpoint_body, std::string_view signature_line,
                                  const CosignatureVerifier& cosigner) {
  if (checkpoint_body.empty() || checkpoint_body.back() != '\n') {
    return Status::InvalidArgument("a checkpoint body ends in a newline");
  }
  std::string_view line = signature_line;
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.substr(0, kNoteSignaturePrefix.size()) != kNoteSignaturePrefix) {
    return Status::InvalidArgument("a signature line starts with \"— \"");
  }
  line.remove_prefix(kNoteSignaturePrefix.size());
  size_t space = line.find(' ');
  if (space == std::string_view::npos || space == 0) {
    return Status::InvalidArgument("a signature line is \"— <name> <signature>\"");
  }
  std::string signature;
  if (!DecodeNoteBase64(line.substr(space + 1), &signature) || signature.size() < kKeyIdBytes) {
    return Status::InvalidArgument("a signature is base64 of a key ID and the signature");
  }
  uint32_t key_id = static_cast<uint32_t>(ReadBigEndian(signature.substr(0, kKeyIdBytes)));
  if (line.substr(0, space) != cosigner.name || key_id != cosigner.key_id) {
    return Status::PermissionDenied("the line is not a cosignature by " + cosigner.name);
  }
  if (signature.size() != kSignatureBytes) {
    return Status::InvalidArgument("a cosignature/v1 signature has 76 bytes, got " +
                                   std::to_string(signature.size()));
  }
  uint64_t timestamp =
      ReadBigEndian(std::string_view(signature).substr(kKeyIdBytes, kTimestampBytes));
  if (timestamp > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return Status::InvalidArgument("a cosignature timestamp is at most 2^63 - 1");
  }
  std::string message = Message(checkpoint_body, timestamp);
  if (crypto_sign_verify_detached(
          reinterpret_cast<const unsigned char*>(signature.data() + kKeyIdBytes + kTimestampBytes),
          reinterpret_cast<const unsigned char*>(message.data()), message.size(),
          cosigner.public_key.data()) != 0) {
    return Status::PermissionDenied("the cosignature by " + cosigner.name + " is not valid");
  }
  return static_cast<int64_t>(timestamp);
}

}  // namespace gongshu
