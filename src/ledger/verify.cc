// RFC 9162 §2.1.3.2 and §2.1.4.2, step by step. fn and sn walk up the tree: fn is the index of the
// node being rebuilt at the current level, sn that of the tree's last node there.
#include "ledger/verify.h"

#include <string>

namespace gongshu {
namespace {

std::string Hex(const Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * hash.size());
  for (uint8_t byte : hash) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

Status WrongProofSize(std::string_view what, size_t expected, size_t got) {
  return Status::InvalidArgument(std::string(what) + " has " + std::to_string(expected) +
                                 " hashes, got " + std::to_string(got));
}

Status RootMismatch(std::string_view which, uint64_t size, const Hash& computed,
                    const Hash& expected) {
  return Status::FailedPrecondition("root mismatch: the proof gives " + std::string(which) +
                                    " root " + Hex(computed) + " for tree size " +
                                    std::to_string(size) + ", expected " + Hex(expected));
}

// Shifts fn and sn right until fn is odd or zero. Written as "while not odd and not zero": the
// form "while (!odd || fn == 0)" seen in some code never ends once fn is 0.
void ShiftToOddOrZero(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  if (index >= size) {
    return Status::InvalidArgument("leaf index " + std::to_string(index) +
                                   " is not below the tree size " + std::to_string(size));
  }
  // The loop below rejects a proof of the wrong length too; checking first names the problem.
  size_t expected_size = InclusionProofSize(index, size);
  if (proof.size() != expected_size) {
    return WrongProofSize("an inclusion proof for index " + std::to_string(index) +
                              " in a tree of size " + std::to_string(size),
                          expected_size, proof.size());
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Status::InvalidArgument("inclusion proof is longer than the path");
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      ShiftToOddOrZero(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument("inclusion proof is shorter than the path");
  if (r != root) return RootMismatch("the", size, r, root);
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof) {
  if (old_size > new_size) {
    return Status::InvalidArgument("old tree size " + std::to_string(old_size) +
                                   " is larger than the new tree size " + std::to_string(new_size));
  }
  if (old_size == new_size || old_size == 0) {
    if (!proof.empty()) {
      return WrongProofSize("a consistency proof from size " + std::to_string(old_size) +
                                " to size " + std::to_string(new_size),
                            0, proof.size());
    }
    if (old_size == 0) {
      if (old_root != EmptyRoot()) return RootMismatch("the old", 0, EmptyRoot(), old_root);
      return Status::Ok();
    }
    if (old_root != new_root) return RootMismatch("the", new_size, old_root, new_root);
    return Status::Ok();
  }
  size_t expected_size = ConsistencyProofSize(old_size, new_size);
  if (proof.size() != expected_size) {
    return WrongProofSize("a consistency proof from size " + std::to_string(old_size) +
                              " to size " + std::to_string(new_size),
                          expected_size, proof.size());
  }
  // When old_size is a power of two the old root is itself the first node of the path.
  bool old_is_power_of_two = (old_size & (old_size - 1)) == 0;
  size_t next = 0;
  Hash first = old_is_power_of_two ? old_root : proof[next++];
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = first;
  Hash sr = first;
  for (; next < proof.size(); ++next) {
    const Hash& c = proof[next];
    if (sn == 0) return Status::InvalidArgument("consistency proof is longer than the path");
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      ShiftToOddOrZero(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::InvalidArgument("consistency proof is shorter than the path");
  if (fr != old_root) return RootMismatch("the old", old_size, fr, old_root);
  if (sr != new_root) return RootMismatch("the new", new_size, sr, new_root);
  return Status::Ok();
}

}  // namespace gongshu
