// DCAT-AP 3 for the catalog: each registered Resource as a dcat:Dataset (with its distributions,
// data service, contact, publisher, themes and the vocabulary concepts they point to) and a page
// of the catalog as a dcat:Catalog, in Turtle and JSON-LD. docs/dcat-ap.md maps every Resource
// field to its property and lists the gongshu: terms used where DCAT-AP has none.
//
// Pure functions: no I/O. The output is self-contained for SHACL: every node the DCAT-AP 3.0.1
// range shapes check is typed in the same graph, and every skos:Concept has a skos:prefLabel, so
// a document validates on its own against shapes.ttl + range.ttl (tests/dcat/).
//
// IRIs are those of urls.h: the dataset is <base>/api/v1/resources/<id>, and its parts are
// fragments of it (#contact, #temporal, #distribution-csv, #api, #item-1, ...).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/resource.h"
#include "catalog/theme.h"
#include "interop/rdf_graph.h"
#include "interop/urls.h"

namespace gongshu {

// What a division code names, for dct:spatial.
struct Place {
  std::string name;          // "福州市"
  std::string bbox_wkt;      // WKT POLYGON, WGS 84 longitude/latitude; empty when not known
  std::string centroid_wkt;  // WKT POINT; empty when not known
};

// Everything the mapping needs besides the resources. Held by the caller; the functions below
// keep no reference to it after they return.
struct DcatContext {
  // The deployment's public URL. REQUIRES: absolute ("https://data.example.gov.cn"); a trailing
  // slash is ignored.
  std::string base_url;
  std::string catalog_title;        // zh
  std::string catalog_description;  // zh
  // The catalog's publisher: the data administration that runs the platform.
  std::string publisher_id;
  std::string publisher_name;
  std::string publisher_division_code;  // GB/T 2260; also the catalog's dct:spatial
  std::string catalog_issued;           // YYYY-MM-DD; empty when not stated
  std::string catalog_license;          // SPDX id or URL for the catalog's metadata; may be empty
  // Theme names and EU theme codes; nullptr when not known (themes are then named by id only and
  // get no EU data theme).
  const ThemeTaxonomy* themes = nullptr;
  // Names and geometry of division codes; empty or returning nullopt when not known (dct:Location
  // then has only its identifier, which shapes_recommended.ttl warns about).
  std::function<std::optional<Place>(std::string_view division_code)> find_place;
  // Paging of a catalog page (hydra:PartialCollectionView). All empty when the catalog is not
  // paged; next_page_url empty on the last page.
  std::string page_url;
  std::string first_page_url;
  std::string next_page_url;
  int64_t total_items = -1;  // size of the whole catalog (hydra:totalItems); -1 when not known
};

// The dataset description of `resource` (dcat:Dataset and everything it points to). Every
// string of the resource may hold anything, including invalid UTF-8 (written as U+FFFD).
RdfGraph DatasetGraph(const Resource& resource, const DcatContext& context);
// A catalog page: the dcat:Catalog with `resources` as its datasets (and their data services),
// each described as DatasetGraph does, and the paging view when context.page_url is set.
RdfGraph CatalogGraph(const std::vector<Resource>& resources, const DcatContext& context);

// The graphs above as documents (turtle.h WriteTurtle, json_ld.h WriteJsonLd).
std::string DatasetTurtle(const Resource& resource, const DcatContext& context);
nlohmann::json DatasetJsonLd(const Resource& resource, const DcatContext& context);
std::string CatalogTurtle(const std::vector<Resource>& resources, const DcatContext& context);
nlohmann::json CatalogJsonLd(const std::vector<Resource>& resources, const DcatContext& context);

}  // namespace gongshu
