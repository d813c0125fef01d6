// Verification of RFC 6962 inclusion and consistency proofs, as RFC 9162 §2.1.3.2 and §2.1.4.2
// specify it, for clients and for checking what the log serves.
//
// Both functions return Ok when the proof holds and otherwise:
//   - InvalidArgument when the input is malformed: an index not below the tree size, an old size
//     above the new size, or a proof with a number of hashes that no proof for these sizes has;
//   - FailedPrecondition, with a message starting "root mismatch", when the input is well formed
//     but the hashes do not lead to the given root(s): a wrong leaf, a wrong root, a tampered
//     proof, or a log that forked.
// Pure functions of their arguments: no I/O, safe from any thread.
#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"
#include "ledger/merkle.h"

namespace gongshu {

// Checks that `proof` shows the leaf with hash `leaf_hash` at `index` in the tree of `size`
// leaves whose root is `root`.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);

// Checks that `proof` shows the tree of `old_size` leaves with root `old_root` to be a prefix of
// the tree of `new_size` leaves with root `new_root`. When the sizes are equal the proof must be
// empty and the roots equal. When old_size is 0 the proof must be empty and old_root must be
// EmptyRoot(): every tree extends the empty tree.
Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof);

}  // namespace gongshu
