// Tests of CSV reading (csv_reader.h, csv_parser.h, csv_delimiter.h) through OpenTableSource,
// as docs/dataset-formats.md describes it.
#include "tabular/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "common/testing/temp_dir.h"
#include "tabular/csv_delimiter.h"
#include "tabular/table_format.h"
#include "tabular/testing/source_dump.h"

namespace gongshu::tabular {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// Chunk sizes that make quotes, CR LF and multi-byte characters straddle chunk boundaries, and
// the default.
const std::vector<std::size_t> kChunkSizes = {1, 2, 3, 5, 7, 13, 64, ReadLimits().chunk_bytes};

class CsvReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = gongshu::testing::MakeTempDir("gongshu-csv");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(CsvReaderTest, FollowsTableAtEveryChunkSize) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/csv_reader.tsv");
  ASSERT_FALSE(rows.empty());
  const std::string path = dir_ + "/upload.csv";
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "csv_reader.tsv line " << row.line;
    ASSERT_TRUE(testing::WriteFile(path, row.cells[1]));
    for (std::size_t chunk : kChunkSizes) {
      OpenOptions options;
      ReadLimits limits;
      limits.chunk_bytes = chunk;
      testing::ApplyOptions(row.cells[0], options, limits);
      std::string dump = testing::DumpSource(OpenTableSource(path, options, limits));
      EXPECT_TRUE(testing::DumpMatches(dump, row.cells[2]))
          << "csv_reader.tsv line " << row.line << ", chunk " << chunk << "\n  got:    " << dump
          << "\n  wanted: " << row.cells[2];
    }
  }
}

// A file far larger than the chunk and sample sizes, with quoted fields, CR LF and Chinese text
// everywhere, read at an odd chunk size: every record comes back whole and in order.
TEST_F(CsvReaderTest, ReadsAFileManyChunksLong) {
  std::string text = "id,name,note\r\n";
  const int record_count = 5000;
  for (int index = 0; index < record_count; ++index) {
    text += std::to_string(index) + ",福州市第" + std::to_string(index) +
            "号,\"line one\r\nline \"\"two\"\", end\"\r\n";
  }
  const std::string path = dir_ + "/big.csv";
  ASSERT_TRUE(testing::WriteFile(path, text));
  for (std::size_t chunk : {std::size_t{997}, std::size_t{4096}, ReadLimits().chunk_bytes}) {
    ReadLimits limits;
    limits.chunk_bytes = chunk;
    limits.sample_bytes = 1000;
    Result<std::unique_ptr<TableSource>> source = OpenTableSource(path, OpenOptions(), limits);
    ASSERT_TRUE(source.ok()) << source.status().message();
    Record record;
    int count = 0;
    while (true) {
      Result<bool> read = (*source)->Next(record);
      ASSERT_TRUE(read.ok()) << read.status().message();
      if (!*read) break;
      ASSERT_EQ(record.cells.size(), 3u) << "record " << count;
      EXPECT_EQ(record.line, 2u + 2u * count);
      EXPECT_EQ(record.cells[0].text, std::to_string(count));
      EXPECT_EQ(record.cells[1].text, "福州市第" + std::to_string(count) + "号");
      EXPECT_EQ(record.cells[2].text, "line one\r\nline \"two\", end");
      EXPECT_TRUE(record.problem.empty()) << record.problem;
      ++count;
    }
    EXPECT_EQ(count, record_count) << "chunk " << chunk;
    EXPECT_EQ((*source)->BytesRead(), text.size());
  }
}

// The views of a record stay valid until the next call, even when that call moves the buffer.
TEST_F(CsvReaderTest, RecordViewsStayValidUntilTheNextCall) {
  const std::string path = dir_ + "/views.csv";
  ASSERT_TRUE(testing::WriteFile(path, "a,b\nfirst,\"quoted \"\"x\"\"\"\nsecond,y\n"));
  ReadLimits limits;
  limits.chunk_bytes = 3;
  Result<std::unique_ptr<TableSource>> source = OpenTableSource(path, OpenOptions(), limits);
  ASSERT_TRUE(source.ok()) << source.status().message();
  Record record;
  ASSERT_TRUE(*(*source)->Next(record));
  std::string first = std::string(record.cells[0].text) + "|" + std::string(record.cells[1].text);
  EXPECT_EQ(first, "first|quoted \"x\"");
  ASSERT_TRUE(*(*source)->Next(record));
  EXPECT_EQ(record.cells[0].text, "second");
  ASSERT_FALSE(*(*source)->Next(record));
}

TEST_F(CsvReaderTest, AfterAFaultTheSourceKeepsFailing) {
  const std::string path = dir_ + "/open.csv";
  ASSERT_TRUE(testing::WriteFile(path, "a\n\"never closed\n"));
  Result<std::unique_ptr<TableSource>> source = OpenTableSource(path, OpenOptions());
  ASSERT_TRUE(source.ok()) << source.status().message();
  Record record;
  Result<bool> first = (*source)->Next(record);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), StatusCode::kInvalidArgument);
  Result<bool> again = (*source)->Next(record);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), first.status().message());
}

// Delimiter sniffing on a sample cut in the middle of a record: the cut record is ignored.
// Columns: sample, "whole" or "cut", expected delimiter ("tab" for a tab).
TEST(CsvDelimiterTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/csv_delimiter.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "csv_delimiter.tsv line " << row.line;
    char expected = row.cells[2] == "tab" ? '\t' : row.cells[2][0];
    EXPECT_EQ(SniffCsvDelimiter(row.cells[0], row.cells[1] == "whole"), expected)
        << "csv_delimiter.tsv line " << row.line;
  }
}

}  // namespace
}  // namespace gongshu::tabular
