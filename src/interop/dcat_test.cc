// Tests of interop/dcat.h, interop/vocabularies.h and interop/licence.h. The SHACL validation of
// the same output runs in tests/dcat/ (dcat_shacl_test.sh).
#include "interop/dcat.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "common/testing/table.h"
#include "interop/iri.h"
#include "interop/json_ld.h"
#include "interop/licence.h"
#include "interop/testing/sample_catalog.h"
#include "interop/turtle.h"
#include "interop/vocabularies.h"

namespace gongshu {
namespace {

using ::gongshu::testing::HostileResource;
using ::gongshu::testing::kSampleBaseUrl;
using ::gongshu::testing::ReadTable;
using ::gongshu::testing::SampleDcatContext;
using ::gongshu::testing::SampleResources;
using ::gongshu::testing::TableRow;

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Expands a prefixed name with rdf_graph.h's prefixes and the table's own.
std::string ExpandName(const std::string& name) {
  static const std::map<std::string, std::string> kTablePrefixes = {
      {"eu", "http://publications.europa.eu/resource/authority/"},
      {"adms-pt", "http://purl.org/adms/publishertype/"},
      {"adms-lt", "http://purl.org/adms/licencetype/"},
  };
  size_t colon = name.find(':');
  if (colon == std::string::npos) return name;
  std::string prefix = name.substr(0, colon);
  std::string local = name.substr(colon + 1);
  auto table_prefix = kTablePrefixes.find(prefix);
  if (table_prefix != kTablePrefixes.end()) return table_prefix->second + local;
  for (const RdfPrefix& known : RdfPrefixes()) {
    if (known.prefix == prefix) return std::string(known.namespace_iri) + local;
  }
  ADD_FAILURE() << "unknown prefix in " << name;
  return name;
}

std::string ExpandIri(const std::string& cell) {
  if (cell.size() >= 2 && cell.front() == '<' && cell.back() == '>') {
    return cell.substr(1, cell.size() - 2);
  }
  return ExpandName(cell);
}

RdfTerm ExpandObject(const std::string& cell) {
  if (cell.empty() || cell.front() != '"') return RdfTerm::Iri(ExpandIri(cell));
  size_t close = cell.rfind('"');
  std::string text = cell.substr(1, close - 1);
  std::string suffix = cell.substr(close + 1);
  if (suffix.starts_with("@")) return RdfTerm::Text(text, suffix.substr(1));
  if (suffix.starts_with("^^")) return RdfTerm::Typed(text, ExpandName(suffix.substr(2)));
  return RdfTerm::Text(text);
}

std::string Describe(const RdfTerm& term) {
  if (term.kind == RdfTerm::Kind::kIri) return "<" + term.value + ">";
  std::string text = "\"" + term.value + "\"";
  if (!term.language.empty()) return text + "@" + term.language;
  if (!term.datatype.empty()) return text + "^^<" + term.datatype + ">";
  return text;
}

class DcatTest : public ::testing::Test {
 protected:
  DcatTest() : context_(SampleDcatContext(&ThemeTaxonomy::Default())) {}

  const Resource& Sample(std::string_view key) {
    static const std::map<std::string, std::string, std::less<>> kIds = {
        {"enterprise", "res_enterprise0000000000"},
        {"busstops", "res_busstops000000000000"},
        {"air", "res_airquality0000000000"},
        {"assistance", "res_assistance0000000000"},
    };
    const std::string& id = kIds.find(key)->second;
    for (const Resource& resource : resources_) {
      if (resource.id == id) return resource;
    }
    ADD_FAILURE() << "no sample " << key;
    return resources_.front();
  }

  DcatContext PagedContext() {
    DcatContext paged = context_;
    paged.page_url = std::string(kSampleBaseUrl) + "/catalog.ttl?cursor=c2";
    paged.first_page_url = std::string(kSampleBaseUrl) + "/catalog.ttl";
    paged.next_page_url = std::string(kSampleBaseUrl) + "/catalog.ttl?cursor=c3";
    paged.total_items = 9;
    return paged;
  }

  std::vector<Resource> resources_ = SampleResources();
  DcatContext context_;
};

TEST_F(DcatTest, MappingFollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/dcat_mapping.tsv");
  ASSERT_GE(rows.size(), 100u);
  std::map<std::string, RdfGraph> graphs;
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "dcat_mapping.tsv line " << row.line;
    const std::string& key = row.cells[0];
    std::string dataset;
    if (key == "catalog") {
      if (!graphs.count(key)) graphs[key] = CatalogGraph(resources_, PagedContext());
    } else {
      dataset = DatasetIri(kSampleBaseUrl, Sample(key).id);
      if (!graphs.count(key)) graphs[key] = DatasetGraph(Sample(key), context_);
    }
    auto expand = [&](const std::string& cell) {
      if (cell == "{dataset}") return "<" + dataset + ">";
      return ReplaceAll(ReplaceAll(cell, "{base}", kSampleBaseUrl), "{dataset}", dataset);
    };
    std::string subject = ExpandIri(expand(row.cells[1]));
    std::string predicate = ExpandName(row.cells[2]);
    RdfTerm object = ExpandObject(expand(row.cells[3]));
    EXPECT_TRUE(graphs[key].Contains(subject, predicate, object))
        << "dcat_mapping.tsv line " << row.line << ": " << key << " lacks <" << subject << "> <"
        << predicate << "> " << Describe(object) << "\n"
        << WriteTurtle(graphs[key]);
  }
}

TEST(VocabulariesTest, FollowTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/vocabularies.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 4u) << "vocabularies.tsv line " << row.line;
    const std::string& what = row.cells[0];
    const std::string& input = row.cells[1];
    const std::string& expected = row.cells[2];
    if (what == "frequency") {
      std::optional<UpdateCycle> cycle = ParseUpdateCycle(input);
      ASSERT_TRUE(cycle) << "vocabularies.tsv line " << row.line;
      EXPECT_EQ(FrequencyConcept(*cycle).iri, expected) << "vocabularies.tsv line " << row.line;
    } else if (what == "access") {
      std::optional<AccessAttribute> opening = ParseAccessAttribute(input);
      ASSERT_TRUE(opening) << "vocabularies.tsv line " << row.line;
      EXPECT_EQ(AccessRightConcept(*opening).iri, expected) << "vocabularies.tsv line " << row.line;
    } else if (what == "file") {
      std::optional<FileTypeMapping> file_type = LookupFileType(input);
      if (expected == "-") {
        EXPECT_FALSE(file_type) << "vocabularies.tsv line " << row.line;
        continue;
      }
      ASSERT_TRUE(file_type) << "vocabularies.tsv line " << row.line;
      EXPECT_EQ(file_type->file_type.iri, expected) << "vocabularies.tsv line " << row.line;
      EXPECT_EQ(file_type->media_type, row.cells[3] == "-" ? "" : row.cells[3])
          << "vocabularies.tsv line " << row.line;
    } else if (what == "publisher") {
      EXPECT_EQ(PublisherTypeConcept(input).iri, expected) << "vocabularies.tsv line " << row.line;
    } else {
      ADD_FAILURE() << "vocabularies.tsv line " << row.line << ": unknown kind " << what;
    }
  }
}

TEST(VocabulariesTest, EveryEuDataThemeOfTheDefaultTaxonomyIsKnown) {
  for (const Theme& theme : ThemeTaxonomy::Default().themes()) {
    EXPECT_TRUE(DataThemeConcept(theme.eu_theme)) << theme.id << " → " << theme.eu_theme;
  }
}

TEST(LicenceTest, FollowsTable) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/licence.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const TableRow& row : rows) {
    ASSERT_EQ(row.cells.size(), 7u) << "licence.tsv line " << row.line;
    LicenceInfo licence = DescribeLicence(row.cells[0]);
    std::string where = "licence.tsv line " + std::to_string(row.line);
    EXPECT_EQ(licence.known, row.cells[1] == "yes") << where;
    EXPECT_EQ(licence.iri, row.cells[2]) << where;
    std::string type =
        row.cells[3] == "-" ? "" : "http://purl.org/adms/licencetype/" + row.cells[3];
    EXPECT_EQ(licence.type_iri, type) << where;
    EXPECT_EQ(licence.ckan_id, row.cells[4]) << where;
    EXPECT_EQ(licence.ckan_title, row.cells[5]) << where;
    EXPECT_EQ(licence.is_open, row.cells[6] == "yes") << where;
  }
}

// Every node a range shape of DCAT-AP checks with sh:class is typed in the same graph, and every
// skos:Concept and skos:ConceptScheme has its label — so a document validates on its own.
TEST_F(DcatTest, CatalogGraphIsSelfContainedForTheRangeShapes) {
  RdfGraph graph = CatalogGraph(resources_, PagedContext());
  std::map<std::string, std::set<std::string>> types;
  std::map<std::string, std::set<std::string>> predicates;
  const std::string rdf_type = RdfIri(kRdfNamespace, "type");
  for (const RdfTriple& triple : graph.triples()) {
    if (triple.predicate == rdf_type) types[triple.subject].insert(triple.object.value);
    predicates[triple.subject].insert(triple.predicate);
  }
  const std::map<std::string, std::string> expected_ranges = {
      {RdfIri(kDcatNamespace, "theme"), RdfIri(kSkosNamespace, "Concept")},
      {RdfIri(kDctNamespace, "accrualPeriodicity"), RdfIri(kDctNamespace, "Frequency")},
      {RdfIri(kDctNamespace, "accessRights"), RdfIri(kDctNamespace, "RightsStatement")},
      {RdfIri(kDctNamespace, "license"), RdfIri(kDctNamespace, "LicenseDocument")},
      {RdfIri(kDctNamespace, "format"), RdfIri(kDctNamespace, "MediaTypeOrExtent")},
      {RdfIri(kDcatNamespace, "mediaType"), RdfIri(kDctNamespace, "MediaType")},
      {RdfIri(kDctNamespace, "language"), RdfIri(kDctNamespace, "LinguisticSystem")},
      {RdfIri(kDctNamespace, "spatial"), RdfIri(kDctNamespace, "Location")},
      {RdfIri(kDctNamespace, "temporal"), RdfIri(kDctNamespace, "PeriodOfTime")},
      {RdfIri(kDctNamespace, "publisher"), RdfIri(kFoafNamespace, "Agent")},
      {RdfIri(kDcatNamespace, "contactPoint"), RdfIri(kVcardNamespace, "Kind")},
      {RdfIri(kDcatNamespace, "distribution"), RdfIri(kDcatNamespace, "Distribution")},
      {RdfIri(kDcatNamespace, "dataset"), RdfIri(kDcatNamespace, "Dataset")},
      {RdfIri(kDcatNamespace, "service"), RdfIri(kDcatNamespace, "DataService")},
      {RdfIri(kDcatNamespace, "accessService"), RdfIri(kDcatNamespace, "DataService")},
      {RdfIri(kDcatNamespace, "landingPage"), RdfIri(kFoafNamespace, "Document")},
      {RdfIri(kFoafNamespace, "homepage"), RdfIri(kFoafNamespace, "Document")},
      {RdfIri(kAdmsNamespace, "identifier"), RdfIri(kAdmsNamespace, "Identifier")},
      {RdfIri(kDctNamespace, "conformsTo"), RdfIri(kDctNamespace, "Standard")},
      {RdfIri(kDcatNamespace, "themeTaxonomy"), RdfIri(kSkosNamespace, "ConceptScheme")},
      {RdfIri(kDcatApNamespace, "availability"), RdfIri(kSkosNamespace, "Concept")},
  };
  for (const RdfTriple& triple : graph.triples()) {
    auto range = expected_ranges.find(triple.predicate);
    if (range == expected_ranges.end()) continue;
    EXPECT_TRUE(types[triple.object.value].count(range->second))
        << "<" << triple.object.value << "> (object of <" << triple.predicate << ">) is not a <"
        << range->second << ">";
  }
  for (const auto& [subject, subject_types] : types) {
    if (subject_types.count(RdfIri(kSkosNamespace, "Concept"))) {
      EXPECT_TRUE(predicates[subject].count(RdfIri(kSkosNamespace, "prefLabel"))) << subject;
    }
    if (subject_types.count(RdfIri(kSkosNamespace, "ConceptScheme"))) {
      EXPECT_TRUE(predicates[subject].count(RdfIri(kDctNamespace, "title"))) << subject;
    }
  }
}

TEST_F(DcatTest, TurtleAndJsonLdCarryTheSameTriples) {
  RdfGraph graph = CatalogGraph(resources_, PagedContext());
  nlohmann::json document = CatalogJsonLd(resources_, PagedContext());
  size_t statements = 0;
  for (const nlohmann::json& node : document["@graph"]) {
    for (const auto& [key, values] : node.items()) {
      if (key != "@id") statements += values.size();
    }
  }
  EXPECT_EQ(statements, graph.triples().size());
  EXPECT_EQ(CatalogTurtle(resources_, PagedContext()), WriteTurtle(graph));
}

TEST_F(DcatTest, OutputIsDeterministic) {
  EXPECT_EQ(CatalogTurtle(resources_, context_), CatalogTurtle(resources_, context_));
  EXPECT_EQ(CatalogJsonLd(resources_, context_).dump(), CatalogJsonLd(resources_, context_).dump());
}

TEST_F(DcatTest, UnpagedCatalogHasNoView) {
  RdfGraph graph = CatalogGraph(resources_, context_);
  for (const RdfTriple& triple : graph.triples()) {
    EXPECT_FALSE(triple.predicate.starts_with(kHydraNamespace)) << triple.predicate;
  }
}

TEST_F(DcatTest, SpatialFallsBackToTheProvidersRegion) {
  Resource resource = Sample("air");
  resource.spatial.clear();
  RdfGraph graph = DatasetGraph(resource, context_);
  EXPECT_TRUE(graph.Contains(DatasetIri(kSampleBaseUrl, resource.id),
                             RdfIri(kDctNamespace, "spatial"),
                             RdfTerm::Iri(RegionIri(kSampleBaseUrl, "350000"))));
}

TEST_F(DcatTest, OpenPeriodEndsAtTheLastChange) {
  Resource resource = Sample("enterprise");
  resource.temporal_end.reset();
  RdfGraph graph = DatasetGraph(resource, context_);
  std::string period = DatasetIri(kSampleBaseUrl, resource.id) + "#temporal";
  EXPECT_TRUE(graph.Contains(period, RdfIri(kDcatNamespace, "startDate"),
                             RdfTerm::Typed("2000-01-01", RdfIri(kXsdNamespace, "date"))));
  EXPECT_TRUE(graph.Contains(period, RdfIri(kDcatNamespace, "endDate"),
                             RdfTerm::Typed("2025-12-29", RdfIri(kXsdNamespace, "date"))));
}

TEST_F(DcatTest, NoTemporalCoverageNoPeriod) {
  Resource resource = Sample("enterprise");
  resource.temporal_start.reset();
  resource.temporal_end.reset();
  RdfGraph graph = DatasetGraph(resource, context_);
  for (const RdfTriple& triple : graph.triples()) {
    EXPECT_NE(triple.predicate, RdfIri(kDctNamespace, "temporal"));
  }
}

TEST_F(DcatTest, DraftWithoutSummaryStillHasADescription) {
  Resource draft;
  draft.id = "res_draft";
  draft.name = "草稿";
  RdfGraph graph = DatasetGraph(draft, context_);
  std::string dataset = DatasetIri(kSampleBaseUrl, "res_draft");
  EXPECT_TRUE(
      graph.Contains(dataset, RdfIri(kDctNamespace, "description"), RdfTerm::Text("草稿", "zh")));
  EXPECT_TRUE(
      graph.Contains(dataset, RdfIri(kDctNamespace, "identifier"), RdfTerm::Text("res_draft")));
}

// Hostile strings in every element never reach an IRI unencoded and never break JSON output.
TEST_F(DcatTest, HostileStringsStayInLiteralsAndEncodedIris) {
  std::vector<TableRow> rows = ReadTable(GONGSHU_TESTDATA_DIR "/turtle_string.tsv");
  ASSERT_FALSE(rows.empty());
  std::vector<Resource> hostile;
  for (const TableRow& row : rows) hostile.push_back(HostileResource(row.cells[0], row.line));
  RdfGraph graph = CatalogGraph(hostile, context_);
  auto check_iri = [](const std::string& iri) {
    EXPECT_EQ(SanitizeIri(iri), iri) << "unsafe IRI " << iri;
    EXPECT_TRUE(IsAbsoluteIri(iri)) << "relative IRI " << iri;
  };
  for (const RdfTriple& triple : graph.triples()) {
    check_iri(triple.subject);
    check_iri(triple.predicate);
    if (triple.object.kind == RdfTerm::Kind::kIri) check_iri(triple.object.value);
  }
  for (size_t index = 0; index < rows.size(); ++index) {
    std::string dataset = DatasetIri(kSampleBaseUrl, hostile[index].id);
    EXPECT_TRUE(graph.Contains(dataset, RdfIri(kDcatNamespace, "keyword"),
                               RdfTerm::Text(rows[index].cells[0], "zh")))
        << "turtle_string.tsv line " << rows[index].line;
  }
  EXPECT_NO_THROW(WriteJsonLd(graph).dump());
}

}  // namespace
}  // namespace gongshu
