// Writes the DCAT-AP documents tests/dcat/dcat_shacl_test.sh validates:
//   catalog.ttl, catalog.jsonld   a paged catalog of the sample resources (interop/testing/)
//   dataset.ttl, dataset.jsonld   one sample resource alone, as /api/v1/resources/{id}.ttl
//   hostile.ttl, hostile.jsonld   a catalog of resources whose every element is one string of the
//                                 hostile-string table
//   hostile-expected.json         [{"dataset": IRI, "keyword": string}]: the keyword each hostile
//                                 dataset must carry once parsed back (the string, with bytes
//                                 that are not UTF-8 replaced by U+FFFD)
//   demo.ttl, demo.jsonld         the catalog of `gongshu demo` (src/demo/demo_catalog.h): its
//                                 registered resources, with the fields the store assigns filled
//                                 in as the store would, its regions placed by the built-in
//                                 place table (interop/places.h)
// Usage: write_dcat_samples OUTPUT_DIR HOSTILE_STRING_TABLE
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/testing/table.h"
#include "demo/demo_catalog.h"
#include "identity/uscc.h"
#include "interop/dcat.h"
#include "interop/places.h"
#include "interop/rdf_graph.h"
#include "interop/testing/sample_catalog.h"

namespace {

bool WriteFile(const std::string& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << content;
  file.close();
  if (!file) {
    std::cerr << "write_dcat_samples: cannot write " << path << "\n";
    return false;
  }
  return true;
}

// The registered resources of the demo catalog, completed with what the catalog assigns when it
// stores them (ids, codes, provider ids and codes, registration codes, times).
std::vector<gongshu::Resource> DemoResources() {
  gongshu::DemoCatalog demo =
      gongshu::GenerateDemoCatalog(gongshu::kDemoSeed, gongshu::kDemoResourceCount);
  std::vector<gongshu::Resource> resources;
  for (size_t index = 0; index < demo.resources.size(); ++index) {
    const gongshu::DemoResource& entry = demo.resources[index];
    if (entry.stage != gongshu::DemoStage::kCoded) continue;
    const gongshu::DemoProvider& provider = demo.providers[entry.provider_index];
    gongshu::Resource resource = entry.resource;
    std::string serial = std::to_string(100000 + index).substr(1);
    resource.id = "res_demo" + serial;
    resource.provider_id = "org_demo" + std::to_string(entry.provider_index);
    resource.provider_code = provider.uscc_body + gongshu::UsccCheckCharacter(provider.uscc_body);
    resource.code = resource.provider_code + "-" + serial;
    resource.registration_code = "GSDJ-" + provider.division_code + "-2026-" + serial;
    resource.created_at = gongshu::FromUnixSeconds(1767225600 + static_cast<int64_t>(index) * 60);
    resource.updated_at = resource.created_at + std::chrono::hours(24);
    resources.push_back(std::move(resource));
  }
  return resources;
}

}  // namespace

int main(int argc, char** argv) {
  using gongshu::DcatContext;
  using gongshu::Resource;
  if (argc != 3) {
    std::cerr << "usage: write_dcat_samples OUTPUT_DIR HOSTILE_STRING_TABLE\n";
    return 2;
  }
  const std::string out = argv[1];
  const gongshu::ThemeTaxonomy& themes = gongshu::ThemeTaxonomy::Default();

  DcatContext paged = gongshu::testing::SampleDcatContext(&themes);
  std::string base(gongshu::testing::kSampleBaseUrl);
  paged.page_url = base + "/catalog.ttl?cursor=c2";
  paged.first_page_url = base + "/catalog.ttl";
  paged.next_page_url = base + "/catalog.ttl?cursor=c3";
  paged.total_items = 9;
  std::vector<Resource> samples = gongshu::testing::SampleResources();

  std::vector<gongshu::testing::TableRow> rows = gongshu::testing::ReadTable(argv[2]);
  if (rows.empty()) {
    std::cerr << "write_dcat_samples: no rows in " << argv[2] << "\n";
    return 1;
  }
  std::vector<Resource> hostile;
  nlohmann::json expected = nlohmann::json::array();
  DcatContext plain = gongshu::testing::SampleDcatContext(&themes);
  for (const gongshu::testing::TableRow& row : rows) {
    hostile.push_back(gongshu::testing::HostileResource(row.cells[0], row.line));
    expected.push_back({{"dataset", gongshu::DatasetIri(plain.base_url, hostile.back().id)},
                        {"keyword", gongshu::ToValidUtf8(row.cells[0])},
                        {"line", row.line}});
  }

  bool ok =
      WriteFile(out + "/catalog.ttl", gongshu::CatalogTurtle(samples, paged)) &&
      WriteFile(out + "/catalog.jsonld", gongshu::CatalogJsonLd(samples, paged).dump(2)) &&
      WriteFile(out + "/dataset.ttl", gongshu::DatasetTurtle(samples.front(), plain)) &&
      WriteFile(out + "/dataset.jsonld", gongshu::DatasetJsonLd(samples.front(), plain).dump(2)) &&
      WriteFile(out + "/hostile.ttl", gongshu::CatalogTurtle(hostile, plain)) &&
      WriteFile(out + "/hostile.jsonld", gongshu::CatalogJsonLd(hostile, plain).dump(2)) &&
      WriteFile(out + "/hostile-expected.json", expected.dump(2));
  std::vector<Resource> demo = DemoResources();
  if (demo.empty()) {
    std::cerr << "write_dcat_samples: the demo catalog has no registered resource\n";
    return 1;
  }
  // The demo deployment places its regions with the built-in table (approximate envelopes).
  DcatContext demo_context = plain;
  demo_context.find_place = [](std::string_view division_code) {
    return gongshu::PlaceTable::Default().Find(division_code);
  };
  ok = ok && WriteFile(out + "/demo.ttl", gongshu::CatalogTurtle(demo, demo_context)) &&
       WriteFile(out + "/demo.jsonld", gongshu::CatalogJsonLd(demo, demo_context).dump(2));
  return ok ? 0 : 1;
}
