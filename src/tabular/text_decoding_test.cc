// Tests of text_decoding.h: UTF-8 validation of chunks, encoding detection, and the streaming
// decoder at chunk sizes that split characters.
#include "tabular/text_decoding.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/testing/table.h"
#include "common/testing/temp_dir.h"
#include "tabular/testing/source_dump.h"

namespace gongshu::tabular {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

std::string EndName(Utf8Scan::End end) {
  switch (end) {
    case Utf8Scan::End::kComplete:
      return "complete";
    case Utf8Scan::End::kTruncated:
      return "truncated";
    case Utf8Scan::End::kInvalid:
      return "invalid";
  }
  return "?";
}

// Columns: bytes, expected end ("complete", "truncated", "invalid"), expected valid bytes.
TEST(ScanUtf8Test, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/utf8_scan.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "utf8_scan.tsv line " << row.line;
    Utf8Scan scan = ScanUtf8(row.cells[0]);
    EXPECT_EQ(EndName(scan.end), row.cells[1]) << "utf8_scan.tsv line " << row.line;
    EXPECT_EQ(std::to_string(scan.valid_bytes), row.cells[2]) << "utf8_scan.tsv line " << row.line;
  }
}

// The ASCII shortcut (16 bytes at a time) finds a bad byte at every position of a long run.
TEST(ScanUtf8Test, FindsABadByteAtEveryPositionOfAnAsciiRun) {
  for (std::size_t position = 0; position < 40; ++position) {
    std::string text(40, 'a');
    text[position] = '\xff';
    Utf8Scan scan = ScanUtf8(text);
    EXPECT_EQ(scan.end, Utf8Scan::End::kInvalid) << position;
    EXPECT_EQ(scan.valid_bytes, position);
  }
}

// Columns: sample bytes, "whole" or "cut", expected encoding name.
TEST(DetectTextEncodingTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/encoding_detection.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "encoding_detection.tsv line " << row.line;
    EXPECT_EQ(TextEncodingName(DetectTextEncoding(row.cells[0], row.cells[1] == "whole")),
              row.cells[2])
        << "encoding_detection.tsv line " << row.line;
  }
}

class TextDecoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = gongshu::testing::MakeTempDir("gongshu-decoding");
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // All the text of `bytes` decoded with `chunk` and an output buffer of `capacity`, or
  // "error:<message>" appended after the text returned before the error.
  std::string Decode(const std::string& bytes, std::string_view encoding, std::size_t chunk,
                     std::size_t sample = ReadLimits().sample_bytes, std::size_t capacity = 7) {
    const std::string path = dir_ + "/text";
    EXPECT_TRUE(testing::WriteFile(path, bytes));
    ReadLimits limits;
    limits.chunk_bytes = chunk;
    limits.sample_bytes = sample;
    Result<std::unique_ptr<TextDecoder>> decoder = TextDecoder::Open(path, encoding, limits);
    if (!decoder.ok()) return "open-error:" + decoder.status().message();
    std::string text;
    std::vector<char> buffer(capacity);
    while (true) {
      Result<std::size_t> got = (*decoder)->Read(buffer.data(), buffer.size());
      if (!got.ok()) return text + "error:" + got.status().message();
      if (*got == 0) return text;
      text.append(buffer.data(), *got);
    }
  }

  std::string dir_;
};

// GBK and four-byte GB18030 characters, decoded at every small chunk size: ICU completes a
// character cut by a chunk boundary with the next chunk. Byte values from GB 18030-2005.
TEST_F(TextDecoderTest, Gb18030AcrossChunkBoundaries) {
  // 中文 (D6D0 CEC4), 数据 (CAFD BEDD), € (A2E3), U+0080 (81308130), U+10000 (90308130), "a,".
  const std::string unit =
      "\xD6\xD0\xCE\xC4\xCA\xFD\xBE\xDD\xA2\xE3\x81\x30\x81\x30"
      "\x90\x30\x81\x30"
      "a,";
  const std::string utf8_unit =
      "中文数据€\xC2\x80\xF0\x90\x80\x80"
      "a,";
  std::string bytes;
  std::string expected;
  for (int repeat = 0; repeat < 50; ++repeat) {
    bytes += unit;
    expected += utf8_unit;
  }
  for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
    EXPECT_EQ(Decode(bytes, "", chunk, 64), expected) << "chunk " << chunk;
  }
  EXPECT_EQ(Decode(bytes, "gb18030", 4096, 64, 4096), expected);
}

TEST_F(TextDecoderTest, Utf8AcrossChunkBoundaries) {
  std::string text;
  for (int repeat = 0; repeat < 40; ++repeat) text += "a中😀é\r\n";
  for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
    EXPECT_EQ(Decode(text, "", chunk, 16), text) << "chunk " << chunk;
    EXPECT_EQ(Decode("\xEF\xBB\xBF" + text, "", chunk, 16), text) << "chunk " << chunk;
  }
}

// The text before the bad bytes comes first, then the error; nothing is replaced.
TEST_F(TextDecoderTest, StopsAtBadBytesAfterTheTextBeforeThem) {
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
    EXPECT_EQ(Decode("abc中\xFFxyz", "utf-8", chunk), "abc中error:bytes are not valid UTF-8")
        << chunk;
    EXPECT_EQ(Decode("abc\xE4\xB8", "utf-8", chunk), "abcerror:bytes are not valid UTF-8") << chunk;
    EXPECT_EQ(Decode("ab\xD6\xD0\xFF\xFFz", "gb18030", chunk),
              "ab中error:bytes are not valid GB18030")
        << chunk;
    // A lead byte cut short by the end of the file.
    EXPECT_EQ(Decode("ab\xD6", "gb18030", chunk), "aberror:bytes are not valid GB18030") << chunk;
  }
}

TEST_F(TextDecoderTest, ReportsTheEncoding) {
  const std::string path = dir_ + "/text";
  ASSERT_TRUE(testing::WriteFile(path, "\xD6\xD0\xCE\xC4"));
  Result<std::unique_ptr<TextDecoder>> detected = TextDecoder::Open(path, "", ReadLimits());
  ASSERT_TRUE(detected.ok());
  EXPECT_EQ((*detected)->encoding(), TextEncoding::kGb18030);
  Result<std::unique_ptr<TextDecoder>> unknown = TextDecoder::Open(path, "big5", ReadLimits());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gongshu::tabular
