// SqliteRegistrationStore: RegistrationStore on the embedded SQLite metadata database.
// Registrations and objections are stored as JSON documents (registration/registration_json.h)
// beside the columns lists filter on; docs/store.md has the tables.
#pragma once

#include "registration/registration_store.h"
#include "store/sqlite.h"

namespace gongshu {

class SqliteRegistrationStore final : public RegistrationStore {
 public:
  // `pool` must outlive the store.
  explicit SqliteRegistrationStore(ConnectionPool& pool) : pool_(pool) {}

  Status Write(const RegistrationWrite& write) override;
  Result<Registration> GetRegistration(const std::string& id) override;
  Result<Registration> FindByCode(const std::string& code) override;
  Result<std::vector<Registration>> ListRegistrations(const RegistrationFilter& filter,
                                                      const std::string& after_key, int limit,
                                                      std::string* next_key) override;
  Result<Objection> GetObjection(const std::string& id) override;
  Result<std::vector<Objection>> ListObjections(const std::string& registration_id) override;
  Result<int> NextRegistrationSerial(const std::string& division_code, int year) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace gongshu
