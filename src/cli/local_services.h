// LocalServices: the store and services of one data directory, opened for a command.
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog_service.h"
#include "catalog/theme.h"
#include "common/clock.h"
#include "dataset/application_service.h"
#include "dataset/dataset_service.h"
#include "identity/access_policy.h"
#include "identity/identity_service.h"
#include "ledger/durable_log.h"
#include "ledger/recorder.h"
#include "ledger/witness.h"
#include "registration/registration_service.h"
#include "registration/working_calendar.h"
#include "store/sqlite.h"
#include "store/sqlite_catalog_store.h"
#include "store/sqlite_dataset_store.h"
#include "store/sqlite_event_source.h"
#include "store/sqlite_identity_store.h"
#include "store/sqlite_registration_store.h"
#include "store/sqlite_witness_state.h"

namespace gongshu {

struct LocalServices {
  // The system clock, or with testing.clock_offset_file an offset one.
  std::unique_ptr<Clock> clock;
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<SqliteIdentityStore> identity_store;
  std::unique_ptr<IdentityService> identity;
  ThemeTaxonomy themes;
  WorkingCalendar calendar;
  std::unique_ptr<SqliteCatalogStore> catalog_store;
  std::unique_ptr<CatalogService> catalog;
  std::unique_ptr<SqliteRegistrationStore> registration_store;
  std::unique_ptr<RegistrationService> registration;
  std::unique_ptr<SqliteDatasetStore> dataset_store;
  // Not started: commands that ingest or serve data call datasets->Start().
  std::unique_ptr<DatasetService> datasets;
  std::unique_ptr<ApplicationService> applications;
  std::unique_ptr<SqliteEventSource> events;
  // Opened by OpenLedger (serve, ledger commands), not by every command.
  std::unique_ptr<DurableLog> ledger;
  std::unique_ptr<Recorder> recorder;
  // The witness role, set up by OpenLedger when ledger.witness_logs names logs.
  std::unique_ptr<CosignatureSigner> cosigner;
  WitnessLogs witness_logs;
  std::unique_ptr<SqliteWitnessState> witness_state;
};

struct Arguments;
struct Config;

// The settings of a command: defaults, then the TOML file of --config, then GONGSHU_*
// variables, then --data-dir and --listen when the command takes them. InvalidArgument naming
// the key or variable that is wrong.
Result<Config> LoadConfig(const Arguments& arguments);

// Opens `data_dir` with `connections` store connections and settings from `config`.
Result<std::unique_ptr<LocalServices>> OpenLocalServices(const std::string& data_dir,
                                                         int connections, const Config& config);

// Opens the evidence ledger of `data_dir` into `services`, signing as LedgerOrigin(config) with
// the node's key. With `record`, also starts the recorder that puts new events on it.
Status OpenLedger(const std::string& data_dir, const Config& config, bool record,
                  LocalServices* services);

// The principal commands act as: the operator of the data directory, with a platform admin's
// rights. Its events carry an empty actor.
Principal LocalOperator();

}  // namespace gongshu
