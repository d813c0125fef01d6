#include "cli/demo_catalog_loader.h"
#include "demo/demo_datasets.h"

#include <filesystem>

#include <map>

#include "catalog/resource_json.h"
#include "demo/demo_catalog.h"
#include "identity/uscc.h"

namespace gongshu {
namespace {

// Takes one registration to `stage` (all steps but coding), at the clock's time.
Status Advance(RegistrationService& registrations, const Principal& admin,
               const Principal& provider, const std::string& resource_id, const DemoResource& demo,
               std::string* registration_id) {
  if (demo.stage == DemoStage::kDraft) return Status::Ok();
  Result<Registration> registration =
      registrations.Submit(provider, resource_id, RegistrationType::kInitial);
  if (!registration.ok()) return registration.status();
  *registration_id = registration->id;
  switch (demo.stage) {
    case DemoStage::kSubmitted:
      return Status::Ok();
    case DemoStage::kReturned:
      return registrations.Return(admin, registration->id, {demo.stage_note}).status();
    case DemoStage::kRejected:
      return registrations.Reject(admin, registration->id, demo.stage_note).status();
    default:
      break;
  }
  GONGSHU_RETURN_IF_ERROR(registrations.Accept(admin, registration->id).status());
  if (demo.stage == DemoStage::kAccepted) return Status::Ok();
  GONGSHU_RETURN_IF_ERROR(registrations.Review(admin, registration->id).status());
  if (demo.stage == DemoStage::kReviewed) return Status::Ok();
  GONGSHU_RETURN_IF_ERROR(registrations.Publish(admin, registration->id).status());
  if (demo.stage == DemoStage::kPublicityWithObjection) {
    Principal anonymous;
    return registrations
        .FileObjection(anonymous, registration->id, "市民 138****0000", demo.stage_note)
        .status();
  }
  return Status::Ok();
}

}  // namespace

Result<DemoCatalogSummary> LoadDemoCatalog(LocalServices& services,
                                           const Organization& administration,
                                           const std::string& scratch_directory) {
  DemoCatalogSummary summary;
  DemoCatalog catalog = GenerateDemoCatalog(kDemoSeed, kDemoResourceCount);
  std::vector<std::string> resource_ids(catalog.resources.size());

  Principal admin;
  admin.user_id = "local-operator";
  admin.username = "local-operator";
  admin.memberships.push_back(
      Membership{administration.id, Role::kAdmin, OrganizationType::kDataAdministration});

  // Providers: reuse organizations that exist under the same name.
  std::map<std::string, std::string> existing;
  std::string after;
  while (true) {
    Result<Page<Organization>> page =
        services.identity->ListOrganizations(OrganizationFilter(), PageRequest{after, 200});
    if (!page.ok()) return page.status();
    for (const Organization& organization : page->items) {
      existing[organization.name] = organization.id;
    }
    if (page->next_key.empty()) break;
    after = page->next_key;
  }
  std::vector<std::string> provider_ids;
  for (const DemoProvider& provider : catalog.providers) {
    auto found = existing.find(provider.name);
    if (found != existing.end()) {
      provider_ids.push_back(found->second);
      continue;
    }
    OrganizationInput input;
    input.name = provider.name;
    input.type = provider.type;
    input.division_code = provider.division_code;
    if (provider.division_code == administration.division_code) {
      input.parent_id = administration.id;
    }
    input.uscc = provider.uscc_body + UsccCheckCharacter(provider.uscc_body);
    Result<Organization> created = services.identity->CreateOrganization(admin, input);
    if (!created.ok()) return created.status();
    provider_ids.push_back(created->id);
    ++summary.providers_created;
  }

  // The services on a clock of their own, moving from 40 days ago towards now.
  TimePoint now = services.clock->Now();
  ManualClock clock(now - std::chrono::hours(24 * 40));
  CatalogService catalog_service(*services.catalog_store, *services.identity, clock,
                                 services.themes);
  RegistrationService registrations(*services.registration_store, *services.catalog_store,
                                    *services.identity, clock, services.calendar,
                                    services.registration->rules());

  auto create = [&](const DemoResource& demo) -> Result<std::string> {
    nlohmann::json body = ResourceWritableJson(demo.resource);
    body["provider_id"] = provider_ids[demo.provider_index];
    Result<ResourceWriteResult> created = catalog_service.Create(admin, body);
    if (!created.ok()) {
      std::string message =
          "demo resource " + demo.resource.name + ": " + created.status().message();
      for (const FieldError& error : created.status().field_errors()) {
        message += "; " + error.field + " " + error.reason;
      }
      return Status::Internal(message);
    }
    ++summary.resources;
    resource_ids[static_cast<size_t>(&demo - catalog.resources.data())] = created->resource.id;
    return created->resource.id;
  };

  // Coded resources: everything up to publicity 40 days ago, coded 20 days later.
  std::vector<std::string> to_code;
  for (const DemoResource& demo : catalog.resources) {
    if (demo.stage != DemoStage::kCoded) continue;
    Result<std::string> id = create(demo);
    if (!id.ok()) return id.status();
    std::string registration_id;
    DemoResource as_publicity = demo;
    as_publicity.stage = DemoStage::kPublicity;
    GONGSHU_RETURN_IF_ERROR(
        Advance(registrations, admin, admin, *id, as_publicity, &registration_id));
    to_code.push_back(registration_id);
    clock.Advance(std::chrono::seconds(60));
  }
  clock.Advance(std::chrono::hours(24 * 20));
  for (const std::string& registration_id : to_code) {
    GONGSHU_RETURN_IF_ERROR(registrations.Code(admin, registration_id).status());
    ++summary.registered;
    clock.Advance(std::chrono::seconds(30));
  }

  // Everything else: in the last two days, so publicity is still running today.
  TimePoint recent = now - std::chrono::hours(48);
  if (clock.Now() < recent)
    clock.Advance(std::chrono::duration_cast<std::chrono::seconds>(recent - clock.Now()));
  for (const DemoResource& demo : catalog.resources) {
    if (demo.stage == DemoStage::kCoded) continue;
    Result<std::string> id = create(demo);
    if (!id.ok()) return id.status();
    std::string registration_id;
    GONGSHU_RETURN_IF_ERROR(Advance(registrations, admin, admin, *id, demo, &registration_id));
    if (demo.stage == DemoStage::kPublicity || demo.stage == DemoStage::kPublicityWithObjection) {
      ++summary.in_publicity;
    }
    clock.Advance(std::chrono::seconds(60));
  }

  // Data versions: generated files uploaded through the same checks as any upload.
  std::error_code error;
  std::filesystem::create_directories(scratch_directory, error);
  for (const DemoDataset& dataset : DemoDatasets(catalog.resources)) {
    std::string path = scratch_directory + "/" + dataset.file_name;
    GONGSHU_RETURN_IF_ERROR(WriteDemoDatasetFile(dataset, path));
    UploadOptions options;
    options.file_name = dataset.file_name;
    options.note = dataset.version_note;
    Result<Ingestion> ingestion =
        services.datasets->IngestNow(admin, resource_ids[dataset.resource_index], path, options);
    std::filesystem::remove(path, error);
    if (!ingestion.ok()) return ingestion.status();
    if (ingestion->state != IngestionState::kPublished) {
      return Status::Internal("demo data " + dataset.file_name + ": " + ingestion->message);
    }
    ++summary.datasets;
    summary.dataset_rows += ingestion->report.rows_accepted;
  }
  std::filesystem::remove_all(scratch_directory, error);
  return summary;
}

}  // namespace gongshu
