// Tests of interop/turtle.h and interop/iri.h: escaping of strings and IRIs, and the writer.
#include "interop/turtle.h"

#include <gtest/gtest.h>

#include <string>

#include "common/testing/table.h"
#include "interop/iri.h"

namespace gongshu {
namespace {

using ::gongshu::testing::ReadTable;
using ::gongshu::testing::TableRow;

TEST(TurtleStringTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/turtle_string.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 2u) << "turtle_string.tsv line " << row.line;
    EXPECT_EQ(TurtleString(row.cells[0]), row.cells[1]) << "turtle_string.tsv line " << row.line;
  }
}

// Whatever the input, the literal is one STRING_LITERAL_QUOTE: it starts and ends with a quote,
// and no raw quote, backslash-less line break or control character is inside.
TEST(TurtleStringTest, EveryByteStaysInsideTheLiteral) {
  for (int byte = 0; byte < 256; ++byte) {
    std::string input = "a";
    input.push_back(static_cast<char>(byte));
    input += "\"\\";
    std::string literal = TurtleString(input);
    ASSERT_GE(literal.size(), 2u);
    EXPECT_EQ(literal.front(), '"');
    EXPECT_EQ(literal.back(), '"');
    std::string inner = literal.substr(1, literal.size() - 2);
    for (size_t index = 0; index < inner.size(); ++index) {
      auto symbol = static_cast<unsigned char>(inner[index]);
      EXPECT_FALSE(symbol < 0x20 || symbol == 0x7F) << "byte " << byte << ": raw control";
      if (inner[index] == '\\') {
        ++index;  // the escaped character
        continue;
      }
      EXPECT_NE(inner[index], '"') << "byte " << byte << ": unescaped quote in " << literal;
    }
  }
}

TEST(IriTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/iri.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 3u) << "iri.tsv line " << row.line;
    const std::string& function = row.cells[0];
    const std::string& input = row.cells[1];
    const std::string& expected = row.cells[2];
    if (function == "segment") {
      EXPECT_EQ(EncodeIriSegment(input), expected) << "iri.tsv line " << row.line;
    } else if (function == "sanitize") {
      EXPECT_EQ(SanitizeIri(input), expected) << "iri.tsv line " << row.line;
      EXPECT_EQ(SanitizeIri(expected), expected) << "iri.tsv line " << row.line << ": idempotent";
    } else if (function == "absolute") {
      EXPECT_EQ(IsAbsoluteIri(input), expected == "yes") << "iri.tsv line " << row.line;
    } else {
      ADD_FAILURE() << "iri.tsv line " << row.line << ": unknown function " << function;
    }
  }
}

TEST(TurtleIriTest, WrapsTheSanitizedIri) {
  EXPECT_EQ(TurtleIri("https://example.com/a b>"), "<https://example.com/a%20b%3E>");
}

TEST(WriteTurtleTest, GroupsBySubjectWithPrefixesAndTypeFirst) {
  RdfGraph graph;
  std::string dataset = "https://example.com/api/v1/resources/r1";
  graph.Add(dataset, RdfIri(kDctNamespace, "title"), RdfTerm::Text("公交", "zh"));
  graph.AddType(dataset, RdfIri(kDcatNamespace, "Dataset"));
  graph.Add(dataset, RdfIri(kDcatNamespace, "keyword"), RdfTerm::Text("a", "zh"));
  graph.Add(dataset, RdfIri(kDcatNamespace, "keyword"), RdfTerm::Text("b", "zh"));
  graph.Add(dataset, RdfIri(kDcatNamespace, "keyword"), RdfTerm::Text("a", "zh"));  // duplicate
  graph.Add(dataset, RdfIri(kDctNamespace, "issued"),
            RdfTerm::Typed("2025-01-01", RdfIri(kXsdNamespace, "date")));
  graph.Add(dataset, RdfIri(kDctNamespace, "format"),
            RdfTerm::Iri("http://publications.europa.eu/resource/authority/file-type/CSV"));
  EXPECT_EQ(WriteTurtle(graph),
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
            "@prefix dct: <http://purl.org/dc/terms/> .\n"
            "\n"
            "<https://example.com/api/v1/resources/r1>\n"
            "    a dcat:Dataset ;\n"
            "    dct:title \"公交\"@zh ;\n"
            "    dcat:keyword \"a\"@zh, \"b\"@zh ;\n"
            "    dct:issued \"2025-01-01\"^^xsd:date ;\n"
            "    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .\n"
            "\n");
}

TEST(WriteTurtleTest, WritesLocalNamesThatAreNotPlainInFull) {
  RdfGraph graph;
  graph.Add("https://example.com/s", RdfIri(kGongshuNamespace, "format-o%27dd"),
            RdfTerm::Iri(RdfIri(kGongshuNamespace, "x.y")));
  std::string turtle = WriteTurtle(graph);
  EXPECT_NE(turtle.find("<https://gongshu.dev/ns/catalog#format-o%27dd>"), std::string::npos)
      << turtle;
  EXPECT_NE(turtle.find("<https://gongshu.dev/ns/catalog#x.y>"), std::string::npos) << turtle;
  EXPECT_EQ(turtle.find("@prefix"), std::string::npos) << turtle;
}

TEST(WriteTurtleTest, EmptyGraphIsEmptyDocument) { EXPECT_EQ(WriteTurtle(RdfGraph()), ""); }

}  // namespace
}  // namespace gongshu
