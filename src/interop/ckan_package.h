// CKAN Action API v3 dictionaries for the catalog: a Resource as the package dict CKAN 2.10's
// package_show returns, its formats as resource dicts, organizations, themes as groups and
// keywords as tags — so CKAN clients (ckanapi, CKAN and DCAT harvesters) read Gongshu as they read
// CKAN. docs/ckan-api.md gives the mapping and the differences from CKAN.
//
// Pure functions: no I/O. Strings of the Resource are expected to be valid UTF-8 (the catalog
// refuses anything else at input); nlohmann::json would refuse to dump invalid UTF-8.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "catalog/resource.h"
#include "catalog/theme.h"
#include "common/clock.h"
#include "common/status.h"

namespace gongshu {

// The organization fields a CKAN organization dict shows.
struct CkanOrganizationInfo {
  std::string id;           // organization id; also its CKAN name (ids are valid CKAN names)
  std::string title;        // the organization's name (机构名称)
  std::string description;  // may be empty
  std::optional<TimePoint> created;
};

struct CkanContext {
  // The deployment's public URL, as DcatContext::base_url ("https://data.example.gov.cn").
  std::string base_url;
  // Theme names; nullptr when not known (groups are then titled by id).
  const ThemeTaxonomy* themes = nullptr;
  // The provider's organization details; empty or returning nullopt when not known (the package's
  // organization is then built from the resource's provider_id and provider_name).
  std::function<std::optional<CkanOrganizationInfo>(std::string_view organization_id)>
      find_organization;
  // Whether datastore_search serves rows of this resource (CKAN's datastore_active); empty: no.
  std::function<bool(const Resource&)> datastore_active;
};

// The CKAN name (URL slug) of a resource, derived from its resource code: lower-cased, every run
// of characters outside [a-z0-9_-] replaced by one '-', cut to 100 bytes. Resource codes
// ("<provider code>-<5-digit serial>") are upper-case letters, digits, '_' and '-', for which the
// mapping is one-to-one. A resource without a code (a draft) is named by its id.
std::string CkanPackageName(const Resource& resource);

// Checks `name` against CKAN's name rule (ckan/logic/validators.py name_validator): InvalidArgument
// "Must be at least 2 characters long", "Name must be a maximum of 100 characters long",
// "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_" or
// "That name cannot be used" (new, edit, search).
Status CheckCkanName(std::string_view name);

// `time` as CKAN writes timestamps: UTC without a zone, microseconds: "2024-03-01T08:00:00.000000".
std::string CkanTimestamp(TimePoint time);

// The id of the CKAN resource dict for one format of a resource: "<resource id>.<format>"
// (format lower-cased). Resource ids never contain '.', so ParseCkanResourceId splits such an id
// back at its first '.'; InvalidArgument when there is none or either part is empty.
std::string CkanResourceId(std::string_view resource_id, std::string_view format);
struct CkanResourceRef {
  std::string resource_id;
  std::string format;
};
Result<CkanResourceRef> ParseCkanResourceId(std::string_view id);

// The package dict (package_show's result) of `resource`.
nlohmann::json CkanPackage(const Resource& resource, const CkanContext& context);

// The resource dict for `resource.formats[position]`. REQUIRES: position < formats.size().
nlohmann::json CkanResource(const Resource& resource, size_t position, const CkanContext& context);

// An organization dict (organization_show / organization_list with all_fields).
nlohmann::json CkanOrganization(const CkanOrganizationInfo& organization);

// A group dict for a theme (group_show / group_list with all_fields): id and name are the theme
// id, title the Chinese name.
nlohmann::json CkanGroup(const Theme& theme);

// A tag dict for a keyword: {id, name, display_name, state, vocabulary_id}; the id is the name
// (Gongshu keeps no tag ids).
nlohmann::json CkanTag(std::string_view keyword);

}  // namespace gongshu
