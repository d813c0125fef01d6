// Clock: the one source of "now", injectable so time rules can be tested at any date.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace gongshu {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Thread-safe.
  virtual TimePoint Now() const = 0;
};

// The wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told to move. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_;
  }
  void Advance(std::chrono::seconds delta) {
    std::lock_guard<std::mutex> lock(mutex_);
    now_ += delta;
  }

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
};

// The system time plus an offset in seconds read from a file (tests and drills: a publicity
// period ends when the test says so). The file holds one integer, possibly negative; it is
// re-read at most once per 100 ms of system time; a missing or unreadable file means offset 0.
// Thread-safe.
class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}
  TimePoint Now() const override;

 private:
  const std::string path_;
  mutable std::mutex mutex_;
  mutable TimePoint checked_at_{};         // guarded by mutex_
  mutable std::chrono::seconds offset_{};  // guarded by mutex_
};

// Formats `time` as ISO 8601 UTC with zone, second precision: "2026-11-23T10:38:07Z".
std::string FormatIsoTime(TimePoint time);

// Parses the form FormatIsoTime writes (also accepts a "+00:00" zone and fractional seconds).
// Returns false on anything else.
bool ParseIsoTime(const std::string& text, TimePoint* time);

// Seconds since the Unix epoch.
int64_t UnixSeconds(TimePoint time);
TimePoint FromUnixSeconds(int64_t seconds);

}  // namespace gongshu
