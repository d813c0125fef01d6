// CatalogQuery: what a catalog search asks for — free text, facet filters, order and page —
// and CatalogResults, what it answers. Shared by the REST search, the CKAN package_search and the
// DCAT catalog pages, so all three mean the same thing by the same filter.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalog/resource.h"

namespace gongshu {

// The facets a search can filter on and count. Each filter is a set of accepted values: a
// resource matches a facet when its value is any of them (OR within a facet, AND across facets).
enum class Facet {
  kTheme,        // theme ids
  kProvider,     // provider organization ids
  kRegion,       // provider division codes
  kGrade,        // grade names ("general-2", "important", "core")
  kSharing,      // access attribute names
  kOpening,      // access attribute names
  kFormat,       // format names
  kUpdateCycle,  // update cycle names
  kKeyword,      // keywords (CKAN tags)
};
std::string_view FacetName(Facet facet);  // "theme", "provider", ..., "update_cycle", "keyword"
std::optional<Facet> ParseFacet(std::string_view name);
std::string FacetNames();
// Every facet, in the order above.
std::vector<Facet> AllFacets();

enum class CatalogSort {
  kRelevance,  // BM25 when there is text, else newest first
  kNewest,     // by last change, newest first
  kOldest,
  kName,  // by name in code-point order
};
std::string_view CatalogSortName(CatalogSort sort);
std::optional<CatalogSort> ParseCatalogSort(std::string_view name);
std::string CatalogSortNames();

struct CatalogQuery {
  std::string text;  // free text as the user typed it; empty for "everything"
  std::map<Facet, std::vector<std::string>> filters;
  std::vector<Facet> facets;  // facets to count over the whole match set
  CatalogSort sort = CatalogSort::kRelevance;
  std::string after_key;  // opaque key from a previous page; empty for the first page
  int limit = 20;
  // Only resources that are registered (public). Off for a provider's own console and admins.
  bool registered_only = true;
  // When set, only resources of these providers (a provider's console).
  std::vector<std::string> provider_ids;
};

struct CatalogHit {
  Resource resource;
  double score = 0;  // higher is better; 0 when there is no text
  // The name and summary with matches wrapped in <mark>…</mark>; the rest HTML-escaped.
  std::string name_highlight;
  std::string summary_highlight;
};

struct FacetCount {
  std::string value;
  int64_t count = 0;
};

struct CatalogResults {
  std::vector<CatalogHit> hits;
  int64_t total = 0;                                      // size of the whole match set
  std::map<Facet, std::vector<FacetCount>> facet_counts;  // by count descending, then value
  std::string next_key;                                   // empty on the last page
};

}  // namespace gongshu
