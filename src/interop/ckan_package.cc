#include "interop/ckan_package.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>

#include "catalog/grade.h"
#include "interop/distribution_text.h"
#include "interop/licence.h"
#include "interop/urls.h"
#include "interop/vocabularies.h"

namespace gongshu {
namespace {

constexpr size_t kMaxNameLength = 100;

bool IsNameCharacter(char symbol) {
  return (symbol >= 'a' && symbol <= 'z') || (symbol >= '0' && symbol <= '9') || symbol == '-' ||
         symbol == '_';
}

nlohmann::json TextOrNull(std::string_view text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& symbol : lower) {
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  }
  return lower;
}

std::string_view CkanState(ResourceStatus status) {
  switch (status) {
    case ResourceStatus::kRegistered:
      return "active";
    case ResourceStatus::kCancelled:
      return "deleted";
    case ResourceStatus::kDraft:
    case ResourceStatus::kRegistering:
      break;
  }
  return "draft";
}

// The extras, sorted by key as CKAN returns them. Empty values are left out.
nlohmann::json Extras(const Resource& resource, const CkanContext& context) {
  std::map<std::string, std::string> extras;
  auto put = [&extras](std::string key, std::string value) {
    if (!value.empty()) extras.emplace(std::move(key), std::move(value));
  };
  put("uri", DatasetIri(context.base_url, resource.id));
  put("identifier", resource.code);
  put("registration_code", resource.registration_code);
  put("provider_code", resource.provider_code);
  put("region", resource.region);
  put("grade", GradeName(resource.grading.grade));
  put("sharing", std::string(AccessAttributeName(resource.sharing)));
  put("sharing_conditions", resource.sharing_conditions);
  put("sharing_method", resource.sharing_method);
  put("opening", std::string(AccessAttributeName(resource.opening)));
  put("opening_conditions", resource.opening_conditions);
  put("access_rights", AccessRightConcept(resource.opening).iri);
  put("update_cycle", std::string(UpdateCycleName(resource.update_cycle)));
  put("frequency", FrequencyConcept(resource.update_cycle).iri);
  put("issued", resource.publish_date.value_or(""));
  put("spatial_code", resource.spatial);
  if (!resource.spatial.empty()) put("spatial_uri", RegionIri(context.base_url, resource.spatial));
  put("temporal_start", resource.temporal_start.value_or(""));
  put("temporal_end", resource.temporal_end.value_or(""));
  put("contact_phone", resource.contact.phone);
  put("status", std::string(ResourceStatusName(resource.status)));
  put("operation_allowed", resource.operation_allowed ? "true" : "false");
  put("deidentification_policy", resource.has_deidentification_policy ? "true" : "false");
  std::string classification;
  for (const std::string* level :
       {&resource.classification.category, &resource.classification.subject,
        &resource.classification.topic, &resource.classification.subtopic}) {
    if (level->empty()) break;
    if (!classification.empty()) classification += " / ";
    classification += *level;
  }
  put("classification", classification);
  if (!resource.related_resource_ids.empty()) {
    put("related_resources", nlohmann::json(resource.related_resource_ids).dump());
  }
  if (context.themes != nullptr) {
    nlohmann::json eu_themes = nlohmann::json::array();
    for (const std::string& theme_id : resource.themes) {
      const Theme* theme = context.themes->Find(theme_id);
      if (theme == nullptr) continue;
      std::optional<VocabularyConcept> eu_theme = DataThemeConcept(theme->eu_theme);
      if (eu_theme &&
          std::find(eu_themes.begin(), eu_themes.end(), eu_theme->iri) == eu_themes.end()) {
        eu_themes.push_back(eu_theme->iri);
      }
    }
    if (!eu_themes.empty()) put("theme", eu_themes.dump());
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, value] : extras) list.push_back({{"key", key}, {"value", value}});
  return list;
}

CkanOrganizationInfo ProviderOf(const Resource& resource, const CkanContext& context) {
  if (context.find_organization) {
    std::optional<CkanOrganizationInfo> found = context.find_organization(resource.provider_id);
    if (found) return *found;
  }
  return {resource.provider_id, resource.provider_name, "", std::nullopt};
}

}  // namespace

std::string CkanPackageName(const Resource& resource) {
  std::string_view source = resource.code.empty() ? resource.id : resource.code;
  std::string name;
  bool in_replaced_run = false;
  for (char symbol : source) {
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
    if (IsNameCharacter(lower)) {
      name.push_back(lower);
      in_replaced_run = false;
    } else if (!in_replaced_run) {
      name.push_back('-');
      in_replaced_run = true;
    }
  }
  if (name.size() > kMaxNameLength) name.resize(kMaxNameLength);
  return name;
}

Status CheckCkanName(std::string_view name) {
  if (name == "new" || name == "edit" || name == "search") {
    return Status::InvalidField("name", "That name cannot be used");
  }
  if (name.size() < 2) return Status::InvalidField("name", "Must be at least 2 characters long");
  if (name.size() > kMaxNameLength) {
    return Status::InvalidField("name", "Name must be a maximum of 100 characters long");
  }
  for (char symbol : name) {
    if (!IsNameCharacter(symbol)) {
      return Status::InvalidField(
          "name", "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");
    }
  }
  return Status::Ok();
}

std::string CkanTimestamp(TimePoint time) {
  auto since_epoch = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch());
  int64_t micros = since_epoch.count();
  int64_t seconds = micros / 1000000;
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    seconds -= 1;
  }
  std::time_t whole = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d.%06lld", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(fraction));
  return buffer;
}

std::string CkanResourceId(std::string_view resource_id, std::string_view format) {
  std::string id(resource_id);
  id += '.';
  id += Lowercase(format);
  return id;
}

Result<CkanResourceRef> ParseCkanResourceId(std::string_view id) {
  size_t dot = id.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) {
    return Status::InvalidField("id", "must be <resource id>.<format>");
  }
  return CkanResourceRef{std::string(id.substr(0, dot)), std::string(id.substr(dot + 1))};
}

nlohmann::json CkanResource(const Resource& resource, size_t position, const CkanContext& context) {
  const std::string& format = resource.formats[position];
  std::optional<FileTypeMapping> file_type = LookupFileType(format);
  bool datastore = context.datastore_active && context.datastore_active(resource);
  nlohmann::json dict = nlohmann::json::object();
  dict["id"] = CkanResourceId(resource.id, format);
  dict["package_id"] = resource.id;
  dict["name"] = DistributionTitle(resource, format);
  dict["description"] = DistributionDescription(resource, format);
  dict["format"] = UppercaseFormat(format);
  dict["url"] = DistributionAccessUrl(context.base_url, resource.id, format);
  dict["url_type"] = nullptr;
  dict["resource_type"] = IsApiFormat(format) ? nlohmann::json("api") : nlohmann::json(nullptr);
  dict["mimetype"] = file_type && !file_type->media_type.empty()
                         ? nlohmann::json(file_type->media_type)
                         : nlohmann::json(nullptr);
  dict["mimetype_inner"] = nullptr;
  dict["size"] = nullptr;
  dict["hash"] = "";
  dict["cache_url"] = nullptr;
  dict["cache_last_updated"] = nullptr;
  dict["created"] = CkanTimestamp(resource.created_at);
  dict["last_modified"] = CkanTimestamp(resource.updated_at);
  dict["metadata_modified"] = CkanTimestamp(resource.updated_at);
  dict["position"] = position;
  dict["state"] = CkanState(resource.status);
  dict["datastore_active"] = datastore;
  return dict;
}

nlohmann::json CkanPackage(const Resource& resource, const CkanContext& context) {
  nlohmann::json dict = nlohmann::json::object();
  dict["id"] = resource.id;
  dict["name"] = CkanPackageName(resource);
  dict["title"] = resource.name;
  dict["notes"] = resource.summary;
  dict["url"] = ResourcePageUrl(context.base_url, resource.id);
  dict["type"] = "dataset";
  dict["state"] = CkanState(resource.status);
  dict["private"] = resource.status != ResourceStatus::kRegistered;
  dict["version"] = nullptr;
  dict["author"] = TextOrNull(resource.provider_name);
  dict["author_email"] = nullptr;
  dict["maintainer"] = TextOrNull(resource.contact.name);
  dict["maintainer_email"] = TextOrNull(resource.contact.email);
  dict["creator_user_id"] = nullptr;
  dict["metadata_created"] = CkanTimestamp(resource.created_at);
  dict["metadata_modified"] = CkanTimestamp(resource.updated_at);

  if (resource.license.empty()) {
    bool closed = resource.opening == AccessAttribute::kNone;
    dict["license_id"] = closed ? "other-closed" : "notspecified";
    dict["license_title"] = closed ? "Other (Not Open)" : "License not specified";
    dict["isopen"] = false;
  } else {
    LicenceInfo licence = DescribeLicence(resource.license);
    dict["license_id"] = licence.ckan_id;
    dict["license_title"] = licence.ckan_title;
    if (!licence.url.empty()) dict["license_url"] = licence.url;
    dict["isopen"] = licence.is_open;
  }

  CkanOrganizationInfo provider = ProviderOf(resource, context);
  dict["owner_org"] = resource.provider_id;
  dict["organization"] = CkanOrganization(provider);

  nlohmann::json groups = nlohmann::json::array();
  for (const std::string& theme_id : resource.themes) {
    const Theme* theme = context.themes ? context.themes->Find(theme_id) : nullptr;
    groups.push_back(CkanGroup(theme ? *theme : Theme{theme_id, theme_id, "", ""}));
  }
  dict["groups"] = std::move(groups);

  nlohmann::json tags = nlohmann::json::array();
  for (const std::string& keyword : resource.keywords) tags.push_back(CkanTag(keyword));
  dict["num_tags"] = tags.size();
  dict["tags"] = std::move(tags);

  nlohmann::json resources = nlohmann::json::array();
  for (size_t position = 0; position < resource.formats.size(); ++position) {
    resources.push_back(CkanResource(resource, position, context));
  }
  dict["num_resources"] = resources.size();
  dict["resources"] = std::move(resources);

  dict["extras"] = Extras(resource, context);
  dict["relationships_as_subject"] = nlohmann::json::array();
  dict["relationships_as_object"] = nlohmann::json::array();
  return dict;
}

nlohmann::json CkanOrganization(const CkanOrganizationInfo& organization) {
  return {
      {"id", organization.id},
      {"name", organization.id},
      {"title", organization.title.empty() ? organization.id : organization.title},
      {"display_name", organization.title.empty() ? organization.id : organization.title},
      {"description", organization.description},
      {"type", "organization"},
      {"is_organization", true},
      {"state", "active"},
      {"approval_status", "approved"},
      {"image_url", ""},
      {"image_display_url", ""},
      {"created", organization.created ? nlohmann::json(CkanTimestamp(*organization.created))
                                       : nlohmann::json(nullptr)},
  };
}

nlohmann::json CkanGroup(const Theme& theme) {
  return {
      {"id", theme.id},
      {"name", theme.id},
      {"title", theme.name},
      {"display_name", theme.name},
      {"description", theme.name_en},
      {"type", "group"},
      {"is_organization", false},
      {"state", "active"},
      {"approval_status", "approved"},
      {"image_url", ""},
      {"image_display_url", ""},
  };
}

nlohmann::json CkanTag(std::string_view keyword) {
  return {
      {"id", keyword},     {"name", keyword},          {"display_name", keyword},
      {"state", "active"}, {"vocabulary_id", nullptr},
  };
}

}  // namespace gongshu
