// Tests of ledger/entry_bundle.h: C2SP tlog-tiles entry bundles (testdata/entry_bundles.tsv) and
// their limits.
#include "ledger/entry_bundle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/table.h"
#include "ledger/testing/hex.h"

namespace gongshu {
namespace {

using testing::BytesFromHex;

// The entries column: comma-separated hex, "(none)" for one empty entry.
std::vector<std::string> EntriesCell(const std::string& cell) {
  if (cell == "(none)") return {""};
  std::vector<std::string> entries;
  for (const std::string& hex : testing::SplitList(cell)) entries.push_back(BytesFromHex(hex));
  return entries;
}

TEST(EntryBundleTest, Table) {
  std::vector<testing::TableRow> rows =
      testing::ReadTable(std::string(GONGSHU_TESTDATA_DIR) + "/entry_bundles.tsv");
  ASSERT_GT(rows.size(), 10u);
  for (const testing::TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "entry_bundles.tsv line " << row.line;
    std::string bundle = BytesFromHex(row.cells[0]);
    Result<std::vector<std::string>> decoded = DecodeEntryBundle(bundle);
    if (row.cells[1] == "ok") {
      ASSERT_TRUE(decoded.ok()) << "line " << row.line << ": " << decoded.status().message();
      std::vector<std::string> expected = EntriesCell(row.cells[2]);
      EXPECT_EQ(*decoded, expected) << "line " << row.line;
      Result<std::string> encoded = EncodeEntryBundle(expected);
      ASSERT_TRUE(encoded.ok()) << "line " << row.line << ": " << encoded.status().message();
      EXPECT_EQ(*encoded, bundle) << "line " << row.line;
    } else {
      ASSERT_EQ(row.cells[1], "error") << "entry_bundles.tsv line " << row.line;
      ASSERT_FALSE(decoded.ok()) << "line " << row.line << " was accepted";
      EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidArgument) << "line " << row.line;
      EXPECT_NE(decoded.status().message().find(row.cells[2]), std::string::npos)
          << "line " << row.line << ": message \"" << decoded.status().message() << "\" lacks \""
          << row.cells[2] << "\"";
    }
  }
}

TEST(EntryBundleTest, EntriesUpTo65535Bytes) {
  std::string largest(65535, 'a');
  Result<std::string> bundle = EncodeEntryBundle({"first", largest});
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ(bundle->size(), 2 + 5 + 2 + 65535u);
  EXPECT_EQ(bundle->substr(7, 2), "\xff\xff");
  Result<std::vector<std::string>> decoded = DecodeEntryBundle(*bundle);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(*decoded, (std::vector<std::string>{"first", largest}));

  Result<std::string> too_large = EncodeEntryBundle({"first", largest + "a"});
  EXPECT_EQ(too_large.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(too_large.status().message().find("entry 1 has 65536 bytes"), std::string::npos)
      << too_large.status().message();
}

TEST(EntryBundleTest, OneToTwoHundredFiftySixEntries) {
  EXPECT_EQ(EncodeEntryBundle({}).status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string> full(256, "e");
  Result<std::string> bundle = EncodeEntryBundle(full);
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ(DecodeEntryBundle(*bundle).value(), full);

  full.push_back("e");
  EXPECT_EQ(EncodeEntryBundle(full).status().code(), StatusCode::kInvalidArgument);
  std::string too_many = *bundle + std::string(
                                       "\x00\x01"
                                       "e",
                                       3);
  Result<std::vector<std::string>> decoded = DecodeEntryBundle(too_many);
  EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(decoded.status().message().find("more than 256"), std::string::npos);
}

}  // namespace
}  // namespace gongshu
