// Tests of interop/json_ld.h.
#include "interop/json_ld.h"

#include <gtest/gtest.h>

namespace gongshu {
namespace {

TEST(WriteJsonLdTest, OneNodePerSubjectWithCompactKeysAndValueObjects) {
  RdfGraph graph;
  std::string dataset = "https://example.com/api/v1/resources/r1";
  graph.AddType(dataset, RdfIri(kDcatNamespace, "Dataset"));
  graph.Add(dataset, RdfIri(kDctNamespace, "title"), RdfTerm::Text("公交\n\"站点\"", "zh"));
  graph.Add(dataset, RdfIri(kDctNamespace, "identifier"), RdfTerm::Text("X-1"));
  graph.Add(dataset, RdfIri(kDctNamespace, "issued"),
            RdfTerm::Typed("2025-01-01", RdfIri(kXsdNamespace, "date")));
  graph.Add(dataset, RdfIri(kDcatNamespace, "landingPage"),
            RdfTerm::Iri("https://example.com/resources/r 1"));
  graph.Add("https://example.com/other", "http://example.org/vocab#p", RdfTerm::Text("v"));

  nlohmann::json document = WriteJsonLd(graph);
  EXPECT_EQ(document["@context"], nlohmann::json({{"xsd", "http://www.w3.org/2001/XMLSchema#"},
                                                  {"dcat", "http://www.w3.org/ns/dcat#"},
                                                  {"dct", "http://purl.org/dc/terms/"}}));
  ASSERT_EQ(document["@graph"].size(), 2u);
  const nlohmann::json& node = document["@graph"][0];
  EXPECT_EQ(node["@id"], dataset);
  EXPECT_EQ(node["@type"], nlohmann::json::array({"dcat:Dataset"}));
  EXPECT_EQ(node["dct:title"],
            nlohmann::json::parse(R"([{"@value": "公交\n\"站点\"", "@language": "zh"}])"));
  EXPECT_EQ(node["dct:identifier"], nlohmann::json::parse(R"([{"@value": "X-1"}])"));
  EXPECT_EQ(node["dct:issued"],
            nlohmann::json::parse(R"([{"@value": "2025-01-01", "@type": "xsd:date"}])"));
  EXPECT_EQ(node["dcat:landingPage"],
            nlohmann::json::parse(R"([{"@id": "https://example.com/resources/r%201"}])"));
  EXPECT_EQ(document["@graph"][1]["http://example.org/vocab#p"],
            nlohmann::json::parse(R"([{"@value": "v"}])"));
}

TEST(WriteJsonLdTest, InvalidUtf8IsRepairedSoTheDocumentDumps) {
  RdfGraph graph;
  graph.Add("https://example.com/s", RdfIri(kDctNamespace, "title"),
            RdfTerm::Text("bad \xFF byte", "zh"));
  std::string dumped = WriteJsonLd(graph).dump();
  EXPECT_NE(dumped.find("bad \xEF\xBF\xBD byte"), std::string::npos) << dumped;
}

}  // namespace
}  // namespace gongshu
