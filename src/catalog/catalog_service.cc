#include "catalog/catalog_service.h"

#include "catalog/resource_json.h"
#include "catalog/resource_rules.h"
#include "common/json_text.h"
#include "common/object_reader.h"
#include "common/secrets.h"

namespace gongshu {
namespace {

// Field errors of parsing plus broken rules, as one InvalidArgument.
Status Invalid(std::vector<FieldError> errors) {
  std::string message = errors.size() == 1
                            ? std::string("1 field is not valid")
                            : std::to_string(errors.size()) + " fields are not valid";
  return Status::InvalidArgument(message, std::move(errors));
}

bool MayReadDrafts(const Principal& actor, const Resource& resource) {
  return Decide(actor, Action::kResourceDraftRead, {resource.provider_id, std::nullopt}).ok();
}

bool IsPublic(const Resource& resource) {
  return resource.status == ResourceStatus::kRegistered ||
         resource.status == ResourceStatus::kCancelled;
}

}  // namespace

void CatalogService::CheckRelated(const Resource& resource, std::vector<FieldError>* errors) {
  for (size_t index = 0; index < resource.related_resource_ids.size(); ++index) {
    const std::string& related = resource.related_resource_ids[index];
    if (related == resource.id || !store_.GetResource(related).ok()) {
      errors->push_back({"related_resource_ids[" + std::to_string(index) + "]",
                         "names no other resource of the catalog"});
    }
  }
}

Status CatalogService::FillProvider(Resource* resource) {
  Result<Organization> provider = identity_.GetOrganization(resource->provider_id);
  if (!provider.ok()) {
    if (provider.status().code() == StatusCode::kNotFound) {
      return Status::InvalidField("provider_id", "names no organization");
    }
    return provider.status();
  }
  resource->provider_name = provider->name;
  resource->provider_code = provider->uscc.value_or(provider->id);
  resource->region = provider->division_code;
  return Status::Ok();
}

Result<ResourceWriteResult> CatalogService::Create(const Principal& actor,
                                                   const nlohmann::json& body) {
  nlohmann::json fields = body;
  Resource resource;
  std::vector<FieldError> errors;
  auto provider = fields.find("provider_id");
  if (provider == fields.end() || !provider->is_string()) {
    errors.push_back({"provider_id", "is required: the id of the providing organization"});
  } else {
    resource.provider_id = provider->get<std::string>();
  }
  if (provider != fields.end()) fields.erase(provider);
  Status parsed = ApplyResourceJson(fields, true, &resource);
  for (const FieldError& error : parsed.field_errors()) errors.push_back(error);
  if (!resource.provider_id.empty()) {
    GONGSHU_RETURN_IF_ERROR(
        Decide(actor, Action::kResourceWrite, {resource.provider_id, std::nullopt}));
    Status filled = FillProvider(&resource);
    if (!filled.ok() && filled.code() != StatusCode::kInvalidArgument) return filled;
    for (const FieldError& error : filled.field_errors()) errors.push_back(error);
  }
  if (!resource.operation_override_reason.empty() && !actor.IsPlatformAdmin()) {
    errors.push_back({"operation.override_reason", "only a platform admin may record an override"});
  }
  if (parsed.ok()) {
    for (FieldError& error : CheckResourceRules(resource, themes_)) errors.push_back(error);
    CheckRelated(resource, &errors);
  }
  if (!errors.empty()) return Invalid(std::move(errors));

  TimePoint now = clock_.Now();
  resource.id = NewId("res");
  resource.version = 1;
  resource.status = ResourceStatus::kDraft;
  resource.created_at = now;
  resource.updated_at = now;
  resource.created_by = actor.user_id;
  resource.grading.graded_by = actor.user_id;
  resource.grading.graded_at = now;
  ResourceVersionInfo info{1, actor.user_id, now, "created"};
  Event event{"resource.created", actor.user_id, resource.id, now,
              JsonText({{"name", resource.name},
                        {"provider_id", resource.provider_id},
                        {"version", 1},
                        {"grade", GradeName(resource.grading.grade)}})};
  Result<Resource> stored = store_.InsertResource(resource, info, event);
  if (!stored.ok()) return stored.status();
  ResourceWriteResult result{std::move(*stored), {}};
  Result<std::vector<Resource>> duplicates =
      store_.FindByName(result.resource.name, result.resource.provider_id);
  if (duplicates.ok()) result.possible_duplicates = std::move(*duplicates);
  return result;
}

Status CatalogService::RecordDeidentificationPolicy(const Principal& actor, const std::string& id) {
  Result<Resource> current = store_.GetResource(id);
  if (!current.ok()) return current.status();
  if (current->has_deidentification_policy) return Status::Ok();
  Resource changed = *current;
  changed.has_deidentification_policy = true;
  TimePoint now = clock_.Now();
  changed.version = current->version + 1;
  changed.updated_at = now;
  std::string reason = "去标识化策略已设置 (a de-identification policy is in force)";
  ResourceVersionInfo info{changed.version, actor.user_id, now, reason};
  Event event{"resource.changed", actor.user_id, id, now,
              JsonText({{"version", changed.version}, {"reason", reason}})};
  return store_.UpdateResource(changed, info, event);
}

Result<ResourceWriteResult> CatalogService::Change(const Principal& actor, const std::string& id,
                                                   const nlohmann::json& body) {
  Result<Resource> current = store_.GetResource(id);
  if (!current.ok()) return current.status();
  if (!IsPublic(*current) && !MayReadDrafts(actor, *current)) {
    return Status::NotFound("no resource " + id);
  }
  GONGSHU_RETURN_IF_ERROR(
      Decide(actor, Action::kResourceWrite, {current->provider_id, std::nullopt}));
  if (current->status == ResourceStatus::kCancelled) {
    return Status::FailedPrecondition("resource " + id + " is cancelled (注销) and cannot change");
  }
  nlohmann::json fields = body;
  std::vector<FieldError> errors;
  std::optional<int64_t> version;
  std::string reason;
  if (auto entry = fields.find("version"); entry != fields.end()) {
    if (entry->is_number_integer()) {
      version = entry->get<int64_t>();
    } else {
      errors.push_back({"version", "must be an integer"});
    }
    fields.erase(entry);
  } else {
    errors.push_back({"version", "is required: the version you read (for safe concurrent edits)"});
  }
  if (auto entry = fields.find("reason"); entry != fields.end()) {
    if (entry->is_string() && !entry->get<std::string>().empty() &&
        entry->get<std::string>().size() <= 2000) {
      reason = entry->get<std::string>();
    } else {
      errors.push_back({"reason", "must be a non-empty string of at most 2000 bytes"});
    }
    fields.erase(entry);
  } else {
    errors.push_back({"reason", "is required: why the resource changes"});
  }
  Resource changed = *current;
  std::string old_override = changed.operation_override_reason;
  Grade old_grade = changed.grading.grade;
  std::string old_basis = changed.grading.basis;
  Status parsed = ApplyResourceJson(fields, false, &changed);
  for (const FieldError& error : parsed.field_errors()) errors.push_back(error);
  if (changed.operation_override_reason != old_override && !actor.IsPlatformAdmin()) {
    errors.push_back({"operation.override_reason", "only a platform admin may record an override"});
  }
  if (parsed.ok()) {
    for (FieldError& error : CheckResourceRules(changed, themes_)) errors.push_back(error);
    CheckRelated(changed, &errors);
  }
  if (!errors.empty()) return Invalid(std::move(errors));
  if (*version != current->version) {
    return Status::Conflict("resource " + id + " is at version " +
                            std::to_string(current->version) + ", not " + std::to_string(*version) +
                            "; read it again and retry");
  }
  TimePoint now = clock_.Now();
  if (!(changed.grading.grade == old_grade) || changed.grading.basis != old_basis) {
    changed.grading.graded_by = actor.user_id;
    changed.grading.graded_at = now;
  }
  changed.version = current->version + 1;
  changed.updated_at = now;
  ResourceVersionInfo info{changed.version, actor.user_id, now, reason};
  Event event{"resource.changed", actor.user_id, id, now,
              JsonText({{"version", changed.version}, {"reason", reason}})};
  GONGSHU_RETURN_IF_ERROR(store_.UpdateResource(changed, info, event));
  ResourceWriteResult result{std::move(changed), {}};
  Result<std::vector<Resource>> duplicates =
      store_.FindByName(result.resource.name, result.resource.provider_id);
  if (duplicates.ok()) result.possible_duplicates = std::move(*duplicates);
  return result;
}

Result<Resource> CatalogService::Get(const Principal& actor, const std::string& id,
                                     std::optional<int64_t> version) {
  Result<Resource> current = store_.GetResource(id);
  if (!current.ok()) return current.status();
  if (!IsPublic(*current) && !MayReadDrafts(actor, *current)) {
    return Status::NotFound("no resource " + id);
  }
  if (!version) return current;
  return store_.GetResource(id, version);
}

Result<Resource> CatalogService::GetByCode(const Principal& actor, const std::string& code) {
  Result<Resource> resource = store_.GetResourceByCode(code);
  if (!resource.ok()) return resource.status();
  if (!IsPublic(*resource) && !MayReadDrafts(actor, *resource)) {
    return Status::NotFound("no resource with code " + code);
  }
  return resource;
}

Result<std::vector<ResourceVersionInfo>> CatalogService::History(const Principal& actor,
                                                                 const std::string& id) {
  Result<Resource> current = Get(actor, id);
  if (!current.ok()) return current.status();
  return store_.ListResourceVersions(id);
}

Result<CatalogResults> CatalogService::Search(const Principal& actor, CatalogQuery query) {
  if (!query.registered_only) {
    bool everything = actor.IsPlatformAdmin() || actor.HasRole(Role::kAuditor);
    if (!everything) {
      if (query.provider_ids.empty()) {
        return Status::InvalidField("provider",
                                    "searching drafts needs the providers whose drafts you read");
      }
      for (const std::string& provider : query.provider_ids) {
        GONGSHU_RETURN_IF_ERROR(
            Decide(actor, Action::kResourceDraftRead, {provider, std::nullopt}));
      }
    }
  }
  return store_.Search(query);
}

Result<std::vector<std::string>> CatalogService::Suggest(const std::string& prefix, int limit) {
  return store_.Suggest(prefix, limit);
}

}  // namespace gongshu
