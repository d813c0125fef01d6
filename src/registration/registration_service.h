// RegistrationService: runs the registration workflow (registration.h) against the stores — who
// may take each step, what the resource becomes, and that a step's values and events are stored
// together (registration_store.h).
//
// What a step does to its resource:
//   submit initial            draft -> registering
//   submit change/correction  must be registered; stays registered
//   submit cancellation       must be registered
//   code                      -> registered with the registration code (cancellation: -> cancelled)
//   reject, upheld objection  an initial registration's resource returns to draft
// A resource has at most one registration that is not final.
//
// Thread-safe when the stores are; two steps racing on one registration: one gets Conflict.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_store.h"
#include "common/clock.h"
#include "identity/identity_service.h"
#include "registration/registration.h"
#include "registration/registration_store.h"
#include "registration/working_calendar.h"

namespace gongshu {

// A registration certificate (登记证书): what the certificate page and JSON show.
struct RegistrationCertificate {
  Registration registration;
  Resource resource;             // the resource as registered
  std::string registrant_name;   // the providing organization
  std::string registering_body;  // the data administration that coded it
};

// An entry of the publicity list (公示): registrant, type, resource name and summary, the period,
// and the objections with their public resolutions.
struct PublicityEntry {
  Registration registration;
  std::string registrant_name;
  std::vector<Objection> objections;
};

class RegistrationService {
 public:
  // All references must outlive the service.
  RegistrationService(RegistrationStore& store, CatalogStore& catalog, IdentityService& identity,
                      const Clock& clock, const WorkingCalendar& calendar, RegistrationRules rules)
      : store_(store),
        catalog_(catalog),
        identity_(identity),
        clock_(clock),
        calendar_(calendar),
        rules_(rules) {}

  Result<Registration> Submit(const Principal& actor, const std::string& resource_id,
                              RegistrationType type);
  Result<Registration> Accept(const Principal& actor, const std::string& id);
  Result<Registration> Return(const Principal& actor, const std::string& id,
                              const std::vector<std::string>& missing_items);
  // The registrant resubmits after a return, with the resource's current name and summary.
  Result<Registration> Resubmit(const Principal& actor, const std::string& id);
  Result<Registration> Review(const Principal& actor, const std::string& id);
  Result<Registration> Publish(const Principal& actor, const std::string& id);
  // Issues the registration code (prefix: the division code of the actor's data administration).
  Result<Registration> Code(const Principal& actor, const std::string& id);
  Result<Registration> Reject(const Principal& actor, const std::string& id,
                              const std::string& reason);

  // Anyone, anonymous included, during publicity.
  Result<Objection> FileObjection(const Principal& actor, const std::string& registration_id,
                                  const std::string& contact, const std::string& text);
  Result<ObjectionResolution> ResolveObjection(const Principal& actor,
                                               const std::string& objection_id,
                                               ObjectionOutcome outcome, const std::string& reason);

  // A registration: public once in publicity or coded; before that, for admins, auditors and the
  // registrant's providers (NotFound for others).
  Result<Registration> Get(const Principal& actor, const std::string& id);
  // The queue: platform admins and auditors see all; providers their organizations'.
  Result<std::vector<Registration>> List(const Principal& actor, RegistrationFilter filter,
                                         const std::string& after_key, int limit,
                                         std::string* next_key);
  Result<std::vector<Objection>> Objections(const std::string& registration_id);
  // Registrations in publicity now, oldest first.
  Result<std::vector<PublicityEntry>> Publicity(const std::string& after_key, int limit,
                                                std::string* next_key);
  Result<RegistrationCertificate> Certificate(const std::string& code);

  bool Overdue(const Registration& registration) const;
  bool ReadyToCode(const Registration& registration) const;
  const RegistrationRules& rules() const { return rules_; }

 private:
  // Loads the registration and checks the actor may decide on it.
  Result<Registration> ForDecision(const Principal& actor, const std::string& id);
  // Stores a step: the registration update, an optional resource status change, the events.
  Status Store(const Principal& actor, const RegistrationUpdate& update, bool insert,
               std::optional<ResourceStatus> resource_status, const std::string& code);
  std::string OrganizationName(const std::string& id);

  RegistrationStore& store_;
  CatalogStore& catalog_;
  IdentityService& identity_;
  const Clock& clock_;
  const WorkingCalendar& calendar_;
  RegistrationRules rules_;
};

}  // namespace gongshu
