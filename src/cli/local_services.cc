#include "cli/local_services.h"

#include <fstream>
#include <map>
#include <sstream>

#include "cli/arguments.h"
#include "cli/data_directory.h"
#include "config/config.h"

extern char** environ;

namespace gongshu {
namespace {

Result<std::string> ReadTextFile(const std::string& path, const std::string& key) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::InvalidField(key, "cannot read " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::map<std::string, std::string> Environment() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text(*entry);
    size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return variables;
}

}  // namespace

Result<Config> LoadConfig(const Arguments& arguments) {
  Config config;
  if (std::optional<std::string> path = arguments.Get("config")) {
    std::ifstream file(*path);
    if (!file) return Status::InvalidArgument("cannot read the config file " + *path);
    std::ostringstream text;
    text << file.rdbuf();
    GONGSHU_RETURN_IF_ERROR(ApplyConfigToml(text.str(), *path, &config));
  }
  GONGSHU_RETURN_IF_ERROR(ApplyConfigEnvironment(Environment(), &config));
  if (std::optional<std::string> dir = arguments.Get("data-dir")) {
    GONGSHU_RETURN_IF_ERROR(SetConfigValue("data_dir", *dir, &config));
  }
  if (std::optional<std::string> listen = arguments.Get("listen")) {
    GONGSHU_RETURN_IF_ERROR(SetConfigValue("listen", *listen, &config));
  }
  return config;
}

Result<std::unique_ptr<LocalServices>> OpenLocalServices(const std::string& data_dir,
                                                         int connections, const Config& config) {
  auto services = std::make_unique<LocalServices>();
  if (config.clock_offset_file.empty()) {
    services->clock = std::make_unique<SystemClock>();
  } else {
    services->clock = std::make_unique<OffsetFileClock>(config.clock_offset_file);
  }
  services->themes = ThemeTaxonomy::Default();
  if (!config.catalog_themes_file.empty()) {
    Result<std::string> text = ReadTextFile(config.catalog_themes_file, "catalog.themes_file");
    if (!text.ok()) return text.status();
    Result<ThemeTaxonomy> themes = ThemeTaxonomy::Parse(*text);
    if (!themes.ok()) {
      return Status::InvalidField("catalog.themes_file", themes.status().message());
    }
    services->themes = std::move(*themes);
  }
  std::string calendar_text(DefaultCalendarFile());
  if (!config.registration_calendar_file.empty()) {
    Result<std::string> text =
        ReadTextFile(config.registration_calendar_file, "registration.calendar_file");
    if (!text.ok()) return text.status();
    calendar_text = *text;
  }
  Result<WorkingCalendar> calendar = WorkingCalendar::Parse(calendar_text);
  if (!calendar.ok()) {
    return Status::InvalidField("registration.calendar_file", calendar.status().message());
  }
  services->calendar = std::move(*calendar);
  Result<std::unique_ptr<ConnectionPool>> pool = OpenMetadataStore(data_dir, connections);
  if (!pool.ok()) return pool.status();
  services->pool = std::move(*pool);
  services->identity_store = std::make_unique<SqliteIdentityStore>(*services->pool);
  IdentitySettings settings;
  settings.session_ttl = std::chrono::minutes(config.session_ttl_minutes);
  settings.lockout_threshold = static_cast<int>(config.lockout_threshold);
  settings.lockout_window = std::chrono::minutes(config.lockout_window_minutes);
  settings.token_default_ttl = std::chrono::hours(24 * config.token_default_ttl_days);
  settings.token_max_ttl = std::chrono::hours(24 * config.token_max_ttl_days);
  services->identity =
      std::make_unique<IdentityService>(*services->identity_store, *services->clock, settings);
  services->events = std::make_unique<SqliteEventSource>(*services->pool);
  services->catalog_store = std::make_unique<SqliteCatalogStore>(*services->pool);
  services->catalog = std::make_unique<CatalogService>(
      *services->catalog_store, *services->identity, *services->clock, services->themes);
  services->registration_store = std::make_unique<SqliteRegistrationStore>(*services->pool);
  RegistrationRules rules;
  rules.acceptance_working_days = static_cast<int>(config.registration_acceptance_working_days);
  rules.review_working_days = static_cast<int>(config.registration_review_working_days);
  rules.publicity_working_days = static_cast<int>(config.registration_publicity_working_days);
  services->registration = std::make_unique<RegistrationService>(
      *services->registration_store, *services->catalog_store, *services->identity,
      *services->clock, services->calendar, rules);
  services->dataset_store = std::make_unique<SqliteDatasetStore>(*services->pool);
  DatasetServiceOptions dataset_options;
  dataset_options.datasets_directory = data_dir + "/datasets";
  dataset_options.release_key_file = data_dir + "/keys/pseudonymization.key";
  services->datasets = std::make_unique<DatasetService>(
      *services->dataset_store, *services->catalog, *services->clock, dataset_options);
  services->applications = std::make_unique<ApplicationService>(
      *services->dataset_store, *services->catalog, *services->identity, *services->clock,
      services->calendar, static_cast<int>(config.datasets_application_working_days));
  return services;
}

Status OpenLedger(const std::string& data_dir, const Config& config, bool record,
                  LocalServices* services) {
  Result<std::string> seed = ReadSigningSeed(data_dir);
  if (!seed.ok()) return seed.status();
  Result<NoteSigner> signer = NoteSigner::Create(LedgerOrigin(config), *seed);
  if (!signer.ok()) {
    return Status::InvalidField("ledger.origin", signer.status().message());
  }
  DurableLogOptions options;
  options.batch_max_entries = static_cast<int>(config.ledger_batch_max_entries);
  options.batch_max_wait_ms = static_cast<int>(config.ledger_batch_max_wait_ms);
  Result<std::unique_ptr<DurableLog>> ledger =
      DurableLog::Open(data_dir + "/ledger", std::move(*signer), options);
  if (!ledger.ok()) return ledger.status();
  services->ledger = std::move(*ledger);
  Result<CosignatureSigner> cosigner = CosignatureSigner::Create(WitnessName(config), *seed);
  if (!cosigner.ok())
    return Status::InvalidField("ledger.witness_name", cosigner.status().message());
  services->cosigner = std::make_unique<CosignatureSigner>(std::move(*cosigner));
  services->witness_state = std::make_unique<SqliteWitnessState>(*services->pool);
  for (size_t start = 0; start < config.ledger_witness_logs.size();) {
    size_t comma = config.ledger_witness_logs.find(',', start);
    std::string key = config.ledger_witness_logs.substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? config.ledger_witness_logs.size() : comma + 1;
    if (key.empty()) continue;
    Result<NoteVerifier> verifier = ParseVerifierKey(key);
    if (!verifier.ok())
      return Status::InvalidField("ledger.witness_logs", verifier.status().message());
    services->witness_logs[verifier->name] = *verifier;
  }
  if (record) {
    services->recorder = std::make_unique<Recorder>(*services->events, *services->ledger);
    GONGSHU_RETURN_IF_ERROR(services->recorder->Start());
  }
  return Status::Ok();
}

Principal LocalOperator() {
  Principal principal;
  principal.user_id = "local-operator";
  principal.username = "local-operator";
  principal.memberships.push_back(
      Membership{"", Role::kAdmin, OrganizationType::kDataAdministration});
  return principal;
}

}  // namespace gongshu
