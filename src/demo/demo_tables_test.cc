#include "demo/demo_tables.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "catalog/theme.h"

namespace gongshu {

const std::string& DemoRegionsText();
const std::string& DemoProvidersText();
const std::string& DemoItemsText();
const std::string& DemoConceptsText();

namespace {

std::string ReadTestdata(const std::string& name) {
  std::ifstream file(std::string(GONGSHU_TESTDATA_DIR) + "/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(DemoTablesTest, BuiltInTablesParse) {
  Result<DemoTables> tables =
      ParseDemoTables(DemoRegionsText(), DemoProvidersText(), DemoItemsText(), DemoConceptsText());
  ASSERT_TRUE(tables.ok()) << tables.status().message();
  EXPECT_GE(tables->concepts.size(), 120u);
  EXPECT_GE(tables->providers.size(), 30u);
  std::set<std::string> themes;
  for (const DemoConcept& demo_concept : tables->concepts) {
    themes.insert(demo_concept.themes.begin(), demo_concept.themes.end());
  }
  for (const Theme& theme : ThemeTaxonomy::Default().themes()) {
    EXPECT_TRUE(themes.count(theme.id)) << "no concept of theme " << theme.id;
  }
}

TEST(DemoTablesTest, KeepsTheDemoProvidersTheCliAlwaysCreated) {
  const DemoTables& tables = BuiltInDemoTables();
  std::set<std::string> rows;
  for (const DemoProviderRow& provider : tables.providers) {
    rows.insert(provider.name + " " + provider.type + " " + provider.uscc_body);
  }
  EXPECT_TRUE(rows.count("福州市交通运输局 department 11350100MB0000001"));
  EXPECT_TRUE(rows.count("福州市卫生健康委员会 department 11350100MB0000002"));
  EXPECT_TRUE(rows.count("福州市气象台 public_institution 12350100MB0000003"));
}

TEST(DemoTablesTest, ProviderScopes) {
  const DemoTables& tables = BuiltInDemoTables();
  auto demo_concept = [&tables](std::string_view id) -> const DemoConcept& {
    for (const DemoConcept& candidate : tables.concepts) {
      if (candidate.id == id) return candidate;
    }
    ADD_FAILURE() << "no concept " << id;
    return tables.concepts.front();
  };
  auto holders = [&tables](const DemoConcept& held) {
    std::set<std::string> names;
    for (const DemoProviderRow& provider : tables.providers) {
      if (tables.Holds(provider, held)) names.insert(provider.name);
    }
    return names;
  };
  EXPECT_EQ(holders(demo_concept("highway_events")), std::set<std::string>{"福建省交通运输厅"});
  EXPECT_EQ(holders(demo_concept("metro_stations")),
            (std::set<std::string>{"福州市交通运输局", "厦门市交通运输局"}));
  EXPECT_EQ(holders(demo_concept("bus_stops")),
            (std::set<std::string>{"福州市交通运输局", "厦门市交通运输局", "泉州市交通运输局"}));
  EXPECT_EQ(holders(demo_concept("weather_forecast")).size(), 4u);
}

TEST(DemoTablesTest, TemplatesRenderTheirPlaceholders) {
  Result<DemoTemplate> parsed =
      DemoTemplate::Parse("{region}{year}年统计公报，由{provider}发布，共{count}项");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Has(DemoTemplate::Slot::kYear));
  std::string out = "> ";
  parsed->Render({"厦门市", "厦门市统计局", 2024, 12}, &out);
  EXPECT_EQ(out, "> 厦门市2024年统计公报，由厦门市统计局发布，共12项");
  EXPECT_FALSE(DemoTemplate::Parse("{region").ok());
  EXPECT_FALSE(DemoTemplate::Parse("{city}").ok());
}

// testdata/concepts.tsv: each row is an expected error (empty for none) and a concept line,
// parsed against the built-in regions, providers and shared items.
TEST(DemoTablesTest, ConceptRowsFromTestdata) {
  std::string text = ReadTestdata("concepts.tsv");
  ASSERT_FALSE(text.empty());
  std::istringstream lines(text);
  std::string line;
  int cases = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string expected = line.substr(0, tab);
    std::string concept_line = line.substr(tab + 1);
    Result<DemoTables> tables =
        ParseDemoTables(DemoRegionsText(), DemoProvidersText(), DemoItemsText(), concept_line);
    ++cases;
    if (expected.empty()) {
      EXPECT_TRUE(tables.ok()) << concept_line << "\n" << tables.status().message();
    } else {
      ASSERT_FALSE(tables.ok()) << concept_line;
      EXPECT_NE(tables.status().message().find(expected), std::string::npos)
          << "expected '" << expected << "', got '" << tables.status().message() << "'";
      EXPECT_NE(tables.status().message().find("concepts.tsv line 1:"), std::string::npos);
    }
  }
  EXPECT_GE(cases, 20);
}

TEST(DemoTablesTest, RejectsBadRegionsAndProviders) {
  EXPECT_FALSE(ParseDemoTables("35010\t福州市\t\tfuzhou.gov.cn\t0591\n", DemoProvidersText(),
                               DemoItemsText(), DemoConceptsText())
                   .ok());
  std::string second_transport =
      DemoProvidersText() + "transport\t福州市交通局\tdepartment\t350100\t11350100MB0009999\n";
  Result<DemoTables> duplicate =
      ParseDemoTables(DemoRegionsText(), second_transport, DemoItemsText(), DemoConceptsText());
  ASSERT_FALSE(duplicate.ok());
  EXPECT_NE(duplicate.status().message().find("a second transport provider in 350100"),
            std::string::npos);
  std::string bad_uscc =
      DemoProvidersText() + "port\t厦门港口管理局\tdepartment\t350200\t11350100MB0009999\n";
  EXPECT_FALSE(
      ParseDemoTables(DemoRegionsText(), bad_uscc, DemoItemsText(), DemoConceptsText()).ok());
}

}  // namespace
}  // namespace gongshu
