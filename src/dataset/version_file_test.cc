#include "dataset/version_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/temp_dir.h"

namespace gongshu {
namespace {

namespace fs = std::filesystem;

std::vector<DatasetColumn> Columns() {
  return {{"id", "编号", tabular::ColumnType::kInteger},
          {"name", "名称", tabular::ColumnType::kString},
          {"score", "得分", tabular::ColumnType::kDecimal}};
}

Result<WrittenVersion> WriteSample(const std::string& directory, const std::string& score) {
  auto writer = VersionFileWriter::Create(directory, Columns());
  if (!writer.ok()) return writer.status();
  std::vector<tabular::Cell> first = {{"1", false}, {"甲", false}, {score, false}};
  std::vector<tabular::Cell> second = {{"2", false}, {"", true}, {"0.1", false}};
  GONGSHU_RETURN_IF_ERROR((*writer)->AddRow(first));
  GONGSHU_RETURN_IF_ERROR((*writer)->AddRow(second));
  return (*writer)->Finish();
}

TEST(VersionFileTest, NamesTheFileByTheHashOfTheCanonicalContent) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  Result<WrittenVersion> written = WriteSample(directory, "12.50");
  ASSERT_TRUE(written.ok()) << written.status().message();
  // docs/dataset-versions.md, computed with sha256sum over the bytes the document specifies:
  // clang-format off
  // printf 'gongshu-dataset-v1\nC3\n2:id:integer\n4:name:string\n5:score:decimal\n1:13:甲4:12.5\n1:2-3:0.1\n' | sha256sum
  // clang-format on
  EXPECT_EQ(written->content_hash,
            "27c68db47f31392731da83b46a8c39c42f68c8109e9bc7ef663cd08608c4685e");
  EXPECT_EQ(written->file_name, written->content_hash + ".sqlite");
  EXPECT_EQ(written->row_count, 2U);
  EXPECT_TRUE(fs::exists(directory + "/" + written->file_name));
  // Nothing temporary is left behind.
  for (const auto& entry : fs::directory_iterator(directory)) {
    EXPECT_EQ(entry.path().filename().string(), written->file_name);
  }
}

TEST(VersionFileTest, TheSameTableWrittenAgainIsTheSameVersion) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  Result<WrittenVersion> first = WriteSample(directory, "12.50");
  Result<WrittenVersion> second = WriteSample(directory, "12.5");  // the same number
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->content_hash, second->content_hash);
  EXPECT_FALSE(first->already_existed);
  EXPECT_TRUE(second->already_existed);
  Result<WrittenVersion> other = WriteSample(directory, "12.51");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->content_hash, first->content_hash);
}

TEST(VersionFileTest, ReadsBackTypedValuesReadOnly) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  Result<WrittenVersion> written = WriteSample(directory, "12.50");
  ASSERT_TRUE(written.ok());
  std::string path = directory + "/" + written->file_name;
  auto reader = VersionFileReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_EQ((*reader)->columns().size(), 3U);
  EXPECT_EQ((*reader)->columns()[1].title, "名称");
  EXPECT_EQ((*reader)->row_count(), 2U);
  auto rows = (*reader)->SelectAll();
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(*(*rows)->Next());
  EXPECT_EQ((*rows)->values()[0].text, "1");
  EXPECT_EQ((*rows)->values()[1].text, "甲");
  EXPECT_EQ((*rows)->values()[2].text, "12.5");
  ASSERT_TRUE(*(*rows)->Next());
  EXPECT_TRUE((*rows)->values()[1].is_null);
  EXPECT_FALSE(*(*rows)->Next());
}

TEST(VersionFileTest, AnUnfinishedWriterLeavesNothing) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  {
    auto writer = VersionFileWriter::Create(directory, Columns());
    ASSERT_TRUE(writer.ok());
    std::vector<tabular::Cell> row = {{"1", false}, {"a", false}, {"1.5", false}};
    ASSERT_TRUE((*writer)->AddRow(row).ok());
  }
  EXPECT_TRUE(fs::is_empty(directory));
}

TEST(VersionFileTest, StartUpRemovesWhatACrashLeft) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  fs::create_directories(directory + "/res_1/.incoming");
  std::ofstream(directory + "/res_1/.tmp-abc.sqlite") << "half";
  std::ofstream(directory + "/res_1/.incoming/upload-ing_1") << "a,b\n";
  std::ofstream(directory + "/upload-0123abcd.part") << "a,b\n1,";
  std::ofstream(directory + "/res_1/keep.sqlite") << "published";
  RemoveTemporaryVersionFiles(directory);
  EXPECT_FALSE(fs::exists(directory + "/res_1/.tmp-abc.sqlite"));
  EXPECT_FALSE(fs::exists(directory + "/upload-0123abcd.part"));
  // An acknowledged upload stays, to be read again.
  EXPECT_TRUE(fs::exists(directory + "/res_1/.incoming/upload-ing_1"));
  EXPECT_TRUE(fs::exists(directory + "/res_1/keep.sqlite"));
}

TEST(VersionFileTest, RefusesAFileThatIsNotAVersion) {
  std::string directory = testing::MakeTempDir("gongshu-version");
  std::ofstream(directory + "/x.sqlite") << "not a database at all, just text";
  EXPECT_FALSE(VersionFileReader::Open(directory + "/x.sqlite").ok());
  EXPECT_FALSE(VersionFileReader::Open(directory + "/missing.sqlite").ok());
}

TEST(VersionFileTest, DecimalsKeepTheirValueUpToFifteenSignificantDigits) {
  EXPECT_TRUE(DecimalFits("123456789012345"));
  EXPECT_TRUE(DecimalFits("1234567890.12345"));
  EXPECT_TRUE(DecimalFits("0.000000000000001234"));
  EXPECT_TRUE(DecimalFits("12.500000000000000000"));  // trailing zeros carry no digits
  EXPECT_FALSE(DecimalFits("1234567890123456"));
  EXPECT_FALSE(DecimalFits("0.1234567890123456"));
}

}  // namespace
}  // namespace gongshu
