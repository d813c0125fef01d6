// The public URLs and IRIs of catalog things, one place for the DCAT and CKAN mappings so both
// name the same thing the same way. `base_url` is the deployment's public URL
// ("https://data.example.gov.cn"); a trailing slash is ignored. Ids and codes are percent-encoded
// (iri.h EncodeIriSegment), so any id gives a valid IRI.
#pragma once

#include <string>
#include <string_view>

namespace gongshu {

// <base>/api/v1/resources/<id>: the dataset (and the resource in the REST API).
std::string DatasetIri(std::string_view base_url, std::string_view resource_id);
// <base>/catalog
std::string CatalogIri(std::string_view base_url);
// <base>/api/v1/organizations/<id>
std::string OrganizationIri(std::string_view base_url, std::string_view organization_id);
// <base>/themes and <base>/themes/<theme id>: the theme taxonomy and its concepts.
std::string ThemeSchemeIri(std::string_view base_url);
std::string ThemeIri(std::string_view base_url, std::string_view theme_id);
// <base>/regions/<division code>: the place a GB/T 2260 code names.
std::string RegionIri(std::string_view base_url, std::string_view division_code);
// <base>/ : the portal's home page.
std::string HomepageUrl(std::string_view base_url);
// <base>/resources/<id>: the resource's page in the portal (where files are downloaded or
// access is applied for).
std::string ResourcePageUrl(std::string_view base_url, std::string_view resource_id);
// <base>/api/v1/resources/<id>/data: the row API of the resource's data.
std::string ResourceRowsUrl(std::string_view base_url, std::string_view resource_id);
// <base>/api/v1/openapi.json
std::string OpenApiUrl(std::string_view base_url);
// Where one format of a resource is accessed: the row API for "api" (any case), the resource
// page for file formats.
std::string DistributionAccessUrl(std::string_view base_url, std::string_view resource_id,
                                  std::string_view format);

}  // namespace gongshu
