#include "interop/urls.h"

#include "interop/distribution_text.h"
#include "interop/iri.h"

namespace gongshu {
namespace {

std::string Base(std::string_view base_url) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  return SanitizeIri(base_url);
}

}  // namespace

std::string DatasetIri(std::string_view base_url, std::string_view resource_id) {
  return Base(base_url) + "/api/v1/resources/" + EncodeIriSegment(resource_id);
}

std::string CatalogIri(std::string_view base_url) { return Base(base_url) + "/catalog"; }

std::string OrganizationIri(std::string_view base_url, std::string_view organization_id) {
  return Base(base_url) + "/api/v1/organizations/" + EncodeIriSegment(organization_id);
}

std::string ThemeSchemeIri(std::string_view base_url) { return Base(base_url) + "/themes"; }

std::string ThemeIri(std::string_view base_url, std::string_view theme_id) {
  return Base(base_url) + "/themes/" + EncodeIriSegment(theme_id);
}

std::string RegionIri(std::string_view base_url, std::string_view division_code) {
  return Base(base_url) + "/regions/" + EncodeIriSegment(division_code);
}

std::string HomepageUrl(std::string_view base_url) { return Base(base_url) + "/"; }

std::string ResourcePageUrl(std::string_view base_url, std::string_view resource_id) {
  return Base(base_url) + "/resources/" + EncodeIriSegment(resource_id);
}

std::string ResourceRowsUrl(std::string_view base_url, std::string_view resource_id) {
  return DatasetIri(base_url, resource_id) + "/data";
}

std::string OpenApiUrl(std::string_view base_url) {
  return Base(base_url) + "/api/v1/openapi.json";
}

std::string DistributionAccessUrl(std::string_view base_url, std::string_view resource_id,
                                  std::string_view format) {
  return IsApiFormat(format) ? ResourceRowsUrl(base_url, resource_id)
                             : ResourcePageUrl(base_url, resource_id);
}

}  // namespace gongshu
