#include "cli/arguments.h"

namespace gongshu {

std::optional<std::string> Arguments::Get(const std::string& name) const {
  auto entry = flags.find(name);
  if (entry == flags.end() || entry->second.empty()) return std::nullopt;
  return entry->second.back();
}

std::vector<std::string> Arguments::GetAll(const std::string& name) const {
  auto entry = flags.find(name);
  return entry == flags.end() ? std::vector<std::string>{} : entry->second;
}

Result<Arguments> ParseArguments(const std::vector<std::string>& words,
                                 const std::set<std::string>& valued,
                                 const std::set<std::string>& switches) {
  Arguments arguments;
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index];
    if (word.rfind("--", 0) != 0 || word == "--") {
      arguments.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> value;
    size_t equals = name.find('=');
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (switches.count(name)) {
      if (value) return Status::InvalidArgument("--" + name + " takes no value");
      arguments.flags[name].push_back("true");
      continue;
    }
    if (!valued.count(name)) return Status::InvalidArgument("unknown option --" + name);
    if (!value) {
      if (index + 1 >= words.size()) return Status::InvalidArgument("--" + name + " needs a value");
      value = words[++index];
    }
    arguments.flags[name].push_back(*value);
  }
  return arguments;
}

}  // namespace gongshu
