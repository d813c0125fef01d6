// Runs the real `gongshu` binary for integration tests: one-shot commands and a server on a free
// port with its own temporary data directory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

// MakeTempDir(), used by every integration test for its data directories.
#include "common/testing/temp_dir.h"

namespace gongshu::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `gongshu` with `arguments` and extra environment variables; waits for it.
CommandResult RunGongshu(const std::vector<std::string>& arguments,
                         const std::map<std::string, std::string>& environment = {});

// `gongshu serve` in the background on 127.0.0.1 with a port picked by the kernel.
class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts serving `data_dir`; returns false (with the server's output in `error`) when it does
  // not become ready within 10 seconds.
  bool Start(const std::string& data_dir, const std::map<std::string, std::string>& environment,
             std::string* error, const std::vector<std::string>& extra_arguments = {});
  uint16_t port() const { return port_; }
  // Sends SIGTERM and waits; returns the exit code (or 128 + signal).
  int Stop();
  // Sends `signal` without waiting.
  void Signal(int signal);
  // The server's standard output so far (the access log, by default).
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string directory_;
};

}  // namespace gongshu::testing
