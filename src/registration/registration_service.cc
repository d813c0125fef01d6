#include "registration/registration_service.h"

#include <nlohmann/json.hpp>

#include "common/json_text.h"
#include "common/secrets.h"
#include "registration/registration_code.h"

namespace gongshu {
namespace {

bool IsPublic(const Registration& registration) {
  return registration.state == RegistrationState::kPublicity ||
         registration.state == RegistrationState::kCoded;
}

// What the resource becomes when a registration of `type` is coded.
ResourceStatus CodedStatus(RegistrationType type) {
  return type == RegistrationType::kCancellation ? ResourceStatus::kCancelled
                                                 : ResourceStatus::kRegistered;
}

// What the resource becomes when a registration of `type` is rejected; nullopt: unchanged.
std::optional<ResourceStatus> RejectedStatus(RegistrationType type) {
  if (type == RegistrationType::kInitial) return ResourceStatus::kDraft;
  return std::nullopt;
}

}  // namespace

std::string RegistrationService::OrganizationName(const std::string& id) {
  Result<Organization> organization = identity_.GetOrganization(id);
  return organization.ok() ? organization->name : id;
}

Status RegistrationService::Store(const Principal& actor, const RegistrationUpdate& update,
                                  bool insert, std::optional<ResourceStatus> resource_status,
                                  const std::string& code) {
  RegistrationWrite write;
  write.registration = update.registration;
  write.insert_registration = insert;
  const Registration& registration = update.registration;
  const Transition& transition = update.transition;
  nlohmann::json detail = {
      {"resource_id", registration.resource_id},
      {"type", RegistrationTypeName(registration.type)},
      {"from", transition.from ? nlohmann::json(RegistrationStateName(*transition.from))
                               : nlohmann::json(nullptr)},
      {"to", RegistrationStateName(transition.to)},
      {"reason", transition.reason}};
  if (!registration.code.empty()) detail["code"] = registration.code;
  write.events.push_back({"registration." + std::string(RegistrationStateName(transition.to)),
                          actor.user_id, registration.id, transition.at, JsonText(detail)});
  if (resource_status) {
    Result<Resource> resource = catalog_.GetResource(registration.resource_id);
    if (!resource.ok()) return resource.status();
    Resource changed = *resource;
    changed.status = *resource_status;
    if (!code.empty()) changed.registration_code = code;
    changed.version = resource->version + 1;
    changed.updated_at = transition.at;
    if (*resource_status == ResourceStatus::kRegistered && !changed.publish_date) {
      changed.publish_date = FormatDate(LocalDate(transition.at));
    }
    std::string reason =
        "registration " + registration.id + " " + std::string(RegistrationStateName(transition.to));
    write.resource =
        ResourceChange{changed, {changed.version, actor.user_id, transition.at, reason}};
    write.events.push_back({"resource.status_changed", actor.user_id, changed.id, transition.at,
                            JsonText({{"version", changed.version},
                                      {"status", ResourceStatusName(*resource_status)},
                                      {"registration_id", registration.id},
                                      {"registration_code", changed.registration_code}})});
  }
  return store_.Write(write);
}

Result<Registration> RegistrationService::Submit(const Principal& actor,
                                                 const std::string& resource_id,
                                                 RegistrationType type) {
  Result<Resource> resource = catalog_.GetResource(resource_id);
  if (!resource.ok()) return resource.status();
  Status allowed =
      Decide(actor, Action::kRegistrationSubmit, {resource->provider_id, std::nullopt});
  if (!allowed.ok()) {
    if (resource->status == ResourceStatus::kDraft ||
        resource->status == ResourceStatus::kRegistering) {
      return Status::NotFound("no resource " + resource_id);
    }
    return allowed;
  }
  RegistrationFilter filter;
  filter.resource_id = resource_id;
  std::string next;
  Result<std::vector<Registration>> existing = store_.ListRegistrations(filter, "", 1000, &next);
  if (!existing.ok()) return existing.status();
  for (const Registration& other : *existing) {
    if (!IsFinal(other.state)) {
      return Status::Conflict("resource " + resource_id + " already has registration " + other.id +
                              " in state " + std::string(RegistrationStateName(other.state)));
    }
  }
  if (type == RegistrationType::kInitial && resource->status != ResourceStatus::kDraft) {
    return Status::FailedPrecondition(
        "an initial registration (首次登记) is for a draft resource; resource " + resource_id +
        " is " + std::string(ResourceStatusName(resource->status)) +
        (resource->status == ResourceStatus::kRegistered ? "; submit a change, correction or "
                                                           "cancellation registration"
                                                         : ""));
  }
  if (type != RegistrationType::kInitial && resource->status != ResourceStatus::kRegistered) {
    return Status::FailedPrecondition(std::string("a ") + std::string(RegistrationTypeName(type)) +
                                      " registration is for a registered resource; resource " +
                                      resource_id + " is " +
                                      std::string(ResourceStatusName(resource->status)));
  }
  Submission submission{
      NewId("reg"), resource_id, resource->provider_id, type, {resource->name, resource->summary}};
  Result<RegistrationUpdate> update = gongshu::Submit(submission, clock_.Now(), calendar_, rules_);
  if (!update.ok()) return update.status();
  std::optional<ResourceStatus> status;
  if (type == RegistrationType::kInitial) status = ResourceStatus::kRegistering;
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, true, status, ""));
  return update->registration;
}

Result<Registration> RegistrationService::ForDecision(const Principal& actor,
                                                      const std::string& id) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kRegistrationDecide));
  return store_.GetRegistration(id);
}

Result<Registration> RegistrationService::Accept(const Principal& actor, const std::string& id) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  Result<RegistrationUpdate> update =
      gongshu::Accept(*registration, clock_.Now(), calendar_, rules_);
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, std::nullopt, ""));
  return update->registration;
}

Result<Registration> RegistrationService::Return(const Principal& actor, const std::string& id,
                                                 const std::vector<std::string>& missing_items) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  Result<RegistrationUpdate> update = gongshu::Return(*registration, missing_items, clock_.Now());
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, std::nullopt, ""));
  return update->registration;
}

Result<Registration> RegistrationService::Resubmit(const Principal& actor, const std::string& id) {
  Result<Registration> registration = store_.GetRegistration(id);
  if (!registration.ok()) return registration.status();
  Status allowed = Decide(actor, Action::kRegistrationSubmit,
                          {registration->registrant_organization_id, std::nullopt});
  if (!allowed.ok()) return Status::NotFound("no registration " + id);
  Result<Resource> resource = catalog_.GetResource(registration->resource_id);
  if (!resource.ok()) return resource.status();
  Result<RegistrationUpdate> update = gongshu::Resubmit(
      *registration, {resource->name, resource->summary}, clock_.Now(), calendar_, rules_);
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, std::nullopt, ""));
  return update->registration;
}

Result<Registration> RegistrationService::Review(const Principal& actor, const std::string& id) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  Result<RegistrationUpdate> update = gongshu::Review(*registration, clock_.Now());
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, std::nullopt, ""));
  return update->registration;
}

Result<Registration> RegistrationService::Publish(const Principal& actor, const std::string& id) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  Result<RegistrationUpdate> update =
      gongshu::Publish(*registration, clock_.Now(), calendar_, rules_);
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, std::nullopt, ""));
  return update->registration;
}

Result<Registration> RegistrationService::Code(const Principal& actor, const std::string& id) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  // Check the state and objections before taking a serial, so refusals cost no code.
  Result<std::vector<Objection>> objections = store_.ListObjections(id);
  if (!objections.ok()) return objections.status();
  int open = 0;
  for (const Objection& objection : *objections) {
    open += objection.state == ObjectionState::kOpen ? 1 : 0;
  }
  TimePoint now = clock_.Now();
  // A well-formed code to test the other preconditions with.
  Result<std::string> probe_code = FormatRegistrationCode("110000", 2000, 1);
  if (!probe_code.ok()) return probe_code.status();
  Result<RegistrationUpdate> probe = gongshu::Code(*registration, now, open, *probe_code);
  if (!probe.ok()) return probe.status();

  std::string division;
  for (const Membership& membership : actor.memberships) {
    if (membership.role == Role::kAdmin &&
        membership.organization_type == OrganizationType::kDataAdministration) {
      Result<Organization> body = identity_.GetOrganization(membership.organization_id);
      if (body.ok()) division = body->division_code;
      break;
    }
  }
  if (division.empty()) {
    return Status::FailedPrecondition("coding needs an admin of a data administration");
  }
  int year = static_cast<int>(LocalDate(now).year());
  Result<int> serial = store_.NextRegistrationSerial(division, year);
  if (!serial.ok()) return serial.status();
  Result<std::string> code = FormatRegistrationCode(division, year, *serial);
  if (!code.ok()) return code.status();
  Result<RegistrationUpdate> update = gongshu::Code(*registration, now, open, *code);
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, CodedStatus(registration->type), *code));
  return update->registration;
}

Result<Registration> RegistrationService::Reject(const Principal& actor, const std::string& id,
                                                 const std::string& reason) {
  Result<Registration> registration = ForDecision(actor, id);
  if (!registration.ok()) return registration.status();
  Result<RegistrationUpdate> update = gongshu::Reject(*registration, reason, clock_.Now());
  if (!update.ok()) return update.status();
  GONGSHU_RETURN_IF_ERROR(Store(actor, *update, false, RejectedStatus(registration->type), ""));
  return update->registration;
}

Result<Objection> RegistrationService::FileObjection(const Principal& actor,
                                                     const std::string& registration_id,
                                                     const std::string& contact,
                                                     const std::string& text) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kObjectionFile));
  Result<Registration> registration = store_.GetRegistration(registration_id);
  if (!registration.ok()) return registration.status();
  if (!IsPublic(*registration)) return Status::NotFound("no registration " + registration_id);
  TimePoint now = clock_.Now();
  Result<Objection> objection =
      gongshu::FileObjection(*registration, {NewId("obj"), contact, text}, now);
  if (!objection.ok()) return objection.status();
  RegistrationWrite write;
  write.objection = *objection;
  write.insert_objection = true;
  write.events.push_back({"objection.filed", actor.user_id, objection->id, now,
                          JsonText({{"registration_id", registration_id}})});
  GONGSHU_RETURN_IF_ERROR(store_.Write(write));
  return objection;
}

Result<ObjectionResolution> RegistrationService::ResolveObjection(const Principal& actor,
                                                                  const std::string& objection_id,
                                                                  ObjectionOutcome outcome,
                                                                  const std::string& reason) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kObjectionResolve));
  Result<Objection> objection = store_.GetObjection(objection_id);
  if (!objection.ok()) return objection.status();
  Result<Registration> registration = store_.GetRegistration(objection->registration_id);
  if (!registration.ok()) return registration.status();
  TimePoint now = clock_.Now();
  Result<ObjectionResolution> resolution =
      gongshu::ResolveObjection(*objection, *registration, outcome, reason, actor.user_id, now);
  if (!resolution.ok()) return resolution.status();
  RegistrationWrite write;
  write.objection = resolution->objection;
  write.events.push_back({"objection.resolved", actor.user_id, objection_id, now,
                          JsonText({{"registration_id", registration->id},
                                    {"outcome", ObjectionOutcomeName(outcome)},
                                    {"reason", reason}})});
  if (resolution->transition) {
    RegistrationUpdate update{resolution->registration, *resolution->transition};
    std::optional<ResourceStatus> status = RejectedStatus(registration->type);
    // The registration and resource changes are written together with the objection.
    write.registration = update.registration;
    const Transition& transition = update.transition;
    write.events.push_back({"registration.rejected", actor.user_id, registration->id, transition.at,
                            JsonText({{"resource_id", registration->resource_id},
                                      {"type", RegistrationTypeName(registration->type)},
                                      {"from", RegistrationStateName(*transition.from)},
                                      {"to", RegistrationStateName(transition.to)},
                                      {"reason", transition.reason}})});
    if (status) {
      Result<Resource> resource = catalog_.GetResource(registration->resource_id);
      if (!resource.ok()) return resource.status();
      Resource changed = *resource;
      changed.status = *status;
      changed.version = resource->version + 1;
      changed.updated_at = now;
      write.resource = ResourceChange{
          changed,
          {changed.version, actor.user_id, now, "registration " + registration->id + " rejected"}};
      write.events.push_back({"resource.status_changed", actor.user_id, changed.id, now,
                              JsonText({{"version", changed.version},
                                        {"status", ResourceStatusName(*status)},
                                        {"registration_id", registration->id}})});
    }
  }
  GONGSHU_RETURN_IF_ERROR(store_.Write(write));
  return resolution;
}

Result<Registration> RegistrationService::Get(const Principal& actor, const std::string& id) {
  Result<Registration> registration = store_.GetRegistration(id);
  if (!registration.ok()) return registration.status();
  if (IsPublic(*registration)) return registration;
  if (!Decide(actor, Action::kRegistrationRead,
              {registration->registrant_organization_id, std::nullopt})
           .ok()) {
    return Status::NotFound("no registration " + id);
  }
  return registration;
}

Result<std::vector<Registration>> RegistrationService::List(const Principal& actor,
                                                            RegistrationFilter filter,
                                                            const std::string& after_key, int limit,
                                                            std::string* next_key) {
  GONGSHU_RETURN_IF_ERROR(Decide(actor, Action::kRegistrationRead));
  if (!actor.IsPlatformAdmin() && !actor.HasRole(Role::kAuditor)) {
    std::vector<std::string> mine;
    for (const Membership& membership : actor.memberships) {
      if (membership.role == Role::kProvider || membership.role == Role::kAdmin) {
        mine.push_back(membership.organization_id);
      }
    }
    if (filter.registrant_organization_ids.empty()) {
      filter.registrant_organization_ids = mine;
    } else {
      for (const std::string& organization : filter.registrant_organization_ids) {
        GONGSHU_RETURN_IF_ERROR(
            Decide(actor, Action::kRegistrationRead, {organization, std::nullopt}));
      }
    }
  }
  return store_.ListRegistrations(filter, after_key, limit, next_key);
}

Result<std::vector<Objection>> RegistrationService::Objections(const std::string& registration_id) {
  return store_.ListObjections(registration_id);
}

Result<std::vector<PublicityEntry>> RegistrationService::Publicity(const std::string& after_key,
                                                                   int limit,
                                                                   std::string* next_key) {
  RegistrationFilter filter;
  filter.states = {RegistrationState::kPublicity};
  Result<std::vector<Registration>> registrations =
      store_.ListRegistrations(filter, after_key, limit, next_key);
  if (!registrations.ok()) return registrations.status();
  std::vector<PublicityEntry> entries;
  for (Registration& registration : *registrations) {
    Result<std::vector<Objection>> objections = store_.ListObjections(registration.id);
    if (!objections.ok()) return objections.status();
    std::string name = OrganizationName(registration.registrant_organization_id);
    entries.push_back({std::move(registration), std::move(name), std::move(*objections)});
  }
  return entries;
}

Result<RegistrationCertificate> RegistrationService::Certificate(const std::string& code) {
  Status valid = ValidateRegistrationCode(code);
  if (!valid.ok()) return Status::NotFound("no registration code " + code);
  Result<Registration> registration = store_.FindByCode(code);
  if (!registration.ok()) return registration.status();
  RegistrationCertificate certificate;
  certificate.registration = *registration;
  Result<Resource> resource = catalog_.GetResource(registration->resource_id);
  if (!resource.ok()) return resource.status();
  certificate.resource = *resource;
  certificate.registrant_name = OrganizationName(registration->registrant_organization_id);
  Result<Page<Organization>> administrations = identity_.ListOrganizations(
      OrganizationFilter{OrganizationType::kDataAdministration, std::nullopt}, PageRequest{"", 1});
  if (administrations.ok() && !administrations->items.empty()) {
    certificate.registering_body = administrations->items.front().name;
  }
  return certificate;
}

bool RegistrationService::Overdue(const Registration& registration) const {
  return gongshu::Overdue(registration, clock_.Now());
}

bool RegistrationService::ReadyToCode(const Registration& registration) const {
  return gongshu::ReadyToCode(registration, clock_.Now());
}

}  // namespace gongshu
