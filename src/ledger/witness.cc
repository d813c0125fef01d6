#include "ledger/witness.h"

#include <sodium.h>

#include <algorithm>
#include <limits>

#include "common/secrets.h"
#include "ledger/note_keys.h"
#include "ledger/verify.h"

namespace gongshu {
namespace {

// A decimal without leading zeroes ("0" for zero) that fits in 64 bits.
bool ParseDecimal(std::string_view text, uint64_t* value) {
  if (text.empty() || text.size() > 20 ||
      text.find_first_not_of("0123456789") != std::string_view::npos ||
      (text.size() > 1 && text[0] == '0')) {
    return false;
  }
  uint64_t result = 0;
  for (char digit : text) {
    uint64_t digit_value = static_cast<uint64_t>(digit - '0');
    if (result > (std::numeric_limits<uint64_t>::max() - digit_value) / 10) return false;
    result = result * 10 + digit_value;
  }
  *value = result;
  return true;
}

bool DecodeHash(std::string_view text, Hash* hash) {
  unsigned char decoded[48];
  size_t length = 0;
  if (sodium_base642bin(decoded, sizeof(decoded), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != hash->size()) {
    return false;
  }
  std::copy(decoded, decoded + hash->size(), hash->begin());
  return true;
}

// Whether `line` (without its "\n") has the form "— <name> <base64>".
bool IsSignatureLine(std::string_view line) {
  if (line.substr(0, kNoteSignaturePrefix.size()) != kNoteSignaturePrefix) return false;
  line.remove_prefix(kNoteSignaturePrefix.size());
  size_t space = line.find(' ');
  if (space == 0 || space == std::string_view::npos) return false;
  std::string_view encoded = line.substr(space + 1);
  if (encoded.empty() || encoded.find(' ') != std::string_view::npos) return false;
  std::string decoded(encoded.size(), '\0');
  size_t length = 0;
  return sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                           encoded.data(), encoded.size(), nullptr, &length, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         length > 0;
}

// Whether line 2 of a checkpoint body is all digits yet above 2^64 - 1. ParseCheckpoint converts
// that line with std::stoull, which throws for such a size, so it is refused before.
bool SizeLineOverflows(std::string_view text) {
  size_t first = text.find('\n');
  if (first == std::string_view::npos) return false;
  size_t second = text.find('\n', first + 1);
  if (second == std::string_view::npos) return false;
  std::string_view size = text.substr(first + 1, second - first - 1);
  if (size.empty() || size.find_first_not_of("0123456789") != std::string_view::npos) return false;
  uint64_t ignored = 0;
  return size.size() >= 20 && size[0] != '0' && !ParseDecimal(size, &ignored);
}

std::string HashBase64(const Hash& hash) {
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

}  // namespace

Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body) {
  std::string_view rest = body;
  auto next_line = [&rest](std::string_view* line) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) return false;
    *line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    return true;
  };
  AddCheckpointRequest request;
  std::string_view old_line;
  if (!next_line(&old_line) || old_line.substr(0, 4) != "old " ||
      !ParseDecimal(old_line.substr(4), &request.old_size)) {
    return Status::InvalidArgument(
        "the body must start with the line \"old <size>\", the size in decimal without leading "
        "zeroes");
  }
  while (true) {
    std::string_view line;
    if (!next_line(&line)) {
      return Status::InvalidArgument(
          "the consistency proof must be followed by an empty line and the checkpoint");
    }
    if (line.empty()) break;
    if (request.consistency_proof.size() == kMaxAddCheckpointProofLines) {
      return Status::InvalidArgument("a request carries at most 63 consistency proof lines");
    }
    Hash hash;
    if (!DecodeHash(line, &hash)) {
      return Status::InvalidArgument("consistency proof line " +
                                     std::to_string(request.consistency_proof.size() + 1) +
                                     " is not the base64 of a 32-byte hash");
    }
    request.consistency_proof.push_back(hash);
  }
  size_t origin_end = rest.find('\n');
  if (rest.empty()) {
    return Status::InvalidArgument("the checkpoint is missing after the empty line");
  }
  if (origin_end == std::string_view::npos || origin_end == 0) {
    return Status::InvalidArgument("the checkpoint must start with its origin line");
  }
  request.origin = std::string(rest.substr(0, origin_end));
  request.checkpoint = std::string(rest);
  return request;
}

std::string AddCheckpointOutcome::ResponseBody() const {
  if (status.ok()) return cosignature_line;
  if (status.code() == StatusCode::kConflict) return std::to_string(stored_size) + "\n";
  return "";
}

AddCheckpointOutcome DecideAddCheckpoint(const AddCheckpointRequest& request,
                                         const WitnessLogs& logs,
                                         const std::optional<WitnessState>& stored,
                                         const CosignatureSigner& cosigner,
                                         int64_t now_unix_seconds) {
  AddCheckpointOutcome outcome;
  auto reject = [&outcome](Status status) {
    outcome.status = std::move(status);
    return std::move(outcome);
  };
  if (now_unix_seconds < 0) {
    return reject(Status::Internal("the witness clock reads a time before 1970"));
  }
  auto log = logs.find(request.origin);
  if (log == logs.end()) {
    return reject(Status::NotFound("no log with origin \"" + request.origin + "\" is witnessed"));
  }
  Result<std::string> text = OpenNote(request.checkpoint, log->second);
  if (!text.ok()) return reject(text.status());
  if (SizeLineOverflows(*text)) {
    return reject(Status::InvalidArgument("checkpoint line 2 must be a tree size below 2^64"));
  }
  Result<Checkpoint> checkpoint = ParseCheckpoint(*text);
  if (!checkpoint.ok()) return reject(checkpoint.status());
  if (checkpoint->origin != request.origin) {
    return reject(Status::InvalidArgument("the request's origin is not the checkpoint's"));
  }
  outcome.verified_checkpoint = *checkpoint;
  const uint64_t size = checkpoint->size;
  const Hash& root = checkpoint->root;

  if (size == 0 && root != EmptyRoot()) {
    return reject(Status::FailedPrecondition("a checkpoint of size 0 must carry the empty root"));
  }
  if (request.old_size > size) {
    return reject(Status::InvalidArgument("old size " + std::to_string(request.old_size) +
                                          " is above the checkpoint's size " +
                                          std::to_string(size)));
  }
  const uint64_t stored_size = stored ? stored->size : 0;
  const Hash stored_root = stored ? stored->root : EmptyRoot();
  if (request.old_size != stored_size) {
    outcome.stored_size = stored_size;
    return reject(Status::Conflict("old size " + std::to_string(request.old_size) +
                                   " is not the size last cosigned for " + request.origin + ", " +
                                   std::to_string(stored_size)));
  }
  if (size == stored_size) {
    if (root != stored_root) {
      outcome.stored_size = stored_size;
      return reject(Status::Conflict("the checkpoint of size " + std::to_string(size) +
                                     " has root " + HashBase64(root) + ", not the cosigned " +
                                     HashBase64(stored_root)));
    }
    if (!request.consistency_proof.empty()) {
      return reject(
          Status::FailedPrecondition("the consistency proof between equal sizes must be empty"));
    }
  } else {
    Status consistent =
        VerifyConsistency(stored_size, size, stored_root, root, request.consistency_proof);
    if (!consistent.ok()) {
      // A proof of the wrong length is as unverifiable as a wrong hash: both are 422 here.
      return reject(Status::FailedPrecondition(
          "the consistency proof from size " + std::to_string(stored_size) + " to " +
          std::to_string(size) + " does not verify: " + consistent.message()));
    }
  }
  outcome.cosignature_line = cosigner.SignatureLine(*text, now_unix_seconds);
  outcome.new_state = WitnessState{size, root};
  outcome.status = Status::Ok();
  return outcome;
}

std::string FormatAddCheckpointRequest(uint64_t old_size, const std::vector<Hash>& proof,
                                       std::string_view signed_checkpoint) {
  std::string body = "old " + std::to_string(old_size) + "\n";
  for (const Hash& hash : proof) body += HashBase64(hash) + "\n";
  body += "\n";
  body.append(signed_checkpoint);
  return body;
}

Result<uint64_t> ParseTlogSize(std::string_view body) {
  uint64_t size = 0;
  if (body.empty() || body.back() != '\n' ||
      !ParseDecimal(body.substr(0, body.size() - 1), &size)) {
    return Status::InvalidArgument("a text/x.tlog.size body is a decimal size and a newline");
  }
  return size;
}

Result<std::string> AppendCosignatures(std::string_view signed_note,
                                       std::string_view signature_lines) {
  std::vector<std::string> existing = NoteSignatureLines(signed_note);
  bool signed_lines = !existing.empty();
  for (const std::string& line : existing) {
    signed_lines =
        signed_lines && IsSignatureLine(std::string_view(line).substr(0, line.size() - 1));
  }
  if (!OpenNoteUnverifiedText(signed_note).ok() || signed_note.back() != '\n' || !signed_lines) {
    return Status::InvalidArgument(
        "a signed note is text, an empty line and signature lines, ending in a newline");
  }
  if (signature_lines.empty() || signature_lines.back() != '\n') {
    return Status::InvalidArgument("cosignatures are one or more lines, each ending in a newline");
  }
  std::string result(signed_note);
  std::string_view rest = signature_lines;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (!IsSignatureLine(line)) {
      return Status::InvalidArgument("a cosignature line is \"— <name> <base64 signature>\"");
    }
    std::string with_newline = std::string(line) + "\n";
    if (std::find(existing.begin(), existing.end(), with_newline) != existing.end()) continue;
    result += with_newline;
    existing.push_back(std::move(with_newline));
  }
  return result;
}

}  // namespace gongshu
