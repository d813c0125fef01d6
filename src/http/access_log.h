// The structured access log: one JSON object per line per request.
//
// Fields: time, level, msg ("request"), request_id, principal, method, route, path, status,
// bytes, latency_ms, remote. Secrets never appear: the path is logged without its query string.
// Thread-safe; each line is written with one call so lines never interleave.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "http/message.h"

namespace gongshu {

class AccessLog {
 public:
  // Writes to `sink` (not owned; may be null to disable the log).
  explicit AccessLog(FILE* sink) : sink_(sink) {}
  void Record(const Request& request, const Response& response, double latency_seconds);
  // A free-form operational line: {"time","level","msg", ...fields}.
  void Note(const std::string& level, const std::string& message,
            const std::string& fields_json = "{}");

 private:
  void Write(const std::string& line);
  std::mutex mutex_;
  FILE* sink_;
};

}  // namespace gongshu
