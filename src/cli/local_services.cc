#include "cli/local_services.h"

#include "cli/data_directory.h"
#include "config/config.h"

namespace gongshu {

Result<std::unique_ptr<LocalServices>> OpenLocalServices(const std::string& data_dir,
                                                         int connections, const Config& config) {
  auto services = std::make_unique<LocalServices>();
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
      std::make_unique<IdentityService>(*services->identity_store, services->clock, settings);
  services->events = std::make_unique<SqliteEventSource>(*services->pool);
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
