// The human text of a distribution (one format of a resource), shared by the DCAT distribution
// and the CKAN resource dict so both say the same thing.
#pragma once

#include <string>
#include <string_view>

#include "catalog/resource.h"

namespace gongshu {

// Whether `format` is the row API ("api", any case) rather than a file format.
bool IsApiFormat(std::string_view format);

// "<resource name>（CSV）", or "<resource name>（数据接口）" for the API.
std::string DistributionTitle(const Resource& resource, std::string_view format);

// "CSV 格式。" or "数据接口，返回 JSON。", followed by how the opening attribute lets one get it
// ("无条件开放，可直接获取。", ...).
std::string DistributionDescription(const Resource& resource, std::string_view format);

// The format as CKAN shows it: upper-case ("CSV", "API").
std::string UppercaseFormat(std::string_view format);

}  // namespace gongshu
