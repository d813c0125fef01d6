// RFC 6962 Merkle tree hashing, tree hashes and proofs (RFC 9162 §2.1), computed from stored
// hashes of perfect subtrees.
//
// Node addresses follow the tile layout of C2SP tlog-tiles (tile.h): the hash at (level, index)
// is MTH(D[index * 2^level : (index + 1) * 2^level]), the root of a perfect subtree of 2^level
// leaves; level 0 holds the leaf hashes. In a tree of `size` leaves the hash (level, index) exists
// iff (index + 1) * 2^level <= size, and it never changes once it exists, so a log can store each
// one once and serve every later tree size from the same hashes.
//
// Everything here is pure: no files, no network, no clock. Stored hashes come in only through a
// HashReader. TreeHash, InclusionProof and ConsistencyProof each read O(log size) hashes (at most
// 2 * 64 + 1), never the leaves of a large subtree, and ask only for hashes that exist in the tree
// size they are given. Hashing is libsodium's SHA-256, which needs no InitSecrets() first; the
// free functions are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace gongshu {

// A SHA-256 digest: a leaf hash, a node hash or a tree root.
using Hash = std::array<uint8_t, 32>;

// SHA-256(0x00 || data): the hash of a leaf whose entry is `data`.
Hash LeafHash(std::string_view data);

// SHA-256(0x01 || left || right): the hash of an interior node.
Hash NodeHash(const Hash& left, const Hash& right);

// SHA-256() (e3b0c442...7852b855): the root of the empty tree.
Hash EmptyRoot();

// Supplies stored hashes of perfect subtrees, addressed as described at the top of this file.
class HashReader {
 public:
  virtual ~HashReader() = default;

  // The hash at (level, index). The functions below call this only for hashes that exist in the
  // tree size they were given, with 0 <= level <= 63; a non-ok result is passed to their caller
  // unchanged. Implementations say themselves whether they may be called from several threads.
  virtual Result<Hash> ReadHash(int level, uint64_t index) const = 0;
};

// The root of the subtree of leaves [begin, end), shaped as RFC 6962 shapes a tree of
// end - begin leaves. The range must be empty (the result is EmptyRoot()) or start at 0 or at a
// multiple of the least power of two >= end - begin: these are the ranges whose root is a node of
// some tree, and the "valid subtrees" of draft-ietf-plants-merkle-tree-certs.
// InvalidArgument for any other range (begin > end, or misaligned); reader errors unchanged.
// REQUIRES: the reader's tree holds at least `end` leaves.
Result<Hash> SubtreeHash(uint64_t begin, uint64_t end, const HashReader& reader);

// MTH of the first `size` leaves: SubtreeHash(0, size, reader); EmptyRoot() for size 0.
Result<Hash> TreeHash(uint64_t size, const HashReader& reader);

// The RFC 6962 audit path of leaf `index` in the tree of the first `size` leaves, from the leaf's
// sibling up to a child of the root (empty for a tree of one leaf). InvalidArgument when
// index >= size; reader errors unchanged.
Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size, const HashReader& reader);

// The RFC 6962 consistency proof that the tree of the first `old_size` leaves is a prefix of the
// tree of the first `new_size` leaves, in RFC order. Empty when old_size == new_size or
// old_size == 0 (every tree extends the empty tree). InvalidArgument when old_size > new_size;
// reader errors unchanged.
Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size,
                                           const HashReader& reader);

// The number of hashes in InclusionProof(index, size). REQUIRES: index < size.
size_t InclusionProofSize(uint64_t index, uint64_t size);

// The number of hashes in ConsistencyProof(old_size, new_size). REQUIRES: old_size <= new_size.
size_t ConsistencyProofSize(uint64_t old_size, uint64_t new_size);

// A whole tree held in memory: every hash (level, index) that exists, so it serves any tree size
// up to size(). For tests, and for building the tiles of a batch of new leaves.
// Not thread-safe while appending; concurrent const calls are safe.
class MemoryTree final : public HashReader {
 public:
  // Adds the next leaf, given as its leaf hash (LeafHash(entry)).
  void Append(const Hash& leaf_hash);

  // The number of leaves appended.
  uint64_t size() const { return size_; }

  // The hash at (level, index); NotFound when it does not exist (yet) in this tree.
  Result<Hash> ReadHash(int level, uint64_t index) const override;

  // TreeHash(size(), *this).
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  // levels_[level][index] is the hash (level, index).
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace gongshu
