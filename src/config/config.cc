#include "config/config.h"

#include <toml++/toml.h>

#include <cctype>
#include <charconv>
#include <functional>
#include <sstream>

namespace gongshu {
namespace {

enum class Kind { kString, kInteger, kNumber };

struct Setting {
  const char* key;
  Kind kind;
  const char* description;
  std::function<void*(Config*)> field;
  double minimum;
  double maximum;
};

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      {"data_dir", Kind::kString, "data directory (gongshu.db, keys/, datasets/, ledger/)",
       [](Config* c) -> void* { return &c->data_dir; }, 0, 0},
      {"listen", Kind::kString, "address to serve on, host:port (port 0 picks a free one)",
       [](Config* c) -> void* { return &c->listen; }, 0, 0},
      {"threads", Kind::kInteger, "server threads; 0 means one per core",
       [](Config* c) -> void* { return &c->threads; }, 0, 256},
      {"public_url", Kind::kString, "the URL users reach the portal at; https makes cookies Secure",
       [](Config* c) -> void* { return &c->public_url; }, 0, 0},
      {"static_dir", Kind::kString, "directory of the portal's built files",
       [](Config* c) -> void* { return &c->static_dir; }, 0, 0},
      {"access_log", Kind::kString, "where the JSON access log goes: stdout, off, or a file path",
       [](Config* c) -> void* { return &c->access_log; }, 0, 0},
      {"ledger.origin", Kind::kString,
       "evidence ledger origin and key name, e.g. data.example.gov.cn/ledger",
       [](Config* c) -> void* { return &c->ledger_origin; }, 0, 0},
      {"ledger.witness_name", Kind::kString, "this node's name when it cosigns other logs",
       [](Config* c) -> void* { return &c->ledger_witness_name; }, 0, 0},
      {"ledger.witness_logs", Kind::kString,
       "comma-separated verifier keys of the logs this node cosigns",
       [](Config* c) -> void* { return &c->ledger_witness_logs; }, 0, 0},
      {"ledger.witnesses", Kind::kString,
       "comma-separated <add-checkpoint URL>|<verifier key> of this log's witnesses",
       [](Config* c) -> void* { return &c->ledger_witnesses; }, 0, 0},
      {"ledger.batch_max_entries", Kind::kInteger, "a ledger batch closes at this many entries",
       [](Config* c) -> void* { return &c->ledger_batch_max_entries; }, 1, 65536},
      {"ledger.batch_max_wait_ms", Kind::kInteger, "or this long after its first entry",
       [](Config* c) -> void* { return &c->ledger_batch_max_wait_ms; }, 0, 10000},
      {"catalog.themes_file", Kind::kString,
       "theme taxonomy file (id, name, English name, EU theme per line); empty: built in",
       [](Config* c) -> void* { return &c->catalog_themes_file; }, 0, 0},
      {"registration.calendar_file", Kind::kString,
       "working-day calendar file (date, off|work, name per line); empty: built in 2025-2026",
       [](Config* c) -> void* { return &c->registration_calendar_file; }, 0, 0},
      {"registration.acceptance_working_days", Kind::kInteger,
       "working days to accept or return a registration",
       [](Config* c) -> void* { return &c->registration_acceptance_working_days; }, 1, 250},
      {"registration.review_working_days", Kind::kInteger,
       "working days from acceptance to the start of publicity",
       [](Config* c) -> void* { return &c->registration_review_working_days; }, 1, 250},
      {"registration.publicity_working_days", Kind::kInteger, "working days of publicity (公示)",
       [](Config* c) -> void* { return &c->registration_publicity_working_days; }, 1, 250},
      {"testing.clock_offset_file", Kind::kString,
       "tests only: a file holding seconds added to the system time",
       [](Config* c) -> void* { return &c->clock_offset_file; }, 0, 0},
      {"limits.max_json_body_bytes", Kind::kInteger, "largest JSON request body",
       [](Config* c) -> void* { return &c->max_json_body_bytes; }, 1024, 1 << 30},
      {"datasets.application_working_days", Kind::kInteger,
       "working days a provider has to decide a data application",
       [](Config* c) -> void* { return &c->datasets_application_working_days; }, 1, 250},
      {"datasets.anonymous_requests_per_hour", Kind::kInteger,
       "data requests (rows, downloads) an anonymous address may make per hour (0: no quota)",
       [](Config* c) -> void* { return &c->datasets_anonymous_requests_per_hour; }, 0, 1e9},
      {"limits.max_upload_bytes", Kind::kInteger,
       "largest data upload (streamed to disk, not memory)",
       [](Config* c) -> void* { return &c->max_upload_bytes; }, 1024, double(int64_t{1} << 50)},
      {"limits.max_header_bytes", Kind::kInteger, "largest request header block",
       [](Config* c) -> void* { return &c->max_header_bytes; }, 1024, 1 << 20},
      {"limits.idle_timeout_ms", Kind::kInteger, "how long an idle keep-alive connection waits",
       [](Config* c) -> void* { return &c->idle_timeout_ms; }, 100, 3600000},
      {"limits.request_timeout_ms", Kind::kInteger, "how long reading one request may take",
       [](Config* c) -> void* { return &c->request_timeout_ms; }, 100, 3600000},
      {"rate_limit.per_address", Kind::kNumber, "requests per second per client address (0: off)",
       [](Config* c) -> void* { return &c->rate_per_address; }, 0, 1e9},
      {"rate_limit.burst_per_address", Kind::kNumber, "burst size per client address",
       [](Config* c) -> void* { return &c->burst_per_address; }, 1, 1e9},
      {"rate_limit.per_token", Kind::kNumber, "requests per second per API token (0: off)",
       [](Config* c) -> void* { return &c->rate_per_token; }, 0, 1e9},
      {"rate_limit.burst_per_token", Kind::kNumber, "burst size per API token",
       [](Config* c) -> void* { return &c->burst_per_token; }, 1, 1e9},
      {"auth.session_ttl_minutes", Kind::kInteger, "how long a sign-in lasts",
       [](Config* c) -> void* { return &c->session_ttl_minutes; }, 1, 525600},
      {"auth.lockout_threshold", Kind::kInteger, "failed logins that lock an account",
       [](Config* c) -> void* { return &c->lockout_threshold; }, 1, 1000},
      {"auth.lockout_window_minutes", Kind::kInteger, "window in which failed logins count",
       [](Config* c) -> void* { return &c->lockout_window_minutes; }, 1, 10080},
      {"auth.token_default_ttl_days", Kind::kInteger, "lifetime of a token when none is asked",
       [](Config* c) -> void* { return &c->token_default_ttl_days; }, 1, 3660},
      {"auth.token_max_ttl_days", Kind::kInteger, "longest lifetime a token may have",
       [](Config* c) -> void* { return &c->token_max_ttl_days; }, 1, 3660},
  };
  return kSettings;
}

const Setting* FindSetting(const std::string& key) {
  for (const Setting& setting : Settings()) {
    if (key == setting.key) return &setting;
  }
  return nullptr;
}

std::string RangeText(const Setting& setting) {
  std::ostringstream text;
  text << "must be between " << setting.minimum << " and " << setting.maximum;
  return text.str();
}

Status Assign(const Setting& setting, const std::string& text, Config* config,
              const std::string& name) {
  void* field = setting.field(config);
  if (setting.kind == Kind::kString) {
    *static_cast<std::string*>(field) = text;
    return Status::Ok();
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  bool integral = setting.kind != Kind::kInteger || text.find_first_of(".eE") == std::string::npos;
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || !integral) {
    return Status::InvalidField(
        name, setting.kind == Kind::kInteger ? "must be an integer" : "must be a number");
  }
  if (value < setting.minimum || value > setting.maximum) {
    return Status::InvalidField(name, RangeText(setting));
  }
  if (setting.kind == Kind::kNumber) {
    *static_cast<double*>(field) = value;
  } else if (std::string(setting.key) == "threads") {
    *static_cast<int*>(field) = static_cast<int>(value);
  } else {
    *static_cast<int64_t*>(field) = static_cast<int64_t>(value);
  }
  return Status::Ok();
}

Status ApplyNode(const toml::node& node, const std::string& prefix, Config* config,
                 const std::string& origin) {
  const toml::table* table = node.as_table();
  for (const auto& [key, value] : *table) {
    std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (value.is_table()) {
      GONGSHU_RETURN_IF_ERROR(ApplyNode(value, name, config, origin));
      continue;
    }
    const Setting* setting = FindSetting(name);
    if (setting == nullptr) {
      return Status::InvalidField(name, "unknown key in " + origin + " (line " +
                                            std::to_string(value.source().begin.line) + ")");
    }
    std::string text;
    if (setting->kind == Kind::kString) {
      if (!value.is_string()) return Status::InvalidField(name, "must be a string in " + origin);
      text = *value.value<std::string>();
    } else if (value.is_integer()) {
      text = std::to_string(*value.value<int64_t>());
    } else if (value.is_floating_point() && setting->kind == Kind::kNumber) {
      std::ostringstream number;
      number << *value.value<double>();
      text = number.str();
    } else {
      return Status::InvalidField(
          name, std::string("must be ") +
                    (setting->kind == Kind::kInteger ? "an integer" : "a number") + " in " +
                    origin);
    }
    GONGSHU_RETURN_IF_ERROR(Assign(*setting, text, config, name));
  }
  return Status::Ok();
}

}  // namespace

std::vector<ConfigKey> ConfigKeys() {
  std::vector<ConfigKey> keys;
  for (const Setting& setting : Settings()) keys.push_back({setting.key, setting.description});
  return keys;
}

Status ApplyConfigToml(const std::string& text, const std::string& origin, Config* config) {
  // toml++ reports syntax errors by exception; they become a value here.
  toml::table table;
  try {
    table = toml::parse(text, origin);
  } catch (const toml::parse_error& error) {
    return Status::InvalidArgument(origin + " line " + std::to_string(error.source().begin.line) +
                                   ": " + std::string(error.description()));
  }
  return ApplyNode(table, "", config, origin);
}

Status ApplyConfigEnvironment(const std::map<std::string, std::string>& environment,
                              Config* config) {
  for (const auto& [variable, value] : environment) {
    if (variable.rfind("GONGSHU_", 0) != 0) continue;
    const Setting* match = nullptr;
    for (const Setting& setting : Settings()) {
      std::string expected = "GONGSHU_";
      for (char symbol : std::string(setting.key)) {
        expected += symbol == '.' ? '_' : static_cast<char>(std::toupper(symbol));
      }
      if (expected == variable) match = &setting;
    }
    if (match == nullptr) {
      return Status::InvalidField(variable, "unknown setting; see docs/configuration.md");
    }
    GONGSHU_RETURN_IF_ERROR(Assign(*match, value, config, variable));
  }
  return Status::Ok();
}

Status SetConfigValue(const std::string& key, const std::string& value, Config* config) {
  const Setting* setting = FindSetting(key);
  if (setting == nullptr) return Status::InvalidField(key, "unknown setting");
  return Assign(*setting, value, config, key);
}

std::string LedgerOrigin(const Config& config) {
  if (!config.ledger_origin.empty()) return config.ledger_origin;
  std::string host = config.public_url;
  size_t scheme = host.find("://");
  if (scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find('/'));
  return (host.empty() ? std::string("localhost") : host) + "/ledger";
}

std::string WitnessName(const Config& config) {
  if (!config.ledger_witness_name.empty()) return config.ledger_witness_name;
  std::string origin = LedgerOrigin(config);
  return origin.substr(0, origin.find('/')) + "/witness";
}

Status ParseListenAddress(const std::string& listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidField("listen", "must be host:port, e.g. 127.0.0.1:8080");
  }
  std::string port_text = listen.substr(colon + 1);
  int value = -1;
  auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (error != std::errc() || end != port_text.data() + port_text.size() || value < 0 ||
      value > 65535) {
    return Status::InvalidField("listen", "port must be a number from 0 to 65535");
  }
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  *port = static_cast<uint16_t>(value);
  return Status::Ok();
}

}  // namespace gongshu
