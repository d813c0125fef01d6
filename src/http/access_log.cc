#include "http/access_log.h"

#include <charconv>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/utf8.h"

namespace gongshu {

namespace {

// Appends `text` as a JSON string. Written by hand because this runs for every request and a
// JSON document object per line costs more than the rest of the log put together; bytes that
// are not valid UTF-8 become U+FFFD so a hostile path cannot break the line.
void AppendJsonString(std::string* out, std::string_view text) {
  bool valid = IsValidUtf8(text);
  out->push_back('"');
  for (unsigned char symbol : text) {
    if (symbol == '"' || symbol == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(symbol));
    } else if (symbol < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04x", symbol);
      out->append(escape);
    } else if (symbol >= 0x80 && !valid) {
      out->append("\\ufffd");
    } else {
      out->push_back(static_cast<char>(symbol));
    }
  }
  out->push_back('"');
}

}  // namespace

void AccessLog::Record(const Request& request, const Response& response, double latency_seconds) {
  if (sink_ == nullptr) return;
  std::string line;
  line.reserve(256 + request.path.size());
  line.append("{\"time\":\"").append(FormatIsoTime(SystemClock().Now()));
  line.append("\",\"level\":\"info\",\"msg\":\"request\",\"request_id\":");
  AppendJsonString(&line, request.request_id);
  line.append(",\"principal\":");
  AppendJsonString(&line, response.principal.empty() ? "anonymous" : response.principal);
  line.append(",\"method\":");
  AppendJsonString(&line, request.method);
  line.append(",\"route\":");
  AppendJsonString(&line, response.route);
  line.append(",\"path\":");
  AppendJsonString(&line, request.path);
  // Numbers with to_chars: snprintf costs more than the rest of the line.
  char number[32];
  auto append_number = [&line, &number](auto value) {
    line.append(number, std::to_chars(number, number + sizeof(number), value).ptr);
  };
  line.append(",\"status\":");
  append_number(response.status);
  line.append(",\"bytes\":");
  append_number(response.body.size());
  line.append(",\"latency_ms\":");
  int64_t microseconds = static_cast<int64_t>(latency_seconds * 1e6);
  append_number(microseconds / 1000);
  line.push_back('.');
  std::string fraction = std::to_string(1000 + microseconds % 1000).substr(1);
  line.append(fraction).append(",\"remote\":");
  AppendJsonString(&line, request.remote_address);
  line.push_back('}');
  Write(line);
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
