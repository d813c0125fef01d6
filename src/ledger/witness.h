// Witnessing: the add-checkpoint call of C2SP tlog-witness (https://c2sp.org/tlog-witness;
// summary in reference/tlog.md §2), by which a log asks a witness to cosign its new checkpoint.
//
// Request body (POST <prefix>/add-checkpoint), every line ending in "\n":
//   "old <size>\n"        the size of the checkpoint the witness last cosigned for this log, in
//                         decimal without leading zeroes ("0" when it never cosigned one)
//   "<base64 hash>\n"     0 to 63 lines: the RFC 6962 consistency proof from the old size to the
//                         checkpoint's size, each a 32-byte hash in standard base64
//   "\n"                  an empty line
//   <signed checkpoint>   the log's checkpoint note (checkpoint.h, note.h) verbatim; it may carry
//                         several signatures
// Responses, each from exactly one StatusCode of AddCheckpointOutcome::status:
//   kOk                  200, body: the witness's cosignature line (cosignature.h)
//   kInvalidArgument     400, a malformed body or checkpoint, or an old size above the
//                        checkpoint's size
//   kPermissionDenied    403, no valid signature by the log's key on the checkpoint
//   kNotFound            404, the checkpoint's origin is not a log this witness serves
//   kConflict            409, the old size is not the size last cosigned, or that size equals the
//                        checkpoint's size with another root; body "<stored size>\n", Content-Type
//                        text/x.tlog.size
//   kFailedPrecondition  422, the consistency proof does not verify
//   kInternal            500, the clock given is before 1970
//
// Everything here is pure: no files, no network, no clock. The witness's stored state comes in as
// an argument and the state to store goes out in the outcome; the caller must read the state,
// decide and store the new state atomically per origin, before answering, or two concurrent
// requests can roll the state back (tlog-witness, add-checkpoint). All functions are safe from
// any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ledger/checkpoint.h"
#include "ledger/cosignature.h"
#include "ledger/merkle.h"
#include "ledger/note.h"

namespace gongshu {

// The most consistency-proof lines an add-checkpoint request may carry.
inline constexpr size_t kMaxAddCheckpointProofLines = 63;

// The Content-Type of a 409 response, whose body is the stored size in decimal and "\n".
inline constexpr std::string_view kTlogSizeContentType = "text/x.tlog.size";

// A well-formed add-checkpoint request. Nothing in it has been verified yet.
struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash> consistency_proof;
  // The signed checkpoint note, verbatim.
  std::string checkpoint;
  // The first line of `checkpoint` (unverified), for finding the log and the stored state.
  std::string origin;
};

// Parses an add-checkpoint request body. InvalidArgument (400) naming what is wrong: a missing or
// malformed "old" line (not "old", one space, a decimal without leading zeroes that fits 64 bits),
// a proof line that is not base64 of 32 bytes, more than 63 proof lines, a line without its "\n",
// no empty line after the proof, or a checkpoint that is missing or has no non-empty first line.
// The checkpoint itself is checked by DecideAddCheckpoint.
Result<AddCheckpointRequest> ParseAddCheckpointRequest(std::string_view body);

// What a witness remembers of one log: the latest checkpoint it cosigned.
struct WitnessState {
  uint64_t size = 0;
  Hash root{};
};

// The logs a witness serves: origin -> the verifier key of the log's checkpoint signatures.
using WitnessLogs = std::map<std::string, NoteVerifier, std::less<>>;

// The outcome of one add-checkpoint request; see the table at the top of this file.
struct AddCheckpointOutcome {
  Status status;
  // When status is ok: the cosignature line (with its "\n") to answer with, and the state to
  // store for the request's origin before answering.
  std::string cosignature_line;
  WitnessState new_state;
  // When status is kConflict: the size of the latest checkpoint cosigned for the origin (0 when
  // none was), which the 409 body carries.
  uint64_t stored_size = 0;
  // The checkpoint, once the log's signature on it has verified (for ok, for an old size above
  // its size, and for kConflict and kFailedPrecondition). A witness may keep a checkpoint whose
  // proof failed as evidence of a misbehaving log, but never cosigns it.
  std::optional<Checkpoint> verified_checkpoint;

  // The response body: the cosignature line when ok, "<stored_size>\n" for kConflict, and empty
  // otherwise (the HTTP layer answers other errors with a problem document).
  std::string ResponseBody() const;
};

// Decides an add-checkpoint request, in the order tlog-witness gives the checks:
//   1. the origin is in `logs`, else kNotFound;
//   2. the checkpoint note carries a valid signature by that log's key, else kPermissionDenied
//      (kInvalidArgument for a note or checkpoint body that is malformed);
//   3. request.old_size <= the checkpoint's size, else kInvalidArgument;
//   4. request.old_size equals the stored size (0 when `stored` is empty), else kConflict;
//   5. when the sizes are equal: the checkpoint's root equals the stored root, else kConflict, and
//      the proof is empty, else kFailedPrecondition (a resubmitted checkpoint is cosigned again,
//      with `now_unix_seconds` as its new timestamp, and the state does not change);
//      otherwise: the proof verifies from the stored size and root to the checkpoint's (verify.h;
//      from size 0 the proof must be empty), else kFailedPrecondition;
//   6. ok: the cosignature of `cosigner` at `now_unix_seconds`, and new_state = the checkpoint's
//      size and root.
// A checkpoint of size 0 must carry EmptyRoot(), else kFailedPrecondition: no proof can show the
// empty tree to have another root. An empty `stored` stands for "never cosigned", which behaves as
// a stored size 0 with root EmptyRoot(). kInternal when now_unix_seconds < 0.
// REQUIRES: `stored` is the state stored for request.origin.
AddCheckpointOutcome DecideAddCheckpoint(const AddCheckpointRequest& request,
                                         const WitnessLogs& logs,
                                         const std::optional<WitnessState>& stored,
                                         const CosignatureSigner& cosigner,
                                         int64_t now_unix_seconds);

// The log's side.

// The add-checkpoint request body for `signed_checkpoint` with the consistency proof from
// `old_size`. REQUIRES: proof.size() <= kMaxAddCheckpointProofLines; signed_checkpoint is a
// signed note (it ends in "\n").
std::string FormatAddCheckpointRequest(uint64_t old_size, const std::vector<Hash>& proof,
                                       std::string_view signed_checkpoint);

// Parses the body of a 409 answer: a decimal size without leading zeroes and "\n", the size the
// witness last cosigned, from which the log retries. InvalidArgument for anything else.
Result<uint64_t> ParseTlogSize(std::string_view body);

// `signed_note` with the signature lines of `signature_lines` (a 200 answer's body: one or more
// lines "— <name> <base64>\n") appended after its own signature lines, skipping any line the note
// already carries, so a log serves its checkpoint with the witnesses' cosignatures. Checks the
// form only: the caller verifies each cosignature it wants to rely on with VerifyCosignature.
// InvalidArgument when `signed_note` is not a signed note (text, an empty line, at least one
// signature line, a final "\n") or `signature_lines` is empty or holds a line of another form.
Result<std::string> AppendCosignatures(std::string_view signed_note,
                                       std::string_view signature_lines);

}  // namespace gongshu
