// Tests of ledger/verify.h against the proof vectors of reference/tlog.md §1 and their mutations
// (testdata/inclusion.tsv, testdata/consistency.tsv).
#include "ledger/verify.h"

#include <gtest/gtest.h>

#include <sodium.h>

#include <map>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "ledger/testing/hex.h"

namespace gongshu {
namespace {

using testing::HashFromHex;

std::string TablePath(const std::string& name) {
  return std::string(GONGSHU_TESTDATA_DIR) + "/" + name;
}

// The proof column: comma-separated hex hashes, "garbage" standing for SHA-256("garbage").
std::vector<Hash> ProofCell(const std::string& cell) {
  std::vector<Hash> proof;
  for (const std::string& item : testing::SplitList(cell)) {
    if (item == "garbage") {
      Hash garbage;
      crypto_hash_sha256(garbage.data(), reinterpret_cast<const unsigned char*>("garbage"), 7);
      proof.push_back(garbage);
    } else {
      proof.push_back(HashFromHex(item));
    }
  }
  return proof;
}

const std::map<std::string, StatusCode>& ExpectedCodes() {
  static const auto* codes = new std::map<std::string, StatusCode>{
      {"ok", StatusCode::kOk},
      {"InvalidArgument", StatusCode::kInvalidArgument},
      {"FailedPrecondition", StatusCode::kFailedPrecondition},
  };
  return *codes;
}

// Checks `status` against the expected code and message fragment of a table row.
void ExpectOutcome(const Status& status, const testing::TableRow& row, const std::string& table) {
  const std::string& expected = row.cells[6];
  ASSERT_EQ(ExpectedCodes().count(expected), 1u) << table << " line " << row.line;
  EXPECT_EQ(status.code(), ExpectedCodes().at(expected))
      << table << " line " << row.line << " (" << row.cells[0] << "): " << status.message();
  EXPECT_NE(status.message().find(row.cells[7]), std::string::npos)
      << table << " line " << row.line << " (" << row.cells[0] << "): message \""
      << status.message() << "\" lacks \"" << row.cells[7] << "\"";
}

TEST(VerifyTest, InclusionTable) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("inclusion.tsv"));
  ASSERT_GT(rows.size(), 60u);
  int failing_cases = 0;
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 8u) << "inclusion.tsv line " << row.line;
    Status status = VerifyInclusion(std::stoull(row.cells[1]), std::stoull(row.cells[2]),
                                    HashFromHex(row.cells[3]), ProofCell(row.cells[5]),
                                    HashFromHex(row.cells[4]));
    ExpectOutcome(status, row, "inclusion.tsv");
    if (row.cells[6] != "ok") ++failing_cases;
  }
  EXPECT_GT(failing_cases, 50);
}

TEST(VerifyTest, ConsistencyTable) {
  std::vector<testing::TableRow> rows = testing::ReadTable(TablePath("consistency.tsv"));
  ASSERT_GT(rows.size(), 60u);
  int failing_cases = 0;
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 8u) << "consistency.tsv line " << row.line;
    Status status = VerifyConsistency(std::stoull(row.cells[1]), std::stoull(row.cells[2]),
                                      HashFromHex(row.cells[3]), HashFromHex(row.cells[4]),
                                      ProofCell(row.cells[5]));
    ExpectOutcome(status, row, "consistency.tsv");
    if (row.cells[6] != "ok") ++failing_cases;
  }
  EXPECT_GT(failing_cases, 50);
}

TEST(VerifyTest, MismatchMessageNamesBothRoots) {
  Hash leaf = LeafHash("");
  Hash root = LeafHash("something else");
  Status status = VerifyInclusion(0, 1, leaf, {}, root);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find(testing::HexFromHash(leaf)), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find(testing::HexFromHash(root)), std::string::npos)
      << status.message();
}

// Sizes near 2^64: the bit arithmetic must neither overflow nor loop.
TEST(VerifyTest, HugeSizesAreRejectedCleanly) {
  Hash leaf = LeafHash("x");
  std::vector<Hash> sixty_four(64, leaf);
  EXPECT_EQ(VerifyInclusion(UINT64_MAX - 1, UINT64_MAX, leaf, sixty_four, leaf).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyInclusion(0, UINT64_MAX, leaf, sixty_four, leaf).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(VerifyConsistency(uint64_t{1} << 63, UINT64_MAX, leaf, leaf, sixty_four).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(VerifyConsistency(UINT64_MAX, UINT64_MAX, leaf, leaf, {}).code(), StatusCode::kOk);
}

}  // namespace
}  // namespace gongshu
