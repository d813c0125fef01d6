// Tests of search/analyzer.h: the index tokens of a text and the phrases that find it again.
#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/testing/table.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

// Tokens written as in analyzer_tokens.tsv: "+TEXT@BEGIN-END" separated by spaces.
std::string Describe(const std::vector<IndexToken>& tokens) {
  if (tokens.empty()) return "";
  std::ostringstream out;
  for (size_t index = 0; index < tokens.size(); ++index) {
    const IndexToken& token = tokens[index];
    if (index > 0) out << ' ';
    out << (token.colocated ? "+" : "") << token.text << '@' << token.begin << '-' << token.end;
  }
  return out.str();
}

TEST(AnalyzerTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/analyzer_tokens.tsv");
  ASSERT_FALSE(rows.empty());
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "analyzer_tokens.tsv line " << row.line;
    EXPECT_EQ(Describe(AnalyzeForIndex(row.cells[0])), row.cells[1])
        << "analyzer_tokens.tsv line " << row.line;
  }
}

// What FTS5 relies on for any input: offsets inside the text, non-colocated tokens in order,
// never a colocated first token, and token text without spaces or NUL (query mode splits on
// spaces and the MATCH text is a C string).
void ExpectWellFormed(const std::string& text, const std::vector<IndexToken>& tokens) {
  size_t previous_end = 0;
  for (size_t index = 0; index < tokens.size(); ++index) {
    const IndexToken& token = tokens[index];
    ASSERT_FALSE(token.text.empty());
    ASSERT_EQ(token.text.find(' '), std::string::npos) << token.text;
    ASSERT_EQ(token.text.find('\0'), std::string::npos);
    ASSERT_LE(token.begin, token.end);
    ASSERT_LE(token.end, text.size());
    if (index == 0) {
      ASSERT_FALSE(token.colocated);
    }
    if (!token.colocated) {
      ASSERT_GE(token.begin, previous_end) << "token " << index;
      previous_end = token.end;
    }
  }
}

TEST(AnalyzerTest, RandomBytesNeverBreakTheTokenContract) {
  std::mt19937 random(20240601);
  // Bytes drawn mostly from UTF-8 lead and continuation ranges, so invalid and valid sequences
  // (including encoded surrogates and CJK) both occur.
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string text(static_cast<size_t>(byte(random)) * 4, '\0');
    for (char& symbol : text) symbol = static_cast<char>(byte(random));
    ExpectWellFormed(text, AnalyzeForIndex(text));
  }
}

TEST(AnalyzerTest, HandlesHundredKilobyteInputs) {
  std::string han;
  while (han.size() < 100 * 1024) han += "福建省交通运输厅公交医保";
  std::vector<IndexToken> tokens = AnalyzeForIndex(han);
  ExpectWellFormed(han, tokens);
  size_t characters = han.size() / 3;
  size_t unigrams = 0;
  for (const IndexToken& token : tokens) unigrams += token.colocated ? 0 : 1;
  EXPECT_EQ(unigrams, characters);

  // One base letter followed by 50,000 combining marks is one normalization segment.
  std::string marks = "a";
  for (int count = 0; count < 50000; ++count) marks += "\xCC\x81";
  ExpectWellFormed(marks, AnalyzeForIndex(marks));

  std::string nuls(100 * 1024, '\0');
  EXPECT_TRUE(AnalyzeForIndex(nuls).empty());
}

TEST(AnalyzerTest, CutsLongWordsAtACharacterBoundary) {
  std::string word(200, 'a');
  std::vector<IndexToken> tokens = AnalyzeForIndex(word);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, std::string(kMaxWordBytes, 'a'));
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 200u);

  // 63 ASCII letters and then two-byte letters: the cut may not split é.
  std::string mixed = std::string(63, 'b') + "\xC3\xA9\xC3\xA9";
  tokens = AnalyzeForIndex(mixed);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].text, std::string(63, 'b'));
}

TEST(AnalyzerTest, UnitsRecordIcuWordsAndMergedWords) {
  // 住房|公|积|金: three one-character ICU words merged into one word.
  std::vector<SearchUnit> units = SplitIntoUnits("住房公积金");
  ASSERT_EQ(units.size(), 5u);
  EXPECT_EQ(units[0].icu_word, units[1].icu_word);
  EXPECT_NE(units[2].icu_word, units[3].icu_word);
  EXPECT_NE(units[1].word, units[2].word);
  EXPECT_EQ(units[2].word, units[4].word);
  EXPECT_FALSE(units[0].follows_directly);
  EXPECT_TRUE(units[4].follows_directly);

  units = SplitIntoUnits("福 建");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_FALSE(units[1].follows_directly);
  EXPECT_NE(units[0].word, units[1].word);
}

std::vector<std::string> Joined(const std::vector<std::vector<std::string>>& phrases) {
  std::vector<std::string> joined;
  for (const std::vector<std::string>& phrase : phrases) {
    std::string text;
    for (const std::string& token : phrase) text += (text.empty() ? "" : " ") + token;
    joined.push_back(text);
  }
  return joined;
}

TEST(AnalyzerTest, PhrasesFindTextAnywhereAndInsideOneWord) {
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("福"))), std::vector<std::string>{"福"});
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("福建"))),
            (std::vector<std::string>{"福建 建", "#福建 建"}));
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("福建省"))),
            (std::vector<std::string>{"福建 建省 省", "#福建 #建省 省"}));
  // 国内|生产|总值: several words, so no inside-one-word phrase.
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("国内生产总值"))),
            std::vector<std::string>{"国内 内生 生产 产总 总值 值"});
  // A gap between characters: each keeps its own token at its own position.
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("医疗 保险"))),
            std::vector<std::string>{"医疗 疗 保险 险"});
  EXPECT_EQ(Joined(PhrasesFor(SplitIntoUnits("2024年GDP"))),
            std::vector<std::string>{"2024 年 gdp"});
  EXPECT_TRUE(PhrasesFor({}).empty());
}

TEST(AnalyzerTest, GivesTheSameTokensOnEveryThread) {
  const std::vector<std::string> texts = {"福建省人民政府", "醫療保險 ＧＤＰ", "公交车站2024年"};
  std::vector<std::string> expected;
  for (const std::string& text : texts) expected.push_back(Describe(AnalyzeForIndex(text)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int thread_index = 0; thread_index < 4; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      for (int round = 0; round < 200; ++round) {
        for (size_t text_index = 0; text_index < texts.size(); ++text_index) {
          if (Describe(AnalyzeForIndex(texts[text_index])) != expected[text_index]) {
            ++mismatches[thread_index];
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(AnalyzerTest, IcuDataIsAvailable) {
  Status status = CheckAnalyzerAvailable();
  EXPECT_TRUE(status.ok()) << status.message();
}

}  // namespace
}  // namespace gongshu
