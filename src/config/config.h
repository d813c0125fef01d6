// Config: every setting of `gongshu serve`, from defaults, a TOML file, GONGSHU_* environment
// variables and command-line flags, in that order of precedence (later wins).
//
// Each setting has one dotted key ("limits.max_json_body_bytes"); its environment variable is
// GONGSHU_ + the key upper-cased with dots as underscores (GONGSHU_LIMITS_MAX_JSON_BODY_BYTES).
// docs/configuration.md lists them all. An unknown key in the file or an unknown GONGSHU_*
// variable is an error naming it, so a typo never passes silently.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongshu {

struct Config {
  std::string data_dir = "var";
  std::string listen = "127.0.0.1:8080";
  int threads = 0;         // 0: one per core
  std::string public_url;  // e.g. https://data.example.gov.cn; https makes cookies Secure
  std::string static_dir = "web/dist";  // the portal's built files
  std::string access_log = "stdout";    // "stdout", "off", or a file path
  // The evidence ledger's origin and checkpoint key name; empty: the host of public_url followed
  // by "/ledger", or "localhost/ledger" without a public_url.
  std::string ledger_origin;
  // This node's name as a witness (empty: the ledger origin's host followed by "/witness").
  std::string ledger_witness_name;
  // Comma-separated verifier keys of the logs this node cosigns as a witness.
  std::string ledger_witness_logs;
  // Comma-separated "<add-checkpoint URL>|<cosigner verifier key>" of this log's witnesses.
  std::string ledger_witnesses;
  int64_t ledger_batch_max_entries = 1024;
  int64_t ledger_batch_max_wait_ms = 2;

  int64_t max_json_body_bytes = 1024 * 1024;
  int64_t datasets_application_working_days = 10;
  // Row API, download and datastore_search requests an anonymous client address may make per
  // hour (a token bucket refilled evenly; 0: no quota).
  int64_t datasets_anonymous_requests_per_hour = 600;
  int64_t max_upload_bytes = int64_t{16} * 1024 * 1024 * 1024;
  int64_t max_header_bytes = 16 * 1024;
  int64_t idle_timeout_ms = 60000;
  int64_t request_timeout_ms = 30000;

  double rate_per_address = 100;  // requests per second per client address; 0 disables
  double burst_per_address = 200;
  double rate_per_token = 50;  // requests per second per API token; 0 disables
  double burst_per_token = 100;

  int64_t session_ttl_minutes = 12 * 60;
  int64_t lockout_threshold = 10;
  int64_t lockout_window_minutes = 15;
  int64_t token_default_ttl_days = 90;
  int64_t token_max_ttl_days = 366;
  // The catalog's theme taxonomy file (empty: the built-in twenty themes).
  std::string catalog_themes_file;
  // The working-day calendar file (empty: the built-in 2025–2026 schedules of China).
  std::string registration_calendar_file;
  int64_t registration_acceptance_working_days = 3;
  int64_t registration_review_working_days = 5;
  int64_t registration_publicity_working_days = 10;
  // For tests and drills only: a file holding a number of seconds added to the system time, read
  // whenever it changes, so that working-day deadlines can be tried at any date.
  std::string clock_offset_file;
};

// Every key with its description and default, for documentation and `gongshu serve --help`.
struct ConfigKey {
  std::string key;
  std::string description;
};
std::vector<ConfigKey> ConfigKeys();

// Applies the TOML document `text` (from `origin`, for messages) onto `config`. InvalidArgument
// naming the key for an unknown key, a wrong type or an out-of-range value, or naming the line
// for a syntax error.
Status ApplyConfigToml(const std::string& text, const std::string& origin, Config* config);

// Applies GONGSHU_* variables from `environment`. InvalidArgument naming the variable for an
// unknown one or a bad value.
Status ApplyConfigEnvironment(const std::map<std::string, std::string>& environment,
                              Config* config);

// Sets one key from text (as a command-line flag would). InvalidArgument naming the key.
Status SetConfigValue(const std::string& key, const std::string& value, Config* config);

// The ledger origin `config` gives (see Config::ledger_origin).
std::string LedgerOrigin(const Config& config);

// The witness name `config` gives (see Config::ledger_witness_name).
std::string WitnessName(const Config& config);

// Splits "host:port"; InvalidArgument unless the port is 0-65535.
Status ParseListenAddress(const std::string& listen, std::string* host, uint16_t* port);

}  // namespace gongshu
