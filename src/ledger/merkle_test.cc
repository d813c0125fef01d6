// Tests of ledger/merkle.h: the hasher and tree vectors of reference/tlog.md §1 (testdata/tree.tsv,
// the happy paths of testdata/inclusion.tsv and consistency.tsv), a reference implementation
// written from the recursive definitions of RFC 6962 compared with the library for every tree size
// up to 300, the accumulated subtree-hash vector of draft-ietf-plants-merkle-tree-certs, the roots
// of the 70,000-entry log of reference/tlog.md §2, and the number of stored hashes a proof reads.
#include "ledger/merkle.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <bit>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/testing/table.h"
#include "ledger/testing/hex.h"
#include "ledger/verify.h"

namespace gongshu {
namespace {

using testing::BytesFromHex;
using testing::HashFromHex;
using testing::HexFromHash;

std::string TablePath(const std::string& name) {
  return std::string(GONGSHU_TESTDATA_DIR) + "/" + name;
}

std::vector<Hash> HashList(const std::string& cell) {
  std::vector<Hash> hashes;
  for (const std::string& hex : testing::SplitList(cell)) hashes.push_back(HashFromHex(hex));
  return hashes;
}

Hash Sha256(const std::string& data) {
  Hash hash;
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hash;
}

std::string HashBytes(const Hash& hash) {
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

// RFC 6962 §2.1 as written: MTH, PATH and PROOF/SUBPROOF by recursion on D[begin:end], hashing
// with libsodium directly. Slow on purpose (memoized only so 300 sizes finish quickly).
class ReferenceTree {
 public:
  explicit ReferenceTree(std::vector<std::string> entries) : entries_(std::move(entries)) {}

  // MTH(D[begin:end]).
  Hash Mth(uint64_t begin, uint64_t end) {
    auto cached = mth_.find({begin, end});
    if (cached != mth_.end()) return cached->second;
    Hash hash;
    uint64_t n = end - begin;
    if (n == 0) {
      hash = Sha256("");
    } else if (n == 1) {
      hash = Sha256(std::string(1, '\x00') + entries_[begin]);
    } else {
      uint64_t k = LargestPowerOfTwoBelow(n);
      hash = Sha256(std::string(1, '\x01') + HashBytes(Mth(begin, begin + k)) +
                    HashBytes(Mth(begin + k, end)));
    }
    mth_[{begin, end}] = hash;
    return hash;
  }

  // PATH(m, D[begin:end]), m relative to begin.
  std::vector<Hash> Path(uint64_t m, uint64_t begin, uint64_t end) {
    uint64_t n = end - begin;
    if (n == 1) return {};
    uint64_t k = LargestPowerOfTwoBelow(n);
    std::vector<Hash> path;
    if (m < k) {
      path = Path(m, begin, begin + k);
      path.push_back(Mth(begin + k, end));
    } else {
      path = Path(m - k, begin + k, end);
      path.push_back(Mth(begin, begin + k));
    }
    return path;
  }

  // PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
  std::vector<Hash> Proof(uint64_t m, uint64_t n) { return SubProof(m, 0, n, true); }

 private:
  // SUBPROOF(m, D[begin:end], b), m relative to begin.
  std::vector<Hash> SubProof(uint64_t m, uint64_t begin, uint64_t end, bool b) {
    uint64_t n = end - begin;
    if (m == n) {
      if (b) return {};
      return {Mth(begin, end)};
    }
    uint64_t k = LargestPowerOfTwoBelow(n);
    std::vector<Hash> proof;
    if (m <= k) {
      proof = SubProof(m, begin, begin + k, b);
      proof.push_back(Mth(begin + k, end));
    } else {
      proof = SubProof(m - k, begin + k, end, false);
      proof.push_back(Mth(begin, begin + k));
    }
    return proof;
  }

  // The largest power of two smaller than n. REQUIRES: n > 1.
  static uint64_t LargestPowerOfTwoBelow(uint64_t n) {
    uint64_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  std::vector<std::string> entries_;
  std::map<std::pair<uint64_t, uint64_t>, Hash> mth_;
};

// The 8-leaf tree of tree.tsv, built from its leaf entries.
MemoryTree EightLeafTree() {
  MemoryTree tree;
  for (const testing::TableRow& row : testing::ReadTable(TablePath("tree.tsv"))) {
    if (row.cells.at(0) == "leaf") tree.Append(LeafHash(BytesFromHex(row.cells.at(2))));
  }
  EXPECT_EQ(tree.size(), 8u);
  return tree;
}

TEST(MerkleTest, HasherVectors) {
  // transparency-dev/merkle rfc6962/rfc6962_test.go, as listed in reference/tlog.md §1.
  EXPECT_EQ(HexFromHash(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexFromHash(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(HexFromHash(LeafHash("L123456")),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  // The HashChildren("N123", "N456") vector hashes 4-byte children; NodeHash takes 32-byte hashes,
  // so its definition is checked on the tree's level-1 vectors below instead.
}

TEST(MerkleTest, TreeVectors) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("tree.tsv"));
  ASSERT_EQ(rows.size(), 23u);
  MemoryTree tree = EightLeafTree();
  std::vector<Hash> leaf_hashes;
  for (const testing::TableRow& row : rows) {
    const std::string& kind = row.cells.at(0);
    if (kind == "leaf") {
      ASSERT_EQ(row.cells.size(), 4u) << "tree.tsv line " << row.line;
      uint64_t index = std::stoull(row.cells[1]);
      Hash expected = HashFromHex(row.cells[3]);
      EXPECT_EQ(LeafHash(BytesFromHex(row.cells[2])), expected) << "tree.tsv line " << row.line;
      Result<Hash> stored = tree.ReadHash(0, index);
      ASSERT_TRUE(stored.ok()) << stored.status().message();
      EXPECT_EQ(*stored, expected) << "tree.tsv line " << row.line;
      leaf_hashes.push_back(expected);
    } else if (kind == "node") {
      ASSERT_EQ(row.cells.size(), 4u) << "tree.tsv line " << row.line;
      int level = std::stoi(row.cells[1]);
      uint64_t index = std::stoull(row.cells[2]);
      Result<Hash> stored = tree.ReadHash(level, index);
      ASSERT_TRUE(stored.ok()) << stored.status().message();
      EXPECT_EQ(*stored, HashFromHex(row.cells[3])) << "tree.tsv line " << row.line;
      if (level == 1) {
        // NodeHash against the vectors: level 1 is NodeHash of two leaf hashes.
        EXPECT_EQ(NodeHash(leaf_hashes.at(2 * index), leaf_hashes.at(2 * index + 1)),
                  HashFromHex(row.cells[3]))
            << "tree.tsv line " << row.line;
      }
    } else {
      ASSERT_EQ(kind, "root") << "tree.tsv line " << row.line;
      ASSERT_EQ(row.cells.size(), 3u) << "tree.tsv line " << row.line;
      uint64_t size = std::stoull(row.cells[1]);
      Result<Hash> root = TreeHash(size, tree);
      ASSERT_TRUE(root.ok()) << root.status().message();
      EXPECT_EQ(*root, HashFromHex(row.cells[2])) << "tree.tsv line " << row.line;
      // A tree holding exactly `size` leaves gives the same root.
      MemoryTree prefix;
      for (uint64_t index = 0; index < size; ++index) prefix.Append(leaf_hashes.at(index));
      EXPECT_EQ(prefix.Root(), HashFromHex(row.cells[2])) << "tree.tsv line " << row.line;
    }
  }
  Result<Hash> empty = TreeHash(0, tree);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, EmptyRoot());
  EXPECT_EQ(MemoryTree().Root(), EmptyRoot());
}

TEST(MerkleTest, InclusionProofVectors) {
  MemoryTree tree = EightLeafTree();
  int vectors = 0;
  for (const testing::TableRow& row : testing::ReadTable(TablePath("inclusion.tsv"))) {
    ASSERT_EQ(row.cells.size(), 8u) << "inclusion.tsv line " << row.line;
    if (row.cells[0] != "happy-path") continue;
    ++vectors;
    uint64_t index = std::stoull(row.cells[1]);
    uint64_t size = std::stoull(row.cells[2]);
    Result<std::vector<Hash>> proof = InclusionProof(index, size, tree);
    ASSERT_TRUE(proof.ok()) << proof.status().message();
    EXPECT_EQ(*proof, HashList(row.cells[5])) << "inclusion.tsv line " << row.line;
    EXPECT_EQ(InclusionProofSize(index, size), proof->size());
  }
  EXPECT_EQ(vectors, 5);
}

TEST(MerkleTest, ConsistencyProofVectors) {
  MemoryTree tree = EightLeafTree();
  int vectors = 0;
  for (const testing::TableRow& row : testing::ReadTable(TablePath("consistency.tsv"))) {
    ASSERT_EQ(row.cells.size(), 8u) << "consistency.tsv line " << row.line;
    if (row.cells[0] != "happy-path") continue;
    ++vectors;
    uint64_t old_size = std::stoull(row.cells[1]);
    uint64_t new_size = std::stoull(row.cells[2]);
    Result<std::vector<Hash>> proof = ConsistencyProof(old_size, new_size, tree);
    ASSERT_TRUE(proof.ok()) << proof.status().message();
    EXPECT_EQ(*proof, HashList(row.cells[5])) << "consistency.tsv line " << row.line;
    EXPECT_EQ(ConsistencyProofSize(old_size, new_size), proof->size());
  }
  EXPECT_EQ(vectors, 5);
}

constexpr uint64_t kReferenceSizes = 300;

std::vector<std::string> ReferenceEntries(uint64_t count) {
  std::vector<std::string> entries;
  for (uint64_t index = 0; index < count; ++index) {
    entries.push_back("entry " + std::to_string(index));
  }
  return entries;
}

MemoryTree TreeOf(const std::vector<std::string>& entries) {
  MemoryTree tree;
  for (const std::string& entry : entries) tree.Append(LeafHash(entry));
  return tree;
}

TEST(MerkleTest, TreeHashMatchesReferenceForEverySize) {
  std::vector<std::string> entries = ReferenceEntries(kReferenceSizes);
  ReferenceTree reference(entries);
  MemoryTree tree;
  for (uint64_t size = 1; size <= kReferenceSizes; ++size) {
    tree.Append(LeafHash(entries[size - 1]));
    EXPECT_EQ(tree.Root(), reference.Mth(0, size)) << "size " << size;
  }
  // Every size, read from the largest tree: the stored hashes never change.
  for (uint64_t size = 0; size <= kReferenceSizes; ++size) {
    Result<Hash> root = TreeHash(size, tree);
    ASSERT_TRUE(root.ok()) << root.status().message();
    EXPECT_EQ(*root, reference.Mth(0, size)) << "size " << size;
  }
}

TEST(MerkleTest, InclusionProofsMatchReferenceAndVerifyForEveryIndex) {
  std::vector<std::string> entries = ReferenceEntries(kReferenceSizes);
  ReferenceTree reference(entries);
  MemoryTree tree = TreeOf(entries);
  for (uint64_t size = 1; size <= kReferenceSizes; ++size) {
    Hash root = reference.Mth(0, size);
    for (uint64_t index = 0; index < size; ++index) {
      Result<std::vector<Hash>> proof = InclusionProof(index, size, tree);
      ASSERT_TRUE(proof.ok()) << proof.status().message();
      ASSERT_EQ(*proof, reference.Path(index, 0, size)) << "index " << index << ", size " << size;
      ASSERT_EQ(InclusionProofSize(index, size), proof->size());
      Status verified = VerifyInclusion(index, size, reference.Mth(index, index + 1), *proof, root);
      ASSERT_TRUE(verified.ok()) << "index " << index << ", size " << size << ": "
                                 << verified.message();
    }
  }
}

TEST(MerkleTest, ConsistencyProofsMatchReferenceAndVerifyForEveryOldSize) {
  std::vector<std::string> entries = ReferenceEntries(kReferenceSizes);
  ReferenceTree reference(entries);
  MemoryTree tree = TreeOf(entries);
  for (uint64_t new_size = 1; new_size <= kReferenceSizes; ++new_size) {
    Hash new_root = reference.Mth(0, new_size);
    for (uint64_t old_size = 0; old_size <= new_size; ++old_size) {
      Result<std::vector<Hash>> proof = ConsistencyProof(old_size, new_size, tree);
      ASSERT_TRUE(proof.ok()) << proof.status().message();
      // PROOF is defined for 0 < m < n; the library gives the empty proof for m = 0 and m = n.
      std::vector<Hash> expected = old_size == 0 || old_size == new_size
                                       ? std::vector<Hash>{}
                                       : reference.Proof(old_size, new_size);
      ASSERT_EQ(*proof, expected) << "old size " << old_size << ", new size " << new_size;
      ASSERT_EQ(ConsistencyProofSize(old_size, new_size), proof->size());
      Status verified =
          VerifyConsistency(old_size, new_size, reference.Mth(0, old_size), new_root, *proof);
      ASSERT_TRUE(verified.ok()) << "old size " << old_size << ", new size " << new_size << ": "
                                 << verified.message();
    }
  }
}

// Every hash of every proof, flipped, makes the proof fail, for trees up to 64 leaves.
TEST(MerkleTest, EveryTamperedProofHashIsRejected) {
  constexpr uint64_t kSizes = 64;
  std::vector<std::string> entries = ReferenceEntries(kSizes);
  ReferenceTree reference(entries);
  MemoryTree tree = TreeOf(entries);
  for (uint64_t size = 1; size <= kSizes; ++size) {
    Hash root = reference.Mth(0, size);
    for (uint64_t index = 0; index < size; ++index) {
      std::vector<Hash> proof = InclusionProof(index, size, tree).value();
      Hash leaf = reference.Mth(index, index + 1);
      for (size_t position = 0; position < proof.size(); ++position) {
        std::vector<Hash> tampered = proof;
        tampered[position][31] ^= 0x01;
        EXPECT_EQ(VerifyInclusion(index, size, leaf, tampered, root).code(),
                  StatusCode::kFailedPrecondition)
            << "index " << index << ", size " << size << ", hash " << position;
      }
      Hash other_leaf = LeafHash("not in the tree");
      EXPECT_EQ(VerifyInclusion(index, size, other_leaf, proof, root).code(),
                StatusCode::kFailedPrecondition);
    }
    for (uint64_t old_size = 1; old_size < size; ++old_size) {
      std::vector<Hash> proof = ConsistencyProof(old_size, size, tree).value();
      Hash old_root = reference.Mth(0, old_size);
      for (size_t position = 0; position < proof.size(); ++position) {
        std::vector<Hash> tampered = proof;
        tampered[position][0] ^= 0x80;
        EXPECT_EQ(VerifyConsistency(old_size, size, old_root, root, tampered).code(),
                  StatusCode::kFailedPrecondition)
            << "old size " << old_size << ", new size " << size << ", hash " << position;
      }
    }
  }
}

// draft-ietf-plants-merkle-tree-certs, Appendix C.1.1 (reference/tlog.md §1): over leaves
// d[i] = byte(i), the line "[start, end) <hex hash>\n" for every valid subtree of a tree of up to
// 130 leaves (end from 0 to 130, start from 0 to end; valid when start == end, start == 0, or start
// is a multiple of the least power of two >= end - start; an empty subtree hashes to SHA-256()),
// all fed to one SHA-256.
TEST(MerkleTest, AccumulatedSubtreeHashVector) {
  constexpr uint64_t kLeaves = 130;
  std::vector<std::string> entries;
  for (uint64_t index = 0; index < kLeaves; ++index) {
    entries.push_back(std::string(1, static_cast<char>(index)));
  }
  ReferenceTree reference(entries);
  MemoryTree tree = TreeOf(entries);
  crypto_hash_sha256_state accumulator;
  crypto_hash_sha256_init(&accumulator);
  int lines = 0;
  for (uint64_t end = 0; end <= kLeaves; ++end) {
    for (uint64_t start = 0; start <= end; ++start) {
      bool valid = start == end || start == 0 || start % std::bit_ceil(end - start) == 0;
      Result<Hash> hash = SubtreeHash(start, end, tree);
      if (!valid) {
        EXPECT_EQ(hash.status().code(), StatusCode::kInvalidArgument)
            << "[" << start << ", " << end << ")";
        continue;
      }
      ASSERT_TRUE(hash.ok()) << "[" << start << ", " << end << "): " << hash.status().message();
      ASSERT_EQ(*hash, reference.Mth(start, end)) << "[" << start << ", " << end << ")";
      std::string line = "[" + std::to_string(start) + ", " + std::to_string(end) + ") " +
                         HexFromHash(*hash) + "\n";
      crypto_hash_sha256_update(&accumulator, reinterpret_cast<const unsigned char*>(line.data()),
                                line.size());
      ++lines;
    }
  }
  Hash accumulated;
  crypto_hash_sha256_final(&accumulator, accumulated.data());
  EXPECT_GT(lines, 131);
  EXPECT_EQ(HexFromHash(accumulated),
            "b82806ad4265bb151c1119c0f4db437bb4d1a1f887b3a7fba1cd4ebf552e3e81");
}

TEST(MerkleTest, SubtreeHashRejectsRangesThatAreNoNode) {
  MemoryTree tree = TreeOf(ReferenceEntries(16));
  EXPECT_EQ(SubtreeHash(5, 4, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SubtreeHash(1, 3, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SubtreeHash(2, 5, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SubtreeHash(4, 9, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(SubtreeHash(4, 7, tree).ok());
  EXPECT_TRUE(SubtreeHash(8, 13, tree).ok());
  EXPECT_TRUE(SubtreeHash(0, 13, tree).ok());
  EXPECT_EQ(SubtreeHash(9, 9, tree).value(), EmptyRoot());
}

std::string FromBase64(const std::string& text) {
  std::string bytes(text.size(), '\0');
  size_t length = 0;
  int failed =
      sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  EXPECT_EQ(failed, 0) << "not base64: " << text;
  bytes.resize(length);
  return bytes;
}

// The 70,000-entry log of reference/tlog.md §2 whose tiles passed golang.org/x/mod's checks.
MemoryTree EvidenceLog(uint64_t size) {
  MemoryTree tree;
  for (uint64_t index = 0; index < size; ++index) {
    tree.Append(LeafHash("evidence record " + std::to_string(index) + "\n"));
  }
  return tree;
}

TEST(MerkleTest, EvidenceLogRoots) {
  MemoryTree tree = EvidenceLog(70000);
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("evidence_roots.tsv"));
  ASSERT_EQ(rows.size(), 5u);
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "evidence_roots.tsv line " << row.line;
    uint64_t size = std::stoull(row.cells[0]);
    std::string expected = FromBase64(row.cells[1]);
    Result<Hash> root = TreeHash(size, tree);
    ASSERT_TRUE(root.ok()) << root.status().message();
    EXPECT_EQ(HashBytes(*root), expected) << "size " << size;
  }
  EXPECT_EQ(HashBytes(tree.Root()), FromBase64(rows.back().cells[1]));
}

// The interop checks of reference/tlog.md §2 done with x/mod, here with the library's verifier.
TEST(MerkleTest, EvidenceLogProofsVerify) {
  MemoryTree tree = EvidenceLog(70000);
  Hash root = tree.Root();
  for (uint64_t index : std::vector<uint64_t>{0, 1, 255, 256, 999, 65535, 65536, 69999}) {
    std::vector<Hash> proof = InclusionProof(index, 70000, tree).value();
    Hash leaf = LeafHash("evidence record " + std::to_string(index) + "\n");
    EXPECT_TRUE(VerifyInclusion(index, 70000, leaf, proof, root).ok()) << "index " << index;
  }
  Hash old_root = TreeHash(1000, tree).value();
  std::vector<Hash> proof = ConsistencyProof(1000, 70000, tree).value();
  EXPECT_TRUE(VerifyConsistency(1000, 70000, old_root, root, proof).ok());
  Hash wrong_old_root = TreeHash(999, tree).value();
  EXPECT_EQ(VerifyConsistency(1000, 70000, wrong_old_root, root, proof).code(),
            StatusCode::kFailedPrecondition);
}

// A tree of any size up to 2^64 - 1 whose leaves all have the same hash: the hash at
// (level, index) is the same for every index, so it costs one NodeHash per level to know. Records
// every read and fails the test on a read of a hash that does not exist in `size`.
class UniformTree final : public HashReader {
 public:
  explicit UniformTree(uint64_t size) : size_(size) {
    level_hashes_.push_back(LeafHash("the same entry"));
    for (int level = 1; level < 64; ++level) {
      level_hashes_.push_back(NodeHash(level_hashes_.back(), level_hashes_.back()));
    }
  }

  Result<Hash> ReadHash(int level, uint64_t index) const override {
    ++reads_;
    bool exists = level >= 0 && level < 64 && index < (size_ >> level);
    EXPECT_TRUE(exists) << "read of (" << level << ", " << index << ") in a tree of size " << size_;
    if (!exists) return Status::NotFound("no such hash");
    return level_hashes_[level];
  }

  int reads() const { return reads_; }
  void ResetReads() { reads_ = 0; }

 private:
  uint64_t size_;
  std::vector<Hash> level_hashes_;
  mutable int reads_ = 0;
};

// Proofs read O(log n) stored hashes: at most two per level plus one, never a leaf of a big
// subtree, and only hashes that exist in the tree. The durable log serves proofs from
// 10,000,000-entry trees with this.
TEST(MerkleTest, ProofsReadLogarithmicallyManyHashes) {
  std::vector<uint64_t> sizes = {10000000, 10000001, (uint64_t{1} << 40) + 12345,
                                 (uint64_t{1} << 63) + 1, UINT64_MAX};
  for (uint64_t size : sizes) {
    UniformTree tree(size);
    int max_reads = 2 * std::bit_width(size) + 1;
    Result<Hash> root = TreeHash(size, tree);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(tree.reads(), std::popcount(size));
    for (uint64_t index : std::vector<uint64_t>{0, 1, size / 3, size / 2, size - 2, size - 1}) {
      tree.ResetReads();
      Result<std::vector<Hash>> proof = InclusionProof(index, size, tree);
      ASSERT_TRUE(proof.ok()) << proof.status().message();
      EXPECT_LE(tree.reads(), max_reads) << "index " << index << ", size " << size;
      EXPECT_EQ(proof->size(), InclusionProofSize(index, size));
      EXPECT_TRUE(VerifyInclusion(index, size, LeafHash("the same entry"), *proof, *root).ok())
          << "index " << index << ", size " << size;
    }
    for (uint64_t old_size : std::vector<uint64_t>{1, 2, 3, size / 3, size / 2, size - 1}) {
      tree.ResetReads();
      Result<std::vector<Hash>> proof = ConsistencyProof(old_size, size, tree);
      ASSERT_TRUE(proof.ok()) << proof.status().message();
      EXPECT_LE(tree.reads(), max_reads) << "old size " << old_size << ", size " << size;
      EXPECT_EQ(proof->size(), ConsistencyProofSize(old_size, size));
      Hash old_root = TreeHash(old_size, tree).value();
      EXPECT_TRUE(VerifyConsistency(old_size, size, old_root, *root, *proof).ok())
          << "old size " << old_size << ", size " << size;
    }
  }
}

TEST(MerkleTest, RejectsIndexOrSizesOutOfRange) {
  MemoryTree tree = TreeOf(ReferenceEntries(8));
  EXPECT_EQ(InclusionProof(8, 8, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(InclusionProof(0, 0, tree).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(5, 4, tree).status().code(), StatusCode::kInvalidArgument);
}

// A reader that fails: its error reaches the caller unchanged.
class FailingReader final : public HashReader {
 public:
  Result<Hash> ReadHash(int level, uint64_t index) const override {
    return Status::Unavailable("storage is down");
  }
};

TEST(MerkleTest, PassesReaderErrorsOn) {
  FailingReader reader;
  EXPECT_EQ(TreeHash(5, reader).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(InclusionProof(3, 5, reader).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(ConsistencyProof(3, 5, reader).status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(ConsistencyProof(4, 5, reader).status().message(), "storage is down");
}

TEST(MerkleTest, MemoryTreeHoldsOnlyHashesThatExist) {
  MemoryTree tree = TreeOf(ReferenceEntries(5));
  EXPECT_TRUE(tree.ReadHash(0, 4).ok());
  EXPECT_TRUE(tree.ReadHash(2, 0).ok());
  EXPECT_EQ(tree.ReadHash(0, 5).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tree.ReadHash(1, 2).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tree.ReadHash(2, 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tree.ReadHash(3, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tree.ReadHash(-1, 0).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace gongshu
