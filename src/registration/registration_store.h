// RegistrationStore: what the registration service needs from a metadata store. One write stores
// every value a step changes — the registration, an objection, the resource's new version — and
// their events, in one transaction, so no step is ever half recorded.
//
// Implementations: store/sqlite_registration_store.h. Thread-safe. Errors: NotFound for a
// missing id, Conflict when a value changed since it was read (revision or version), Internal for
// the store itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/resource.h"
#include "common/event.h"
#include "common/status.h"
#include "registration/registration.h"

namespace gongshu {

// A new version of a resource to store with a registration step.
struct ResourceChange {
  Resource resource;  // with version = stored version + 1
  ResourceVersionInfo info;
};

struct RegistrationWrite {
  // The registration after the step; inserted when `insert_registration`, else written over
  // revision - 1.
  std::optional<Registration> registration;
  bool insert_registration = false;
  // An objection filed (inserted) or resolved (written over revision - 1).
  std::optional<Objection> objection;
  bool insert_objection = false;
  std::optional<ResourceChange> resource;
  std::vector<Event> events;
};

struct RegistrationFilter {
  std::vector<RegistrationState> states;                 // empty: any
  std::vector<std::string> registrant_organization_ids;  // empty: any
  std::string resource_id;                               // empty: any
};

class RegistrationStore {
 public:
  virtual ~RegistrationStore() = default;

  virtual Status Write(const RegistrationWrite& write) = 0;
  virtual Result<Registration> GetRegistration(const std::string& id) = 0;
  // The coded registration with this code.
  virtual Result<Registration> FindByCode(const std::string& code) = 0;
  // Oldest submission first; `after_key` continues a previous page ("" for the first).
  virtual Result<std::vector<Registration>> ListRegistrations(const RegistrationFilter& filter,
                                                              const std::string& after_key,
                                                              int limit, std::string* next_key) = 0;
  virtual Result<Objection> GetObjection(const std::string& id) = 0;
  // The objections of a registration, oldest first.
  virtual Result<std::vector<Objection>> ListObjections(const std::string& registration_id) = 0;
  // The next serial for codes of `division_code` in `year`: 1, 2, ... Each call takes a new
  // one, committed at once, so a serial is never issued twice even if coding then fails.
  virtual Result<int> NextRegistrationSerial(const std::string& division_code, int year) = 0;
};

}  // namespace gongshu
