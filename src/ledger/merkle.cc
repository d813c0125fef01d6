// RFC 6962 hashing and proofs over stored perfect-subtree hashes.
//
// The proofs use the shape of the RFC 6962 tree seen from a node (level, node) whose subtree is
// perfect: let `last` be the index at that level of the node holding the tree's last leaf, and
// `inner` the bit length of node XOR last. Below level + inner the node's ancestors are left
// children of perfect subtrees, so each sibling is a perfect subtree, except the one at
// level + inner - 1, which is the right part of the tree and may be incomplete. From level + inner
// up, the ancestors hold the last leaf: they only have siblings on their left (perfect subtrees),
// one for each set bit of node >> inner, and where the bit is clear RFC 6962 promotes the node
// unchanged. So a path is inner + popcount(node >> inner) hashes, all but one of them one read
// each, and the one a SubtreeHash of at most 64 reads.
#include "ledger/merkle.h"

#include <sodium.h>

#include <algorithm>
#include <bit>
#include <string>

namespace gongshu {
namespace {

constexpr uint8_t kLeafPrefix = 0x00;
constexpr uint8_t kNodePrefix = 0x01;

// node >> shift, for shifts up to 64 (a plain shift by 64 is undefined).
uint64_t ShiftRight(uint64_t node, int shift) { return shift >= 64 ? 0 : node >> shift; }

// The number of hashes in the path of node (level, node) in a tree of `size` leaves.
// REQUIRES: the node's subtree lies within the first `size` leaves.
size_t NodePathSize(int level, uint64_t node, uint64_t size) {
  int inner = std::bit_width(node ^ ((size - 1) >> level));
  return static_cast<size_t>(inner + std::popcount(ShiftRight(node, inner)));
}

// Appends to `proof` the RFC 6962 path of node (level, node) in a tree of `size` leaves, from its
// sibling upwards (see the file comment).
// REQUIRES: the node's subtree lies within the first `size` leaves.
Status AppendNodePath(int level, uint64_t node, uint64_t size, const HashReader& reader,
                      std::vector<Hash>& proof) {
  int inner = std::bit_width(node ^ ((size - 1) >> level));
  for (int step = 0; step < inner; ++step) {
    int sibling_level = level + step;
    uint64_t begin = ((node >> step) ^ 1) << sibling_level;
    uint64_t width = uint64_t{1} << sibling_level;
    // Only the topmost of these siblings can reach past the end of the tree.
    uint64_t end = size - begin <= width ? size : begin + width;
    Result<Hash> sibling = SubtreeHash(begin, end, reader);
    if (!sibling.ok()) return sibling.status();
    proof.push_back(*sibling);
  }
  uint64_t ancestor = ShiftRight(node, inner);
  for (int ancestor_level = level + inner; ancestor != 0; ancestor >>= 1, ++ancestor_level) {
    if ((ancestor & 1) == 0) continue;
    Result<Hash> sibling = reader.ReadHash(ancestor_level, ancestor - 1);
    if (!sibling.ok()) return sibling.status();
    proof.push_back(*sibling);
  }
  return Status::Ok();
}

}  // namespace

Hash LeafHash(std::string_view data) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &kLeafPrefix, 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()),
                            data.size());
  Hash hash;
  crypto_hash_sha256_final(&state, hash.data());
  return hash;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  unsigned char input[1 + 2 * sizeof(Hash)];
  input[0] = kNodePrefix;
  std::copy(left.begin(), left.end(), input + 1);
  std::copy(right.begin(), right.end(), input + 1 + sizeof(Hash));
  Hash hash;
  crypto_hash_sha256(hash.data(), input, sizeof(input));
  return hash;
}

Hash EmptyRoot() {
  Hash hash;
  crypto_hash_sha256(hash.data(), nullptr, 0);
  return hash;
}

Result<Hash> SubtreeHash(uint64_t begin, uint64_t end, const HashReader& reader) {
  if (begin > end) {
    return Status::InvalidArgument("subtree [" + std::to_string(begin) + ", " +
                                   std::to_string(end) + ") ends before it begins");
  }
  if (begin == end) return EmptyRoot();
  uint64_t count = end - begin;
  if (begin != 0 && (count > (uint64_t{1} << 63) || begin % std::bit_ceil(count) != 0)) {
    return Status::InvalidArgument("subtree [" + std::to_string(begin) + ", " +
                                   std::to_string(end) +
                                   ") does not start at a multiple of its size rounded up to a "
                                   "power of two, so it is no node of any tree");
  }
  // The binary digits of `count`, largest first, are the perfect subtrees the range splits into,
  // each aligned because `begin` is. RFC 6962 joins them from the right: the left part of every
  // split is the largest power of two below the size.
  Hash parts[64];
  int part_count = 0;
  uint64_t part_begin = begin;
  for (int level = 63; level >= 0; --level) {
    if (((count >> level) & 1) == 0) continue;
    Result<Hash> part = reader.ReadHash(level, part_begin >> level);
    if (!part.ok()) return part.status();
    parts[part_count++] = *part;
    part_begin += uint64_t{1} << level;
  }
  Hash root = parts[part_count - 1];
  for (int part_index = part_count - 2; part_index >= 0; --part_index) {
    root = NodeHash(parts[part_index], root);
  }
  return root;
}

Result<Hash> TreeHash(uint64_t size, const HashReader& reader) {
  return SubtreeHash(0, size, reader);
}

Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size, const HashReader& reader) {
  if (index >= size) {
    return Status::InvalidArgument("leaf index " + std::to_string(index) +
                                   " is not below the tree size " + std::to_string(size));
  }
  std::vector<Hash> proof;
  proof.reserve(InclusionProofSize(index, size));
  GONGSHU_RETURN_IF_ERROR(AppendNodePath(0, index, size, reader, proof));
  return proof;
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                           const HashReader& reader) {
  if (old_size > new_size) {
    return Status::InvalidArgument("old tree size " + std::to_string(old_size) +
                                   " is larger than the new tree size " + std::to_string(new_size));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  proof.reserve(ConsistencyProofSize(old_size, new_size));
  // The last perfect subtree of the old tree, (level, node), ends at old_size and is a node of
  // both trees. Unless it is the whole old tree, its hash comes first; then its path in the new
  // tree, which also rebuilds the old root from the old tree's other (left) perfect subtrees.
  int level = std::countr_zero(old_size);
  uint64_t node = (old_size - 1) >> level;
  if (node != 0) {
    Result<Hash> seed = reader.ReadHash(level, node);
    if (!seed.ok()) return seed.status();
    proof.push_back(*seed);
  }
  GONGSHU_RETURN_IF_ERROR(AppendNodePath(level, node, new_size, reader, proof));
  return proof;
}

size_t InclusionProofSize(uint64_t index, uint64_t size) { return NodePathSize(0, index, size); }

size_t ConsistencyProofSize(uint64_t old_size, uint64_t new_size) {
  if (old_size == 0 || old_size == new_size) return 0;
  int level = std::countr_zero(old_size);
  uint64_t node = (old_size - 1) >> level;
  return (node != 0 ? 1 : 0) + NodePathSize(level, node, new_size);
}

void MemoryTree::Append(const Hash& leaf_hash) {
  Hash carry = leaf_hash;
  // Completing a left-right pair at one level completes the parent node at the next.
  for (size_t level = 0;; ++level) {
    if (levels_.size() == level) levels_.emplace_back();
    std::vector<Hash>& hashes = levels_[level];
    hashes.push_back(carry);
    if (hashes.size() % 2 != 0) break;
    carry = NodeHash(hashes[hashes.size() - 2], hashes.back());
  }
  ++size_;
}

Result<Hash> MemoryTree::ReadHash(int level, uint64_t index) const {
  if (level < 0 || static_cast<size_t>(level) >= levels_.size() || index >= levels_[level].size()) {
    return Status::NotFound("no hash at level " + std::to_string(level) + ", index " +
                            std::to_string(index) + " in a tree of " + std::to_string(size_) +
                            " leaves");
  }
  return levels_[level][index];
}

Hash MemoryTree::Root() const {
  // Cannot fail: TreeHash reads only hashes that exist in a tree of size_ leaves, and this tree
  // holds all of them.
  return TreeHash(size_, *this).value();
}

}  // namespace gongshu
