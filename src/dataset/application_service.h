// ApplicationService: applying for data opened on conditions, deciding, and collecting the
// credential (data_application.h has the rules).
//
// Access: any signed-in user applies and sees their own applications; the providers of the
// resource's organization and platform admins see and decide them (auditors see all). Decisions
// are due within `working_days` working days of the calendar. Every change is an event.
// Thread-safe when the store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog_service.h"
#include "common/clock.h"
#include "dataset/dataset_store.h"
#include "identity/identity_service.h"
#include "registration/working_calendar.h"

namespace gongshu {

class ApplicationService {
 public:
  // References must outlive the service.
  ApplicationService(DatasetStore& store, CatalogService& catalog, IdentityService& identity,
                     const Clock& clock, const WorkingCalendar& calendar, int working_days)
      : store_(store),
        catalog_(catalog),
        identity_(identity),
        clock_(clock),
        calendar_(calendar),
        working_days_(working_days) {}

  // A new application by `actor` (signed in). NotFound for a resource the actor may not see;
  // FailedPrecondition when it is not registered or not opened on conditions; InvalidArgument
  // naming every bad field.
  Result<DataApplication> Submit(const Principal& actor, const std::string& resource_id,
                                 const nlohmann::json& body);
  // NotFound unless the actor applied, may decide it, or audits.
  Result<DataApplication> Get(const Principal& actor, const std::string& id);
  // The actor's own, those the actor may decide, or all (admins and auditors).
  Result<std::vector<DataApplication>> List(const Principal& actor,
                                            std::optional<ApplicationState> state);
  // Body {"reason": "..."} (required to reject). PermissionDenied unless the actor may decide;
  // FailedPrecondition when already decided.
  Result<DataApplication> Decide(const Principal& actor, const std::string& id, bool approve,
                                 const nlohmann::json& body);
  // The applicant's credential for an approved application whose period has not ended: an API
  // token scoped to dataset.read that expires at the end of the period, shown once. Asking
  // again revokes the previous one and issues another.
  Result<IssuedToken> IssueCredential(const Principal& actor, const std::string& id);

  const Clock& clock() const { return clock_; }

 private:
  bool MayDecide(const Principal& actor, const DataApplication& application) const;
  DatasetStore& store_;
  CatalogService& catalog_;
  IdentityService& identity_;
  const Clock& clock_;
  const WorkingCalendar& calendar_;
  int working_days_;
};

}  // namespace gongshu
