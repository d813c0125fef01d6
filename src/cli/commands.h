// The subcommands of `gongshu`. Each takes its words after the subcommand name, prints what a
// shell user needs, and returns the process exit code: 0 success, 1 failure, 2 usage error.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace gongshu {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int RunInit(const std::vector<std::string>& words);
int RunDemo(const std::vector<std::string>& words);
int RunServe(const std::vector<std::string>& words);
int RunImport(const std::vector<std::string>& words);
int RunUserAdd(const std::vector<std::string>& words);
int RunTokenCreate(const std::vector<std::string>& words);
int RunLedgerVerify(const std::vector<std::string>& words);
int RunLedgerWitness(const std::vector<std::string>& words);

// Prints "gongshu: <message>" (and each field error) to stderr and returns the exit code for
// `status`: kExitUsage for InvalidArgument, kExitFailure otherwise.
int ReportError(const Status& status);

// Reads a password from a file (the first line, without its line ending). InvalidArgument when
// the file cannot be read.
Result<std::string> ReadPasswordFile(const std::string& path);

}  // namespace gongshu
