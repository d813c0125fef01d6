// Tests of JSON array and NDJSON reading (json_reader.h, json_element.h) through
// OpenTableSource, as docs/dataset-formats.md describes it.
#include "tabular/json_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "common/testing/temp_dir.h"
#include "tabular/table_format.h"
#include "tabular/testing/source_dump.h"

namespace gongshu::tabular {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

const std::vector<std::size_t> kChunkSizes = {1, 2, 3, 5, 7, 13, 64, ReadLimits().chunk_bytes};

class JsonReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = gongshu::testing::MakeTempDir("gongshu-json");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(JsonReaderTest, FollowsTableAtEveryChunkSize) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/json_reader.tsv");
  ASSERT_FALSE(rows.empty());
  const std::string path = dir_ + "/upload.json";
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "json_reader.tsv line " << row.line;
    ASSERT_TRUE(testing::WriteFile(path, row.cells[1]));
    for (std::size_t chunk : kChunkSizes) {
      OpenOptions options;
      ReadLimits limits;
      limits.chunk_bytes = chunk;
      testing::ApplyOptions(row.cells[0], options, limits);
      std::string dump = testing::DumpSource(OpenTableSource(path, options, limits));
      EXPECT_TRUE(testing::DumpMatches(dump, row.cells[2]))
          << "json_reader.tsv line " << row.line << ", chunk " << chunk << "\n  got:    " << dump
          << "\n  wanted: " << row.cells[2];
    }
  }
}

// Many elements across many chunks, in both layouts: every record comes back in order, with the
// element number (array) or physical line (NDJSON).
TEST_F(JsonReaderTest, ReadsFilesManyChunksLong) {
  const int count = 3000;
  std::string array = "[\n";
  std::string lines;
  for (int index = 0; index < count; ++index) {
    std::string object = "{\"id\": " + std::to_string(index) + ", \"name\": \"第" +
                         std::to_string(index) +
                         "项 \\\"q\\\" [x]\", \"ok\": " + (index % 2 == 0 ? "true" : "null") + "}";
    array += (index == 0 ? "  " : ",\n  ") + object;
    lines += object + "\n\n";
  }
  array += "\n]\n";
  const std::string array_path = dir_ + "/big.json";
  const std::string lines_path = dir_ + "/big.ndjson";
  ASSERT_TRUE(testing::WriteFile(array_path, array));
  ASSERT_TRUE(testing::WriteFile(lines_path, lines));
  for (const std::string& path : {array_path, lines_path}) {
    const bool is_array = path == array_path;
    ReadLimits limits;
    limits.chunk_bytes = 1009;
    Result<std::unique_ptr<TableSource>> source = OpenTableSource(path, OpenOptions(), limits);
    ASSERT_TRUE(source.ok()) << source.status().message();
    EXPECT_EQ((*source)->Description().format, is_array ? "json" : "ndjson");
    ASSERT_EQ((*source)->ColumnNames(), (std::vector<std::string>{"id", "name", "ok"}));
    Record record;
    int read_count = 0;
    while (true) {
      Result<bool> read = (*source)->Next(record);
      ASSERT_TRUE(read.ok()) << read.status().message();
      if (!*read) break;
      ASSERT_EQ(record.cells.size(), 3u);
      EXPECT_EQ(record.line, is_array ? read_count + 1u : 2u * read_count + 1u);
      EXPECT_EQ(record.cells[0].text, std::to_string(read_count));
      EXPECT_EQ(record.cells[1].text, "第" + std::to_string(read_count) + "项 \"q\" [x]");
      EXPECT_EQ(record.cells[2].is_null, read_count % 2 != 0);
      ++read_count;
    }
    EXPECT_EQ(read_count, count) << path;
  }
}

}  // namespace
}  // namespace gongshu::tabular
