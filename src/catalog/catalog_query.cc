#include "catalog/catalog_query.h"

#include "common/enum_names.h"

namespace gongshu {
namespace {

constexpr EnumNames<Facet, 9> kFacetNames({{
    {Facet::kTheme, "theme"},
    {Facet::kProvider, "provider"},
    {Facet::kRegion, "region"},
    {Facet::kGrade, "grade"},
    {Facet::kSharing, "sharing"},
    {Facet::kOpening, "opening"},
    {Facet::kFormat, "format"},
    {Facet::kUpdateCycle, "update_cycle"},
    {Facet::kKeyword, "keyword"},
}});

constexpr EnumNames<CatalogSort, 4> kSortNames({{
    {CatalogSort::kRelevance, "relevance"},
    {CatalogSort::kNewest, "newest"},
    {CatalogSort::kOldest, "oldest"},
    {CatalogSort::kName, "name"},
}});

}  // namespace

std::string_view FacetName(Facet facet) { return kFacetNames.Name(facet); }
std::optional<Facet> ParseFacet(std::string_view name) { return kFacetNames.Parse(name); }
std::string FacetNames() { return kFacetNames.Joined(); }

std::vector<Facet> AllFacets() {
  std::vector<Facet> facets;
  for (const auto& [facet, name] : kFacetNames.entries()) facets.push_back(facet);
  return facets;
}

std::string_view CatalogSortName(CatalogSort sort) { return kSortNames.Name(sort); }
std::optional<CatalogSort> ParseCatalogSort(std::string_view name) {
  return kSortNames.Parse(name);
}
std::string CatalogSortNames() { return kSortNames.Joined(); }

}  // namespace gongshu
