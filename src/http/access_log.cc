#include "http/access_log.h"

#include <nlohmann/json.hpp>

#include "common/clock.h"

namespace gongshu {

void AccessLog::Record(const Request& request, const Response& response, double latency_seconds) {
  if (sink_ == nullptr) return;
  nlohmann::json line = {
      {"time", FormatIsoTime(SystemClock().Now())},
      {"level", "info"},
      {"msg", "request"},
      {"request_id", request.request_id},
      {"principal", response.principal.empty() ? "anonymous" : response.principal},
      {"method", request.method},
      {"route", response.route},
      {"path", request.path},
      {"status", response.status},
      {"bytes", response.body.size()},
      {"latency_ms", static_cast<double>(static_cast<int64_t>(latency_seconds * 1e6)) / 1000.0},
      {"remote", request.remote_address},
  };
  Write(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void AccessLog::Note(const std::string& level, const std::string& message,
                     const std::string& fields_json) {
  if (sink_ == nullptr) return;
  nlohmann::json line = nlohmann::json::parse(fields_json, nullptr, false);
  if (!line.is_object()) line = nlohmann::json::object();
  line["time"] = FormatIsoTime(SystemClock().Now());
  line["level"] = level;
  line["msg"] = message;
  Write(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void AccessLog::Write(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), sink_);
  std::fputc('\n', sink_);
  std::fflush(sink_);
}

}  // namespace gongshu
