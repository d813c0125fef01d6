// Command-line arguments of one subcommand: positional words and --flags.
//
// Accepts "--name value" and "--name=value"; a flag may repeat (values are kept in order).
// Flags named in `switches` take no value. Any flag not declared is a usage error naming it.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace gongshu {

struct Arguments {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> flags;

  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

// InvalidArgument naming the flag for an unknown flag or a missing value.
Result<Arguments> ParseArguments(const std::vector<std::string>& words,
                                 const std::set<std::string>& valued,
                                 const std::set<std::string>& switches = {});

}  // namespace gongshu
