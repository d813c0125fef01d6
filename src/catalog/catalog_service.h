// CatalogService: registering and describing resources — drafts, changes with full version
// history, reads with visibility rules, and search. The binding rules (resource_rules.h) are
// checked on every write; an access decision (identity/access_policy.h) on every call.
//
// Thread-safe when the store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog_store.h"
#include "catalog/theme.h"
#include "common/clock.h"
#include "identity/identity_service.h"

namespace gongshu {

struct ResourceWriteResult {
  Resource resource;
  // Resources of other providers with the same name: one authoritative provider per resource,
  // so the admin is shown these (the write is not refused).
  std::vector<Resource> possible_duplicates;
};

class CatalogService {
 public:
  // All references must outlive the service.
  CatalogService(CatalogStore& store, IdentityService& identity, const Clock& clock,
                 const ThemeTaxonomy& themes)
      : store_(store), identity_(identity), clock_(clock), themes_(themes) {}

  // Creates a draft from a request body: the writable resource fields (resource_json.h) plus
  // "provider_id". PermissionDenied unless the actor is a provider of that organization or a
  // platform admin; InvalidArgument listing every field error and broken rule.
  Result<ResourceWriteResult> Create(const Principal& actor, const nlohmann::json& body);
  // Changes a resource: the body holds "version" (the version the client read), "reason" (why,
  // required) and the fields to change. Conflict when the resource changed since `version`.
  // Only a platform admin may set operation.override_reason.
  Result<ResourceWriteResult> Change(const Principal& actor, const std::string& id,
                                     const nlohmann::json& body);
  // Records that a de-identification policy is in force for what leaves the platform (the
  // dataset part stored one): a new metadata version by `actor`, so that the binding rule
  // identifiers_need_policy is met. Nothing changes when the flag is already set.
  Status RecordDeidentificationPolicy(const Principal& actor, const std::string& id);
  // The current or an old version. Registered and cancelled resources are public; drafts and
  // resources under registration are NotFound to anyone who may not read drafts of that provider.
  Result<Resource> Get(const Principal& actor, const std::string& id,
                       std::optional<int64_t> version = std::nullopt);
  // By resource code, with the same visibility as Get.
  Result<Resource> GetByCode(const Principal& actor, const std::string& code);
  Result<std::vector<ResourceVersionInfo>> History(const Principal& actor, const std::string& id);
  // Search. Unless the actor may read the provider's drafts (`query.provider_ids` set to their
  // organizations, or a platform admin/auditor), only registered resources are searched.
  Result<CatalogResults> Search(const Principal& actor, CatalogQuery query);
  Result<std::vector<std::string>> Suggest(const std::string& prefix, int limit);

  const ThemeTaxonomy& themes() const { return themes_; }

 private:
  // Records an error for each related resource id that names no other resource.
  void CheckRelated(const Resource& resource, std::vector<FieldError>* errors);
  // Fills provider name, code and region from the organization; NotFound names the field.
  Status FillProvider(Resource* resource);
  CatalogStore& store_;
  IdentityService& identity_;
  const Clock& clock_;
  const ThemeTaxonomy& themes_;
};

}  // namespace gongshu
